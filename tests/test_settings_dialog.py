"""Settings dialog and scanner check on a real Qt event loop (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keyrings import MemoryKeyring
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from voucherdesk.bookingkit.environments import PRODUCTION
from voucherdesk.bookingkit.tokens import Credentials
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.scanner_check import LayoutIssue, Suffix
from voucherdesk.settings import Settings
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.scanner import ScanCapture
from voucherdesk.ui.common.theme import apply_theme
from voucherdesk.ui.settings.dialog import SettingsDialog
from voucherdesk.ui.settings.scanner_check_dialog import ScannerCheckDialog


class KeyClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self, event: QKeyEvent) -> float:
        return self.now


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[SettingsDialog]:
    made = SettingsDialog(Settings(counter_id="till1"))
    qtbot.addWidget(made)
    made.show()
    yield made
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # pytest-qt has closed the dialog and asked for deleteLater: delete it before the style is
    # reset, so it is never deleted later under a style it was not polished with.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    install_translations(app, "system")
    apply_theme(app, "light")


def _pick(dialog: SettingsDialog, name: str, data: str) -> None:
    combo = dialog.findChild(QComboBox, name)
    combo.setCurrentIndex(combo.findData(data))


def test_values_come_back_in_settings(dialog: SettingsDialog) -> None:
    dialog.findChild(QLineEdit, "counter_id").setText("front-desk")
    dialog.findChild(QLineEdit, "currency").setText("chf")
    _pick(dialog, "top_up_method", "ThirdParty")
    dialog.findChild(QLineEdit, "prefix").setText("]C1")
    _pick(dialog, "terminator", "none")
    _pick(dialog, "case", "upper")
    dialog.findChild(QSpinBox, "key_gap").setValue(25)
    dialog.findChild(QCheckBox, "remove_dashes").setChecked(True)
    dialog.findChild(QSpinBox, "result_delay").setValue(9)
    dialog.findChild(QCheckBox, "sounds").setChecked(False)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    new = dialog.settings
    assert (new.counter_id, new.currency, new.top_up_method) == ("front-desk", "CHF", "ThirdParty")
    assert new.scan.prefix == "]C1"
    assert new.scan.terminator == "none"
    assert new.scan.case == "upper"
    assert new.scan.key_gap_ms == 25
    assert new.scan.remove_spaces_and_dashes
    assert (new.result_delay_s, new.sounds) == (9, False)


def test_bad_custom_address_keeps_the_dialog_open(dialog: SettingsDialog) -> None:
    _pick(dialog, "environment", "custom")
    dialog.findChild(QLineEdit, "custom_url").setText("not an address")
    dialog.accept()
    assert dialog.isVisible()
    assert "https://" in dialog.findChild(object, "problem").text()
    assert dialog.settings.environment == "production"


def test_language_and_theme_apply_live_and_cancel_puts_them_back(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _pick(dialog, "language", "de")
    assert QLocale().language() == QLocale.Language.German
    # Qt posts LanguageChange to every widget: the open dialog retranslates itself.
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Einstellungen", timeout=2_000)
    assert dialog.findChild(QCheckBox, "sounds").text() == "Bei jedem Ergebnis einen Ton spielen"
    _pick(dialog, "theme", "dark")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings", timeout=2_000)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_forget_credentials_asks_first(qtbot: QtBot) -> None:
    ring = MemoryKeyring()
    store = CredentialStore(PRODUCTION, ring)
    store.save(Credentials("client", "secret-value"))
    dialog = SettingsDialog(Settings(), backend=ring)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda question: False
    dialog.forget_credentials()
    assert store.load() is not None
    asked: list[str] = []
    dialog.confirm = lambda question: asked.append(question) is None
    with qtbot.waitSignal(dialog.credentials_forgotten) as forgotten:
        dialog.forget_credentials()
    assert forgotten.args == ["production"]
    assert "keyring" in asked[0]
    assert store.load() is None


def _scan(target: QLineEdit, clock: KeyClock, text: str, *, end: str | None, gap: float) -> None:
    for ch in text:
        clock.now += gap
        key = ord(ch.upper()) if ch.isascii() else int(Qt.Key.Key_unknown)
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(etype, key, Qt.KeyboardModifier.NoModifier, ch)
            )
    if end is not None:
        clock.now += gap
        key = int(Qt.Key.Key_Return if end == "\r" else Qt.Key.Key_Tab)
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, end)
        )


def test_scanner_check_finds_layout_damage(qtbot: QtBot) -> None:
    clock = KeyClock()
    capture = ScanCapture()
    check_dialog = ScannerCheckDialog(capture=capture, clock=clock)
    qtbot.addWidget(check_dialog)
    check_dialog.show()
    printed = check_dialog.findChild(QLineEdit, "printed")
    # A US-set scanner on a German desk: "AB-YZ42" arrives as "ABßZY42".
    _scan(printed, clock, "ABßZY42", end="\r", gap=4)
    assert printed.text() == "ABßZY42"  # prefilled with what came; nothing typed into it twice
    printed.setText("AB-YZ42")  # the clerk corrects it to the paper
    check = check_dialog.check
    assert check is not None
    assert check.suffix is Suffix.ENTER
    assert set(check.issues) == {LayoutIssue.QWERTZ_Y_Z, LayoutIssue.DASH_TO_SZ}
    assert check_dialog.findChild(object, "advice").text().startswith("The scanner types for a US")
    check_dialog.accept()
    assert capture._enabled  # the app's scan capture is back on


def test_scanner_check_result_is_taken_into_the_settings(qtbot: QtBot) -> None:
    clock = KeyClock()
    dialog = SettingsDialog(Settings(), capture=ScanCapture())
    qtbot.addWidget(dialog)
    dialog.show()

    def run(check_dialog: ScannerCheckDialog) -> bool:
        check_dialog._clock = clock
        check_dialog.show()
        _scan(check_dialog.findChild(QLineEdit, "printed"), clock, "XQ7K2M9P", end=None, gap=6)
        qtbot.waitUntil(lambda: check_dialog.check is not None, timeout=3_000)
        return True

    dialog.run_scanner_check = run
    dialog.check_scanner()
    assert dialog.findChild(QComboBox, "terminator").currentData() == "none"
    assert dialog.findChild(QSpinBox, "key_gap").value() == 6  # the scanner's measured pace
    dialog.accept()
    assert dialog.settings.scan.terminator == "none"
    assert dialog.settings.scan.key_gap_ms == 6
