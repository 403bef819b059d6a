"""The history panel against a Desk on the stand-in: list, search, undo with plain words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.redeem import OutcomeKind
from voucherdesk.standin import StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.history.panel import HistoryPanel


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "desk", timeout=5.0)
    yield made
    close_desk(made)


@pytest.fixture
def booked(standin: StandinServer, desk: Desk) -> dict[str, str]:
    """Two redemptions today: one paid fully by a voucher, one with a top-up."""
    booking = Booking.add_to(standin)
    full = standin.state.add_voucher("HIST-FULL-1", Decimal("100.00"))
    small = standin.state.add_voucher("HIST-SMALL-2", Decimal("10.00"))
    keys = {}
    for name, ident in (("full", full), ("small", small)):
        outcome = desk.redeem(booking.quote(desk, ident, adults=1))
        assert outcome.kind is OutcomeKind.DONE, outcome.case
        keys[name] = outcome.key
    desk.top_up_taken(keys["small"], by=None)  # the counter took its top-up
    return keys


@pytest.fixture
def panel(qtbot: QtBot, desk: Desk) -> Iterator[HistoryPanel]:
    runner = TaskRunner()
    widget = HistoryPanel(desk, runner)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    runner.wait_for_done(5_000)


def _load(qtbot: QtBot, panel: HistoryPanel) -> int:
    with qtbot.waitSignal(panel.loaded, timeout=5_000) as shown:
        panel.refresh()
    return int(shown.args[0])


def test_lists_todays_redemptions(
    qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str]
) -> None:
    assert _load(qtbot, panel) == 2
    entries = panel.entries()
    assert {e.key for e in entries} == set(booked.values())
    assert all(e.state is EntryState.DONE and e.booking_code for e in entries)
    small = next(e for e in entries if e.key == booked["small"])
    assert small.top_up is not None
    assert small.top_up.amount == Decimal("20.00")


def test_search_narrows_and_says_when_nothing_matches(
    qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str]
) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=5_000) as shown:
        panel.set_search("HIST-SMALL")  # refreshes after the typing pause
    assert shown.args == [1]
    assert panel.entries()[0].key == booked["small"]
    with qtbot.waitSignal(panel.loaded, timeout=5_000) as shown:
        panel.set_search("NO-SUCH-CODE")
    assert shown.args == [0]
    assert "No redemptions" in panel.message()


def test_another_day_is_empty(qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str]) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=5_000) as shown:
        panel.set_day(date.today() - timedelta(days=3))
    assert shown.args == [0]


def _undo(qtbot: QtBot, panel: HistoryPanel, key: str, questions: list[str]) -> str:
    _load(qtbot, panel)
    assert panel.select_key(key)
    undo_button = panel.findChild(QPushButton, "undo")
    assert undo_button.isEnabled()

    def confirm(question: str) -> bool:
        questions.append(question)
        return True

    panel.confirm = confirm
    with qtbot.waitSignal(panel.undone, timeout=10_000) as done:
        undo_button.click()
    assert done.args[0].cancelled
    return panel.message()


def test_undo_cancels_and_says_the_value_did_not_come_back(
    qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str], standin: StandinServer
) -> None:
    standin.state.cancel_restores_voucher = False
    questions: list[str] = []
    message = _undo(qtbot, panel, booked["full"], questions)
    assert "HIST-FULL-1" in questions[0]
    assert "is cancelled" in message
    assert "did NOT go back onto the voucher" in message
    with qtbot.waitSignal(panel.loaded, timeout=5_000):
        pass  # the panel refreshes itself after an undo
    entry = next(e for e in panel.entries() if e.key == booked["full"])
    assert entry.state is EntryState.UNDONE
    assert panel.select_key(entry.key)
    assert not panel.findChild(QPushButton, "undo").isEnabled()


def test_undo_with_top_up_says_the_value_came_back_and_top_up_is_due(
    qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str], standin: StandinServer
) -> None:
    standin.state.cancel_restores_voucher = True
    questions: list[str] = []
    message = _undo(qtbot, panel, booked["small"], questions)
    assert "top-up" in questions[0]
    assert "went back onto the voucher" in message
    assert "Pay the top-up" in message


def test_declined_confirmation_cancels_nothing(
    qtbot: QtBot, panel: HistoryPanel, booked: dict[str, str], standin: StandinServer
) -> None:
    _load(qtbot, panel)
    assert panel.select_key(booked["full"])
    panel.confirm = lambda question: False
    panel.findChild(QPushButton, "undo").click()
    assert panel.findChild(QPushButton, "undo").isEnabled()  # nothing started
    orders = standin.state.orders()
    assert all(o.get("status") != "CANCELED" for o in orders)


def test_another_counters_redemption_cannot_be_undone_here(
    qtbot: QtBot, panel: HistoryPanel, standin: StandinServer, tmp_path: Path
) -> None:
    other = make_desk(standin.base_url, tmp_path / "desk", timeout=5.0, counter_id="till2")
    try:
        ident = standin.state.add_voucher("HIST-OTHER-3", Decimal("100.00"))
        booking = Booking.add_to(standin)
        key = other.redeem(booking.quote(other, ident, adults=1)).key
    finally:
        close_desk(other)
    assert _load(qtbot, panel) == 1  # the shared journal lists it
    assert panel.select_key(key)
    assert panel.selected_entry().counter_id == "till2"
    assert not panel.findChild(QPushButton, "undo").isEnabled()
