"""The end-of-shift report dialog on a real journal: summary, CSV and PDF, menu, pictures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.screens import save, themed
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from test_ui_flows import open_session

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.redeem import OutcomeKind
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer
from voucherdesk.standin.faults import Fault
from voucherdesk.ui.common.formatting import money
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    """Today: one redemption with a top-up, one undone, one with an unknown outcome."""
    made = make_desk(standin.base_url, tmp_path / "till", timeout=1.0)
    state = standin.state
    booking = Booking.add_to(standin)
    kinds = []
    for code, value in (("GIFT-AB12", "10.00"), ("GIFT-CD34", "100.00")):
        outcome = made.redeem(booking.quote(made, state.add_voucher(code, Decimal(value)), 1))
        kinds.append(outcome.kind)
        if outcome.top_up is not None:
            made.top_up_taken(outcome.key, by=None)  # the clerk took it at the counter
    assert made.undo(outcome.key).cancelled
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    lost = made.redeem(booking.quote(made, state.add_voucher("GIFT-EF56", Decimal(80)), 2))
    kinds.append(lost.kind)
    standin.faults.clear()
    assert kinds == [OutcomeKind.DONE, OutcomeKind.DONE, OutcomeKind.UNKNOWN]
    yield made
    close_desk(made)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.wait_for_done(5_000)


def _dialog(
    qtbot: QtBot, desk: Desk, runner: TaskRunner, *, track: bool = True
) -> ShiftReportDialog:
    dialog = ShiftReportDialog(desk, runner, environment="demo")
    if track:  # themed() deletes its own windows; qtbot must not close them again
        qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=5_000) as shown:
        dialog.refresh()
    assert shown.args == [3]
    return dialog


def test_summary_totals_and_open_entry(qtbot: QtBot, desk: Desk, runner: TaskRunner) -> None:
    dialog = _dialog(qtbot, desk, runner)
    text = dialog.summary_text()
    assert "need checking" in text
    assert "GIFT-EF56" in text
    ten, twenty = (money(Money(Decimal(v), "EUR")) for v in ("10", "20"))
    assert ten in text
    assert twenty in text
    assert "Undone redemptions" in text
    assert "GIFT-CD34" in text
    report = dialog.report()
    assert report is not None
    assert report.redemptions == 1
    with qtbot.waitSignal(dialog.loaded, timeout=5_000) as shown:
        dialog.set_day(date(2020, 1, 1))
    assert shown.args == [0]
    assert "No redemptions" in dialog.message()


def test_save_pdf_and_csv_through_the_buttons(
    qtbot: QtBot, desk: Desk, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, desk, runner)
    asked: list[str] = []

    def choose(title: str, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / Path(suggested).name)

    dialog.choose_path = choose
    with qtbot.waitSignal(dialog.saved, timeout=5_000) as pdf:
        dialog.findChild(QPushButton, "save_pdf").click()
    assert Path(pdf.args[0]).read_bytes().startswith(b"%PDF")
    assert Path(pdf.args[0]).stat().st_size > 1000
    with qtbot.waitSignal(dialog.saved, timeout=5_000) as saved_csv:
        dialog.findChild(QPushButton, "save_csv").click()
    lines = Path(saved_csv.args[0]).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4
    assert [Path(p).name for p in asked] == [
        f"voucherdesk-report-till1-{date.today().isoformat()}.pdf",
        f"voucherdesk-report-till1-{date.today().isoformat()}.csv",
    ]
    assert "Saved" in dialog.message()


def test_unwritable_pdf_is_reported(
    qtbot: QtBot, desk: Desk, runner: TaskRunner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, desk, runner)
    dialog.save_pdf(str(tmp_path / "no-such-dir" / "r.pdf"))
    assert "Not saved" in dialog.message()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_report_screens(
    qtbot: QtBot, qapp: QApplication, desk: Desk, runner: TaskRunner, lang: str
) -> None:
    with themed(qapp, lang):
        dialog = _dialog(qtbot, desk, runner, track=False)
        dialog.resize(980, 620)
        if lang == "de":
            assert dialog.windowTitle() == "Schichtbericht"
            assert "prüfen" in dialog.summary_text()
            assert "10,00 €" in dialog.summary_text()
        save(dialog, lang, "shift_report")


def test_counter_menu_opens_the_report(qtbot: QtBot) -> None:
    session = open_session(qtbot)
    try:
        action = session.window.report_action
        assert action.shortcut().toString() == "Ctrl+R"
        action.trigger()
        dialog = session.window.findChild(ShiftReportDialog)
        assert dialog is not None
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.report() is not None, timeout=5_000)
        assert "settled" in dialog.summary_text()  # a fresh demo journal has nothing open
        dialog.reject()
    finally:
        session.shutdown()
