""" "Checking…" is drawn a moment after a scan, once the check's request has had the
interpreter to itself (drawing at once slowed the request down), and never once the flow has
moved on. The real window, the demo stand-in over loopback, the real capture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, press
from helpers.scan_desk import ScanDesk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import Booking, Checking
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES

FIRST, SECOND = DEMO_CODES["fresh"], DEMO_CODES["partly_used"]


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[ScanDesk]:
    counter = ScanDesk(qtbot, FakeKeyClock())
    yield counter
    counter.close()


def _slow_voucher_reads(desk: ScanDesk, seconds: float = 0.4) -> None:
    standin = desk.session.context.standin
    assert standin is not None
    standin.faults.add(Fault("latency", method="GET", path="/v3/vouchers/*", seconds=seconds))


def test_checking_is_drawn_after_the_scan_not_during_it(desk: ScanDesk) -> None:
    _slow_voucher_reads(desk)
    desk.states.clear()
    desk.window.on_scan(FIRST)
    assert isinstance(desk.controller.state, Checking)  # the flow knows at once
    assert desk.states == []  # the window is told a moment later
    desk.qtbot.waitUntil(lambda: any(isinstance(s, Checking) for s in desk.states))
    assert desk.window.card.state_word.text() == "Checking…"
    state = desk.wait(lambda s: isinstance(s, Booking))
    assert isinstance(state, Booking)
    assert state.check.raw == FIRST
    assert [type(s) for s in desk.states[:2]] == [Checking, Booking]


def test_a_checking_overtaken_by_the_next_scan_is_never_drawn(desk: ScanDesk) -> None:
    _slow_voucher_reads(desk)
    desk.states.clear()
    desk.window.on_scan(FIRST)
    desk.window.on_scan(SECOND)  # before the first was drawn
    state = desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND)
    assert isinstance(state, Booking)
    checked = [s.raw for s in desk.states if isinstance(s, Checking)]
    assert checked == [SECOND]
    assert desk.window.card.code.text() == SECOND
    assert not any(isinstance(s, Booking) and s.check.raw == FIRST for s in desk.states)


def test_a_booking_of_another_scan_draws_its_own_card(desk: ScanDesk) -> None:
    """The window cannot count on a "checking…" between two bookings (the next scan's answer
    may come before its head start is over): the card follows the booking's own scan."""
    first = desk.open_booking(FIRST)
    second = desk.open_booking(SECOND)
    assert desk.window.card.code.text() == SECOND
    desk.window.show_state(first)  # straight from one booking to another
    assert desk.window.card.code.text() == FIRST
    assert desk.window.booking.isVisible()
    desk.window.show_state(second)
    assert desk.window.card.code.text() == SECOND


@pytest.mark.parametrize("key", ["space on confirm", "digit in participants"])
def test_a_key_meant_for_the_last_booking_never_acts_on_the_next(desk: ScanDesk, key: str) -> None:
    """Found in review: before "checking…" is drawn, the last customer's booking panel is
    still on screen. A key pressed then was held by the capture and replayed once the next
    customer's booking (same widgets) was on screen: Space booked it, "3" made 31 people."""
    desk.open_booking(FIRST)
    panel = desk.window.booking
    target = panel.confirm_button if key.startswith("space") else panel.steppers[0]
    target.setFocus()
    desk.window.on_scan(SECOND)
    focus = QApplication.focusWidget() or desk.window  # where the window system sends a key
    desk.clock.now += 2_000  # a deliberate key, not part of a burst
    if key.startswith("space"):
        press(focus, int(Qt.Key.Key_Space), " ")
    else:
        press(focus, int(Qt.Key.Key_3), "3")
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND and s.quote is not None)
    desk.qtbot.wait(300)  # the capture's hold is long over
    state = desk.controller.state
    assert desk.orders() == []
    assert isinstance(state, Booking)
    assert state.check.raw == SECOND
    assert sum(dict(state.participants).values()) == 1


@pytest.mark.parametrize("key", ["space on confirm", "digit in participants"])
def test_a_key_held_when_the_next_scan_comes_is_never_replayed_onto_it(
    desk: ScanDesk, key: str
) -> None:
    """A deliberate key on the last booking, still held by the capture (it waits a moment to
    learn whether a burst begins) when a scan comes from elsewhere (the camera, a suggestion):
    its replay went to the widget it was pressed on, which by then held the next customer's
    booking. The screen it was meant for is gone: it is dropped."""
    desk.open_booking(FIRST)
    panel = desk.window.booking
    target = panel.confirm_button if key.startswith("space") else panel.steppers[0]
    target.setFocus()
    focus = QApplication.focusWidget()
    assert focus is not None
    desk.clock.now += 2_000  # a deliberate key, not part of a burst
    if key.startswith("space"):
        press(focus, int(Qt.Key.Key_Space), " ")
    else:
        press(focus, int(Qt.Key.Key_3), "3")
    assert desk.capture.pending  # held: a burst might follow
    desk.window.on_scan(SECOND)  # the camera's read, while the key is held
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND and s.quote is not None)
    desk.qtbot.wait(300)  # the capture's hold is long over
    state = desk.controller.state
    assert desk.orders() == []
    assert isinstance(state, Booking)
    assert state.check.raw == SECOND
    assert sum(dict(state.participants).values()) == 1
    assert desk.capture.pending == ""


def test_an_esc_meant_for_the_last_booking_does_not_cancel_the_next_scan(desk: ScanDesk) -> None:
    """Found in review: an Esc in the moment before "checking…" is drawn went back to
    scanning and dropped the new scan without a word; it was meant for the screen still up."""
    desk.open_booking(FIRST)
    desk.window.on_scan(SECOND)
    desk.controller.back()  # Esc, before the next scan's screen is drawn
    state = desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == SECOND)
    assert isinstance(state, Booking)
    desk.controller.back()  # Esc on the drawn booking: its card, as always
    assert not isinstance(desk.controller.state, Booking)
