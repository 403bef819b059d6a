"""Settling doubtful redemptions: ask bookingkit which orders carry our key before anything else.

The rule: after any doubtful outcome (no answer, a 5xx, an unreadable answer, a crash) the order
is looked up by ``external_reference``. Only when bookingkit certainly holds no order for the key
may it be sent again, and then with the same key. An empty lookup is only certain once the
settle window has passed since the send (a timed-out request may still be on its way inside
bookingkit); before that the desk waits (customer present) or leaves the entry UNKNOWN. While
the counter's customer is waiting (``resend=True``) a resend happens at most once; an entry found
on start-up is never re-sent, because its customer has most likely gone: it is marked as not
booked instead.
"""

from __future__ import annotations

import logging

from voucherdesk.bookingkit import errors
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.steps import LookupFailed, RedemptionSteps

log = logging.getLogger(__name__)


def send_and_settle(
    steps: RedemptionSteps, entry: JournalEntry, quote: Quote, *, may_resend: bool
) -> RedemptionOutcome:
    """Send the order for ``entry`` and carry the redemption as far as it will go."""
    try:
        order = steps.send_order(entry, quote)
    except errors.BookingkitError as exc:
        if errors.is_refusal(exc):
            steps.journal.mark(entry.key, EntryState.REFUSED, note=exc.message)
            return RedemptionOutcome(
                case=OutcomeCase.BOOKINGKIT_REFUSED,
                key=entry.key,
                quote=quote,
                server_message=exc.message,
                error=exc,
            )
        log.warning("order for %s: doubtful outcome (%s); looking it up", entry.key, exc)
        entry = steps.journal.mark(entry.key, EntryState.UNKNOWN, note=str(exc))
        return settle(steps, entry, resend=may_resend)
    entry = steps.booked(entry, order)
    return steps.finish(entry, quote, order)


def settle(steps: RedemptionSteps, entry: JournalEntry, *, resend: bool) -> RedemptionOutcome:
    """Bring one unfinished entry to a truthful state."""
    quote = entry.quote
    if entry.state is EntryState.PREPARED:
        # The SENT mark is written before every send, so PREPARED means nothing went out.
        steps.journal.mark(entry.key, EntryState.ABANDONED, note="interrupted before sending")
        return RedemptionOutcome(case=OutcomeCase.INTERRUPTED, key=entry.key, quote=quote)
    if entry.state in (EntryState.BOOKED, EntryState.TOP_UP_SENT):
        return steps.finish(entry, quote, steps.order(entry.order_id))
    try:
        orders = steps.orders_for(entry.key)
    except LookupFailed as exc:
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note=f"lookup failed: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=exc.cause
        )
    live = [o for o in orders if not o.cancelled]
    if len(live) == 1:
        entry = steps.booked(entry, live[0])
        return steps.finish(entry, quote, live[0])
    if len(live) > 1:
        codes = tuple(o.code or o.id for o in live)
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note=f"several orders: {codes}")
        return RedemptionOutcome(
            case=OutcomeCase.SEVERAL_ORDERS, key=entry.key, quote=quote, order_codes=codes
        )
    if orders:
        codes = tuple(o.code or o.id for o in orders)
        steps.journal.mark(
            entry.key, EntryState.UNDONE, order_id=orders[0].id, note=f"cancelled: {codes}"
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
    wait = steps.settle_wait(entry)
    if wait > 0:
        if resend:
            log.info("no order carries %s yet; waiting %.1f s before deciding", entry.key, wait)
            steps.sleep(wait)
            return settle(steps, steps.journal.get(entry.key), resend=resend)
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note="sent moments ago; no order yet")
        return RedemptionOutcome(case=OutcomeCase.NO_ANSWER_YET, key=entry.key, quote=quote)
    if resend:
        log.info("no order carries %s; sending it again with the same key", entry.key)
        return send_and_settle(steps, entry, quote, may_resend=False)
    steps.journal.mark(entry.key, EntryState.REFUSED, note="bookingkit holds no order for it")
    return RedemptionOutcome(case=OutcomeCase.NOT_BOOKED, key=entry.key, quote=quote)


def reconcile_pending(steps: RedemptionSteps) -> list[RedemptionOutcome]:
    """Settle every unfinished journal entry (on start-up, before the first scan)."""
    outcomes: list[RedemptionOutcome] = []
    for entry in steps.journal.unfinished():
        try:
            outcomes.append(settle(steps, entry, resend=False))
        except errors.BookingkitError as exc:  # e.g. the journal mark succeeded, a GET failed
            steps.journal.mark(entry.key, EntryState.UNKNOWN, note=str(exc))
            outcomes.append(
                RedemptionOutcome(
                    case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=entry.quote, error=exc
                )
            )
    return outcomes
