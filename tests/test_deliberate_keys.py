"""A key books, or confirms a collected top-up, only when the clerk meant it: not held down
since an earlier screen, not right after another key, not the moment the screen appeared.
Found in review; the real window, the demo stand-in over loopback, the real capture, with
key time and screen time on the test's clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, type_text
from helpers.scan_desk import WAIT_MS, ScanDesk
from helpers.screens import save, themed
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import Booking, Redeeming, ResultShown
from voucherdesk.standin.seed import DEMO_CODES

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
    desk.open_booking(SMALL)
    desk.clock.now += 2_000
    enter(desk.widget("dates"))  # deliberate: booked
    result = desk.wait(lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.collecting
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
    desk.open_booking(SMALL)
    desk.clock.now += 2_000
    enter(desk.widget("dates"))  # deliberate: booked
    result = desk.wait(lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.collecting
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
