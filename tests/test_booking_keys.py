"""Keys at the counter with add-ons and questions on the booking panel (issue #14): the common
case still takes one key press after the scan, and the optional fields, reached with Tab,
never stand in the way of Enter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter, press, type_text
from helpers.scan_desk import ScanDesk
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import Booking, ResultShown, State
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.standin.seed import DEMO_CODES


class KeyCount(QObject):
    """Counts the key presses the focused widget receives (not again as they travel up)."""

    def __init__(self) -> None:
        super().__init__()
        self.presses: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and watched is QApplication.focusWidget():
            self.presses.append(event.key())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[ScanDesk]:
    scan_desk = ScanDesk(qtbot, FakeKeyClock())
    yield scan_desk
    scan_desk.close()


def scan(desk: ScanDesk, code: str) -> Booking:
    """A scanner burst into whatever has focus, then the booking with its add-ons read."""
    focus = QApplication.focusWidget() or desk.window
    type_text(focus, desk.clock, code, 4)
    enter(focus)

    def ready(state: State) -> bool:
        return isinstance(state, Booking) and state.quote is not None and bool(state.catalog)

    booking = desk.wait(ready)
    assert isinstance(booking, Booking)
    desk.qtbot.waitUntil(lambda: bool(desk.window.booking.add_ons.steppers), timeout=5_000)
    desk.clock.now += 2_000  # the clerk looks at the screen
    return booking


def booked(desk: ScanDesk) -> ResultShown:
    result = desk.wait(lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.kind is OutcomeKind.DONE, result.outcome.case
    return result


def counting() -> KeyCount:
    counter = KeyCount()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    return counter


def stop_counting(counter: KeyCount) -> None:
    app = QApplication.instance()
    assert app is not None
    app.removeEventFilter(counter)


def test_the_common_case_is_one_key_after_the_scan(desk: ScanDesk) -> None:
    booking = scan(desk, DEMO_CODES["fresh"])
    panel = desk.window.booking
    # the optional parts are there: add-ons, a question per participant, the customer
    assert panel.add_ons.isVisible()
    assert panel.details.answer_lines
    assert panel.details.questions_box.isVisible()
    assert panel.details.name.text() == ""
    focus = QApplication.focusWidget()
    assert focus is panel.dates_list  # loading the add-ons moved nothing
    counter = counting()
    try:
        enter(focus)  # the one key
        result = booked(desk)
    finally:
        stop_counting(counter)
    assert counter.presses == [int(Qt.Key.Key_Return)]
    assert booking.event is not None
    (order,) = desk.orders()
    assert order["name"] == "Box office"  # no name given: the counter's
    assert order["products"] == []
    assert [p["comment"] for p in order["tickets"][0]["participants"]] == [None]
    assert result.outcome is not None
    assert result.outcome.quote.details.empty


def test_tab_reaches_the_name_and_enter_there_books_it(desk: ScanDesk) -> None:
    scan(desk, DEMO_CODES["large"])
    panel = desk.window.booking
    name = panel.details.name
    counter = counting()
    try:
        focus: QWidget | None = QApplication.focusWidget()
        tabs = 0
        while focus is not name:
            assert focus is not None
            assert focus is not panel.confirm_button, "the name comes before confirm"
            press(focus, int(Qt.Key.Key_Tab))
            tabs += 1
            focus = QApplication.focusWidget()
        type_text(name, desk.clock, "Erika Mustermann", 150)  # a person types
        desk.clock.now += 400
        enter(name)
        result = booked(desk)
    finally:
        stop_counting(counter)
    # participants (3), add-ons (3), one answer: then the name
    assert tabs == len(panel.steppers) + len(panel.add_ons.steppers) + 1 + 1
    assert counter.presses.count(int(Qt.Key.Key_Return)) == 1
    (order,) = desk.orders()
    assert order["name"] == "Erika Mustermann"
    assert result.outcome is not None
    assert result.outcome.quote.details.customer_name == "Erika Mustermann"


def test_an_enter_straight_after_typing_a_name_books_nothing(desk: ScanDesk) -> None:
    scan(desk, DEMO_CODES["large"])
    name = desk.window.booking.details.name
    name.setFocus()
    type_text(name, desk.clock, "Erika", 150)  # a person types; Enter follows at once
    enter(name)
    state = desk.controller.state
    assert isinstance(state, Booking)  # an Enter that ends typing is not a decision
    assert state.details.customer_name == "Erika"
    assert desk.orders() == []
    assert desk.window.status.message.text().startswith("Not booked")
