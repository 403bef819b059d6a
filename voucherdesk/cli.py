"""The one entry point: the counter window by default, plus admin and scripting commands.

voucherdesk                 the counter window (demo mode when nothing is configured)
voucherdesk --demo          the counter window against the in-process stand-in
voucherdesk --self-test     headless check of an installed bundle, exit 0 when all is well
voucherdesk login | logout | lookup CODE | redeem CODE ... | undo KEY | journal | report
voucherdesk standin
voucherdesk check-guesses    read-only test of our bookingkit guesses (before go-live)
voucherdesk audit verify | audit export FILE.csv [--full-codes]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from voucherdesk.exit_codes import Exit
from voucherdesk.logs import setup_app_logging
from voucherdesk.paths import app_paths

# The counter's services (bookingkit client, journal, keyring) are imported by the commands
# that use them, not here: the window starts without waiting for what it loads later.
if TYPE_CHECKING:
    from voucherdesk.app_context import AppContext
    from voucherdesk.settings import LoadedSettings
    from voucherdesk.ui.common.i18n import LanguageChoice

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse, but a command line it cannot read gets our words (exit 2), in the counter's
    language; argparse's own detail and --help stay English."""

    def error(self, message: str) -> NoReturn:
        from voucherdesk import cli_text

        cli_text.start_language(_language(False))
        self.print_usage(sys.stderr)
        print(cli_text.usage_error(message), file=sys.stderr)
        sys.exit(Exit.USAGE)


def _safe_streams() -> None:
    """Nothing printed may end in an encoding error: undecodable bytes from the command line
    (surrogates) or a terminal without UTF-8 get a replacement character instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


class _ShowVersion(argparse.Action):
    """--version, with the version looked up only when asked for (it is slow to find)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import voucherdesk

        print(f"VoucherDesk {voucherdesk.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="voucherdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action=_ShowVersion, nargs=0, help="show the version")
    parser.add_argument("--demo", action="store_true", help="use the built-in demo data")
    parser.add_argument("--self-test", action="store_true", help="check an installation")
    sub = parser.add_subparsers(dest="command")

    login = sub.add_parser("login", help="store bookingkit API credentials in the OS keyring")
    login.add_argument("--environment", choices=["production", "sandbox", "custom"])
    login.add_argument("--url", help="base URL for the custom environment")
    login.add_argument("--client-id")
    login.add_argument(
        "--client-secret-stdin", action="store_true", help="read the client secret from stdin"
    )
    sub.add_parser("logout", help="forget the stored credentials and token")

    lookup = sub.add_parser("lookup", help="show a voucher")
    lookup.add_argument("code")

    redeem = sub.add_parser("redeem", help="book an appointment paid with a voucher")
    redeem.add_argument("code")
    redeem.add_argument("--event", required=True, help="event id or part of its title")
    redeem.add_argument("--date", required=True, help="date id or start as YYYY-MM-DDTHH:MM (UTC)")
    redeem.add_argument(
        "--participants",
        nargs="+",
        required=True,
        metavar="PRICE=N",
        help="price id or title and the number of participants, e.g. Adult=2",
    )
    redeem.add_argument(
        "--product",
        dest="products",
        action="extend",
        nargs="+",
        default=[],
        metavar="NAME=N",
        help="an add-on product offered with the event (id or name, or a part of it naming one)"
        " and how many, e.g. 'Photo package=1'",
    )
    redeem.add_argument("--name", default="", help="the customer's name on the booking")
    redeem.add_argument("--email", default="", help="the customer's e-mail address")
    redeem.add_argument("--comment", default="", help="a comment on the order")
    redeem.add_argument(
        "--answer",
        dest="answers",
        action="append",
        default=[],
        metavar="TEXT",
        help="one participant's answer to the event's question, in participant order"
        " (repeat per participant)",
    )
    redeem.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    journal = sub.add_parser("journal", help="list this counter's redemptions")
    journal.add_argument("--reconcile", action="store_true", help="resolve unfinished entries")
    journal.add_argument("--all", action="store_true", help="all days, not only today")
    journal.add_argument("--search", default="")
    journal.add_argument(
        "--acknowledge",
        metavar="KEY",
        help="a booking that drew otherwise than quoted was checked: redemptions go on",
    )
    journal.add_argument(
        "--assign-environment",
        metavar="KEY",
        nargs="?",
        const="all",
        help="entries without a recorded environment (or KEY only) belong to this one",
    )

    undo = sub.add_parser("undo", help="cancel a redemption made at this counter")
    undo.add_argument("key", help="the journal key (see `voucherdesk journal`)")
    undo.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    report = sub.add_parser("report", help="end-of-shift report of this counter")
    report.add_argument("--day", help="YYYY-MM-DD (local day; default today)")
    report.add_argument("--csv", metavar="FILE", help="also write the entries as CSV")
    report.add_argument("--pdf", metavar="FILE", help="also write the report as an A4 PDF")
    report.add_argument(
        "--venue",
        action="store_true",
        help="every counter's voucher orders of the day, read from bookingkit",
    )

    audit = sub.add_parser("audit", help="check or export the counter's audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check every row's link and the chain head")
    export = audit_sub.add_parser("export", help="write the audit trail as CSV")
    export.add_argument("file", metavar="FILE.csv")
    export.add_argument(
        "--full-codes", action="store_true", help="voucher codes in full (masked by default)"
    )

    sub.add_parser(
        "check-guesses", help="test the bookingkit guesses against the account (read-only)"
    )

    standin = sub.add_parser("standin", help="run the bookingkit stand-in server")
    standin.add_argument("--host", default="127.0.0.1")
    standin.add_argument("--port", type=int, default=8765)
    standin.add_argument("--seed", choices=["demo", "empty"], default="demo")
    standin.add_argument(
        "--client-id", action="append", help="an extra API client (repeat with --client-secret)"
    )
    standin.add_argument(
        "--client-secret", action="append", help="the secret of the --client-id before it"
    )
    standin.add_argument(
        "--page-cap", type=int, default=10_000, help="most items per response (bookingkit: 10000)"
    )
    standin.add_argument(
        "--clock-offset", type=float, default=0.0, help="seconds added to the stand-in's clock"
    )
    standin.add_argument(
        "--owned-orders-only",
        action="store_true",
        help="orders_read_owned reads only the API client's own orders (guess U5 the other way)",
    )
    return parser


