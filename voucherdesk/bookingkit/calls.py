"""The values the client's calls take and give back: orders to book, pages and records.

Plain frozen dataclasses with no pydantic or httpx behind them, so the desk and the window can
name them without loading the client (issue #13: the first screen before pydantic).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from voucherdesk.bookingkit.guesses import (
    IDEMPOTENCY_MEMBER,
    ORDER_PRODUCTS_MEMBER,
    ORDER_STATUS_ON_CREATE,
    order_product_fields,
    pass_participant_fields,
    voucher_payment_fields,
)
from voucherdesk.bookingkit.wire_values import format_utc

if TYPE_CHECKING:
    from datetime import datetime

    from voucherdesk.bookingkit.models import Order

DEFAULT_ORDER_NAME = "Box office"  # the order's billing name when the clerk gives none


@dataclass(frozen=True)
class OrderDraft:
    """Everything needed to book one date paid (partly) with one voucher.

    ``answers`` go to the participants in the order they are sent (``participants``, each
    price ``count`` times) as their ``comment``: bookingkit's place for the answer to the
    event's ``participant_hint``. ``products`` are add-ons (product id, count).
    """

    date_id: str
    event_id: str
    participants: tuple[tuple[str, int], ...]  # (price_id, count)
    currency: str
    external_reference: str
    voucher_id: str
    voucher_amount: Decimal
    name: str = DEFAULT_ORDER_NAME
    lang: str = "en"
    comment: str = ""
    email: str = ""
    answers: tuple[str, ...] = ()
    products: tuple[tuple[str, int], ...] = ()

    def to_body(self, now: datetime) -> dict[str, Any]:
        people: list[dict[str, Any]] = [
            {"price_id": price_id, "status": "ACCEPTED"}
            for price_id, count in self.participants
            for _ in range(count)
        ]
        for person, answer in zip(people, self.answers, strict=False):
            if answer:
                person["comment"] = answer
        body: dict[str, Any] = {
            "date": format_utc(now),
            "status": ORDER_STATUS_ON_CREATE,
            "lang": self.lang,
            "currency": self.currency,
            "name": self.name,
            IDEMPOTENCY_MEMBER: self.external_reference,
            "tickets": [
                {
                    "date_id": self.date_id,
                    "event_id": self.event_id,
                    "status": "ACCEPTED",
                    "participants": people,
                }
            ],
        }
        if self.email:
            body["email"] = self.email
        if self.comment:
            body["comment"] = self.comment
        if self.products:
            body[ORDER_PRODUCTS_MEMBER] = [
                order_product_fields(product_id, count)
                for product_id, count in self.products
                if count > 0
            ]
        body.update(voucher_payment_fields(self.voucher_id, self.voucher_amount))
        return body


@dataclass(frozen=True, kw_only=True)
class PassOrderDraft:
    """Everything needed to book ``entries`` places on one date with one pass (U36)."""

    date_id: str
    event_id: str
    price_id: str
    price_value: Decimal | None
    entries: int
    currency: str
    external_reference: str
    pass_id: str
    name: str = "Box office"
    lang: str = "en"
    comment: str = ""

    def to_body(self, now: datetime) -> dict[str, Any]:
        people = [
            {
                "price_id": self.price_id,
                "status": "ACCEPTED",
                **pass_participant_fields(self.pass_id, self.price_value),
            }
            for _ in range(self.entries)
        ]
        body: dict[str, Any] = {
            "date": format_utc(now),
            "status": ORDER_STATUS_ON_CREATE,
            "lang": self.lang,
            "currency": self.currency,
            "name": self.name,
            IDEMPOTENCY_MEMBER: self.external_reference,
            "tickets": [
                {
                    "date_id": self.date_id,
                    "event_id": self.event_id,
                    "status": "ACCEPTED",
                    "participants": people,
                }
            ],
        }
        if self.comment:
            body["comment"] = self.comment
        return body


@dataclass(frozen=True, kw_only=True)
class OrderPage:
    """One answer of the order list: its orders, how many entries could not be read, and the
    list's total when bookingkit said it (``X-Total_Count``, asked on the first page only)."""

    number: int  # 1 for the first page
    orders: tuple[Order, ...]
    unreadable: int
    total: int | None


@dataclass(frozen=True)
class PassCode:
    """One pass found in an order's ``flexTickets`` (U34): its code, id and selling order."""

    code: str
    pass_id: str
    order_id: str


@dataclass(frozen=True)
class CallRecord:
    """One finished call, for the status strip: ``status`` is None when no answer came."""

    method: str
    path: str
    status: int | None
    seconds: float
    at: datetime
