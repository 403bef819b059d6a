"""The CLI's subcommands. Each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import getpass
import math
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from voucherdesk import cli_audit_text, cli_text
from voucherdesk.app_context import AppContext, configured_environment
from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.audit.export import write_csv as write_audit_csv
from voucherdesk.audit.head import KeyringHeadStore
from voucherdesk.audit.trail import AuditTrail, trail_at
from voucherdesk.bookingkit import guess_check
from voucherdesk.bookingkit.environments import AddressRefused, Environment, environment_named
from voucherdesk.bookingkit.tokens import Credentials
from voucherdesk.cli_choices import Refused, pick_date, pick_event, read_day, read_participants
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
from voucherdesk.desk.add_ons import offered
from voucherdesk.desk.flow import leaves_top_up
from voucherdesk.desk.lock_state import LockStateFile
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.pin import Attempt, LockPolicy
from voucherdesk.desk.quote import BookingDetails, QuoteRefused
from voucherdesk.desk.shift_report import build_shift_report, write_csv
from voucherdesk.exit_codes import Exit
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings, save_settings
from voucherdesk.setup_check import SetupFailed, verify_and_store

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Product
    from voucherdesk.desk.desk import Desk
    from voucherdesk.desk.outcomes import RedemptionOutcome
    from voucherdesk.money import Money

Command = Callable[[AppContext, argparse.Namespace], int]


_MAX_CREDENTIAL = 1_000


def read_secret(from_stdin: bool) -> str:
    try:
        if from_stdin:
            return sys.stdin.readline().strip()
        return getpass.getpass(cli_text.secret_prompt()).strip()
    except EOFError:
        return ""


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:  # no terminal and nothing on stdin
        return ""


def _usable_credential(text: str) -> bool:
    return len(text) <= _MAX_CREDENTIAL and text.isprintable()


def login(args: argparse.Namespace) -> int:
    """Test the credentials, save the settings, then store the credentials (in that order)."""
    paths = app_paths()
    loaded = load_settings(paths.settings_file)
    settings = loaded.settings.model_copy(update={"recovered_from": None})
    chosen = args.environment or ("custom" if args.url is not None else None)
    if chosen is None and loaded.needs_setup:
        # The damaged file's environment may not be this counter's: never assume one.
        print(cli_text.environment_needed(cli_text.settings_damaged_line()), file=sys.stderr)
        return Exit.USAGE
    if args.url is not None and chosen != "custom":
        print(cli_text.url_needs_custom(), file=sys.stderr)
        return Exit.USAGE
    if chosen is not None:
        settings.environment = chosen  # type: ignore[assignment]  # argparse kept to the choices
    if args.url is not None:
        settings.custom_url = args.url
    try:
        environment = environment_named(settings.environment, settings.custom_url)
    except AddressRefused as refused:
        print(cli_text.address_refused(refused), file=sys.stderr)
        return Exit.USAGE
    if environment.name == "custom":
        settings.custom_url = environment.base_url
    CredentialStore(environment).load()  # fails with KeyringUnavailable before any token is asked
    client_id = (args.client_id or _ask(cli_text.client_id_prompt())).strip()
    secret = read_secret(args.client_secret_stdin)
    if not client_id or not secret:
        print(cli_text.credentials_needed(), file=sys.stderr)
        return Exit.USAGE
    if not _usable_credential(client_id) or not _usable_credential(secret):
        print(cli_text.credentials_unusable(), file=sys.stderr)
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


def _add_ons(offered: tuple[Product, ...], specs: list[str]) -> dict[str, int] | str:
    """``NAME=N`` per add-on: by id or whole name (any case), else by a part of the name that
    fits exactly one; a name that fits several, or none, is refused with the choices."""
    counts: dict[str, int] = {}
    names = [p.name or p.id for p in offered]
    for spec in specs:
        name, sep, number = spec.rpartition("=")
        wanted = name.strip().casefold()
        if not sep or not number.isdigit() or not wanted:
            return cli_text.add_on_refused(spec, names, readable=False, fits=[])
        exact = [p for p in offered if wanted in (p.id.casefold(), p.name.casefold())]
        fits = exact or [p for p in offered if wanted in p.name.casefold()]
        if len(fits) != 1:
            several = [p.name or p.id for p in fits]
            return cli_text.add_on_refused(name.strip(), names, readable=True, fits=several)
        counts[fits[0].id] = counts.get(fits[0].id, 0) + int(number)
    return counts


def redeem(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    settled(desk, desk.reconcile_pending())
    check = desk.check(args.code)
    print("\n".join(check_lines(check)))
    if check.verdict.usable and check.voucher is None:
        print(cli_text.redeem_at_counter(), file=sys.stderr)
        return Exit.FAILED
    if check.voucher is None or not check.verdict.usable:
        return Exit.FAILED
    event = pick_event(desk.events(), args.event)
    if isinstance(event, Refused):
        print(cli_text.refused_text(event), file=sys.stderr)
        return Exit.USAGE
    slot = pick_date(desk.dates(event.id), args.date)
    if isinstance(slot, Refused):
        print(cli_text.refused_text(slot), file=sys.stderr)
        return Exit.USAGE
    participants = read_participants(event, args.participants)
    if isinstance(participants, Refused):
        print(cli_text.refused_text(participants), file=sys.stderr)
        return Exit.USAGE
    catalog = desk.products() if args.products else []
    add_ons = _add_ons(offered(catalog, event), args.products)
    if isinstance(add_ons, str):
        print(add_ons, file=sys.stderr)
        return Exit.USAGE
    details = BookingDetails(
        customer_name=args.name,
        customer_email=args.email,
        comment=args.comment,
        answers=tuple(args.answers),
    )
    try:
        quote = desk.quote(
            check.voucher,
            event,
            slot,
            participants,
            products=add_ons,
            catalog=catalog,
            details=details,
        )
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
    if leaves_top_up(outcome) and outcome.top_up is not None:
        ask_top_up_taken(desk, outcome.key, outcome.top_up)
    return Exit.OK if outcome.kind is OutcomeKind.DONE else Exit.FAILED


def settled(desk: Desk, outcomes: list[RedemptionOutcome]) -> None:
    """What a check settled, a line each; a booking it finished just now that leaves a top-up
    asks whether the money was taken, as the window does."""
    for outcome in outcomes:
        print(reconciled_line(outcome))
        if outcome.kind is OutcomeKind.DONE and leaves_top_up(outcome) and outcome.top_up:
            ask_top_up_taken(desk, outcome.key, outcome.top_up)


def ask_top_up_taken(desk: Desk, key: str, top_up: Money) -> None:
    """Asked at a terminal, as the counter window asks: noted in the journal with the clerk.
    Without a terminal it stays open: the shift report lists it, the window asks for it."""
    if sys.stdin.isatty() and confirmed(cli_text.top_up_taken_question(top_up)):
        desk.top_up_taken(key, by=desk.clerk)
        print(cli_text.top_up_noted())
    else:
        print(cli_text.top_up_not_noted())


def confirmed(question: str) -> bool:
    return input(question).strip().lower() in cli_text.yes_words()


def refused_argument(args: argparse.Namespace) -> Refused | None:
    """An argument that can be judged without bookingkit and is refused (report's day)."""
    if args.command == "report" and args.day is not None:
        day = read_day(args.day)
        return day if isinstance(day, Refused) else None
    return None


def writes(args: argparse.Namespace) -> bool:
    """Whether a command writes to the journal: only one process at a time may."""
    if args.command in ("redeem", "undo"):
        return True
    if args.command == "journal":
        return bool(args.reconcile or args.acknowledge or args.assign_environment)
    return False


def _pin_ok(context: AppContext) -> bool:
    """The counter's PIN, when one is set, before an admin step - under the same kept
    back-off as the lock screen, so the command line is no way around it."""
    pin_hash = context.settings.pin_hash
    if pin_hash is None:
        return True
    if not sys.stdin.isatty():
        print(cli_text.pin_needed(), file=sys.stderr)
        return False
    kept = LockStateFile(app_paths().lock_state_file)
    state, _problem = kept.load()
    policy = LockPolicy()
    kept.restore_into(state, policy)
    wait = policy.wait_left()
    if wait > 0:
        print(cli_text.pin_wait(math.ceil(wait)), file=sys.stderr)
        return False
    try:
        pin = getpass.getpass(cli_text.pin_prompt())
    except EOFError:
        return False
    result = policy.attempt(pin, pin_hash)
    kept.save(kept.state_of(policy, locked=state.locked))
    if result is not Attempt.UNLOCKED:
        print(cli_text.pin_wrong(), file=sys.stderr)
        return False
    return True


def journal(context: AppContext, args: argparse.Namespace) -> int:
    desk = context.desk
    if args.assign_environment:
        key = None if args.assign_environment == "all" else args.assign_environment
        if not _pin_ok(context):
            return Exit.FAILED
        print(cli_text.assigned_line(desk.assign_environment(key), desk.environment.name))
    if args.acknowledge:
        if not _has_entry(context, args.acknowledge):
            print(cli_text.no_entry(args.acknowledge), file=sys.stderr)
            return Exit.FAILED
        if not _pin_ok(context):
            return Exit.FAILED
        print(cli_text.acknowledged_line(desk.acknowledge(args.acknowledge)))
    if args.reconcile:
        settled(desk, desk.reconcile_pending())
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


def _has_entry(context: AppContext, key: str) -> bool:
    try:
        context.desk.journal.get(key)
    except KeyError:
        return False
    return True


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
    day = read_day(args.day) if args.day is not None else date.today()
    if isinstance(day, Refused):
        print(cli_text.refused_text(day), file=sys.stderr)
        return Exit.USAGE
    if args.venue:
        return _venue_report(context, day, args)
    shift = build_shift_report(desk.history(day), day=day, counter_id=desk.counter_id)
    print("\n".join(report_lines(shift)))
    try:
        if args.csv:
            write_csv(shift, args.csv)
            print(cli_text.written("CSV", args.csv))
        if args.pdf:
            from voucherdesk.ui.history.shift_report_pdf import ensure_gui_application, write_pdf

            ensure_gui_application()  # Qt lays out the PDF; offscreen, no window
            write_pdf(shift, args.pdf, environment=context.environment.name)
            print(cli_text.written("PDF", args.pdf))
    except OSError as exc:
        print(cli_text.not_written(exc), file=sys.stderr)
        return Exit.FAILED
    return Exit.OK


def _venue_report(context: AppContext, day: date, args: argparse.Namespace) -> int:
    """Every counter's voucher orders of ``day``, read from bookingkit (read-only)."""
    if args.csv or args.pdf:
        print(cli_text.venue_files_refused(), file=sys.stderr)
        return Exit.USAGE
    print("\n".join(cli_text.venue_report_lines(context.desk.venue_report(day))))
    return Exit.OK


def check_guesses(context: AppContext, args: argparse.Namespace) -> int:
    """One line per guess; exit 1 when bookingkit contradicts one (change guesses.py)."""
    findings = guess_check.check_guesses(context.client)
    for f in findings:
        print(cli_text.guess_line(f.guess, f.status, f.title, f.detail))
    contradicted = any(f.status == "contradicted" for f in findings)
    return Exit.FAILED if contradicted else Exit.OK


def _audit_trail() -> AuditTrail:
    path = trail_at(app_paths().data_dir)
    return AuditTrail(path, KeyringHeadStore(path))


def _this_environment() -> Environment | None:
    """The counter's environment for a row the CLI records itself (None: not known)."""
    loaded = load_settings(app_paths().settings_file)
    if loaded.needs_setup:
        return None
    try:
        return configured_environment(loaded.settings)
    except AddressRefused:
        return None


def audit(args: argparse.Namespace) -> int:
    """`audit verify`: exit 0 when every link holds, 1 at a broken link, 3 without a keyring
    to check the end against. `audit export FILE.csv`: the rows as CSV (codes masked)."""
    trail = _audit_trail()
    try:
        report = trail.verify()
        rows, unreadable = trail.rows() if args.audit_command == "export" else ([], 0)
    except OSError as exc:
        print(cli_audit_text.audit_not_read(exc), file=sys.stderr)
        return Exit.FAILED
    if args.audit_command == "verify":
        lines = cli_audit_text.audit_report_lines(report, str(trail.path))
        print("\n".join(lines), file=sys.stdout if report.ok else sys.stderr)
        if not report.ok:
            return Exit.FAILED
        return Exit.SETUP if report.head_unavailable else Exit.OK
    target = Path(args.file)
    try:
        held = report.rows if report.broken is None else min(report.rows, report.broken.row - 1)
        write_audit_csv(rows, target, verified_rows=held, full_codes=args.full_codes)
    except OSError as exc:
        print(cli_audit_text.audit_not_written(exc), file=sys.stderr)
        return Exit.FAILED
    trail.record(
        AuditEvent(kind=RowKind.EXPORT, outcome="full_codes" if args.full_codes else "masked"),
        clerk=None,
        environment=_this_environment(),
    )
    print(cli_audit_text.audit_exported(len(rows), args.file, full_codes=args.full_codes))
    if report.broken is not None:
        print(cli_audit_text.audit_export_unverified(report.broken.row), file=sys.stderr)
    if unreadable:
        print(cli_audit_text.audit_unreadable_lines(unreadable), file=sys.stderr)
    return Exit.OK


COMMANDS: dict[str, Command] = {
    "lookup": lookup,
    "redeem": redeem,
    "undo": undo,
    "journal": journal,
    "report": report,
    "check-guesses": check_guesses,
}
