"""The command line's words for settled redemptions (``voucherdesk/cli_text.py``)."""

from __future__ import annotations

from decimal import Decimal

from helpers.desk_factories import NOW, event, event_date, voucher

from voucherdesk import cli_text
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import make_quote
from voucherdesk.money import Money


def _settled(top_up_taken_by_bookingkit: bool) -> RedemptionOutcome:
    remaining = Decimal("20") if top_up_taken_by_bookingkit else Decimal("500")
    quote = make_quote(
        voucher(remaining_value=remaining),
        event(),
        event_date(),
        {"p-adult": 1},
        now=NOW,
        counter_currency="EUR",
    )
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED,
        key="k1",
        quote=quote,
        order_id="o1",
        booking_code="BK42",
        drawn=quote.drawn,
        top_up=quote.top_up if not quote.top_up.is_zero else None,
        top_up_method="Cash",
        value_left=Money(Decimal("0"), "EUR"),
    )


def test_a_settled_booking_names_its_code_and_the_top_up_to_collect() -> None:
    """Found in review: "Settled k1: Booked — top-up due", with neither the booking nor the
    amount, although bookingkit had just recorded the top-up as paid."""
    line = cli_text.reconciled_line(_settled(top_up_taken_by_bookingkit=True))
    assert "BK42" in line
    assert "15.50" in line
    line = cli_text.reconciled_line(_settled(top_up_taken_by_bookingkit=False))
    assert "BK42" in line
    assert "Collect" not in line  # nothing on top of the voucher
