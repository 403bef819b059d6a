"""Words for the history: journal states, the undo question and what an undo did.

Whether the voucher got its value back comes from bookingkit's answer after the cancel (the
undo outcome's facts), never from a guess, unless that read failed.
"""

from __future__ import annotations

from typing import assert_never

from voucherdesk.bookingkit import guesses
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.undo import UndoCase, UndoOutcome
from voucherdesk.ui.wording.base import fill, money, translate
from voucherdesk.ui.wording.errors import error
from voucherdesk.ui.wording.kinds import entries


def entry_state(state: EntryState) -> str:
    if state is EntryState.PREPARED:
        return translate("History", "Prepared, not sent")
    if state is EntryState.SENT:
        return translate("History", "Sent, no answer yet")
    if state is EntryState.BOOKED:
        return translate("History", "Booked, top-up open")
    if state is EntryState.TOP_UP_SENT:
        return translate("History", "Top-up sent")
    if state is EntryState.DONE:
        return translate("History", "Redeemed")
    if state is EntryState.REFUSED:
        return translate("History", "Refused")
    if state is EntryState.UNKNOWN:
        return translate("History", "Outcome unknown")
    if state is EntryState.ABANDONED:
        return translate("History", "Not sent")
    if state is EntryState.UNDOING:
        return translate("History", "Cancel sent, no answer yet")
    if state is EntryState.UNDONE:
        return translate("History", "Undone")
    if state is EntryState.ATTENTION:
        return translate("History", "Needs attention")
    assert_never(state)


def environment_name(entry: JournalEntry) -> str:
    """Where an entry was sent: the environment's name, or that none was recorded."""
    if entry.environment is None and entry.base_url is None:
        return translate("History", "environment unknown")
    names = {
        "production": translate("History", "Production"),
        "sandbox": translate("History", "Sandbox"),
        "custom": translate("History", "Custom server"),
        "demo": translate("History", "Demo"),
    }
    name = names.get(entry.environment or "", entry.environment or "–")
    return f"{name} ({entry.base_url})" if entry.base_url else name


def alarm(alarms: list[JournalEntry]) -> str:
    """The banner over the counter while bookings wait for someone to acknowledge them."""
    first = alarms[0]
    if first.kind is VoucherKind.PASS:
        said = translate(
            "History",
            "Real redemptions are stopped: booking {code} (pass {voucher}) used otherwise "
            "from its pass than quoted.",
        )
    else:
        said = translate(
            "History",
            "Real redemptions are stopped: booking {code} (voucher {voucher}) drew otherwise "
            "from its voucher than quoted.",
        )
    text = fill(said, code=first.booking_code or first.order_id or "–", voucher=first.voucher_code)
    if len(alarms) > 1:
        text += " " + fill(
            translate("History", "{count} more are waiting."), count=str(len(alarms) - 1)
        )
    return text


def acknowledge_question(entry: JournalEntry) -> str:
    """What the person acknowledging an alarm confirms they have checked."""
    if entry.kind is VoucherKind.PASS:
        try:
            quote = entry.any_quote
            quoted = entries(quote.entries) if isinstance(quote, PassQuote) else "–"
        except (ValueError, KeyError, TypeError):
            quoted = "–"
        return fill(
            translate(
                "History",
                "Booking {code} was to use {quoted} of pass {voucher}; bookingkit shows it "
                "otherwise ({note}). Check the booking and the pass in bookingkit first. After "
                "the acknowledgement real redemptions go on.",
            ),
            code=entry.booking_code or entry.order_id or "–",
            quoted=quoted,
            voucher=entry.voucher_code,
            note=entry.note or "–",
        )
    try:
        quoted = money(entry.quote.drawn)
    except (ValueError, KeyError, TypeError):
        quoted = "–"
    return fill(
        translate(
            "History",
            "Booking {code} was to draw {quoted} from voucher {voucher}; bookingkit's order "
            "shows {drawn}. Check the booking and the voucher in bookingkit first. After the "
            "acknowledgement real redemptions go on.",
        ),
        code=entry.booking_code or entry.order_id or "–",
        quoted=quoted,
        drawn=money(entry.drawn),
        voucher=entry.voucher_code,
    )


