"""A key books, or confirms a collected top-up, only when the clerk meant it: not held down
since an earlier screen, not right after another key, not the moment the screen appeared.
Found in review; the real window, the demo stand-in over loopback, the real capture, with
key time and screen time on the test's clock."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, press, type_text
from helpers.scan_desk import WAIT_MS, ScanDesk
from helpers.screens import save, themed
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import AnyBooking, Booking, Redeeming, ResultShown, State
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES, DEMO_PASSES, DEMO_TICKETS

FIRST, SECOND = DEMO_CODES["fresh"], DEMO_CODES["partly_used"]
SMALL = DEMO_CODES["small"]  # 5.00 left: any booking leaves a top-up to collect


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[ScanDesk]:
    counter = ScanDesk(qtbot, FakeKeyClock())
    yield counter
    counter.close()


def repeat_enter(target: QObject) -> None:
    """An auto-repeated Return, as the keyboard sends it while Enter is held down."""
    event = QKeyEvent(
        QEvent.Type.KeyPress,
        int(Qt.Key.Key_Return),
        Qt.KeyboardModifier.NoModifier,
        "\r",
        True,  # autorep
    )
    QApplication.sendEvent(target, event)


def focus_of(desk: ScanDesk) -> QObject:
    """Where the window system sends a key: the focus widget, else the window."""
    return QApplication.focusWidget() or desk.window


def booked(desk: ScanDesk) -> bool:
    return bool(desk.orders()) or isinstance(desk.controller.state, Redeeming | ResultShown)


# -- held down ----------------------------------------------------------------------------


def test_an_enter_held_after_booking_does_not_confirm_the_top_up(desk: ScanDesk) -> None:
    desk.book_with_top_up(SMALL)  # a deliberate Enter: booked, the top-up to collect
    desk.clock.now += 500  # the finger is still on Enter: the keyboard repeats it
    repeat_enter(focus_of(desk))
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert not state.top_up_taken  # the clerk never saw the amount
    assert "held" in desk.window.status.message.text()


def test_an_enter_held_after_going_on_with_a_booking_does_not_book_it(desk: ScanDesk) -> None:
    desk.open_booking(FIRST)
    desk.controller.back()  # Esc: the card, choices kept; "Go on booking (Enter)" focused
    desk.clock.now += 2_000
    enter(focus_of(desk))  # go on booking
    assert isinstance(desk.controller.state, Booking)
    desk.clock.now += 500  # still held: the keyboard repeats it
    repeat_enter(focus_of(desk))
    assert not booked(desk)


def test_an_enter_held_after_a_typed_code_does_not_book_it(desk: ScanDesk) -> None:
    entry = desk.window.code_entry
    entry.setFocus()
    desk.clock.now += 2_000
    type_text(entry, desk.clock, FIRST, 150)  # typed by hand
    desk.qtbot.waitUntil(lambda: desk.capture.pending == "", timeout=WAIT_MS)
    enter(entry)
    desk.wait(lambda s: isinstance(s, Booking) and s.quote is not None)
    desk.qtbot.waitUntil(lambda: desk.window.booking.isVisible(), timeout=WAIT_MS)
    desk.clock.now += 500  # Enter still held: the keyboard repeats it
    repeat_enter(focus_of(desk))
    assert not booked(desk)


# -- the moment the screen appeared -------------------------------------------------------


def test_an_enter_just_after_a_camera_scan_replaced_the_booking_does_not_book_it(
    desk: ScanDesk,
) -> None:
    desk.open_booking(FIRST)
    desk.widget("dates").setFocus()
    desk.clock.now += 2_000
    desk.window.on_scan(SECOND)  # the camera reads the next customer's voucher
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND and s.quote is not None)
    desk.clock.now += 10  # the clerk's Enter for FIRST lands 10 ms after SECOND is drawn
    enter(focus_of(desk))
    assert not booked(desk)
    assert "appeared" in desk.window.status.message.text()
    desk.clock.now += 1_000  # looked at it: now the Enter is the clerk's decision
    enter(focus_of(desk))
    assert isinstance(desk.controller.state, Redeeming | ResultShown)


def test_a_double_enter_does_not_confirm_the_top_up_that_appeared_between(
    desk: ScanDesk,
) -> None:
    desk.book_with_top_up(SMALL)  # a deliberate Enter: booked, the top-up to collect
    desk.clock.now += 100  # a second tap, as the result comes up
    enter(focus_of(desk))
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert not state.top_up_taken
    desk.clock.now += 1_000  # read the amount, collected it: confirmed
    enter(focus_of(desk))
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert state.top_up_taken


def _dates_take(desk: ScanDesk, raw: str, ms: float) -> list[str]:
    """``raw``'s booking is first drawn without a price (its dates are being asked for); the
    dates come back ``ms`` later on the test's clock (real bookingkit: 0.2-1 s)."""
    seen: list[str] = []

    def on_state(state: State) -> None:
        if not isinstance(state, AnyBooking) or state.check.raw != raw:
            return
        if state.quote is None and not seen:
            seen.append("drawn without a price")
        elif state.quote is not None and seen == ["drawn without a price"]:
            seen.append("priced")
            desk.clock.now += ms

    desk.controller.state_changed.connect(on_state)
    return seen


