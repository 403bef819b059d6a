"""The PIN lock on the real counter window against the demo stand-in (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.screens import save, themed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_ui_flows import WAIT_MS, open_session, ready_to_confirm, wait_state

from voucherdesk.desk.flow import Idle, Redeeming, ResultShown
from voucherdesk.desk.pin import hash_pin
from voucherdesk.settings import Settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.scanner import ScanCapture
from voucherdesk.ui.session import CounterSession

PIN = "2468"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def locked_counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_session(qtbot, Settings(pin_hash=PIN_HASH))
    yield session
    session.shutdown()


def type_pin(qtbot: QtBot, session: CounterSession, pin: str) -> None:
    """Type a PIN and press Enter; the check runs on a worker: wait for its answer."""
    screen = session.window.lock_screen
    qtbot.keyClicks(screen.pin_field, pin)
    qtbot.keyClick(screen.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.checking, timeout=WAIT_MS)


def press_ctrl_l(qtbot: QtBot, session: CounterSession) -> None:
    window = session.window
    window.activateWindow()
    window.code_entry.setFocus()
    qtbot.keyClick(window.code_entry, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_l_locks_refuses_scans_and_the_right_pin_unlocks(
    qtbot: QtBot, locked_counter: CounterSession
) -> None:
    window, controller = locked_counter.window, locked_counter.controller
    assert window.lock_action.isEnabled()
    press_ctrl_l(qtbot, locked_counter)
    assert window.lock.locked
    assert controller.locked
    assert window.shell.currentWidget() is window.lock_screen
    assert window.lock_screen.pin_field.hasFocus()
    assert not window.settings_action.isEnabled()  # no shortcut reaches the counter behind

    # a scanner burst into the focused PIN field: the keys are the field's (a PIN field is
    # never scanned from), and the code is no PIN: refused without counting a wrong try
    capture = ScanCapture()
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(capture)
    try:
        qtbot.keyClicks(window.lock_screen.pin_field, DEMO_CODES["fresh"])
        assert window.lock_screen.pin_field.text() == DEMO_CODES["fresh"]  # shown as dots
        qtbot.keyClick(window.lock_screen.pin_field, Qt.Key.Key_Return)
    finally:
        app.removeEventFilter(capture)
    assert scans == []
    assert window.lock_screen.pin_field.text() == ""
    assert window.lock_screen.message.text() == "Locked — enter the PIN first"
    assert window.lock_screen.policy.failures == 0
    assert isinstance(controller.state, Idle)
    assert window.lock.locked
    # a scan that does reach the counter (focus elsewhere) is refused by the controller
    window.lock_screen.message.clear()
    with qtbot.waitSignal(controller.scan_refused, timeout=WAIT_MS):
        window.on_scan(DEMO_CODES["fresh"])
    assert window.status.message.text() == "Locked — enter the PIN first"
    assert window.lock_screen.message.text() == "Locked — enter the PIN first"
    assert isinstance(controller.state, Idle)

    type_pin(qtbot, locked_counter, "1357")
    assert window.lock.locked
    assert window.lock_screen.message.text().startswith("Wrong PIN")
    assert window.lock_screen.pin_field.text() == ""

    type_pin(qtbot, locked_counter, PIN)
    assert not window.lock.locked
    assert not controller.locked
    assert window.status.message.text() == ""  # "Locked — enter the PIN first" applies no more
    assert window.shell.currentWidget() is not window.lock_screen
    assert window.settings_action.isEnabled()
    window.on_scan(DEMO_CODES["fresh"])  # the next scan is taken again
    wait_state(qtbot, locked_counter, ready_to_confirm)


def test_back_off_after_five_wrong_pins(qtbot: QtBot, locked_counter: CounterSession) -> None:
    screen = locked_counter.window.lock_screen
    now = [100.0]
    screen.policy.clock = lambda: now[0]
    locked_counter.window.lock.lock_now()
    for _ in range(5):
        type_pin(qtbot, locked_counter, "0000")
    assert screen.message.text() == "Too many wrong PINs. Try again in 30 s."
    now[0] += 12.2
    type_pin(qtbot, locked_counter, PIN)  # even the right PIN waits for the pause
    assert locked_counter.window.lock.locked
    assert screen.message.text() == "Too many wrong PINs. Try again in 18 s."
    now[0] += 18.0
    type_pin(qtbot, locked_counter, PIN)
    assert not locked_counter.window.lock.locked


def test_idle_counter_locks_and_activity_puts_it_off(
    qtbot: QtBot, locked_counter: CounterSession
) -> None:
    window = locked_counter.window
    timer = window.lock.idle_timer
    window.lock.set_idle_ms(10_000)
    assert timer.isActive()
    qtbot.waitUntil(lambda: timer.remainingTime() < 9_700, timeout=WAIT_MS)
    qtbot.keyClick(window.code_entry, Qt.Key.Key_Shift)  # a key in the window restarts it
    assert timer.remainingTime() > 9_700
    window.lock.set_idle_ms(100)
    qtbot.waitUntil(lambda: window.lock.locked, timeout=WAIT_MS)
    assert not timer.isActive()  # no idle timer while locked
    type_pin(qtbot, locked_counter, PIN)
    assert timer.isActive()


def test_no_lock_while_a_redemption_is_on_its_way(
    qtbot: QtBot, locked_counter: CounterSession
) -> None:
    window, controller = locked_counter.window, locked_counter.controller
    standin = locked_counter.context.standin
    assert standin is not None
    window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, locked_counter, ready_to_confirm)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=1.0))
    controller.confirm()
    assert isinstance(controller.state, Redeeming)
    with qtbot.waitSignal(window.lock.idle_timer.timeout, timeout=WAIT_MS):
        window.lock.set_idle_ms(30)
    window.lock.lock_now()  # Ctrl+L meanwhile: the same rule
    assert isinstance(controller.state, Redeeming)
    assert window.lock.pending
    assert not window.lock.locked
    assert window.status.message.text().startswith("The counter locks as soon as")
    state = wait_state(qtbot, locked_counter, lambda s: not isinstance(s, Redeeming))
    assert isinstance(state, ResultShown)
    assert window.lock.locked  # right after the result


def test_without_a_pin_there_is_no_lock(qtbot: QtBot) -> None:
    session = open_session(qtbot, Settings(lock_after_idle_min=5))
    try:
        assert not session.window.lock_action.isEnabled()
        assert not session.window.lock.idle_timer.isActive()
        press_ctrl_l(qtbot, session)
        session.window.lock.lock_now()
        assert not session.window.lock.locked
    finally:
        session.shutdown()


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    with themed(qapp, "en"):
        yield qapp


@pytest.mark.parametrize("lang", ["en", "de"])
def test_render_lock_screen(qtbot: QtBot, styled_app: QApplication, lang: str) -> None:
    install_translations(styled_app, lang)  # type: ignore[arg-type]
    session = open_session(qtbot, Settings(pin_hash=PIN_HASH))
    try:
        window = session.window
        window.resize(1180, 760)
        window.demo_banner.hide()
        window.lock.lock_now()
        type_pin(qtbot, session, "1357")
        assert window.lock_screen.message.text()
        assert save(window, lang, "lock").exists()
        assert window.lock_screen.heading.text() == {"en": "Locked", "de": "Gesperrt"}[lang]
    finally:
        session.shutdown()
