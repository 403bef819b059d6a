"""The one entry point: the counter window by default, plus admin and scripting commands.

voucherdesk                 the counter window (demo mode when nothing is configured)
voucherdesk --demo          the counter window against the in-process stand-in
voucherdesk --self-test     headless check of an installed bundle, exit 0 when all is well
voucherdesk login | logout | lookup CODE | redeem CODE ... | undo KEY | journal | report
voucherdesk standin
voucherdesk check-guesses    read-only test of our bookingkit guesses (before go-live)
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from voucherdesk import __version__
from voucherdesk.app_context import AppContext, NotConfigured, open_configured, open_demo
from voucherdesk.bookingkit.errors import BookingkitError
from voucherdesk.credentials import KeyringUnavailable
from voucherdesk.desk.journal import JournalUnavailable
from voucherdesk.exit_codes import Exit
from voucherdesk.logs import setup_app_logging
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings

if TYPE_CHECKING:
    from voucherdesk.ui.common.i18n import LanguageChoice


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voucherdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"VoucherDesk {__version__}")
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
    report.add_argument(
        "--day", type=date.fromisoformat, help="YYYY-MM-DD (local day; default today)"
    )
    report.add_argument("--csv", metavar="FILE", help="also write the entries as CSV")
    report.add_argument("--pdf", metavar="FILE", help="also write the report as an A4 PDF")

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
    return parser


def _open(demo: bool, *, writer: bool) -> AppContext:
    return open_demo() if demo else open_configured(writer=writer)


def _language(demo: bool) -> LanguageChoice:
    """The counter's language setting (the CLI speaks it too); English if unreadable."""
    if demo:
        return "system"
    return load_settings(app_paths().settings_file).settings.language


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Every command logs through the redacting filter; stderr only shows warnings and worse.
    setup_app_logging(app_paths().log_file, console_level=logging.WARNING)
    if args.self_test:
        from voucherdesk.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from voucherdesk.ui.app import run_gui

        return run_gui(demo=args.demo)
    if args.command == "standin":
        from voucherdesk.standin.command import StandinOptions, pair_clients, run

        try:
            clients = pair_clients(args.client_id, args.client_secret)
        except ValueError as exc:
            print(f"voucherdesk standin: {exc}", file=sys.stderr)
            return Exit.USAGE
        if args.page_cap < 1:
            print("voucherdesk standin: --page-cap must be at least 1", file=sys.stderr)
            return Exit.USAGE
        options = StandinOptions(
            host=args.host,
            port=args.port,
            seed=args.seed,
            clients=tuple(clients),
            page_cap=args.page_cap,
            clock_offset_s=args.clock_offset,
        )
        return run(options)
    # Qt comes in only here: the words and the locale's formats of the command's output.
    from voucherdesk import cli_commands, cli_text

    cli_text.start_language(_language(args.demo), gui=args.command == "report" and bool(args.pdf))
    try:
        if args.command == "login":
            return cli_commands.login(args)
        if args.command == "logout":
            return cli_commands.logout()
        context = _open(args.demo, writer=cli_commands.writes(args))
        try:
            return cli_commands.COMMANDS[args.command](context, args)
        finally:
            context.close()
    except NotConfigured as exc:
        print(str(exc), file=sys.stderr)
        return Exit.SETUP
    except (KeyringUnavailable, JournalUnavailable) as exc:
        print(cli_text.error_text(exc), file=sys.stderr)
        return Exit.SETUP
    except BookingkitError as exc:
        print(cli_text.error_text(exc), file=sys.stderr)
        return Exit.FAILED
    except KeyboardInterrupt:
        return Exit.FAILED


if __name__ == "__main__":
    sys.exit(main())
