"""The venue-wide report window: every counter's voucher orders of a day, read from bookingkit.

Reading runs on the TaskRunner's reads lane, one request per page; each page moves the progress
bar (through a queued signal, since pages arrive on the worker). Whether other counters' orders
could be seen at all (guess U5) is said above the table, as a warning when they may be hidden.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording import venue

if TYPE_CHECKING:
    from voucherdesk.desk.desk import Desk
    from voucherdesk.desk.venue_report import CounterTotals, Progress, VenueReport
    from voucherdesk.ui.common.tasks import TaskRunner

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _Relay(QObject):
    """Carries a page's progress from the worker thread to the window (queued)."""

    step = Signal(int, object)  # generation, Progress


class VenueReportDialog(QDialog):
    loaded = Signal(object)  # the VenueReport shown
    failed = Signal(str)  # the words shown when reading failed

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        *,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._report: VenueReport | None = None
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.step.connect(self._progressed)
        self.resize(960, 540)

        self._heading = QLabel(self)
        self._heading.setProperty("role", "heading")
        self._heading.setWordWrap(True)
        self._day = QDateEdit(QDate.currentDate(), self)
        self._day.setObjectName("day")
        self._day.setCalendarPopup(True)
        self._day.setMaximumDate(QDate.currentDate())
        if day is not None:
            self._day.setDate(QDate(day.year, day.month, day.day))
        self._refresh_button = QPushButton(self)
        self._refresh_button.setObjectName("refresh")
        top = QHBoxLayout()
        top.addWidget(self._heading, 1)
        top.addWidget(self._day)
        top.addWidget(self._refresh_button)

        self._progress = QProgressBar(self)
        self._progress.setObjectName("progress")
        self._status = QLabel(self)
        self._status.setObjectName("status")
        self._status.setWordWrap(True)
        self._scope = QLabel(self)
        self._scope.setObjectName("visibility")
        self._scope.setWordWrap(True)
        self._scope.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._table = QTableWidget(0, 5, self)
        self._table.setObjectName("counters")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().setVisible(False)
        self._table.setWordWrap(True)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self._footnote = QLabel(self)
        self._footnote.setObjectName("footnote")
        self._footnote.setWordWrap(True)
        self._close_button = QPushButton(self)
        self._close_button.setObjectName("close")
        self._close_button.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self._footnote, 1)
        bottom.addWidget(self._close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._progress)
        layout.addWidget(self._status)
        layout.addWidget(self._scope)
        layout.addWidget(self._table, 1)
        layout.addLayout(bottom)

        self._day.dateChanged.connect(self.refresh)
        self._refresh_button.clicked.connect(self.refresh)
        self._close_button.clicked.connect(self.reject)
        self._retranslate()

    # --- access for the app and tests ---------------------------------------------------
    def report(self) -> VenueReport | None:
        return self._report

    def day(self) -> date:
        picked = self._day.date()
        return date(picked.year(), picked.month(), picked.day())

    def set_day(self, day: date) -> None:
        self._day.setDate(QDate(day.year, day.month, day.day))

    def progress_bar(self) -> QProgressBar:
        return self._progress

    def visibility_text(self) -> str:
        return self._scope.text()

    def status_text(self) -> str:
        return self._status.text()

    def rows(self) -> list[list[str]]:
        table = self._table
        return [
            [
                (item.text() if (item := table.item(r, c)) else "")
                for c in range(table.columnCount())
            ]
            for r in range(table.rowCount())
        ]

    # --- texts --------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Venue report"))
        self._heading.setText(self.tr("Voucher orders of every counter, read from bookingkit"))
        self._refresh_button.setText(self.tr("Read again"))
        self._close_button.setText(self.tr("Close"))
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("Counter"),
                self.tr("Orders"),
                self.tr("Drawn"),
                self.tr("Top-ups"),
                self.tr("Cancelled"),
            ]
        )
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
        self._report = None
        self._progress.setRange(0, 0)  # busy until bookingkit says how many there are
        self._progress.show()
        self._status.setText(self.tr("Reading bookingkit's orders…"))
        self._scope.clear()
        self._fill()
        self._refresh_button.setEnabled(False)
        relay = self._relay

        self._runner.run(
            lambda: desk.venue_report(day, lambda step: relay.step.emit(generation, step)),
            on_done=lambda report: self._show(generation, report),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def _progressed(self, generation: int, step: Progress) -> None:
        if generation != self._generation:
            return
        if step.total is not None:
            self._progress.setRange(0, max(1, step.total))
            self._progress.setValue(min(step.orders, step.total))
        self._status.setText(venue.progress(step))

    def _show(self, generation: int, report: VenueReport) -> None:
        if generation != self._generation:
            return  # another day was picked meanwhile
        self._report = report
        self._progress.setRange(0, 1)
        self._progress.setValue(1)
        self._progress.hide()
        self._status.clear()
        self._refresh_button.setEnabled(True)
        self._fill()
        self.loaded.emit(report)

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        words = wording.error(exc)
        text = f"{words.title}: {words.detail} {words.next_step}".strip()
        self._progress.hide()
        self._status.setText(text)
        self._refresh_button.setEnabled(True)
        self.failed.emit(text)

    def _fill(self) -> None:
        report = self._report
        if report is None:
            self._table.setRowCount(0)
            self._footnote.clear()
            return
        complete = venue.is_complete(report)
        self._scope.setText(venue.visibility(report))
        self._scope.setProperty("role", "" if complete else "warning")
        self._scope.setStyleSheet("" if complete else "color: #9a3b00; font-weight: bold;")
        rows: list[CounterTotals] = [*report.counters, report.totals]
        self._table.setRowCount(len(rows))
        bold = QFont(self._table.font())
        bold.setBold(True)
        for row, counter in enumerate(rows):
            cells = (
                venue.counter_name(counter),
                formatting.count(counter.orders),
                venue.totals(counter.drawn),
                venue.totals(counter.top_ups),
                venue.cancelled(counter),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(_RIGHT)
                if counter is report.totals:
                    item.setFont(bold)
                self._table.setItem(row, column, item)
        self._table.resizeRowsToContents()
        self._footnote.setText(venue.footnote(report))
