"""The optional parts of a booking: add-on products, the participants' answers, the customer.

Both come after the participants in the Tab order and before confirm; nothing here is ever
required, so "scan, Enter" still books. Views of the flow's Booking state like the panel:
they show what they are given and report the clerk's edits as signals (only edits, never the
texts they set themselves). Enter in any line confirms (line edits leave Enter to the panel).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk import add_ons
from voucherdesk.desk.quote import ANSWER_MAX, COMMENT_MAX, EMAIL_MAX, NAME_MAX, BookingDetails
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.choosers import CountBox
from voucherdesk.ui.common.widgets import clear_layout

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Product
    from voucherdesk.desk.flow import Booking

MAX_ADD_ONS = 99  # per product, like the participant steppers


def _set_text(line: QLineEdit, text: str) -> None:
    """Show ``text`` without moving the clerk's cursor when it is already there."""
    if line.text() != text:
        line.setText(text)


class AddOnsBox(QGroupBox):
    """A stepper per add-on product offered with the chosen experience (hidden when none)."""

    changed = Signal(dict)  # product id -> count
    chain_changed = Signal()  # the steppers were rebuilt: the panel re-chains its Tab order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Add-ons"))
        self._key: tuple[str, ...] | None = None
        self._boxes: dict[str, QSpinBox] = {}
        self._rows = QGridLayout(self)
        self._rows.setColumnStretch(0, 1)
        self.hide()

    @property
    def steppers(self) -> list[QSpinBox]:
        return list(self._boxes.values())

    def show_booking(self, state: Booking) -> None:
        offered = state.offered
        key = tuple(p.id for p in offered)
        if key != self._key:
            self._rebuild(offered, state.voucher.currency)
            self._key = key
        counts = dict(state.add_ons)
        for product_id, box in self._boxes.items():
            box.blockSignals(True)
            box.setValue(counts.get(product_id, 0))
            box.blockSignals(False)
        self.setVisible(bool(offered))

    def _rebuild(self, offered: tuple[Product, ...], currency: str | None) -> None:
        clear_layout(self._rows)
        self._boxes = {}
        for row, product in enumerate(offered):
            box = CountBox()
            left = add_ons.stock(product)
            box.setRange(0, MAX_ADD_ONS if left is None else min(MAX_ADD_ONS, left))
            box.setMinimumWidth(70)
            box.setObjectName(f"add_on_{row}")
            box.valueChanged.connect(self._emit)
            # U27: a product without a currency is priced in the vendor's (the voucher's here)
            price = formatting.money_of(product.price, product.currency or currency)
            cells = (QLabel(product.name or product.id), QLabel(price), box)
            for column, widget in enumerate(cells):
                self._rows.addWidget(widget, row, column)
                widget.show()  # now, not on the next turn of the event loop
            self._boxes[product.id] = box
        self.chain_changed.emit()

    def _emit(self) -> None:
        self.changed.emit({pid: box.value() for pid, box in self._boxes.items()})


