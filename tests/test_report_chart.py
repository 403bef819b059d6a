"""Redemptions per hour: counted from the journal, drawn in the report window and in the PDF
(a page rendered back to an image and measured), with pictures to look at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.screens import SCREENS, save, themed
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.hourly import HourlyCounts, redemptions_per_hour
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.standin import StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.history.hourly_chart import BAR, chart_image
from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog
from voucherdesk.ui.history.shift_report_pdf import write_pdf

TODAY = date.today()


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till", timeout=1.0)
    yield made
    close_desk(made)


@pytest.fixture
def one_entry(standin: StandinServer, desk: Desk) -> JournalEntry:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("HOURLY-1", Decimal("100"))
    outcome = desk.redeem(booking.quote(desk, vid, 1))
    return desk.journal.get(outcome.key)


def _at(entry: JournalEntry, hour: int, minute: int = 5, **over: object) -> JournalEntry:
    moment = datetime.combine(TODAY, datetime.min.time()).astimezone()
    return replace(entry, created_at=moment.replace(hour=hour, minute=minute), **over)  # type: ignore[arg-type]


def _day(entry: JournalEntry) -> list[JournalEntry]:
    """9:xx one, 11:xx three, 14:xx two, 21:xx one, plus an undone and a refused at 10:xx."""
    hours = [9, 11, 11, 11, 14, 14, 21]
    day = [_at(entry, h, i) for i, h in enumerate(hours)]
    day.append(_at(entry, 10, state=EntryState.UNDONE))
    day.append(_at(entry, 10, state=EntryState.REFUSED))
    return day


def test_counts_only_finished_redemptions_by_local_hour(one_entry: JournalEntry) -> None:
    hours = redemptions_per_hour(_day(one_entry))
    assert hours.first_hour == 8  # opening hours are always shown
    assert hours.hours == tuple(range(8, 22))  # stretched to the late one at 21:xx
    counts = dict(zip(hours.hours, hours.counts, strict=True))
    assert {h: n for h, n in counts.items() if n} == {9: 1, 11: 3, 14: 2, 21: 1}
    assert hours.total == build_shift_report(_day(one_entry), day=TODAY, counter_id="t").redemptions
    early = redemptions_per_hour([_at(one_entry, 6)])
    assert (early.first_hour, early.counts[0], len(early.counts)) == (6, 1, 13)
    assert redemptions_per_hour([]) == HourlyCounts(first_hour=8, counts=(0,) * 11)


def _bar_heights(image: QImage, hours: HourlyCounts) -> list[int]:
    """The bar colour's height in the middle of each hour's slot, in pixels."""
    slot = image.width() / len(hours.counts)
    heights = []
    for index in range(len(hours.counts)):
        x = int(slot * index + slot / 2)
        heights.append(sum(1 for y in range(image.height()) if _near(image.pixelColor(x, y), BAR)))
    return heights


def _near(seen: QColor, wanted: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (seen.red(), seen.green(), seen.blue()),
            (wanted.red(), wanted.green(), wanted.blue()),
            strict=True,
        )
    )


def test_bars_are_as_tall_as_their_counts(one_entry: JournalEntry, qapp: QApplication) -> None:
    hours = redemptions_per_hour(_day(one_entry))
    image = chart_image(hours, 700, 220, point_size=13)
    heights = _bar_heights(image, hours)
    unit = heights[hours.hours.index(9)]
    assert unit > 20
    for hour, count in zip(hours.hours, hours.counts, strict=True):
        assert abs(heights[hours.hours.index(hour)] - count * unit) <= 2 * count, (hour, heights)
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENS / "hourly_chart.png"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_report_window_and_pdf_show_the_chart(
    qtbot: QtBot, qapp: QApplication, desk: Desk, one_entry: JournalEntry, lang: str, tmp_path: Path
) -> None:
    runner = TaskRunner()
    try:
        with themed(qapp, lang):
            dialog = ShiftReportDialog(desk, runner, environment="demo")
            dialog.resize(980, 700)
            dialog.show()
            with qtbot.waitSignal(dialog.loaded, timeout=5_000):
                dialog.refresh()
            chart = dialog.chart()
            assert chart.counts().total == 1
            assert chart.isVisible()
            assert chart.height() >= chart.fontMetrics().height() * 6
            assert f"{one_entry.created_at.astimezone().hour:02d}: 1" in (
                chart.accessibleDescription()
            )
            grabbed = chart.grab().toImage()
            assert any(
                _near(grabbed.pixelColor(x, y), BAR)
                for x in range(0, grabbed.width(), 3)
                for y in range(0, grabbed.height(), 3)
            )
            save(dialog, lang, "shift_report_with_chart")

            report = dialog.report()
            assert report is not None
            busy = replace(report, entries=tuple(_day(one_entry)))
            pdf = tmp_path / f"report-{lang}.pdf"
            write_pdf(busy, pdf, environment="demo")
            document = QPdfDocument()
            assert document.load(str(pdf)) == QPdfDocument.Error.None_
            page = document.render(0, QSize(1240, 1754))
            document.close()
            assert not page.isNull()
            page.save(str(SCREENS / lang / "shift_report_pdf.png"))
            bar_pixels = sum(
                1
                for x in range(0, page.width(), 2)
                for y in range(0, page.height(), 2)
                if _near(page.pixelColor(x, y), BAR, 30)
            )
            assert bar_pixels > 500  # seven bars of the busy day, not a blank box
    finally:
        runner.wait_for_done(5_000)
