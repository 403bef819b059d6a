"""The single steps of a redemption, each recorded in the journal before and after it runs.

``redeem.py`` strings them together for a fresh redemption; ``reconcile.py`` picks an
interrupted one up at whichever step it stopped. Every write to bookingkit is preceded by a
journal mark, so a crash anywhere leaves an entry that says what may have happened.

Settle windows are measured on a monotonic clock from the moment a request actually left (the
client reports it, after any token fetch), never on the wall clock, which NTP or a person may
step. An entry sent by an earlier process waits a full window from this process's start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.calls import DEFAULT_ORDER_NAME, OrderDraft
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.journal import OWN_NOTES, EntryState, Journal, JournalEntry
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.quote import Quote
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import Environment
    from voucherdesk.bookingkit.models import Order, Payment

log = logging.getLogger(__name__)

A = TypeVar("A")
B = TypeVar("B")


class LookupFailed(Exception):
    """bookingkit could not tell us which orders (or payments) exist; nothing may be resent.

    ``cause`` is the error that stopped the lookup; None while a write sent moments ago may
    still arrive.
    """

    def __init__(self, detail: str, cause: Exception | None = None) -> None:
        super().__init__(detail)
        self.cause = cause


class TopUpTurnedAway(LookupFailed):
    """The top-up itself was turned away (a rate limit, or its resend withdrawn as the clerk
    stopped waiting): nothing was recorded, and the next check sends it (the entry stays
    TOP_UP_SENT)."""


@dataclass
class RedemptionSteps:
    client: BookingkitClient
    journal: Journal
    top_up_method: str = "Cash"
    clock: Clock = utc_now
    order_language: str = "de"  # the order's ``lang``: bookingkit's e-mails use it
    settle_window: float = 30.0  # seconds after a send before "no order" counts as certain
    sleep: Callable[[float], None] | None = None  # None: wait, but wake when stopped
    monotonic: Callable[[], float] = time.monotonic
    # The clerk stopped waiting for the redemption in flight ("Stop waiting"): no more waits
    # and no resend; the entry is left open for "Check again" or the next start.
    stopped: threading.Event = field(default_factory=threading.Event)
    _started: float = field(init=False)
    _sent: dict[str, float] = field(init=False, default_factory=dict)
    _helpers: ThreadPoolExecutor | None = field(init=False, default=None)
    _helpers_lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._started = self.monotonic()

    def in_background(self, call: Callable[[], A]) -> Future[A]:
        """Run a read on one of three helper threads kept for the redemption's parallel reads
        (started once: a new thread per redemption costs milliseconds the customer waits)."""
        with self._helpers_lock:
            if self._helpers is None:
                self._helpers = ThreadPoolExecutor(max_workers=3, thread_name_prefix="desk-read")
            return self._helpers.submit(call)

    def close(self) -> None:
        with self._helpers_lock:
            helpers, self._helpers = self._helpers, None
        if helpers is not None:
            helpers.shutdown(wait=True)

    @property
    def environment(self) -> Environment:
        return self.client.environment

    # --- the settle window ----------------------------------------------------------------

    def sent_now(self, key: str) -> Callable[[], None]:
        """The callback the client calls each time a write for ``key`` leaves: its first
        attempt, and each resend of the same write (after a 429 or a new sign-in, neither of
        which stored anything). Once the clerk stopped waiting, a resend is withdrawn
        (:class:`~errors.NotSent`): the screen said nothing is sent again."""
        attempts = 0

        def mark_sent() -> None:
            nonlocal attempts
            attempts += 1
            if attempts > 1 and self.stopped.is_set():
                raise errors.NotSent("not sent again: the clerk stopped waiting")
            self._sent[key] = self.monotonic()

        return mark_sent

    def settled(self, key: str) -> None:
        """``key``'s entry is finished: its send time is no longer needed (a counter that
        runs all day must not keep one per redemption)."""
        self._sent.pop(key, None)

    def _nothing_in_flight(self, key: str) -> None:
        """Every write for ``key`` was answered or never left: an empty lookup counts at once."""
        self._sent[key] = self.monotonic() - self.settle_window

    def settle_wait(self, entry: JournalEntry) -> float:
        """Seconds until an empty lookup for ``entry``'s last write proves that bookingkit did
        not record it: never more than one window."""
        sent = self._sent.get(entry.key, self._started)
        elapsed = self.monotonic() - sent
        return min(self.settle_window, max(0.0, self.settle_window - elapsed))

    def wait_out(self, entry: JournalEntry) -> bool:
        """Wait until an empty lookup for ``entry`` counts; False when the clerk stopped
        waiting meanwhile (then nothing may be concluded or resent)."""
        wait = self.settle_wait(entry)
        if wait > 0 and not self.stopped.is_set():
            log.info("waiting %.1f s before %s's lookup counts", wait, entry.key)
            if self.sleep is None:
                self.stopped.wait(wait)
            else:
                self.sleep(wait)
        return not self.stopped.is_set()

    # --- the order ------------------------------------------------------------------------

    def send_order(self, entry: JournalEntry, quote: Quote) -> tuple[JournalEntry, Order]:
        """Mark SENT (durably), then POST the order with the entry's key as reference."""
        sending = self.journal.mark(entry, EntryState.SENT)
        return sending, self.client.create_order(
            order_draft(entry, quote, self.order_language), on_sent=self.sent_now(entry.key)
        )

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

    def order(self, order_id: str) -> Order:
        """The order as bookingkit has it now; raises LookupFailed when it cannot be read."""
        try:
            return self.client.get_order(order_id)
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc

    def booked(self, entry: JournalEntry, order: Order) -> JournalEntry:
        return self.journal.mark(
            entry, EntryState.BOOKED, order_id=order.id, booking_code=order.code
        )

    # --- the top-up -----------------------------------------------------------------------

    def _top_up_recorded(self, entry: JournalEntry, order_id: str, amount: Money) -> bool:
        """Whether bookingkit holds our top-up: by our code when it keeps it, else by the
        method it was sent with (the journal's, not today's setting) and the amount."""
        method = (entry.top_up_method or self.top_up_method).lower()
        payments: list[Payment] = self.client.list_payments(order_id)
        return any(
            p.type == "payment"
            and (
                p.code == entry.key
                or ((p.payment_method or "").lower() == method and p.value == amount.amount)
            )
            for p in payments
        )

    def top_up(
        self, entry: JournalEntry, quote: Quote, order: Order, *, checked: bool = False
    ) -> str | None:
        """Record the top-up on ``order``. Returns None when recorded, else bookingkit's reason
        for refusing it; raises LookupFailed while it is unknown whether it was recorded.

        ``checked`` means a payment may already have gone out (reconcile): look first. The
        TOP_UP_SENT mark records the order too, when the entry does not hold it yet.
        """
        order_id = order.id
        amount = quote.top_up
        try:
            if checked and self._top_up_recorded(entry, order_id, amount):
                return None
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc
        if checked and self.settle_wait(entry) > 0:
            # Like an order, a doubtful top-up may still land inside bookingkit: not yet.
            raise LookupFailed("the top-up was sent moments ago and may still arrive")
        method = entry.top_up_method or self.top_up_method
        sending = self.journal.mark(
            entry,
            EntryState.TOP_UP_SENT,
            top_up_method=method,
            order_id=order.id,
            booking_code=order.code,
        )
        try:
            return self._send_top_up(sending, order_id, amount, method)
        except errors.BookingkitError as exc:
            log.warning("top-up on %s doubtful (%s); checking the order's payments", order_id, exc)
            may_land = isinstance(exc, errors.OutcomeUnknown | errors.ServerError)
        # Payments carry no key we can rely on: look for ours, add it once if absent, but only
        # after the settle window (a timed-out payment may still be on its way). A lookup's
        # error says nothing about the payment (a 429 or a 404 on a read is no refusal of it).
        try:
            recorded = self._top_up_recorded(sending, order_id, amount)
            if not recorded and may_land:
                if not self.wait_out(sending):
                    raise LookupFailed("the clerk stopped waiting for the top-up")
                recorded = self._top_up_recorded(sending, order_id, amount)
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc
        if recorded:
            return None
        if self.stopped.is_set():  # the screen said nothing is sent again; a check sends it
            self._nothing_in_flight(sending.key)  # none landed, and none is on its way
            raise TopUpTurnedAway("not sent again: the clerk stopped waiting")
        try:
            return self._send_top_up(sending, order_id, amount, method)
        except errors.BookingkitError as exc:
            raise LookupFailed(str(exc), exc) from exc

    def _send_top_up(
        self, entry: JournalEntry, order_id: str, amount: Money, method: str
    ) -> str | None:
        """POST the top-up: None when recorded, bookingkit's reason when it refused.

        A rate limit still there after the client's own retries, or a resend withdrawn as the
        clerk stopped waiting, is no refusal and recorded nothing: :class:`TopUpTurnedAway`, so
        the entry stays TOP_UP_SENT and the next check records the top-up, not the clerk by
        hand. No write of it is in flight, so that check need not wait out a settle window.
        Other errors are raised as they are.
        """
        try:
            self.client.add_payment(
                order_id, amount, method, code=entry.key, on_sent=self.sent_now(entry.key)
            )
        except (errors.RateLimited, errors.NotSent) as exc:
            # Rate-limited to the end, or its resend withdrawn as the clerk stopped waiting:
            # either way nothing of it was recorded, and the next check sends it.
            self._nothing_in_flight(entry.key)
            raise TopUpTurnedAway(str(exc), exc) from exc
        except errors.BookingkitError as exc:
            if errors.is_refusal(exc):
                return exc.message
            raise
        return None

    # --- the end --------------------------------------------------------------------------

    def finish(
        self, entry: JournalEntry, quote: Quote, order: Order, *, read_balance: bool = True
    ) -> RedemptionOutcome:
        """Check what the order drew, record the top-up (if due), DONE.

        ``order`` is bookingkit's own answer (the POST's, a lookup's or a fresh read): the
        result is never green before it shows the voucher drawn as quoted (guess U1's guard).
        The voucher's new balance is checked too: here (``read_balance``), or, while a customer
        waits, after the result is on screen (:meth:`confirm_balance`).

        ``entry`` may not hold the order yet (SENT, or UNKNOWN after a lookup): its next mark
        (ATTENTION, TOP_UP_SENT or DONE) records order and booking code in the same write, one
        durable write less while the customer waits. Until then a crash leaves the entry as
        sent, and reconcile finds the order by its key.
        """
        drawn = Money(order.drawn_from(quote.voucher_id), quote.currency)
        if drawn != quote.drawn:
            balance = self._voucher_after(quote, order.id)[0]
            return self._alarm(entry, quote, order.id, order.code, drawn, balance)
        note = None
        if not quote.top_up.is_zero and entry.state is not EntryState.DONE:
            checked = entry.state is EntryState.TOP_UP_SENT
            try:
                note = self.top_up(entry, quote, order, checked=checked)
            except LookupFailed as exc:
                later = isinstance(exc, TopUpTurnedAway)
                return RedemptionOutcome(
                    case=OutcomeCase.TOP_UP_LATER if later else OutcomeCase.TOP_UP_UNCONFIRMED,
                    key=entry.key,
                    quote=quote,
                    order_id=order.id,
                    booking_code=order.code,
                    drawn=drawn,
                    top_up=quote.top_up,
                    top_up_method=entry.top_up_method or self.top_up_method,
                    value_left=quote.value_left,
                    error=exc.cause,
                )
            entry = self.journal.get(entry.key)
        expected = quote.remaining_before - drawn
        balance, recorded = self._voucher_after(quote, order.id) if read_balance else (None, None)
        if mismatch(balance, recorded, expected=expected, drawn=drawn):
            return self._alarm(entry, quote, order.id, order.code, drawn, balance)
        done = self.journal.mark(
            entry,
            EntryState.DONE,
            order_id=order.id,
            booking_code=order.code,
            drawn=drawn,
            value_left=expected,
            note=note or "",  # a refused top-up's reason, or nothing
        )
        self.settled(done.key)
        return done_outcome(done, quote, done.top_up_method or self.top_up_method)

    def confirm_balance(self, outcome: RedemptionOutcome) -> RedemptionOutcome:
        """The voucher's new balance must agree with what the booking left on it; read once
        the result is on screen. A mismatch turns the booking into the alarm (real
        redemptions stop). A ticket's or a pass's is checked by ticket_redeem / pass_redeem."""
        quote = outcome.quote
        if not isinstance(quote, Quote) or outcome.kind is not OutcomeKind.DONE:
            return outcome
        if outcome.value_left is None:
            return outcome
        balance, recorded = self._voucher_after(quote, outcome.order_id)
        entry = self.journal.get(outcome.key)  # after the read: an undo meanwhile is seen
        drawn = outcome.drawn if outcome.drawn is not None else entry.drawn
        if not mismatch(balance, recorded, expected=outcome.value_left, drawn=drawn):
            if balance is not None and balance != outcome.value_left:
                # another counter spent the voucher meanwhile: the clerk sees what it holds now
                return replace(outcome, value_left=balance)
            return outcome
        if entry.state is not EntryState.DONE:
            return outcome  # undone or settled otherwise meanwhile: nothing to judge
        return self._alarm(entry, quote, outcome.order_id, outcome.booking_code, drawn, balance)

    def _voucher_after(
        self, quote: Quote, order_id: str | None
    ) -> tuple[Money | None, Money | None]:
        """The voucher's balance read after the booking, and what it records as drawn by
        ``order_id`` (None: unknown, or the voucher lists no redemption of that order)."""
        try:
            voucher = self.client.get_voucher(quote.voucher_id)
        except errors.BookingkitError as exc:
            log.info("could not re-read voucher %s after booking: %s", quote.voucher_id, exc)
            return None, None
        fresh = voucher.remaining
        ours = [r.redeemed_value for r in voucher.redemptions if r.order_id == order_id]
        return (
            None if fresh is None else Money(fresh, quote.currency),
            Money(sum(ours, Decimal(0)), quote.currency) if ours else None,
        )

    def _alarm(
        self,
        entry: JournalEntry,
        quote: Quote,
        order_id: str | None,
        booking_code: str | None,
        drawn: Money,
        balance: Money | None,
    ) -> RedemptionOutcome:
        """The order exists but did not draw as quoted: stop and let a person look."""
        log.error(
            "order %s drew %s from voucher %s, quoted %s; voucher now holds %s",
            order_id,
            drawn,
            quote.voucher_id,
            quote.drawn,
            balance,
        )
        self.journal.mark(
            entry,
            EntryState.ATTENTION,
            order_id=order_id,
            booking_code=booking_code,
            drawn=drawn,
            value_left=balance,
            note=f"drawn {drawn} (quoted {quote.drawn}); voucher holds {balance}",
        )
        return RedemptionOutcome(
            case=OutcomeCase.DRAWN_MISMATCH,
            key=entry.key,
            quote=quote,
            order_id=order_id,
            booking_code=booking_code,
            drawn=drawn,
            value_left=balance,
        )


