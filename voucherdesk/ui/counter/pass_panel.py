"""Booking with a pass: the date, how many entries, and the entries left before and after.

A view of the flow's PassBooking state, beside the card. A pass for one experience shows it;
a pass for any experience lets the clerk pick one. The first date with room is preselected and
one entry; the entries left now and after this booking are as large as a voucher's amounts, and
a booking that wants more entries than are left is refused with the numbers. Enter books, Esc
goes back (the window's shortcut).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.flow import bookable
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.choosers import ChoiceList, CountBox

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from voucherdesk.bookingkit.models import Event, EventDate
    from voucherdesk.desk.kind_flow import PassBooking

_ID = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PassPanel(QWidget):
    event_chosen = Signal(object)  # Event (a pass for any experience)
    date_chosen = Signal(object)  # EventDate
    entries_changed = Signal(int)
    refresh_dates_requested = Signal()
    confirm_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._events: list[Event] = []
        self._dates: tuple[EventDate, ...] | None = None

        self.experience = QLabel()
        self.experience.setProperty("role", "heading")
        self.experience.setWordWrap(True)
        self.events_list = ChoiceList()
        self.events_list.setObjectName("pass_events")
        self.events_list.setMaximumHeight(150)
        self.events_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_list = ChoiceList()
        self.dates_list.setObjectName("pass_dates")
        self.dates_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_note = QLabel()
        self.dates_note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh places"))
        self.entries = CountBox()
        self.entries.setObjectName("pass_entries")
        self.entries.setRange(1, 99)
        self.entries.setMinimumWidth(70)
        self.price_title = QLabel()
        self.before_caption = QLabel(self.tr("Entries left now"))
        self.before_caption.setWordWrap(True)
        self.before = QLabel()
        self.before.setProperty("role", "figure")
        self.before.setAlignment(_RIGHT)
        self.after_caption = QLabel(self.tr("Left after this booking"))
        self.after_caption.setProperty("role", "heading")
        self.after_caption.setWordWrap(True)
        self.after = QLabel()
        self.after.setObjectName("entries_after")
        self.after.setProperty("role", "figure")
        self.after.setAlignment(_RIGHT)
        self.refusal_label = QLabel()
        self.refusal_label.setProperty("role", "heading")
        self.refusal_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back (Esc)"))
        self.confirm_button = QPushButton(self.tr("Book with the pass (Enter)"))
        self.confirm_button.setObjectName("confirmButton")
        for button in (self.back_button, self.confirm_button):
            button.setProperty("role", "action")

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Experience")))
        left.addWidget(self.experience)
        left.addWidget(self.events_list)
        dates_head = QHBoxLayout()
        dates_head.addWidget(QLabel(self.tr("Date")), 1)
        dates_head.addWidget(self.refresh_button)
        left.addLayout(dates_head)
        left.addWidget(self.dates_list, 1)
        left.addWidget(self.dates_note)
        people = QGroupBox(self.tr("Entries"))
        people_row = QHBoxLayout(people)
        people_row.addWidget(self.price_title, 1)
        people_row.addWidget(self.entries)
        figures = QGroupBox(self.tr("Pass"))
        grid = QGridLayout(figures)
        grid.setColumnStretch(0, 1)
        grid.addWidget(self.before_caption, 0, 0)
        grid.addWidget(self.before, 0, 1)
        grid.addWidget(self.after_caption, 1, 0)
        grid.addWidget(self.after, 1, 1)
        grid.addWidget(self.refusal_label, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button, 1)
        right = QVBoxLayout()
        right.addWidget(people)
        right.addWidget(figures, 1)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 3)
        outer.addLayout(right, 2)

        self.events_list.currentItemChanged.connect(self._on_event_item)
        self.dates_list.currentItemChanged.connect(self._on_date_item)
        self.entries.valueChanged.connect(self.entries_changed)
        self.refresh_button.clicked.connect(self.refresh_dates_requested)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.back_button.clicked.connect(self.back_requested)
        chain = [self.events_list, self.dates_list, self.entries, self.confirm_button]
        for first, second in itertools.pairwise([*chain, self.back_button, self.refresh_button]):
            QWidget.setTabOrder(first, second)

    # -- input from the flow --------------------------------------------------------------

    def set_events(self, events: Sequence[Event]) -> None:
        listed = [(e.id, e.title) for e in self._events]
        self._events = list(events)
        if listed == [(e.id, e.title) for e in self._events]:
            return  # the same list again (read minutes ago): the rows and the choice stay
        self.events_list.blockSignals(True)
        self.events_list.clear()
        for event in self._events:
            item = QListWidgetItem(event.title)
            item.setData(_ID, event.id)
            self.events_list.addItem(item)
        self.events_list.blockSignals(False)

    def show_booking(self, state: PassBooking) -> None:
        fixed = state.fixed_event
        self.events_list.setVisible(not fixed)
        title = state.event.title if state.event is not None else ""
        self.experience.setText(title if fixed else "")
        self.experience.setVisible(fixed)
        if not fixed:
            self._select_event(state.event)
        self._show_dates(state)
        self.entries.blockSignals(True)
        self.entries.setValue(state.entries)
        self.entries.blockSignals(False)
        self._show_quote(state)

    def focus_first_choice(self) -> None:
        """The date (the experience and one entry are preselected)."""
        self.dates_list.setFocus()

    # -- rendering ------------------------------------------------------------------------

    def _select_event(self, event: Event | None) -> None:
        self.events_list.blockSignals(True)
        self.events_list.setCurrentRow(-1)
        for row in range(self.events_list.count()):
            item = self.events_list.item(row)
            if event is not None and item.data(_ID) == event.id:
                self.events_list.setCurrentItem(item)
        self.events_list.blockSignals(False)

    def _show_dates(self, state: PassBooking) -> None:
        if state.dates is not self._dates:
            self._dates = state.dates
            self.dates_list.blockSignals(True)
            self.dates_list.clear()
            now = self._clock()
            for date in state.dates or ():
                self.dates_list.addItem(self._date_item(state.event, date, now))
            self.dates_list.blockSignals(False)
        self.dates_list.blockSignals(True)
        for row in range(self.dates_list.count()):
            item = self.dates_list.item(row)
            if state.date is not None and item.data(_ID) == state.date.id:
                self.dates_list.setCurrentItem(item)
        self.dates_list.blockSignals(False)
        if state.event is None:
            note = self.tr("Pick an experience.")
        elif state.loading_dates:
            note = self.tr("Loading dates…")
        elif state.dates_error is not None:
            words = wording.error(state.dates_error)
            note = f"{words.title}: {words.detail}"
        elif not state.dates:
            note = self.tr("No dates in the next four weeks.")
        else:
            note = ""
        self.dates_note.setText(note)
        self.dates_note.setVisible(bool(note))

    def _date_item(self, event: Event | None, date: EventDate, now: datetime) -> QListWidgetItem:
        when = formatting.slot(date.date)
        if date.available_slots <= 0:
            free = self.tr("full")
        else:
            free = fill(self.tr("{count} free"), count=formatting.count(date.available_slots))
        item = QListWidgetItem(f"{when}   —   {free}")
        item.setData(_ID, date.id)
        if event is not None and not bookable(event, date, now):
            item.setForeground(self.palette().placeholderText())
        return item

    def _show_quote(self, state: PassBooking) -> None:
        flex = state.sold.flex
        quote = state.quote
        self.before.setText(
            wording.entries_of(
                flex.redemption_available, flex.redemption_total, unlimited=flex.unlimited
            )
        )
        self.price_title.setText(
            fill(self.tr("Participants ({price})"), price=quote.price_title)
            if quote is not None and quote.price_title
            else self.tr("Participants")
        )
        self.confirm_button.setEnabled(quote is not None)
        self.after.setVisible(quote is not None)
        self.after_caption.setVisible(quote is not None)
        if quote is None:
            text = wording.pass_refusal(state.refusal) if state.refusal is not None else ""
            self.refusal_label.setText(text)
            self.refusal_label.setVisible(bool(text))
            return
        self.refusal_label.hide()
        self.after.setText(
            wording.entries_of(quote.entries_after, quote.entries_total, unlimited=quote.unlimited)
        )

    # -- clerk's choices ------------------------------------------------------------------

    def _on_event_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        event = next((e for e in self._events if e.id == item.data(_ID)), None)
        if event is not None:
            self.event_chosen.emit(event)

    def _on_date_item(self, item: QListWidgetItem | None) -> None:
        if item is None or self._dates is None:
            return
        date = next((d for d in self._dates if d.id == item.data(_ID)), None)
        if date is not None:
            self.date_chosen.emit(date)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.confirm_button.isEnabled():
            event.accept()
            self.confirm_requested.emit()
            return
        super().keyPressEvent(event)