def _undo_prepaid_question(entry: JournalEntry, code: str) -> str:
    if entry.kind is VoucherKind.OPEN_DATE_TICKET:
        return "\n\n".join(
            (
                fill(
                    translate(
                        "History",
                        "Cancel booking {code} in bookingkit? It redeemed open-date ticket "
                        "{ticket}.",
                    ),
                    code=code,
                    ticket=entry.voucher_code,
                ),
                translate(
                    "History",
                    "bookingkit may not open the ticket again. VoucherDesk checks the ticket "
                    "afterwards and tells you what happened.",
                ),
            )
        )
    return "\n\n".join(
        (
            fill(
                translate(
                    "History",
                    "Cancel booking {code} in bookingkit? It used {entries} of pass {card}.",
                ),
                code=code,
                entries=entries(entry.entries or 0),
                card=entry.voucher_code,
            ),
            translate(
                "History",
                "bookingkit may not give the entries back. VoucherDesk checks the pass "
                "afterwards and tells you what happened.",
            ),
        )
    )


def undo_question(entry: JournalEntry, *, taken_here: bool = False) -> str:
    """``taken_here``: the counter took the top-up in this session, though the journal may not
    say so (its note failed): the answer will say to pay it back, and so must the question."""
    code = entry.booking_code or entry.order_id or "–"
    if entry.kind is not VoucherKind.VALUE_VOUCHER:
        return _undo_prepaid_question(entry, code)
    parts = [
        fill(
            translate(
                "History",
                "Cancel booking {code} in bookingkit? {drawn} was drawn from voucher {voucher}.",
            ),
            code=code,
            drawn=money(entry.drawn),
            voucher=entry.voucher_code,
        ),
        translate(
            "History",
            "bookingkit may not put this value back onto the voucher. VoucherDesk checks the "
            "voucher afterwards and tells you what happened.",
        ),
    ]
    if entry.top_up is not None and entry.top_up.amount > 0:
        parts.append(
            fill(
                translate("History", "The top-up of {top_up} must be paid back by hand.")
                if entry.top_up_taken_at is not None or taken_here
                else translate(
                    "History", "The top-up of {top_up} was not taken: nothing to pay back."
                ),
                top_up=money(entry.top_up),
            )
        )
    return "\n\n".join(parts)


def _ticket_back(outcome: UndoOutcome) -> str:
    if outcome.restored is True:
        return translate("History", "The ticket is open again: it can be redeemed once more.")
    if outcome.restored is False:
        return translate(
            "History",
            "The ticket did NOT open again. Refund the customer another way, for example with "
            "a new ticket in bookingkit.",
        )
    if guesses.CANCEL_REOPENS_OPEN_DATE_TICKET:
        return translate(
            "History",
            "The ticket could not be read again. By our understanding of bookingkit it is open "
            "again: check it in bookingkit.",
        )
    return translate(
        "History",
        "The ticket could not be read again. By our understanding of bookingkit it stays "
        "used: check it in bookingkit.",
    )


def _entries_back(outcome: UndoOutcome) -> str:
    used = entries(outcome.entries or 0)
    left = "–" if outcome.entries_left is None else entries(outcome.entries_left)
    if outcome.restored is True:
        return fill(
            translate("History", "The {used} went back onto the pass; it now holds {left}."),
            used=used,
            left=left,
        )
    if outcome.restored is False:
        return fill(
            translate(
                "History",
                "The {used} did NOT go back onto the pass (it holds {left}). Refund the "
                "customer another way.",
            ),
            used=used,
            left=left,
        )
    if guesses.CANCEL_RESTORES_PASS_ENTRIES:
        expected = translate(
            "History",
            "The pass could not be read again. By our understanding of bookingkit the {used} go "
            "back onto it: check it in bookingkit.",
        )
    else:
        expected = translate(
            "History",
            "The pass could not be read again. By our understanding of bookingkit the {used} do "
            "not go back onto it: check it in bookingkit.",
        )
    return fill(expected, used=used)


def _value_back(outcome: UndoOutcome) -> str:
    if outcome.kind is VoucherKind.OPEN_DATE_TICKET:
        return _ticket_back(outcome)
    if outcome.kind is VoucherKind.PASS:
        return _entries_back(outcome)
    drawn, left = money(outcome.drawn), money(outcome.value_left)
    if outcome.restored is True:
        return fill(
            translate("History", "The {drawn} went back onto the voucher; it now holds {left}."),
            drawn=drawn,
            left=left,
        )
    if outcome.restored is False:
        return fill(
            translate(
                "History",
                "The {drawn} did NOT go back onto the voucher (it holds {left}). Refund the "
                "customer another way, for example with a new voucher in bookingkit.",
            ),
            drawn=drawn,
            left=left,
        )
    if guesses.CANCEL_RESTORES_VOUCHER_VALUE:
        expected = translate(
            "History",
            "The voucher could not be read again. By our understanding of bookingkit the "
            "{drawn} should go back onto it: check it in bookingkit.",
        )
    else:
        expected = translate(
            "History",
            "The voucher could not be read again. By our understanding of bookingkit the "
            "{drawn} does not go back onto it: check it in bookingkit.",
        )
    return fill(expected, drawn=drawn)


