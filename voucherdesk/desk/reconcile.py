"""Settling doubtful redemptions: ask bookingkit which orders carry our key before anything else.

The rule: after any doubtful outcome (no answer, a 5xx, an unreadable answer, a crash) the order
is looked up by ``external_reference``. Only when bookingkit certainly holds no order for the key
may it be sent again, and then with the same key. An empty lookup is only certain once the
settle window has passed since the send (a timed-out request may still be on its way inside
bookingkit); before that the desk waits (customer present) or leaves the entry UNKNOWN. While
the counter's customer is waiting (``resend=True``) a resend happens at most once; an entry found
on start-up is never re-sent, because its customer has most likely gone: it is marked as not
booked instead. When the clerk stops waiting ("Stop waiting"), nothing more is waited for or
re-sent: the entry stays open for "Check again" or the next start.

Resuming a booked entry reads its order first: a top-up is never added to an order that was
cancelled in bookingkit meanwhile. A journal that fails after something was sent never hides
the booking: the clerk gets the booking code and the entry is finished on a later reconcile.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import errors
from voucherdesk.desk import undo
from voucherdesk.desk.journal import EntryState, JournalEntry, JournalUnavailable
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.pass_redeem import settle_pass
from voucherdesk.desk.steps import LookupFailed, RedemptionSteps
from voucherdesk.desk.ticket_redeem import settle_ticket

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Order
    from voucherdesk.desk.quote import Quote

log = logging.getLogger(__name__)


def send_and_settle(
    steps: RedemptionSteps, entry: JournalEntry, quote: Quote, *, may_resend: bool
) -> RedemptionOutcome:
    """Send the order for ``entry`` and carry the redemption as far as it will go."""
    try:
        sending, order = steps.send_order(entry, quote)
    except errors.BookingkitError as exc:
        sending = steps.journal.get(entry.key)
        if errors.is_refusal(exc):
            # bookingkit answered with a refusal (4xx): it stored nothing.
            steps.journal.mark(sending, EntryState.REFUSED, note=exc.message)
            return RedemptionOutcome(
                case=OutcomeCase.BOOKINGKIT_REFUSED,
                key=entry.key,
                quote=quote,
                server_message=exc.message,
                error=exc,
            )
        log.warning("order for %s: doubtful outcome (%s); looking it up", entry.key, exc)
        doubtful = steps.journal.mark(sending, EntryState.UNKNOWN, note=str(exc))
        return settle(steps, doubtful, resend=may_resend)
    return _book_and_finish(steps, sending, quote, order, customer_waiting=True)


def _book_and_finish(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: Quote,
    order: Order,
    *,
    customer_waiting: bool,
) -> RedemptionOutcome:
    """bookingkit holds ``order`` for ``entry``: finish, recording the order with the next
    mark (while a customer waits, the voucher's balance is checked after the result). A
    journal that fails from here on never hides the booking."""
    try:
        return steps.finish(entry, quote, order, read_balance=not customer_waiting)
    except JournalUnavailable as exc:
        return not_recorded(steps, entry, quote, exc, order_code=order.code, order_id=order.id)


def not_recorded(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: Quote,
    exc: JournalUnavailable,
    *,
    order_code: str | None,
    order_id: str | None,
) -> RedemptionOutcome:
    """This PC could not record a step after something was sent. A booking that exists is
    shown with its code and top-up (the top-up is recorded in bookingkit when the journal works
    again); without one the outcome is open."""
    log.error("journal failed after sending %s: %s", entry.key, exc)
    if order_code is None:
        return RedemptionOutcome(
            case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=exc
        )
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED_NOT_RECORDED,
        key=entry.key,
        quote=quote,
        order_id=order_id,
        booking_code=order_code,
        drawn=quote.drawn,
        top_up=None if quote.top_up.is_zero else quote.top_up,
        top_up_method=steps.top_up_method,
        value_left=quote.value_left,
        error=exc,
    )


def _resume(steps: RedemptionSteps, entry: JournalEntry) -> RedemptionOutcome:
    """A BOOKED or TOP_UP_SENT entry: finish it from bookingkit's order as it is now."""
    quote = entry.quote
    assert entry.order_id is not None
    try:
        order = steps.order(entry.order_id)
    except LookupFailed as exc:
        return RedemptionOutcome(
            case=OutcomeCase.LOOKUP_FAILED,
            key=entry.key,
            quote=quote,
            order_id=entry.order_id,
            booking_code=entry.booking_code,
            error=exc.cause,
        )
    if order.cancelled:
        steps.journal.mark(entry, EntryState.UNDONE, note="cancelled in bookingkit")
        return RedemptionOutcome(
            case=OutcomeCase.ORDER_CANCELLED,
            key=entry.key,
            quote=quote,
            order_id=order.id,
            order_codes=(order.code or order.id,),
        )
    try:
        return steps.finish(entry, quote, order)
    except JournalUnavailable as exc:
        return not_recorded(steps, entry, quote, exc, order_code=order.code, order_id=order.id)


def settle(steps: RedemptionSteps, entry: JournalEntry, *, resend: bool) -> RedemptionOutcome:
    """Bring one unfinished entry to a truthful state."""
    quote = entry.quote
    if entry.state is EntryState.PREPARED:
        # The SENT mark is written before every send, so PREPARED means nothing went out.
        steps.journal.mark(entry, EntryState.ABANDONED, note="interrupted before sending")
        return RedemptionOutcome(case=OutcomeCase.INTERRUPTED, key=entry.key, quote=quote)
    if entry.state in (EntryState.BOOKED, EntryState.TOP_UP_SENT):
        return _resume(steps, entry)
    try:
        orders = steps.orders_for(entry.key)
    except LookupFailed as exc:
        steps.journal.mark(entry, EntryState.UNKNOWN, note=f"lookup failed: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=exc.cause
        )
    live = [o for o in orders if not o.cancelled]
    if len(live) == 1:
        return _book_and_finish(steps, entry, quote, live[0], customer_waiting=resend)
    if len(live) > 1:
        codes = tuple(o.code or o.id for o in live)
        steps.journal.mark(entry, EntryState.UNKNOWN, note=f"several orders: {codes}")
        return RedemptionOutcome(
            case=OutcomeCase.SEVERAL_ORDERS, key=entry.key, quote=quote, order_codes=codes
        )
    if orders:
        codes = tuple(o.code or o.id for o in orders)
        steps.journal.mark(
            entry, EntryState.UNDONE, order_id=orders[0].id, note=f"cancelled: {codes}"
        )
        # Not "nothing drawn": the order did draw from the voucher, and a cancellation need not
        # give the value back (guesses.CANCEL_RESTORES_VOUCHER_VALUE).
        return RedemptionOutcome(
            case=OutcomeCase.ORDER_CANCELLED,
            key=entry.key,
            quote=quote,
            order_id=orders[0].id,
            order_codes=codes,
        )
    resend = resend and not steps.stopped.is_set()
    if steps.settle_wait(entry) > 0:
        if resend and steps.wait_out(entry):
            return settle(steps, steps.journal.get(entry.key), resend=resend)
        steps.journal.mark(entry, EntryState.UNKNOWN, note="sent moments ago; no order yet")
        return RedemptionOutcome(case=OutcomeCase.NO_ANSWER_YET, key=entry.key, quote=quote)
    if resend:
        log.info("no order carries %s; sending it again with the same key", entry.key)
        return send_and_settle(steps, entry, quote, may_resend=False)
    steps.journal.mark(entry, EntryState.REFUSED, note="bookingkit holds no order for it")
    return RedemptionOutcome(case=OutcomeCase.NOT_BOOKED, key=entry.key, quote=quote)


def settle_entry(steps: RedemptionSteps, entry: JournalEntry, *, resend: bool) -> RedemptionOutcome:
    """Settle an unfinished entry of any kind: an order looked up by its reference (vouchers,
    passes), or an open-date ticket read again."""
    if entry.kind is VoucherKind.OPEN_DATE_TICKET:
        return settle_ticket(steps, entry, resend=resend)
    if entry.kind is VoucherKind.PASS:
        return settle_pass(steps, entry, resend=resend)
    return settle(steps, entry, resend=resend)


def reconcile_pending(steps: RedemptionSteps) -> list[RedemptionOutcome]:
    """Settle every unfinished journal entry of this environment (on start-up, before the
    first scan, and on "Check again"). Undos whose cancel is doubtful are settled too; their
    results live in the journal and the history, not in this list."""
    outcomes: list[RedemptionOutcome] = []
    for entry in steps.journal.unfinished(steps.environment):
        if entry.state is EntryState.UNDOING:
            undo.settle_undo(steps, entry)
            continue
        try:
            outcomes.append(settle_entry(steps, entry, resend=False))
        except (errors.BookingkitError, JournalUnavailable) as exc:
            log.warning("could not settle %s: %s", entry.key, exc)
            outcomes.append(
                RedemptionOutcome(
                    case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=entry.any_quote, error=exc
                )
            )
    return outcomes
