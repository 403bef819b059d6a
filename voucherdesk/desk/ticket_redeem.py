"""Redeeming an open-date ticket: the commit protocol of design section 4, for a call that
carries no reference of ours.

1. earlier unsettled entries for the same ticket are settled first (never redeem twice while
   one outcome is open); a booking that drew otherwise than quoted stops everything;
2. journal entry PREPARED (durable), then the ticket is read again: only an OPEN ticket goes on;
3. SENT, then ``POST /v3/open_date_tickets/{id}/redeem`` with the clerk's strategy;
4. its answer names the order and the appointment: BOOKED (order id durable), then the order
   is read for its booking code: DONE;
5. a doubtful answer (timeout, dropped connection, 5xx, unreadable) is settled by reading the
   ticket again, never by sending again while unsure: DEPLETED means it was redeemed (the
   ticket names the order, guess U32), OPEN after the settle window means it was not. While
   the customer waits the redemption is then sent once more; found on start-up it is marked
   "not booked" instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.guesses import (
    OPEN_DATE_TICKET_DEPLETED,
    OPEN_DATE_TICKET_OPEN,
    RedemptionStrategy,
)
from voucherdesk.desk.journal import EntryState, JournalEntry, JournalUnavailable
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.steps import LookupFailed, RedemptionSteps
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.desk.verdict import VerdictKind, judge_ticket

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import OpenDateTicket

log = logging.getLogger(__name__)


def redeem_ticket(
    steps: RedemptionSteps, quote: TicketQuote, counter_id: str, *, counter_currency: str
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
            earlier.kind is not VoucherKind.OPEN_DATE_TICKET
            or earlier.voucher_id != quote.ticket_id
            or earlier.state is EntryState.UNDOING
        ):
            continue
        settled = settle_ticket(steps, earlier, resend=False)
        if settled.kind is OutcomeKind.UNKNOWN:
            return RedemptionOutcome(
                case=OutcomeCase.EARLIER_UNSETTLED,
                key=earlier.key,
                quote=settled.quote,
                order_id=settled.order_id,
                error=settled.error,
            )
    entry = steps.journal.create(
        quote, counter_id, steps.environment, counter_currency=counter_currency
    )
    try:
        ticket = steps.client.get_open_date_ticket(quote.ticket_id)
    except errors.BookingkitError as exc:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"re-read failed: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.REREAD_FAILED, key=entry.key, quote=quote, error=exc
        )
    verdict = judge_ticket(ticket)
    if not verdict.usable:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"ticket {ticket.status}")
        return RedemptionOutcome(
            case=OutcomeCase.VOUCHER_NOT_USABLE, key=entry.key, quote=quote, verdict=verdict
        )
    return _send(steps, entry, quote, may_resend=True)


def _send(
    steps: RedemptionSteps, entry: JournalEntry, quote: TicketQuote, *, may_resend: bool
) -> RedemptionOutcome:
    """Mark SENT (durably), redeem, and carry the redemption as far as it will go."""
    sending = steps.journal.mark(entry, EntryState.SENT)
    selected = quote.strategy is RedemptionStrategy.SELECTED
    try:
        answer = steps.client.redeem_open_date_ticket(
            quote.ticket_id,
            quote.strategy,
            quote.appointment_id if selected else None,
            on_sent=steps.sent_now(entry.key),
        )
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
        log.warning("ticket %s: doubtful redemption (%s); reading it again", entry.key, exc)
        doubtful = steps.journal.mark(sending, EntryState.UNKNOWN, note=str(exc))
        return settle_ticket(steps, doubtful, resend=may_resend)
    return _redeemed(steps, sending, quote, answer.order_id, answer.appointment_id)


def _redeemed(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: TicketQuote,
    order_id: str | None,
    appointment_id: str | None,
) -> RedemptionOutcome:
    """bookingkit redeemed the ticket: record the order it names, then finish."""
    try:
        if order_id is None:
            steps.journal.mark(
                entry,
                EntryState.DONE,
                appointment_id=appointment_id,
                note="redeemed; bookingkit named no order",
            )
            return _no_code(entry, quote, None)
        booked = steps.journal.mark(
            entry, EntryState.BOOKED, order_id=order_id, appointment_id=appointment_id
        )
    except JournalUnavailable as exc:
        log.error("journal failed after redeeming %s: %s", entry.key, exc)
        return RedemptionOutcome(
            case=OutcomeCase.BOOKED_NOT_RECORDED,
            key=entry.key,
            quote=quote,
            order_id=order_id,
            error=exc,
        )
    return _finish(steps, booked, quote)


def _no_code(entry: JournalEntry, quote: TicketQuote, order_id: str | None) -> RedemptionOutcome:
    return RedemptionOutcome(
        case=OutcomeCase.REDEEMED_NO_CODE, key=entry.key, quote=quote, order_id=order_id
    )


def _finish(steps: RedemptionSteps, entry: JournalEntry, quote: TicketQuote) -> RedemptionOutcome:
    """A BOOKED entry: read its order for the booking code and the appointment; DONE. An
    order that cannot be read leaves the entry BOOKED (the next reconcile reads it) and the
    clerk is told the ticket is redeemed, its code not yet known."""
    order_id = entry.order_id
    assert order_id is not None
    try:
        order = steps.order(order_id)
    except LookupFailed:
        return _no_code(entry, quote, order_id)
    if order.cancelled:
        steps.journal.mark(entry, EntryState.UNDONE, note="cancelled in bookingkit")
        return RedemptionOutcome(
            case=OutcomeCase.ORDER_CANCELLED,
            key=entry.key,
            quote=quote,
            order_id=order.id,
            order_codes=(order.code or order.id,),
        )
    date_id = entry.appointment_id or order.first_date_id
    starts = quote.starts_at if date_id == quote.appointment_id else None
    if starts is None and date_id is not None:
        try:
            starts = steps.client.get_date(date_id).date
        except errors.BookingkitError as exc:  # the booking stands; only its time is unread
            log.info("could not read appointment %s of %s: %s", date_id, entry.key, exc)
    try:
        steps.journal.mark(
            entry,
            EntryState.DONE,
            booking_code=order.code,
            appointment_id=date_id,
            appointment_at=starts,
        )
    except JournalUnavailable as exc:
        log.error("journal failed after redeeming %s: %s", entry.key, exc)
        return RedemptionOutcome(
            case=OutcomeCase.BOOKED_NOT_RECORDED,
            key=entry.key,
            quote=quote,
            order_id=order.id,
            booking_code=order.code,
            starts_at=starts,
            error=exc,
        )
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED if order.code else OutcomeCase.REDEEMED_NO_CODE,
        key=entry.key,
        quote=quote,
        order_id=order.id,
        booking_code=order.code,
        starts_at=starts,
    )


def settle_ticket(
    steps: RedemptionSteps, entry: JournalEntry, *, resend: bool
) -> RedemptionOutcome:
    """Bring one unfinished ticket entry to a truthful state by reading the ticket."""
    quote = entry.any_quote
    assert isinstance(quote, TicketQuote)
    if entry.state is EntryState.PREPARED:
        steps.journal.mark(entry, EntryState.ABANDONED, note="interrupted before sending")
        return RedemptionOutcome(case=OutcomeCase.INTERRUPTED, key=entry.key, quote=quote)
    if entry.state is EntryState.BOOKED:
        return _finish(steps, entry, quote)
    try:
        ticket = steps.client.get_open_date_ticket(quote.ticket_id)
    except errors.BookingkitError as exc:
        steps.journal.mark(entry, EntryState.UNKNOWN, note=f"ticket unread: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=exc
        )
    return _judge_read(steps, entry, quote, ticket, resend=resend)


def _judge_read(
    steps: RedemptionSteps,
    entry: JournalEntry,
    quote: TicketQuote,
    ticket: OpenDateTicket,
    *,
    resend: bool,
) -> RedemptionOutcome:
    status = ticket.status.upper()
    if status == OPEN_DATE_TICKET_DEPLETED:
        # It was OPEN when it went out: the redemption that depleted it is ours.
        return _redeemed(steps, entry, quote, ticket.order_id, None)
    if status != OPEN_DATE_TICKET_OPEN:
        verdict = judge_ticket(ticket)
        if verdict.kind is VerdictKind.TICKET_UNKNOWN_STATUS:
            unread = errors.MalformedResponse(f"ticket status {ticket.status!r} is not known")
            steps.journal.mark(entry, EntryState.UNKNOWN, note=str(unread))
            return RedemptionOutcome(
                case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=unread
            )
        steps.journal.mark(entry, EntryState.REFUSED, note=f"ticket {ticket.status}")
        return RedemptionOutcome(
            case=OutcomeCase.VOUCHER_NOT_USABLE, key=entry.key, quote=quote, verdict=verdict
        )
    resend = resend and not steps.stopped.is_set()
    if steps.settle_wait(entry) > 0:
        if resend and steps.wait_out(entry):
            return settle_ticket(steps, steps.journal.get(entry.key), resend=resend)
        steps.journal.mark(entry, EntryState.UNKNOWN, note="sent moments ago; ticket still open")
        return RedemptionOutcome(case=OutcomeCase.NO_ANSWER_YET, key=entry.key, quote=quote)
    if resend:
        log.info("ticket of %s is still open after the window; redeeming it once more", entry.key)
        return _send(steps, entry, quote, may_resend=False)
    steps.journal.mark(entry, EntryState.REFUSED, note="ticket still open: not redeemed")
    return RedemptionOutcome(case=OutcomeCase.NOT_BOOKED, key=entry.key, quote=quote)
