"""ScanCapture on a real Qt event loop: key events with controlled timing, real widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from voucherdesk.ui.common.scanner import ScanCapture, ScannerSettings, Terminator


class FakeKeyClock:
    """Key time in ms, moved by the test before each key is sent."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self, event: QKeyEvent) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeKeyClock:
    return FakeKeyClock()


@pytest.fixture
def make_capture(qapp: QApplication, clock: FakeKeyClock) -> Iterator[object]:
    made: list[ScanCapture] = []

    def make(settings: ScannerSettings | None = None) -> ScanCapture:
        capture = ScanCapture(settings, clock=clock)
        qapp.installEventFilter(capture)
        made.append(capture)
        return capture

    yield make
    for capture in made:
        qapp.removeEventFilter(capture)
        capture.deleteLater()


def _key_for(ch: str) -> int:
    return ord(ch.upper()) if ch.isascii() else int(Qt.Key.Key_unknown)


def press(target: QObject, key: int, text: str = "") -> None:
    """Send a press and a release through QApplication, so application filters see them.

    Capitals come with a Shift press/release around them, as from a real keyboard or scanner.
    """
    shifted = text.isupper()
    mods = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
    shift = int(Qt.Key.Key_Shift)
    if shifted:
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, shift, mods))
    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(etype, key, mods, text))
    if shifted:
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyRelease, shift, Qt.KeyboardModifier.NoModifier)
        )


def type_text(target: QObject, clock: FakeKeyClock, text: str, gap_ms: float) -> None:
    for ch in text:
        press(target, _key_for(ch), ch)
        clock.now += gap_ms


def enter(target: QObject) -> None:
    press(target, int(Qt.Key.Key_Return), "\r")


@pytest.fixture
def line_edit(qtbot: QtBot) -> QLineEdit:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


def assert_stays(qtbot: QtBot, check: object, ms: int = 120) -> None:
    """Absence can only be shown by waiting past the capture's own silence timer."""
    qtbot.wait(ms)
    assert check()  # type: ignore[operator]


def test_fast_burst_in_line_edit_is_a_scan_and_leaves_nothing(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    line_edit.setText("Anna")  # what the clerk had typed before must survive untouched
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "VD7K2M9Q", gap_ms=6)
        enter(line_edit)
    assert blocker.args == ["VD7K2M9Q"]
    assert_stays(qtbot, lambda: line_edit.text() == "Anna")
    assert capture.pending == ""


def test_scan_is_taken_whatever_widget_has_focus(
    qtbot: QtBot, make_capture, clock: FakeKeyClock
) -> None:
    capture = make_capture()
    button = QPushButton("Book")
    qtbot.addWidget(button)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(button, clock, "ABCD 1234", gap_ms=8)
        enter(button)
    assert blocker.args == ["ABCD 1234"]  # the space did not press the button either
    assert clicks == []


