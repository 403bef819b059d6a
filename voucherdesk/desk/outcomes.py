"""What a redemption attempt ended in: one case per thing that can happen, with its facts.

The desk never words an outcome. Each case carries what the clerk needs as typed fields
(amounts, order codes, bookingkit's own message, the error that stopped it); the window
(``ui/wording.py``) and the CLI (``cli_text.py``) make the words. ``OutcomeKind`` is the coarse
class of a case: what the counter may do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from voucherdesk.desk.any_quote import AnyQuote, quote_kind

if TYPE_CHECKING:
    from voucherdesk.desk.kinds import VoucherKind
    from voucherdesk.desk.verdict import Verdict
    from voucherdesk.money import Money


class OutcomeKind(StrEnum):
    DONE = "done"  # booked; the booking code is real
    REQUOTE = "requote"  # nothing sent: the voucher or a price changed since the quote
    REFUSED = "refused"  # nothing booked
    UNKNOWN = "unknown"  # not yet known; never book again before it is settled
    ATTENTION = "attention"  # only a person can sort this out in bookingkit


class OutcomeCase(StrEnum):
    BOOKED = "booked"
    BOOKED_TOP_UP_REFUSED = "booked_top_up_refused"  # bookingkit refused to record the top-up
    BOOKED_NOT_RECORDED = "booked_not_recorded"  # booked, but this PC's journal failed after
    REDEEMED_NO_CODE = "redeemed_no_code"  # a ticket was redeemed; bookingkit named no booking
    TOP_UP_UNCONFIRMED = "top_up_unconfirmed"  # booked; whether the top-up landed is open
    # booked; the top-up was turned away (rate-limited, or its resend withdrawn after "Stop
    # waiting"): certainly not recorded, the next check sends it
    TOP_UP_LATER = "top_up_later"
    NO_ANSWER_YET = "no_answer_yet"  # sent moments ago; no order seen yet, it may still land
    LOOKUP_FAILED = "lookup_failed"  # bookingkit could not be asked about the order
    EARLIER_UNSETTLED = "earlier_unsettled"  # ``key`` is an earlier, still open redemption
    SEVERAL_ORDERS = "several_orders"  # bookingkit holds more than one order for one key
    DRAWN_MISMATCH = "drawn_mismatch"  # the order drew another amount than quoted
    REDEMPTIONS_STOPPED = "redemptions_stopped"  # ``key``'s mismatch awaits acknowledgement
    PRICE_CHANGED = "price_changed"
    BALANCE_CHANGED = "balance_changed"
    REREAD_FAILED = "reread_failed"  # the voucher or its prices could not be read again
    VOUCHER_NOT_USABLE = "voucher_not_usable"  # the fresh read shows the voucher unusable
    BOOKINGKIT_REFUSED = "bookingkit_refused"  # bookingkit answered 4xx: it stored nothing
    INTERRUPTED = "interrupted"  # stopped (a crash) before anything was sent
    NOT_BOOKED = "not_booked"  # no answer came, and bookingkit holds no order for it
    ORDER_CANCELLED = "order_cancelled"  # the order exists but was cancelled in bookingkit


KIND_OF_CASE: dict[OutcomeCase, OutcomeKind] = {
    OutcomeCase.BOOKED: OutcomeKind.DONE,
    OutcomeCase.BOOKED_TOP_UP_REFUSED: OutcomeKind.DONE,
    OutcomeCase.BOOKED_NOT_RECORDED: OutcomeKind.DONE,
    OutcomeCase.REDEEMED_NO_CODE: OutcomeKind.DONE,
    OutcomeCase.TOP_UP_UNCONFIRMED: OutcomeKind.UNKNOWN,
    OutcomeCase.TOP_UP_LATER: OutcomeKind.UNKNOWN,
    OutcomeCase.NO_ANSWER_YET: OutcomeKind.UNKNOWN,
    OutcomeCase.LOOKUP_FAILED: OutcomeKind.UNKNOWN,
    OutcomeCase.EARLIER_UNSETTLED: OutcomeKind.UNKNOWN,
    OutcomeCase.SEVERAL_ORDERS: OutcomeKind.ATTENTION,
    OutcomeCase.DRAWN_MISMATCH: OutcomeKind.ATTENTION,
    OutcomeCase.REDEMPTIONS_STOPPED: OutcomeKind.ATTENTION,
    OutcomeCase.PRICE_CHANGED: OutcomeKind.REQUOTE,
    OutcomeCase.BALANCE_CHANGED: OutcomeKind.REQUOTE,
    OutcomeCase.REREAD_FAILED: OutcomeKind.REFUSED,
    OutcomeCase.VOUCHER_NOT_USABLE: OutcomeKind.REFUSED,
    OutcomeCase.BOOKINGKIT_REFUSED: OutcomeKind.REFUSED,
    OutcomeCase.INTERRUPTED: OutcomeKind.REFUSED,
    OutcomeCase.NOT_BOOKED: OutcomeKind.REFUSED,
    OutcomeCase.ORDER_CANCELLED: OutcomeKind.REFUSED,
}


@dataclass(frozen=True)
class PriceChange:
    """One quoted price that bookingkit no longer has as quoted (``now`` None: withdrawn)."""

    price_id: str
    title: str
    quoted: Money
    now: Money | None


@dataclass(frozen=True, kw_only=True)
class RedemptionOutcome:
    """The facts of one outcome; fields that do not belong to ``case`` stay at their default.

    ``quote`` says what was redeemed (a value voucher's, an open-date ticket's or a pass's
    quote: ``voucher_kind``); the money fields belong to value vouchers, ``entries`` and
    ``entries_left`` to passes, ``starts_at`` to what bookingkit actually booked."""

    case: OutcomeCase
    key: str
    quote: AnyQuote
    order_id: str | None = None
    booking_code: str | None = None
    drawn: Money | None = None  # what bookingkit drew from the voucher
    top_up: Money | None = None  # what the customer pays on top (None: nothing)
    top_up_method: str | None = None  # how the top-up was recorded (Cash, ThirdParty, ...)
    value_left: Money | None = None
    order_codes: tuple[str, ...] = ()  # SEVERAL_ORDERS, ORDER_CANCELLED
    price_changes: tuple[PriceChange, ...] = ()  # PRICE_CHANGED
    balance_now: Money | None = None  # BALANCE_CHANGED: the voucher's balance at the re-read
    verdict: Verdict | None = None  # VOUCHER_NOT_USABLE
    server_message: str | None = None  # bookingkit's own words (BOOKINGKIT_REFUSED, top-up)
    error: Exception | None = None  # what stopped a step (REREAD_FAILED, LOOKUP_FAILED, ...)
    entries: int | None = None  # a pass's entries the booking used (DRAWN_MISMATCH: as seen)
    entries_left: int | None = None  # on the pass afterwards (BALANCE_CHANGED: as re-read)
    starts_at: datetime | None = None  # the appointment booked (a ticket's: bookingkit's pick)

    @property
    def kind(self) -> OutcomeKind:
        return KIND_OF_CASE[self.case]

    @property
    def voucher_kind(self) -> VoucherKind:
        return quote_kind(self.quote)

    @property
    def booked(self) -> bool:
        """bookingkit holds a live order with a booking code for this redemption."""
        return self.booking_code is not None and self.case is not OutcomeCase.ORDER_CANCELLED
