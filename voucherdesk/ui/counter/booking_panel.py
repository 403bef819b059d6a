"""Booking panel: experience, date with free places, participants per price, the optional
extras (add-ons, answers, customer; ``booking_extras.py``), live quote.

A view of the flow's Booking state: it shows what it is given and reports the clerk's choices
as signals. Enter confirms (when a quote is shown); Esc is handled by the window (one step back).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.flow import Booking, bookable
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.choosers import ChoiceList, CountBox
from voucherdesk.ui.common.widgets import clear_layout, laid_out_once, set_state
from voucherdesk.ui.counter.booking_extras import AddOnsBox, DetailsArea

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QResizeEvent

    from voucherdesk.bookingkit.models import Event, EventDate
    from voucherdesk.money import Money

_ID = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BookingPanel(QWidget):
    event_chosen = Signal(object)  # Event, or None when the search hides the chosen one
    date_chosen = Signal(object)  # EventDate
    participants_changed = Signal(dict)  # price id -> count
    add_ons_changed = Signal(dict)  # product id -> count
    details_changed = Signal(object)  # BookingDetails
    refresh_dates_requested = Signal()
    confirm_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._events: list[Event] = []
        self._dates: tuple[EventDate, ...] | None = None
        self._stepper_event: str | None = None
        self._steppers: dict[str, QSpinBox] = {}
        self._ticket: int | None = None  # the scan whose booking is shown

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search experiences…"))
        self.search.setClearButtonEnabled(True)
        self.events_list = ChoiceList()
        self.events_list.setMaximumHeight(150)
        self.dates_list = ChoiceList()
        self.dates_list.setMinimumHeight(120)  # about six dates, whatever else the panel holds
        self.dates_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_note = QLabel()
        self.dates_note.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh places"))
        self._people_box = QGroupBox(self.tr("Participants"))
        self._people = QGridLayout(self._people_box)
        self.add_ons = AddOnsBox()
        self.details_area = DetailsArea(self._room_for_details)
        self.details = self.details_area.form
        self._lines = QGridLayout()
        self._lines.setColumnStretch(0, 1)
        # (what, amount) per quote line, made once and refilled (like the card's facts)
        self._line_rows: list[tuple[QLabel, QLabel]] = []
        self.total_caption = QLabel(self.tr("Total"))
        self.total_caption.setProperty("role", "heading")
        self.total_amount = QLabel()
        self.total_amount.setProperty("role", "figure")
        self.total_amount.setAlignment(_RIGHT)
        self.drawn_line = QLabel()
        self.left_line = QLabel()
        self.top_up_row = QFrame()
        self.top_up_row.setObjectName("top_up_row")
        self.top_up_row.setAutoFillBackground(True)
        self.top_up_caption = QLabel(self.tr("Top-up to pay"))
        self.top_up_caption.setProperty("role", "heading")
        self.top_up_amount = QLabel()
        self.top_up_amount.setProperty("role", "figure")
        self.top_up_amount.setAlignment(_RIGHT)
        self.refusal_label = QLabel()
        self.refusal_label.setProperty("role", "heading")
        self.refusal_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back (Esc)"))
        self.confirm_button = QPushButton(self.tr("Confirm booking (Enter)"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setProperty("role", "action")
        self.back_button.setProperty("role", "action")

        left = self._left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Experience")))
        left.addWidget(self.search)
        left.addWidget(self.events_list)
        dates_head = QHBoxLayout()
        dates_head.addWidget(QLabel(self.tr("Date")), 1)
        dates_head.addWidget(self.refresh_button)
        left.addLayout(dates_head)
        left.addWidget(self.dates_list, 1)
        left.addWidget(self.dates_note)
        # Under the dates: the dates give up room first, the details scroll when still short.
        left.addWidget(self.details_area)
        right = QVBoxLayout()
        right.addWidget(self._people_box)
        right.addWidget(self.add_ons)
        self.quote_box = self._quote_box()
        right.addWidget(self.quote_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button, 1)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addLayout(right, 1)

        self.search.textChanged.connect(self._filter_events)
        self.search.returnPressed.connect(self._pick_first_match)
        self.events_list.currentItemChanged.connect(self._on_event_item)
        self.dates_list.currentItemChanged.connect(self._on_date_item)
        self.refresh_button.clicked.connect(self.refresh_dates_requested)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.add_ons.changed.connect(self.add_ons_changed)
        self.add_ons.chain_changed.connect(self._chain_tabs)
        self.details.changed.connect(self.details_changed)
        self.details.chain_changed.connect(self._chain_tabs)
        self._chain_tabs()

    def _quote_box(self) -> QGroupBox:
        """The price: lines, then the total and the top-up as large as each other."""
        box = QGroupBox(self.tr("Price"))
        total = QHBoxLayout()
        total.addWidget(self.total_caption, 1)
        total.addWidget(self.total_amount)
        top_up = QHBoxLayout(self.top_up_row)
        top_up.setContentsMargins(8, 2, 8, 2)
        top_up.addWidget(self.top_up_caption, 1)
        top_up.addWidget(self.top_up_amount)
        column = QVBoxLayout(box)
        column.addLayout(self._lines)
        column.addLayout(total)
        column.addWidget(self.drawn_line)
        column.addWidget(self.left_line)
        column.addWidget(self.top_up_row)
        column.addWidget(self.refusal_label)
        column.addStretch(1)
        return box

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
        self._filter_events(self.search.text())

    def show_booking(self, state: Booking) -> None:
        if state.ticket != self._ticket:
            self._ticket = state.ticket
            self.search.clear()  # a new voucher starts with every experience in view
        self._select_event(state.event)
        self._show_dates(state)
        self._show_participants(state)
        self.add_ons.show_booking(state)
        self.details.show_booking(state)
        self.details_area.fit()
        self._show_quote(state)

    @property
    def steppers(self) -> list[QSpinBox]:
        """The participant steppers of the shown experience, one per price."""
        return list(self._steppers.values())

    def focus_first_choice(self) -> None:
        """Where the clerk most likely acts first: the date (the event is preselected).

        Arrow keys pick the date, Tab reaches the participant steppers, Enter confirms.
        """
        self.dates_list.setFocus()

    # -- rendering ------------------------------------------------------------------------

    def _select_event(self, event: Event | None) -> None:
        self.events_list.blockSignals(True)
        for row in range(self.events_list.count()):
            item = self.events_list.item(row)
            if event is not None and item.data(_ID) == event.id:
                self.events_list.setCurrentItem(item)
                break
        else:
            self.events_list.setCurrentRow(-1)
        self.events_list.blockSignals(False)

    def _show_dates(self, state: Booking) -> None:
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

    def _show_participants(self, state: Booking) -> None:
        event = state.event
        if event is None or event.id != self._stepper_event:
            self._rebuild_steppers(event)
        counts = dict(state.participants)
        for price_id, box in self._steppers.items():
            box.blockSignals(True)
            box.setValue(counts.get(price_id, 0))
            box.blockSignals(False)
        self._people_box.setEnabled(event is not None)

    def _rebuild_steppers(self, event: Event | None) -> None:
        clear_layout(self._people)
        self._steppers = {}
        self._stepper_event = event.id if event is not None else None
        for row, price in enumerate(event.prices if event is not None else ()):
            box = CountBox()
            box.setRange(0, 99)
            box.setMinimumWidth(70)
            box.valueChanged.connect(self._emit_participants)
            self._people.addWidget(QLabel(price.title or price.id), row, 0)
            self._people.addWidget(QLabel(formatting.money(price.money())), row, 1)
            self._people.addWidget(box, row, 2)
            self._steppers[price.id] = box
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab goes experience -> date -> participants -> add-ons, answers, customer ->
        confirm, then back and refresh: the optional fields never stand before confirm's
        usual place in the way of the common case (the focus starts in the dates)."""
        chain: list[QWidget] = [self.search, self.events_list, self.dates_list]
        chain += list(self._steppers.values())
        chain += self.add_ons.steppers
        chain += self.details.focus_chain()
        chain += [self.confirm_button, self.back_button, self.refresh_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _show_quote(self, state: Booking) -> None:
        quote = state.quote
        self.confirm_button.setEnabled(quote is not None)
        # Its parts change while the panel is on screen: one layout for all of them, not one
        # per part shown or hidden (the dates' arrival drew the panel in 11 ms, 6 of them here).
        with laid_out_once(self.quote_box):
            self._fill_quote(state)

    def _fill_quote(self, state: Booking) -> None:
        quote = state.quote
        priced = quote is not None
        for widget in (
            self.total_caption,
            self.total_amount,
            self.drawn_line,
            self.left_line,
            self.top_up_row,
        ):
            widget.setVisible(priced)
        rows: list[tuple[int, str, Money]] = []
        if quote is not None:
            rows = [(ln.count, ln.title or ln.price_id, ln.subtotal) for ln in quote.lines]
            rows += [(ln.count, ln.title or ln.product_id, ln.subtotal) for ln in quote.products]
        self._set_lines(rows)
        if quote is None:
            text = wording.quote_refusal(state.refusal) if state.refusal else ""
            self.refusal_label.setText(text)
            self.refusal_label.setVisible(bool(text))
            return
        self.refusal_label.hide()
        self.total_amount.setText(formatting.money(quote.total))
        self.drawn_line.setText(
            fill(self.tr("From voucher: {amount}"), amount=formatting.money(quote.drawn))
        )
        self.left_line.setText(
            fill(self.tr("Left on voucher: {amount}"), amount=formatting.money(quote.value_left))
        )
        self.top_up_amount.setText(formatting.money(quote.top_up))
        # As prominent as the total, and blue when money is to be collected.
        set_state(self.top_up_row, "" if quote.top_up.is_zero else "top_up")

    def _set_lines(self, rows: list[tuple[int, str, Money]]) -> None:
        """The quote's lines in kept rows: new labels for every change of a stepper cost
        milliseconds (made, polished, laid out, deleted)."""
        while len(self._line_rows) < len(rows):
            row = len(self._line_rows)
            what, amount = QLabel(), QLabel()
            amount.setAlignment(_RIGHT)
            self._lines.addWidget(what, row, 0)
            self._lines.addWidget(amount, row, 1)
            self._line_rows.append((what, amount))
        for index, (what, amount) in enumerate(self._line_rows):
            shown = index < len(rows)
            if shown:
                count, title, subtotal = rows[index]
                what.setText(f"{count} × {title}")
                amount.setText(formatting.money(subtotal))
            what.setVisible(shown)
            amount.setVisible(shown)

    # -- clerk's choices ------------------------------------------------------------------

    def _filter_events(self, text: str) -> None:
        """Hide the experiences that do not match; the one chosen never stays priced while
        hidden: the first match takes its place, or none is chosen."""
        needle = text.strip().casefold()
        for row in range(self.events_list.count()):
            item = self.events_list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        current = self.events_list.currentItem()
        if current is None or not current.isHidden():
            return
        first = next(
            (
                self.events_list.item(row)
                for row in range(self.events_list.count())
                if not self.events_list.item(row).isHidden()
            ),
            None,
        )
        if first is not None:
            self.events_list.setCurrentItem(first)  # emits event_chosen via the slot
        else:
            self.events_list.blockSignals(True)
            self.events_list.setCurrentRow(-1)
            self.events_list.blockSignals(False)
            self.event_chosen.emit(None)

    def _pick_first_match(self) -> None:
        for row in range(self.events_list.count()):
            item = self.events_list.item(row)
            if not item.isHidden():
                self.events_list.setCurrentItem(item)  # emits event_chosen via the slot
                self.dates_list.setFocus()
                return

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

    def _emit_participants(self) -> None:
        self.participants_changed.emit({pid: box.value() for pid, box in self._steppers.items()})

    def _room_for_details(self) -> int:
        """The details' share of the column: its height less everything else at its least
        (the experiences, and about six dates)."""
        column = self._left
        taken = self.dates_list.minimumHeight()
        for index in range(column.count()):
            item = column.itemAt(index)
            widget = item.widget() if item is not None else None
            if item is None or widget in (self.details_area, self.dates_list):
                continue
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint().height()
            taken += min(hint, widget.maximumHeight()) if widget is not None else hint
            taken += column.spacing()
        outer = self.layout()
        margins = outer.contentsMargins() if outer is not None else QMargins()
        return max(0, self.height() - taken - margins.top() - margins.bottom() - column.spacing())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.details_area.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.search.hasFocus():
            event.accept()  # Enter in the search picks the event (returnPressed), not confirm
            return
        if enter and self.confirm_button.isEnabled():
            event.accept()
            self.confirm_requested.emit()
            return
        super().keyPressEvent(event)
