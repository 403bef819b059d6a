"""Three counters of one venue on a stand-in, and the day they book (venue report tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from helpers.desk_setup import Booking, close_desk, make_desk
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.venue_report import CounterTotals
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer

COUNTERS = ("box-office-1", "till_2", "kiosk3")


def eur(amount: str) -> tuple[Money, ...]:
    return (Money(Decimal(amount), "EUR"),) if Decimal(amount) else ()


@dataclass
class Venue:
    server: StandinServer
    desks: dict[str, Desk]
    booking: Booking

    def redeem(self, counter: str, value: str, adults: int, children: int = 0) -> str:
        desk = self.desks[counter]
        code = f"V-{counter}-{len(self.server.state.orders())}"
        vid = self.server.state.add_voucher(code, Decimal(value))
        outcome = desk.redeem(self.booking.quote(desk, vid, adults, children))
        assert outcome.kind is OutcomeKind.DONE, outcome
        return outcome.key


@contextmanager
def open_venue(server: StandinServer, home: Path) -> Iterator[Venue]:
    """Three counters on ``server``, each with its own API client and journal."""
    empty_standin = server
    tmp_path = home
    desks: dict[str, Desk] = {}
    for counter in COUNTERS:
        secret = f"secret-of-{counter}"
        empty_standin.state.add_client(counter, secret)  # one API client per counter PC
        desks[counter] = make_desk(
            empty_standin.base_url,
            tmp_path / counter,
            counter_id=counter,
            client_id=counter,
            secret=secret,
        )
    booking = Booking.add_to(empty_standin, slots=50)
    try:
        yield Venue(empty_standin, desks, booking)
    finally:
        for desk in desks.values():
            close_desk(desk)


def seed_day(venue: Venue) -> None:
    """Adult 30.00, Child 12.50. Per counter: what is booked, drawn, topped up, undone."""
    # box-office-1: 100 voucher, 2A+1C = 72.50 (no top-up); 50 voucher, 2A = 60 (top-up 10)
    venue.redeem("box-office-1", "100", 2, 1)
    venue.redeem("box-office-1", "50", 2)
    # till_2: 20 voucher, 1A = 30 (top-up 10); one undone: 40 voucher, 1A = 30
    venue.redeem("till_2", "20", 1)
    undone = venue.redeem("till_2", "40", 1)
    assert venue.desks["till_2"].undo(undone).key == undone
    # kiosk3: 12.50 voucher, 1C (exact); one undone with a top-up: 25 voucher, 1A (top-up 5)
    venue.redeem("kiosk3", "12.50", 0, 1)
    undone = venue.redeem("kiosk3", "25", 1)
    venue.desks["kiosk3"].undo(undone)
    # A voucher order placed elsewhere (the shop), not by a counter: counted apart.
    state = venue.server.state
    vid = state.add_voucher("SHOP-1", Decimal("80"))
    state.create_order(
        {
            "name": "Web shop",
            "lang": "de",
            "currency": "EUR",
            "external_reference": "shop-4711",
            "tickets": [
                {
                    "date_id": venue.booking.date_id,
                    "participants": [{"price_id": venue.booking.adult}],
                }
            ],
            "redeemed_vouchers": [{"id": vid, "redeemed_value": Decimal("30")}],
        }
    )


EXPECTED = {
    "box-office-1": CounterTotals(
        counter_id="box-office-1",
        orders=2,
        drawn=eur("122.50"),
        top_ups=eur("10.00"),
        cancelled=0,
        cancelled_drawn=(),
    ),
    "kiosk3": CounterTotals(
        counter_id="kiosk3",
        orders=1,
        drawn=eur("12.50"),
        top_ups=(),
        cancelled=1,
        cancelled_drawn=eur("25.00"),
    ),
    "till_2": CounterTotals(
        counter_id="till_2",
        orders=1,
        drawn=eur("20.00"),
        top_ups=eur("10.00"),
        cancelled=1,
        cancelled_drawn=eur("30.00"),
    ),
}
