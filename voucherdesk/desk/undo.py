"""Undoing a redemption made at this counter: cancel its order and say what the voucher got back.

Whether bookingkit gives the drawn value back to the voucher on cancellation is a guess
(``guesses.CANCEL_RESTORES_VOUCHER_VALUE``, U8). The message is therefore built from a fresh read
of the voucher after the cancellation, and falls back to the guess only when that read fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from voucherdesk.bookingkit import errors, guesses
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.steps import is_cancelled
from voucherdesk.money import Money


@dataclass(frozen=True)
class UndoOutcome:
    key: str
    order_id: str | None
    cancelled: bool
    voucher_value_restored: bool | None  # None: could not be checked
    message: str


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
        return UndoOutcome(key, None, False, None, "This counter's journal has no such entry.")
    order_id = entry.order_id
    if entry.counter_id != counter_id:
        return UndoOutcome(
            key, order_id, False, None, "Only redemptions made at this counter can be undone here."
        )
    if entry.state is EntryState.UNDONE:
        return UndoOutcome(key, order_id, True, None, "This redemption was already undone.")
    if order_id is None or entry.state is not EntryState.DONE:
        return UndoOutcome(
            key, order_id, False, None, "Only a finished redemption with an order can be undone."
        )
    quote = entry.quote
    before = _remaining(client, quote.voucher_id, quote.currency)
    try:
        order = client.cancel_order(order_id)
    except errors.BookingkitError as exc:
        # A lost answer to the PATCH: read the order to learn whether it took effect.
        try:
            order = client.get_order(order_id)
        except errors.BookingkitError:
            return UndoOutcome(
                key, order_id, False, None, f"bookingkit could not cancel the order ({exc})."
            )
        if not is_cancelled(order):
            return UndoOutcome(
                key, order_id, False, None, f"bookingkit did not cancel the order ({exc})."
            )
    if not is_cancelled(order):
        return UndoOutcome(key, order_id, False, None, "bookingkit did not cancel the order.")
    after = _remaining(client, quote.voucher_id, quote.currency)
    restored: bool | None = None
    if before is not None and after is not None:
        restored = before < after
    message = _message(entry.booking_code or order_id, entry.drawn, after, restored, entry.top_up)
    journal.mark(key, EntryState.UNDONE, value_left=after, note=message)
    return UndoOutcome(key, order_id, True, restored, message)


def _message(
    code: str, drawn: Money, after: Money | None, restored: bool | None, top_up: Money | None
) -> str:
    parts = [f"Booking {code} is cancelled."]
    if restored is True:
        parts.append(f"The {drawn} drawn went back onto the voucher; it now holds {after}.")
    elif restored is False:
        parts.append(
            f"The {drawn} drawn did NOT go back onto the voucher (it holds {after}). "
            "Refund the customer another way, for example with a new voucher in bookingkit."
        )
    else:
        expected = "should go back" if guesses.CANCEL_RESTORES_VOUCHER_VALUE else "does not go back"
        parts.append(
            f"The voucher could not be read again. By our understanding of bookingkit the {drawn} "
            f"drawn {expected} onto the voucher; check it in bookingkit."
        )
    if top_up is not None:
        parts.append(f"The top-up of {top_up} is not refunded automatically: pay it back.")
    return " ".join(parts)
