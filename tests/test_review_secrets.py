"""Review: the CLI installs the redacting log set-up, and the credentials it loads are masked."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from voucherdesk import logs
from voucherdesk.cli import main
from voucherdesk.paths import app_paths
from voucherdesk.standin import DEMO_CLIENT_SECRET


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
    from voucherdesk.app_context import NotConfigured, open_configured
    from voucherdesk.bookingkit import errors
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import environment_named
    from voucherdesk.credentials import CredentialStore
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
