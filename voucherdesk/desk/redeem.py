"""Redeeming one quote: the commit protocol of design section 4.

0. earlier unsettled entries for the same voucher are settled first (never book twice while one
   outcome is still unknown);
1. journal entry PREPARED (durable) with a fresh key;
2. fresh read of the event's prices and of the voucher: a changed price or balance stops here
   (REQUOTE), nothing was sent;
3. SENT, then ``POST /v3/orders`` with ``external_reference = key``;
4. BOOKED with order id and booking code; a doubtful answer goes to ``reconcile.settle``;
5. top-up as a payment on that order (TOP_UP_SENT), then a fresh read of the voucher, DONE.
"""

from __future__ import annotations

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.models import Event
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome, refused, requote
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.reconcile import send_and_settle, settle
from voucherdesk.desk.steps import RedemptionSteps
from voucherdesk.desk.verdict import judge

__all__ = ["OutcomeKind", "RedemptionOutcome", "price_changes", "redeem"]


def price_changes(quote: Quote, event: Event) -> str:
    """What changed in bookingkit's prices for the quoted lines ("" when nothing did)."""
    now = {price.id: price for price in event.prices}
    changes: list[str] = []
    for line in quote.lines:
        price = now.get(line.price_id)
        if price is None:
            changes.append(f"{line.title or line.price_id} is no longer offered")
        elif price.currency.upper() != line.unit.currency or price.value != line.unit.amount:
            changes.append(
                f"The price of {line.title or line.price_id} changed from {line.unit} to "
                f"{price.value} {price.currency.upper()}"
            )
    return "; ".join(changes)


def redeem(steps: RedemptionSteps, quote: Quote, counter_id: str) -> RedemptionOutcome:
    for earlier in steps.journal.unfinished():
        if earlier.voucher_id != quote.voucher_id:
            continue
        settled = settle(steps, earlier, resend=False)
        if settled.kind is OutcomeKind.UNKNOWN:
            return RedemptionOutcome(
                OutcomeKind.UNKNOWN,
                earlier.key,
                settled.quote,
                settled.order_id,
                None,
                None,
                None,
                None,
                "An earlier redemption of this voucher is still unsettled, so this one was not "
                f"sent. {settled.reason}",
                settled.next_step,
            )
    entry = steps.journal.create(quote, counter_id)
    try:
        event = steps.client.get_event(quote.event_id)
        voucher = steps.client.get_voucher(quote.voucher_id)
    except errors.BookingkitError as exc:
        steps.journal.mark(entry.key, EntryState.ABANDONED, note=f"re-read failed: {exc}")
        return refused(
            quote, entry.key, f"The voucher or its prices could not be read again ({exc})."
        )
    moved = price_changes(quote, event)
    if moved:
        # bookingkit prices the order itself: a quote on an old price means a wrong top-up.
        steps.journal.mark(entry.key, EntryState.ABANDONED, note=f"{moved}; re-quote")
        return requote(
            quote,
            entry.key,
            f"{moved} since the quote. Nothing was booked.",
            "Show the customer the new price and confirm again.",
        )
    verdict = judge(voucher, now=steps.clock(), currency=quote.currency)
    if not verdict.usable:
        steps.journal.mark(entry.key, EntryState.ABANDONED, note=verdict.reason)
        return refused(quote, entry.key, verdict.reason)
    if voucher.remaining != quote.remaining_before.amount:
        now_left = f"{voucher.remaining} {quote.currency}"
        steps.journal.mark(
            entry.key, EntryState.ABANDONED, note=f"balance changed to {now_left}; re-quote"
        )
        return requote(
            quote,
            entry.key,
            f"The voucher's balance changed from {quote.remaining_before} to {now_left} since "
            "the quote (it was used elsewhere meanwhile). Nothing was booked.",
            "Show the customer the new quote and confirm again.",
        )
    return send_and_settle(steps, entry, quote, may_resend=True)
