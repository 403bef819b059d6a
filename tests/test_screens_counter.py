"""Issue 11, items 4, 5, 7, 8 and 9, in the real counter window on the demo stand-in.

Refusals fill the window; a top-up stays (blue) until the clerk confirms the money, and scans
wait meanwhile; a slow bookingkit shows its seconds and offers "Stop waiting", after which
nothing is sent again; a dropped booking settles as "not booked" in true words; notes clear
when they no longer apply; the flow has no dead ends and needs no Alt+letter.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from helpers.desk_factories import NOW, voucher
from helpers.fit import clipped, largest_text, pixel_size
from helpers.keys import FakeKeyClock, enter, type_text
from helpers.scan_desk import ScanDesk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from test_screenshots import result
from test_ui_flows import WAIT_MS, book_with_enter, ready_to_confirm, wait_state

from voucherdesk.app_context import open_demo
from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    Idle,
    Redeeming,
    ResultShown,
)
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.pin import LockPolicy, hash_pin
from voucherdesk.desk.verdict import judge
from voucherdesk.money import Money
from voucherdesk.settings import Settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.acknowledge_dialog import AcknowledgeDialog
from voucherdesk.ui.common.sound import SoundName, SoundPlayer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.common.theme import STATE_STYLES, state_style
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.main_window import PAGE_IDLE, PAGE_REFUSAL, PAGE_RESULT
from voucherdesk.ui.session import CounterSession
from voucherdesk.ui.settings.pin_box import PinBox

RED_OR_AMBER = {STATE_STYLES["error"].background, STATE_STYLES["warning"].background}


class HeardSounds(SoundPlayer):
    """The real player (silent on a machine without an audio device) that also notes what
    the window asked it to play: the one thing no test can hear."""

    def __init__(self) -> None:
        super().__init__(enabled=True)
        self.heard: list[SoundName] = []

    def play(self, name: SoundName) -> bool:
        self.heard.append(name)
        return super().play(name)


def open_counter(
    qtbot: QtBot, settings: Settings | None = None, *, sound: SoundPlayer | None = None
) -> CounterSession:
    feed = CallFeed()
    session = CounterSession(open_demo(observer=feed.observe, settings=settings), feed, sound=sound)
    qtbot.addWidget(session.window)
    session.window.resize(1366, 768)
    session.window.show()
    session.start()
    qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
    return session


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_counter(qtbot)
    yield session
    session.shutdown()


def visible_texts(widget: QWidget) -> list[str]:
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.isVisible() and label.text() and label.window() is widget.window()
    ]


# --- 4. refusals fill the window ----------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        "used_up",
        "cancelled",
        "expired",
        "other_currency",
        "unknown_code",
        "not_a_code",
        "unknown_status",
        "offline",
    ],
)
def test_a_refused_scan_fills_the_window_with_reason_next_step_and_the_esc_key(
    qtbot: QtBot, counter: CounterSession, role: str
) -> None:
    standin = counter.context.standin
    assert standin is not None
    codes = dict(DEMO_CODES, unknown_code=DEMO_CODES["fresh"][:-1] + "X", not_a_code="\x07\x07")
    if role == "unknown_status":
        codes[role] = "FRZN7Q2M"
        standin.state.add_voucher("FRZN7Q2M", Decimal("40"), status="frozen")
    if role == "offline":
        codes[role] = DEMO_CODES["fresh"]
        standin.faults.add(Fault("drop_before", times=0))
    window = counter.window
    window.on_scan(codes[role])
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown | CheckFailed))
    standin.faults.clear()
    view = window.refusal
    assert window.pages.currentIndex() == PAGE_REFUSAL
    assert view.size() == window.pages.size()  # the whole window, like a result
    assert state_style(str(view.property("state"))).background in RED_OR_AMBER
    assert not view.icon.pixmap().isNull()
    for part in (view.headline, view.reason, view.next_step):
        assert part.isVisible()
        assert part.text()
    assert largest_text(window)[1] == view.headline.text()  # the reason in large words
    assert pixel_size(view.reason) > pixel_size(view.next_step) >= pixel_size(view.facts)
    assert "Esc" in view.back_button.text()
    assert view.back_button.isVisible()
    assert "Esc" in view.hint.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert isinstance(counter.controller.state, Idle)
    assert window.pages.currentIndex() == PAGE_IDLE


def test_a_voucher_without_value_is_refused_in_the_same_way(
    qtbot: QtBot, counter: CounterSession
) -> None:
    empty = voucher(code="NOVAL42K", remaining_value=None, value=None)
    check = CheckResult(
        raw="NOVAL42K",
        code="NOVAL42K",
        voucher=empty,
        verdict=judge(empty, now=NOW, currency="EUR"),
    )
    counter.window.show_state(CardShown(1, check))
    view = counter.window.refusal
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL
    assert view.headline.text() == "No value"
    assert state_style(str(view.property("state"))).background in RED_OR_AMBER


@pytest.mark.parametrize("role", ["cancelled", "expired"])
def test_what_is_left_on_a_dead_voucher_is_small_print_and_never_active(
    qtbot: QtBot, counter: CounterSession, role: str
) -> None:
    window = counter.window
    window.on_scan(DEMO_CODES[role])
    state = wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    assert isinstance(state, CardShown)
    dead = state.check.voucher
    assert dead is not None
    left = formatting.money_of(dead.remaining, dead.currency)
    body = window.scaler.scale.body
    holding = [
        label
        for label in window.refusal.findChildren(QWidget)
        if label.isVisible() and left in str(getattr(label, "text", lambda: "")())
    ]
    assert holding  # said, but small
    assert all(pixel_size(label) <= body for label in holding)
    assert not any("active" in text.casefold().split() for text in visible_texts(window.refusal))
    assert left not in largest_text(window)[1]


# --- 5. a top-up to collect ---------------------------------------------------------------


def test_a_top_up_stays_until_the_money_is_confirmed_and_scans_wait(qtbot: QtBot) -> None:
    clock = FakeKeyClock()
    heard = HeardSounds()
    desk = ScanDesk(qtbot, clock, sound=heard)
    try:
        window, controller = desk.window, desk.controller
        booking = desk.open_booking(DEMO_CODES["small"])
        assert booking.quote is not None
        top_up = formatting.money(booking.quote.top_up)
        panel = window.booking
        assert panel.top_up_amount.text() == top_up
        assert panel.top_up_row.property("state") == "top_up"
        enter(panel.dates_list)
        result = desk.wait(lambda s: isinstance(s, ResultShown))
        assert isinstance(result, ResultShown)
        assert result.collecting
        view = window.result
        assert view.property("state") == "top_up"  # its own colour, not the done green
        assert STATE_STYLES["top_up"].background != STATE_STYLES["ok"].background
        assert heard.heard[-1] == "success"
        assert view.collect_amount.text() == top_up
        assert largest_text(window)[1] == top_up
        assert not controller.result_timer_running  # no timer: it stays
        assert view.top_up_button.isVisible()
        assert not view.done_button.isVisible()
        qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc does not leave the money behind
        assert controller.state is result
        assert window.status.message.text().startswith("Confirm the top-up first")

        # the next customer's voucher, scanned: refused with the warning sound and a word
        clock.now += 2_000
        focus = QApplication.focusWidget() or window
        with qtbot.waitSignal(controller.scan_refused, timeout=WAIT_MS):
            type_text(focus, clock, DEMO_CODES["fresh"], 4)
            enter(focus)
        assert heard.heard[-1] == "warning"
        assert window.status.message.text().startswith("Confirm the top-up first")
        assert top_up in window.status.message.text()
        assert controller.state is result  # the scan's Enter confirmed nothing
        # an Enter right after a key is not a decision either
        type_text(focus, clock, "x", 150)
        enter(focus)
        assert controller.state is result
        # a deliberate Enter: the money is taken, the screen may go
        clock.now += 400
        enter(QApplication.focusWidget() or window)
        taken = controller.state
        assert isinstance(taken, ResultShown)
        assert taken.top_up_taken
        assert view.property("state") == "ok"
        assert controller.result_timer_running
        assert not window.status.message.text().startswith("Confirm the top-up")
        window.on_scan(DEMO_CODES["used_up"])  # now the next customer is taken
        desk.wait(lambda s: isinstance(s, CardShown))
    finally:
        desk.close()


# --- 7. a slow bookingkit -----------------------------------------------------------------


def test_a_slow_booking_counts_seconds_and_stop_waiting_resends_nothing(qtbot: QtBot) -> None:
    session = open_counter(qtbot, Settings(request_timeout_s=1.0))
    try:
        standin = session.context.standin
        assert standin is not None
        window, controller = session.window, session.controller
        window.on_scan(DEMO_CODES["fresh"])
        wait_state(qtbot, session, ready_to_confirm)
        standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=5))
        controller.confirm()
        assert isinstance(controller.state, Redeeming)
        view = window.redeeming
        assert view.isVisible()
        assert view.elapsed.text() == "0 s"
        assert not view.offers_stop  # not before the request timeout
        qtbot.waitUntil(lambda: view.offers_stop, timeout=WAIT_MS)
        assert view.seconds() >= controller.request_timeout_s
        assert view.elapsed.text() != "0 s"
        assert view.slow_note.isVisible()
        qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
        stopped = controller.state
        assert isinstance(stopped, ResultShown)
        assert stopped.unknown
        result = window.result
        assert window.pages.currentIndex() == PAGE_RESULT
        assert result.headline.text() == "Outcome unknown"
        assert result.check_again_button.isVisible()
        assert state_style(str(result.property("state"))).background in RED_OR_AMBER
        # the desk's own answer comes soon and takes the screen: still unknown, with its key
        answered = wait_state(
            qtbot, session, lambda s: isinstance(s, ResultShown) and s.outcome is not None
        )
        assert isinstance(answered, ResultShown)
        assert answered.outcome is not None
        assert answered.outcome.kind is OutcomeKind.UNKNOWN
        key = answered.outcome.key
        # bookingkit stores the slow order in the end; the desk sent it once and never again
        qtbot.waitUntil(lambda: len(standin.state.orders_with_reference(key)) == 1, timeout=WAIT_MS)
        qtbot.mouseClick(result.check_again_button, Qt.MouseButton.LeftButton)
        settled = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown) and not s.unknown)
        assert isinstance(settled, ResultShown)
        assert settled.outcome is not None
        assert settled.outcome.kind is OutcomeKind.DONE
        assert len(standin.state.orders_with_reference(key)) == 1
    finally:
        session.shutdown()


# --- 8. true words --------------------------------------------------------------------------


def test_a_dropped_booking_settles_as_not_booked_in_true_words(qtbot: QtBot) -> None:
    timeout = 1.0
    session = open_counter(qtbot, Settings(request_timeout_s=timeout))
    try:
        standin = session.context.standin
        assert standin is not None
        window, controller = session.window, session.controller
        window.on_scan(DEMO_CODES["fresh"])
        wait_state(qtbot, session, ready_to_confirm)
        standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders", times=0))
        controller.confirm()
        qtbot.waitUntil(lambda: window.redeeming.offers_stop, timeout=WAIT_MS)
        controller.stop_waiting()
        answered = wait_state(
            qtbot, session, lambda s: isinstance(s, ResultShown) and s.outcome is not None
        )
        assert isinstance(answered, ResultShown)
        assert answered.outcome is not None
        key = answered.outcome.key
        standin.faults.clear()
        qtbot.wait(int(3 * timeout * 1000) + 300)  # the settle window: an empty lookup counts
        controller.check_again()
        settled = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown) and not s.unknown)
        assert isinstance(settled, ResultShown)
        assert settled.outcome is not None
        assert settled.outcome.case is OutcomeCase.NOT_BOOKED
        assert standin.state.orders_with_reference(key) == []
        result = window.result
        assert result.headline.text() == "Not booked"
        assert "did not answer" in result.detail.text()
        assert "nothing was booked" in result.detail.text()
        shown = " ".join(visible_texts(result)).casefold()
        assert "refused" not in shown
        assert "another date" not in shown
    finally:
        session.shutdown()


def _no_text_twice(texts: list[str]) -> list[tuple[str, str]]:
    long = [t.rstrip(".…") for t in texts if len(t) > 12]
    return [(a, b) for i, a in enumerate(long) for b in long[i + 1 :] if a in b or b in a]


def test_no_detail_text_is_shown_twice(qtbot: QtBot, counter: CounterSession) -> None:
    window = counter.window
    window.on_scan(DEMO_CODES["small"])
    booking = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(booking, Booking)
    assert booking.quote is not None
    for case in OutcomeCase:
        window.show_state(result(booking, case))
        assert _no_text_twice(visible_texts(window)) == [], case
    window.show_state(Checking(booking.ticket + 1, DEMO_CODES["fresh"]))
    assert _no_text_twice(visible_texts(window)) == [], "checking"
    for role in ("used_up", "cancelled", "expired", "other_currency"):
        window.on_scan(DEMO_CODES[role])
        wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
        assert _no_text_twice(visible_texts(window)) == [], role


# --- 7. notes -----------------------------------------------------------------------------


def test_notes_wrap_instead_of_being_cut_and_clear_when_they_no_longer_apply(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window, controller = counter.window, counter.controller
    note = window.status.message
    long = "Earlier booking: Booked — top-up not recorded on this computer, " * 4
    controller.note(long.strip())
    assert note.isVisible()
    assert clipped(window) == []  # all of it shows, on more than one line
    assert note.height() >= 2 * note.fontMetrics().height()
    window.on_scan(DEMO_CODES["fresh"])  # a new customer: the note was about the last one
    assert note.text() == ""
    assert not note.isVisible()
    wait_state(qtbot, counter, ready_to_confirm)
    controller.confirm()
    window.on_scan(DEMO_CODES["used_up"])  # refused while booking
    assert note.text().startswith("Still booking")
    wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert note.text() == ""  # the result is there: scanning works again


# --- 9. flow ------------------------------------------------------------------------------


def test_focus_starts_in_the_code_field(qtbot: QtBot, counter: CounterSession) -> None:
    window = counter.window
    window.activateWindow()
    qtbot.waitUntil(lambda: window.code_entry.hasFocus(), timeout=WAIT_MS)
    assert window.pages.currentIndex() == PAGE_IDLE


def test_esc_from_the_booking_keeps_its_choices_and_enter_goes_on(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window, controller = counter.window, counter.controller
    window.on_scan(DEMO_CODES["large"])
    first = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(first, Booking)
    assert first.dates is not None
    later = [d for d in first.dates if d.available_slots > 2 and d != first.date][1]
    panel = window.booking
    row = next(
        i for i in range(panel.dates_list.count()) if panel.dates_list.item(i).data(256) == later.id
    )
    panel.dates_list.setCurrentRow(row)
    panel.steppers[0].setValue(2)
    chosen = wait_state(qtbot, counter, lambda s: isinstance(s, Booking) and s.date == later)
    assert isinstance(chosen, Booking)
    qtbot.keyClick(panel.dates_list, Qt.Key.Key_Escape)
    card = controller.state
    assert isinstance(card, CardShown)
    assert card.kept is not None
    assert window.next_step.go_on_button.isVisible()  # not a dead end
    assert "Enter" in window.next_step.go_on_button.text()
    qtbot.keyClick(window.next_step, Qt.Key.Key_Return)
    again = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(again, Booking)
    assert again.date is not None
    assert again.date.id == later.id
    assert dict(again.participants)[first.event.prices[0].id] == 2  # type: ignore[union-attr]
    assert panel.dates_list.currentItem().data(256) == later.id
    qtbot.keyClick(panel.dates_list, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert isinstance(controller.state, Idle)


def test_tab_goes_experience_date_participants_confirm(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.activateWindow()
    window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, counter, ready_to_confirm)
    panel = window.booking
    qtbot.waitUntil(lambda: bool(panel.add_ons.steppers), timeout=WAIT_MS)  # products read
    assert panel.details.answer_lines  # the kayak tour asks each participant a question
    panel.search.setFocus()
    qtbot.waitUntil(panel.search.hasFocus)
    order: list[QWidget] = [panel.events_list, panel.dates_list, *panel.steppers]
    # the optional parts after the participants, before confirm (issue #14)
    order += [*panel.add_ons.steppers, *panel.details.answer_lines]
    order += [panel.details.name, panel.details.email, panel.details.comment]
    order.append(panel.confirm_button)
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is expected or expected.isAncestorOf(focus), (expected, focus)
    assert all(isinstance(box, QSpinBox) for box in panel.steppers)


def test_typing_in_the_search_never_leaves_an_old_experience_priced(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_CODES["fresh"])
    first = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(first, Booking)
    assert first.event is not None
    panel = window.booking
    qtbot.keyClicks(panel.search, "sun")  # hides the kayak tour that is priced now
    state = counter.controller.state
    assert isinstance(state, Booking)
    assert state.event is not None
    assert "sun" in state.event.title.casefold()
    assert state.quote is None or state.quote.event_id == state.event.id
    wait_state(qtbot, counter, ready_to_confirm)
    qtbot.keyClicks(panel.search, "zzz")  # nothing matches: nothing is priced
    state = counter.controller.state
    assert isinstance(state, Booking)
    assert state.event is None
    assert state.quote is None
    assert not panel.confirm_button.isEnabled()


def test_a_slip_keeps_the_result_and_the_hint_promises_no_timer(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.slip_requested.disconnect()  # no print dialog in this test: only the hint matters
    window.on_scan(DEMO_CODES["fresh"])
    book_with_enter(qtbot, counter)
    assert "after" in window.result.hint.text()
    assert counter.controller.result_timer_running
    qtbot.mouseClick(window.result.print_button, Qt.MouseButton.LeftButton)
    assert not counter.controller.result_timer_running
    assert "after" not in window.result.hint.text()
    assert not any(ch.isdigit() for ch in window.result.hint.text())


def test_menus_need_no_alt_letter(qtbot: QtBot, counter: CounterSession) -> None:
    window = counter.window
    menus = window.menuBar().findChildren(QMenu)
    assert menus
    for menu in menus:
        assert "&" not in menu.title()
        assert all("&" not in action.text() for action in menu.actions())
    window.activateWindow()
    window.code_entry.setFocus()
    for letter in (Qt.Key.Key_C, Qt.Key.Key_S, Qt.Key.Key_H):
        qtbot.keyClick(window.code_entry, letter, Qt.KeyboardModifier.AltModifier)
        assert QApplication.activePopupWidget() is None


def test_the_pin_field_is_off_when_no_pin_is_set(qtbot: QtBot) -> None:
    runner = TaskRunner()
    try:
        entry = JournalEntry(
            key="k1",
            created_at=NOW,
            state=EntryState.ATTENTION,
            voucher_id="v1",
            voucher_code="GIFT-1",
            quote_json="{}",
            order_id="o1",
            booking_code="BK1",
            top_up=None,
            drawn=Money(Decimal("0"), "EUR"),
            value_left=None,
            note="",
            updated_at=NOW,
        )
        without = AcknowledgeDialog(entry, pin_hash=None, policy=LockPolicy(), runner=runner)
        with_pin = AcknowledgeDialog(
            entry, pin_hash=hash_pin("2468", iterations=1_000), policy=LockPolicy(), runner=runner
        )
        for dialog in (without, with_pin):
            qtbot.addWidget(dialog)
        assert not without.pin_field.isEnabled()
        assert with_pin.pin_field.isEnabled()
        box = PinBox(None, 0)
        qtbot.addWidget(box)
        assert not box.current.isEnabled()
        assert PinBox(hash_pin("2468", iterations=1_000), 0).current.isEnabled()
    finally:
        runner.wait_for_done(5_000)
