"""The local price quote shown before the clerk confirms: nothing is written or sent here.

drawn = min(remaining rounded down, total rounded once), top_up = total - drawn,
value_left = remaining - drawn, all in the voucher's currency. Everything that would make
bookingkit refuse the order is refused here first, as a ``QuoteRefusal`` with its numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from voucherdesk.bookingkit.models import Event, EventDate, Voucher
from voucherdesk.desk.verdict import Verdict, judge, voucher_currency
from voucherdesk.money import Money


class QuoteProblem(StrEnum):
    PAST = "past"
    FULL = "full"
    LEAD_TIME = "lead_time"
    NOT_ENOUGH_PLACES = "not_enough_places"
    NO_PARTICIPANTS = "no_participants"
    UNKNOWN_PRICE = "unknown_price"
    WRONG_CURRENCY = "wrong_currency"
    VOUCHER_NOT_USABLE = "voucher_not_usable"


@dataclass(frozen=True, kw_only=True)
class QuoteRefusal:
    """Why a booking cannot be made, with the numbers the clerk needs to fix it."""

    problem: QuoteProblem
    free_places: int | None = None  # NOT_ENOUGH_PLACES
    wanted_places: int | None = None  # NOT_ENOUGH_PLACES
    lead_minutes: int | None = None  # LEAD_TIME
    price_ids: tuple[str, ...] = ()  # UNKNOWN_PRICE
    price_title: str = ""  # WRONG_CURRENCY
    price_currency: str = ""  # WRONG_CURRENCY
    voucher_currency: str = ""  # WRONG_CURRENCY
    verdict: Verdict | None = None  # VOUCHER_NOT_USABLE


class QuoteRefused(Exception):
    """This booking cannot be made; ``refusal`` holds the facts."""

    def __init__(self, refusal: QuoteRefusal) -> None:
        super().__init__(refusal.problem.value)
        self.refusal = refusal

    @property
    def problem(self) -> QuoteProblem:
        return self.refusal.problem


@dataclass(frozen=True)
class QuoteLine:
    price_id: str
    title: str
    count: int
    unit: Money
    subtotal: Money


@dataclass(frozen=True)
class Quote:
    voucher_id: str
    voucher_code: str
    event_id: str
    event_title: str
    date_id: str
    starts_at: datetime
    participants: tuple[tuple[str, int], ...]
    lines: tuple[QuoteLine, ...]
    total: Money
    drawn: Money
    top_up: Money
    remaining_before: Money
    value_left: Money

    @property
    def currency(self) -> str:
        return self.total.currency

    def to_json(self) -> str:
        """Stored in the journal, so an interrupted redemption can be finished or explained."""
        return json.dumps(
            {
                "voucher_id": self.voucher_id,
                "voucher_code": self.voucher_code,
                "event_id": self.event_id,
                "event_title": self.event_title,
                "date_id": self.date_id,
                "starts_at": self.starts_at.isoformat(),
                "participants": [list(p) for p in self.participants],
                "lines": [
                    [ln.price_id, ln.title, ln.count, str(ln.unit.amount), str(ln.subtotal.amount)]
                    for ln in self.lines
                ],
                "currency": self.currency,
                "total": str(self.total.amount),
                "drawn": str(self.drawn.amount),
                "top_up": str(self.top_up.amount),
                "remaining_before": str(self.remaining_before.amount),
                "value_left": str(self.value_left.amount),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Quote:
        data: dict[str, Any] = json.loads(text)
        cur = str(data["currency"])

        def money(value: Any) -> Money:
            return Money(Decimal(str(value)), cur)

        return cls(
            voucher_id=data["voucher_id"],
            voucher_code=data["voucher_code"],
            event_id=data["event_id"],
            event_title=data["event_title"],
            date_id=data["date_id"],
            starts_at=datetime.fromisoformat(data["starts_at"]),
            participants=tuple((str(p), int(n)) for p, n in data["participants"]),
            lines=tuple(
                QuoteLine(str(pid), str(title), int(n), money(unit), money(sub))
                for pid, title, n, unit, sub in data["lines"]
            ),
            total=money(data["total"]),
            drawn=money(data["drawn"]),
            top_up=money(data["top_up"]),
            remaining_before=money(data["remaining_before"]),
            value_left=money(data["value_left"]),
        )


def _check_date(event: Event, date: EventDate, count: int, now: datetime) -> None:
    if date.date <= now:
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.PAST))
    lead = event.latest_booking_time or 0
    if lead > 0 and now > date.date - timedelta(minutes=lead):
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.LEAD_TIME, lead_minutes=lead))
    if date.available_slots <= 0:
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.FULL))
    if count > date.available_slots:
        raise QuoteRefused(
            QuoteRefusal(
                problem=QuoteProblem.NOT_ENOUGH_PLACES,
                free_places=date.available_slots,
                wanted_places=count,
            )
        )


def make_quote(
    voucher: Voucher,
    event: Event,
    date: EventDate,
    participants: Mapping[str, int],
    *,
    now: datetime,
    counter_currency: str,
) -> Quote:
    """Price a booking paid from ``voucher``; raises QuoteRefused when it cannot be made."""
    if date.event_id != event.id:
        raise ValueError(f"date {date.id} belongs to event {date.event_id}, not {event.id}")
    prices = {p.id: p for p in event.prices}
    if any(n < 0 for n in participants.values()):
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.NO_PARTICIPANTS))
    wanted = {pid: n for pid, n in participants.items() if n > 0}
    unknown = sorted(pid for pid in wanted if pid not in prices)
    if unknown:
        raise QuoteRefused(
            QuoteRefusal(problem=QuoteProblem.UNKNOWN_PRICE, price_ids=tuple(unknown))
        )
    verdict = judge(voucher, now=now, currency=counter_currency)
    remaining = verdict.remaining
    if not verdict.usable or remaining is None:
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.VOUCHER_NOT_USABLE, verdict=verdict))
    currency = voucher_currency(voucher, counter_currency)
    count = sum(wanted.values())
    if count == 0:
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.NO_PARTICIPANTS))
    _check_date(event, date, count, now)
    lines: list[QuoteLine] = []
    for price in event.prices:  # the event's own order, so the slip reads the same every time
        n = wanted.get(price.id, 0)
        if n == 0:
            continue
        if price.currency.upper() != currency.upper():
            raise QuoteRefused(
                QuoteRefusal(
                    problem=QuoteProblem.WRONG_CURRENCY,
                    price_title=price.title or price.id,
                    price_currency=price.currency.upper(),
                    voucher_currency=currency,
                )
            )
        unit = price.money()
        lines.append(QuoteLine(price.id, price.title, n, unit, unit * n))
    # Unit prices are multiplied exactly and the total rounded once; a balance is never rounded
    # up, so what is drawn is at most the balance rounded down (the rest stays on the voucher).
    total = sum((ln.subtotal for ln in lines), Money.zero(currency)).rounded()
    remaining_before = remaining
    drawn = remaining_before.floored().min(total)
    return Quote(
        voucher_id=voucher.id,
        voucher_code=voucher.code,
        event_id=event.id,
        event_title=event.title,
        date_id=date.id,
        starts_at=date.date,
        participants=tuple((ln.price_id, ln.count) for ln in lines),
        lines=tuple(lines),
        total=total,
        drawn=drawn,
        top_up=total - drawn,
        remaining_before=remaining_before,
        value_left=remaining_before - drawn,
    )