def history_top_up(entry: JournalEntry) -> str:
    """The history's top-up cell: the amount, and whether it is still out of the till (a
    finished booking's), or never went to bookingkit (an alarm stopped it first)."""
    top_up = entry.top_up
    if top_up is None or top_up.is_zero:
        return "–"
    amount = money(top_up)
    if entry.top_up_not_sent:
        return fill(translate("History", "{amount}, not sent"), amount=amount)
    if not entry.top_up_not_taken:
        return amount
    if entry.top_up_left_at is not None:
        return fill(translate("History", "{amount}, left unpaid"), amount=amount)
    return fill(translate("History", "{amount}, not taken"), amount=amount)


def top_up_taken_question(entry: JournalEntry) -> str:
    """Noting a top-up as taken after the event (its customer paid later)."""
    return fill(
        translate(
            "History",
            "Note the top-up of {amount} for booking {code} as taken now? Only once the money "
            "is in the till.",
        ),
        amount=money(entry.top_up),
        code=entry.booking_code or entry.order_id or "–",
    )


def top_up_taken_later(entry: JournalEntry) -> str:
    return fill(
        translate("History", "Top-up of {amount} for booking {code} noted as taken."),
        amount=money(entry.top_up),
        code=entry.booking_code or entry.order_id or "–",
    )


def undo_result(outcome: UndoOutcome, *, top_up_taken: bool = True) -> str:
    """What the undo did, in words the clerk can repeat to the customer. ``top_up_taken``
    False: the counter was still asking for the top-up, so there is none to pay back."""
    code = outcome.booking_code or outcome.order_id or "–"
    case = outcome.case
    if case is UndoCase.CANCELLED:
        parts = [
            fill(translate("History", "Booking {code} is cancelled."), code=code),
            _value_back(outcome),
        ]
        if outcome.top_up is not None and outcome.top_up.amount > 0:
            if top_up_taken:
                paid_back = translate("History", "Pay the top-up of {top_up} back to the customer.")
            else:
                paid_back = translate(
                    "History", "The top-up of {top_up} was not taken: nothing to pay back."
                )
            parts.append(fill(paid_back, top_up=money(outcome.top_up)))
        return " ".join(parts)
    if case is UndoCase.CANCEL_UNKNOWN:
        return fill(
            translate(
                "History",
                "Whether booking {code} is cancelled is not known yet: bookingkit did not "
                "answer. Do not cancel again; VoucherDesk checks it with \u201cCheck again\u201d "
                "and at the next start.",
            ),
            code=code,
        )
    if case is UndoCase.OTHER_ENVIRONMENT:
        return translate(
            "History",
            "This redemption was made in another bookingkit environment; it can only be "
            "undone there.",
        )
    if case is UndoCase.ALREADY_UNDONE:
        return fill(translate("History", "Booking {code} was already undone."), code=code)
    if case is UndoCase.NO_SUCH_ENTRY:
        return translate("History", "This counter's journal has no such redemption.")
    if case is UndoCase.OTHER_COUNTER:
        return translate("History", "Only redemptions made at this counter can be undone here.")
    if case is UndoCase.NOT_UNDOABLE:
        return translate("History", "Only a finished redemption with an order can be undone.")
    if case is UndoCase.CANCEL_FAILED:
        words = error(outcome.error) if outcome.error is not None else None
        return fill(
            translate("History", "Booking {code} was NOT cancelled: {problem}. {next_step}"),
            code=code,
            problem=words.title if words else "–",
            next_step=words.next_step if words else "",
        ).strip()
    if case is UndoCase.NOT_CANCELLED:
        return fill(
            translate(
                "History",
                "Booking {code} was NOT cancelled: bookingkit answered, but the order is still "
                "active. Cancel it in bookingkit's admin pages.",
            ),
            code=code,
        )
    assert_never(case)