def test_slow_typing_stays_typing(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(line_edit, clock, "Meier", gap_ms=140)
    qtbot.waitUntil(lambda: line_edit.text() == "Meier")
    enter(line_edit)
    assert returns == [True]
    assert scans == []


def test_typed_space_still_clicks_a_button(qtbot: QtBot, make_capture, clock: FakeKeyClock) -> None:
    make_capture()
    button = QPushButton("Book")
    qtbot.addWidget(button)
    button.show()
    with qtbot.waitSignal(button.clicked):  # press and release both reach it, late but in order
        press(button, int(Qt.Key.Key_Space), " ")


def test_short_fast_burst_is_typing(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture(ScannerSettings(min_length=4))
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(line_edit, clock, "abc", gap_ms=5)
    enter(line_edit)  # Enter flushes the held keys first, so order is kept
    assert line_edit.text() == "abc"
    assert scans == []


def test_no_terminator_ends_on_silence(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture(ScannerSettings(terminator=Terminator.NONE, timeout_ms=60))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "X99-ABC-77", gap_ms=5)
    assert blocker.args == ["X99-ABC-77"]
    assert_stays(qtbot, lambda: line_edit.text() == "")


def test_tab_terminator_is_swallowed_and_enter_is_not_a_terminator(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture(ScannerSettings(terminator=Terminator.TAB))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "TABCODE1", gap_ms=5)
        press(line_edit, int(Qt.Key.Key_Tab), "\t")
    assert blocker.args == ["TABCODE1"]
    assert line_edit.text() == ""
    clock.now += 1000
    type_text(line_edit, clock, "ZZZZ9", gap_ms=5)
    enter(line_edit)  # with a Tab scanner an Enter ends nothing: the keys were typing
    assert line_edit.text() == "ZZZZ9"


def test_line_feed_counts_as_enter(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "LF123456", gap_ms=5)
        press(line_edit, 0x0A, "\n")
    assert blocker.args == ["LF123456"]
    assert line_edit.text() == ""


def test_prefix_is_kept_for_the_normaliser(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "]C1gift-0042", gap_ms=7)
        enter(line_edit)
    assert blocker.args == ["]C1gift-0042"]


def test_scan_routed_while_dialog_and_menu_are_open(
    qtbot: QtBot, make_capture, clock: FakeKeyClock
) -> None:
    capture = make_capture()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.open()
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(field, clock, "DLG12345", gap_ms=5)
        enter(field)
    assert blocker.args == ["DLG12345"]
    assert field.text() == ""
    assert accepted == []  # the Enter did not accept the dialog
    dialog.reject()

    menu = QMenu()
    triggered: list[str] = []
    for title in ("&Settings", "&History"):
        menu.addAction(title).triggered.connect(lambda _=False, t=title: triggered.append(t))
    menu.popup(menu.pos())
    clock.now += 1000
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(menu, clock, "SH12HS34", gap_ms=5)
        enter(menu)
    assert blocker.args == ["SH12HS34"]
    assert triggered == []  # mnemonic letters in the scan did not navigate the menu
    menu.close()


def test_typing_resumes_after_a_scan(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    with qtbot.waitSignal(capture.scanned):
        type_text(line_edit, clock, "FIRST123", gap_ms=5)
        enter(line_edit)
    clock.now += 2000
    type_text(line_edit, clock, "ok", gap_ms=300)
    qtbot.waitUntil(lambda: line_edit.text() == "ok")


def test_disabled_capture_lets_everything_through(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    capture.set_enabled(False)
    type_text(line_edit, clock, "RAW12345", gap_ms=5)
    enter(line_edit)
    assert line_edit.text() == "RAW12345"


def test_scan_does_not_fire_enter_or_letter_shortcuts(
    qtbot: QtBot, make_capture, clock: FakeKeyClock
) -> None:
    """QTest goes through Qt's shortcut override step, like real keyboard input does."""
    capture = make_capture()
    window = QWidget()  # not a QDialog: its default-button logic would take the Enter itself
    qtbot.addWidget(window)
    button = QPushButton("Confirm", window)
    QVBoxLayout(window).addWidget(button)
    fired: list[str] = []
    shortcuts = [QShortcut(QKeySequence(seq), window) for seq in ("Return", "K")]
    for shortcut in shortcuts:
        shortcut.activated.connect(lambda s=shortcut: fired.append(s.key().toString()))
    with qtbot.waitActive(window):  # window shortcuts only fire in the active window
        window.show()
        window.activateWindow()
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Return)  # a person's Enter confirms
    assert fired == ["Return"]
    clock.now += 1000
    with qtbot.waitSignal(capture.scanned) as blocker:
        for ch in "KB4K12":
            QTest.keyClick(button, ch)
            clock.now += 5
        QTest.keyClick(button, Qt.Key.Key_Return)
    assert blocker.args == ["KB4K12"]
    assert fired == ["Return"]  # neither the scan's K nor its Enter fired a shortcut
