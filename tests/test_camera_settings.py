"""The settings for links in codes and for the camera, in the real settings dialog."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from test_settings_dialog import KeyClock, _scan

from voucherdesk.desk.codes import normalise
from voucherdesk.settings import Settings
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.settings.dialog import SettingsDialog
from voucherdesk.ui.settings.scanner_check_dialog import ScannerCheckDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> SettingsDialog:
    made = SettingsDialog(Settings(counter_id="till1"))
    qtbot.addWidget(made)
    made.show()
    return made


def _mode(dialog: SettingsDialog, mode: str) -> None:
    combo = dialog.findChild(QComboBox, "payload_mode")
    combo.setCurrentIndex(combo.findData(mode))


def test_defaults_read_bare_codes_and_code_parameters(dialog: SettingsDialog) -> None:
    sample = dialog.findChild(QLineEdit, "payload_sample")
    result = dialog.findChild(QLabel, "payload_result")
    sample.setText(f"https://shop.example/v/x?code={DEMO_CODES['fresh']}")
    assert result.text().startswith(DEMO_CODES["fresh"])
    assert "code" in result.text()
    sample.setText("https://shop.example/")
    assert result.text().startswith("No code in this link")


def test_a_risky_pattern_says_why_and_is_not_saved(dialog: SettingsDialog) -> None:
    _mode(dialog, "pattern")
    pattern = dialog.findChild(QLineEdit, "payload_pattern")
    pattern.setText(r"Code: ((\w+)+)")
    result = dialog.findChild(QLabel, "payload_result")
    assert "exactly one group" in result.text()
    pattern.setText(r"Code: (\w+)+")
    assert "repeat inside a repeat" in result.text()
    dialog.accept()
    assert dialog.isVisible()  # refused: the dialog stays open and says why
    assert "repeat inside a repeat" in dialog.findChild(QLabel, "problem").text()
    pattern.setText(r"Code: ([A-Z0-9-]+)")
    dialog.findChild(QLineEdit, "payload_sample").setText(f"Gutschein Code: {DEMO_CODES['large']}")
    assert result.text().startswith(DEMO_CODES["large"])
    dialog.accept()
    assert dialog.settings.scan.payload == "pattern"
    rules = dialog.settings.scan.rules()
    assert normalise(f"Ihr Code: {DEMO_CODES['large']}!", rules) == DEMO_CODES["large"]


def test_query_mode_with_another_parameter_name(dialog: SettingsDialog) -> None:
    _mode(dialog, "query")
    dialog.findChild(QLineEdit, "payload_parameter").setText("voucher")
    dialog.accept()
    rules = dialog.settings.scan.rules()
    link = f"https://x.example/{DEMO_CODES['small']}?voucher={DEMO_CODES['fresh']}"
    assert normalise(link, rules) == DEMO_CODES["fresh"]


def test_the_sample_follows_the_scanner_tab(dialog: SettingsDialog) -> None:
    dialog.findChild(QLineEdit, "payload_sample").setText("https://x.example/v/gift-2024-7qx9")
    combo = dialog.findChild(QComboBox, "case")
    combo.setCurrentIndex(combo.findData("upper"))
    assert dialog.findChild(QLabel, "payload_result").text().startswith("GIFT-2024-7QX9")


def test_camera_is_off_by_default_and_its_choice_is_saved(dialog: SettingsDialog) -> None:
    enabled = dialog.findChild(QCheckBox, "camera_enabled")
    assert not enabled.isChecked()
    enabled.setChecked(True)
    dialog.accept()
    assert dialog.settings.camera.enabled
    assert dialog.settings.camera.device == ""  # the computer's default camera


def test_the_scanner_check_shows_the_code_a_2d_scanner_sent_in_a_link(qtbot: QtBot) -> None:
    settings = SettingsDialog(Settings())
    qtbot.addWidget(settings)
    clock = KeyClock()
    check = ScannerCheckDialog(clock=clock, rules=settings.scan_rules)
    qtbot.addWidget(check)
    check.show()
    link = f"https://shop.example/gutschein/{DEMO_CODES['dashes']}"
    _scan(check.findChild(QLineEdit, "printed"), clock, link, end="\r", gap=5)
    taken = check.findChild(QLabel, "code_taken").text()
    assert taken == f"{DEMO_CODES['dashes']} (from the last part of the link)"
    check.findChild(QLineEdit, "printed").setText(DEMO_CODES["dashes"])
    assert check.check is not None
    assert check.check.prefix == ""
    assert check.check.issues == ()
