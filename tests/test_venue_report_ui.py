"""The venue report window against three counters on the stand-in: progress per page, the
figures per counter, guess U5 in words, opened from the shift report; pictures in en/de."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.screens import save, themed
from helpers.venue_orders import Venue, open_venue, seed_day
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from voucherdesk.desk.venue_report import Visibility
from voucherdesk.standin import StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog
from voucherdesk.ui.history.venue_report_dialog import VenueReportDialog


@pytest.fixture
def venue(empty_standin: StandinServer, tmp_path: Path) -> Iterator[Venue]:
    with open_venue(empty_standin, tmp_path) as built:
        seed_day(built)
        yield built


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.wait_for_done(5_000)


def _read(qtbot: QtBot, dialog: VenueReportDialog) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.refresh()


def test_progress_per_page_and_figures(qtbot: QtBot, venue: Venue, runner: TaskRunner) -> None:
    venue.server.state.page_cap = 2  # 7 orders: 4 pages
    dialog = VenueReportDialog(venue.desks["till_2"], runner)
    qtbot.addWidget(dialog)
    dialog.show()
    values: list[tuple[int, int]] = []
    bar = dialog.progress_bar()
    bar.valueChanged.connect(lambda value: values.append((value, bar.maximum())))

    _read(qtbot, dialog)

    assert values[:4] == [(2, 7), (4, 7), (6, 7), (7, 7)]
    assert bar.isHidden()
    assert len(venue.server.state.order_list_queries) == 4
    rows = dialog.rows()
    assert [r[0] for r in rows] == ["box-office-1", "kiosk3", "till_2", "All counters"]
    assert rows[0][1:4] == ["2", "€122.50", "€10.00"]
    assert rows[1][1:] == ["1", "€12.50", "–", "1 (had drawn €25.00)"]
    assert rows[3][1:] == ["4", "€155.00", "€20.00", "2 (had drawn €55.00)"]
    assert "other counters' orders too" in dialog.visibility_text()


def test_owned_only_warns_and_names_the_scope(
    qtbot: QtBot, venue: Venue, runner: TaskRunner
) -> None:
    venue.server.state.owned_orders_only = True
    dialog = VenueReportDialog(venue.desks["box-office-1"], runner)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog)
    report = dialog.report()
    assert report is not None
    assert report.visibility is Visibility.OWN_ONLY
    assert [r[0] for r in dialog.rows()] == ["box-office-1", "All counters"]
    assert "orders_read_all" in dialog.visibility_text()


def test_a_failure_is_said_and_the_window_stays_usable(
    qtbot: QtBot, venue: Venue, runner: TaskRunner
) -> None:
    from voucherdesk.standin.faults import Fault

    venue.server.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    dialog = VenueReportDialog(venue.desks["kiosk3"], runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20_000):
        dialog.refresh()
    assert dialog.report() is None
    assert dialog.status_text()
    assert dialog.findChild(QPushButton, "refresh").isEnabled()
    venue.server.faults.clear()
    _read(qtbot, dialog)
    assert dialog.report() is not None


def test_the_shift_report_opens_it_for_its_day(
    qtbot: QtBot, venue: Venue, runner: TaskRunner
) -> None:
    shift = ShiftReportDialog(venue.desks["kiosk3"], runner, environment="demo")
    qtbot.addWidget(shift)
    shift.show()
    with qtbot.waitSignal(shift.loaded, timeout=5_000):
        shift.refresh()
    shift.findChild(QPushButton, "venue").click()
    opened = shift.findChild(VenueReportDialog)
    assert opened is not None
    assert opened.isVisible()
    assert opened.day() == shift.day()
    qtbot.waitUntil(lambda: opened.report() is not None, timeout=10_000)
    opened.reject()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_venue_report_screens(
    qtbot: QtBot, qapp: QApplication, venue: Venue, runner: TaskRunner, lang: str
) -> None:
    with themed(qapp, lang):
        dialog = VenueReportDialog(venue.desks["kiosk3"], runner)
        dialog.show()
        _read(qtbot, dialog)
        if lang == "de":
            assert dialog.windowTitle() != "Venue report"
            assert "122,50 €" in dialog.rows()[0][2]
        table = dialog.findChild(QTableWidget, "counters")
        assert not table.horizontalScrollBar().isVisible()  # every column fits
        save(dialog, lang, "venue_report")
        venue.server.state.owned_orders_only = True
        _read(qtbot, dialog)
        assert not table.horizontalScrollBar().isVisible()
        save(dialog, lang, "venue_report_own_only")
