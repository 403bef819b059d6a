"""The booking step of the counter flow for open-date tickets and passes (Qt-free).

A value voucher's booking is ``flow.Booking``; a ticket's and a pass's are their own states,
each a frozen dataclass carrying the scan ticket it belongs to, so the window shows each with
its own panel. ``flow.CounterFlow`` moves between them; the pure steps live here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeAlias

from voucherdesk.desk.pass_quote import PassQuote, PassRefusal, PassRefused, pass_event_id
from voucherdesk.desk.ticket_quote import (
    DEFAULT_STRATEGY,
    TicketQuote,
    TicketRefusal,
    TicketRefused,
)

if TYPE_CHECKING:
    from voucherdesk.bookingkit.guesses import RedemptionStrategy
    from voucherdesk.bookingkit.models import Event, EventDate, OpenDateTicket
    from voucherdesk.desk.desk import CheckResult
    from voucherdesk.desk.kinds import SoldPass

# The aliases are strings so that the window's import of this module leaves pydantic's
# bookingkit models for later (issue #13: the first screen before pydantic).
TicketQuoter: TypeAlias = (
    "Callable[[OpenDateTicket, Event, Sequence[EventDate], RedemptionStrategy, EventDate | None],"
    " TicketQuote]"
)
"""What redeeming a ticket so would book (``Desk.quote_ticket``); raises TicketRefused."""

PassQuoter: TypeAlias = "Callable[[SoldPass, Event, EventDate, int], PassQuote]"
"""What N entries of a pass book (``Desk.quote_pass``); raises PassRefused."""


@dataclass(frozen=True)
class TicketBooking:
    """An open-date ticket: how its appointment is found, and which it will be, before Enter.

    ``strategy`` starts at "this tour, now, without overbooking"; ``picked`` is the date the
    clerk chose for ``selected_appointment``."""

    ticket: int
    check: CheckResult
    item: OpenDateTicket
    event: Event | None = None
    dates: tuple[EventDate, ...] | None = None  # None while loading
    dates_error: BaseException | None = None
    strategy: RedemptionStrategy = DEFAULT_STRATEGY
    picked: EventDate | None = None
    quote: TicketQuote | None = None
    refusal: TicketRefusal | None = None

    @property
    def loading_dates(self) -> bool:
        return self.dates is None and self.dates_error is None

    @property
    def can_confirm(self) -> bool:
        return self.quote is not None


@dataclass(frozen=True)
class PassBooking:
    """N entries of a pass on one date; the experience is the pass's own when it says."""

    ticket: int
    check: CheckResult
    sold: SoldPass
    event: Event | None = None
    dates: tuple[EventDate, ...] | None = None
    dates_error: BaseException | None = None
    date: EventDate | None = None
    entries: int = 1
    quote: PassQuote | None = None
    refusal: PassRefusal | None = None

    @property
    def fixed_event(self) -> bool:
        """The pass is for one experience: the clerk does not pick one."""
        return pass_event_id(self.sold) is not None

    @property
    def loading_dates(self) -> bool:
        return self.event is not None and self.dates is None and self.dates_error is None

    @property
    def can_confirm(self) -> bool:
        return self.quote is not None


def start_ticket(ticket: int, check: CheckResult) -> TicketBooking | None:
    if check.ticket is None or not check.verdict.usable:
        return None
    return TicketBooking(ticket, check, check.ticket, event=check.event)


def start_pass(ticket: int, check: CheckResult) -> PassBooking | None:
    if check.sold_pass is None or not check.verdict.usable:
        return None
    return PassBooking(ticket, check, check.sold_pass, event=check.event)


def requote_ticket(state: TicketBooking, quoter: TicketQuoter) -> TicketBooking:
    if state.event is None or state.dates is None:
        return replace(state, quote=None, refusal=None)
    try:
        quote = quoter(state.item, state.event, state.dates, state.strategy, state.picked)
    except TicketRefused as refused:
        return replace(state, quote=None, refusal=refused.refusal)
    return replace(state, quote=quote, refusal=None)


def ticket_dates_loaded(
    state: TicketBooking, dates: Sequence[EventDate], quoter: TicketQuoter
) -> TicketBooking:
    ordered = tuple(sorted(dates, key=lambda d: d.date))
    picked = state.picked
    if picked is not None:  # a refresh keeps the clerk's date, with fresh places
        picked = next((d for d in ordered if d.id == picked.id), None)
    return requote_ticket(replace(state, dates=ordered, picked=picked), quoter)


def requote_pass(state: PassBooking, quoter: PassQuoter) -> PassBooking:
    if state.event is None or state.date is None:
        return replace(state, quote=None, refusal=None)
    try:
        quote = quoter(state.sold, state.event, state.date, state.entries)
    except PassRefused as refused:
        return replace(state, quote=None, refusal=refused.refusal)
    return replace(state, quote=quote, refusal=None)


def pass_dates_loaded(
    state: PassBooking, dates: Sequence[EventDate], now: datetime, quoter: PassQuoter
) -> PassBooking:
    """Fresh dates; the first one with room for the entries is preselected. A refresh keeps
    the clerk's date with fresh places, or leaves none when it is gone (never another)."""
    event = state.event
    assert event is not None
    ordered = tuple(sorted(dates, key=lambda d: d.date))
    if state.date is not None:
        picked = state.date.id
        return requote_pass(
            replace(state, dates=ordered, date=next((d for d in ordered if d.id == picked), None)),
            quoter,
        )
    lead = timedelta(minutes=event.latest_booking_time or 0)
    chosen = next(
        (d for d in ordered if d.available_slots >= state.entries and d.date - lead > now), None
    )
    return requote_pass(replace(state, dates=ordered, date=chosen), quoter)
