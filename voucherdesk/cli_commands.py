"""The CLI's subcommands. Each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from voucherdesk.app_context import AppContext
from voucherdesk.bookingkit import errors, guess_check
from voucherdesk.bookingkit.auth import Credentials
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.models import Event, EventDate, format_utc
from voucherdesk.cli_text import (
    check_lines,
    journal_line,
    outcome_lines,
    quote_lines,
    report_lines,
)
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.quote import QuoteRefused
from voucherdesk.desk.redeem import OutcomeKind
from voucherdesk.desk.shift_report import build_shift_report, write_csv
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings, save_settings
from voucherdesk.setup_check import SetupFailed, SetupProblem, verify_and_store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def describe_error(exc: errors.BookingkitError) -> str:
    """English words for the CLI; the GUI has its own translated wording."""
    if isinstance(exc, errors.TokenStillValid | errors.QuotaExhausted):
        return str(exc.message)
    if isinstance(exc, errors.OutcomeUnknown):
        return (
            "No answer from bookingkit after sending: it is not known yet whether this took "
            "effect. Run `voucherdesk journal --reconcile` before trying again."
        )
    if isinstance(exc, errors.CertificateRefused):
        return (
            "The server's TLS certificate was refused, so nothing was sent. Check the address "
            "(or a network that intercepts secure connections)."
        )
    if isinstance(exc, errors.DeadlineExceeded):
        return (
            f"bookingkit did not answer in time ({exc.deadline_s:g} s). Nothing was changed; "
            "try again in a moment."
        )
    if isinstance(exc, errors.TransportError):
        return "bookingkit cannot be reached. Check the network connection and try again."
    if isinstance(exc, errors.CredentialsRefused):
        return "bookingkit refused the client id or secret. Run `voucherdesk login` again."
    if isinstance(exc, errors.Unauthorized):
        return "bookingkit refused the API credentials. Run `voucherdesk login` again."
    if isinstance(exc, errors.BadRequest):
        return f"bookingkit refused the request: {exc.message}"
    if isinstance(exc, errors.NotFound):
        return "bookingkit does not know this item."
    if isinstance(exc, errors.RateLimited):
        return "bookingkit asks to slow down. Try again in a minute."
    if isinstance(exc, errors.ServerError):
        return f"bookingkit has a problem (HTTP {exc.status}). Try again in a moment."
    if isinstance(exc, errors.ListTooLong):
        return (
            f"bookingkit's voucher list did not end within {exc.limit:,} {exc.unit}; "
            "VoucherDesk stopped reading it. Ask support to look at the account."
        )
    if isinstance(exc, errors.AnswerTooLarge):
        return "bookingkit sent an answer larger than VoucherDesk accepts; it was not read."
    if isinstance(exc, errors.Redirected):
        return (
            f"The address answered with a redirect (HTTP {exc.status}), which VoucherDesk "
            "never follows. Check the bookingkit address."
        )
    if isinstance(exc, errors.MalformedResponse):
        return "bookingkit sent an answer VoucherDesk cannot read."
    return "bookingkit request failed."


_SETUP_WORDS = {
    SetupProblem.NO_KEYRING: "No usable OS keyring: nothing was stored.",
    SetupProblem.WRONG_CREDENTIALS: (
        "bookingkit refused this client id or client secret. Nothing was stored."
    ),
    SetupProblem.OFFLINE: "bookingkit could not be reached. Nothing was stored; try again.",
    SetupProblem.CERTIFICATE: (
        "The server's TLS certificate was refused, so nothing was sent. Check the address "
        "(or a proxy that intercepts TLS). Nothing was stored."
    ),
    SetupProblem.QUOTA: "bookingkit's monthly request quota is used up. Nothing was stored.",
    SetupProblem.NO_PERMISSION: (
        "The credentials are right, but this API client lacks a permission (scope) "
        "VoucherDesk needs. Ask bookingkit to grant calendar_read, orders_read_owned and "
        "orders_write_owned. The access token was kept."
    ),
    SetupProblem.SERVER: (
        "bookingkit answered with an error. The access token was kept; try again in a moment."
    ),
    SetupProblem.UNREADABLE: (
        "The address answered, but not like bookingkit. Check the address. Nothing was stored."
    ),
    SetupProblem.OTHER: "The test call failed. Nothing was stored.",
}


def describe_setup_failure(failed: SetupFailed) -> str:
    if failed.problem is SetupProblem.TOKEN_HELD:
        until = f" until {failed.busy_until:%Y-%m-%d %H:%M} UTC" if failed.busy_until else ""
        return (
            "Another counter or program holds this API client's only access token"
            f"{until}. Give every counter its own API client, or try again then."
        )
    if failed.problem is SetupProblem.NO_KEYRING:
        return failed.detail or _SETUP_WORDS[failed.problem]
    return _SETUP_WORDS[failed.problem]


def login(args: argparse.Namespace) -> int:
    """Test the credentials, save the settings, then store the credentials (in that order)."""
    from voucherdesk.cli import read_secret

    paths = app_paths()
    settings = load_settings(paths.settings_file).settings
    if args.environment:
        settings.environment = args.environment
    if args.url:
        settings.custom_url = args.url
    try:
        environment = environment_named(settings.environment, settings.custom_url)
    except ValueError as exc:
        print(f"Cannot use this bookingkit address: {exc}.", file=sys.stderr)
        return EXIT_USAGE
    if environment.name == "custom":
        settings.custom_url = environment.base_url
    CredentialStore(environment).load()  # fails with KeyringUnavailable before any token is asked
    client_id = args.client_id or input("Client id: ").strip()
    secret = read_secret(args.client_secret_stdin)
    if not client_id or not secret:
        print("Client id and client secret are both needed.", file=sys.stderr)
        return EXIT_USAGE
    try:
        done = verify_and_store(
            environment,
            Credentials(client_id, secret),
            before_storing=lambda: save_settings(settings, paths.settings_file),
        )
    except SetupFailed as failed:
        print(describe_setup_failure(failed), file=sys.stderr)
        return EXIT_FAILED
    names = ", ".join(done.vendors) or "no vendor"
    print(f"Connected to bookingkit {environment.name} ({names}). Credentials are in the keyring.")
    return EXIT_OK


def logout() -> int:
    paths = app_paths()
    settings = load_settings(paths.settings_file).settings
    try:
        environment = environment_named(settings.environment, settings.custom_url)
    except ValueError as exc:
        print(f"The stored bookingkit address cannot be used ({exc}); nothing to forget.")
        return EXIT_OK
    CredentialStore(environment).forget()
    print(f"Forgot the bookingkit credentials for {environment.name}.")
    return EXIT_OK


def lookup(context: AppContext, args: argparse.Namespace) -> int:
    result = context.desk.check(args.code)
    print("\n".join(check_lines(result)))
    return EXIT_OK if result.voucher is not None else EXIT_FAILED


def _pick_event(events: list[Event], wanted: str) -> Event | None:
    exact = [e for e in events if e.id == wanted]
    if exact:
        return exact[0]
    matches = [e for e in events if wanted.casefold() in e.title.casefold()]
    return matches[0] if len(matches) == 1 else None


def _pick_date(dates: list[EventDate], wanted: str) -> EventDate | None:
    for slot in dates:
        if slot.id == wanted or format_utc(slot.date).startswith(wanted):
            return slot
    try:
        moment = datetime.fromisoformat(wanted)
    except ValueError:
        return None
    return next(
        (d for d in dates if d.date.replace(tzinfo=None) == moment.replace(tzinfo=None)), None
    )


def _participants(event: Event, specs: list[str]) -> dict[str, int] | str:
    counts: dict[str, int] = {}
    for spec in specs:
        name, _, number = spec.partition("=")
        price = next(
            (
                p
                for p in event.prices
                if name in (p.id, p.title) or name.casefold() == p.title.casefold()
            ),
            None,
        )
        if price is None or not number.isdigit():
            titles = ", ".join(p.title for p in event.prices)
            return f"Cannot read {spec!r}. Prices of this event: {titles}"
        counts[price.id] = counts.get(price.id, 0) + int(number)
    return counts


def redeem(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    for outcome in desk.reconcile_pending():
        print(f"Reconciled an unfinished redemption first: {outcome.kind.value} {outcome.key}")
    check = desk.check(args.code)
    print("\n".join(check_lines(check)))
    if check.voucher is None or not check.verdict.usable:
        return EXIT_FAILED
    event = _pick_event(desk.events(), args.event)
    if event is None:
        print(f"No single event matches {args.event!r}.", file=sys.stderr)
        return EXIT_USAGE
    slot = _pick_date(desk.dates(event.id), args.date)
    if slot is None:
        print(f"{event.title} has no date {args.date!r} in the next weeks.", file=sys.stderr)
        return EXIT_USAGE
    participants = _participants(event, args.participants)
    if isinstance(participants, str):
        print(participants, file=sys.stderr)
        return EXIT_USAGE
    try:
        quote = desk.quote(check.voucher, event, slot, participants)
    except QuoteRefused as refused:
        print(f"Cannot book: {refused.message}", file=sys.stderr)
        return EXIT_FAILED
    print("\n".join(quote_lines(quote)))
    if not args.yes:
        if not sys.stdin.isatty():
            print("Not confirmed (use --yes when there is no terminal).", file=sys.stderr)
            return EXIT_USAGE
        if input("Book and pay with the voucher? [y/N] ").strip().lower() not in (
            "y",
            "yes",
            "j",
            "ja",
        ):
            print("Nothing booked.")
            return EXIT_OK
    outcome = desk.redeem(quote)
    print("\n".join(outcome_lines(outcome)))
    return EXIT_OK if outcome.kind is OutcomeKind.DONE else EXIT_FAILED


def journal(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    if args.reconcile:
        for outcome in desk.reconcile_pending():
            print(f"reconciled {outcome.key}: {outcome.kind.value} {outcome.reason}")
    entries = desk.history(None if args.all else date.today(), args.search)
    for entry in entries:
        print(journal_line(entry))
    if not entries:
        print("No redemptions.")
    return EXIT_OK


def report(context: AppContext, args: argparse.Namespace) -> int:
    """The end-of-shift summary on stdout, optionally also as CSV and PDF files."""
    desk = context.desk
    day = args.day or date.today()
    shift = build_shift_report(desk.history(day), day=day, counter_id=desk.counter_id)
    print("\n".join(report_lines(shift)))
    try:
        if args.csv:
            write_csv(shift, args.csv)
            print(f"CSV written to {args.csv}")
        if args.pdf:
            from voucherdesk.ui.history.shift_report_pdf import ensure_gui_application, write_pdf

            ensure_gui_application()  # Qt lays out the PDF; offscreen, no window
            write_pdf(shift, args.pdf, environment=context.environment.name)
            print(f"PDF written to {args.pdf}")
    except OSError as exc:
        print(f"Could not write the report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def check_guesses(context: AppContext, args: argparse.Namespace) -> int:
    """One line per guess; exit 1 when bookingkit contradicts one (change guesses.py)."""
    findings = guess_check.check_guesses(context.client)
    for f in findings:
        print(f"{f.guess:<4} {f.status:<12} {f.title}: {f.detail}")
    contradicted = any(f.status == "contradicted" for f in findings)
    return EXIT_FAILED if contradicted else EXIT_OK
