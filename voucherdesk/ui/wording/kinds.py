"""Words for open-date tickets and passes: their verdicts, strategies, refusals and entries.

A value voucher's words stay in ``voucher.py``; ``verdict()`` there hands the ticket and pass
kinds to :func:`ticket_verdict` and :func:`pass_verdict` here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pass_quote import PassProblem, PassQuote, PassRefusal
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.ticket_quote import TicketProblem, TicketQuote, TicketRefusal
from voucherdesk.desk.verdict import Verdict, VerdictKind
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import Words, fill, translate

if TYPE_CHECKING:
    from voucherdesk.desk.any_quote import AnyQuote
    from voucherdesk.desk.journal import JournalEntry


def kind_name(kind: VoucherKind) -> str:
    if kind is VoucherKind.VALUE_VOUCHER:
        return translate("Kinds", "Value voucher")
    if kind is VoucherKind.OPEN_DATE_TICKET:
        return translate("Kinds", "Open-date ticket")
    if kind is VoucherKind.PASS:
        return translate("Kinds", "Pass")
    assert_never(kind)


def entries(n: int) -> str:
    if n == 1:
        return translate("Kinds", "1 entry")
    return fill(translate("Kinds", "{count} entries"), count=formatting.count(n))


def entries_left(left: int | None, total: int | None, *, unlimited: bool = False) -> str:
    """ "7 of 10 entries left"; a pass without a limit says so."""
    if unlimited:
        return translate("Kinds", "Unlimited entries")
    if left is None:
        return "–"
    if total is None:
        return fill(translate("Kinds", "{left} entries left"), left=formatting.count(left))
    return fill(
        translate("Kinds", "{left} of {total} entries left"),
        left=formatting.count(left),
        total=formatting.count(total),
    )


def entries_of(left: int | None, total: int | None, *, unlimited: bool = False) -> str:
    """ "7 of 10": a figure under a caption that says what it counts."""
    if unlimited:
        return translate("Kinds", "unlimited")
    if left is None:
        return "–"
    if total is None:
        return formatting.count(left)
    return fill(
        translate("Kinds", "{left} of {total}"),
        left=formatting.count(left),
        total=formatting.count(total),
    )


def _ask_other() -> str:
    return translate("Kinds", "Ask for another voucher or another way to pay.")


def _check_admin() -> str:
    return translate("Kinds", "Check it in bookingkit's admin pages.")


def ticket_verdict(facts: Verdict) -> Words:
    kind = facts.kind
    if kind is VerdictKind.TICKET_OPEN:
        return Words(
            translate("Kinds", "Ticket open"),
            translate("Kinds", "This open-date ticket can be redeemed for one place."),
            translate("Kinds", "Check the appointment and press Enter."),
        )
    if kind is VerdictKind.TICKET_DEPLETED:
        return Words(
            translate("Kinds", "Ticket already redeemed"),
            translate("Kinds", "bookingkit says this ticket has been used: nothing is left on it."),
            _ask_other(),
        )
    if kind is VerdictKind.TICKET_EXPIRED:
        return Words(
            translate("Kinds", "Ticket expired"),
            translate("Kinds", "bookingkit says this ticket has expired."),
            _ask_other(),
        )
    if kind is VerdictKind.TICKET_INACTIVE:
        return Words(
            translate("Kinds", "Ticket deactivated"),
            translate("Kinds", "This ticket was deactivated in bookingkit."),
            _ask_other(),
        )
    if kind is VerdictKind.TICKET_UNKNOWN_STATUS:
        return Words(
            translate("Kinds", "Ticket status not known"),
            fill(
                translate(
                    "Kinds",
                    "bookingkit marks this ticket as \u201c{status}\u201d, which VoucherDesk "
                    "does not redeem.",
                ),
                status=facts.status or "",
            ),
            _check_admin(),
        )
    raise ValueError(f"{kind} is not a ticket's verdict")


def pass_verdict(facts: Verdict) -> Words:
    kind = facts.kind
    left = entries_left(facts.entries_left, facts.entries_total, unlimited=facts.unlimited)
    if kind is VerdictKind.PASS_USABLE:
        return Words(
            translate("Kinds", "Pass good"),
            left,
            translate("Kinds", "Pick the date and the entries, then press Enter."),
        )
    if kind is VerdictKind.PASS_NO_ENTRIES:
        return Words(
            translate("Kinds", "No entries left"),
            fill(
                translate("Kinds", "All {total} entries of this pass have been used."),
                total=formatting.count(facts.entries_total or 0),
            ),
            _ask_other(),
        )
    if kind is VerdictKind.PASS_CANCELLED:
        return Words(
            translate("Kinds", "Pass cancelled"),
            translate("Kinds", "This pass was cancelled in bookingkit."),
            _ask_other(),
        )
    if kind is VerdictKind.PASS_PENDING:
        return Words(
            translate("Kinds", "Pass not paid yet"),
            translate("Kinds", "bookingkit shows this pass as pending: it is not paid yet."),
            _check_admin(),
        )
    if kind is VerdictKind.PASS_UNKNOWN_STATUS:
        return Words(
            translate("Kinds", "Pass status not known"),
            fill(
                translate(
                    "Kinds",
                    "bookingkit marks this pass as \u201c{status}\u201d, which VoucherDesk "
                    "does not use.",
                ),
                status=facts.status or "",
            ),
            _check_admin(),
        )
    raise ValueError(f"{kind} is not a pass's verdict")


def status_word(kind: VoucherKind, raw: str | None) -> str:
    """bookingkit's status of a ticket or pass in the clerk's language (unknown: as it is)."""
    if not raw:
        return "–"
    word = raw.upper()
    if kind is VoucherKind.OPEN_DATE_TICKET:
        words = {
            guesses.OPEN_DATE_TICKET_OPEN: translate("Kinds", "open"),
            guesses.OPEN_DATE_TICKET_DEPLETED: translate("Kinds", "used"),
            guesses.OPEN_DATE_TICKET_EXPIRED: translate("Kinds", "expired"),
            guesses.OPEN_DATE_TICKET_INACTIVE: translate("Kinds", "deactivated"),
        }
        return words.get(word, raw)
    if word in guesses.PASS_STATUS_USABLE:
        return translate("Kinds", "paid")
    if word in guesses.PASS_STATUS_PENDING:
        return translate("Kinds", "not paid yet")
    if word in guesses.PASS_STATUS_CANCELLED:
        return translate("Kinds", "cancelled")
    return raw


def strategy(choice: RedemptionStrategy) -> str:
    """The clerk's choice of how a ticket's appointment is found."""
    if choice is RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING:
        return translate("Kinds", "This tour, now")
    if choice is RedemptionStrategy.CURRENT_WITH_OVERBOOKING:
        return translate("Kinds", "This tour, now, even if full (overbook)")
    if choice is RedemptionStrategy.NEXT_AVAILABLE:
        return translate("Kinds", "Next free appointment")
    if choice is RedemptionStrategy.SELECTED:
        return translate("Kinds", "The date picked in the list")
    assert_never(choice)


def ticket_refusal(facts: TicketRefusal) -> str:
    problem = facts.problem
    if problem is TicketProblem.NO_CURRENT:
        return translate("Kinds", "This experience has no appointment running now or later.")
    if problem is TicketProblem.CURRENT_FULL:
        return translate(
            "Kinds",
            "The current appointment is full. Choose \u201coverbook\u201d or another date.",
        )
    if problem is TicketProblem.NO_FREE_APPOINTMENT:
        return translate("Kinds", "No later appointment has a free place.")
    if problem is TicketProblem.NO_DATE_PICKED:
        return translate("Kinds", "Pick a date in the list.")
    if problem is TicketProblem.PICKED_PAST:
        return translate("Kinds", "This date has already started. Pick another one.")
    if problem is TicketProblem.PICKED_FULL:
        return translate("Kinds", "This date is fully booked. Pick another one.")
    if problem is TicketProblem.TICKET_NOT_USABLE:
        if facts.verdict is None:
            return translate("Kinds", "This ticket cannot be redeemed.")
        return ticket_verdict(facts.verdict).detail
    assert_never(problem)


def pass_refusal(facts: PassRefusal) -> str:
    problem = facts.problem
    if problem is PassProblem.TOO_FEW_ENTRIES:
        return fill(
            translate("Kinds", "Only {left} entries are left on this pass, not {wanted}."),
            left=formatting.count(facts.entries_left or 0),
            wanted=formatting.count(facts.entries_wanted or 0),
        )
    if problem is PassProblem.NO_ENTRIES_WANTED:
        return translate("Kinds", "Choose at least one entry.")
    if problem is PassProblem.OTHER_EXPERIENCE:
        return translate("Kinds", "This pass is for another experience.")
    if problem is PassProblem.NO_PRICE:
        return translate("Kinds", "This experience has no price this pass can book.")
    if problem is PassProblem.PAST:
        return translate("Kinds", "This date has already started.")
    if problem is PassProblem.LEAD_TIME:
        return fill(
            translate("Kinds", "Bookings for this date close {minutes} minutes before the start."),
            minutes=formatting.count(facts.lead_minutes or 0),
        )
    if problem is PassProblem.FULL:
        return translate("Kinds", "This date is fully booked. Pick another date.")
    if problem is PassProblem.NOT_ENOUGH_PLACES:
        return fill(
            translate("Kinds", "Only {free} places are free for {wanted} entries."),
            free=formatting.count(facts.free_places or 0),
            wanted=formatting.count(facts.entries_wanted or 0),
        )
    if problem is PassProblem.PASS_NOT_USABLE:
        if facts.verdict is None:
            return translate("Kinds", "This pass cannot be used.")
        return pass_verdict(facts.verdict).detail
    assert_never(problem)


def entry_used(entry: JournalEntry) -> str:
    """What a journal entry used, for the history and the report: money, a ticket, entries."""
    if entry.kind is VoucherKind.OPEN_DATE_TICKET:
        return translate("Kinds", "1 ticket")
    if entry.kind is VoucherKind.PASS:
        return entries(entry.entries or 0)
    return formatting.money(entry.drawn)


def entry_left(entry: JournalEntry) -> str:
    """What is left after a journal entry: a voucher's value, a pass's entries."""
    if entry.kind is VoucherKind.OPEN_DATE_TICKET:
        return "–"
    if entry.kind is VoucherKind.PASS:
        try:
            quote = entry.any_quote
        except (ValueError, KeyError, TypeError):
            return "–"
        if not isinstance(quote, PassQuote):
            return "–"
        return entries_left(quote.entries_after, quote.entries_total, unlimited=quote.unlimited)
    return formatting.money(entry.value_left)


def booking_line(quote: AnyQuote) -> str:
    """ "Harbour Kayak Tour · Mon 3 Dec 14:00": what a quote books (a ticket without a known
    date: how bookingkit picks it)."""
    when = formatting.slot(quote.starts_at) if quote.starts_at is not None else None
    if isinstance(quote, TicketQuote) and when is None:
        when = strategy(quote.strategy)
    return " · ".join(part for part in (quote.event_title, when) if part)


def booking_figure(quote: AnyQuote) -> str:
    """The figure that goes with a quote: a voucher's total, a ticket's place, a pass's
    entries."""
    if isinstance(quote, Quote):
        return formatting.money(quote.total)
    if isinstance(quote, TicketQuote):
        return translate("Kinds", "1 place")
    return entries(quote.entries)
