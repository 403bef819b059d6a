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
from voucherdesk.desk.outcomes import (
    DOUBTFUL,
    OutcomeKind,
    RedemptionOutcome,
    needs_attention,
    refused,
    unknown,
)
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.steps import LookupFailed, RedemptionSteps, is_cancelled

log = logging.getLogger(__name__)


def send_and_settle(
    steps: RedemptionSteps, entry: JournalEntry, quote: Quote, *, may_resend: bool
) -> RedemptionOutcome:
    """Send the order for ``entry`` and carry the redemption as far as it will go."""
    try:
        order = steps.send_order(entry, quote)
    except DOUBTFUL as exc:
        log.warning("order for %s: doubtful outcome (%s); looking it up", entry.key, exc)
        entry = steps.journal.mark(entry.key, EntryState.UNKNOWN, note=str(exc))
        return settle(steps, entry, resend=may_resend)
    except errors.ApiError as exc:
        # bookingkit answered with a refusal (4xx): it stored nothing.
        steps.journal.mark(entry.key, EntryState.REFUSED, note=exc.message)
        return refused(quote, entry.key, f"bookingkit refused the booking: {exc.message}.")
    entry = steps.booked(entry, order)
    return steps.finish(entry, quote, order)


def settle(steps: RedemptionSteps, entry: JournalEntry, *, resend: bool) -> RedemptionOutcome:
    """Bring one unfinished entry to a truthful state."""
    quote = entry.quote
    if entry.state is EntryState.PREPARED:
        # The SENT mark is written before every send, so PREPARED means nothing went out.
        steps.journal.mark(entry.key, EntryState.ABANDONED, note="interrupted before sending")
        return refused(quote, entry.key, "The redemption was interrupted before it was sent.")
    if entry.state in (EntryState.BOOKED, EntryState.TOP_UP_SENT):
        return steps.finish(entry, quote, steps.order(entry.order_id))
    try:
        orders = steps.orders_for(entry.key)
    except LookupFailed as exc:
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note=f"lookup failed: {exc}")
        return unknown(quote, entry.key, f"bookingkit could not be asked ({exc}).")
    live = [o for o in orders if not is_cancelled(o)]
    if len(live) == 1:
        entry = steps.booked(entry, live[0])
        return steps.finish(entry, quote, live[0])
    if len(live) > 1:
        codes = ", ".join(o.code or o.id for o in live)
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note=f"several orders: {codes}")
        return needs_attention(
            quote,
            entry.key,
            f"bookingkit holds {len(live)} orders for this one redemption ({codes}); the "
            "voucher may have been drawn more than once.",
            f"Cancel all but one of these orders in bookingkit, then check again. Journal key: "
            f"{entry.key}.",
        )
    if orders:
        codes = ", ".join(o.code or o.id for o in orders)
        steps.journal.mark(
            entry.key, EntryState.UNDONE, order_id=orders[0].id, note=f"cancelled: {codes}"
        )
        # Not refused(): the order did draw from the voucher, and a cancellation need not give
        # the value back (guesses.CANCEL_RESTORES_VOUCHER_VALUE), so "nothing drawn" may be false.
        return RedemptionOutcome(
            OutcomeKind.REFUSED,
            entry.key,
            quote,
            orders[0].id,
            None,
            None,
            None,
            None,
            f"The order {codes} for this redemption was cancelled in bookingkit, so nothing is "
            "booked. Its voucher value may not have gone back: check the voucher's balance there.",
            "Check the voucher's balance in bookingkit before booking again.",
        )
    wait = steps.settle_wait(entry)
    if wait > 0:
        if resend:
            log.info("no order carries %s yet; waiting %.1f s before deciding", entry.key, wait)
            steps.sleep(wait)
            return settle(steps, steps.journal.get(entry.key), resend=resend)
        steps.journal.mark(entry.key, EntryState.UNKNOWN, note="sent moments ago; no order yet")
        return unknown(quote, entry.key, "bookingkit shows no order yet, but it may still arrive.")
    if resend:
        log.info("no order carries %s; sending it again with the same key", entry.key)
        return send_and_settle(steps, entry, quote, may_resend=False)
    steps.journal.mark(entry.key, EntryState.REFUSED, note="bookingkit holds no order for it")
    return refused(quote, entry.key, "bookingkit holds no order for this redemption.")


def reconcile_pending(steps: RedemptionSteps) -> list[RedemptionOutcome]:
    """Settle every unfinished journal entry (on start-up, before the first scan)."""
    outcomes: list[RedemptionOutcome] = []
    for entry in steps.journal.unfinished():
        try:
            outcomes.append(settle(steps, entry, resend=False))
        except errors.BookingkitError as exc:  # e.g. the journal mark succeeded, a GET failed
            steps.journal.mark(entry.key, EntryState.UNKNOWN, note=str(exc))
            outcomes.append(
                unknown(entry.quote, entry.key, f"bookingkit could not be asked ({exc}).")
            )
    return outcomes
