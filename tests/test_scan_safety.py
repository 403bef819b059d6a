"""The next scan never books the previous voucher: the counter window with the real capture.

A scanner burst (key clock controlled by the test) arrives while the booking panel of another
voucher is open, with the focus in each of the panel's widgets. Its Enter must not confirm the
open booking; the burst starts its own voucher. Checked on the flow's states and at the
stand-in, where no order may appear. Then: confirm needs a deliberate key, the date list has
no type-ahead, and a scan at start-up is taken once the counter is ready.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, press, type_text
from helpers.scan_desk import WAIT_MS, ScanDesk, shows_code
from helpers.screens import save, themed
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import Booking, Checking, Idle, Redeeming, ResultShown
from voucherdesk.first_screen import FirstScreen, glance
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterApp
from voucherdesk.ui.common.scanner import ScanCapture, ScannerSettings, Terminator
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.session import CounterSession

FIRST, SECOND = DEMO_CODES["fresh"], DEMO_CODES["partly_used"]
NOT_BOOKED = "Not booked: too soon after a typed key. Confirm again."


@pytest.fixture
def clock() -> FakeKeyClock:
    return FakeKeyClock()


@pytest.fixture
def desk(qtbot: QtBot, clock: FakeKeyClock) -> Iterator[ScanDesk]:
    counter = ScanDesk(qtbot, clock)
    yield counter
    counter.close()


def assert_burst_started_its_own_voucher(desk: ScanDesk, code: str, dropped: str) -> None:
    state = desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == code)
    assert isinstance(state, Booking)
    assert desk.scans == [code]
    assert not any(isinstance(s, Redeeming) for s in desk.states)
    assert desk.orders() == []
    assert desk.window.card.code.text() == code
    assert desk.window.booking.search.text() == ""  # nothing of the burst was typed anywhere
    status = desk.window.status.message.text()
    assert "dropped" in status
    assert dropped in status


# -- 1. a burst over an open booking ----------------------------------------------------------


@pytest.mark.parametrize("focus", ["search", "dates", "stepper", "confirm"])
@pytest.mark.parametrize("gap_ms", [4, 20, 45, 58])
@pytest.mark.parametrize("with_enter", [True, False], ids=["enter", "no-enter"])
def test_a_burst_over_an_open_booking_starts_its_own_voucher(
    desk: ScanDesk, focus: str, gap_ms: int, with_enter: bool
) -> None:
    desk.open_booking(FIRST)
    target = desk.widget(focus)
    target.setFocus()
    type_text(target, desk.clock, SECOND, gap_ms)
    if with_enter:
        enter(target)
    assert_burst_started_its_own_voucher(desk, SECOND, dropped=FIRST)


@pytest.mark.parametrize("terminator", [Terminator.NONE, Terminator.TAB])
def test_other_terminator_settings_and_a_scanner_that_sends_enter(
    qtbot: QtBot, clock: FakeKeyClock, terminator: Terminator
) -> None:
    desk = ScanDesk(qtbot, clock, ScannerSettings(terminator=terminator))
    try:
        desk.open_booking(FIRST)
        dates = desk.widget("dates")
        dates.setFocus()
        type_text(dates, clock, SECOND, 45)
        enter(dates)
        assert_burst_started_its_own_voucher(desk, SECOND, dropped=FIRST)
    finally:
        desk.close()


def test_code_field_keeps_nothing_of_a_slow_scanner(desk: ScanDesk) -> None:
    entry = desk.window.code_entry
    entry.setFocus()
    type_text(entry, desk.clock, FIRST, 45)
    enter(entry)
    desk.wait(shows_code(FIRST))
    assert desk.scans == [FIRST]
    assert entry.text() == ""


# -- 1. confirm needs a deliberate key -------------------------------------------------------


def test_enter_right_after_a_key_does_not_confirm_and_a_deliberate_one_does(
    desk: ScanDesk,
) -> None:
    desk.open_booking(FIRST)
    dates = desk.widget("dates")
    dates.setFocus()
    type_text(dates, desk.clock, "x", 150)  # a person's key, 150 ms before the Enter
    enter(dates)
    assert isinstance(desk.controller.state, Booking)
    assert desk.window.status.message.text().startswith(NOT_BOOKED)
    desk.clock.now += 260  # the clerk looks, then presses Enter on purpose
    enter(dates)
    result = desk.wait(lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.booking_code
    orders = desk.orders()
    assert len(orders) == 1
    assert orders[0]["external_reference"] == result.outcome.key  # the shown voucher's booking


def test_space_on_the_confirm_button_counts_only_after_a_pause(desk: ScanDesk) -> None:
    desk.open_booking(FIRST)
    button = desk.widget("confirm")
    button.setFocus()
    type_text(button, desk.clock, "q", 80)
    with desk.qtbot.waitSignal(desk.controller.notice, timeout=WAIT_MS) as notice:
        press(button, int(Qt.Key.Key_Space), " ")  # held, then replayed: a click, refused
    assert str(notice.args[0]).startswith(NOT_BOOKED)
    assert isinstance(desk.controller.state, Booking)
    desk.clock.now += 400
    press(button, int(Qt.Key.Key_Space), " ")
    desk.wait(lambda s: isinstance(s, ResultShown))
    assert len(desk.orders()) == 1


def test_typing_in_the_date_list_never_moves_the_chosen_date(desk: ScanDesk) -> None:
    booking = desk.open_booking(FIRST)
    chosen = booking.date
    assert chosen is not None
    dates = desk.widget("dates")
    dates.setFocus()
    type_text(dates, desk.clock, "Sa 1 2 Mo", 150)  # letters and digits that start dates
    desk.qtbot.waitUntil(lambda: desk.capture.pending == "", timeout=WAIT_MS)  # all typed
    state = desk.controller.state
    assert isinstance(state, Booking)
    assert state.date == chosen
    assert desk.window.booking.dates_list.currentItem().data(Qt.ItemDataRole.UserRole) == (
        chosen.id
    )


def test_hand_typing_in_the_search_stays_typing(desk: ScanDesk) -> None:
    desk.open_booking(FIRST)
    search = desk.window.booking.search
    search.setFocus()
    for gap in (100, 150):
        search.clear()
        type_text(search, desk.clock, "Sunset", gap)
        desk.qtbot.waitUntil(lambda: search.text() == "Sunset", timeout=WAIT_MS)
    assert desk.scans == []
    assert not any(isinstance(s, Checking) for s in desk.states)


def test_learned_key_gap_is_kept_in_the_settings_file(qtbot: QtBot, clock: FakeKeyClock) -> None:
    """Accepted scans teach the scanner's pace; the next start holds keys for that pace."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    counter.capture._clock = clock
    try:
        session = counter.open()
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        # The capture comes back after the first paint, which a loaded machine may draw only
        # after the start-up check: keys sent before it are typing, not scans.
        qtbot.waitUntil(lambda: counter.capturing, timeout=WAIT_MS)
        field = session.window.code_entry
        codes = [DEMO_CODES[k] for k in ("fresh", "partly_used", "large", "small", "used_up")]
        with qtbot.waitSignal(counter.capture.key_gap_learned) as learned:
            for code in codes:
                type_text(field, clock, code, 7)
                enter(field)
                clock.now += 1_000
        assert learned.args == [7.0]
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()
    assert load_settings(app_paths().settings_file).settings.scan.key_gap_ms == 7.0
    again = CounterApp(app, demo=True)
    try:
        # A cold start: the capture comes back after the first paint, with the settings read.
        session = again.open_window_first(glance(app_paths().settings_file) or FirstScreen())
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: again.capturing, timeout=WAIT_MS)
        assert again.capture.key_gap_ms == 7.0
        assert again.capture.hold_ms == 30
    finally:
        app.removeEventFilter(again.capture)
        again.shutdown()


