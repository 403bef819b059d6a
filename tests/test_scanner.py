"""ScanCapture on a real Qt event loop: key events with controlled timing, real widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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


def test_keys_held_when_the_screen_is_replaced_are_dropped_not_replayed(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    button = QPushButton("Book")
    qtbot.addWidget(button)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    press(button, int(Qt.Key.Key_Space), " ")
    type_text(line_edit, clock, "7", gap_ms=200)
    assert capture.pending == " 7"  # held: a burst might follow
    capture.screen_replaced()  # another customer's screen, on the same widgets
    assert_stays(qtbot, lambda: clicks == [] and line_edit.text() == "")
    assert capture.pending == ""
    type_text(line_edit, clock, "8", gap_ms=200)  # what is typed on the new screen arrives
    qtbot.waitUntil(lambda: line_edit.text() == "8")
    press(button, int(Qt.Key.Key_Space), " ")
    qtbot.waitUntil(lambda: clicks == [True])


def test_a_burst_read_while_the_screen_is_replaced_is_still_one_scan(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "VD7K", gap_ms=6)
        capture.screen_replaced()  # a camera read lands in the middle of the burst
        type_text(line_edit, clock, "2M9Q", gap_ms=6)
        enter(line_edit)
    assert blocker.args == ["VD7K2M9Q"]
    assert_stays(qtbot, lambda: line_edit.text() == "")


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


def test_tab_terminator_is_swallowed_and_enter_still_ends_a_scan(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture(ScannerSettings(terminator=Terminator.TAB))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "TABCODE1", gap_ms=5)
        press(line_edit, int(Qt.Key.Key_Tab), "\t")
    assert blocker.args == ["TABCODE1"]
    assert line_edit.text() == ""
    clock.now += 1000
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "ZZZZ9", gap_ms=5)
        enter(line_edit)  # whatever is set, an Enter after a burst is a scan's, not a confirm
    assert blocker.args == ["ZZZZ9"]
    assert line_edit.text() == ""


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


# -- issue 11: scanners of every pace, in doubt a scan ---------------------------------------


@pytest.mark.parametrize("gap_ms", [4, 20, 45, 58])
def test_any_scanner_pace_up_to_the_ceiling_is_a_scan(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit, gap_ms: int
) -> None:
    capture = make_capture()
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "BT45SLOW", gap_ms=gap_ms)
        enter(line_edit)
    assert blocker.args == ["BT45SLOW"]
    assert returns == []  # the scan's Enter reached no widget
    assert_stays(qtbot, lambda: line_edit.text() == "")


@pytest.mark.parametrize("gap_ms", [65, 100, 150])
def test_keys_slower_than_the_ceiling_are_typing_with_their_enter(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit, gap_ms: int
) -> None:
    capture = make_capture()
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    type_text(line_edit, clock, "Meier-Lang", gap_ms=gap_ms)
    enter(line_edit)
    assert line_edit.text() == "Meier-Lang"
    assert returns == [True]
    assert_stays(qtbot, lambda: scans == [])


@pytest.mark.parametrize("terminator", list(Terminator))
def test_a_burst_without_terminator_is_a_scan_in_every_setting(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit, terminator: Terminator
) -> None:
    capture = make_capture(ScannerSettings(terminator=terminator))
    with qtbot.waitSignal(capture.scanned) as blocker:
        type_text(line_edit, clock, "NOENTER9", gap_ms=45)
    assert blocker.args == ["NOENTER9"]
    assert_stays(qtbot, lambda: line_edit.text() == "")


def test_no_terminator_setting_scanner_that_sends_enter(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    """The Enter ends the scan at once and is swallowed; it does not wait for the silence."""
    capture = make_capture(ScannerSettings(terminator=Terminator.NONE, timeout_ms=2000))
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(line_edit, clock, "WITHENTER", gap_ms=45)
    enter(line_edit)
    assert scans == ["WITHENTER"]  # synchronously, on the Enter
    assert returns == []
    assert line_edit.text() == ""


def test_fast_burst_ends_by_typing_keys_later_than_the_ceiling(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    """One key slower than the ceiling splits a run: what came before was typing."""
    capture = make_capture()
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(line_edit, clock, "ab", gap_ms=20)
    clock.now += 100
    type_text(line_edit, clock, "c", gap_ms=100)
    enter(line_edit)
    assert line_edit.text() == "abc"
    assert scans == []


@pytest.mark.parametrize(
    "mode",
    [QLineEdit.EchoMode.Password, QLineEdit.EchoMode.NoEcho, QLineEdit.EchoMode.PasswordEchoOnEdit],
)
def test_secret_fields_keep_their_keys_even_at_scanner_speed(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit, mode: QLineEdit.EchoMode
) -> None:
    """A password manager types fast and ends with Enter: still the field's, never a scan."""
    capture = make_capture()
    line_edit.setEchoMode(mode)
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    type_text(line_edit, clock, "s3cr3t-Pass", gap_ms=3)
    assert line_edit.text() == "s3cr3t-Pass"  # at once: nothing was held back
    assert capture.pending == ""
    enter(line_edit)
    assert returns == [True]
    assert_stays(qtbot, lambda: scans == [])


