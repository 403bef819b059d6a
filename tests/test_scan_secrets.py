"""Scan capture stays out of secret fields: password and PIN fields keep their keys.

A password manager types as fast as a scanner and may end with Enter. In the setup wizard that
once made the client secret a "scan", shown in clear on the card behind the wizard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.keyrings import MemoryKeyring
from helpers.keys import FakeKeyClock, enter, press, type_text
from helpers.scan_desk import WAIT_MS, ScanDesk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import Checking, Idle
from voucherdesk.desk.pin import hash_pin
from voucherdesk.settings import Settings
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from voucherdesk.ui.settings.dialog import SettingsDialog
from voucherdesk.ui.setup.wizard import PAGE_CHECK, SetupWizard

PIN = "2468"


@pytest.fixture
def clock() -> FakeKeyClock:
    return FakeKeyClock()


@pytest.fixture
def desk(qtbot: QtBot, clock: FakeKeyClock) -> Iterator[ScanDesk]:
    counter = ScanDesk(qtbot, clock)
    yield counter
    counter.close()


def test_password_manager_fills_the_setup_wizard_and_nothing_is_scanned(
    qtbot: QtBot, desk: ScanDesk, tmp_path: Path
) -> None:
    standin = desk.session.context.standin
    assert standin is not None
    wizard = SetupWizard(
        Settings(),
        runner=desk.session.runner,
        backend=MemoryKeyring(),
        settings_path=tmp_path / "settings.json",
        parent=desk.window,
    )
    wizard.setProperty("keepOnScan", True)  # as the app opens it
    wizard.open()
    wizard.findChild(QRadioButton, "env_custom").setChecked(True)
    wizard.findChild(QLineEdit, "custom_url").setText(standin.base_url)
    wizard.next()
    client_id = wizard.findChild(QLineEdit, "client_id")
    secret = wizard.findChild(QLineEdit, "client_secret")
    client_id.clear()
    # Auto-type: id, Tab, secret, Enter - every key a few ms apart.
    client_id.setFocus()
    type_text(client_id, desk.clock, DEMO_CLIENT_ID, 3)
    press(client_id, int(Qt.Key.Key_Tab), "\t")
    secret.setFocus()
    type_text(secret, desk.clock, DEMO_CLIENT_SECRET, 3)
    assert secret.text() == DEMO_CLIENT_SECRET
    with qtbot.waitSignal(wizard.credentials_saved, timeout=WAIT_MS):
        enter(secret)  # the wizard's own Enter: on to the test call, which succeeds
    assert wizard.currentId() == PAGE_CHECK
    assert client_id.text() == DEMO_CLIENT_ID  # the id's keys were typing, in order
    assert desk.scans == []
    assert not any(isinstance(s, Checking) for s in desk.states)
    assert isinstance(desk.controller.state, Idle)
    assert DEMO_CLIENT_SECRET not in desk.window.card.code.text()
    wizard.reject()


@pytest.mark.parametrize("name", ["current_pin", "new_pin", "repeat_pin"])
def test_pin_fields_in_the_settings_keep_a_fast_typed_pin(
    qtbot: QtBot, desk: ScanDesk, name: str
) -> None:
    dialog = SettingsDialog(Settings(pin_hash=hash_pin(PIN)), desk.window)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.findChild(QLineEdit, name)
    assert field.echoMode() == QLineEdit.EchoMode.Password
    field.setFocus()
    type_text(field, desk.clock, "97531864", 3)
    assert field.text() == "97531864"
    assert desk.capture.pending == ""
    qtbot.wait(120)  # past any silence: still no scan
    assert desk.scans == []
    dialog.reject()


def test_lock_screen_pin_typed_at_scanner_speed_unlocks(qtbot: QtBot, clock: FakeKeyClock) -> None:
    desk = ScanDesk(qtbot, clock)
    try:
        window = desk.window
        window.lock.configure(hash_pin(PIN), 0)
        window.lock.lock_now()
        field = window.lock_screen.pin_field
        assert field.hasFocus() or field.isVisible()
        type_text(field, clock, PIN, 4)
        enter(field)
        qtbot.waitUntil(lambda: not window.lock.locked, timeout=5_000)  # checked on a worker
        assert desk.scans == []
    finally:
        desk.close()