class DetailsForm(QWidget):
    """The event's question with one line per participant (only when it asks one), then the
    customer's name, e-mail and a comment on the order."""

    changed = Signal(object)  # BookingDetails
    chain_changed = Signal()  # the answer lines were rebuilt: the panel re-chains its Tab order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._answer_lines: list[QLineEdit] = []
        self._seats_key: tuple[tuple[str, ...], str] | None = None

        self.questions_box = QGroupBox(self.tr("Questions for each participant"))
        self.question = QLabel()
        self.question.setObjectName("participant_hint")
        self.question.setWordWrap(True)
        self._answers = QFormLayout()
        questions = QVBoxLayout(self.questions_box)
        questions.addWidget(self.question)
        questions.addLayout(self._answers)

        self.customer_box = QGroupBox(self.tr("Customer (optional)"))
        self.name = QLineEdit()
        self.name.setObjectName("customer_name")
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("Name on the booking"))
        self.email = QLineEdit()
        self.email.setObjectName("customer_email")
        self.email.setMaxLength(EMAIL_MAX)
        self.email.setPlaceholderText(self.tr("For bookingkit's confirmation"))
        self.comment = QLineEdit()
        self.comment.setObjectName("order_comment")
        self.comment.setMaxLength(COMMENT_MAX)
        self.comment.setPlaceholderText(self.tr("A note on the order"))
        customer = QFormLayout(self.customer_box)
        customer.addRow(self.tr("Name"), self.name)
        customer.addRow(self.tr("E-mail"), self.email)
        customer.addRow(self.tr("Comment"), self.comment)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.questions_box)
        column.addWidget(self.customer_box)
        column.addStretch(1)

        for line in (self.name, self.email, self.comment):
            line.textEdited.connect(self._emit)
        self.questions_box.hide()

    @property
    def answer_lines(self) -> list[QLineEdit]:
        return list(self._answer_lines)

    def focus_chain(self) -> list[QWidget]:
        """Tab order inside: the answers, then name, e-mail, comment."""
        return [*self._answer_lines, self.name, self.email, self.comment]

    def show_booking(self, state: Booking) -> None:
        self._show_questions(state)
        details = state.details
        _set_text(self.name, details.customer_name)
        _set_text(self.email, details.customer_email)
        _set_text(self.comment, details.comment)
        self.customer_box.setEnabled(state.event is not None)

    def _show_questions(self, state: Booking) -> None:
        hint = state.event.participant_hint if state.event is not None else None
        seats = state.seats if hint else ()
        key = (seats, hint or "")
        if key != self._seats_key:
            self._seats_key = key
            self.question.setText(hint or "")
            clear_layout(self._answers)
            self._answer_lines = []
            for number, title in enumerate(seats, start=1):
                line = QLineEdit()
                line.setObjectName(f"answer_{number}")
                line.setMaxLength(ANSWER_MAX)
                line.textEdited.connect(self._emit)
                label = QLabel(f"{formatting.count(number)}. {title}")
                self._answers.addRow(label, line)
                for widget in (label, line):  # now, not on the next turn of the event loop,
                    widget.show()  # so the size the area asks for counts them
                self._answer_lines.append(line)
            self.chain_changed.emit()
        answers = state.details.answers
        for index, line in enumerate(self._answer_lines):
            _set_text(line, answers[index] if index < len(answers) else "")
        self.questions_box.setVisible(bool(seats))

    def _emit(self) -> None:
        self.changed.emit(
            BookingDetails(
                customer_name=self.name.text(),
                customer_email=self.email.text(),
                comment=self.comment.text(),
                answers=tuple(line.text() for line in self._answer_lines),
            )
        )


class DetailsArea(QScrollArea):
    """The details form, scrolling when the column is short.

    It asks for the form's whole height, as far as ``room()`` (what the column can give)
    allows: the dates list above gives up its room first. A field reached with Tab below the
    fold is scrolled into view.
    """

    def __init__(self, room: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("booking_details")
        self._room = room
        self.form = DetailsForm()
        self.setWidget(self.form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(0)
        self._fit_later.timeout.connect(self.fit)
        self.form.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def fit(self) -> None:
        need = self.form.sizeHint().height()
        # The scroll area would size the form by height-for-width (the wrapped question),
        # which comes out short: the fields would be squeezed instead of scrolled.
        if self.form.minimumHeight() != need:
            self.form.setMinimumHeight(need)
        want = min(need + 2 * self.frameWidth(), self._room())
        if self.minimumHeight() != want:
            self.setMinimumHeight(want)
            panel = self.parentWidget()
            layout = panel.layout() if panel is not None else None
            if layout is not None:
                layout.activate()  # the dates give up their room now, not a few turns later

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.form and event.type() == QEvent.Type.LayoutRequest:
            self._fit_later.start()  # once new rows have their sizes
        return super().eventFilter(watched, event)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.form.isAncestorOf(new):
            self.ensureWidgetVisible(new)
