"""pydantic models for the parts of bookingkit API v3 that VoucherDesk uses.

Tolerant of extra fields (bookingkit adds members over time), strict about the ones we read.
Amounts arrive as JSON numbers parsed straight to Decimal (see ``http.py``); voucher field
names come from :mod:`voucherdesk.bookingkit.guesses`. Every member passes a check of
``wire_values.py``: amounts, dates, currencies and ids out of range are refused, and text that
may reach a clerk or a terminal is cleaned of control characters and cut to a sane length.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
)

from voucherdesk.bookingkit import wire_values as wv
from voucherdesk.bookingkit.guesses import (
    OPEN_DATE_TICKET_ORDER_MEMBER,
    ORDER_STATUS_CANCELLED,
    PASS_ORDER_MEMBER,
    PASS_PARTICIPANT_MEMBER,
)
from voucherdesk.bookingkit.guesses import VOUCHER_FIELDS as VF
from voucherdesk.money import Money

T = TypeVar("T")

Amount = Annotated[Decimal, BeforeValidator(wv.amount)]
UtcDatetime = Annotated[datetime, BeforeValidator(wv.utc_moment)]
OptionalUtcDatetime = Annotated[datetime | None, BeforeValidator(wv.utc_moment)]
Currency = Annotated[str, BeforeValidator(wv.currency)]
Ident = Annotated[str, BeforeValidator(wv.identifier)]
Code = Annotated[str, BeforeValidator(wv.voucher_code)]
ShortText = Annotated[str, BeforeValidator(partial(wv.text, limit=wv.SHORT_TEXT))]
NameText = Annotated[str, BeforeValidator(partial(wv.text, limit=wv.NAME_TEXT))]
LongText = Annotated[str, BeforeValidator(partial(wv.text, limit=wv.LONG_TEXT))]
# Counts and minutes: a billion places or 2 years of lead time is already absurd, and keeps
# ``timedelta(minutes=...)`` and sums far from overflowing.
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]
Minutes = Annotated[int, Field(ge=0, le=1_000_000)]


class _Model(BaseModel):
    # Validators are built on first use, not at import: the window is painted without waiting
    # for them, and the client builds them behind it (prepare_validators).
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True, defer_build=True)


class Validator(Generic[T]):
    """A pydantic TypeAdapter for ``shape``, built the first time it is needed (thread-safe)."""

    _all: ClassVar[list[Validator[Any]]] = []
    # One lock for all: building one validator builds the models inside it, which others share.
    _building: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, shape: Any) -> None:
        self._shape = shape
        self._built: TypeAdapter[T] | None = None
        Validator._all.append(self)

    def get(self) -> TypeAdapter[T]:
        built = self._built
        if built is None:
            with Validator._building:
                if self._built is None:
                    self._built = TypeAdapter(self._shape)
                built = self._built
        return built


def prepare_validators() -> None:
    """Build every validator now (start-up calls this on a worker thread after the first
    paint, so the first scan does not pay for it)."""
    for each in list(Validator._all):
        each.get()


# --- vouchers -----------------------------------------------------------------------------


class VoucherRedemption(_Model):
    """One past use of a voucher (U2: our guess of the shape)."""

    order_id: Ident | None = Field(default=None, validation_alias=VF.redemption_order_id)
    order_code: NameText | None = Field(default=None, validation_alias=VF.redemption_order_code)
    redeemed_value: Amount = Field(validation_alias=VF.redemption_value)
    usage_date: OptionalUtcDatetime = Field(default=None, validation_alias=VF.redemption_date)


class Voucher(_Model):
    """A bookingkit value voucher ("Wertgutschein")."""

    id: Ident = Field(validation_alias=AliasChoices(VF.ident, "id"))
    code: Code = Field(validation_alias=VF.code)
    title: NameText = Field(default="", validation_alias=VF.title)
    value: Amount | None = Field(default=None, validation_alias=VF.value)
    remaining_value: Amount | None = Field(default=None, validation_alias=VF.remaining)
    currency: Currency | None = Field(default=None, validation_alias=VF.currency)
    status: ShortText | None = Field(default=None, validation_alias=VF.status)
    creation_date: OptionalUtcDatetime = Field(default=None, validation_alias=VF.created)
    valid_until: OptionalUtcDatetime = Field(default=None, validation_alias=VF.valid_until)
    redemptions: tuple[VoucherRedemption, ...] = Field(default=(), validation_alias=VF.redemptions)

    @field_validator("redemptions", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @property
    def remaining(self) -> Decimal | None:
        """Remaining value; when bookingkit gives none, value minus what was redeemed (U2)."""
        if self.remaining_value is not None:
            return self.remaining_value
        if self.value is None:
            return None
        return self.value - sum((r.redeemed_value for r in self.redemptions), Decimal(0))

    def remaining_money(self) -> Money | None:
        remaining = self.remaining
        if remaining is None or not self.currency:
            return None
        return Money(remaining, self.currency)

    def value_money(self) -> Money | None:
        if self.value is None or not self.currency:
            return None
        return Money(self.value, self.currency)


class VoucherCode(_Model):
    """The minimal projection used to build the local code -> id index."""

    id: Ident = Field(validation_alias=AliasChoices(VF.ident, "id"))
    code: Code = Field(validation_alias=VF.code)


# --- events, prices, dates ----------------------------------------------------------------


class Price(_Model):
    id: Ident
    title: NameText = ""
    value: Amount
    currency: Currency
    category: ShortText | None = None
    vat: Amount | None = None

    def money(self) -> Money:
        return Money(self.value, self.currency)


class Event(_Model):
    id: Ident
    title: NameText
    description: LongText | None = None
    type: ShortText = "BOOKING"
    duration: Minutes | None = None
    max_participants: Count | None = None
    min_participants: Count | None = None
    timezone: ShortText | None = None
    location: NameText | None = None
    latest_booking_time: Minutes | None = None  # minutes before start; the "lead time"
    # The question asked of every participant; bookingkit takes the answer as the
    # participant's ``comment``.
    participant_hint: LongText | None = None
    prices: tuple[Price, ...] = ()
    active: int | None = None

    @field_validator("participant_hint", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("prices", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value


class ProductEventLink(_Model):
    """An event a product goes with (``dependencies[].events[]``); ``prices``: only with
    participants at one of these price ids (bookingkit sends them as integers)."""

    id: Ident
    prices: tuple[Ident, ...] = ()

    @field_validator("prices", mode="before")
    @classmethod
    def _price_ids(cls, value: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise ValueError("prices must be a list")
        return tuple(p.get("id") if isinstance(p, dict) else p for p in value)


class ProductDependency(_Model):
    """One entry of a product's ``dependencies``: the events it goes with, or vouchers."""

    events: tuple[ProductEventLink, ...] = ()
    vouchers: tuple[dict[str, Any], ...] = ()

    @field_validator("events", "vouchers", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value


class Product(_Model):
    """An additional product (``/v3/products``): a photo package, a rental, a souvenir."""

    id: Ident
    vendor_id: Ident | None = None
    name: NameText = ""
    description: LongText | None = None
    total: Count | None = None  # in stock
    available: Count | None = None  # may still be bought (None: not said, see U24)
    price: Amount
    currency: Currency | None = None
    shipping_address: int | None = None  # 1: the product is shipped (needs an address)
    dependencies: tuple[ProductDependency, ...] = ()

    @field_validator("dependencies", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @property
    def needs_shipping(self) -> bool:
        return bool(self.shipping_address)


class EventDate(_Model):
    """An appointment ("date") of an event."""

    id: Ident
    event_id: Ident
    date: UtcDatetime
    available_slots: Count
    total_slots: Count | None = None
    active: int | None = None

    def ends_at(self, event: Event) -> datetime | None:
        """U19: a date has no end; the event's duration gives it (None past year 9999)."""
        if event.duration is None:
            return None
        try:
            return self.date + timedelta(minutes=event.duration)
        except OverflowError:
            return None


# --- orders and payments ------------------------------------------------------------------


class RedeemedFlexTicket(_Model):
    """The pass a participant was booked with (documented read side of a participant)."""

    id: Ident
    redeemed_value: Amount | None = None
    creation_date: OptionalUtcDatetime = None
    purchasing_order_id: Ident | None = None

    @field_validator("purchasing_order_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class Participant(_Model):
    id: Ident | None = None
    status: ShortText | None = None
    name: NameText | None = None
    email: NameText | None = None
    comment: LongText | None = None  # the answer to the event's participant_hint
    price_id: Ident | None = None
    price_value: Amount | None = None
    price_title: NameText | None = None
    code: NameText | None = None
    redeemed_flex_ticket: RedeemedFlexTicket | None = Field(
        default=None, validation_alias=PASS_PARTICIPANT_MEMBER
    )

    @property
    def cancelled(self) -> bool:
        return (self.status or "").upper() in ORDER_STATUS_CANCELLED


class Ticket(_Model):
    id: Ident | None = None
    date_id: Ident
    event_id: Ident | None = None
    code: NameText | None = None
    status: ShortText | None = None
    participants: tuple[Participant, ...] = ()


class OrderProduct(_Model):
    """An additional product on an order (``products[]``)."""

    product_id: Ident
    status: ShortText | None = None
    title: NameText | None = None
    price: Amount | None = None  # one item's price
    amount: Count = 0  # how many
    currency: Currency | None = None
    vat: Amount | None = None


class RedeemedVoucher(_Model):
    """A voucher that pays (part of) an order (documented read side of the order)."""

    id: Ident
    redeemed_value: Amount
    usage_date: OptionalUtcDatetime = None
    creation_date: OptionalUtcDatetime = None
    purchasing_order_id: Ident | None = None

    @field_validator("purchasing_order_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class FlexOffer(_Model):
    """What a pass is for (optional in the schema; U37)."""

    id: Ident | None = None
    price_category_id: Ident | None = None
    event_id: Ident | None = None

    @field_validator("id", "price_category_id", "event_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class FlexTicket(_Model):
    """A flexible offer ("pass") as sold in an order: entries used one booking at a time."""

    id: Ident
    code: Code
    status: ShortText
    title: NameText = ""
    redemption_total: Count
    redemption_available: Count
    unlimited_redemptions: int | None = None
    price: Amount | None = None
    price_title: NameText = ""
    currency: Currency | None = None
    flex_offer: FlexOffer | None = Field(default=None, validation_alias="flexOffer")

    @property
    def unlimited(self) -> bool:
        return bool(self.unlimited_redemptions)


class Order(_Model):
    id: Ident
    code: NameText | None = None
    external_reference: NameText | None = None
    status: ShortText
    date: OptionalUtcDatetime = None
    currency: Currency | None = None
    lang: ShortText | None = None
    name: NameText | None = None
    email: NameText | None = None
    comment: LongText | None = None
    total_invoice: Amount | None = None
    cancellation_date: OptionalUtcDatetime = None
    tickets: tuple[Ticket, ...] = ()
    products: tuple[OrderProduct, ...] = ()
    redeemed_vouchers: tuple[RedeemedVoucher, ...] = ()
    flex_tickets: tuple[FlexTicket, ...] = Field(default=(), validation_alias=PASS_ORDER_MEMBER)

    @field_validator("tickets", "products", "redeemed_vouchers", "flex_tickets", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @property
    def cancelled(self) -> bool:
        return self.status.upper() in ORDER_STATUS_CANCELLED

    def flex_ticket(self, pass_id: str) -> FlexTicket | None:
        """The pass ``pass_id`` when this order sold it."""
        return next((f for f in self.flex_tickets if f.id == pass_id), None)

    def entries_used_from(self, pass_id: str) -> int:
        """How many live participants of this order were booked with pass ``pass_id``."""
        return sum(
            1
            for ticket in self.tickets
            for person in ticket.participants
            if person.redeemed_flex_ticket is not None
            and person.redeemed_flex_ticket.id == pass_id
            and not person.cancelled
        )

    @property
    def first_date_id(self) -> str | None:
        return self.tickets[0].date_id if self.tickets else None

    def drawn_from(self, voucher_id: str) -> Decimal:
        """How much this order drew from one voucher."""
        return sum(
            (rv.redeemed_value for rv in self.redeemed_vouchers if rv.id == voucher_id),
            Decimal(0),
        )


# --- open-date tickets ---------------------------------------------------------------------


class OpenDateTicket(_Model):
    """A ticket for one experience bought without a date (schema open_date_ticket.json)."""

    id: Ident
    code: Code | None = None
    status: ShortText
    customer_name: NameText | None = None
    customer_email: NameText | None = None
    customer_phone: NameText | None = None
    customer_language: ShortText | None = None
    price_value: Amount | None = None
    price_title: NameText | None = None
    currency: Currency | None = None
    event_id: Ident
    order_id: Ident | None = Field(default=None, validation_alias=OPEN_DATE_TICKET_ORDER_MEMBER)

    @field_validator("code", "order_id", "currency", "customer_name", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    def price_money(self, fallback_currency: str) -> Money | None:
        if self.price_value is None:
            return None
        return Money(self.price_value, self.currency or fallback_currency)


class TicketRedemption(_Model):
    """The answer of a redemption (schema open_date_ticket_redemption.json)."""

    id: Ident
    order_id: Ident | None = None
    appointment_id: Ident | None = None
    redemption_strategy: ShortText | None = None

    @field_validator("order_id", "appointment_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class PaymentRelatedOrder(_Model):
    id: Ident
    code: NameText | None = None


class PaymentRelatedVoucher(_Model):
    id: Ident


class PaymentRelatedItems(_Model):
    orders: tuple[PaymentRelatedOrder, ...] = ()
    vouchers: tuple[PaymentRelatedVoucher, ...] = ()


class Payment(_Model):
    id: Ident | None = None
    value: Amount
    type: ShortText  # "payment" | "refund"
    payment_method: ShortText | None = None
    name: NameText | None = None
    code: ShortText | None = None  # deprecated in the spec; ours carries the journal key
    payment_date: OptionalUtcDatetime = None
    related_items: PaymentRelatedItems | None = None


class Vendor(_Model):
    id: Ident
    name: NameText = ""
    currency: Currency | None = None


class TokenGrant(_Model):
    """The answer of ``POST /oauth/token``.

    The token goes into an HTTP header, so it must be a plain RFC 6750 token (ASCII, no
    spaces); a lifetime beyond a day is not bookingkit's hour and is refused, not trusted.
    """

    access_token: str = Field(
        repr=False, min_length=1, max_length=4096, pattern=r"^[A-Za-z0-9\-._~+/]+=*$"
    )
    token_type: ShortText = "Bearer"
    expires_in: int = Field(default=3600, ge=1, le=86_400)
    scope: LongText = ""
