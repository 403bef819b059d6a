"""The counter window end to end: scan -> card -> book -> result, against the demo stand-in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from voucherdesk.app_context import open_demo
from voucherdesk.clock import utc_now
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Idle,
    Redeeming,
    ResultShown,
    State,
    bookable,
)
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.quote import QuoteProblem
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings, load_settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterApp
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.scanner import ScanCapture
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.main_window import PAGE_CARD, PAGE_REFUSAL, PAGE_RESULT
from voucherdesk.ui.session import CounterSession

WAIT_MS = 15_000


def open_session(qtbot: QtBot, settings: Settings | None = None) -> CounterSession:
    feed = CallFeed()
    context = open_demo(observer=feed.observe, settings=settings)
    session = CounterSession(context, feed)
    qtbot.addWidget(session.window)
    session.window.show()
    session.start()
    qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
    return session


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_session(qtbot)
    yield session
    session.shutdown()


def wait_state(qtbot: QtBot, session: CounterSession, test: Callable[[State], bool]) -> State:
    qtbot.waitUntil(lambda: test(session.controller.state), timeout=WAIT_MS)
    return session.controller.state


def ready_to_confirm(state: State) -> bool:
    return isinstance(state, Booking) and state.quote is not None


def book_with_enter(qtbot: QtBot, session: CounterSession) -> ResultShown:
    wait_state(qtbot, session, ready_to_confirm)
    qtbot.keyClick(session.window.booking, Qt.Key.Key_Return)
    state = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
    assert isinstance(state, ResultShown)
    return state


def test_full_voucher_scanned_by_keyboard_wedge_and_booked(
    qtbot: QtBot, counter: CounterSession
) -> None:
    capture = ScanCapture()
    capture.scanned.connect(counter.window.on_scan)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(capture)
    try:
        counter.window.code_entry.setFocus()
        qtbot.keyClicks(counter.window.code_entry, DEMO_CODES["fresh"])
        qtbot.keyClick(counter.window.code_entry, Qt.Key.Key_Return)
        # the card shows the scan a moment later (once its request has left); the scanner's
        # keys never reached the entry field
        qtbot.waitUntil(lambda: counter.window.pages.currentIndex() == PAGE_CARD)
        assert counter.window.code_entry.text() == ""
    finally:
        app.removeEventFilter(capture)
    state = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(state, Booking)
    assert state.check.verdict.kind == VerdictKind.USABLE
    assert counter.window.card.state_word.text() == "Good"
    # the sensible preselection: first event, first bookable date, one participant
    assert state.event is not None
    assert state.date is not None
    assert sum(n for _, n in state.participants) == 1
    # keyboard only: Enter in the date list (where the focus starts) confirms the booking
    qtbot.keyClick(counter.window.booking.dates_list, Qt.Key.Key_Return)
    result = wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.kind == OutcomeKind.DONE
    code = result.outcome.booking_code
    assert code
    assert counter.window.result.booking_code.text() == code
    assert counter.window.pages.currentIndex() == PAGE_RESULT
    assert counter.window.result.property("state") == "ok"
    standin = counter.context.standin
    assert standin is not None
    assert len(standin.state.orders_with_reference(result.outcome.key)) == 1


def test_partly_used_voucher_needs_a_top_up(qtbot: QtBot, counter: CounterSession) -> None:
    counter.window.on_scan(DEMO_CODES["small"])
    state = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(state, Booking)
    assert state.quote is not None
    assert state.check.verdict.kind == VerdictKind.PARTLY_USED
    assert not state.quote.top_up.is_zero
    panel = counter.window.booking
    assert panel.top_up_amount.text() == formatting.money(state.quote.top_up)
    assert panel.top_up_row.property("state") == "top_up"
    result = book_with_enter(qtbot, counter)
    outcome = result.outcome
    assert outcome is not None
    assert outcome.kind == OutcomeKind.DONE
    assert outcome.top_up == state.quote.top_up
    assert outcome.value_left is not None
    assert outcome.value_left.is_zero
    view = counter.window.result
    assert view.collect_amount.text() == formatting.money(outcome.top_up)
    assert view.headline.text() == "Booked — top-up due"
    assert view.property("state") == "top_up"


def test_used_up_voucher_shows_card_only(qtbot: QtBot, counter: CounterSession) -> None:
    counter.window.on_scan(DEMO_CODES["used_up"])
    state = wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    assert isinstance(state, CardShown)
    assert state.check.verdict.kind == VerdictKind.USED_UP
    refusal = counter.window.refusal
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL  # the whole window says it
    assert refusal.headline.text() == "Used up"
    assert refusal.property("state") == "used_up"
    assert not refusal.icon.pixmap().isNull()  # colour AND icon AND words
    counter.controller.confirm()  # nothing to confirm: stays on the card
    assert counter.controller.state is state


def test_unknown_code_offers_did_you_mean(qtbot: QtBot, counter: CounterSession) -> None:
    fresh = DEMO_CODES["fresh"]
    typo = fresh[:-1] + ("X" if fresh[-1] != "X" else "Y")
    counter.window.on_scan(typo)
    state = wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    assert isinstance(state, CardShown)
    assert state.check.verdict.kind == VerdictKind.UNKNOWN_CODE
    assert fresh in state.check.suggestions
    buttons = [
        b
        for b in counter.window.refusal.findChildren(QPushButton)
        if b.objectName() == "suggestion"
    ]
    button = next(b for b in buttons if b.text() == fresh)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    state = wait_state(qtbot, counter, lambda s: isinstance(s, Booking))
    assert isinstance(state, Booking)
    assert state.check.code == fresh


def test_full_date_cannot_be_confirmed(qtbot: QtBot, counter: CounterSession) -> None:
    counter.window.on_scan(DEMO_CODES["large"])
    state = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(state, Booking)
    assert state.dates is not None
    full = next(d for d in state.dates if d.available_slots == 0)
    counter.controller.pick_date(full)
    state = counter.controller.state
    assert isinstance(state, Booking)
    assert state.refusal is not None
    assert state.refusal.problem == QuoteProblem.FULL
    assert not counter.window.booking.confirm_button.isEnabled()
    assert "fully booked" in counter.window.booking.refusal_label.text()
    qtbot.keyClick(counter.window.booking, Qt.Key.Key_Return)
    assert isinstance(counter.controller.state, Booking)  # Enter did nothing


def test_server_down_is_offline_not_a_crash(qtbot: QtBot, counter: CounterSession) -> None:
    standin = counter.context.standin
    assert standin is not None
    standin.faults.add(Fault("drop_before", times=0))
    counter.window.on_scan(DEMO_CODES["fresh"])
    state = wait_state(qtbot, counter, lambda s: isinstance(s, CheckFailed))
    assert isinstance(state, CheckFailed)
    assert counter.window.refusal.headline.text() == "Offline"
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL
    assert counter.window.status.connection.text().endswith("OFFLINE")
    standin.faults.clear()
    qtbot.keyClick(counter.window, Qt.Key.Key_Escape)
    assert isinstance(counter.controller.state, Idle)


def test_timeout_is_outcome_unknown_until_checked_again(qtbot: QtBot) -> None:
    session = open_session(qtbot, Settings(request_timeout_s=1.0))
    try:
        standin = session.context.standin
        assert standin is not None
        session.window.on_scan(DEMO_CODES["fresh"])
        wait_state(qtbot, session, ready_to_confirm)
        # the order is stored but its answer comes too late; the lookup by key then fails too
        standin.faults.add(
            Fault("delay_after_commit", method="POST", path="/v3/orders", seconds=1.5)
        )
        standin.faults.add(Fault("error", method="GET", path="/v3/orders", status=400, times=0))
        result = book_with_enter(qtbot, session)
        assert result.unknown
        view = session.window.result
        assert view.headline.text() == "Outcome unknown"
        assert view.check_again_button.isVisible()
        assert view.property("state") == "warning"
        standin.faults.clear()
        qtbot.mouseClick(view.check_again_button, Qt.MouseButton.LeftButton)
        state = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown) and not s.unknown)
        assert isinstance(state, ResultShown)
        assert state.outcome is not None
        assert state.outcome.kind == OutcomeKind.DONE  # bookingkit had it: booked exactly once
        assert len(standin.state.orders_with_reference(state.outcome.key)) == 1
        assert view.headline.text() == "Booked"
        assert not view.check_again_button.isVisible()
    finally:
        session.shutdown()


def test_new_scan_dismisses_result(qtbot: QtBot, counter: CounterSession) -> None:
    counter.window.on_scan(DEMO_CODES["fresh"])
    book_with_enter(qtbot, counter)
    counter.window.on_scan(DEMO_CODES["used_up"])
    state = wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    assert isinstance(state, CardShown)
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL


def test_open_redemptions_are_settled_before_the_first_scan(qtbot: QtBot) -> None:
    feed = CallFeed()
    context = open_demo(observer=feed.observe)
    desk = context.desk
    # an entry left SENT by a crash: bookingkit never got the order
    check = desk.check(DEMO_CODES["large"])
    assert check.voucher is not None
    event = desk.events()[0]
    date = next(d for d in desk.dates(event.id) if bookable(event, d, utc_now()))
    quote = desk.quote(check.voucher, event, date, {event.prices[0].id: 1})
    # written ten minutes ago, so an empty lookup now proves that no order exists
    earlier = Journal(context.paths.journal_file, clock=lambda: utc_now() - timedelta(minutes=10))
    entry = earlier.create(quote, "demo", desk.environment)
    earlier.mark(entry, EntryState.SENT)
    earlier.close()
    # Settle windows run from this process's start; pretend it has run for an hour.
    desk._steps._started -= 3600
    session = CounterSession(context, feed)
    qtbot.addWidget(session.window)
    try:
        session.start()
        assert not session.controller.accepting
        session.on_scan(DEMO_CODES["fresh"])  # taken once the check is done, not lost
        assert isinstance(session.controller.state, Idle)
        wait_state(qtbot, session, lambda s: isinstance(s, Booking))
        assert "settled" in session.window.status.message.text()
        assert desk.journal.get(entry.key).state == EntryState.REFUSED
    finally:
        session.shutdown()


def test_app_without_setup_opens_demo_with_banner(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        "voucherdesk.ui.app.QMessageBox.warning", lambda *args: warnings.append(str(args[2]))
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=False)
    try:
        session = counter.open()
        qtbot.addWidget(session.window)
        assert session.context.demo
        assert session.window.demo_banner.isVisible()
        # either no keyring (a clear message first) or simply not set up yet
        assert warnings or "not set up" in session.window.demo_banner.label.text()
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        session.window.code_entry.setFocus()
        qtbot.keyClicks(session.window.code_entry, DEMO_CODES["used_up"])
        qtbot.keyClick(session.window.code_entry, Qt.Key.Key_Return)
        wait_state(qtbot, session, lambda s: isinstance(s, CardShown))
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_a_slow_answer_for_an_older_scan_is_never_shown(
    qtbot: QtBot, counter: CounterSession
) -> None:
    standin = counter.context.standin
    assert standin is not None
    counter.context.desk.check(DEMO_CODES["used_up"])  # index warm: both checks are one GET
    standin.faults.add(Fault("latency", method="GET", path="/v3/vouchers/*", seconds=0.8))
    counter.window.on_scan(DEMO_CODES["fresh"])  # slow
    counter.window.on_scan(DEMO_CODES["used_up"])  # fast: the fault fired once already
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    qtbot.waitUntil(lambda: not counter.runner.busy, timeout=WAIT_MS)
    state = counter.controller.state
    assert isinstance(state, CardShown)
    assert state.check.code == DEMO_CODES["used_up"]
    assert counter.window.card.code.text() == DEMO_CODES["used_up"]


def test_result_goes_back_to_scanning_after_the_delay(qtbot: QtBot) -> None:
    session = open_session(qtbot, Settings(result_delay_s=1))
    try:
        session.window.on_scan(DEMO_CODES["fresh"])
        book_with_enter(qtbot, session)
        wait_state(qtbot, session, lambda s: isinstance(s, Idle))
        assert session.window.pages.currentIndex() == 0
    finally:
        session.shutdown()


def test_rebuilt_window_speaks_the_new_language_and_keeps_the_state(
    qtbot: QtBot, counter: CounterSession
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter.window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, counter, ready_to_confirm)
    old = counter.window
    locale = QLocale()
    install_translations(app, "de")
    try:
        counter.rebuild_window()
        qtbot.addWidget(counter.window)
        assert counter.window is not old
        assert counter.window.booking.confirm_button.text() == "Buchen (Enter)"
        assert counter.window.pages.currentIndex() == PAGE_CARD
        assert counter.window.booking.events_list.count() > 0
        counter.on_scan(DEMO_CODES["used_up"])  # scans reach the new window
        wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
        assert counter.window.refusal.headline.text() == "Aufgebraucht"
    finally:
        install_translations(app, "en")
        QLocale.setDefault(locale)


def test_window_geometry_is_remembered(qtbot: QtBot, counter: CounterSession) -> None:
    counter.window.resize(760, 560)  # unlike the default 1180 x 760 (clamped to its minimum)
    expected = counter.window.size()
    counter.window.close()
    remembered = load_settings(app_paths().settings_file).settings.window_geometry
    assert remembered
    again = CounterSession(counter.context, CallFeed())
    qtbot.addWidget(again.window)
    assert again.window.size() == expected
    again.deleteLater()


def test_refused_order_is_red_with_the_reason(qtbot: QtBot, counter: CounterSession) -> None:
    standin = counter.context.standin
    assert standin is not None
    counter.window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, counter, ready_to_confirm)
    standin.faults.add(Fault("error", method="POST", path="/v3/orders", status=400))
    result = book_with_enter(qtbot, counter)
    assert result.outcome is not None
    assert result.outcome.kind == OutcomeKind.REFUSED
    view = counter.window.result
    assert view.property("state") == "error"
    assert view.headline.text() == "Refused by bookingkit"
    assert "Nothing was drawn" in view.detail.text()
    assert not view.booking_code.isVisible()


def test_voucher_used_elsewhere_meanwhile_asks_for_a_new_quote(
    qtbot: QtBot, counter: CounterSession
) -> None:
    standin = counter.context.standin
    assert standin is not None
    counter.window.on_scan(DEMO_CODES["large"])
    state = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(state, Booking)
    standin.state.add_redemption(state.voucher.id, Decimal("10.00"))  # another counter
    result = book_with_enter(qtbot, counter)
    assert result.outcome is not None
    assert result.outcome.kind == OutcomeKind.REQUOTE
    assert counter.window.result.property("state") == "warning"
    assert counter.window.result.headline.text() == "Voucher balance changed"
    assert standin.state.orders_with_reference(result.outcome.key) == []


def test_scan_during_a_redemption_waits_for_its_result(
    qtbot: QtBot, counter: CounterSession
) -> None:
    """The next customer's scan must not hide this customer's result (a top-up to collect,
    an unknown outcome): it is refused with a notice until the result is on screen."""
    standin = counter.context.standin
    assert standin is not None
    counter.window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, counter, ready_to_confirm)
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=0.6))
    counter.controller.confirm()
    assert isinstance(counter.controller.state, Redeeming)
    with qtbot.waitSignal(counter.controller.scan_refused, timeout=WAIT_MS):
        counter.window.on_scan(DEMO_CODES["used_up"])  # the next customer, while the POST waits
    assert counter.window.status.message.text().startswith("Still booking")
    wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    result = counter.controller.state
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.kind is OutcomeKind.DONE
    counter.window.on_scan(DEMO_CODES["used_up"])  # now the next customer is taken
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