def test_keys_held_for_another_field_are_typed_before_a_secret_field_takes_over(
    qtbot: QtBot, make_capture, clock: FakeKeyClock
) -> None:
    capture = make_capture()
    window = QWidget()
    qtbot.addWidget(window)
    user, secret = QLineEdit(window), QLineEdit(window)
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    QVBoxLayout(window).addWidget(user)
    window.layout().addWidget(secret)
    window.show()
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(user, clock, "ab", gap_ms=4)
    type_text(secret, clock, "xyz123", gap_ms=4)  # focus moved on, as a password manager does
    assert (user.text(), secret.text()) == ("ab", "xyz123")
    assert_stays(qtbot, lambda: scans == [])


def test_a_slower_scanner_than_learned_is_still_a_scan(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    """Learned from a fast scanner, keys are held only briefly. A second, slower scanner's
    keys then reach the field as typing - but its burst is still taken as a scan, and its
    pace is learned at once, so its next scan is held back in full."""
    # No terminator and a long silence: only the brief hold can give keys to the field.
    capture = make_capture(
        ScannerSettings(key_gap_ms=8, terminator=Terminator.NONE, timeout_ms=2000)
    )
    assert capture.hold_ms == 30
    learned: list[float] = []
    capture.key_gap_learned.connect(learned.append)
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    for ch in "SLO":  # real time passes too: each key outlives the short hold
        press(line_edit, ord(ch), ch)
        qtbot.waitUntil(lambda: capture.pending == "", timeout=1_000)
        clock.now += 55
    assert line_edit.text() == "SLO"
    for ch in "W4":  # the run is scan-long now: held until it ends
        press(line_edit, ord(ch), ch)
        clock.now += 55
    assert capture.pending == "W4"
    enter(line_edit)
    assert scans == ["SLOW4"]
    assert learned == [55]
    assert capture.hold_ms == 60
    line_edit.clear()
    clock.now += 1000
    with qtbot.waitSignal(capture.scanned) as blocker:
        for ch in "SLOW5":
            press(line_edit, ord(ch), ch)
            qtbot.wait(5)
            clock.now += 55
        enter(line_edit)
    assert blocker.args == ["SLOW5"]
    assert line_edit.text() == ""


def test_learned_gap_comes_from_accepted_scans(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    assert capture.key_gap_ms is None
    assert capture.hold_ms == 60  # nothing learned: held up to the ceiling
    learned: list[float] = []
    capture.key_gap_learned.connect(learned.append)
    for n in range(5):
        type_text(line_edit, clock, f"CODE{n}XY", gap_ms=6)
        enter(line_edit)
        clock.now += 1000
    assert learned == [6]
    assert capture.key_gap_ms == 6
    assert capture.hold_ms == 30


def test_the_timeline_tells_a_deliberate_enter(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture()
    type_text(line_edit, clock, "ab", gap_ms=150)
    enter(line_edit)  # 150 ms after the "b"
    assert capture.timeline.quiet_ms == 150
    clock.now += 400
    enter(line_edit)
    assert capture.timeline.quiet_ms == 550
    clock.now += 10
    QTest.mouseClick(line_edit, Qt.MouseButton.LeftButton)
    assert capture.timeline.quiet_ms == 560


def test_a_late_enter_while_the_scan_waits_for_its_end_is_still_the_scan_s(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    """The burst is scan-long; its Enter comes 70 ms late (a scanner's suffix delay) but
    before the silence has ended the scan: it is swallowed with the scan, never a confirm."""
    capture = make_capture()
    returns: list[bool] = []
    line_edit.returnPressed.connect(lambda: returns.append(True))
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    type_text(line_edit, clock, "LATEENTER", gap_ms=5)
    clock.now += 65
    enter(line_edit)
    assert scans == ["LATEENTER"]
    assert returns == []
    assert line_edit.text() == ""


def test_settings_from_the_scanner_check_replace_the_learned_gap(
    qtbot: QtBot, make_capture, clock: FakeKeyClock, line_edit: QLineEdit
) -> None:
    capture = make_capture(ScannerSettings(key_gap_ms=45))
    assert capture.hold_ms == 60
    capture.set_settings(ScannerSettings(key_gap_ms=6))
    assert (capture.key_gap_ms, capture.hold_ms) == (6, 30)
    capture.set_settings(ScannerSettings())  # "not learned yet" again: held up to the ceiling
    assert (capture.key_gap_ms, capture.hold_ms) == (None, 60)
