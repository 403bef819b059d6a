"""Undoing a redemption made at this counter: cancel its order, learn what the voucher got back.

Whether bookingkit gives the drawn value back to the voucher on cancellation is a guess
(``guesses.CANCEL_RESTORES_VOUCHER_VALUE``, U8). The outcome therefore carries a fresh read of
the voucher after the cancellation; the edges fall back to the guess only when that read fails.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.money import Money


class UndoCase(StrEnum):
    CANCELLED = "cancelled"  # bookingkit cancelled the order (``restored`` says what came back)
    ALREADY_UNDONE = "already_undone"
    NO_SUCH_ENTRY = "no_such_entry"
    OTHER_COUNTER = "other_counter"  # only this counter's redemptions are undone here
    NOT_UNDOABLE = "not_undoable"  # not a finished redemption with an order
    CANCEL_FAILED = "cancel_failed"  # bookingkit could not be asked, or refused (``error``)
    NOT_CANCELLED = "not_cancelled"  # bookingkit answered, but the order is not cancelled


@dataclass(frozen=True, kw_only=True)
class UndoOutcome:
    case: UndoCase
    key: str
    order_id: str | None = None
    booking_code: str | None = None
    voucher_code: str | None = None
    drawn: Money | None = None
    top_up: Money | None = None  # to be paid back by hand: bookingkit does not refund it
    value_left: Money | None = None  # the voucher's balance read after the cancellation
    restored: bool | None = None  # the drawn value went back onto the voucher (None: unknown)
    error: Exception | None = None

    @property
    def cancelled(self) -> bool:
        return self.case in (UndoCase.CANCELLED, UndoCase.ALREADY_UNDONE)


def _remaining(client: BookingkitClient, voucher_id: str, currency: str) -> Money | None:
    try:
        left = client.get_voucher(voucher_id).remaining
    except errors.BookingkitError:
        return None
    return None if left is None else Money(left, currency)


def undo(client: BookingkitClient, journal: Journal, key: str, counter_id: str) -> UndoOutcome:
    try:
        entry = journal.get(key)
    except KeyError:
        return UndoOutcome(case=UndoCase.NO_SUCH_ENTRY, key=key)
    facts = UndoOutcome(
        case=UndoCase.CANCELLED,
        key=key,
        order_id=entry.order_id,
        booking_code=entry.booking_code,
        voucher_code=entry.voucher_code,
        drawn=entry.drawn,
        top_up=entry.top_up,
    )
    if entry.counter_id != counter_id:
        return replace(facts, case=UndoCase.OTHER_COUNTER)
    if entry.state is EntryState.UNDONE:
        return replace(facts, case=UndoCase.ALREADY_UNDONE)
    order_id = entry.order_id
    if order_id is None or entry.state is not EntryState.DONE:
        return replace(facts, case=UndoCase.NOT_UNDOABLE)
    quote = entry.quote
    before = _remaining(client, quote.voucher_id, quote.currency)
    try:
        order = client.cancel_order(order_id)
    except errors.BookingkitError as exc:
        # A lost answer to the PATCH: read the order to learn whether it took effect.
        try:
            order = client.get_order(order_id)
        except errors.BookingkitError:
            return replace(facts, case=UndoCase.CANCEL_FAILED, error=exc)
        if not order.cancelled:
            return replace(facts, case=UndoCase.CANCEL_FAILED, error=exc)
    if not order.cancelled:
        return replace(facts, case=UndoCase.NOT_CANCELLED)
    after = _remaining(client, quote.voucher_id, quote.currency)
    restored: bool | None = None
    if before is not None and after is not None:
        restored = before < after
    journal.mark(key, EntryState.UNDONE, value_left=after, note=f"cancelled; restored={restored}")
    return replace(facts, value_left=after, restored=restored)
