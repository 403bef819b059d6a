"""The PIN lock on the real counter window against the demo stand-in (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, type_text
from helpers.screens import save, themed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_ui_flows import WAIT_MS, open_session, ready_to_confirm, wait_state

from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import Idle, Redeeming, ResultShown
from voucherdesk.desk.pin import hash_pin
from voucherdesk.settings import Settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.scanner import ScanCapture
from voucherdesk.ui.counter.status_strip import CallFeed
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


# -- a lock that waited for a booking: the PIN field keeps the keyboard ----------------------


def _counter_with_pin(
    qtbot: QtBot, clock: FakeKeyClock, **settings: int
) -> tuple[CounterSession, ScanCapture]:
    capture = ScanCapture(clock=clock, monotonic=lambda: clock.now / 1000)
    feed = CallFeed()
    context = open_demo(
        observer=feed.observe, settings=Settings(pin_hash=hash_pin("2468"), **settings)
    )
    session = CounterSession(context, feed, keys=capture.timeline)
    qtbot.addWidget(session.window)
    session.window.show()
    session.start()
    qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(capture)
    return session, capture


def _book_then_lock(qtbot: QtBot, session: CounterSession, clock: FakeKeyClock, code: str) -> None:
    """Enter on a booking whose order takes a moment, and Ctrl+L while it is on its way."""
    standin = session.context.standin
    assert standin is not None
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=0.3))
    session.window.on_scan(code)
    wait_state(qtbot, session, ready_to_confirm)
    clock.now += 2_000
    enter(QApplication.focusWidget() or session.window)  # deliberate: booked
    assert isinstance(session.controller.state, Redeeming)
    session.window.lock.lock_now()  # the counter locks right after the result


def test_the_pin_typed_after_a_lock_that_waited_for_a_top_up_never_confirms_it(
    qtbot: QtBot,
) -> None:
    """Found in review: the result drawn behind the lock took the focus from the PIN field;
    the PIN went nowhere and its Enter marked the top-up as collected, still locked."""
    clock = FakeKeyClock()
    session, capture = _counter_with_pin(qtbot, clock)
    try:
        _book_then_lock(qtbot, session, clock, DEMO_CODES["small"])  # leaves a top-up
        state = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
        window = session.window
        assert window.lock.locked
        assert isinstance(state, ResultShown)
        assert state.collecting
        assert QApplication.focusWidget() is window.lock_screen.pin_field
        clock.now += 60_000  # the clerk comes back
        type_text(QApplication.focusWidget() or window, clock, "2468", 150)
        qtbot.waitUntil(lambda: capture.pending == "", timeout=WAIT_MS)
        clock.now += 400
        enter(QApplication.focusWidget() or window)
        qtbot.waitUntil(lambda: not window.lock.locked, timeout=WAIT_MS)
        state = session.controller.state
        assert isinstance(state, ResultShown)
        assert not state.top_up_taken
        # Unlocked: the result's own focus, so the clerk's next deliberate Enter confirms.
        assert QApplication.focusWidget() is window.result.top_up_button
    finally:
        QApplication.instance().removeEventFilter(capture)  # type: ignore[union-attr]
        session.shutdown()


def test_back_to_scanning_behind_the_lock_keeps_the_pin_field_focused(qtbot: QtBot) -> None:
    """Found in review: the result timing out to Idle behind the lock gave the code field the
    focus; a PIN typed there went to the capture and its Enter became a scan."""
    clock = FakeKeyClock()
    session, capture = _counter_with_pin(qtbot, clock, result_delay_s=1)
    try:
        _book_then_lock(qtbot, session, clock, DEMO_CODES["fresh"])
        wait_state(qtbot, session, lambda s: isinstance(s, Idle))
        window = session.window
        assert window.lock.locked
        assert QApplication.focusWidget() is window.lock_screen.pin_field
    finally:
        QApplication.instance().removeEventFilter(capture)  # type: ignore[union-attr]
        session.shutdown()


def test_a_locked_counter_books_and_confirms_nothing(qtbot: QtBot) -> None:
    """Behind the lock nothing acts on money, whatever reaches the controller."""
    clock = FakeKeyClock()
    session, capture = _counter_with_pin(qtbot, clock)
    try:
        _book_then_lock(qtbot, session, clock, DEMO_CODES["small"])
        state = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
        assert isinstance(state, ResultShown)
        assert state.collecting
        clock.now += 2_000
        enter(session.window.result)  # a deliberate Enter, straight at the hidden result
        session.controller.take_top_up()
        session.controller.back()
        assert session.controller.state is state
    finally:
        QApplication.instance().removeEventFilter(capture)  # type: ignore[union-attr]
        session.shutdown()


def test_an_enter_just_after_the_unlock_does_not_confirm_the_top_up_behind_it(
    qtbot: QtBot,
) -> None:
    """Found in review: the top-up that came up behind the lock is first seen at the unlock;
    a second Enter (a double tap, a bounce) 50 ms after the PIN's confirmed it."""
    clock = FakeKeyClock()
    session, capture = _counter_with_pin(qtbot, clock)
    try:
        _book_then_lock(qtbot, session, clock, DEMO_CODES["small"])
        wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
        window = session.window
        clock.now += 60_000
        type_text(QApplication.focusWidget() or window, clock, "2468", 150)
        qtbot.waitUntil(lambda: capture.pending == "", timeout=WAIT_MS)
        clock.now += 400
        enter(QApplication.focusWidget() or window)  # the PIN's Enter
        qtbot.waitUntil(lambda: not window.lock.locked, timeout=WAIT_MS)
        clock.now += 50
        enter(QApplication.focusWidget() or window)
        state = session.controller.state
        assert isinstance(state, ResultShown)
        assert not state.top_up_taken
    finally:
        QApplication.instance().removeEventFilter(capture)  # type: ignore[union-attr]
        session.shutdown()


def test_an_enter_just_after_the_unlock_does_not_book_the_booking_behind_it(
    qtbot: QtBot,
) -> None:
    clock = FakeKeyClock()
    session, capture = _counter_with_pin(qtbot, clock)
    try:
        window = session.window
        window.on_scan(DEMO_CODES["fresh"])
        wait_state(qtbot, session, ready_to_confirm)
        clock.now += 2_000
        window.lock.lock_now()  # as the idle timer does
        clock.now += 60_000
        type_text(QApplication.focusWidget() or window, clock, "2468", 150)
        qtbot.waitUntil(lambda: capture.pending == "", timeout=WAIT_MS)
        clock.now += 400
        enter(QApplication.focusWidget() or window)
        qtbot.waitUntil(lambda: not window.lock.locked, timeout=WAIT_MS)
        clock.now += 50
        enter(QApplication.focusWidget() or window)
        assert not isinstance(session.controller.state, Redeeming | ResultShown)
    finally:
        QApplication.instance().removeEventFilter(capture)  # type: ignore[union-attr]
        session.shutdown()
