"""Review: the CLI installs the redacting log set-up, and the credentials it loads are masked."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from voucherdesk import logs
from voucherdesk.cli import main
from voucherdesk.paths import app_paths
from voucherdesk.standin import DEMO_CLIENT_SECRET


@pytest.fixture(autouse=True)
def _qt_first(qapp: object) -> None:
    """The in-process CLI makes a QCoreApplication when none exists; the window test needs a
    QApplication, so it must come first whatever order the tests run in."""


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


def test_cli_logs_to_the_app_log_file_through_the_redactor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_logging: None
) -> None:
    monkeypatch.setenv("VOUCHERDESK_HOME", str(tmp_path))
    main(["--demo", "lookup", "NO-SUCH-CODE"])  # signs in and pages the voucher index

    log_file = app_paths().log_file
    assert log_file.is_file()
    logging.getLogger("voucherdesk.review").warning("signed in with %s", DEMO_CLIENT_SECRET)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "signed in with ***" in text
    assert DEMO_CLIENT_SECRET not in text
    assert "HTTP Request" in text  # the demo run's own calls were logged there too


def test_setting_up_twice_does_not_double_the_handlers(
    tmp_path: Path, restore_logging: None
) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    logs.setup_logging(tmp_path / "a.log")
    logs.setup_logging(tmp_path / "a.log")
    assert len(root.handlers) == before + 2


def test_no_secret_or_token_leaks_through_expiry_401_failures_and_an_address_change(
    app_home: Path, monkeypatch: pytest.MonkeyPatch, restore_logging: None
) -> None:
    """#12: after a token expiry, a 401, failed calls and a changed custom address, neither the
    client secret nor any token issued appears in the log, an exception text, the settings or
    any other file the app wrote; and the old secret never reaches the new address."""
    import io

    import keyring
    from helpers.keyrings import MemoryKeyring

    from voucherdesk import cli
    from voucherdesk.app_context import open_configured
    from voucherdesk.bookingkit import errors
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import environment_named
    from voucherdesk.credentials import CredentialStore
    from voucherdesk.not_configured import NotConfigured
    from voucherdesk.settings import load_settings, save_settings
    from voucherdesk.standin import Fault, StandinServer

    secret = "s3cret-" + "9d2f7a41c0e5b8"
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    texts: list[str] = []

    def note(exc: BaseException) -> None:
        texts.extend([str(exc), repr(exc), "".join(traceback.format_exception(exc))])

    try:
        with StandinServer(seed="demo") as old, StandinServer(seed="empty") as new:
            old.state.add_client("till-7", secret)
            monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
            login = ["login", "--environment", "custom", "--url", old.base_url]
            assert cli.main([*login, "--client-id", "till-7", "--client-secret-stdin"]) == 0

            context = open_configured()
            try:
                desk = context.desk
                desk.check("NO-SUCH-CODE")  # signs in, pages the index
                old.state.expire_tokens()  # bookingkit ends the token early: 401, new token
                desk.events()
                old.faults.add(Fault("error", method="GET", path="/v3/vouchers/*", times=5))
                old.faults.add(Fault("error", path="/v3/dates/*", status=401, times=4))
                for failing in (
                    lambda: context.client.get_voucher("0" * 32),
                    lambda: context.client.get_date("d" * 32),
                ):
                    try:
                        failing()
                    except errors.BookingkitError as exc:
                        note(exc)
                stored = CredentialStore(context.environment).load()
            finally:
                context.close()
            assert stored is not None

            # The custom address changes: nothing is found for it, nothing is sent to it.
            settings_file = app_paths().settings_file
            changed = load_settings(settings_file).settings
            changed.custom_url = new.base_url
            save_settings(changed, settings_file)
            with pytest.raises(NotConfigured) as not_configured:
                open_configured()
            note(not_configured.value)
            moved = BookingkitClient(
                environment_named("custom", new.base_url),
                stored,  # bound to the old address
                token_store=CredentialStore(context.environment).token_store("till-7"),
            )
            with moved, pytest.raises(errors.CredentialsRefused) as refused:
                moved.check_connection()
            note(refused.value)
            assert new.state.token_requests == 0
            assert new.state.api_requests == 0
            tokens = old.state.issued_tokens()
    finally:
        keyring.set_keyring(previous)

    assert len(tokens) >= 2  # the first one and the one after the 401
    for handler in logging.getLogger().handlers:
        handler.flush()
    leaked = [secret, *tokens]
    for path in app_home.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for value in leaked:
                assert value.encode() not in content, f"{value[:6]}… found in {path.name}"
    for text in texts:
        for value in leaked:
            assert value not in text
    assert app_paths().log_file.read_text(encoding="utf-8")  # there was a log to search


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_whole_working_day_leaves_no_secret_or_token_anywhere(
    app_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    restore_logging: None,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """#12: a day at the counter on the CLI and in the window - login, lookups, redemptions with
    and without a top-up, a token bookingkit ends early, failed calls, the report as CSV and
    PDF, a redeem killed mid-request (SIGKILL) and settled afterwards, and a changed custom
    address. Then every file the app wrote, every line it printed or logged and every
    exception text is searched for the client secret and every token bookingkit issued."""
    import io
    import os
    import signal
    import threading
    import time

    import keyring
    from helpers.cli_child import run_child
    from helpers.cli_runs import bookable
    from helpers.keyrings import MemoryKeyring
    from test_ui_flows import book_with_enter, wait_state

    from voucherdesk import cli
    from voucherdesk.app_context import open_configured
    from voucherdesk.desk.flow import CardShown, ResultShown
    from voucherdesk.not_configured import NotConfigured
    from voucherdesk.settings import load_settings, save_settings
    from voucherdesk.standin import Fault, StandinServer
    from voucherdesk.standin.seed import DEMO_CODES
    from voucherdesk.ui.counter.status_strip import CallFeed
    from voucherdesk.ui.session import CounterSession

    secret = "s3cret-" + "7c41e0b9a2d5f8"
    client_id = "till-9"
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    printed: list[str] = []
    texts: list[str] = []

    def note(exc: BaseException) -> None:
        texts.extend([str(exc), repr(exc), "".join(traceback.format_exception(exc))])

    def cli_run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        printed.extend([out, err])
        assert "Traceback" not in out + err
        return code

    csv_file, pdf_file = tmp_path / "day.csv", tmp_path / "day.pdf"
    try:
        with StandinServer(seed="demo") as server, StandinServer(seed="empty") as elsewhere:
            server.state.add_client(client_id, secret)
            title, start, price = bookable(server)
            booking = ["--event", title, "--date", start, "--participants", f"{price}=1", "--yes"]
            login = ["login", "--environment", "custom", "--url", server.base_url]
            assert cli_run(*login, "--client-id", client_id, "--client-secret-stdin",
                           stdin=secret + "\n") == 0  # fmt: skip
            assert cli_run("lookup", DEMO_CODES["partly_used"]) == 0
            assert cli_run("lookup", "NO-SUCH-CODE") == 1
            assert cli_run("redeem", DEMO_CODES["large"], *booking) == 0  # no top-up
            assert cli_run("redeem", DEMO_CODES["small"], *booking) == 0  # with a top-up
            assert "Top-up due" in printed[-2]

            server.state.expire_tokens()  # bookingkit ends the token early: 401, a new one
            assert cli_run("lookup", DEMO_CODES["fresh"]) == 0
            server.faults.add(Fault("error", method="GET", path="/v3/vouchers/*", times=5))
            assert cli_run("lookup", DEMO_CODES["fresh"]) == 1  # a failed call, in words
            server.faults.clear()

            # A redeem in its own process, killed while bookingkit has taken the order.
            server.state.expire_tokens()
            server.faults.add(Fault("delay_after_commit", method="POST", path="/v3/orders",
                                    seconds=20))  # fmt: skip
            orders_before = len(server.state.orders())
            crashed: list[object] = []
            pids: list[int] = []
            child = threading.Thread(
                target=lambda: crashed.append(
                    run_child(["redeem", DEMO_CODES["partly_used"], *booking], app_home,
                              url=server.base_url, client_id=client_id, secret=secret,
                              on_start=pids.append)
                ),
            )  # fmt: skip
            child.start()
            deadline = time.monotonic() + 30
            while len(server.state.orders()) == orders_before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(server.state.orders()) == orders_before + 1, crashed
            os.kill(pids[0], signal.SIGKILL)  # the redeem we started, by its own id
            child.join(timeout=30)
            (run,) = crashed
            printed.extend([run.stdout, run.stderr])  # type: ignore[attr-defined]
            assert run.returncode == -signal.SIGKILL  # type: ignore[attr-defined]
            server.faults.clear()
            server.state.expire_tokens()
            assert cli_run("journal", "--reconcile") == 0
            assert "Settled" in printed[-2]

            # The window: a scan and a booking on the real counter, then closed.
            feed = CallFeed()
            context = open_configured(observer=feed.observe)
            session = CounterSession(context, feed)
            qtbot.addWidget(session.window)
            session.window.show()
            session.start()
            qtbot.waitUntil(lambda: session.controller.accepting, timeout=10_000)
            # The CLI's redeem and its reconcile left two top-ups open (no terminal to ask):
            # the window asks for each, one after the other.
            for _ in range(2):
                wait_state(qtbot, session, lambda s: isinstance(s, ResultShown) and s.collecting)
                session.controller.take_top_up()
                session.controller.back()
            assert session.controller.top_ups_to_collect() == []
            session.on_scan(DEMO_CODES["fresh"])
            wait_state(
                qtbot,
                session,
                lambda s: isinstance(s, CardShown) or s.__class__.__name__ == "Booking",
            )
            server.state.expire_tokens()  # mid-shift in the window too
            book_with_enter(qtbot, session)
            printed.append(session.window.status.message.text())
            session.shutdown()

            assert cli_run("report", "--csv", str(csv_file), "--pdf", str(pdf_file)) == 0
            assert csv_file.is_file()
            assert pdf_file.is_file()

            # The custom address changes: nothing stored is found for it, nothing sent to it.
            settings_file = app_paths().settings_file
            changed = load_settings(settings_file).settings
            changed.custom_url = elsewhere.base_url
            save_settings(changed, settings_file)
            with pytest.raises(NotConfigured) as not_configured:
                open_configured()
            note(not_configured.value)
            assert cli_run("lookup", DEMO_CODES["fresh"]) == 3
            assert elsewhere.state.token_requests == 0
            assert elsewhere.state.api_requests == 0
            tokens = server.state.issued_tokens()
    finally:
        keyring.set_keyring(previous)

    assert len(tokens) >= 5  # login, after the expiry, the child, after the crash, the window
    for handler in logging.getLogger().handlers:
        handler.flush()
    leaked = [secret, *tokens]
    written = [p for p in app_home.rglob("*") if p.is_file()] + [csv_file, pdf_file]
    assert len(written) >= 8  # settings, journal (+ side files), index, count, log, lock...
    for path in written:
        content = path.read_bytes()
        for value in leaked:
            assert value.encode() not in content, f"{value[:6]}… found in {path.name}"
    for text in texts + printed:
        for value in leaked:
            assert value not in text
    log_text = app_paths().log_file.read_text(encoding="utf-8")
    assert "HTTP Request" in log_text  # there was a log to search, with the day in it