@pytest.mark.parametrize("rebuilt", [False, True], ids=["first window", "rebuilt window"])
def test_the_app_drops_keys_held_for_a_screen_the_window_replaced(
    qtbot: QtBot, clock: FakeKeyClock, rebuilt: bool
) -> None:
    """The app's own wiring (CounterApp): a key the capture holds when the window moves to
    another customer is not replayed onto the new screen. Also in a window rebuilt for
    another theme or language (found in review: only the first window was wired)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    counter.capture._clock = clock
    try:
        session = counter.open()
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: counter.capturing, timeout=WAIT_MS)
        if rebuilt:
            session.rebuild_window()  # Settings: another theme or language
            qtbot.addWidget(session.window)
            # The old window goes at the event loop's next turn, as in the running app.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        field = session.window.code_entry
        field.setFocus()
        type_text(field, clock, "7", 2_000)
        assert counter.capture.pending == "7"
        session.on_scan(FIRST)  # the camera's read while the key is held
        qtbot.waitUntil(lambda: shows_code(FIRST)(session.controller.state), timeout=WAIT_MS)
        qtbot.wait(300)  # the capture's hold is long over
        assert field.text() == ""
        assert counter.capture.pending == ""
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


# -- 3. a scan at start-up ------------------------------------------------------------------


def test_a_scan_before_the_counter_exists_is_taken_when_it_is_ready(
    qtbot: QtBot, clock: FakeKeyClock
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    counter.capture._clock = clock  # the test's key clock, as in the other capture tests
    field = QLineEdit()  # whatever has focus before the counter window is up
    qtbot.addWidget(field)
    try:
        type_text(field, clock, FIRST, 6)
        enter(field)
        assert counter.session is None
        assert field.text() == ""
        session = counter.open()
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: shows_code(FIRST)(session.controller.state), timeout=WAIT_MS)
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_a_scan_during_the_start_up_check_waits_with_a_word_to_the_clerk(qtbot: QtBot) -> None:
    feed = CallFeed()
    session = CounterSession(open_demo(observer=feed.observe), feed, keys=ScanCapture().timeline)
    qtbot.addWidget(session.window)
    try:
        session.start()  # open redemptions are being checked on a worker
        session.on_scan(DEMO_CODES["used_up"])
        session.on_scan(FIRST)  # the newest scan wins, as at a ready counter
        assert isinstance(session.controller.state, Idle)
        assert session.window.status.message.text().startswith("Scan received")
        qtbot.waitUntil(lambda: shows_code(FIRST)(session.controller.state), timeout=WAIT_MS)
    finally:
        session.shutdown()


# -- 4. what a refused scan leaves alone, a rebuilt window mid-booking ------------------------


def test_a_refused_scan_leaves_an_open_dialog_open(desk: ScanDesk) -> None:
    """Found in review: a scan closed the open dialog before the counter refused it (a top-up
    still to collect), e.g. the slip being printed for that very customer."""
    desk.open_booking(DEMO_CODES["small"])  # leaves a top-up
    desk.clock.now += 2_000
    enter(desk.widget("dates"))
    desk.wait(lambda s: isinstance(s, ResultShown) and s.collecting)
    dialog = QDialog(desk.window)
    desk.qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as the counter's dialogs are
    desk.qtbot.waitUntil(dialog.isVisible)
    desk.window.on_scan(SECOND)  # refused: the top-up first
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert state.collecting
    assert dialog.isVisible()
    assert "top-up" in desk.window.status.message.text()


def test_a_window_rebuilt_while_booking_shows_the_voucher_being_booked(desk: ScanDesk) -> None:
    """Found in review: the window rebuilt for a new theme or language while a booking was
    on its way showed an empty card beside "booking…"."""
    standin = desk.session.context.standin
    assert standin is not None
    desk.open_booking(FIRST)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=0.5))
    desk.clock.now += 2_000
    enter(desk.widget("dates"))
    assert isinstance(desk.controller.state, Redeeming)
    desk.session.rebuild_window()
    desk.qtbot.addWidget(desk.window)
    assert desk.window.card.code.text() == FIRST
    desk.wait(lambda s: isinstance(s, ResultShown))


def test_the_same_voucher_read_again_keeps_its_open_booking(desk: ScanDesk) -> None:
    """Found in review: the camera reads the customer's phone again (it left the view and
    came back): the booking the clerk had set up (3 people, a later date) was dropped and
    opened afresh (1 person, the first date), "dropped" said of the very code on screen."""
    desk.open_booking(FIRST)
    desk.window.booking.dates_list.setCurrentRow(2)
    desk.window.booking.steppers[0].setValue(3)
    set_up = desk.controller.state
    assert isinstance(set_up, Booking)
    assert set_up.quote is not None
    desk.window.on_scan(FIRST)  # the same code again
    assert desk.controller.state is set_up
    assert "already open" in desk.window.status.message.text()
    desk.qtbot.wait(100)
    assert desk.controller.state is set_up
    desk.clock.now += 2_000
    enter(QApplication.focusWidget() or desk.window)
    state = desk.wait(lambda s: isinstance(s, ResultShown))
    assert isinstance(state, ResultShown)
    assert state.quote == set_up.quote


@pytest.mark.parametrize("again", ["gift-2024-7qx9", "GIFT20247QX9"])
def test_the_open_voucher_in_another_spelling_keeps_its_booking(desk: ScanDesk, again: str) -> None:
    """Found in review: the same voucher typed by hand (small letters, no dashes) dropped
    the booking the clerk had set up."""
    opened = desk.open_booking(DEMO_CODES["dashes"])  # GIFT-2024-7QX9
    desk.controller.set_participants({price: 2 for price, _ in opened.participants})
    set_up = desk.controller.state
    desk.window.on_scan(again)
    assert desk.controller.state is set_up
    assert "already open" in desk.window.status.message.text()


# -- screens to look at ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screens_of_a_dropped_and_a_refused_booking(
    qtbot: QtBot, qapp: QApplication, clock: FakeKeyClock, lang: str
) -> None:
    """artifacts/screens/<lang>/scan_*.png: the open booking, the next voucher's card with the
    dropped-booking notice, and the notice after an Enter that came right after a key."""
    with themed(qapp, lang):
        desk = ScanDesk(qtbot, clock)
        try:
            desk.window.resize(1366, 768)
            desk.open_booking(FIRST)
            save(desk.window, lang, "scan_booking_open")
            dates = desk.widget("dates")
            dates.setFocus()
            type_text(dates, clock, SECOND, 45)
            enter(dates)
            desk.wait(lambda s: isinstance(s, Booking) and s.quote is not None)
            note = desk.window.status.message.text()
            assert FIRST in note
            if lang == "de":
                assert "verworfen" in note
            save(desk.window, lang, "scan_booking_dropped")
            clock.now += 2_000
            type_text(dates, clock, "x", 120)
            enter(dates)
            assert isinstance(desk.controller.state, Booking)
            save(desk.window, lang, "scan_enter_not_deliberate")
        finally:
            desk.close()


def test_the_code_field_takes_a_typed_code_during_the_start_up_check(qtbot: QtBot) -> None:
    """The window is ready for a code as soon as it shows: the field is focused and usable
    while open redemptions are checked, and a code typed meanwhile is taken right after."""
    feed = CallFeed()
    session = CounterSession(open_demo(observer=feed.observe), feed, keys=ScanCapture().timeline)
    qtbot.addWidget(session.window)
    try:
        session.window.show()
        session.start()  # open redemptions are being checked on a worker
        entry = session.window.code_entry
        assert not session.controller.accepting
        assert entry.isEnabled()
        entry.setText(FIRST)
        entry.returnPressed.emit()
        assert isinstance(session.controller.state, Idle)
        assert session.window.status.message.text().startswith("Scan received")
        qtbot.waitUntil(lambda: shows_code(FIRST)(session.controller.state), timeout=WAIT_MS)
    finally:
        session.shutdown()
