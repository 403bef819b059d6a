"""The counter flow with add-ons and booking details, without a display (issue #14): never
required, kept where they still apply, and dropped for an older scan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from test_flow import booking_flow

from tests.helpers.desk_factories import event, event_date
from voucherdesk.bookingkit.models import Product
from voucherdesk.desk.flow import Booking, CardShown, Redeeming
from voucherdesk.desk.quote import BookingDetails, QuoteProblem
from voucherdesk.money import Money


def product(pid: str, event_ids: tuple[str, ...], **over: Any) -> Product:
    links = [{"id": e} for e in event_ids]
    data: dict[str, Any] = {
        "id": pid,
        "name": pid.title(),
        "price": Decimal("5.00"),
        "currency": "EUR",
        "dependencies": [{"events": links}] if links else [],
    }
    data.update(over)
    return Product.model_validate(data)


CATALOG = (product("photo", ("e1",)), product("mug", ()), product("boat", ("e2",)))


def booking_with_catalog() -> tuple[Any, int]:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    flow.products_loaded(ticket, CATALOG)
    return flow, ticket


def test_without_extras_the_booking_is_priced_and_confirmable() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    state = flow.dates_loaded(ticket, "e1", [event_date()])
    assert isinstance(state, Booking)
    assert state.catalog is None  # products not read yet: the booking does not wait for them
    assert state.offered == ()
    assert state.can_confirm
    assert isinstance(flow.confirm(), Redeeming)


def test_add_ons_of_the_event_are_offered_and_priced() -> None:
    flow, _ = booking_with_catalog()
    state = flow.state
    assert isinstance(state, Booking)
    assert [p.id for p in state.offered] == ["photo", "mug"]  # not the other event's boat
    state = flow.set_add_ons({"photo": 2, "mug": 0})
    assert isinstance(state, Booking)
    assert state.add_ons == (("photo", 2),)
    assert state.quote is not None
    assert state.quote.total == Money(Decimal("45.50"), "EUR")


def test_another_event_keeps_the_add_ons_it_offers_too() -> None:
    flow, _ = booking_with_catalog()
    flow.set_add_ons({"photo": 1, "mug": 1})
    other = event(id="e2", title="Boat", prices=event().model_dump()["prices"])
    state = flow.pick_event(other)
    assert isinstance(state, Booking)
    assert state.add_ons == (("mug", 1),)  # the photo goes with e1 only


def test_products_of_an_older_scan_are_dropped() -> None:
    flow, ticket = booking_with_catalog()
    newer = flow.scan("NEXT1").ticket
    assert newer != ticket
    assert flow.products_loaded(ticket, CATALOG) is flow.state


def test_details_are_quoted_and_a_bad_one_is_a_refusal_not_a_block() -> None:
    flow, _ = booking_with_catalog()
    state = flow.set_details(BookingDetails(customer_name="E"))
    assert isinstance(state, Booking)
    assert state.quote is None
    assert state.refusal is not None
    assert state.refusal.problem is QuoteProblem.NAME_TOO_SHORT
    state = flow.set_details(BookingDetails(customer_name="Erika"))
    assert isinstance(state, Booking)
    assert state.quote is not None
    assert state.quote.details.customer_name == "Erika"


def test_fewer_participants_drop_the_answers_of_the_lines_that_went() -> None:
    flow, _ = booking_with_catalog()
    flow.set_participants({"p-adult": 2, "p-child": 1})
    state = flow.set_details(BookingDetails(answers=("a1", "a2", "c1")))
    assert isinstance(state, Booking)
    assert state.seats == ("Adult", "Adult", "Child")
    state = flow.set_participants({"p-adult": 2})
    assert isinstance(state, Booking)
    assert state.details.answers == ("a1", "a2")
    assert state.quote is not None


def test_esc_and_back_keep_the_extras() -> None:
    flow, _ = booking_with_catalog()
    flow.set_add_ons({"mug": 3})
    flow.set_details(BookingDetails(customer_name="Erika", comment="hello"))
    card = flow.back()
    assert isinstance(card, CardShown)
    again = flow.start_booking()
    assert isinstance(again, Booking)
    assert again.add_ons == (("mug", 3),)
    assert again.details.customer_name == "Erika"
    assert again.quote is not None
    assert again.quote.add_ons == (("mug", 3),)
