"""The customer slip's content, from real redemptions on the stand-in (no Qt)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_factories import make_outcome
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.slip import mask_code, slip_for
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer

PRINTED = datetime(2026, 11, 25, 17, 40, tzinfo=UTC)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till7", counter_id="till7")
    yield d
    close_desk(d)


@pytest.fixture
def booking(standin: StandinServer) -> Booking:
    return Booking.add_to(standin)


def test_slip_with_top_up(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("SLIP-TOPUP-50", Decimal("50"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=2, children=1))
    assert outcome.kind is OutcomeKind.DONE

    slip = slip_for(outcome, counter_id="till7", top_up_method="Cash", printed_at=PRINTED)

    assert slip.experience == "Test Tour"
    assert slip.starts_at == outcome.quote.starts_at
    assert [(ln.title, ln.count, ln.subtotal) for ln in slip.lines] == [
        ("Adult", 2, eur("60.00")),
        ("Child", 1, eur("12.50")),
    ]
    assert slip.participants == 3
    assert slip.booking_code == outcome.booking_code
    assert slip.booking_code == standin.state.orders_with_reference(outcome.key)[0]["code"]
    assert (slip.total, slip.drawn, slip.top_up) == (eur("72.50"), eur("50.00"), eur("22.50"))
    assert slip.top_up_method == "Cash"
    assert slip.value_left == eur("0.00")
    assert slip.voucher_code == "•" * 9 + "P-50"
    assert (slip.counter_id, slip.printed_at) == ("till7", PRINTED)


def test_slip_without_top_up_shows_the_balance_left(
    standin: StandinServer, desk: Desk, booking: Booking
) -> None:
    vid = standin.state.add_voucher("SLIP-FULL-100", Decimal("100"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=1, children=2))
    assert outcome.kind is OutcomeKind.DONE

    slip = slip_for(outcome, counter_id="till7", top_up_method="MobileApp", printed_at=PRINTED)

    assert (slip.total, slip.drawn) == (eur("55.00"), eur("55.00"))
    assert slip.top_up == eur("0")
    assert slip.top_up_method is None  # nothing was paid on top
    # the balance is bookingkit's own figure after the booking, not only the quote's sum
    assert slip.value_left == eur("45.00")
    assert standin.state.voucher(vid)["remaining_value"] == Decimal("45.00")


def test_no_slip_for_anything_not_certain(
    standin: StandinServer, desk: Desk, booking: Booking
) -> None:
    vid = standin.state.add_voucher("SLIP-NOPE-80", Decimal("80"))
    quote = booking.quote(desk, vid, adults=1)
    doubtful = [
        make_outcome(OutcomeCase.NO_ANSWER_YET, quote, "k1"),
        make_outcome(OutcomeCase.BOOKINGKIT_REFUSED, quote, "k2"),
        make_outcome(OutcomeCase.BALANCE_CHANGED, quote, "k3"),
    ]
    for outcome in doubtful:
        with pytest.raises(ValueError, match=outcome.kind.value):
            slip_for(outcome, counter_id="till7", top_up_method="Cash", printed_at=PRINTED)

    done = desk.redeem(quote)
    assert done.kind is OutcomeKind.DONE
    with pytest.raises(ValueError, match="booking code"):
        slip_for(
            replace(done, booking_code=None),
            counter_id="till7",
            top_up_method="Cash",
            printed_at=PRINTED,
        )
    with pytest.raises(ValueError, match="time zone"):
        slip_for(done, counter_id="till7", top_up_method="Cash", printed_at=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("code", "masked"),
    [
        ("ABCD-EFGH-1234", "••••••••••1234"),
        ("  XY12345678 ", "••••••5678"),
        ("ABCDEF", "•••DEF"),  # short codes: at least half stays hidden
        ("AB", "•B"),
        ("", ""),
    ],
)
def test_mask_code(code: str, masked: str) -> None:
    assert mask_code(code) == masked
