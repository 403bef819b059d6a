"""The result: the whole window in green / blue / amber / red, readable from a step back.

Booking code large, amounts large; a top-up still to collect is blue, its amount the largest
figure on screen, and it stays until the clerk confirms the money was taken (button or Enter).
On failure the reason and the next step. An "outcome unknown" result (also after "Stop
waiting") says exactly that, offers "Check again", and never pretends success or failure
until reconciling has settled it. A booking that drew otherwise than quoted stays red until
someone acknowledges it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.quote import Quote
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting, theme
from voucherdesk.ui.common.widgets import FitLabel, set_state, state_icon

if TYPE_CHECKING:
    from voucherdesk.desk.any_quote import AnyQuote
    from voucherdesk.desk.flow import ResultShown
    from voucherdesk.money import Money

ALARM_CASES = frozenset({OutcomeCase.DRAWN_MISMATCH, OutcomeCase.REDEMPTIONS_STOPPED})


def result_state_key(result: ResultShown, *, alarm_open: bool = True) -> str:
    """Theme state of a result: ok (green), top_up (blue), warning (amber) or error (red)."""
    outcome = result.outcome
    if outcome is None:
        return "warning" if result.unknown else "error"
    if outcome.case in ALARM_CASES and not alarm_open:
        return "warning"  # acknowledged: no longer an alarm, but the booking stays odd
    return theme.outcome_state(outcome.case, top_up_due=result.collecting)


def expected_state_key(quote: AnyQuote) -> str:
    """The theme state of a booking that goes as quoted: blue when a top-up is then to be
    collected, else green."""
    top_up_due = isinstance(quote, Quote) and not quote.top_up.is_zero
    return theme.outcome_state(OutcomeCase.BOOKED, top_up_due=top_up_due)


def _centred(role: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    return label


class ResultView(QFrame):
    check_again_requested = Signal()
    done_requested = Signal()
    print_requested = Signal()  # only ever for a DONE result: a slip must not claim a doubt
    top_up_taken_requested = Signal()
    top_up_left_requested = Signal()  # a top-up from an earlier run, its customer gone
    acknowledge_requested = Signal(str)  # the alarm's journal key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self._key = "ok"
        self._collecting = False
        self._shown: ResultShown | None = None
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = _centred("big")
        self.collect_amount = _centred("huge", wrap=False)
        self.collect_amount.setObjectName("collect_amount")
        self.collect_caption = _centred("heading")
        self.code_caption = _centred("small", wrap=False)
        self.booking_code = FitLabel()
        self.booking_code.setProperty("role", "code")
        self.booking_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amounts = QGridLayout()
        self.amounts.setHorizontalSpacing(48)
        # (caption, figure) per column, made once and kept: new labels for every result cost
        # milliseconds of the customer's wait (made, polished, laid out, deleted)
        self._cells: list[tuple[QLabel, QLabel]] = []
        self.amount_labels: list[QLabel] = []  # the figures now shown (for tests)
        self.detail = _centred("heading")
        self.small_print = _centred("small")  # the journal key, for a phone call
        self.next_step = _centred("heading")
        self.top_up_button = QPushButton(self.tr("Top-up received (Enter)"))
        self.top_up_button.setObjectName("top_up_taken")
        self.leave_button = QPushButton(self.tr("Customer gone: leave unpaid"))
        self.leave_button.setObjectName("top_up_left")
        self.check_again_button = QPushButton(self.tr("Check again"))
        self.acknowledge_button = QPushButton(self.tr("Acknowledge…"))
        self.print_button = QPushButton()
        self.done_button = QPushButton(self.tr("Next customer (Esc)"))
        for button in (
            self.top_up_button,
            self.leave_button,
            self.check_again_button,
            self.acknowledge_button,
            self.print_button,
            self.done_button,
        ):
            button.setProperty("role", "action")
        for button in (
            self.top_up_button,
            self.leave_button,
            self.check_again_button,
            self.acknowledge_button,
            self.print_button,
        ):
            button.hide()  # shown per result; hidden ones ask for no room (window minimum)
        self.top_up_button.clicked.connect(self.top_up_taken_requested)
        self.leave_button.clicked.connect(self.top_up_left_requested)
        self.check_again_button.clicked.connect(self.check_again_requested)
        self.acknowledge_button.clicked.connect(self._acknowledge_clicked)
        self.print_button.clicked.connect(self.print_requested)
        self.done_button.clicked.connect(self.done_requested)
        self.hint = _centred("small")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(6)
        layout.addStretch(1)
        for widget in (self.icon, self.headline, self.collect_amount, self.collect_caption):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.code_caption)
        layout.addWidget(self.booking_code)
        grid_row = QHBoxLayout()
        grid_row.addStretch(1)
        grid_row.addLayout(self.amounts)
        grid_row.addStretch(1)
        layout.addLayout(grid_row)
        layout.addWidget(self.detail)
        layout.addSpacing(8)
        layout.addWidget(self.next_step)
        layout.addWidget(self.small_print)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.top_up_button,
            self.leave_button,
            self.check_again_button,
            self.acknowledge_button,
            self.print_button,
            self.done_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    @property
    def collecting(self) -> bool:
        return self._collecting

    def show_result(
        self, result: ResultShown, *, delay_s: int | None = None, alarm_open: bool = False
    ) -> str:
        """Render a result; returns its state key (for the matching sound)."""
        self._shown = result
        key = result_state_key(result, alarm_open=alarm_open)
        self._key = key
        set_state(self, key)
        self._size_icon()
        outcome = result.outcome
        self._collecting = result.collecting
        if outcome is None:
            words = wording.stopped_waiting() if result.unknown else None
            if words is None:
                words = wording.error(result.error or RuntimeError(), during_write=True)
            code, small = "", ""
        else:
            words = wording.outcome(outcome, top_up_taken=result.top_up_taken)
            code = outcome.booking_code or ""
            small = fill(self.tr("Journal key: {key}"), key=outcome.key)
        self.headline.setText(words.title)
        self._show_collect(result)
        self.booking_code.setText(code)
        self.code_caption.setText(self.tr("Booking code") if code else "")
        self._show_amounts(result)
        self._set(self.detail, words.detail)
        self._set(self.small_print, small)
        next_step = ""
        if self._collecting and outcome is not None and outcome.case is OutcomeCase.BOOKED:
            next_step = wording.collect(outcome).next_step
        self._set(self.next_step, next_step or words.next_step)
        for label in (self.booking_code, self.code_caption):
            label.setVisible(bool(code))
        self._show_buttons(result, alarm_open=alarm_open)
        self.hint.setText(self._hint(result, delay_s, alarm_open=alarm_open))
        return key

    def prepare(self, key: str) -> None:
        """Take the colours of the result expected next (``key``) while the booking is on its
        way: when it comes as expected, drawing it costs no re-polish of every label. Nothing
        is shown by this; :meth:`show_result` still sets every part from the real outcome."""
        self._key = key
        set_state(self, key)
        self._size_icon()

    def set_held(self) -> None:
        """The result stays while a slip is printed: the hint no longer promises a timer."""
        self.hint.setText(self.tr("Stays on screen while the slip is printed. Esc: next customer."))

    def set_checking_again(self, busy: bool) -> None:
        self.check_again_button.setEnabled(not busy)
        self.check_again_button.setText(self.tr("Checking…") if busy else self.tr("Check again"))

    # -- pieces ---------------------------------------------------------------------------

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _show_collect(self, result: ResultShown) -> None:
        outcome = result.outcome
        shown = self._collecting and outcome is not None
        if outcome is not None and self._collecting:
            self.collect_amount.setText(formatting.money(outcome.top_up))
            self.collect_caption.setText(wording.collect(outcome).title)
        self.collect_amount.setVisible(shown)
        self.collect_caption.setVisible(shown)

    def _show_amounts(self, result: ResultShown) -> None:
        outcome = result.outcome
        done = outcome is not None and outcome.kind == OutcomeKind.DONE
        figures = self._figures(result) if done else []
        while len(self._cells) < len(figures):
            column = len(self._cells)
            cell = (_centred("heading", wrap=False), _centred("figure", wrap=False))
            self.amounts.addWidget(cell[0], 0, column)
            self.amounts.addWidget(cell[1], 1, column)
            self._cells.append(cell)
        self.amount_labels = []
        for index, (head, figure) in enumerate(self._cells):
            shown = index < len(figures)
            if shown:
                head.setText(figures[index][0])
                figure.setText(figures[index][1])
                self.amount_labels.append(figure)
            head.setVisible(shown)  # now, not on the next turn of the event loop
            figure.setVisible(shown)

    def _figures(self, result: ResultShown) -> list[tuple[str, str]]:
        """The figures of a finished redemption: money drawn and left for a voucher, the
        appointment for a ticket, entries used and left for a pass."""
        outcome = result.outcome
        assert outcome is not None
        quote = outcome.quote
        if isinstance(quote, Quote):
            columns: list[tuple[str, Money | None]] = [
                (self.tr("From voucher"), outcome.drawn),
                (self.tr("Left on voucher"), outcome.value_left),
            ]
            if result.top_up_taken:
                columns.append((self.tr("Top-up taken"), outcome.top_up))
            return [(c, formatting.money(v)) for c, v in columns if v is not None]
        starts = outcome.starts_at or quote.starts_at
        figures = []
        if starts is not None:
            figures.append((self.tr("Appointment"), formatting.slot(starts)))
        if isinstance(quote, PassQuote):
            figures.append((self.tr("Entries used"), formatting.count(quote.entries)))
            figures.append(
                (
                    self.tr("Left on the pass"),
                    wording.entries_of(
                        outcome.entries_left, quote.entries_total, unlimited=quote.unlimited
                    ),
                )
            )
        return figures

    def _show_buttons(self, result: ResultShown, *, alarm_open: bool) -> None:
        outcome = result.outcome
        # A slip needs a booking code (a ticket redeemed without one has none to print), and
        # says the top-up was paid: not before the clerk has confirmed taking it.
        done = (
            outcome is not None
            and outcome.kind == OutcomeKind.DONE
            and bool(outcome.booking_code)
            and not self._collecting
        )
        self.top_up_button.setVisible(self._collecting)
        self.leave_button.setVisible(self._collecting and result.earlier)
        self.check_again_button.setVisible(result.unknown)
        self.acknowledge_button.setVisible(
            outcome is not None and outcome.case in ALARM_CASES and alarm_open
        )
        if done:
            # Printer or PDF is decided on click: asking the system for its printers can take
            # seconds with network printers, and this runs on the GUI thread.
            self.print_button.setText(self.tr("Customer slip… (Ctrl+P)"))
            # after setText, which resets a button's shortcut; live only while it is shown
            self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.setVisible(done)
        self.done_button.setVisible(not self._collecting)
        if self._collecting:
            self.top_up_button.setFocus()
        elif result.unknown:
            self.check_again_button.setFocus()
        else:
            self.done_button.setFocus()

    def _hint(self, result: ResultShown, delay_s: int | None, *, alarm_open: bool) -> str:
        if self._collecting and result.earlier:
            return self.tr(
                "From before this start. Customer gone? Leave it unpaid: the shift report lists it."
            )
        if self._collecting:
            return self.tr("This stays until the top-up is confirmed. Scans wait until then.")
        outcome = result.outcome
        if outcome is not None and outcome.case in ALARM_CASES:
            if alarm_open:
                return self.tr("Real redemptions stay stopped until this is acknowledged.")
            return self.tr("Acknowledged: real redemptions go on.")
        if delay_s is not None and result.times_out:
            return fill(
                self.tr("Back to scanning after {seconds} s, or scan the next voucher."),
                seconds=str(delay_s),
            )
        return self.tr("Scan the next voucher when this is settled.")

    def _acknowledge_clicked(self) -> None:
        shown = self._shown
        if shown is not None and shown.outcome is not None:
            self.acknowledge_requested.emit(shown.outcome.key)

    def _size_icon(self) -> None:
        side = max(48, round(self.height() * 0.12))  # grows with the window, like the type
        self.icon.setPixmap(state_icon(self._key).pixmap(side, side))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._size_icon()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._collecting and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.top_up_taken_requested.emit()
            return
        super().keyPressEvent(event)