@pytest.mark.parametrize(
    "code", [SECOND, DEMO_TICKETS["open"], DEMO_PASSES["pass"]], ids=["voucher", "ticket", "pass"]
)
def test_an_enter_the_moment_the_price_appears_does_not_book_it(desk: ScanDesk, code: str) -> None:
    """Found in review: the screen's clock started with the booking drawn without a price,
    so an Enter landing as the price came up (the dates took 400 ms) booked it."""
    desk.open_booking(FIRST)
    desk.widget("dates").setFocus()
    desk.clock.now += 2_000
    seen = _dates_take(desk, code, 400)
    desk.window.on_scan(code)  # the camera reads the next customer's voucher
    desk.wait(lambda s: isinstance(s, AnyBooking) and s.check.raw == code and s.quote is not None)
    assert seen == ["drawn without a price", "priced"]
    desk.clock.now += 10  # an Enter 10 ms after the price was drawn
    enter(focus_of(desk))
    assert not booked(desk)


def test_an_enter_the_moment_the_price_appears_on_the_real_clock(desk: ScanDesk) -> None:
    """The same with screen time on the process's own clock and bookingkit taking 0.4 s for
    the dates."""
    desk.capture.timeline._monotonic = time.monotonic  # screen time: the real clock
    standin = desk.session.context.standin
    assert standin is not None
    desk.open_booking(FIRST)
    desk.widget("dates").setFocus()
    desk.clock.now += 2_000
    standin.faults.add(Fault("latency", method="GET", path="/v3/events/*/dates", seconds=0.4))
    desk.window.on_scan(SECOND)
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND and s.quote is not None)
    enter(focus_of(desk))  # at once: the price has only just been drawn
    assert not booked(desk)


def test_an_enter_just_after_a_dialog_closes_does_not_confirm_the_top_up_behind_it(
    desk: ScanDesk,
) -> None:
    """Found in review: a top-up that came up behind a dialog is first seen when the dialog
    closes; a second Enter 50 ms after closing it with Enter confirmed it."""
    standin = desk.session.context.standin
    assert standin is not None
    desk.open_booking(SMALL)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=0.3))
    desk.clock.now += 2_000
    enter(desk.widget("dates"))
    assert isinstance(desk.controller.state, Redeeming)
    dialog = QDialog(desk.window)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    QVBoxLayout(dialog).addWidget(buttons)
    dialog.open()
    desk.qtbot.waitUntil(dialog.isVisible)
    desk.wait(lambda s: isinstance(s, ResultShown) and s.collecting)  # behind the dialog
    desk.clock.now += 30_000
    enter(QApplication.focusWidget() or dialog)  # OK
    desk.qtbot.waitUntil(lambda: not dialog.isVisible())
    desk.window.activateWindow()  # as the window system hands the keyboard back
    desk.qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.window.result.top_up_button)
    desk.clock.now += 50
    enter(focus_of(desk))
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert not state.top_up_taken