def order_draft(entry: JournalEntry, quote: Quote, language: str) -> OrderDraft:
    """The order for ``quote`` under ``entry``'s key: the customer's name when the clerk gave
    one (else the counter's), the clerk's comment above the counter's mark, the answers and
    add-ons as quoted."""
    details = quote.details
    mark = f"VoucherDesk {entry.counter_id}".strip()
    return OrderDraft(
        date_id=quote.date_id,
        event_id=quote.event_id,
        participants=quote.participants,
        currency=quote.currency,
        external_reference=entry.key,
        voucher_id=quote.voucher_id,
        voucher_amount=quote.drawn.amount,
        name=details.customer_name or DEFAULT_ORDER_NAME,
        email=details.customer_email,
        comment="\n".join(part for part in (details.comment, mark) if part),
        answers=details.answers,
        products=quote.add_ons,
        lang=language,
    )


def done_outcome(entry: JournalEntry, quote: Quote, method: str) -> RedemptionOutcome:
    """A finished redemption; ``entry.note`` holds bookingkit's reason if it refused the top-up
    (unless a later step of the desk's own replaced it: ``OWN_NOTES``)."""
    top_up = None if quote.top_up.is_zero else quote.top_up
    refused_top_up = (
        top_up is not None and bool(entry.note) and not entry.note.startswith(OWN_NOTES)
    )
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


def mismatch(
    balance: Money | None, recorded: Money | None, *, expected: Money, drawn: Money | None
) -> bool:
    """Whether the voucher read after a booking contradicts it.

    Another counter may spend the voucher between our order and this read: less than the
    booking left is its spend, not ours. More than that (our draw did not reach the voucher),
    or the voucher recording our order at another amount, is a mismatch.
    """
    if balance is not None and balance > expected:
        return True
    return recorded is not None and recorded != drawn