def _open(demo: bool, *, writer: bool) -> AppContext:
    from voucherdesk.app_context import open_configured, open_demo

    return open_demo() if demo else open_configured(writer=writer)


def _language(demo: bool, loaded: LoadedSettings | None = None) -> LanguageChoice:
    """The counter's language setting (the CLI speaks it too); English if unreadable."""
    if demo:
        return "system"
    if loaded is None:
        from voucherdesk.settings import load_settings

        loaded = load_settings(app_paths().settings_file)
    return loaded.settings.language


def _standin(args: argparse.Namespace) -> int:
    from voucherdesk import cli_text
    from voucherdesk.standin.command import StandinOptions, pair_clients, run

    cli_text.start_language("system")
    try:
        clients = pair_clients(args.client_id, args.client_secret)
    except ValueError as exc:
        print(cli_text.standin_clients(str(exc)), file=sys.stderr)
        return Exit.USAGE
    if args.page_cap < 1:
        print(cli_text.page_cap_too_small(), file=sys.stderr)
        return Exit.USAGE
    if not 0 <= args.port <= 65535:
        print(cli_text.port_out_of_range(), file=sys.stderr)
        return Exit.USAGE
    options = StandinOptions(
        host=args.host,
        port=args.port,
        seed=args.seed,
        clients=tuple(clients),
        page_cap=args.page_cap,
        clock_offset_s=args.clock_offset,
        owned_orders_only=args.owned_orders_only,
    )
    try:
        return run(options)
    except (OSError, OverflowError, ValueError) as exc:  # the address cannot be bound
        error = exc if isinstance(exc, OSError) else OSError(str(exc))
        print(cli_text.standin_failed(error), file=sys.stderr)
        return Exit.FAILED


