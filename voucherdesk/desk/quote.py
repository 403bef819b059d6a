"""The local price quote shown before the clerk confirms: nothing is written or sent here.

total = (participants' prices + add-on products, multiplied exactly) rounded once,
drawn = min(remaining rounded down, total), top_up = total - drawn,
value_left = remaining - drawn, all in the voucher's currency (U26: the voucher pays the
products too). Everything that would make bookingkit refuse the order is refused here first,
as a ``QuoteRefusal`` with its numbers. The quote also carries what the booking says besides
money (``BookingDetails``: the customer's name and e-mail, a comment, the participants'
answers), so the journal holds the whole booking.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.wire_values import clean_text
from voucherdesk.desk import add_ons
from voucherdesk.desk.verdict import Verdict, judge, voucher_currency
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, EventDate, Product, Voucher

# What bookingkit takes (order.json: ``name`` at least 2 characters) and what a counter needs;
# longer texts are cut (marked with "…") rather than refused.
NAME_MIN = 2
NAME_MAX = 200
EMAIL_MAX = 254
COMMENT_MAX = 1000
ANSWER_MAX = 500
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class QuoteProblem(StrEnum):
    PAST = "past"
    FULL = "full"
    LEAD_TIME = "lead_time"
    NOT_ENOUGH_PLACES = "not_enough_places"
    NO_PARTICIPANTS = "no_participants"
    UNKNOWN_PRICE = "unknown_price"
    WRONG_CURRENCY = "wrong_currency"
    VOUCHER_NOT_USABLE = "voucher_not_usable"
    PRODUCT_NOT_OFFERED = "product_not_offered"
    PRODUCT_STOCK = "product_stock"
    NAME_TOO_SHORT = "name_too_short"
    EMAIL_INVALID = "email_invalid"
    TOO_MANY_ANSWERS = "too_many_answers"


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
    product_ids: tuple[str, ...] = ()  # PRODUCT_NOT_OFFERED (ids not offered with the event)
    product_title: str = ""  # PRODUCT_NOT_OFFERED (price-bound), PRODUCT_STOCK
    product_available: int | None = None  # PRODUCT_STOCK
    product_wanted: int | None = None  # PRODUCT_STOCK
    name_min: int | None = None  # NAME_TOO_SHORT
    answers: int | None = None  # TOO_MANY_ANSWERS: answers given
    participants: int | None = None  # TOO_MANY_ANSWERS: participants booked


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
class ProductLine:
    """An add-on product: how many, at what price each, and their subtotal."""

    product_id: str
    title: str
    count: int
    unit: Money
    subtotal: Money


@dataclass(frozen=True, kw_only=True)
class BookingDetails:
    """What the booking says besides places and products; every part may stay empty.

    ``answers`` are the participants' answers to the event's ``participant_hint``, in the
    order the participants are sent (the quote's lines, each price ``count`` times).
    An empty name books under the counter's name, as without details.
    """

    customer_name: str = ""
    customer_email: str = ""
    comment: str = ""
    answers: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.customer_name or self.customer_email or self.comment or any(self.answers))

    def to_data(self) -> dict[str, Any]:
        return {
            "customer_name": self.customer_name,
            "customer_email": self.customer_email,
            "comment": self.comment,
            "answers": list(self.answers),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> BookingDetails:
        return cls(
            customer_name=str(data.get("customer_name", "")),
            customer_email=str(data.get("customer_email", "")),
            comment=str(data.get("comment", "")),
            answers=tuple(str(a) for a in data.get("answers", ())),
        )


NO_DETAILS = BookingDetails()


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
    products: tuple[ProductLine, ...] = ()
    details: BookingDetails = field(default=NO_DETAILS)

    @property
    def currency(self) -> str:
        return self.total.currency

    @property
    def add_ons(self) -> tuple[tuple[str, int], ...]:
        """(product id, count) of the add-on products, as sent."""
        return tuple((ln.product_id, ln.count) for ln in self.products)

    @property
    def seats(self) -> tuple[str, ...]:
        """Each participant's price title, in the order they are sent (answers follow it)."""
        return tuple(ln.title or ln.price_id for ln in self.lines for _ in range(ln.count))

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
                "products": [
                    [
                        ln.product_id,
                        ln.title,
                        ln.count,
                        str(ln.unit.amount),
                        str(ln.subtotal.amount),
                    ]
                    for ln in self.products
                ],
                "details": self.details.to_data(),
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
        """Also reads entries written before quotes held products and details."""
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
            products=tuple(
                ProductLine(str(pid), str(title), int(n), money(unit), money(sub))
                for pid, title, n, unit, sub in data.get("products", ())
            ),
            details=BookingDetails.from_data(data.get("details") or {}),
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


def seat_titles(event: Event, participants: Mapping[str, int]) -> tuple[str, ...]:
    """Each participant's price title in the order they are sent (the event's price order):
    answer ``i`` belongs to participant ``i``. Matches :attr:`Quote.seats`."""
    return tuple(
        price.title or price.id
        for price in event.prices
        for _ in range(max(0, participants.get(price.id, 0)))
    )


def clean_details(details: BookingDetails, seats: int) -> BookingDetails:
    """The clerk's texts as they will be sent: cleaned of control characters, runs of spaces
    made one, cut to a sane length; trailing empty answers dropped. Refuses a name bookingkit
    would refuse, an e-mail address that is not one, and more answers than participants."""
    name = clean_text(details.customer_name, NAME_MAX)
    if name and len(name) < NAME_MIN:
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.NAME_TOO_SHORT, name_min=NAME_MIN))
    email = clean_text(details.customer_email, EMAIL_MAX)
    if email and not _EMAIL.match(email):
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.EMAIL_INVALID))
    answers = [clean_text(a, ANSWER_MAX) for a in details.answers]
    while answers and not answers[-1]:
        answers.pop()
    if len(answers) > seats:
        raise QuoteRefused(
            QuoteRefusal(
                problem=QuoteProblem.TOO_MANY_ANSWERS, answers=len(answers), participants=seats
            )
        )
    return BookingDetails(
        customer_name=name,
        customer_email=email,
        comment=clean_text(details.comment, COMMENT_MAX),
        answers=tuple(answers),
    )


