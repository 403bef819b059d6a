"""Issue 9's window parts and issue 11's history/report items, on the demo stand-in.

A booking that drew otherwise than quoted (guess U1 played wrong by the stand-in) stays red
until someone with the counter's PIN acknowledges it, in the result or in the history; the PIN
is checked off the GUI thread; meanwhile the counter shows the alarm and real redemptions are
refused. The history lists entries of other environments apart and never offers to undo them;
its columns and search box fit; the report lists the top-up to hand back for an undone one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLineEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot
from test_screens_counter import open_counter
from test_ui_flows import WAIT_MS, ready_to_confirm, wait_state

from voucherdesk.bookingkit.environments import Environment
from voucherdesk.clock import utc_now
from voucherdesk.desk.flow import ResultShown, bookable
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.pin import Attempt, LockPolicy, hash_pin
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.acknowledge_dialog import AcknowledgeDialog
from voucherdesk.ui.history.panel import HistoryPanel
from voucherdesk.ui.history.shift_report_pdf import summary_html
from voucherdesk.ui.session import CounterSession

PIN = "2468"


class CheckedOnThread(LockPolicy):
    """The lock screen's policy, noting on which thread each PIN was checked."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def attempt(self, pin: str, encoded: str) -> Attempt:
        self.threads.append(threading.current_thread())
        return super().attempt(pin, encoded)


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_counter(qtbot)
    session.window.lock.configure(hash_pin(PIN, iterations=20_000), 0)
    yield session
    session.shutdown()


def redeem_in_window(qtbot: QtBot, session: CounterSession, role: str) -> ResultShown:
    session.window.on_scan(DEMO_CODES[role])
    wait_state(qtbot, session, ready_to_confirm)
    session.controller.confirm()
    result = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    return result


def raise_alarm(qtbot: QtBot, session: CounterSession) -> str:
    standin = session.context.standin
    assert standin is not None
    standin.state.ignores_voucher_payment = True  # guess U1 wrong: the order draws nothing
    result = redeem_in_window(qtbot, session, "fresh")
    standin.state.ignores_voucher_payment = False
    assert result.outcome is not None
    assert result.outcome.case is OutcomeCase.DRAWN_MISMATCH
    qtbot.waitUntil(lambda: bool(session.controller.alarms), timeout=WAIT_MS)
    return result.outcome.key


def acknowledge_dialog(session: CounterSession) -> AcknowledgeDialog:
    dialog = session.window.findChild(AcknowledgeDialog, "acknowledge")
    assert isinstance(dialog, AcknowledgeDialog)
    assert dialog.isVisible()
    return dialog


