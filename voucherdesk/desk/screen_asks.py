"""What a counter screen asks of the clerk, read from the flow's states (Qt-free): whether the
next key books or confirms money, whether a redraw is still the same decision, what scan a
screen is about, the date a booking is for. The controller times deliberate keys and words its
notes by these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voucherdesk.desk.any_quote import AnyQuote, what_is_booked
from voucherdesk.desk.flow import (
    AnyBooking,
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    ResultShown,
    State,
)
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import EventDate


def asks_decision(state: State | None) -> bool:
    """A screen where the clerk's next key books or confirms money: a booking with its price
    (before it, nothing can be confirmed), a result with a top-up to collect."""
    if isinstance(state, AnyBooking):
        return state.can_confirm
    return isinstance(state, ResultShown) and state.collecting


def same_decision(drawn: State | None, state: State) -> bool:
    """``state`` redraws the decision already up (typed details), not a new one: another
    price, date or count is a new decision (a wheel, an arrow, a refresh)."""
    if drawn is None or drawn.ticket != state.ticket or not asks_decision(drawn):
        return False
    if isinstance(state, AnyBooking):
        return isinstance(drawn, AnyBooking) and _booked(drawn) == _booked(state)
    return not isinstance(drawn, AnyBooking)


def scan_of(state: State) -> str | None:
    """The code (or raw scan) a screen is about, for a screen that has one."""
    if isinstance(state, Checking | CheckFailed):
        return state.raw
    if isinstance(state, CardShown | AnyBooking):
        return state.check.code or state.check.raw
    return None


def chosen_date(state: State) -> EventDate | None:
    """The date a booking is for, as picked (or preselected) on screen."""
    if isinstance(state, Booking | PassBooking):
        return state.date
    return state.picked if isinstance(state, TicketBooking) else None


def _booked(state: AnyBooking) -> AnyQuote | None:
    return what_is_booked(state.quote) if state.quote is not None else None