def _product_lines(
    event: Event,
    catalog: Sequence[Product],
    wanted: Mapping[str, int],
    price_ids: Sequence[str],
    currency: str,
    counter_currency: str,
) -> list[ProductLine]:
    """The chosen add-ons priced (in the catalog's order), or the refusal bookingkit would give."""
    if any(n < 0 for n in wanted.values()):
        bad = tuple(sorted(pid for pid, n in wanted.items() if n < 0))
        raise QuoteRefused(QuoteRefusal(problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=bad))
    chosen = {pid: n for pid, n in wanted.items() if n > 0}
    offered = {p.id: p for p in add_ons.offered(catalog, event)}
    missing = tuple(sorted(pid for pid in chosen if pid not in offered))
    if missing:
        raise QuoteRefused(
            QuoteRefusal(problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=missing)
        )
    lines: list[ProductLine] = []
    for product in offered.values():
        n = chosen.get(product.id, 0)
        if n == 0:
            continue
        title = product.name or product.id
        if not add_ons.goes_with_prices(product, event.id, price_ids):
            raise QuoteRefused(
                QuoteRefusal(
                    problem=QuoteProblem.PRODUCT_NOT_OFFERED,
                    product_ids=(product.id,),
                    product_title=title,
                )
            )
        left = add_ons.stock(product)
        if left is not None and n > left:
            raise QuoteRefused(
                QuoteRefusal(
                    problem=QuoteProblem.PRODUCT_STOCK,
                    product_title=title,
                    product_available=left,
                    product_wanted=n,
                )
            )
        unit = add_ons.unit_price(product, counter_currency)
        if unit is None or unit.currency != currency.upper():
            raise QuoteRefused(
                QuoteRefusal(
                    problem=QuoteProblem.WRONG_CURRENCY,
                    price_title=title,
                    price_currency=unit.currency if unit is not None else "",
                    voucher_currency=currency,
                )
            )
        lines.append(ProductLine(product.id, product.name, n, unit, unit * n))
    return lines


def make_quote(
    voucher: Voucher,
    event: Event,
    date: EventDate,
    participants: Mapping[str, int],
    *,
    now: datetime,
    counter_currency: str,
    products: Mapping[str, int] | None = None,
    catalog: Sequence[Product] = (),
    details: BookingDetails = NO_DETAILS,
) -> Quote:
    """Price a booking paid from ``voucher``; raises QuoteRefused when it cannot be made.

    ``products``: product id -> count of add-ons, out of ``catalog`` (``/v3/products``);
    ``details``: the customer's name, e-mail, comment and the participants' answers.
    """
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
    extras = _product_lines(
        event, catalog, products or {}, list(wanted), currency, counter_currency
    )
    cleaned = clean_details(details, count)
    # Unit prices are multiplied exactly and the total rounded once; a balance is never rounded
    # up, so what is drawn is at most the balance rounded down (the rest stays on the voucher).
    zero = Money.zero(currency)
    seats_total = sum((ln.subtotal for ln in lines), zero)
    total = (seats_total + sum((ln.subtotal for ln in extras), zero)).rounded()
    # U26: the voucher pays the products too; otherwise they are always part of the top-up.
    payable = total if guesses.VOUCHER_PAYS_PRODUCTS or not extras else seats_total.rounded()
    remaining_before = remaining
    drawn = remaining_before.floored().min(payable)
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
        products=tuple(extras),
        details=cleaned,
    )
