"""This counter's redemptions of a day, searchable, with undo of a finished one.

The panel only shows and asks: reading the journal runs on the TaskRunner's reads lane, the undo
(a journal mark and a bookingkit call) on its writes lane, so the window never waits. What an
undo did to the voucher's value is said in plain words, from what bookingkit reports after the
cancel. A booking that drew otherwise than quoted is acknowledged here too (with the counter's
PIN). Open entries sent to another bookingkit environment, or to none recorded, are listed
apart: never judged, never undone here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.clock import utc_now
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pin import LockPolicy
from voucherdesk.desk.shift_report import booked_items, customer_of
from voucherdesk.desk.slip import can_reprint, slip_from_entry
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.acknowledge_dialog import AcknowledgeDialog
from voucherdesk.ui.common.questions import ask_yes_no

if TYPE_CHECKING:
    from voucherdesk.desk.desk import Desk
    from voucherdesk.desk.undo import UndoOutcome
    from voucherdesk.ui.common.tasks import TaskRunner

_COLUMNS = 8  # time, code, state, booked, drawn, top-up, booking code, clerk
# The clerk column is there only when an entry names a clerk: without clerks, as before.
_OTHER_COLUMNS = 5  # day and time, code, state, environment, booking code
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _code(entry: JournalEntry) -> str:
    """The code redeemed; a ticket's or a pass's says which kind it is."""
    if entry.kind is VoucherKind.VALUE_VOUCHER:
        return entry.voucher_code
    return f"{entry.voucher_code} ({wording.kind_name(entry.kind)})"


def booked_text(entry: JournalEntry) -> str:
    """The experience and the appointment (what bookingkit booked, once it said), what was
    booked (participants, add-ons) and for whom: one line each, so the column wraps where the
    parts end."""
    try:
        quote = entry.any_quote
    except (ValueError, KeyError, TypeError):
        return "–"
    starts = entry.appointment_at or quote.starts_at
    when = formatting.date_time(starts) if starts is not None else wording.booking_line(quote)
    parts = [f"{quote.event_title}, {when}"]
    items = booked_items(entry)  # a voucher's booking; a ticket's or pass's says it in its code
    if items:
        parts.append(", ".join(f"{formatting.count(n)} × {title}" for n, title in items))
    customer = customer_of(entry)
    if customer:
        parts.append(customer)
    return "\n".join(parts)


class HistoryPanel(QWidget):
    """``HistoryPanel(desk, runner)``; or construct empty and call ``set_runner(runner, desk)``."""

    undone = Signal(object)  # UndoOutcome, after an undo finished (cancelled or not)
    loaded = Signal(int)  # number of rows shown, after each refresh
    others_loaded = Signal(int)  # open entries of other environments, after each refresh
    acknowledged = Signal(str)  # the key of an alarm acknowledged here
    top_up_taken = Signal(str)  # the key of a booking whose top-up was noted as taken here

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
        self._others: list[JournalEntry] = []
        self._pin_hash: str | None = None
        self._policy = LockPolicy()
        # Tests answer the undo question instead of a person (None: ask with a message box).
        self.confirm: Callable[[str], bool] | None = None
        # Set by the counter: whether a redemption's top-up is still to be collected there
        # (then an undo has none to pay back).
        self.top_up_open: Callable[[str], bool] | None = None
        self.top_up_taken_here: Callable[[str], bool] | None = None
        # Set by the counter: told every undo's answer, even when this panel is gone by then
        # (its window rebuilt for a new language): the counter must stop asking for the top-up
        # of a booking bookingkit cancelled. With the answer's words when nobody sees this
        # panel (closed, or gone): what to pay back must reach the clerk.
        self.undo_answered: Callable[[UndoOutcome, str | None], None] | None = None
        self._news = False  # an undo answered while the dialog was closed: kept for the reopen

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
        controls = QHBoxLayout()
        controls.addWidget(self._day)
        controls.addWidget(self._search, 1)
        controls.addWidget(self._refresh_button)

        self._table = QTableWidget(0, _COLUMNS, self)
        self._table.setObjectName("entries")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.verticalHeader().setVisible(False)
        self._table.setWordWrap(True)  # the booking wraps instead of being cut
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self._others_heading = QLabel(self)
        self._others_heading.setObjectName("others_heading")
        self._others_heading.setWordWrap(True)
        self._others_table = QTableWidget(0, _OTHER_COLUMNS, self)
        self._others_table.setObjectName("other_environments")
        self._others_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._others_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._others_table.verticalHeader().setVisible(False)
        self._others_table.setWordWrap(True)
        others_header = self._others_table.horizontalHeader()
        others_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        others_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._others_heading.hide()
        self._others_table.hide()

        self._message = QLabel(self)
        self._message.setObjectName("message")
        self._message.setWordWrap(True)
        self._acknowledge_button = QPushButton(self)
        self._acknowledge_button.setObjectName("acknowledge")
        self._undo_button = QPushButton(self)
        self._undo_button.setObjectName("undo")
        # A top-up nobody confirmed (left unpaid, or from a crash): its customer paid later.
        self._top_up_button = QPushButton(self)
        self._top_up_button.setObjectName("top_up_taken_later")
        self._slip_button = QPushButton(self)
        self._slip_button.setObjectName("print_slip")
        self._slip_action = QAction(self._table)  # the same from the row's context menu
        self._slip_action.setObjectName("print_slip_action")
        self._table.addAction(self._slip_action)
        self._table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self._slip_button)
        bottom.addWidget(self._acknowledge_button)
        bottom.addWidget(self._top_up_button)
        bottom.addWidget(self._undo_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addLayout(controls)
        layout.addWidget(self._table, 3)
        layout.addWidget(self._others_heading)
        layout.addWidget(self._others_table, 1)
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
        self._acknowledge_button.clicked.connect(self.acknowledge_selected)
        self._top_up_button.clicked.connect(self.take_selected_top_up)
        self._slip_button.clicked.connect(self.print_selected_slip)
        self._slip_action.triggered.connect(self.print_selected_slip)
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

    def set_pin(self, pin_hash: str | None, policy: LockPolicy) -> None:
        """The counter's PIN (asked before an acknowledgement) and its wrong-try back-off."""
        self._pin_hash = pin_hash
        self._policy = policy

    def other_entries(self) -> list[JournalEntry]:
        return list(self._others)

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
        self._search.setPlaceholderText(self.tr("Search voucher code, booking code or name"))
        self._refresh_button.setText(self.tr("Refresh"))
        self._undo_button.setText(self.tr("Undo redemption…"))
        self._acknowledge_button.setText(self.tr("Acknowledge…"))
        self._top_up_button.setText(self.tr("Top-up received…"))
        self._slip_button.setText(self.tr("Customer slip…"))
        self._slip_action.setText(self.tr("Print the customer slip again…"))
        self._search.setMinimumWidth(
            self._search.fontMetrics().horizontalAdvance(self._search.placeholderText()) + 60
        )
        self._others_heading.setText(
            self.tr(
                "Open entries sent to another bookingkit environment, or to one not recorded. "
                "They are not checked or changed here."
            )
        )
        self._others_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Voucher"),
                self.tr("State"),
                self.tr("Environment"),
                self.tr("Booking code"),
            ]
        )
        self._entry_headers = [
            self.tr("Time"),
            self.tr("Voucher"),
            self.tr("State"),
            self.tr("Booked"),
            self.tr("Drawn"),
            self.tr("Top-up"),
            self.tr("Booking code"),
            self.tr("Clerk"),
        ]
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- reading ------------------------------------------------------------------------
    def start_over(self) -> None:
        """Opened again: today, no search, none of the last visit's words (unless an undo is
        still on its way, or answered while the dialog was closed), and the journal read
        afresh; the last visit's rows are gone at once, so none is acted on before it is read
        again."""
        with QSignalBlocker(self._day), QSignalBlocker(self._search):
            self._day.setDate(QDate.currentDate())
            self._search.clear()
        if not self._undoing and not self._news:
            self._message.clear()
        self._news = False
        self._entries = []
        self._table.setRowCount(0)
        self._update_buttons()
        self.refresh()

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
        self._runner.run(
            desk.other_environments,
            on_done=lambda rows: self._show_others(generation, rows),
            on_error=lambda exc: self._show_error(generation, exc),
        )

    def _show_others(self, generation: int, rows: list[JournalEntry]) -> None:
        if generation != self._generation:
            return
        self._others = list(rows)
        self._others_table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            cells = (
                formatting.date_time(entry.created_at),
                entry.voucher_code,
                wording.entry_state(entry.state),
                wording.environment_name(entry),
                entry.booking_code or "–",
            )
            for column, text in enumerate(cells):
                self._others_table.setItem(row, column, QTableWidgetItem(text))
        self._others_table.resizeRowsToContents()
        shown = min(len(rows), 3)  # up to three rows without scrolling
        table = self._others_table
        table.setMinimumHeight(
            table.horizontalHeader().height()
            + sum(table.rowHeight(row) for row in range(shown))
            + 2 * table.frameWidth()
            + 2
        )
        self._others_heading.setVisible(bool(rows))
        self._others_table.setVisible(bool(rows))
        self.others_loaded.emit(len(rows))

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
        named = any(e.clerk or e.changed_by for e in self._entries)
        columns = _COLUMNS if named else _COLUMNS - 1
        self._table.setColumnCount(columns)
        self._table.setHorizontalHeaderLabels(self._entry_headers[:columns])
        self._table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            booked = booked_text(entry)
            cells = (
                formatting.time_only(entry.created_at),
                _code(entry),
                wording.entry_state(entry.state),
                booked,
                wording.entry_used(entry),
                wording.history_top_up(entry),
                entry.booking_code or "–",
                wording.entry_clerks(entry),
            )
            for column, text in enumerate(cells[:columns]):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.key)
                if column in (4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self._table.setItem(row, column, item)
            if entry.key == selected:
                self._table.selectRow(row)
        self._table.resizeRowsToContents()
        empty_note = self.tr("No redemptions on this day.")
        if not self._entries and self._message.text() in ("", empty_note):
            self._message.setText(empty_note)  # never over an undo's words or "Cancelling…"
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
        self._acknowledge_button.setEnabled(
            entry is not None and entry.state is EntryState.ATTENTION and self._desk is not None
        )
        self._top_up_button.setEnabled(entry is not None and self._takes_top_up(entry))
        reprintable = entry is not None and can_reprint(entry)
        self._slip_button.setEnabled(reprintable)
        self._slip_action.setEnabled(reprintable)

    # --- the slip again -------------------------------------------------------------------
    def print_selected_slip(self) -> QDialog | None:
        """The customer slip of the selected finished redemption again, marked as a copy:
        to a printer, or as a PDF where none is installed (non-blocking, a scan closes it)."""
        entry = self.selected_entry()
        if entry is None or not can_reprint(entry):
            return None
        from voucherdesk.ui.history.slip_printer import open_slip_dialog  # Qt's print support

        content = slip_from_entry(entry, printed_at=utc_now())
        return open_slip_dialog(content, self, self._message.setText)

    # --- a top-up paid later ---------------------------------------------------------------
    def _takes_top_up(self, entry: JournalEntry) -> bool:
        """A finished booking whose top-up nobody confirmed, and not on the counter's screen
        (there, its own button takes it)."""
        return (
            self._desk is not None
            and entry.top_up_not_taken
            and not (self.top_up_open is not None and self.top_up_open(entry.key))
        )

    def take_selected_top_up(self) -> None:
        """The customer paid a top-up later (one left unpaid, or from before a crash): noted
        as taken now, by the clerk signed in, after a question."""
        entry = self.selected_entry()
        desk, runner = self._desk, self._runner
        if entry is None or desk is None or runner is None or not self._takes_top_up(entry):
            return
        ask = self.confirm or (lambda q: self._ask(q, self.tr("Top-up received")))
        if not ask(wording.top_up_taken_question(entry)):
            return
        key, clerk = entry.key, desk.clerk
        runner.run(
            lambda: desk.top_up_taken(key, by=clerk),
            on_done=lambda _none: self._top_up_noted(entry),
            on_error=self._acknowledge_failed,
            lane="writes",
        )

    def _top_up_noted(self, entry: JournalEntry) -> None:
        self._message.setText(wording.top_up_taken_later(entry))
        self.top_up_taken.emit(entry.key)
        self.refresh()

    # --- acknowledge ----------------------------------------------------------------------
    def acknowledge_selected(self) -> None:
        """Ask for the counter's PIN (when one is set), then let redemptions go on."""
        entry = self.selected_entry()
        if entry is None or entry.state is not EntryState.ATTENTION or self._runner is None:
            return
        dialog = AcknowledgeDialog(
            entry, pin_hash=self._pin_hash, policy=self._policy, runner=self._runner, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per question, not kept
        dialog.confirmed.connect(self._acknowledge)
        dialog.open()

    def _acknowledge(self, key: str) -> None:
        desk, runner = self._desk, self._runner
        if desk is None or runner is None:
            return
        runner.run(
            lambda: desk.acknowledge(key),
            on_done=lambda _entry: self._acknowledge_done(key),
            on_error=self._acknowledge_failed,
            lane="writes",
        )

    def _acknowledge_failed(self, exc: BaseException) -> None:
        words = wording.error(exc)
        self._message.setText(f"{words.title}: {words.detail}")

    def _acknowledge_done(self, key: str) -> None:
        self._message.setText(self.tr("Acknowledged: real redemptions go on."))
        self.acknowledged.emit(key)
        self.refresh()

    def _ask(self, question: str, title: str = "") -> bool:
        return ask_yes_no(self, title or self.tr("Undo redemption"), question)

    def undo_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.state is not EntryState.DONE or self._desk is None:
            return
        ask = self.confirm or self._ask
        question = wording.undo_question(entry, taken_here=self._taken_here(entry.key))
        if self._runner is None or not ask(question):
            return
        desk, key = self._desk, entry.key
        self._undoing = True
        self._update_buttons()
        self._message.setText(self.tr("Cancelling the booking in bookingkit…"))

        # The writes lane: a write is never cancelled (tasks.py), so its answer always arrives.
        tell_counter = self.undo_answered

        def answered(outcome: UndoOutcome) -> None:
            words = self._undo_words(outcome)  # plain Python: even when the panel is gone
            seen = False
            try:
                seen = self.isVisible()  # raises when this panel is gone meanwhile
                self._undo_done(outcome, words, seen=seen)
            finally:
                if tell_counter is not None:
                    tell_counter(outcome, None if seen else words)

        self._runner.run(
            lambda: desk.undo(key), on_done=answered, on_error=self._undo_failed, lane="writes"
        )

    def _taken_here(self, key: str) -> bool:
        """Whether the counter took ``key``'s top-up in this session (journaled or not)."""
        return self.top_up_taken_here is not None and self.top_up_taken_here(key)

    @property
    def message_text(self) -> str:
        """What the panel says last (an undo's result, a failure)."""
        return self._message.text()

    def _undo_words(self, outcome: UndoOutcome) -> str:
        # Asked now, not when the undo began: the clerk may have taken the money meanwhile.
        # Taken: the journal said so when the undo began, or the counter took it since.
        key = outcome.key
        still_open = self.top_up_open is not None and self.top_up_open(key)
        taken = not still_open and (outcome.top_up_taken or self._taken_here(key))
        return wording.undo_result(outcome, top_up_taken=taken)

    def _undo_done(self, outcome: UndoOutcome, words: str, *, seen: bool) -> None:
        self._undoing = False
        self._message.setText(words)
        self._news = not seen  # what to pay back, for when it is opened again
        self.undone.emit(outcome)
        self.refresh()

    def _undo_failed(self, exc: BaseException) -> None:
        self._undoing = False
        words = wording.error(exc)
        self._message.setText(
            self.tr("The booking was not cancelled.") + f" {words.detail} {words.next_step}"
        )
        self._news = not self.isVisible()
        self._update_buttons()
