"""Redeeming an open-date ticket: how its appointment is found, and which one it will be.

A view of the flow's TicketBooking state, beside the card. Three ways on the left ("this tour,
now", the same even when full, "next free appointment"), or a date picked in the list below
them; on the right the appointment that choice gives, large, before Enter. The first way is
preselected: the appointment running or starting next, never overbooked. Enter redeems (when
an appointment is shown), Esc goes back (the window's shortcut), like a voucher's booking.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.clock import Clock, utc_now
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.choosers import ChoiceList

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from voucherdesk.bookingkit.models import EventDate
    from voucherdesk.desk.kind_flow import TicketBooking

_ID = Qt.ItemDataRole.UserRole
# The ways offered as a list; the fourth (selected_appointment) is picking a date below.
WAYS = (
    RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING,
    RedemptionStrategy.CURRENT_WITH_OVERBOOKING,
    RedemptionStrategy.NEXT_AVAILABLE,
)


class TicketPanel(QWidget):
    strategy_chosen = Signal(object)  # RedemptionStrategy
    date_chosen = Signal(object)  # EventDate: redeem for this date (selected_appointment)
    refresh_dates_requested = Signal()
    confirm_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._dates: tuple[EventDate, ...] | None = None

        self.ways = ChoiceList()
        self.ways.setObjectName("ticket_ways")
        self.ways.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_list = ChoiceList()
        self.dates_list.setObjectName("ticket_dates")
        self.dates_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_note = QLabel()
        self.dates_note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh places"))
        self.experience = QLabel()
        self.experience.setProperty("role", "heading")
        self.experience.setWordWrap(True)
        self.way_line = QLabel()
        self.way_line.setWordWrap(True)
        self.appointment = QLabel()
        self.appointment.setObjectName("appointment")
        self.appointment.setProperty("role", "figure")
        self.appointment.setWordWrap(True)
        self.places = QLabel()
        self.places.setWordWrap(True)
        self.who = QLabel()  # price title and the customer's name
        self.who.setWordWrap(True)
        self.refusal_label = QLabel()
        self.refusal_label.setProperty("role", "heading")
        self.refusal_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back (Esc)"))
        self.confirm_button = QPushButton(self.tr("Redeem ticket (Enter)"))
        self.confirm_button.setObjectName("confirmButton")
        for button in (self.back_button, self.confirm_button):
            button.setProperty("role", "action")

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Appointment")))
        left.addWidget(self.ways)
        dates_head = QHBoxLayout()
        or_pick = QLabel(self.tr("…or pick a date"))
        or_pick.setWordWrap(True)  # German is longer: it wraps rather than widen the window
        dates_head.addWidget(or_pick, 1)
        dates_head.addWidget(self.refresh_button)
        left.addLayout(dates_head)
        left.addWidget(self.dates_list, 1)
        left.addWidget(self.dates_note)
        box = QGroupBox(self.tr("This redemption"))
        column = QVBoxLayout(box)
        for widget in (
            self.experience,
            self.way_line,
            self.appointment,
            self.places,
            self.who,
            self.refusal_label,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button, 1)
        right = QVBoxLayout()
        right.addWidget(box, 1)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addLayout(right, 1)

        for way in WAYS:
            item = QListWidgetItem(wording.strategy(way))
            item.setData(_ID, way.value)
            self.ways.addItem(item)
        self.ways.setMaximumHeight(self.ways.sizeHintForRow(0) * (len(WAYS) + 1))
        self.ways.currentItemChanged.connect(self._on_way)
        self.dates_list.currentItemChanged.connect(self._on_date_item)
        self.refresh_button.clicked.connect(self.refresh_dates_requested)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.back_button.clicked.connect(self.back_requested)
        chain = [self.ways, self.dates_list, self.confirm_button, self.back_button]
        for first, second in itertools.pairwise([*chain, self.refresh_button]):
            QWidget.setTabOrder(first, second)

    # -- input from the flow --------------------------------------------------------------

    def show_booking(self, state: TicketBooking) -> None:
        self._show_way(state.strategy)
        self._show_dates(state)
        self._show_quote(state)

    def focus_first_choice(self) -> None:
        """Arrow keys choose the way, Tab reaches the dates, Enter redeems."""
        self.ways.setFocus()

    # -- rendering ------------------------------------------------------------------------

    def _show_way(self, strategy: RedemptionStrategy) -> None:
        self.ways.blockSignals(True)
        row = next((i for i, way in enumerate(WAYS) if way is strategy), -1)
        self.ways.setCurrentRow(row)
        self.ways.blockSignals(False)

    def _show_dates(self, state: TicketBooking) -> None:
        if state.dates is not self._dates:
            self._dates = state.dates
            self.dates_list.blockSignals(True)
            self.dates_list.clear()
            now = self._clock()
            for date in state.dates or ():
                self.dates_list.addItem(self._date_item(date, now))
            self.dates_list.blockSignals(False)
        self.dates_list.blockSignals(True)
        picked = state.picked if state.strategy is RedemptionStrategy.SELECTED else None
        self.dates_list.setCurrentRow(-1)
        for row in range(self.dates_list.count()):
            item = self.dates_list.item(row)
            if picked is not None and item.data(_ID) == picked.id:
                self.dates_list.setCurrentItem(item)
        self.dates_list.blockSignals(False)
        if state.loading_dates:
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

    def _date_item(self, date: EventDate, now: datetime) -> QListWidgetItem:
        when = formatting.slot(date.date)
        if date.available_slots <= 0:
            free = self.tr("full")
        else:
            free = fill(self.tr("{count} free"), count=formatting.count(date.available_slots))
        item = QListWidgetItem(f"{when}   —   {free}")
        item.setData(_ID, date.id)
        if date.date <= now or date.available_slots <= 0:
            item.setForeground(self.palette().placeholderText())
        return item

    def _show_quote(self, state: TicketBooking) -> None:
        quote = state.quote
        event = state.event
        self.experience.setText(event.title if event is not None else "")
        self.way_line.setText(wording.strategy(state.strategy))
        self.confirm_button.setEnabled(quote is not None)
        ticket = state.item
        who = [ticket.price_title or "", ticket.customer_name or ""]
        self.who.setText(" · ".join(part for part in who if part))
        self.who.setVisible(bool(self.who.text()))
        if quote is None:
            self.appointment.clear()
            self.places.clear()
            text = wording.ticket_refusal(state.refusal) if state.refusal is not None else ""
            if not text and state.loading_dates:
                text = self.tr("Loading dates…")
            self.refusal_label.setText(text)
            self.refusal_label.setVisible(bool(text))
            self.places.hide()
            return
        self.refusal_label.hide()
        self.appointment.setText(
            formatting.slot(quote.starts_at) if quote.starts_at is not None else "–"
        )
        if quote.free_places is None:
            places = ""
        elif quote.free_places <= 0:
            places = self.tr("Full: this redemption overbooks it by one place.")
        else:
            places = fill(
                self.tr("{count} places free before this one"),
                count=formatting.count(quote.free_places),
            )
        self.places.setText(places)
        self.places.setVisible(bool(places))

    # -- clerk's choices ------------------------------------------------------------------

    def _on_way(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.strategy_chosen.emit(RedemptionStrategy(item.data(_ID)))

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
