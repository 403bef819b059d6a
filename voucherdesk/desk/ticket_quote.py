"""What an open-date ticket's redemption will book, shown before the clerk presses Enter.

The clerk chooses how the appointment is found: "this tour, now" (the appointment running or
starting next, without or with overbooking), "next free appointment", or a date picked from the
list. The desk works out which appointment that will be from the event's dates (guess U30 is the
rule bookingkit is assumed to follow), so the clerk sees the date before confirming; bookingkit
picks it itself and its answer says which it really was. Nothing is written or sent here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from voucherdesk.bookingkit.guesses import (
    RedemptionStrategy,
    current_appointment,
    next_available_appointment,
)
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.verdict import Verdict, judge_ticket
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, EventDate, OpenDateTicket

# What the counter preselects: the appointment running or starting next, never overbooked.
DEFAULT_STRATEGY = RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING
CURRENT_STRATEGIES = frozenset(
    {RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING, RedemptionStrategy.CURRENT_WITH_OVERBOOKING}
)


class TicketProblem(StrEnum):
    NO_CURRENT = "no_current"  # no appointment running or to come
    CURRENT_FULL = "current_full"  # the current appointment is full (overbooking not chosen)
    NO_FREE_APPOINTMENT = "no_free_appointment"  # no later date has a free place
    NO_DATE_PICKED = "no_date_picked"
    PICKED_PAST = "picked_past"
    PICKED_FULL = "picked_full"
    TICKET_NOT_USABLE = "ticket_not_usable"


@dataclass(frozen=True, kw_only=True)
class TicketRefusal:
    problem: TicketProblem
    verdict: Verdict | None = None  # TICKET_NOT_USABLE


class TicketRefused(Exception):
    def __init__(self, refusal: TicketRefusal) -> None:
        super().__init__(refusal.problem.value)
        self.refusal = refusal


@dataclass(frozen=True, kw_only=True)
class TicketQuote:
    """One open-date ticket to redeem, and the appointment the chosen strategy will give."""

    ticket_id: str
    ticket_code: str
    event_id: str
    event_title: str
    strategy: RedemptionStrategy
    appointment_id: str | None  # the expected date (sent only for selected_appointment)
    starts_at: datetime | None
    free_places: int | None  # on that date, as last read
    price: Money | None  # what the ticket was sold for (shown, and counted in the report)
    price_title: str
    customer_name: str | None

    voucher_kind = VoucherKind.OPEN_DATE_TICKET

    @property
    def currency(self) -> str:
        return self.price.currency if self.price is not None else ""

    @property
    def item_code(self) -> str:
        return self.ticket_code

    def to_json(self) -> str:
        return json.dumps(
            {
                "ticket_id": self.ticket_id,
                "ticket_code": self.ticket_code,
                "event_id": self.event_id,
                "event_title": self.event_title,
                "strategy": self.strategy.value,
                "appointment_id": self.appointment_id,
                "starts_at": None if self.starts_at is None else self.starts_at.isoformat(),
                "free_places": self.free_places,
                "price": None if self.price is None else str(self.price.amount),
                "currency": None if self.price is None else self.price.currency,
                "price_title": self.price_title,
                "customer_name": self.customer_name,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> TicketQuote:
        data: dict[str, Any] = json.loads(text)
        price = data.get("price")
        starts = data.get("starts_at")
        return cls(
            ticket_id=str(data["ticket_id"]),
            ticket_code=str(data["ticket_code"]),
            event_id=str(data["event_id"]),
            event_title=str(data["event_title"]),
            strategy=RedemptionStrategy(data["strategy"]),
            appointment_id=data.get("appointment_id"),
            starts_at=None if starts is None else datetime.fromisoformat(starts),
            free_places=data.get("free_places"),
            price=None if price is None else Money(Decimal(str(price)), str(data["currency"])),
            price_title=str(data.get("price_title") or ""),
            customer_name=data.get("customer_name"),
        )


def expected_appointment(
    event: Event,
    dates: Sequence[EventDate],
    strategy: RedemptionStrategy,
    now: datetime,
    picked: EventDate | None = None,
) -> EventDate:
    """The date ``strategy`` will book (guess U30); raises TicketRefused when there is none
    that bookingkit would take."""
    ordered = sorted((d for d in dates if d.event_id == event.id), key=lambda d: d.date)
    if strategy is RedemptionStrategy.SELECTED:
        if picked is None:
            raise TicketRefused(TicketRefusal(problem=TicketProblem.NO_DATE_PICKED))
        if picked.date <= now:
            raise TicketRefused(TicketRefusal(problem=TicketProblem.PICKED_PAST))
        if picked.available_slots <= 0:
            raise TicketRefused(TicketRefusal(problem=TicketProblem.PICKED_FULL))
        return picked
    starts = [d.date for d in ordered]
    if strategy is RedemptionStrategy.NEXT_AVAILABLE:
        index = next_available_appointment(starts, [d.available_slots for d in ordered], now)
        if index is None:
            raise TicketRefused(TicketRefusal(problem=TicketProblem.NO_FREE_APPOINTMENT))
        return ordered[index]
    index = current_appointment(starts, timedelta(minutes=event.duration or 0), now)
    if index is None:
        raise TicketRefused(TicketRefusal(problem=TicketProblem.NO_CURRENT))
    current = ordered[index]
    if strategy is RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING and current.available_slots <= 0:
        raise TicketRefused(TicketRefusal(problem=TicketProblem.CURRENT_FULL))
    return current


def make_ticket_quote(
    ticket: OpenDateTicket,
    event: Event,
    dates: Sequence[EventDate],
    strategy: RedemptionStrategy,
    *,
    now: datetime,
    counter_currency: str,
    picked: EventDate | None = None,
) -> TicketQuote:
    """What redeeming ``ticket`` with ``strategy`` books; raises TicketRefused."""
    if event.id != ticket.event_id:
        raise ValueError(f"ticket {ticket.id} is for event {ticket.event_id}, not {event.id}")
    verdict = judge_ticket(ticket)
    if not verdict.usable:
        raise TicketRefused(TicketRefusal(problem=TicketProblem.TICKET_NOT_USABLE, verdict=verdict))
    date = expected_appointment(event, dates, strategy, now, picked)
    return TicketQuote(
        ticket_id=ticket.id,
        ticket_code=ticket.code or ticket.id,
        event_id=event.id,
        event_title=event.title,
        strategy=strategy,
        appointment_id=date.id,
        starts_at=date.date,
        free_places=date.available_slots,
        price=ticket.price_money(counter_currency),
        price_title=ticket.price_title or "",
        customer_name=ticket.customer_name,
    )
