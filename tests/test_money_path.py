"""Money path, second pass (issue #9): one regression test per case found in review, each
against the stand-in over loopback. Every test failed before its fix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1")
    yield made
    close_desk(made)


# --- case 8: a balance is never rounded up ---------------------------------------------------


def test_a_sub_cent_balance_is_drawn_rounded_down_and_the_rest_stays(
    standin: StandinServer, desk: Desk
) -> None:
    """10.005 left on a voucher became 10.01 and bookingkit refused the order."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RND-10005", Decimal("10.005"))

    quote = booking.quote(desk, vid, adults=1)  # 30.00
    assert quote.drawn == eur("10.00")
    assert quote.top_up == eur("20.00")
    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED, outcome
    assert outcome.drawn == eur("10.00")
    assert state.voucher(vid)["remaining_value"] == Decimal("0.005")  # the rest stays on it


def test_unit_prices_are_multiplied_before_rounding_once(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    event_id = state.add_event("Thirds", [("Third", Decimal("3.333"))])
    date_id = state.add_date(event_id, state.now() + timedelta(days=2), 9)
    vid = state.add_voucher("RND-THIRDS", Decimal("50"))
    client = desk.client
    event = client.get_event(event_id)
    quote = desk.quote(
        client.get_voucher(vid), event, client.get_date(date_id), {event.prices[0].id: 3}
    )
    assert quote.total == eur("10.00")  # 9.999 rounded once, not 3 x 3.33 = 9.99


# --- case 12: a voucher without a currency is judged and quoted in the same currency ---------


def test_a_voucher_without_currency_is_quoted_in_the_counters_currency(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("NO-CURRENCY", Decimal("50"))
    state._store.vouchers[vid]["currency"] = None  # bookingkit sent none (U2)
    check = desk.check("NO-CURRENCY")
    assert check.verdict.usable
    quote = booking.quote(desk, vid, adults=1)
    assert quote.currency == "EUR"
    assert desk.redeem(quote).case is OutcomeCase.BOOKED
