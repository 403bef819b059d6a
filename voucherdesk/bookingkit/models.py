"""pydantic models for the parts of bookingkit API v3 that VoucherDesk uses.

Tolerant of extra fields (bookingkit adds members over time), strict about the ones we read.
Amounts arrive as JSON numbers parsed straight to Decimal (see ``http.py``); voucher field
names come from :mod:`voucherdesk.bookingkit.guesses`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from voucherdesk.bookingkit.guesses import ORDER_STATUS_CANCELLED
from voucherdesk.bookingkit.guesses import VOUCHER_FIELDS as VF
from voucherdesk.money import Money, to_decimal

Amount = Annotated[Decimal, BeforeValidator(to_decimal)]


def _parse_utc(value: Any) -> Any:
    """bookingkit sends ``YYYY-MM-DDThh:mm:ssZ``; accept offsets too and normalise to UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    return value


UtcDatetime = Annotated[datetime, BeforeValidator(_parse_utc)]
OptionalUtcDatetime = Annotated[datetime | None, BeforeValidator(_parse_utc)]


def format_utc(moment: datetime) -> str:
    """The one timestamp format bookingkit accepts in query parameters and bodies."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


# --- vouchers -----------------------------------------------------------------------------


class VoucherRedemption(_Model):
    """One past use of a voucher (U2: our guess of the shape)."""

    order_id: str | None = Field(default=None, validation_alias=VF.redemption_order_id)
    order_code: str | None = Field(default=None, validation_alias=VF.redemption_order_code)
    redeemed_value: Amount = Field(validation_alias=VF.redemption_value)
    usage_date: OptionalUtcDatetime = Field(default=None, validation_alias=VF.redemption_date)


class Voucher(_Model):
    """A bookingkit value voucher ("Wertgutschein")."""

    id: str = Field(validation_alias=AliasChoices(VF.ident, "id"))
    code: str = Field(validation_alias=VF.code)
    title: str = Field(default="", validation_alias=VF.title)
    value: Amount | None = Field(default=None, validation_alias=VF.value)
    remaining_value: Amount | None = Field(default=None, validation_alias=VF.remaining)
    currency: str | None = Field(default=None, validation_alias=VF.currency)
    status: str | None = Field(default=None, validation_alias=VF.status)
    creation_date: OptionalUtcDatetime = Field(default=None, validation_alias=VF.created)
    valid_until: OptionalUtcDatetime = Field(default=None, validation_alias=VF.valid_until)
    redemptions: tuple[VoucherRedemption, ...] = Field(default=(), validation_alias=VF.redemptions)

    @field_validator("status", mode="before")
    @classmethod
    def _status_as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)

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

    id: str = Field(validation_alias=AliasChoices(VF.ident, "id"))
    code: str = Field(validation_alias=VF.code)


# --- events, prices, dates ----------------------------------------------------------------


class Price(_Model):
    id: str
    title: str = ""
    value: Amount
    currency: str
    category: str | None = None
    vat: Amount | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value)

    def money(self) -> Money:
        return Money(self.value, self.currency)


class Event(_Model):
    id: str
    title: str
    description: str | None = None
    type: str = "BOOKING"
    duration: int | None = None  # minutes
    max_participants: int | None = None
    min_participants: int | None = None
    timezone: str | None = None
    location: str | None = None
    latest_booking_time: int | None = None  # minutes before start; the "lead time"
    prices: tuple[Price, ...] = ()
    active: int | None = None

    @field_validator("prices", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value


class EventDate(_Model):
    """An appointment ("date") of an event."""

    id: str
    event_id: str
    date: UtcDatetime
    available_slots: int
    total_slots: int | None = None
    active: int | None = None

    def ends_at(self, event: Event) -> datetime | None:
        """U19: a date has no end; the event's duration gives it."""
        if event.duration is None:
            return None
        return self.date + timedelta(minutes=event.duration)


# --- orders and payments ------------------------------------------------------------------


class Participant(_Model):
    id: str | None = None
    status: str | None = None
    name: str | None = None
    price_id: str | None = None
    price_value: Amount | None = None
    price_title: str | None = None
    code: str | None = None

    @field_validator("price_id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return None if value is None else str(value)


class Ticket(_Model):
    id: str | None = None
    date_id: str
    event_id: str | None = None
    code: str | None = None
    status: str | None = None
    participants: tuple[Participant, ...] = ()


class RedeemedVoucher(_Model):
    """A voucher that pays (part of) an order (documented read side of the order)."""

    id: str
    redeemed_value: Amount
    usage_date: OptionalUtcDatetime = None
    creation_date: OptionalUtcDatetime = None
    purchasing_order_id: str | None = None


class Order(_Model):
    id: str
    code: str | None = None
    external_reference: str | None = None
    status: str
    date: OptionalUtcDatetime = None
    currency: str | None = None
    lang: str | None = None
    name: str | None = None
    total_invoice: Amount | None = None
    cancellation_date: OptionalUtcDatetime = None
    tickets: tuple[Ticket, ...] = ()
    redeemed_vouchers: tuple[RedeemedVoucher, ...] = ()

    @field_validator("tickets", "redeemed_vouchers", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @property
    def cancelled(self) -> bool:
        return self.status.upper() in ORDER_STATUS_CANCELLED

    def drawn_from(self, voucher_id: str) -> Decimal:
        """How much this order drew from one voucher."""
        return sum(
            (rv.redeemed_value for rv in self.redeemed_vouchers if rv.id == voucher_id),
            Decimal(0),
        )


class PaymentRelatedOrder(_Model):
    id: str
    code: str | None = None


class PaymentRelatedVoucher(_Model):
    id: str


class PaymentRelatedItems(_Model):
    orders: tuple[PaymentRelatedOrder, ...] = ()
    vouchers: tuple[PaymentRelatedVoucher, ...] = ()


class Payment(_Model):
    id: str | None = None
    value: Amount
    type: str  # "payment" | "refund"
    payment_method: str | None = None
    name: str | None = None
    code: str | None = None  # deprecated in the spec; ours carries the journal key when kept
    payment_date: OptionalUtcDatetime = None
    related_items: PaymentRelatedItems | None = None


class Vendor(_Model):
    id: str
    name: str = ""
    currency: str | None = None


class TokenGrant(_Model):
    """The answer of ``POST /oauth/token``."""

    access_token: str = Field(repr=False)
    token_type: str = "Bearer"
    expires_in: int = 3600
    scope: str = ""
