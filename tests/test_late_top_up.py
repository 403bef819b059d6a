"""A top-up is collected once, and only for a booking that stands. A booking answered after
the clerk stopped waiting and moved on brings its top-up back (found in review: bookingkit
held a cash payment for it, the clerk got a passing note without the amount, and the till
came up short); a booking undone while its top-up is still to collect releases it. The real
window, the demo stand-in over loopback, the real capture."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from helpers.keys import FakeKeyClock, enter
from helpers.scan_desk import WAIT_MS, ScanDesk
from PySide6.QtGui import QCloseEvent
from pytestqt.qtbot import QtBot

from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.flow import Booking, Checking, Idle, Redeeming, ResultShown
from voucherdesk.desk.pin import hash_pin
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.history.panel import HistoryPanel

FIRST, SMALL = DEMO_CODES["fresh"], DEMO_CODES["small"]  # SMALL leaves a top-up


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[ScanDesk]:
    counter = ScanDesk(qtbot, FakeKeyClock())
    yield counter
    counter.close()


def _book_and_stop_waiting(desk: ScanDesk, seconds: float = 1.0) -> None:
    standin = desk.session.context.standin
    assert standin is not None
    desk.open_booking(SMALL)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=seconds))
    enter(desk.widget("dates"))
    assert isinstance(desk.controller.state, Redeeming)
    desk.controller.stop_waiting()  # "Stop waiting": outcome unknown, the counter goes on
    stopped = desk.controller.state
    assert isinstance(stopped, ResultShown)
    assert stopped.unknown


def _collecting(desk: ScanDesk) -> ResultShown:
    state = desk.wait(lambda s: isinstance(s, ResultShown) and s.collecting)
    assert isinstance(state, ResultShown)
    assert state.outcome is not None
    assert state.quote.voucher_code == SMALL  # type: ignore[union-attr]
    return state


def test_a_late_top_up_comes_back_after_going_on_to_scanning(desk: ScanDesk) -> None:
    _book_and_stop_waiting(desk)
    desk.controller.back()  # Esc: next customer
    assert isinstance(desk.controller.state, Idle)
    _collecting(desk)
    assert not desk.controller.takes_scans  # the money first
    assert desk.window.result.top_up_button.isVisible()


def test_a_late_top_up_takes_the_place_of_a_booking_not_yet_sent(desk: ScanDesk) -> None:
    _book_and_stop_waiting(desk)
    desk.window.on_scan(FIRST)  # the next customer, while the answer is on its way
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == FIRST)
    _collecting(desk)
    note = desk.window.status.message.text()
    assert FIRST in note
    assert "again" in note
    desk.clock.now += 2_000
    enter(desk.window.result.top_up_button)  # collected
    state = desk.controller.state
    assert isinstance(state, ResultShown)
    assert state.top_up_taken
    assert desk.controller.takes_scans


def _first_booked_while_small_answers_late(desk: ScanDesk) -> ResultShown:
    """SMALL booked and "Stop waiting"; FIRST scanned and booked next, its booking on its way
    when SMALL's answer (with its top-up) comes: FIRST's result, SMALL's top-up waiting."""
    standin = desk.session.context.standin
    assert standin is not None
    _book_and_stop_waiting(desk, seconds=1.0)
    desk.window.on_scan(FIRST)
    desk.wait(lambda s: isinstance(s, Booking) and s.check.raw == FIRST and s.quote is not None)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=1.5))
    desk.clock.now += 2_000
    enter(desk.widget("dates"))
    assert isinstance(desk.controller.state, Redeeming)
    first = desk.wait(lambda s: isinstance(s, ResultShown) and s.quote.voucher_code == FIRST)
    assert isinstance(first, ResultShown)
    return first


def test_a_late_top_up_waits_for_the_next_customers_result(desk: ScanDesk, qtbot: QtBot) -> None:
    first = _first_booked_while_small_answers_late(desk)
    qtbot.wait(200)
    assert desk.controller.state is first  # FIRST's result stays for the clerk to read
    desk.controller.back()  # done with FIRST
    _collecting(desk)  # and now the money SMALL's booking left
    qtbot.waitUntil(lambda: len(desk.orders()) == 2, timeout=WAIT_MS)


def _start_undo(desk: ScanDesk, key: str) -> tuple[HistoryPanel, list[object]]:
    """Ctrl+H, the redemption ``key`` chosen, "Undo" answered yes: the panel, and the list
    its finished undo lands in."""
    desk.window.history_action.trigger()  # Ctrl+H: a dialog of the window
    panel = desk.window.findChild(HistoryPanel)
    assert panel is not None
    desk.qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)
    desk.qtbot.waitUntil(lambda: panel.select_key(key), timeout=WAIT_MS)
    panel.confirm = lambda question: True
    done: list[object] = []
    panel.undone.connect(done.append)
    panel.undo_selected()
    return panel, done


