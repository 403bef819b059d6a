"""The end-of-shift report dialog: pick a day, read the summary, save it as CSV or PDF.

Reading the journal runs on the TaskRunner's reads lane, writing the CSV on its writes lane; the
PDF is laid out on the GUI thread (QTextDocument), which takes a few milliseconds for a day's
entries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.hourly import redemptions_per_hour
from voucherdesk.desk.journal import UNFINISHED_STATES, JournalEntry
from voucherdesk.desk.shift_report import ShiftReport, build_shift_report, write_csv
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.history.hourly_chart import HourlyChart, chart_title
from voucherdesk.ui.history.shift_report_pdf import (
    MONEY_COLUMNS,
    summary_html,
    table_cells,
    table_headers,
    write_pdf,
)

if TYPE_CHECKING:
    from voucherdesk.desk.desk import Desk
    from voucherdesk.ui.common.tasks import TaskRunner

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ShiftReportDialog(QDialog):
    loaded = Signal(int)  # entries in the report, after each read of the journal
    saved = Signal(str)  # the path of a CSV or PDF just written

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        *,
        environment: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._environment = environment
        self._report: ShiftReport | None = None
        self._generation = 0
        # Tests pick the file instead of a person: (title, suggested path) -> path or None.
        self.choose_path: Callable[[str, str], str | None] | None = None
        self.resize(920, 620)

        self._heading = QLabel(self)
        self._heading.setProperty("role", "heading")
        self._day = QDateEdit(QDate.currentDate(), self)
        self._day.setObjectName("day")
        self._day.setCalendarPopup(True)
        self._day.setMaximumDate(QDate.currentDate())
        top = QHBoxLayout()
        top.addWidget(self._heading, 1)
        top.addWidget(self._day)

        self._summary = QLabel(self)
        self._summary.setObjectName("summary")
        self._summary.setTextFormat(Qt.TextFormat.RichText)
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._chart_title = QLabel(self)
        self._chart = HourlyChart(self)
        self._chart.setObjectName("hourly_chart")

        self._table = QTableWidget(0, len(table_headers()), self)
        self._table.setObjectName("entries")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self._message = QLabel(self)
        self._message.setObjectName("message")
        self._message.setWordWrap(True)
        self._csv_button = QPushButton(self)
        self._csv_button.setObjectName("save_csv")
        self._pdf_button = QPushButton(self)
        self._pdf_button.setObjectName("save_pdf")
        self._venue_button = QPushButton(self)
        self._venue_button.setObjectName("venue")
        self._close_button = QPushButton(self)
        self._close_button.setObjectName("close")
        self._close_button.setDefault(True)  # Enter closes; saving is a deliberate click
        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self._csv_button)
        bottom.addWidget(self._pdf_button)
        bottom.addWidget(self._venue_button)
        bottom.addWidget(self._close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._summary)
        layout.addWidget(self._chart_title)
        layout.addWidget(self._chart)
        layout.addWidget(self._table, 1)
        layout.addLayout(bottom)

        self._day.dateChanged.connect(self.refresh)
        self._csv_button.clicked.connect(self._save_csv_clicked)
        self._pdf_button.clicked.connect(self._save_pdf_clicked)
        self._venue_button.clicked.connect(self.open_venue_report)
        self._close_button.clicked.connect(self.reject)
        self._retranslate()
        self._update_buttons()

    # --- access for the app and tests ---------------------------------------------------
    def report(self) -> ShiftReport | None:
        return self._report

    def chart(self) -> HourlyChart:
        return self._chart

    def open_venue_report(self) -> QDialog:
        """The venue-wide report of the same day, in its own non-blocking window."""
        from voucherdesk.ui.history.venue_report_dialog import VenueReportDialog

        dialog = VenueReportDialog(self._desk, self._runner, day=self.day(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.refresh()
        dialog.open()
        return dialog

    def summary_text(self) -> str:
        return self._summary.text()

    def message(self) -> str:
        return self._message.text()

    def start_over(self) -> None:
        """Opened again (perhaps the next day): today's report, read afresh."""
        today = QDate.currentDate()
        with QSignalBlocker(self._day):
            self._day.setMaximumDate(today)
            self._day.setDate(today)
        self.refresh()

    def set_day(self, day: date) -> None:
        self._day.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> date:
        picked = self._day.date()
        return date(picked.year(), picked.month(), picked.day())

    # --- texts --------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("End-of-shift report"))
        self._heading.setText(
            fill(self.tr("End-of-shift report of counter {counter}"), counter=self._desk.counter_id)
        )
        self._csv_button.setText(self.tr("Save CSV…"))
        self._pdf_button.setText(self.tr("Save PDF…"))
        self._close_button.setText(self.tr("Close"))
        self._venue_button.setText(self.tr("Whole venue…"))
        self._venue_button.setToolTip(
            self.tr("Every counter's voucher orders of this day, read from bookingkit")
        )
        self._chart_title.setText(chart_title())
        self._table.setHorizontalHeaderLabels(table_headers())
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        desk, day = self._desk, self.day()
        self._generation += 1
        generation = self._generation
        # Nothing of the report shown before stays to be saved under this day's name.
        self._report = None
        self._fill()
        self._message.clear()
        self._summary.setText(self.tr("Reading the journal…"))
        self._runner.run(
            lambda: desk.history(day),
            on_done=lambda rows: self._show(generation, day, rows),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def _show(self, generation: int, day: date, rows: list[JournalEntry]) -> None:
        if generation != self._generation:
            return  # the clerk picked another day meanwhile
        self._report = build_shift_report(rows, day=day, counter_id=self._desk.counter_id)
        self._message.clear()
        self._fill()
        self.loaded.emit(len(self._report.entries))

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            words = wording.error(exc)
            self._summary.setText(f"{words.title}: {words.detail}")

    def _fill(self) -> None:
        report = self._report
        if report is None:
            self._table.setRowCount(0)
            self._chart.set_counts(redemptions_per_hour([]))
            self._update_buttons()
            return
        self._summary.setText(summary_html(report))
        self._chart.set_counts(redemptions_per_hour(report.entries))
        rows = table_cells(report)
        self._table.setRowCount(len(rows))
        for row, (entry, cells) in enumerate(zip(report.entries, rows, strict=True)):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in MONEY_COLUMNS:
                    item.setTextAlignment(_RIGHT)
                if entry.state in UNFINISHED_STATES:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self._table.setItem(row, column, item)
        if not rows:
            self._message.setText(self.tr("No redemptions on this day."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._report is not None
        self._csv_button.setEnabled(ready)
        self._pdf_button.setEnabled(ready)

    # --- saving -------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"voucherdesk-report-{self._desk.counter_id}-{self.day().isoformat()}.{suffix}"
        return str(Path(folder) / name) if folder else name

    def _pick(self, title: str, suffix: str, pattern: str) -> str | None:
        suggested = self._suggested(suffix)
        if self.choose_path is not None:
            return self.choose_path(title, suggested)
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return path or None

    def _save_csv_clicked(self) -> None:
        path = self._pick(self.tr("Save CSV"), "csv", self.tr("CSV files (*.csv)"))
        if path:
            self.save_csv(path)

    def _save_pdf_clicked(self) -> None:
        path = self._pick(self.tr("Save PDF"), "pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf(path)

    def save_csv(self, path: str) -> None:
        report = self._report
        if report is None:
            return
        self._runner.run(
            lambda: write_csv(report, path),
            on_done=lambda _none: self._saved(path),
            on_error=self._save_failed,
            lane="writes",
        )

    def save_pdf(self, path: str) -> None:
        report = self._report
        if report is None:
            return
        try:
            write_pdf(report, path, environment=self._environment)
        except OSError as exc:
            self._save_failed(exc)
            return
        self._saved(path)

    def _saved(self, path: str) -> None:
        self._message.setText(fill(self.tr("Saved {path}"), path=path))
        self.saved.emit(path)

    def _save_failed(self, exc: BaseException) -> None:
        self._message.setText(fill(self.tr("Not saved: {reason}"), reason=exc))
