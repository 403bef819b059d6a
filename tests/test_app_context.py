"""Opening the app's services: real counter, demo, and what happens when parts are missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from helpers.keyrings import MemoryKeyring
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from voucherdesk.app_context import open_configured
from voucherdesk.bookingkit.auth import Credentials
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.credentials import CredentialStore
from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings, save_settings
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.ui.app import open_context
from voucherdesk.ui.counter.status_strip import CallFeed


@pytest.fixture
def configured(standin: StandinServer) -> Iterator[None]:
    """A counter set up against the stand-in, credentials in a dict-backed keyring."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    save_settings(
        Settings(environment="custom", custom_url=standin.base_url), app_paths().settings_file
    )
    environment = environment_named("custom", standin.base_url)
    CredentialStore(environment).save(Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("configured")
def test_configured_counter_opens_for_real() -> None:
    context = open_configured()
    try:
        assert not context.demo
        assert context.environment.name == "custom"
        assert context.desk.check("NO-SUCH-1").voucher is None
    finally:
        context.close()


@pytest.mark.usefixtures("configured")
def test_damaged_journal_means_no_real_redemptions(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, app_home: Path
) -> None:
    journal = app_paths().journal_file
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(b"\x00garbage" * 512)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append(f"{title}: {text}")
    )

    context, reason = open_context(False, CallFeed())
    try:
        assert context.demo  # only the stand-in: nothing real can be redeemed
        assert reason is not None
        assert "journal" in reason
        assert len(shown) == 1
        assert "cannot be read" in shown[0]
        assert journal.read_bytes() == b"\x00garbage" * 512
    finally:
        context.close()
