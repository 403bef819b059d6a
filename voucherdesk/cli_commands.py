"""The CLI's subcommands. Each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date, datetime

from voucherdesk import cli_text
from voucherdesk.app_context import AppContext
from voucherdesk.bookingkit import guess_check
from voucherdesk.bookingkit.auth import Credentials
from voucherdesk.bookingkit.environments import AddressRefused, environment_named
from voucherdesk.bookingkit.models import Event, EventDate, format_utc
from voucherdesk.cli_text import (
    check_lines,
    journal_line,
    outcome_lines,
    quote_lines,
    reconciled_line,
    refusal_line,
    report_lines,
)
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.pin import verify_pin
from voucherdesk.desk.quote import QuoteRefused
from voucherdesk.desk.shift_report import build_shift_report, write_csv
from voucherdesk.exit_codes import Exit
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings, save_settings
from voucherdesk.setup_check import SetupFailed, verify_and_store

Command = Callable[[AppContext, argparse.Namespace], int]


def read_secret(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    return getpass.getpass(cli_text.secret_prompt()).strip()


def login(args: argparse.Namespace) -> int:
    """Test the credentials, save the settings, then store the credentials (in that order)."""
    paths = app_paths()
    settings = load_settings(paths.settings_file).settings
    if args.environment:
        settings.environment = args.environment
    if args.url:
        settings.custom_url = args.url
    try:
        environment = environment_named(settings.environment, settings.custom_url)
    except AddressRefused as refused:
        print(cli_text.address_refused(refused), file=sys.stderr)
        return Exit.USAGE
    if environment.name == "custom":
        settings.custom_url = environment.base_url
    CredentialStore(environment).load()  # fails with KeyringUnavailable before any token is asked
    client_id = args.client_id or input(cli_text.client_id_prompt()).strip()
    secret = read_secret(args.client_secret_stdin)
    if not client_id or not secret:
        print(cli_text.credentials_needed(), file=sys.stderr)
        return Exit.USAGE
    try:
        done = verify_and_store(
            environment,
            Credentials(client_id, secret),
            before_storing=lambda: save_settings(settings, paths.settings_file),
        )
    except SetupFailed as failed:
        print(cli_text.setup_failed(failed), file=sys.stderr)
        return Exit.FAILED
    print(cli_text.connected(environment.name, done.vendors))
    return Exit.OK


def logout() -> int:
    paths = app_paths()
    settings = load_settings(paths.settings_file).settings
    try:
        environment = environment_named(settings.environment, settings.custom_url)
    except AddressRefused as refused:
        print(cli_text.address_refused(refused))
        return Exit.OK
    CredentialStore(environment).forget()
    print(cli_text.forgotten(environment.name))
    return Exit.OK


def lookup(context: AppContext, args: argparse.Namespace) -> int:
    result = context.desk.check(args.code)
    print("\n".join(check_lines(result)))
    found = result.voucher or result.ticket or result.sold_pass
    return Exit.OK if found is not None else Exit.FAILED


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
        print(reconciled_line(outcome))
    check = desk.check(args.code)
    print("\n".join(check_lines(check)))
    if check.verdict.usable and check.voucher is None:
        print(cli_text.redeem_at_counter(), file=sys.stderr)
        return Exit.FAILED
    if check.voucher is None or not check.verdict.usable:
        return Exit.FAILED
    event = _pick_event(desk.events(), args.event)
    if event is None:
        print(f"No single event matches {args.event!r}.", file=sys.stderr)
        return Exit.USAGE
    slot = _pick_date(desk.dates(event.id), args.date)
    if slot is None:
        print(f"{event.title} has no date {args.date!r} in the next weeks.", file=sys.stderr)
        return Exit.USAGE
    participants = _participants(event, args.participants)
    if isinstance(participants, str):
        print(participants, file=sys.stderr)
        return Exit.USAGE
    try:
        quote = desk.quote(check.voucher, event, slot, participants)
    except QuoteRefused as refused:
        print(refusal_line(refused.refusal), file=sys.stderr)
        return Exit.FAILED
    print("\n".join(quote_lines(quote)))
    if not args.yes:
        if not sys.stdin.isatty():
            print(cli_text.not_confirmed(), file=sys.stderr)
            return Exit.USAGE
        if not confirmed(cli_text.confirm_question()):
            print(cli_text.nothing_booked())
            return Exit.OK
    outcome = desk.confirm_balance(desk.redeem(quote))
    print("\n".join(outcome_lines(outcome)))
    return Exit.OK if outcome.kind is OutcomeKind.DONE else Exit.FAILED


def confirmed(question: str) -> bool:
    return input(question).strip().lower() in cli_text.yes_words()


def writes(args: argparse.Namespace) -> bool:
    """Whether a command writes to the journal: only one process at a time may."""
    if args.command in ("redeem", "undo"):
        return True
    if args.command == "journal":
        return bool(args.reconcile or args.acknowledge or args.assign_environment)
    return False


def _pin_ok(context: AppContext) -> bool:
    """The counter's PIN, when one is set, before an admin step."""
    pin_hash = context.settings.pin_hash
    if pin_hash is None:
        return True
    if not sys.stdin.isatty():
        print(cli_text.pin_needed(), file=sys.stderr)
        return False
    return verify_pin(getpass.getpass(cli_text.pin_prompt()), pin_hash)


def journal(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    if args.assign_environment:
        key = None if args.assign_environment == "all" else args.assign_environment
        if not _pin_ok(context):
            return Exit.FAILED
        print(cli_text.assigned_line(desk.assign_environment(key), desk.environment.name))
    if args.acknowledge:
        if not _pin_ok(context):
            return Exit.FAILED
        print(cli_text.acknowledged_line(desk.acknowledge(args.acknowledge)))
    if args.reconcile:
        for outcome in desk.reconcile_pending():
            print(reconciled_line(outcome))
    for alarm in desk.alarms():
        print(cli_text.alarm_line(alarm), file=sys.stderr)
    entries = desk.history(None if args.all else date.today(), args.search)
    for entry in entries:
        print(journal_line(entry))
    if not entries:
        print(cli_text.no_redemptions())
    apart = desk.other_environments()
    if apart:
        print(cli_text.other_environments_heading(len(apart)))
        for entry in apart:
            print(f"  {cli_text.environment_of(entry)}  {journal_line(entry)}")
    return Exit.OK


def undo(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    try:
        entry = desk.journal.get(args.key)
    except KeyError:
        entry = None
    if entry is not None and not args.yes:
        if not sys.stdin.isatty():
            print(cli_text.not_confirmed(), file=sys.stderr)
            return Exit.USAGE
        if not confirmed(cli_text.undo_question(entry)):
            print(cli_text.nothing_cancelled())
            return Exit.OK
    outcome = desk.undo(args.key)
    print("\n".join(cli_text.undo_lines(outcome)))
    return Exit.OK if outcome.cancelled else Exit.FAILED


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
        return Exit.FAILED
    return Exit.OK


def check_guesses(context: AppContext, args: argparse.Namespace) -> int:
    """One line per guess; exit 1 when bookingkit contradicts one (change guesses.py)."""
    findings = guess_check.check_guesses(context.client)
    for f in findings:
        print(f"{f.guess:<4} {f.status:<12} {f.title}: {f.detail}")
    contradicted = any(f.status == "contradicted" for f in findings)
    return Exit.FAILED if contradicted else Exit.OK


COMMANDS: dict[str, Command] = {
    "lookup": lookup,
    "redeem": redeem,
    "undo": undo,
    "journal": journal,
    "report": report,
    "check-guesses": check_guesses,
}
