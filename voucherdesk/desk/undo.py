"""Undoing a redemption made at this counter: cancel its order, learn what the voucher got back.

The undo is journalled before the cancel goes out (UNDOING), like every write. A lost answer
is settled by reading the order: cancelled means UNDONE; still live after the settle window
means the cancel did not take effect, and the entry goes back to DONE. Until then the undo's
outcome is open and the report counts the entry as "needs checking".

Whether bookingkit gives the drawn value back to the voucher on cancellation is a guess
(``guesses.CANCEL_RESTORES_VOUCHER_VALUE``, U8), and so is whether a pass gets its entries back
(U38) or an open-date ticket opens again (U33). The outcome therefore carries a fresh read of
what was redeemed after the cancellation; the edges fall back to the guess only when that read
fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.guesses import OPEN_DATE_TICKET_OPEN
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pass_redeem import read_pass
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.desk.steps import RedemptionSteps

log = logging.getLogger(__name__)


class UndoCase(StrEnum):
    CANCELLED = "cancelled"  # bookingkit cancelled the order (``restored`` says what came back)
    CANCEL_UNKNOWN = "cancel_unknown"  # the cancel's answer was lost; settled by "Check again"
    ALREADY_UNDONE = "already_undone"
    NO_SUCH_ENTRY = "no_such_entry"
    OTHER_COUNTER = "other_counter"  # only this counter's redemptions are undone here
    OTHER_ENVIRONMENT = "other_environment"  # sent to another bookingkit than this counter's
    NOT_UNDOABLE = "not_undoable"  # not a finished redemption with an order
    CANCEL_FAILED = "cancel_failed"  # bookingkit could not be asked, or refused (``error``)
    NOT_CANCELLED = "not_cancelled"  # bookingkit answered, but the order is not cancelled


@dataclass(frozen=True, kw_only=True)
class UndoOutcome:
    """What an undo did; ``restored`` says whether the voucher's value, the pass's entries or
    the open-date ticket came back (None: not known), read from bookingkit afterwards."""

    case: UndoCase
    key: str
    order_id: str | None = None
    booking_code: str | None = None
    voucher_code: str | None = None
    drawn: Money | None = None
    top_up: Money | None = None  # to be paid back by hand: bookingkit does not refund it
    top_up_taken: bool = True  # the journal holds it as taken (at the start of the undo), or none
    value_left: Money | None = None  # the voucher's balance read after the cancellation
    restored: bool | None = None  # the drawn value went back onto the voucher (None: unknown)
    error: Exception | None = None
    kind: VoucherKind = VoucherKind.VALUE_VOUCHER
    entries: int | None = None  # a pass's entries the booking used
    entries_left: int | None = None  # on the pass after the cancellation

    @property
    def cancelled(self) -> bool:
        return self.case in (UndoCase.CANCELLED, UndoCase.ALREADY_UNDONE)


@dataclass(frozen=True)
class _Holding:
    """What the redeemed thing holds now: a voucher's value, a pass's entries, or whether an
    open-date ticket is open."""

    remaining: Money | None = None
    entries_left: int | None = None
    ticket_open: bool | None = None


def _holding(steps: RedemptionSteps, entry: JournalEntry) -> _Holding | None:
    quote = entry.any_quote
    try:
        if isinstance(quote, Quote):
            left = steps.client.get_voucher(quote.voucher_id).remaining
            return _Holding(remaining=None if left is None else Money(left, quote.currency))
        if isinstance(quote, TicketQuote):
            ticket = steps.client.get_open_date_ticket(quote.ticket_id)
            return _Holding(ticket_open=ticket.status.upper() == OPEN_DATE_TICKET_OPEN)
        return _Holding(entries_left=read_pass(steps, quote).flex.redemption_available)
    except errors.BookingkitError:
        return None


def _restored(before: _Holding | None, after: _Holding | None) -> bool | None:
    if after is None:
        return None
    if after.ticket_open is not None:
        return after.ticket_open
    if before is None:
        return None
    if before.remaining is not None and after.remaining is not None:
        return before.remaining < after.remaining
    if before.entries_left is not None and after.entries_left is not None:
        return before.entries_left < after.entries_left
    return None


def _facts(entry: JournalEntry) -> UndoOutcome:
    return UndoOutcome(
        case=UndoCase.CANCELLED,
        key=entry.key,
        order_id=entry.order_id,
        booking_code=entry.booking_code,
        voucher_code=entry.voucher_code,
        drawn=entry.drawn,
        top_up=entry.top_up,
        top_up_taken=entry.top_up is None or entry.top_up_taken_at is not None,
        kind=entry.kind,
        entries=entry.entries,
    )


def undo(steps: RedemptionSteps, key: str, counter_id: str) -> UndoOutcome:
    try:
        entry = steps.journal.get(key)
    except KeyError:
        return UndoOutcome(case=UndoCase.NO_SUCH_ENTRY, key=key)
    facts = _facts(entry)
    if entry.counter_id != counter_id:
        return replace(facts, case=UndoCase.OTHER_COUNTER)
    if not entry.belongs_to(steps.environment):
        return replace(facts, case=UndoCase.OTHER_ENVIRONMENT)
    if entry.state is EntryState.UNDONE:
        return replace(facts, case=UndoCase.ALREADY_UNDONE)
    order_id = entry.order_id
    if order_id is None or entry.state is not EntryState.DONE:
        return replace(facts, case=UndoCase.NOT_UNDOABLE)
    before = _holding(steps, entry)
    undoing = steps.journal.mark(entry, EntryState.UNDOING)
    try:
        order = steps.client.cancel_order(order_id, on_sent=steps.sent_now(key))
    except errors.BookingkitError as exc:
        if errors.is_refusal(exc) or not errors.may_have_landed(exc):
            # bookingkit refused, or the request never left: nothing was cancelled.
            steps.journal.mark(undoing, EntryState.DONE, note=f"cancel failed: {exc}")
            return replace(facts, case=UndoCase.CANCEL_FAILED, error=exc)
        log.warning("cancel of %s doubtful (%s); reading the order", order_id, exc)
        return settle_undo(steps, undoing, before=before, error=exc)
    if not order.cancelled:
        steps.journal.mark(undoing, EntryState.DONE, note="cancel answered, order still live")
        return replace(facts, case=UndoCase.NOT_CANCELLED)
    return _cancelled(steps, undoing, facts, before)


def settle_undo(
    steps: RedemptionSteps,
    entry: JournalEntry,
    *,
    before: _Holding | None = None,
    error: Exception | None = None,
) -> UndoOutcome:
    """Settle an UNDOING entry by reading its order (after a lost answer, or on reconcile)."""
    facts = _facts(entry)
    assert entry.order_id is not None
    try:
        order = steps.client.get_order(entry.order_id)
    except errors.BookingkitError as exc:
        return replace(facts, case=UndoCase.CANCEL_UNKNOWN, error=error or exc)
    if order.cancelled:
        return _cancelled(steps, entry, facts, before)
    if steps.settle_wait(entry) > 0:
        return replace(facts, case=UndoCase.CANCEL_UNKNOWN, error=error)
    # The window has passed and the order is still live: the cancel did not take effect.
    steps.journal.mark(entry, EntryState.DONE, note="cancel did not take effect")
    return replace(facts, case=UndoCase.NOT_CANCELLED, error=error)


def _cancelled(
    steps: RedemptionSteps, entry: JournalEntry, facts: UndoOutcome, before: _Holding | None
) -> UndoOutcome:
    after = _holding(steps, entry)
    restored = _restored(before, after)
    value_left = None if after is None else after.remaining
    entries_left = None if after is None else after.entries_left
    steps.journal.mark(
        entry, EntryState.UNDONE, value_left=value_left, note=f"cancelled; restored={restored}"
    )
    return replace(facts, value_left=value_left, entries_left=entries_left, restored=restored)
