"""This counter's redemptions of a day, searchable, with undo of a finished one.

The panel only shows and asks: reading the journal runs on the TaskRunner's reads lane, the undo
(a journal mark and a bookingkit call) on its writes lane, so the window never waits. What an
undo did to the voucher's value is said in plain words, from what bookingkit reports after the
cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.undo import UndoOutcome
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.tasks import TaskRunner

_COLUMNS = 7  # time, code, state, booked, drawn, top-up, booking code
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class HistoryPanel(QWidget):
    """``HistoryPanel(desk, runner)``; or construct empty and call ``set_runner(runner, desk)``."""

    undone = Signal(object)  # UndoOutcome, after an undo finished (cancelled or not)
    loaded = Signal(int)  # number of rows shown, after each refresh

    def __init__(
        self,
        desk: Desk | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._entries: list[JournalEntry] = []
        self._generation = 0
        self._undoing = False
        # Tests answer the undo question instead of a person (None: ask with a message box).
        self.confirm: Callable[[str], bool] | None = None

        self._heading = QLabel(self)
        self._heading.setProperty("role", "heading")
        self._day = QDateEdit(QDate.currentDate(), self)
        self._day.setObjectName("day")
        self._day.setCalendarPopup(True)
        self._search = QLineEdit(self)
        self._search.setObjectName("search")
        self._search.setClearButtonEnabled(True)
        self._refresh_button = QPushButton(self)
        self._refresh_button.setObjectName("refresh")
        top = QHBoxLayout()
        top.addWidget(self._heading, 1)
        top.addWidget(self._day)
        top.addWidget(self._search, 2)
        top.addWidget(self._refresh_button)

        self._table = QTableWidget(0, _COLUMNS, self)
        self._table.setObjectName("entries")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self._message = QLabel(self)
        self._message.setObjectName("message")
        self._message.setWordWrap(True)
        self._undo_button = QPushButton(self)
        self._undo_button.setObjectName("undo")
        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self._undo_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search after typing pauses, not per key
        self._search_timer.timeout.connect(self.refresh)
        self._search.textChanged.connect(self._search_timer.start)
        self._search.returnPressed.connect(self.refresh)
        self._refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self._day.dateChanged.connect(self.refresh)
        self._refresh_button.clicked.connect(self.refresh)
        self._undo_button.clicked.connect(self.undo_selected)
        self._table.itemSelectionChanged.connect(self._update_buttons)
        self._retranslate()
        self._update_buttons()

    # --- wiring -----------------------------------------------------------------------
    def set_runner(self, runner: TaskRunner, desk: Desk | None = None) -> None:
        self._runner = runner
        if desk is not None:
            self._desk = desk

    def set_desk(self, desk: Desk) -> None:
        self._desk = desk

    def entries(self) -> list[JournalEntry]:
        return list(self._entries)

    def message(self) -> str:
        return self._message.text()

    def set_search(self, text: str) -> None:
        self._search.setText(text)

    def set_day(self, day: date) -> None:
        self._day.setDate(QDate(day.year, day.month, day.day))

    # --- texts -------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self._heading.setText(self.tr("Redemptions at this counter"))
        self._search.setPlaceholderText(self.tr("Search voucher code or booking code"))
        self._refresh_button.setText(self.tr("Refresh"))
        self._undo_button.setText(self.tr("Undo redemption…"))
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Voucher"),
                self.tr("State"),
                self.tr("Booked"),
                self.tr("Drawn"),
                self.tr("Top-up"),
                self.tr("Booking code"),
            ]
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._desk is None or self._runner is None:
            return
        desk = self._desk
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        picked = self._day.date()
        day = date(picked.year(), picked.month(), picked.day())
        search = self._search.text().strip()
        self._runner.run(
            lambda: desk.history(day, search),
            on_done=lambda rows: self._show(generation, rows),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def _show(self, generation: int, rows: list[JournalEntry]) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self._entries = list(rows)
        self._fill()
        self.loaded.emit(len(self._entries))

    def _show_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            words = wording.error(exc)
            self._message.setText(f"{words.title}: {words.detail}")

    def _fill(self) -> None:
        selected = self._selected_key()
        self._table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            try:
                quote = entry.quote
                booked = f"{quote.event_title}, {formatting.date_time(quote.starts_at)}"
            except (ValueError, KeyError, TypeError):
                booked = "–"
            cells = (
                formatting.time_only(entry.created_at),
                entry.voucher_code,
                wording.entry_state(entry.state),
                booked,
                formatting.money(entry.drawn),
                formatting.money(entry.top_up) if entry.top_up and entry.top_up.amount else "–",
                entry.booking_code or "–",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.key)
                if column in (4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self._table.setItem(row, column, item)
            if entry.key == selected:
                self._table.selectRow(row)
        empty_note = self.tr("No redemptions on this day.")
        if not self._entries:
            self._message.setText(empty_note)
        elif self._message.text() == empty_note:
            self._message.clear()
        self._update_buttons()

    # --- undo ---------------------------------------------------------------------------
    def _selected_key(self) -> str | None:
        items = self._table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def selected_entry(self) -> JournalEntry | None:
        key = self._selected_key()
        return next((e for e in self._entries if e.key == key), None)

    def select_key(self, key: str) -> bool:
        for row, entry in enumerate(self._entries):
            if entry.key == key:
                self._table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        can_undo = (
            entry is not None
            and entry.state is EntryState.DONE
            and bool(entry.order_id)
            and self._desk is not None
            and entry.counter_id in ("", self._desk.counter_id)  # the desk refuses others
        )
        self._undo_button.setEnabled(can_undo and not self._undoing)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Undo redemption"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def undo_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.state is not EntryState.DONE or self._desk is None:
            return
        ask = self.confirm or self._ask
        if self._runner is None or not ask(wording.undo_question(entry)):
            return
        desk, key = self._desk, entry.key
        self._undoing = True
        self._update_buttons()
        self._message.setText(self.tr("Cancelling the booking in bookingkit…"))

        # The writes lane: a write is never cancelled (tasks.py), so its answer always arrives.
        self._runner.run(
            lambda: desk.undo(key),
            on_done=self._undo_done,
            on_error=self._undo_failed,
            lane="writes",
        )

    def _undo_done(self, outcome: UndoOutcome) -> None:
        self._undoing = False
        self._message.setText(wording.undo_result(outcome))
        self.undone.emit(outcome)
        self.refresh()

    def _undo_failed(self, exc: BaseException) -> None:
        self._undoing = False
        words = wording.error(exc)
        self._message.setText(
            self.tr("The booking was not cancelled.") + f" {words.detail} {words.next_step}"
        )
        self._update_buttons()
