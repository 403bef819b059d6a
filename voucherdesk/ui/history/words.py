"""Words for the history panel: journal states, the undo question and what an undo did.

Kept apart from the panel so the texts are in one place (and read like the desk's own English
messages, but translated). Whether the voucher got its value back comes from bookingkit's
answer after the cancel, not from a guess.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.undo import UndoOutcome
from voucherdesk.ui.common import formatting


def entry_state_word(state: EntryState) -> str:
    words = {
        EntryState.PREPARED: QCoreApplication.translate("History", "Prepared, not sent"),
        EntryState.SENT: QCoreApplication.translate("History", "Sent, no answer yet"),
        EntryState.BOOKED: QCoreApplication.translate("History", "Booked, top-up open"),
        EntryState.TOP_UP_SENT: QCoreApplication.translate("History", "Top-up sent"),
        EntryState.DONE: QCoreApplication.translate("History", "Redeemed"),
        EntryState.REFUSED: QCoreApplication.translate("History", "Refused"),
        EntryState.UNKNOWN: QCoreApplication.translate("History", "Outcome unknown"),
        EntryState.ABANDONED: QCoreApplication.translate("History", "Not sent"),
        EntryState.UNDONE: QCoreApplication.translate("History", "Undone"),
    }
    return words.get(state, state.value)


def undo_question(entry: JournalEntry) -> str:
    code = entry.booking_code or entry.order_id or "–"
    parts = [
        QCoreApplication.translate(
            "History",
            "Cancel booking {code} in bookingkit? {drawn} was drawn from voucher {voucher}.",
        ).format(code=code, drawn=formatting.money(entry.drawn), voucher=entry.voucher_code),
        QCoreApplication.translate(
            "History",
            "bookingkit may not put this value back onto the voucher. VoucherDesk checks the "
            "voucher afterwards and tells you what happened.",
        ),
    ]
    if entry.top_up is not None and entry.top_up.amount > 0:
        parts.append(
            QCoreApplication.translate(
                "History", "The top-up of {top_up} must be paid back by hand."
            ).format(top_up=formatting.money(entry.top_up))
        )
    return "\n\n".join(parts)


def undo_result_words(outcome: UndoOutcome, entry: JournalEntry) -> str:
    """What the undo did, in words the clerk can repeat to the customer."""
    code = entry.booking_code or outcome.order_id or "–"
    if not outcome.cancelled:
        return QCoreApplication.translate(
            "History", "Booking {code} was NOT cancelled. {detail}"
        ).format(code=code, detail=outcome.message)
    drawn = formatting.money(entry.drawn)
    left = formatting.money(entry.value_left)
    parts = [
        QCoreApplication.translate("History", "Booking {code} is cancelled.").format(code=code)
    ]
    if outcome.voucher_value_restored is True:
        parts.append(
            QCoreApplication.translate(
                "History", "The {drawn} went back onto the voucher; it now holds {left}."
            ).format(drawn=drawn, left=left)
        )
    elif outcome.voucher_value_restored is False:
        parts.append(
            QCoreApplication.translate(
                "History",
                "The {drawn} did NOT go back onto the voucher (it holds {left}). Refund the "
                "customer another way, for example with a new voucher in bookingkit.",
            ).format(drawn=drawn, left=left)
        )
    else:
        parts.append(
            QCoreApplication.translate(
                "History",
                "The voucher could not be read again: check in bookingkit whether the {drawn} "
                "went back onto it.",
            ).format(drawn=drawn)
        )
    if entry.top_up is not None and entry.top_up.amount > 0:
        parts.append(
            QCoreApplication.translate(
                "History", "Pay the top-up of {top_up} back to the customer."
            ).format(top_up=formatting.money(entry.top_up))
        )
    return " ".join(parts)