def test_an_alarm_stays_red_stops_redemptions_until_acknowledged_with_the_pin(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window, controller = counter.window, counter.controller
    policy = CheckedOnThread()
    window.lock_screen.policy = policy
    key = raise_alarm(qtbot, counter)
    view = window.result
    assert view.property("state") == "error"
    assert view.acknowledge_button.isVisible()
    assert not controller.result_timer_running  # stays until someone acknowledges
    assert window.alarm_banner.isVisible()
    assert "stopped" in window.alarm_banner.label.text()

    # meanwhile a real redemption is refused, and the banner stays on every screen
    controller.back()
    stopped = redeem_in_window(qtbot, counter, "large")
    assert stopped.outcome is not None
    assert stopped.outcome.case is OutcomeCase.REDEMPTIONS_STOPPED
    assert stopped.outcome.key == key
    assert view.property("state") == "error"
    assert window.alarm_banner.isVisible()

    qtbot.mouseClick(view.acknowledge_button, Qt.MouseButton.LeftButton)
    dialog = acknowledge_dialog(counter)
    assert dialog.pin_field.isEnabled()
    qtbot.keyClicks(dialog.pin_field, "1111")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Wrong PIN.", timeout=WAIT_MS)
    assert controller.alarms  # nothing acknowledged
    qtbot.keyClicks(dialog.pin_field, PIN)
    with qtbot.waitSignal(controller.acknowledged, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert policy.threads
    assert all(t is not threading.main_thread() for t in policy.threads)  # PBKDF2 off the GUI
    qtbot.waitUntil(lambda: not controller.alarms, timeout=WAIT_MS)
    assert counter.context.desk.alarms() == []
    assert not window.alarm_banner.isVisible()
    assert view.property("state") == "warning"  # no longer red: looked at
    assert not view.acknowledge_button.isVisible()
    assert counter.context.desk.journal.get(key).state is EntryState.DONE

    controller.back()
    again = redeem_in_window(qtbot, counter, "large")  # real redemptions go on
    assert again.outcome is not None
    assert again.outcome.case is OutcomeCase.BOOKED


def test_the_history_acknowledges_too_and_the_counter_follows(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window, controller = counter.window, counter.controller
    key = raise_alarm(qtbot, counter)
    controller.back()
    counter.open_history()
    history = next(d for d in window.findChildren(QDialog) if d.isVisible())
    panel = history.findChild(HistoryPanel)
    assert isinstance(panel, HistoryPanel)
    qtbot.waitUntil(lambda: any(e.key == key for e in panel.entries()), timeout=WAIT_MS)
    button = panel.findChild(QPushButton, "acknowledge")
    assert not button.isEnabled()
    assert panel.select_key(key)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(AcknowledgeDialog)
    assert isinstance(dialog, AcknowledgeDialog)
    qtbot.keyClicks(dialog.pin_field, PIN)
    with qtbot.waitSignal(panel.acknowledged, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.alarm_banner.isVisible(), timeout=WAIT_MS)
    assert controller.alarms == []
    assert counter.context.desk.journal.get(key).state is EntryState.DONE
    history.reject()


def test_entries_of_other_environments_are_listed_apart_and_never_undone(
    qtbot: QtBot, counter: CounterSession
) -> None:
    desk = counter.context.desk
    done = redeem_in_window(qtbot, counter, "fresh")
    assert done.outcome is not None
    check = desk.check(DEMO_CODES["large"])
    assert check.voucher is not None
    event = desk.events()[0]
    when = next(d for d in desk.dates(event.id) if bookable(event, d, utc_now()))
    quote = desk.quote(check.voucher, event, when, {event.prices[0].id: 1})
    sandbox = Environment("sandbox", "https://api.sandbox.bookingkit.example")
    elsewhere = desk.journal.mark(
        desk.journal.create(quote, desk.counter_id, sandbox), EntryState.SENT
    )
    unknown = desk.journal.create(quote, desk.counter_id, sandbox)
    with sqlite3.connect(desk.journal.path) as db:  # written before entries recorded one
        db.execute(
            "UPDATE entries SET environment = NULL, base_url = NULL WHERE key = ?", (unknown.key,)
        )
    counter.controller.back()
    counter.open_history()
    history = next(d for d in counter.window.findChildren(QDialog) if d.isVisible())
    panel = history.findChild(HistoryPanel)
    assert isinstance(panel, HistoryPanel)
    qtbot.waitUntil(lambda: len(panel.other_entries()) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(panel.entries()), timeout=WAIT_MS)
    assert [e.key for e in panel.entries()] == [done.outcome.key]  # this environment only
    others = panel.findChild(QTableWidget, "other_environments")
    assert others.isVisible()
    cells = {others.item(r, 3).text() for r in range(others.rowCount())}
    assert "environment unknown" in cells
    assert any(sandbox.base_url in c for c in cells)
    assert others.selectionMode() == QTableWidget.SelectionMode.NoSelection
    assert {e.key for e in panel.other_entries()} == {elsewhere.key, unknown.key}
    panel.select_key(elsewhere.key)  # not in the main table: nothing to undo
    assert not panel.findChild(QPushButton, "undo").isEnabled()
    history.reject()


def test_the_history_columns_and_search_box_fit(qtbot: QtBot, counter: CounterSession) -> None:
    redeem_in_window(qtbot, counter, "fresh")
    counter.controller.back()
    counter.open_history()
    history = next(d for d in counter.window.findChildren(QDialog) if d.isVisible())
    panel = history.findChild(HistoryPanel)
    assert isinstance(panel, HistoryPanel)
    qtbot.waitUntil(lambda: bool(panel.entries()), timeout=WAIT_MS)
    table = panel.findChild(QTableWidget, "entries")
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # no column pushed out of sight
    for column in range(table.columnCount()):
        label = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(label)
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            rect = table.visualItemRect(table.item(row, column))
            needed = table.fontMetrics().boundingRect(
                rect.adjusted(0, 0, -6, 0), int(Qt.TextFlag.TextWordWrap), text
            )
            assert needed.height() <= rect.height(), (label, text)
    assert header.sectionResizeMode(3) is QHeaderView.ResizeMode.Stretch
    search = panel.findChild(QLineEdit, "search")
    room = search.width() - 2 * search.fontMetrics().averageCharWidth()
    assert search.fontMetrics().horizontalAdvance(search.placeholderText()) <= room
    history.reject()


def test_the_report_lists_the_top_up_to_hand_back(qtbot: QtBot, counter: CounterSession) -> None:
    desk = counter.context.desk
    result = redeem_in_window(qtbot, counter, "small")  # a top-up is due
    assert result.outcome is not None
    assert result.outcome.top_up is not None
    counter.controller.take_top_up()
    key = result.outcome.key
    qtbot.waitUntil(lambda: desk.journal.get(key).top_up_taken_at is not None)  # journaled
    assert desk.undo(key).cancelled
    report = build_shift_report(desk.history(), day=date.today(), counter_id=desk.counter_id)
    text = summary_html(report)
    assert f"top-up to hand back: {formatting.money(result.outcome.top_up)}" in text


def test_the_history_and_the_report_are_one_dialog_each_however_often_opened(
    qtbot: QtBot, counter: CounterSession
) -> None:
    """Left open last stop: every Ctrl+H (and every report) made a new dialog, and the closed
    ones were never deleted: a counter open all day collected dozens. Opened again, the
    history starts over (today, no search, no old message) and reads the journal afresh."""
    redeem_in_window(qtbot, counter, "fresh")
    counter.controller.back()
    window = counter.window
    counter.open_history()
    panel = window.findChild(HistoryPanel)
    assert isinstance(panel, HistoryPanel)
    qtbot.waitUntil(lambda: len(panel.entries()) == 1, timeout=WAIT_MS)
    search = panel.findChild(QLineEdit, "search")
    search.setText("no such booking")
    qtbot.waitUntil(lambda: panel.entries() == [], timeout=WAIT_MS)
    panel.window().reject()

    redeem_in_window(qtbot, counter, "small")  # a second booking while it was closed
    counter.controller.back()
    for _ in range(3):
        counter.open_history()
        assert panel.window().isVisible()
        assert search.text() == ""
        qtbot.waitUntil(lambda: len(panel.entries()) == 2, timeout=WAIT_MS)
        panel.window().reject()
        counter.open_report()
        report = next(d for d in window.findChildren(QDialog) if d.isVisible())
        report.reject()
    assert len(window.findChildren(HistoryPanel)) == 1
    visible_or_not = [d for d in window.findChildren(QDialog) if type(d) is not QDialog]
    assert len(visible_or_not) <= 1  # the report dialog, once

    counter.rebuild_window()  # a new language: the new window has a history of its own
    counter.open_history()
    assert len(counter.window.findChildren(HistoryPanel)) == 1
    assert counter.window.findChild(HistoryPanel) is not panel
