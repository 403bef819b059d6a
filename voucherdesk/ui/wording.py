"""The ONE place that turns the desk's kinds and the client's error types into clerk's words.

Everything here goes through QCoreApplication.translate with literal strings, so
pyside6-lupdate finds it. The desk's own English texts (reason, next_step) carry details such as
amounts and bookingkit's message; they are shown as the small print under these words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from voucherdesk.bookingkit import errors, guesses
from voucherdesk.credentials import KeyringUnavailable
from voucherdesk.desk.codes import RejectReason
from voucherdesk.desk.journal import JournalUnavailable
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.quote import QuoteProblem
from voucherdesk.desk.verdict import VerdictKind

# Called by this name so pyside6-lupdate reads the context and text of every call below.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Words:
    title: str
    detail: str = ""
    next_step: str = ""


def verdict(kind: VerdictKind) -> Words:
    table = {
        VerdictKind.USABLE: Words(
            translate("Wording", "Good"),
            translate("Wording", "The full value is available."),
            translate("Wording", "Pick the experience and the date."),
        ),
        VerdictKind.PARTLY_USED: Words(
            translate("Wording", "Partly used"),
            translate("Wording", "Some of the value was used before; the rest can be used now."),
            translate("Wording", "Pick the experience and the date."),
        ),
        VerdictKind.USED_UP: Words(
            translate("Wording", "Used up"),
            translate("Wording", "Nothing is left on this voucher."),
            translate("Wording", "Ask for another voucher or another way to pay."),
        ),
        VerdictKind.CANCELLED: Words(
            translate("Wording", "Cancelled"),
            translate("Wording", "This voucher was cancelled in bookingkit."),
            translate("Wording", "Ask for another voucher or another way to pay."),
        ),
        VerdictKind.EXPIRED: Words(
            translate("Wording", "Expired"),
            translate("Wording", "This voucher is past its expiry date."),
            translate("Wording", "Ask for another voucher or another way to pay."),
        ),
        VerdictKind.WRONG_CURRENCY: Words(
            translate("Wording", "Wrong currency"),
            translate("Wording", "This voucher is in another currency than this counter sells in."),
            translate("Wording", "Ask for another voucher or another way to pay."),
        ),
        VerdictKind.UNKNOWN_CODE: Words(
            translate("Wording", "Unknown code"),
            translate("Wording", "bookingkit has no voucher with this code."),
            translate("Wording", "Check the code for typing errors or scan it again."),
        ),
    }
    return table[kind]


def rejected(reason: RejectReason) -> Words:
    detail = {
        RejectReason.EMPTY: translate("Wording", "Nothing was scanned."),
        RejectReason.TOO_LONG: translate(
            "Wording", "The scan is far too long to be a voucher code."
        ),
        RejectReason.CONTROL_CHARACTERS: translate(
            "Wording", "The scan contains control characters; check the scanner's settings."
        ),
        RejectReason.NOT_PRINTABLE: translate(
            "Wording", "The scan contains characters no voucher code has."
        ),
    }[reason]
    return Words(
        translate("Wording", "Not a voucher code"),
        detail,
        translate("Wording", "Scan again, or type the code."),
    )


def quote_problem(problem: QuoteProblem) -> str:
    return {
        QuoteProblem.PAST: translate("Wording", "This date has already started."),
        QuoteProblem.FULL: translate("Wording", "This date is fully booked. Pick another date."),
        QuoteProblem.LEAD_TIME: translate("Wording", "Bookings for this date are closed already."),
        QuoteProblem.NOT_ENOUGH_PLACES: translate(
            "Wording", "Not enough free places for this many participants."
        ),
        QuoteProblem.NO_PARTICIPANTS: translate("Wording", "Choose at least one participant."),
        QuoteProblem.UNKNOWN_PRICE: translate(
            "Wording", "This experience has no such price category."
        ),
        QuoteProblem.WRONG_CURRENCY: translate(
            "Wording", "This experience is priced in another currency than the voucher."
        ),
        QuoteProblem.VOUCHER_NOT_USABLE: translate("Wording", "This voucher cannot be used."),
    }[problem]


def outcome(
    kind: OutcomeKind, *, top_up_due: bool = False, booked: bool = False, has_order: bool = False
) -> Words:
    """``booked``: bookingkit gave a booking code; ``has_order``: an order exists for the key."""
    if kind == OutcomeKind.UNKNOWN and booked:
        return Words(
            translate("Wording", "Booked — top-up not confirmed"),
            translate(
                "Wording",
                "The booking went through. Whether bookingkit recorded the top-up is not known "
                "yet.",
            ),
            translate(
                "Wording", "Collect the top-up and hand over the booking code. Do not book again."
            ),
        )
    if kind == OutcomeKind.REFUSED and has_order:
        return Words(
            translate("Wording", "Not booked — order cancelled"),
            translate(
                "Wording",
                "bookingkit holds an order for this redemption, but it was cancelled there. "
                "The voucher may have been drawn.",
            ),
            translate("Wording", "Check the voucher's balance in bookingkit before booking again."),
        )
    if kind == OutcomeKind.DONE:
        if top_up_due:
            return Words(
                translate("Wording", "Booked — top-up due"),
                next_step=translate("Wording", "Collect the top-up from the customer."),
            )
        return Words(
            translate("Wording", "Booked"),
            next_step=translate("Wording", "Hand over the booking code."),
        )
    if kind == OutcomeKind.REQUOTE:
        return Words(
            translate("Wording", "Voucher changed"),
            translate(
                "Wording",
                "The voucher's value changed since the price was shown. Nothing was booked.",
            ),
            translate("Wording", "Scan the voucher again to see the new price."),
        )
    if kind == OutcomeKind.REFUSED:
        return Words(
            translate("Wording", "Not booked"),
            translate(
                "Wording", "bookingkit refused the booking. Nothing was drawn from the voucher."
            ),
            translate("Wording", "Try another date or another way to pay, or ask for help."),
        )
    return Words(
        translate("Wording", "Outcome unknown"),
        translate(
            "Wording",
            "The booking was sent but no answer came back. It may or may not have been made.",
        ),
        translate(
            "Wording", "Do not book again. Use \u201cCheck again\u201d until the outcome is known."
        ),
    )


def error(exc: BaseException, *, during_write: bool = False) -> Words:
    """Any exception that reaches the clerk, as a headline, a detail and the next step.

    A lost answer only leaves the outcome unknown for a write; a read that lost its answer
    simply did not get through.
    """
    if during_write and isinstance(exc, errors.OutcomeUnknown):
        return outcome(OutcomeKind.UNKNOWN)
    if isinstance(exc, errors.CertificateRefused):
        return Words(
            translate("Wording", "Certificate refused"),
            translate(
                "Wording",
                "The server's security certificate was refused, so nothing was sent to it.",
            ),
            translate(
                "Wording",
                "Check the bookingkit address in the settings; a network that intercepts "
                "secure connections can also cause this.",
            ),
        )
    if isinstance(exc, errors.DeadlineExceeded):
        return Words(
            translate("Wording", "No answer in time"),
            translate("Wording", "bookingkit did not answer in time. Nothing was booked."),
            translate("Wording", "Wait a moment, then scan again."),
        )
    if isinstance(exc, errors.TransportError):
        return Words(
            translate("Wording", "Offline"),
            translate("Wording", "bookingkit cannot be reached. Nothing was booked."),
            translate("Wording", "Check the network connection, then scan again."),
        )
    if isinstance(exc, errors.QuotaExhausted):
        return Words(
            translate("Wording", "Monthly quota used up"),
            translate(
                "Wording", "bookingkit accepts no more requests from this vendor this month."
            ),
            translate("Wording", "Ask bookingkit support to raise the quota."),
        )
    if isinstance(exc, errors.TokenStillValid):
        return Words(
            translate("Wording", "Access in use elsewhere"),
            translate("Wording", "Another program uses the same bookingkit API client right now."),
            translate("Wording", "Give each counter its own API client, or wait up to an hour."),
        )
    if isinstance(exc, errors.RateLimited):
        return Words(
            translate("Wording", "Too many requests"),
            translate("Wording", "bookingkit asks us to slow down."),
            translate("Wording", "Wait a moment, then scan again."),
        )
    if isinstance(exc, errors.Unauthorized):
        return Words(
            translate("Wording", "Access refused"),
            translate("Wording", "bookingkit refused the stored credentials."),
            translate("Wording", "Run the setup again with a valid client id and secret."),
        )
    if isinstance(exc, errors.NotFound):
        return Words(
            translate("Wording", "Not found"),
            translate("Wording", "bookingkit does not know this item (any more)."),
            translate(
                "Wording", "Scan again; if it keeps happening, check bookingkit's admin pages."
            ),
        )
    if isinstance(exc, errors.BadRequest):
        return Words(
            translate("Wording", "Refused by bookingkit"),
            exc.message,
            translate("Wording", "Correct the booking or ask for help."),
        )
    if isinstance(exc, errors.ServerError):
        return Words(
            translate("Wording", "bookingkit has a problem"),
            translate("Wording", "bookingkit answered with a server error."),
            translate("Wording", "Wait a moment, then try again."),
        )
    if isinstance(exc, errors.AnswerTooLarge):
        return Words(
            translate("Wording", "Answer too large"),
            translate(
                "Wording", "bookingkit sent more than this program accepts; it stopped reading."
            ),
            translate("Wording", "Try again; if it keeps happening, contact support."),
        )
    if isinstance(exc, errors.MalformedResponse):
        return Words(
            translate("Wording", "Unreadable answer"),
            translate("Wording", "bookingkit sent an answer this program cannot read."),
            translate("Wording", "Try again; if it keeps happening, contact support."),
        )
    if isinstance(exc, JournalUnavailable):
        return Words(
            translate("Wording", "Journal unavailable"),
            translate(
                "Wording",
                "The redemption journal on this computer cannot be written, so nothing is sent "
                "to bookingkit.",
            ),
            translate("Wording", "Check free disk space, then restart VoucherDesk."),
        )
    if isinstance(exc, KeyringUnavailable):
        return Words(
            translate("Wording", "No OS keyring"),
            translate("Wording", "The bookingkit access data cannot be read from the OS keyring."),
            translate("Wording", "Unlock or start the keyring (see Setup), then try again."),
        )
    return Words(
        translate("Wording", "Something went wrong"),
        translate("Wording", "An unexpected error stopped this step: %1").replace(
            "%1", type(exc).__name__
        ),
        translate("Wording", "Try again; if it keeps happening, contact support."),
    )


def voucher_status(raw: str | None) -> str:
    """bookingkit's status word in the clerk's language; an unknown word is shown as it is."""
    if not raw:
        return "–"
    if raw in guesses.VOUCHER_STATUS_ACTIVE:
        return translate("Wording", "active")
    if raw in guesses.VOUCHER_STATUS_USED_UP:
        return translate("Wording", "inactive (used up)")
    if raw in guesses.VOUCHER_STATUS_CANCELLED:
        return translate("Wording", "cancelled")
    return raw


def state_word(word_key: str) -> str:
    """The word under a state icon (theme.StateStyle.word_key): never colour alone."""
    return {
        "state.ok": translate("Wording", "Good"),
        "state.partly": translate("Wording", "Partly used"),
        "state.used_up": translate("Wording", "Used up"),
        "state.cancelled": translate("Wording", "Cancelled"),
        "state.expired": translate("Wording", "Expired"),
        "state.unknown": translate("Wording", "Unknown"),
        "state.warning": translate("Wording", "Attention"),
        "state.error": translate("Wording", "Failed"),
        "state.busy": translate("Wording", "Checking…"),
    }.get(word_key, word_key)
