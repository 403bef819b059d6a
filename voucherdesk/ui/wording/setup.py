"""Words for connecting a counter: a refused bookingkit address and a failed setup test."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.bookingkit.environments import AddressProblem
from voucherdesk.setup_check import SetupFailed, SetupProblem
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import fill, translate


def address_refused(problem: AddressProblem) -> str:
    if problem is AddressProblem.NOT_HTTP:
        return translate("Setup", "The address must start with https://.")
    if problem is AddressProblem.NO_HOST:
        return translate("Setup", "The address has no host name VoucherDesk can read.")
    if problem is AddressProblem.USER_IN_ADDRESS:
        return translate(
            "Setup",
            "The address must not hold a user name or password: the credentials are entered "
            "separately and kept in the keyring.",
        )
    if problem is AddressProblem.PLAIN_HTTP_REMOTE:
        return translate(
            "Setup",
            "Plain http:// is only allowed to this computer; anywhere else the credentials "
            "would travel unprotected. Use https://.",
        )
    if problem is AddressProblem.QUERY_OR_FRAGMENT:
        return translate("Setup", "A base address has no ?… or #… part.")
    assert_never(problem)


def connected(environment: str, vendors: tuple[str, ...]) -> str:
    return fill(
        translate("Setup", "Connected to bookingkit {environment} as {vendors}."),
        environment=environment,
        vendors=", ".join(vendors) or translate("Setup", "no vendor"),
    )


def setup_failed(failed: SetupFailed) -> str:
    """Why the setup's test call failed, and what to do; the credentials were not stored."""
    nothing = (
        translate(
            "Setup",
            "The credentials were not stored; the access token was kept, so a new try within "
            "the hour needs no new one.",
        )
        if failed.token_kept
        else translate("Setup", "Nothing was stored.")
    )
    problem = failed.problem
    if problem is SetupProblem.WRONG_CREDENTIALS:
        text = translate(
            "Setup",
            "bookingkit refused this client id or client secret. Copy both again from "
            "bookingkit and try again.",
        )
    elif problem is SetupProblem.OFFLINE:
        text = translate(
            "Setup",
            "bookingkit could not be reached. Check the network connection (and the "
            "address, if you entered one), then try again.",
        )
    elif problem is SetupProblem.CERTIFICATE:
        text = translate(
            "Setup",
            "The server's security certificate was refused, so nothing was sent to it. "
            "Check the address; a network that intercepts secure connections can also "
            "cause this.",
        )
    elif problem is SetupProblem.TOKEN_HELD:
        if failed.busy_until is not None:
            until = formatting.date_time(failed.busy_until)
        else:
            until = translate("Setup", "an hour from now")
        text = fill(
            translate(
                "Setup",
                "The credentials are right, but another counter or program using the same API "
                "client holds bookingkit's only access token until {until} at the latest. Try "
                "again after that, or give this counter its own API client.",
            ),
            until=until,
        )
    elif problem is SetupProblem.QUOTA:
        text = translate(
            "Setup",
            "This bookingkit account has used up its monthly number of API requests. It "
            "starts again on the 1st of next month; bookingkit support can raise it.",
        )
    elif problem is SetupProblem.NO_PERMISSION:
        text = translate(
            "Setup",
            "The credentials are right, but this API client may not read the data "
            "VoucherDesk needs. In bookingkit, give it the scopes for calendar and orders.",
        )
    elif problem is SetupProblem.SERVER:
        text = translate("Setup", "bookingkit has a problem right now. Try again in a few minutes.")
    elif problem is SetupProblem.UNREADABLE:
        text = translate(
            "Setup", "This address answered, but not like bookingkit's API. Check the address."
        )
    elif problem is SetupProblem.NO_KEYRING:
        text = translate(
            "Setup",
            "There is no usable keyring of the operating system, and VoucherDesk stores "
            "credentials nowhere else. Unlock or start it (see the setup's keyring page), "
            "then try again.",
        )
    elif problem is SetupProblem.SETTINGS_NOT_SAVED:
        text = translate(
            "Setup",
            "The credentials are right, but the settings could not be saved on this computer "
            "(a read-only folder or a full disk?). Fix that, then try again.",
        )
    elif problem is SetupProblem.OTHER:
        text = translate(
            "Setup",
            "The test failed unexpectedly. Try again; if it keeps failing, see the log file.",
        )
    else:
        assert_never(problem)
    return text + " " + nothing