def test_a_click_that_brings_the_window_back_from_another_program_books(
    desk: ScanDesk,
) -> None:
    """Another program in front: the counter stayed in view, so the click that brings it
    back onto Confirm is the clerk's decision (only the counter's own dialogs hide it)."""
    desk.open_booking(FIRST)
    desk.window.activateWindow()
    desk.qtbot.waitUntil(desk.window.isActiveWindow)
    other = QWidget()  # another program's window
    desk.qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    desk.qtbot.waitUntil(lambda: not desk.window.isActiveWindow())
    desk.window.activateWindow()
    desk.qtbot.waitUntil(desk.window.isActiveWindow)
    QTest.mouseClick(desk.widget("confirm"), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert isinstance(desk.controller.state, Redeeming | ResultShown)


def _gone_from_bookingkit(desk: ScanDesk, date_id: str) -> None:
    standin = desk.session.context.standin
    assert standin is not None
    with standin.state._lock:
        del standin.state._store.dates[date_id]  # cancelled, or begun


@pytest.mark.parametrize("code", [FIRST, DEMO_PASSES["pass"]], ids=["voucher", "pass"])
def test_a_refresh_that_loses_the_clerks_date_books_no_other(desk: ScanDesk, code: str) -> None:
    """Found in review: "Refresh places" (F5) put the first bookable date in place of the
    clerk's, gone meanwhile, without a word; the next Enter booked it."""
    desk.window.on_scan(code)
    desk.wait(lambda s: isinstance(s, AnyBooking) and s.quote is not None)
    panel = desk.window.booking if code == FIRST else desk.window.pass_panel
    panel.dates_list.setFocus()
    panel.dates_list.setCurrentRow(2)  # the clerk's date: the third
    picked = desk.controller.state
    assert isinstance(picked, Booking | PassBooking)
    assert picked.date is not None
    desk.clock.now += 3_000
    _gone_from_bookingkit(desk, picked.date.id)
    desk.window.refresh_action.trigger()
    after = desk.wait(lambda s: isinstance(s, AnyBooking) and s.dates is not picked.dates)
    assert isinstance(after, Booking | PassBooking)
    assert after.date is None
    assert "no longer" in desk.window.status.message.text()
    desk.clock.now += 2_000
    enter(focus_of(desk))
    assert not booked(desk)


def _wheel(target: QWidget, notches: int) -> None:
    centre = QPointF(target.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(target.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


def test_a_wheel_over_a_stepper_without_the_focus_changes_no_count(desk: ScanDesk) -> None:
    """Found in review: a flick of the wheel over the participants, the focus in the dates,
    made 3 people of 1, and an Enter 10 ms later booked 117.00 for the 39.00 looked at."""
    shown = desk.open_booking(FIRST)
    desk.widget("dates").setFocus()
    _wheel(desk.widget("stepper"), 2)
    assert desk.controller.state is shown
    desk.clock.now += 10
    enter(focus_of(desk))
    state = desk.controller.state
    assert isinstance(state, Redeeming | ResultShown)
    assert state.quote == shown.quote


def test_an_enter_just_after_the_price_changed_does_not_book(desk: ScanDesk) -> None:
    """Found in review: Up in the participants (1 -> 2, the total doubled), Enter 10 ms later
    booked a price that had been on screen for 10 ms."""
    shown = desk.open_booking(FIRST)
    stepper = desk.widget("stepper")
    stepper.setFocus()
    press(stepper, int(Qt.Key.Key_Up))
    changed = desk.controller.state
    assert isinstance(changed, Booking)
    assert changed.quote != shown.quote
    desk.clock.now += 10
    enter(stepper)
    assert not booked(desk)
    assert "just appeared or changed" in desk.window.status.message.text()
    desk.clock.now += 1_000  # looked at the new total
    enter(stepper)
    state = desk.controller.state
    assert isinstance(state, Redeeming | ResultShown)
    assert state.quote == changed.quote


def test_a_stray_letter_in_a_list_of_choices_changes_no_choice(desk: ScanDesk) -> None:
    """Found in review: the ticket's ways list kept type-ahead, so one typed "t" switched
    "this tour, now" to overbooking; the experience lists changed the experience (and the
    price) the same way. The date lists never did."""
    desk.window.on_scan(DEMO_TICKETS["open"])
    ticket = desk.wait(lambda s: isinstance(s, TicketBooking) and not s.loading_dates)
    assert isinstance(ticket, TicketBooking)
    ways = desk.window.ticket_panel.ways
    ways.setFocus()
    desk.clock.now += 2_000
    type_text(ways, desk.clock, "t", 200)
    desk.qtbot.waitUntil(lambda: desk.capture.pending == "", timeout=WAIT_MS)
    state = desk.controller.state
    assert isinstance(state, TicketBooking)
    assert state.strategy is ticket.strategy
    booking = desk.open_booking(FIRST)
    events = desk.window.booking.events_list
    events.setFocus()
    for letter in "cpse":  # the first letters of the other experiences
        type_text(events, desk.clock, letter, 200)
    desk.qtbot.waitUntil(lambda: desk.capture.pending == "", timeout=WAIT_MS)
    state = desk.controller.state
    assert isinstance(state, Booking)
    assert state.event == booking.event


def test_no_slip_says_the_top_up_was_paid_before_it_is_taken(desk: ScanDesk) -> None:
    """Found in review: Ctrl+P on a result still collecting printed "Top-up paid"."""
    desk.open_booking(SMALL)
    enter(desk.widget("dates"))
    desk.wait(lambda s: isinstance(s, ResultShown) and s.collecting)
    asked: list[object] = []
    desk.window.slip_requested.connect(asked.append)
    result = desk.window.result
    assert not result.print_button.isVisible()
    QTest.keyClick(desk.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    result.print_requested.emit()  # as a stale click would
    assert asked == []
    desk.clock.now += 2_000
    enter(result.top_up_button)  # the money is taken
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert state.top_up_taken
    assert result.print_button.isVisible()
    result.print_button.click()
    assert len(asked) == 1


def _space(target: QObject, etype: QEvent.Type, *, repeat: bool) -> None:
    event = QKeyEvent(etype, int(Qt.Key.Key_Space), Qt.KeyboardModifier.NoModifier, " ", repeat)
    QApplication.sendEvent(target, event)


def test_a_space_held_a_little_long_on_confirm_still_books(desk: ScanDesk) -> None:
    """Found in review: a Space on the confirm button held past the keyboard's repeat delay
    was refused as a held key; its first press was the clerk's decision."""
    desk.open_booking(FIRST)
    button = desk.widget("confirm")
    button.setFocus()
    desk.clock.now += 2_000
    _space(button, QEvent.Type.KeyPress, repeat=False)
    desk.qtbot.wait(150)  # handed on as typing: the button goes down
    desk.clock.now += 300  # past the repeat delay
    _space(button, QEvent.Type.KeyRelease, repeat=True)  # X11 sends repeats as pairs
    _space(button, QEvent.Type.KeyPress, repeat=True)
    desk.clock.now += 30
    _space(button, QEvent.Type.KeyRelease, repeat=False)  # let go: the button clicks
    desk.qtbot.wait(100)
    assert isinstance(desk.controller.state, Redeeming | ResultShown)


def test_a_refused_click_is_not_called_an_enter(desk: ScanDesk) -> None:
    desk.open_booking(FIRST)
    stepper = desk.widget("stepper")
    stepper.setFocus()
    stepper.selectAll()
    type_text(stepper, desk.clock, "2", 100)  # two people, typed; a click 100 ms later
    desk.qtbot.waitUntil(lambda: desk.capture.pending == "", timeout=WAIT_MS)
    click = QPoint(5, 5)
    QTest.mouseClick(desk.widget("confirm"), Qt.MouseButton.LeftButton, pos=click)
    note = desk.window.status.message.text()
    assert note.startswith("Not booked")
    assert "Enter" not in note


# -- screens to look at ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "word"), [("en", "appeared"), ("de", "erschienen")])
def test_screens_of_a_refused_hasty_enter(
    qtbot: QtBot, qapp: QApplication, lang: str, word: str
) -> None:
    """artifacts/screens/<lang>/deliberate_*.png: the booking with the note of an Enter that
    came the moment it appeared, and the top-up with the note of a held Enter."""
    with themed(qapp, lang):
        desk = ScanDesk(qtbot, FakeKeyClock())
        try:
            desk.window.resize(1366, 768)
            desk.window.on_scan(SMALL)
            desk.wait(lambda s: isinstance(s, Booking) and s.quote is not None)
            enter(desk.widget("dates"))  # the moment it appeared
            assert word in desk.window.status.message.text()
            save(desk.window, lang, "deliberate_booking_just_appeared")
            desk.clock.now += 2_000
            enter(desk.widget("dates"))
            desk.wait(lambda s: isinstance(s, ResultShown) and s.collecting)
            desk.clock.now += 500
            repeat_enter(focus_of(desk))
            assert desk.window.status.message.text()
            save(desk.window, lang, "deliberate_top_up_held_enter")
        finally:
            desk.close()
