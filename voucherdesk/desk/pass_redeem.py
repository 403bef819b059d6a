"""Booking with a pass: an ordinary order, so the commit protocol of design section 4 holds as
it does for a value voucher, with entries where the voucher has money.

1. a booking that drew otherwise than quoted stops everything; earlier unsettled entries for
   the same pass are settled first;
2. journal entry PREPARED (durable), then the pass is read again from the order that sold it:
   it must still be usable and hold the entries the quote showed (else re-quote);
3. SENT, then ``POST /v3/orders`` with ``external_reference = key`` and one participant per
   entry carrying ``redeemed_flexTicket`` (guess U36);
4. BOOKED with order id and booking code; a doubtful answer is settled by looking the order
   up by its reference, exactly as for vouchers (resent at most once while the customer
   waits, never on start-up);
5. the order's own answer must show the pass used for as many participants as quoted, and
   the pass afterwards must hold that many fewer entries: otherwise the alarm (ATTENTION),
   and real redemptions stop until someone with the PIN acknowledges it (the live guard for
   guess U36).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.calls import PassOrderDraft
from voucherdesk.desk.journal import EntryState, JournalEntry, JournalUnavailable
from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.steps import LookupFailed, RedemptionSteps
from voucherdesk.desk.verdict import judge_pass

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Order

log = logging.getLogger(__name__)


def redeem_pass(
    steps: RedemptionSteps, quote: PassQuote, counter_id: str, *, counter_currency: str
) -> RedemptionOutcome:
    alarms = steps.journal.alarms(steps.environment)
    if alarms:
        return RedemptionOutcome(
            case=OutcomeCase.REDEMPTIONS_STOPPED,
            key=alarms[0].key,
            quote=quote,
            booking_code=alarms[0].booking_code,
        )
    for earlier in steps.journal.unfinished(steps.environment):
        if (
            earlier.kind is not VoucherKind.PASS
            or earlier.voucher_id != quote.pass_id
            or earlier.state is EntryState.UNDOING
        ):
            continue
        settled = settle_pass(steps, earlier, resend=False)
        if settled.kind is OutcomeKind.UNKNOWN:
            return RedemptionOutcome(
                case=OutcomeCase.EARLIER_UNSETTLED,
                key=earlier.key,
                quote=settled.quote,
                order_id=settled.order_id,
                booking_code=settled.booking_code,
                error=settled.error,
            )
    entry = steps.journal.create(
        quote, counter_id, steps.environment, counter_currency=counter_currency
    )
    try:
        found = read_pass(steps, quote)
    except errors.BookingkitError as exc:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"re-read failed: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.REREAD_FAILED, key=entry.key, quote=quote, error=exc
        )
    verdict = judge_pass(found)
    if not verdict.usable:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"pass {verdict.kind}")
        return RedemptionOutcome(
            case=OutcomeCase.VOUCHER_NOT_USABLE, key=entry.key, quote=quote, verdict=verdict
        )
    left = found.flex.redemption_available
    if not quote.unlimited and left != quote.entries_before:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"entries now {left}; re-quote")
        return RedemptionOutcome(
            case=OutcomeCase.BALANCE_CHANGED, key=entry.key, quote=quote, entries_left=left
        )
    return _send(steps, entry, quote, may_resend=True)


def read_pass(steps: RedemptionSteps, quote: PassQuote) -> SoldPass:
    """The pass as the order that sold it shows it now; NotFound when that order lost it."""
    order = steps.client.get_order(quote.sold_in_order)
    flex = order.flex_ticket(quote.pass_id)
    if flex is None:
        raise errors.NotFound(404, "the pass is no longer in the order that sold it")
    return SoldPass(flex=flex, order_id=order.id)


def _send(
    steps: RedemptionSteps, entry: JournalEntry, quote: PassQuote, *, may_resend: bool
) -> RedemptionOutcome:
    sending = steps.journal.mark(entry, EntryState.SENT)
    draft = PassOrderDraft(
        date_id=quote.date_id,
        event_id=quote.event_id,
        price_id=quote.price_id,
        price_value=None if quote.unit is None else quote.unit.amount,
        entries=quote.entries,
        currency=entry.drawn.currency,
        external_reference=entry.key,
        pass_id=quote.pass_id,
        comment=f"VoucherDesk {entry.counter_id}".strip(),
        lang=steps.order_language,
    )
    try:
        order = steps.client.create_order(draft, on_sent=steps.sent_now(entry.key))
    except errors.BookingkitError as exc:
        sending = steps.journal.get(entry.key)
        if errors.is_refusal(exc):
            steps.journal.mark(sending, EntryState.REFUSED, note=exc.message)
            return RedemptionOutcome(
                case=OutcomeCase.BOOKINGKIT_REFUSED,
                key=entry.key,
                quote=quote,
                server_message=exc.message,
                error=exc,
            )
        log.warning("pass booking %s: doubtful outcome (%s); looking it up", entry.key, exc)
        doubtful = steps.journal.mark(sending, EntryState.UNKNOWN, note=str(exc))
        return settle_pass(steps, doubtful, resend=may_resend)
    return _book_and_finish(steps, sending, quote, order, customer_waiting=True)


def _book_and_finish(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: PassQuote,
    order: Order,
    *,
    customer_waiting: bool,
) -> RedemptionOutcome:
    try:
        booked = steps.booked(entry, order)
        return _finish(steps, booked, quote, order, read_balance=not customer_waiting)
    except JournalUnavailable as exc:
        log.error("journal failed after booking %s: %s", entry.key, exc)
        return RedemptionOutcome(
            case=OutcomeCase.BOOKED_NOT_RECORDED,
            key=entry.key,
            quote=quote,
            order_id=order.id,
            booking_code=order.code,
            entries=quote.entries,
            entries_left=quote.entries_after,
            starts_at=quote.starts_at,
            error=exc,
        )


def _entries_left(steps: RedemptionSteps, quote: PassQuote) -> int | None:
    try:
        return read_pass(steps, quote).flex.redemption_available
    except errors.BookingkitError as exc:
        log.info("could not re-read pass %s after booking: %s", quote.pass_id, exc)
        return None


def _finish(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: PassQuote,
    order: Order,
    *,
    read_balance: bool,
) -> RedemptionOutcome:
    """The order is booked: it must use the pass as quoted, and (``read_balance``) the pass
    must hold that many entries fewer; DONE, else the alarm."""
    used = order.entries_used_from(quote.pass_id)
    left = _entries_left(steps, quote) if read_balance else None
    if used != quote.entries or (left is not None and left != quote.entries_after):
        return _alarm(steps, entry, quote, order.id, order.code, used, left)
    steps.journal.mark(
        entry, EntryState.DONE, appointment_id=quote.date_id, appointment_at=quote.starts_at
    )
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED,
        key=entry.key,
        quote=quote,
        order_id=order.id,
        booking_code=order.code,
        entries=used,
        entries_left=quote.entries_after,
        starts_at=quote.starts_at,
    )


def confirm_pass_balance(steps: RedemptionSteps, outcome: RedemptionOutcome) -> RedemptionOutcome:
    """Once the result is on screen: the pass must hold what the booking left on it."""
    quote = outcome.quote
    if not isinstance(quote, PassQuote) or outcome.kind is not OutcomeKind.DONE:
        return outcome
    left = _entries_left(steps, quote)
    if left is None or left == outcome.entries_left:
        return outcome
    entry = steps.journal.get(outcome.key)
    if entry.state is not EntryState.DONE:
        return outcome
    used = outcome.entries if outcome.entries is not None else quote.entries
    return _alarm(steps, entry, quote, outcome.order_id, outcome.booking_code, used, left)


def _alarm(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: PassQuote,
    order_id: str | None,
    booking_code: str | None,
    used: int,
    left: int | None,
) -> RedemptionOutcome:
    log.error(
        "order %s used %d entries of pass %s, quoted %d; the pass now holds %s",
        order_id,
        used,
        quote.pass_id,
        quote.entries,
        left,
    )
    steps.journal.mark(
        entry,
        EntryState.ATTENTION,
        note=f"used {used} entries (quoted {quote.entries}); pass holds {left}",
    )
    return RedemptionOutcome(
        case=OutcomeCase.DRAWN_MISMATCH,
        key=entry.key,
        quote=quote,
        order_id=order_id,
        booking_code=booking_code,
        entries=used,
        entries_left=left,
    )


def _resume(steps: RedemptionSteps, entry: JournalEntry, quote: PassQuote) -> RedemptionOutcome:
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
    return _finish(steps, entry, quote, order, read_balance=True)


def settle_pass(steps: RedemptionSteps, entry: JournalEntry, *, resend: bool) -> RedemptionOutcome:
    """Bring one unfinished pass entry to a truthful state: look its order up by reference."""
    quote = entry.any_quote
    assert isinstance(quote, PassQuote)
    if entry.state is EntryState.PREPARED:
        steps.journal.mark(entry, EntryState.ABANDONED, note="interrupted before sending")
        return RedemptionOutcome(case=OutcomeCase.INTERRUPTED, key=entry.key, quote=quote)
    if entry.state is EntryState.BOOKED:
        return _resume(steps, entry, quote)
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
            return settle_pass(steps, steps.journal.get(entry.key), resend=resend)
        steps.journal.mark(entry, EntryState.UNKNOWN, note="sent moments ago; no order yet")
        return RedemptionOutcome(case=OutcomeCase.NO_ANSWER_YET, key=entry.key, quote=quote)
    if resend:
        log.info("no order carries %s; sending it again with the same key", entry.key)
        return _send(steps, entry, quote, may_resend=False)
    steps.journal.mark(entry, EntryState.REFUSED, note="bookingkit holds no order for it")
    return RedemptionOutcome(case=OutcomeCase.NOT_BOOKED, key=entry.key, quote=quote)
