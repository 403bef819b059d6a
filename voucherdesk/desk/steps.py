"""The single steps of a redemption, each recorded in the journal before and after it runs.

``redeem.py`` strings them together for a fresh redemption; ``reconcile.py`` picks an
interrupted one up at whichever step it stopped. Every write to bookingkit is preceded by a
journal mark, so a crash anywhere leaves an entry that says what may have happened.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient, OrderDraft
from voucherdesk.bookingkit.models import Order, Payment
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.journal import EntryState, Journal, JournalEntry
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import Quote
from voucherdesk.money import Money

log = logging.getLogger(__name__)


class LookupFailed(Exception):
    """bookingkit could not tell us which orders (or payments) exist; nothing may be resent.

    ``cause`` is the error that stopped the lookup; None while a write sent moments ago may
    still arrive.
    """

    def __init__(self, detail: str, cause: Exception | None = None) -> None:
        super().__init__(detail)
        self.cause = cause


@dataclass
class RedemptionSteps:
    client: BookingkitClient
    journal: Journal
    top_up_method: str = "Cash"
    clock: Clock = utc_now
    order_language: str = "de"  # the order's ``lang``: bookingkit's e-mails use it
    settle_window: float = 30.0  # seconds after a send before "no order" counts as certain
    sleep: Callable[[float], None] = time.sleep

    def settle_wait(self, entry: JournalEntry) -> float:
        """Seconds until an empty lookup for ``entry``'s last send (order or top-up) proves
        that bookingkit did not record it."""
        if entry.sent_at is None:
            return 0.0
        elapsed = (self.clock() - entry.sent_at).total_seconds()
        return max(0.0, self.settle_window - elapsed)

    # --- the order ------------------------------------------------------------------------

    def send_order(self, entry: JournalEntry, quote: Quote) -> Order:
        """Mark SENT (durably), then POST the order with the entry's key as reference."""
        self.journal.mark(entry.key, EntryState.SENT)
        draft = OrderDraft(
            date_id=quote.date_id,
            event_id=quote.event_id,
            participants=quote.participants,
            currency=quote.currency,
            external_reference=entry.key,
            voucher_id=quote.voucher_id,
            voucher_amount=quote.drawn.amount,
            comment=f"VoucherDesk {entry.counter_id}".strip(),
            lang=self.order_language,
        )
        return self.client.create_order(draft)

    def orders_for(self, key: str) -> list[Order]:
        """The orders bookingkit holds for ``key``; raises LookupFailed when it cannot say."""
        try:
            found = self.client.find_orders_by_external_reference(key)
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc
        if any(o.external_reference != key for o in found):
            # The filter was not honoured: this list proves nothing about our key.
            ignored = errors.MalformedResponse("bookingkit ignored the external reference filter")
            raise LookupFailed(str(ignored), ignored)
        return found

    def order(self, order_id: str | None) -> Order | None:
        """The order as bookingkit has it now, or None when it cannot be read."""
        if order_id is None:
            return None
        try:
            return self.client.get_order(order_id)
        except errors.BookingkitError as exc:
            log.info("could not read order %s: %s", order_id, exc)
            return None

    def booked(self, entry: JournalEntry, order: Order) -> JournalEntry:
        return self.journal.mark(
            entry.key, EntryState.BOOKED, order_id=order.id, booking_code=order.code
        )

    # --- the top-up -----------------------------------------------------------------------

    def _top_up_recorded(self, order_id: str, amount: Money) -> bool:
        payments: list[Payment] = self.client.list_payments(order_id)
        return any(
            p.type == "payment"
            and (p.payment_method or "").lower() == self.top_up_method.lower()
            and p.value == amount.amount
            for p in payments
        )

    def top_up(self, entry: JournalEntry, quote: Quote, *, checked: bool = False) -> str | None:
        """Record the top-up on the order. Returns None when recorded, else bookingkit's reason
        for refusing it; raises LookupFailed while it is unknown whether it was recorded.

        ``checked`` means a payment may already have gone out (reconcile): look first.
        """
        order_id = entry.order_id
        assert order_id is not None
        amount = quote.top_up
        try:
            if checked and self._top_up_recorded(order_id, amount):
                return None
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc
        if checked and self.settle_wait(entry) > 0:
            # Like an order, a doubtful top-up may still land inside bookingkit: not yet.
            raise LookupFailed("the top-up was sent moments ago and may still arrive")
        sending = self.journal.mark(entry.key, EntryState.TOP_UP_SENT)
        try:
            self.client.add_payment(order_id, amount, self.top_up_method)
            return None
        except errors.BookingkitError as exc:
            if errors.is_refusal(exc):
                return exc.message
            log.warning("top-up on %s doubtful (%s); checking the order's payments", order_id, exc)
            may_land = isinstance(exc, errors.OutcomeUnknown | errors.ServerError)
        # Payments carry no key: look for ours by method and amount, add it once if absent,
        # but only after the settle window (a timed-out payment may still be on its way).
        try:
            if self._top_up_recorded(order_id, amount):
                return None
            wait = self.settle_wait(sending) if may_land else 0.0
            if wait > 0:
                log.info(
                    "top-up on %s not seen yet; waiting %.1f s before adding it", order_id, wait
                )
                self.sleep(wait)
                if self._top_up_recorded(order_id, amount):
                    return None
            self.client.add_payment(order_id, amount, self.top_up_method)
            return None
        except errors.ApiError as exc:
            if isinstance(exc, errors.ServerError):
                raise LookupFailed(str(exc), exc) from exc
            return exc.message
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc

    # --- the end --------------------------------------------------------------------------

    def finish(self, entry: JournalEntry, quote: Quote, order: Order | None) -> RedemptionOutcome:
        """Top-up (if due), a fresh read of the voucher, DONE."""
        note = None
        if not quote.top_up.is_zero and entry.state is not EntryState.DONE:
            checked = entry.state is EntryState.TOP_UP_SENT
            try:
                note = self.top_up(entry, quote, checked=checked)
            except LookupFailed as exc:
                self.journal.mark(entry.key, EntryState.TOP_UP_SENT, note=str(exc))
                return RedemptionOutcome(
                    case=OutcomeCase.TOP_UP_UNCONFIRMED,
                    key=entry.key,
                    quote=quote,
                    order_id=entry.order_id,
                    booking_code=entry.booking_code,
                    drawn=quote.drawn,
                    top_up=quote.top_up,
                    top_up_method=self.top_up_method,
                    value_left=quote.value_left,
                    error=exc.cause,
                )
        drawn = quote.drawn
        if order is not None and order.drawn_from(quote.voucher_id) > 0:
            drawn = Money(order.drawn_from(quote.voucher_id), quote.currency)
        value_left = quote.remaining_before - drawn
        try:
            fresh = self.client.get_voucher(quote.voucher_id).remaining
            if fresh is not None:
                value_left = Money(fresh, quote.currency)
        except errors.BookingkitError as exc:
            log.info("could not re-read voucher %s after booking: %s", quote.voucher_id, exc)
        done = self.journal.mark(
            entry.key, EntryState.DONE, drawn=drawn, value_left=value_left, note=note or ""
        )
        return done_outcome(done, quote, self.top_up_method)


def done_outcome(entry: JournalEntry, quote: Quote, method: str) -> RedemptionOutcome:
    """A finished redemption; ``entry.note`` holds bookingkit's reason if it refused the top-up."""
    top_up = None if quote.top_up.is_zero else quote.top_up
    refused_top_up = top_up is not None and bool(entry.note)
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED_TOP_UP_REFUSED if refused_top_up else OutcomeCase.BOOKED,
        key=entry.key,
        quote=quote,
        order_id=entry.order_id,
        booking_code=entry.booking_code,
        drawn=entry.drawn,
        top_up=top_up,
        top_up_method=None if top_up is None else method,
        value_left=entry.value_left,
        server_message=entry.note if refused_top_up else None,
    )