def _undo(desk: ScanDesk, key: str) -> HistoryPanel:
    panel, done = _start_undo(desk, key)
    desk.qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    return panel


def test_an_undo_while_the_top_up_is_still_to_collect_releases_it(desk: ScanDesk) -> None:
    """Found in review: the customer changes their mind before paying; undone in the
    history, the history said to pay the top-up back (never taken), and the counter still
    asked to collect it for the cancelled booking."""
    result = desk.book_with_top_up(SMALL)
    assert result.outcome is not None
    told = _undo(desk, result.outcome.key).message_text
    assert "back to the customer" not in told
    assert "not taken" in told
    state = desk.controller.state
    assert not (isinstance(state, ResultShown) and state.collecting)
    assert desk.controller.takes_scans
    assert "do not collect the top-up of" in desk.window.status.message.text()


def test_an_undo_after_the_top_up_was_taken_says_to_pay_it_back(desk: ScanDesk) -> None:
    result = desk.book_with_top_up(SMALL)
    assert result.outcome is not None
    desk.clock.now += 2_000
    enter(desk.window.result.top_up_button)  # collected
    assert "back to the customer" in _undo(desk, result.outcome.key).message_text


def test_an_undo_of_a_late_top_up_still_waiting_releases_it(desk: ScanDesk, qtbot: QtBot) -> None:
    """Found in review: SMALL's late top-up waited behind FIRST's result; undone in the
    history meanwhile, the history said to pay it back, and after FIRST's result the counter
    asked to collect it for the cancelled booking."""
    first = _first_booked_while_small_answers_late(desk)
    assert first.outcome is not None
    desk.controller.hold_result()  # FIRST's result stays (its slip is being printed)
    qtbot.waitUntil(lambda: len(desk.orders()) == 2, timeout=WAIT_MS)
    small = next(o for o in desk.orders() if o["code"] != first.outcome.booking_code)
    key = small["external_reference"]  # the journal's key (desk/redeem.py)
    qtbot.waitUntil(lambda: desk.controller.collecting_for(key), timeout=WAIT_MS)
    panel = _undo(desk, key)
    assert "back to the customer" not in panel.message_text
    panel.window().close()
    desk.controller.back()  # done with FIRST's result
    qtbot.wait(300)
    state = desk.controller.state
    assert not (isinstance(state, ResultShown) and state.collecting)


def test_an_undo_answered_after_the_top_up_was_taken_says_to_pay_it_back(
    desk: ScanDesk, qtbot: QtBot
) -> None:
    """Found in review: "nothing to pay back" was decided when the undo started; the clerk
    took the money while bookingkit was cancelling."""
    standin = desk.session.context.standin
    assert standin is not None
    result = desk.book_with_top_up(SMALL)
    assert result.outcome is not None
    standin.faults.add(Fault("latency", method="PATCH", path="*", seconds=1.5))  # the cancel
    panel, done = _start_undo(desk, result.outcome.key)
    panel.window().close()  # Esc on the history while it cancels
    desk.clock.now += 2_000
    enter(desk.window.result.top_up_button)  # the customer pays meanwhile
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert "back to the customer" in panel.message_text
    assert "back to the customer" in desk.window.status.message.text()


def test_a_check_that_gives_way_to_a_late_top_up_is_named(desk: ScanDesk, qtbot: QtBot) -> None:
    """Found in review: FIRST's check was in flight when SMALL's late top-up came up in its
    place; nothing said FIRST had to be scanned again."""
    real_desk = desk.session.context.desk
    gate = threading.Event()
    real_check = real_desk.check

    def held_check(raw: str) -> CheckResult:
        gate.wait(10)  # until SMALL's answer is in
        return real_check(raw)

    _book_and_stop_waiting(desk, seconds=0.8)
    desk.controller.back()
    real_desk.check = held_check  # type: ignore[method-assign]
    try:
        desk.window.on_scan(FIRST)
        assert isinstance(desk.controller.state, Checking)
        _collecting(desk)
        qtbot.wait(100)
        note = desk.window.status.message.text()
    finally:
        gate.set()
        real_desk.check = real_check  # type: ignore[method-assign]
    assert FIRST in note
    assert "again" in note


def test_a_top_up_settled_at_start_up_comes_up_to_collect(desk: ScanDesk, qtbot: QtBot) -> None:
    """Found in review: the order of a booking was sent just before a crash; the next
    start's check settled it (recording its top-up) and said only "settled: 1"."""
    booking = desk.open_booking(SMALL)
    quote = booking.quote
    assert quote is not None
    desk.controller.back()
    desk.controller.back()
    context = desk.session.context
    steps = context.desk._steps  # what Desk.redeem does, up to the crash
    entry = steps.journal.create(quote, context.desk.counter_id, steps.environment)
    steps.send_order(entry, quote)  # bookingkit holds the order; the PC dies here
    desk.controller.start()  # the next start's check
    state = _collecting(desk)
    assert state.outcome is not None
    assert state.outcome.key == entry.key
    assert desk.window.result.top_up_button.isVisible()


