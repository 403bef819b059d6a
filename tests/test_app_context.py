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
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials
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


@pytest.mark.parametrize("damage", ["one_bad_field", "garbage", "lost"])
def test_damaged_or_lost_settings_open_the_demo_with_the_setup_in_front(
    qtbot: QtBot, qapp: object, standin: StandinServer, damage: str
) -> None:
    """#12.6: production credentials are in the keyring, the counter was set to a custom
    address, and its settings file is damaged (or gone while the journal is there). The window
    must not open on production defaults: demo mode, the reason on the banner, the setup in
    front - with what could be read of the old settings filled in."""
    from PySide6.QtWidgets import QApplication

    from voucherdesk.desk.journal import Journal
    from voucherdesk.ui.app import CounterApp
    from voucherdesk.ui.setup.wizard import SetupWizard

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    paths = app_paths()
    production = environment_named("production")
    CredentialStore(production).save(Credentials("prod-client", "prod-secret-123"))
    save_settings(Settings(environment="custom", custom_url=standin.base_url), paths.settings_file)
    Journal(paths.journal_file).close()  # this counter has worked before
    if damage == "one_bad_field":
        text = paths.settings_file.read_text(encoding="utf-8")
        paths.settings_file.write_text(text.replace('"theme": "system"', '"theme": 7'), "utf-8")
    elif damage == "garbage":
        paths.settings_file.write_bytes(b"\x00\xff{{{" * 100)
    else:
        paths.settings_file.unlink()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=False)
    try:
        session = counter.open()
        qtbot.addWidget(session.window)
        assert session.context.demo  # never production by surprise
        banner = session.window.demo_banner.label.text()
        words = "settings file is missing" if damage == "lost" else "could not be read"
        assert words in banner
        assert "Run the setup" in banner
        qtbot.waitUntil(
            lambda: any(w.isVisible() for w in session.window.findChildren(SetupWizard)),
            timeout=5_000,
        )
        (wizard,) = [w for w in session.window.findChildren(SetupWizard) if w.isVisible()]
        if damage == "one_bad_field":  # what could be read is offered, to be confirmed
            assert wizard.environment_page.chosen() == "custom"
            assert wizard.environment_page.custom_url() == standin.base_url
        wizard.reject()
        if damage != "lost":
            assert list(paths.config_dir.glob("settings.json.damaged-*"))
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()
        keyring.set_keyring(previous)


@pytest.mark.usefixtures("configured")
def test_the_window_tells_of_a_damaged_index_and_request_count(qtbot: QtBot, qapp: object) -> None:
    """#12.6: the clerk is told in words (the status strip, once the start-up check is done);
    both files are set aside, and the counter works on."""
    from voucherdesk.ui.session import CounterSession

    paths = app_paths()
    paths.ensure()
    paths.index_file.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    paths.usage_file.write_bytes(b"\x00garbage")
    feed = CallFeed()
    context = open_configured(observer=feed.observe)
    session = CounterSession(context, feed)
    qtbot.addWidget(session.window)
    try:
        session.window.show()
        session.start()
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=10_000)
        text = session.window.status.message.text()
        assert "voucher index could not be used; it was kept as" in text
        assert "requests could not be read; it was kept as" in text
        assert list(paths.data_dir.glob("voucher-index.sqlite3.corrupt-*"))
        assert list(paths.data_dir.glob("requests-per-month.json.damaged-*"))
    finally:
        session.shutdown()
