"""What a counter screen asks of the clerk, read from the flow's states (no Qt)."""

from __future__ import annotations

from dataclasses import replace

from tests.helpers.desk_factories import event, event_date
from tests.test_flow import booking_flow
from voucherdesk.desk.flow import Booking, CardShown, Idle
from voucherdesk.desk.quote import BookingDetails
from voucherdesk.desk.screen_asks import asks_decision, chosen_date, same_decision, scan_of


def _priced() -> tuple[Booking, Booking]:
    flow, ticket = booking_flow()
    unpriced = flow.pick_event(event())
    priced = flow.dates_loaded(ticket, "e1", [event_date()])
    assert isinstance(unpriced, Booking)
    assert isinstance(priced, Booking)
    return unpriced, priced


def test_a_booking_asks_for_a_decision_once_it_has_its_price() -> None:
    unpriced, priced = _priced()
    assert not asks_decision(unpriced)
    assert asks_decision(priced)
    assert not asks_decision(Idle())
    assert not same_decision(unpriced, priced)  # the price appeared: a new decision


def test_typed_details_are_the_same_decision_and_counts_are_not() -> None:
    _, priced = _priced()
    assert priced.quote is not None
    typed = replace(
        priced, quote=replace(priced.quote, details=BookingDetails(customer_name="Anna"))
    )
    assert same_decision(priced, typed)
    more = replace(priced, quote=replace(priced.quote, participants=(("p1", 3),)))
    assert not same_decision(priced, more)


def test_what_a_screen_is_about() -> None:
    _, priced = _priced()
    assert scan_of(priced) == priced.check.code
    assert scan_of(CardShown(priced.ticket, priced.check)) == priced.check.code
    assert scan_of(Idle()) is None
    assert chosen_date(priced) is priced.date
    assert chosen_date(Idle()) is None
