"""What a redemption attempt ended in, as the clerk must hear it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from voucherdesk.bookingkit import errors
from voucherdesk.desk.quote import Quote
from voucherdesk.money import Money


class OutcomeKind(StrEnum):
    DONE = "done"  # booked and paid; the booking code is real
    REQUOTE = "requote"  # nothing sent: the voucher changed since the quote
    REFUSED = "refused"  # bookingkit certainly booked nothing and drew nothing
    UNKNOWN = "unknown"  # not yet known; never book again before it is settled


@dataclass(frozen=True)
class RedemptionOutcome:
    kind: OutcomeKind
    key: str
    quote: Quote
    order_id: str | None
    booking_code: str | None
    drawn: Money | None
    top_up: Money | None
    value_left: Money | None
    reason: str
    next_step: str


# Errors after which a write may or may not have taken effect. A 5xx on a write counts too:
# bookingkit may have stored the order before failing to answer. An unreadable 200 certainly
# did something. A plain TransportError should mean "not sent", but the order is looked up
# anyway: one GET is cheaper than a wrong guess.
DOUBTFUL: tuple[type[Exception], ...] = (
    errors.TransportError,
    errors.ServerError,
    errors.MalformedResponse,
)


def unknown(quote: Quote, key: str, why: str) -> RedemptionOutcome:
    """The order's fate is open: the clerk must not book again until it is settled."""
    return RedemptionOutcome(
        OutcomeKind.UNKNOWN,
        key,
        quote,
        None,
        None,
        None,
        None,
        None,
        f"{why} It is not yet known whether the booking went through.",
        "Do NOT book again. Check again in a moment; the desk also checks bookingkit on "
        f"start-up. Journal key: {key}.",
    )


def needs_attention(quote: Quote, key: str, reason: str, next_step: str) -> RedemptionOutcome:
    """Something only a person can sort out in bookingkit; the entry stays open."""
    return RedemptionOutcome(
        OutcomeKind.UNKNOWN, key, quote, None, None, None, None, None, reason, next_step
    )


def top_up_unknown(
    quote: Quote, key: str, order_id: str | None, booking_code: str | None, why: str
) -> RedemptionOutcome:
    """The booking stands; only whether bookingkit recorded the top-up is open."""
    return RedemptionOutcome(
        OutcomeKind.UNKNOWN,
        key,
        quote,
        order_id,
        booking_code,
        quote.drawn,
        quote.top_up,
        quote.value_left,
        f"Booked: {booking_code}. Whether bookingkit recorded the top-up of {quote.top_up} is "
        f"not yet known ({why}).",
        f"Collect {quote.top_up} and hand over the booking code. Do NOT book again; the desk "
        f"checks the top-up again later. Journal key: {key}.",
    )


def requote(quote: Quote, key: str, why: str, next_step: str) -> RedemptionOutcome:
    """Nothing was sent: the voucher or the prices moved since the quote."""
    return RedemptionOutcome(
        OutcomeKind.REQUOTE, key, quote, None, None, None, None, None, why, next_step
    )


def refused(quote: Quote, key: str, why: str) -> RedemptionOutcome:
    return RedemptionOutcome(
        OutcomeKind.REFUSED,
        key,
        quote,
        None,
        None,
        None,
        None,
        None,
        f"{why} Nothing was booked and nothing was drawn from the voucher.",
        "Change the booking, or ask for another way to pay.",
    )
