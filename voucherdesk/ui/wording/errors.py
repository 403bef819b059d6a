"""Words for errors that reach the clerk: the client's error tree, the journal, the keyring."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.bookingkit import errors
from voucherdesk.credentials import KeyringUnavailable
from voucherdesk.desk.journal import JournalProblem, JournalUnavailable
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import Words, fill, translate


def error(exc: BaseException, *, during_write: bool = False) -> Words:
    """Any exception that reaches the clerk, as a headline, a detail and the next step.

    A lost answer only leaves the outcome unknown for a write; a read that lost its answer
    simply did not get through.
    """
    if during_write and isinstance(exc, errors.OutcomeUnknown):
        return Words(
            translate("Wording", "Outcome unknown"),
            translate(
                "Wording",
                "The booking was sent but no answer came back. It may or may not have been made.",
            ),
            translate(
                "Wording",
                "Do not book again. Use \u201cCheck again\u201d until the outcome is known.",
            ),
        )
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
        detail = translate(
            "Wording", "Another program uses the same bookingkit API client right now."
        )
        if exc.busy_until is not None:
            detail = fill(
                translate(
                    "Wording",
                    "Another program uses the same bookingkit API client; its access runs out by "
                    "{time} at the latest.",
                ),
                time=formatting.date_time(exc.busy_until),
            )
        return Words(
            translate("Wording", "Access in use elsewhere"),
            detail,
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
    if isinstance(exc, errors.Redirected):
        return Words(
            translate("Wording", "Unexpected redirect"),
            fill(
                translate(
                    "Wording",
                    "The address answered with a redirect (HTTP {status}), which VoucherDesk "
                    "never follows. Nothing was sent there.",
                ),
                status=exc.status,
            ),
            translate("Wording", "Check the bookingkit address in the settings."),
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
        return journal(exc)
    if isinstance(exc, KeyringUnavailable):
        return Words(
            translate("Wording", "No OS keyring"),
            translate("Wording", "The bookingkit access data cannot be read from the OS keyring."),
            translate("Wording", "Unlock or start the keyring (see Setup), then try again."),
        )
    return Words(
        translate("Wording", "Something went wrong"),
        fill(
            translate("Wording", "An unexpected error stopped this step: {name}"),
            name=type(exc).__name__,
        ),
        translate("Wording", "Try again; if it keeps happening, contact support."),
    )


def journal(exc: JournalUnavailable) -> Words:
    """The redemption journal cannot be used: real redemptions are off until it can."""
    problem = exc.problem
    if problem is JournalProblem.CANNOT_WRITE:
        return Words(
            translate("Wording", "Journal unavailable"),
            translate(
                "Wording",
                "The redemption journal on this computer cannot be written, so nothing is sent "
                "to bookingkit.",
            ),
            translate("Wording", "Check free disk space, then restart VoucherDesk."),
        )
    if problem is JournalProblem.IN_USE:
        return Words(
            translate("Wording", "Journal in use"),
            translate(
                "Wording",
                "Another VoucherDesk on this computer is working on the redemption journal, so "
                "this one does not write to it.",
            ),
            translate(
                "Wording", "Use the open VoucherDesk window, or close it and try again here."
            ),
        )
    if problem is JournalProblem.CANNOT_OPEN:
        return Words(
            translate("Wording", "Journal cannot be opened"),
            fill(
                translate(
                    "Wording",
                    "The redemption journal {path} cannot be opened. Is another VoucherDesk "
                    "running on this computer?",
                ),
                path=str(exc.path),
            ),
            translate("Wording", "Close the other VoucherDesk, or check the file's permissions."),
        )
    if problem is JournalProblem.DAMAGED:
        return Words(
            translate("Wording", "Journal damaged"),
            fill(
                translate(
                    "Wording",
                    "The redemption journal {path} cannot be read. It was left exactly as it "
                    "is, because it may record redemptions whose outcome is still open.",
                ),
                path=str(exc.path),
            ),
            translate(
                "Wording",
                "Move it aside only after checking recent orders in bookingkit, then start again.",
            ),
        )
    assert_never(problem)
