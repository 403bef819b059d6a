"""What a booking with a pass uses, shown before the clerk presses Enter: entries, not money.

A pass (bookingkit's flexible offer) pays N participants of one price on one date; the quote
shows the entries left before and after, and refuses a booking that wants more entries than
are left, like bookingkit would (a pass without a limit is never short of entries). Which price
the participants book follows guess U37. Nothing is written or sent here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.desk.verdict import Verdict, judge_pass
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, EventDate, Price


class PassProblem(StrEnum):
    TOO_FEW_ENTRIES = "too_few_entries"
    NO_ENTRIES_WANTED = "no_entries_wanted"
    OTHER_EXPERIENCE = "other_experience"  # the pass is for another experience
    NO_PRICE = "no_price"  # the experience has no price the pass can book
    PAST = "past"
    LEAD_TIME = "lead_time"
    FULL = "full"
    NOT_ENOUGH_PLACES = "not_enough_places"
    PASS_NOT_USABLE = "pass_not_usable"


@dataclass(frozen=True, kw_only=True)
class PassRefusal:
    problem: PassProblem
    entries_left: int | None = None  # TOO_FEW_ENTRIES
    entries_wanted: int | None = None  # TOO_FEW_ENTRIES, NOT_ENOUGH_PLACES
    free_places: int | None = None  # NOT_ENOUGH_PLACES
    lead_minutes: int | None = None  # LEAD_TIME
    verdict: Verdict | None = None  # PASS_NOT_USABLE


class PassRefused(Exception):
    def __init__(self, refusal: PassRefusal) -> None:
        super().__init__(refusal.problem.value)
        self.refusal = refusal


@dataclass(frozen=True, kw_only=True)
class PassQuote:
    """N entries of one pass, booked as N participants of one price on one date."""

    pass_id: str
    pass_code: str
    pass_title: str
    sold_in_order: str  # the order that sold the pass: where it is read again
    event_id: str
    event_title: str
    date_id: str
    starts_at: datetime
    price_id: str
    price_title: str
    unit: Money | None  # the price of one entry on this event (counted in the report)
    entries: int
    entries_before: int
    entries_total: int
    unlimited: bool

    voucher_kind = VoucherKind.PASS

    @property
    def entries_after(self) -> int:
        return self.entries_before if self.unlimited else self.entries_before - self.entries

    @property
    def value(self) -> Money | None:
        return None if self.unit is None else self.unit * self.entries

    @property
    def currency(self) -> str:
        return self.unit.currency if self.unit is not None else ""

    @property
    def item_code(self) -> str:
        return self.pass_code

    def to_json(self) -> str:
        return json.dumps(
            {
                "pass_id": self.pass_id,
                "pass_code": self.pass_code,
                "pass_title": self.pass_title,
                "sold_in_order": self.sold_in_order,
                "event_id": self.event_id,
                "event_title": self.event_title,
                "date_id": self.date_id,
                "starts_at": self.starts_at.isoformat(),
                "price_id": self.price_id,
                "price_title": self.price_title,
                "unit": None if self.unit is None else str(self.unit.amount),
                "currency": None if self.unit is None else self.unit.currency,
                "entries": self.entries,
                "entries_before": self.entries_before,
                "entries_total": self.entries_total,
                "unlimited": self.unlimited,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> PassQuote:
        data: dict[str, Any] = json.loads(text)
        unit = data.get("unit")
        return cls(
            pass_id=str(data["pass_id"]),
            pass_code=str(data["pass_code"]),
            pass_title=str(data.get("pass_title") or ""),
            sold_in_order=str(data["sold_in_order"]),
            event_id=str(data["event_id"]),
            event_title=str(data["event_title"]),
            date_id=str(data["date_id"]),
            starts_at=datetime.fromisoformat(data["starts_at"]),
            price_id=str(data["price_id"]),
            price_title=str(data.get("price_title") or ""),
            unit=None if unit is None else Money(Decimal(str(unit)), str(data["currency"])),
            entries=int(data["entries"]),
            entries_before=int(data["entries_before"]),
            entries_total=int(data["entries_total"]),
            unlimited=bool(data.get("unlimited")),
        )


def pass_event_id(found: SoldPass) -> str | None:
    """The experience a pass is for, when it says (U37); None: the clerk picks one."""
    offer = found.flex.flex_offer
    return offer.event_id if offer is not None else None


def pass_price(found: SoldPass, event: Event) -> Price | None:
    """U37: the offer's price category, else the price titled like the pass's, else the
    event's first price."""
    offer = found.flex.flex_offer
    if offer is not None and offer.price_category_id is not None:
        return next((p for p in event.prices if p.id == offer.price_category_id), None)
    title = found.flex.price_title.strip().casefold()
    titled = next((p for p in event.prices if p.title.strip().casefold() == title), None)
    if titled is not None:
        return titled
    return event.prices[0] if event.prices else None


def _check_date(event: Event, date: EventDate, entries: int, now: datetime) -> None:
    if date.date <= now:
        raise PassRefused(PassRefusal(problem=PassProblem.PAST))
    lead = event.latest_booking_time or 0
    if lead > 0 and now > date.date - timedelta(minutes=lead):
        raise PassRefused(PassRefusal(problem=PassProblem.LEAD_TIME, lead_minutes=lead))
    if date.available_slots <= 0:
        raise PassRefused(PassRefusal(problem=PassProblem.FULL))
    if entries > date.available_slots:
        raise PassRefused(
            PassRefusal(
                problem=PassProblem.NOT_ENOUGH_PLACES,
                free_places=date.available_slots,
                entries_wanted=entries,
            )
        )


def make_pass_quote(
    found: SoldPass, event: Event, date: EventDate, entries: int, *, now: datetime
) -> PassQuote:
    """``entries`` places on ``date`` paid by the pass; raises PassRefused."""
    if date.event_id != event.id:
        raise ValueError(f"date {date.id} belongs to event {date.event_id}, not {event.id}")
    verdict = judge_pass(found)
    if not verdict.usable:
        raise PassRefused(PassRefusal(problem=PassProblem.PASS_NOT_USABLE, verdict=verdict))
    fixed = pass_event_id(found)
    if fixed is not None and fixed != event.id:
        raise PassRefused(PassRefusal(problem=PassProblem.OTHER_EXPERIENCE))
    if entries <= 0:
        raise PassRefused(PassRefusal(problem=PassProblem.NO_ENTRIES_WANTED))
    flex = found.flex
    if not flex.unlimited and entries > flex.redemption_available:
        raise PassRefused(
            PassRefusal(
                problem=PassProblem.TOO_FEW_ENTRIES,
                entries_left=flex.redemption_available,
                entries_wanted=entries,
            )
        )
    price = pass_price(found, event)
    if price is None:
        raise PassRefused(PassRefusal(problem=PassProblem.NO_PRICE))
    _check_date(event, date, entries, now)
    return PassQuote(
        pass_id=flex.id,
        pass_code=flex.code,
        pass_title=flex.title,
        sold_in_order=found.order_id,
        event_id=event.id,
        event_title=event.title,
        date_id=date.id,
        starts_at=date.date,
        price_id=price.id,
        price_title=price.title,
        unit=price.money(),
        entries=entries,
        entries_before=flex.redemption_available,
        entries_total=flex.redemption_total,
        unlimited=flex.unlimited,
    )