def _readable(argv: Sequence[str]) -> list[str]:
    """Bytes of the command line that are not UTF-8 reach Python as lone surrogates, which no
    file, database or answer can hold: each becomes the replacement character."""
    return [_readable_arg(arg) for arg in argv]


def _readable_arg(arg: str) -> str:
    try:
        raw = arg.encode("utf-8", "surrogateescape")  # the bytes the shell passed
    except UnicodeEncodeError:  # a surrogate no byte stands for (argv given by a program)
        raw = arg.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's own command lines (nothing, or ``--demo``) as the parser reads them,
    without building the parser of every command first (2% of a cold start's instructions).
    None for any other command line."""
    if len(argv) > 1 or any(arg != "--demo" for arg in argv):
        return None
    return argparse.Namespace(version=None, demo=bool(argv), self_test=False, command=None)


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    given = _readable(sys.argv[1:] if argv is None else argv)
    args = _window_args(given)
    if args is None:
        args = _parser().parse_args(given)
    # Every command logs through the redacting filter into the log file; the terminal gets
    # words from cli_text only.
    log_problem = setup_app_logging(app_paths().log_file, console_level=logging.CRITICAL)
    if args.self_test:
        from voucherdesk.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        # The window is painted before the services' modules (pydantic, the desk, the
        # client) load: see ui/app.py.
        from voucherdesk.ui.app import run_gui

        return run_gui(demo=args.demo)
    if args.command == "standin":
        return _standin(args)
    # Qt comes in only here: the words and the locale's formats of the command's output.
    from voucherdesk import cli_audit_text, cli_commands, cli_text
    from voucherdesk.audit.settings_rows import command_run
    from voucherdesk.bookingkit.errors import BookingkitError
    from voucherdesk.credentials import KeyringUnavailable
    from voucherdesk.desk.journal import JournalUnavailable
    from voucherdesk.not_configured import NotConfigured
    from voucherdesk.settings import load_settings

    loaded = load_settings(app_paths().settings_file)  # a damaged file is set aside here
    cli_text.start_language(
        _language(args.demo, loaded), gui=args.command == "report" and bool(args.pdf)
    )
    # A damaged settings file stops the real counter with its own words (NotConfigured).
    real_counter = not args.demo and args.command not in ("login", "logout", "audit")
    for problem in (None if real_counter else loaded.problem, log_problem):
        if problem is not None:
            print(cli_text.file_problem_line(problem), file=sys.stderr)
    refused = cli_commands.refused_argument(args)
    if refused is not None:  # before anything is opened or asked
        print(cli_text.refused_text(refused), file=sys.stderr)
        return Exit.USAGE
    try:
        if args.command == "login":
            return cli_commands.login(args)
        if args.command == "logout":
            return cli_commands.logout()
        if args.command == "audit":  # the counter's own file and keyring: no bookingkit
            return cli_commands.audit(args)
        context = _open(args.demo, writer=cli_commands.writes(args))
        try:
            for problem in context.file_problems():
                if problem not in (loaded.problem, log_problem):
                    print(cli_text.file_problem_line(problem), file=sys.stderr)
            audit_problem = context.audit_problem()
            if audit_problem is not None:
                print(cli_audit_text.audit_problem_line(audit_problem), file=sys.stderr)
            context.desk.record(command_run(args.command))
            return cli_commands.COMMANDS[args.command](context, args)
        finally:
            context.close()
    except NotConfigured as exc:
        print(cli_text.not_configured(exc), file=sys.stderr)
        return Exit.SETUP
    except (KeyringUnavailable, JournalUnavailable) as exc:
        print(cli_text.error_text(exc), file=sys.stderr)
        return Exit.SETUP
    except BookingkitError as exc:
        print(cli_text.error_text(exc), file=sys.stderr)
        return Exit.FAILED
    except KeyboardInterrupt:
        return Exit.FAILED
    except Exception as exc:  # the last net: words and the log, never a traceback on screen
        log.error("%s stopped", args.command, exc_info=exc)
        print(cli_text.error_text(exc), file=sys.stderr)
        return Exit.FAILED


if __name__ == "__main__":
    sys.exit(main())
