"""Renders the setup wizard, settings, scanner check and history to artifacts/screens/<lang>/.

The pictures are for people to look at (clipping, German text lengths); the test checks each
renders and that the German pictures really carry German words.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import keyring.backends.fail
import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.fit import clipped
from helpers.keyrings import MemoryKeyring
from helpers.screens import SIZES, save, themed
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot
from test_setup_wizard import _hold_token

from voucherdesk.settings import Settings
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.common.widgets import fit_to
from voucherdesk.ui.history.panel import HistoryPanel
from voucherdesk.ui.settings.dialog import SettingsDialog
from voucherdesk.ui.settings.scanner_check_dialog import ScannerCheckDialog
from voucherdesk.ui.setup.wizard import SetupWizard


@pytest.fixture(params=["en", "de"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    with themed(qapp, str(request.param)) as chosen:
        yield chosen


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    """The counter window's size the wizard opens over (it takes a share of it)."""
    return str(request.param)


def _wizard(qtbot: QtBot, ring: object, tmp_path: Path, size: str = "1366x768") -> SetupWizard:
    wizard = SetupWizard(
        Settings(), runner=TaskRunner(), backend=ring, settings_path=tmp_path / "s.json"
    )
    qtbot.addWidget(wizard)
    fit_to(wizard, QSize(*SIZES[size]), share=0.6)  # as ui/app.py opens it
    wizard.show()
    return wizard


def _to_check_page(wizard: SetupWizard, url: str, secret: str) -> None:
    wizard.findChild(QRadioButton, "env_custom").setChecked(True)
    wizard.findChild(QLineEdit, "custom_url").setText(url)
    wizard.next()
    wizard.findChild(QLineEdit, "client_id").setText(DEMO_CLIENT_ID)
    wizard.findChild(QLineEdit, "client_secret").setText(secret)


def test_setup_wizard_screens(
    qtbot: QtBot, lang: str, size: str, standin: StandinServer, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, MemoryKeyring(), tmp_path, size)
    save(wizard, lang, "setup_1_environment", size)
    _to_check_page(wizard, standin.base_url, "wrong-secret")
    save(wizard, lang, "setup_2_credentials", size)
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000):
        wizard.next()
    save(wizard, lang, "setup_3_wrong_secret", size)
    if lang == "de":
        assert "abgelehnt" in wizard.check_page.status_text()
    wizard.back()
    wizard.findChild(QLineEdit, "client_secret").setText(DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.credentials_saved, timeout=10_000):
        wizard.next()
    save(wizard, lang, "setup_3_connected", size)
    assert clipped(wizard) == []
    if lang == "de":
        assert "als Demo Adventures GmbH" in wizard.check_page.status_text()


def test_setup_wizard_token_held_and_no_keyring(
    qtbot: QtBot, lang: str, size: str, standin: StandinServer, tmp_path: Path
) -> None:
    _hold_token(standin)
    wizard = _wizard(qtbot, MemoryKeyring(), tmp_path, size)
    _to_check_page(wizard, standin.base_url, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000):
        wizard.next()
    save(wizard, lang, "setup_3_token_held", size)
    no_keyring = _wizard(qtbot, keyring.backends.fail.Keyring(), tmp_path, size)
    save(no_keyring, lang, "setup_no_keyring", size)


def test_settings_screens(qtbot: QtBot, lang: str) -> None:
    dialog = SettingsDialog(Settings(counter_id="front-desk"))
    qtbot.addWidget(dialog)
    dialog.show()
    for tab in ("connection", "scanner", "display"):
        dialog.show_tab(tab)
        save(dialog, lang, f"settings_{tab}")
    if lang == "de":
        assert dialog.windowTitle() == "Einstellungen"


def test_scanner_check_screens(qtbot: QtBot, lang: str) -> None:
    now = [1000.0]
    dialog = ScannerCheckDialog(clock=lambda event: now[0])
    qtbot.addWidget(dialog)
    dialog.show()
    save(dialog, lang, "scanner_check_listening")
    printed = dialog.findChild(QLineEdit, "printed")
    for ch in "GVßZY42\r":
        now[0] += 5
        key = ord(ch.upper()) if ch.isascii() else int(Qt.Key.Key_unknown)
        if ch == "\r":
            key = int(Qt.Key.Key_Return)
        QApplication.sendEvent(
            printed, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        )
    printed.setText("GV-YZ42")
    save(dialog, lang, "scanner_check_layout_damage")


def test_history_screens(qtbot: QtBot, lang: str, standin: StandinServer, tmp_path: Path) -> None:
    desk = make_desk(standin.base_url, tmp_path / "desk", timeout=5.0)
    try:
        booking = Booking.add_to(standin)
        keys = []
        for code, value in (("GIFT-AB12", "100.00"), ("GIFT-CD34", "10.00")):
            ident = standin.state.add_voucher(code, Decimal(value))
            keys.append(desk.redeem(booking.quote(desk, ident, adults=1)).key)
        runner = TaskRunner()
        panel = HistoryPanel(desk, runner)
        qtbot.addWidget(panel)
        panel.resize(1100, 420)
        panel.show()
        with qtbot.waitSignal(panel.loaded, timeout=5_000):
            panel.refresh()
        save(panel, lang, "history_today")
        panel.select_key(keys[1])
        panel.confirm = lambda question: True
        with qtbot.waitSignal(panel.undone, timeout=10_000):
            panel.undo_selected()
        with qtbot.waitSignal(panel.loaded, timeout=5_000):
            pass
        save(panel, lang, "history_after_undo")
        runner.wait_for_done(5_000)
    finally:
        close_desk(desk)