def test_check_again_brings_up_the_top_up_of_an_earlier_booking_it_settles(
    desk: ScanDesk, qtbot: QtBot
) -> None:
    """Found in review: "Check again" for one customer settled an earlier one too, whose
    top-up was recorded in bookingkit; the counter said nothing of it."""
    standin = desk.session.context.standin
    assert standin is not None

    def unknown(code: str) -> ResultShown:
        desk.open_booking(code)
        standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
        standin.faults.add(Fault("error", method="GET", path="/v3/orders", status=503, times=0))
        enter(desk.widget("dates"))
        state = desk.wait(
            lambda s: isinstance(s, ResultShown) and s.unknown and s.outcome is not None
        )
        standin.faults.clear()
        assert isinstance(state, ResultShown)
        return state

    earlier = unknown(SMALL)
    assert earlier.outcome is not None
    desk.controller.back()  # allowed: nothing to collect is known yet
    unknown(FIRST)
    desk.controller.check_again()  # for FIRST: settles SMALL's too
    desk.wait(lambda s: isinstance(s, ResultShown) and not s.unknown)
    desk.controller.back()  # done with FIRST
    state = _collecting(desk)
    assert state.outcome is not None
    assert state.outcome.key == earlier.outcome.key


def test_closing_with_a_top_up_to_collect_asks_first(desk: ScanDesk) -> None:
    """Found in review: Ctrl+Q or the window's X with a top-up on screen closed at once, and
    nothing brings it back at the next start (bookingkit counts it as paid)."""
    desk.book_with_top_up(SMALL)
    asked: list[str] = []

    def keep_open(question: str) -> bool:
        asked.append(question)
        return False

    desk.window.confirm_close = keep_open
    desk.window.quit_action.trigger()  # Ctrl+Q (the window's X asks the same)
    assert desk.window.isVisible()
    assert len(asked) == 1
    assert "34.00" in asked[0]
    desk.clock.now += 2_000
    enter(desk.window.result.top_up_button)  # collected: Quit asks nothing
    asked.clear()
    desk.window.quit_action.trigger()
    assert asked == []
    assert not desk.window.isVisible()


def test_a_top_up_taken_is_not_asked_for_again_by_a_later_check(
    desk: ScanDesk, qtbot: QtBot
) -> None:
    """Found in review: a top-up bookingkit would not confirm stays open in the journal, so
    every check returned it, and the counter asked again for money the clerk had taken."""
    standin = desk.session.context.standin
    assert standin is not None
    payments = "/v3/orders/*/payments"
    desk.open_booking(SMALL)
    standin.faults.add(Fault("error", method="POST", path=payments, status=503, times=0))
    standin.faults.add(Fault("error", method="GET", path=payments, status=503, times=0))
    enter(desk.widget("dates"))
    _collecting(desk)
    desk.clock.now += 2_000
    enter(desk.window.result.top_up_button)  # the customer paid at the counter
    desk.controller.back()
    desk.wait(lambda s: isinstance(s, Idle))
    desk.controller.check_again()  # as for another customer's unknown booking
    desk.controller.start()  # and as the next start's check
    qtbot.wait(1_000)
    standin.faults.clear()
    desk.controller.check_again()  # bookingkit back: the payment is recorded now
    qtbot.wait(1_000)
    assert desk.controller.top_ups_to_collect() == []
    assert isinstance(desk.controller.state, Idle)


class _WindowX(QCloseEvent):
    """The window's X or Alt+F4 (a spontaneous close, which PySide cannot send)."""

    def spontaneous(self) -> bool:
        return True


def test_the_window_x_asks_about_the_money_once_and_not_over_the_lock(desk: ScanDesk) -> None:
    """Found in review: with a PIN, the money question came again at the second X (the PIN
    screen to close was up), and over the lock screen before the PIN."""
    desk.book_with_top_up(SMALL)
    window = desk.window
    window.lock.configure(hash_pin("2468", iterations=1000), 0)
    asked: list[str] = []

    def leave(question: str) -> bool:
        asked.append(question)
        return True

    window.confirm_close = leave
    first = _WindowX()
    window.closeEvent(first)  # the money: leave it; then the PIN to close
    assert not first.isAccepted()
    window.closeEvent(_WindowX())  # the X again, with the PIN screen up
    assert len(asked) == 1
    asked.clear()
    window.lock.unlock()
    window.lock.lock_now()
    window.confirm_close = lambda question: asked.append(question) is None and False
    window.closeEvent(_WindowX())
    assert asked == []  # behind the lock: the PIN first, no amounts shown
