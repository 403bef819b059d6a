"""The result: the whole window in green / amber / red, readable from a step back.

Booking code large, value left, top-up due; on failure the reason and the next step. An
"outcome unknown" result says exactly that, offers "Check again", and never pretends success
or failure until reconciling has settled it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from voucherdesk.desk.flow import ResultShown
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting, theme
from voucherdesk.ui.common.widgets import set_state, state_icon


def result_state_key(result: ResultShown) -> str:
    """Theme state of a result: ok (green), warning (amber) or error (red)."""
    if result.outcome is None:
        return "error"
    return theme.outcome_state(result.outcome.case)


class ResultView(QFrame):
    check_again_requested = Signal()
    done_requested = Signal()
    print_requested = Signal()  # only ever for a DONE result: a slip must not claim a doubt

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel()
        self.headline.setProperty("role", "big")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.booking_code = QLabel()
        self.booking_code.setProperty("role", "big")
        self.booking_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.booking_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amounts = QLabel()
        self.amounts.setProperty("role", "heading")
        self.amounts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amounts.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.small_print = QLabel()  # the desk's own words: bookingkit's reason, the key
        self.small_print.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.small_print.setWordWrap(True)
        self.small_print.setStyleSheet("font-size: 12pt;")
        self.next_step = QLabel()
        self.next_step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_step.setWordWrap(True)
        self.next_step.setProperty("role", "heading")
        self.check_again_button = QPushButton(self.tr("Check again"))
        self.done_button = QPushButton(self.tr("Next customer (Esc)"))
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_requested)
        self.check_again_button.clicked.connect(self.check_again_requested)
        self.done_button.clicked.connect(self.done_requested)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addStretch(1)
        for widget in (self.icon, self.headline, self.booking_code, self.amounts):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.detail)
        layout.addWidget(self.small_print)
        layout.addSpacing(12)
        layout.addWidget(self.next_step)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_again_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    def show_result(self, result: ResultShown, *, delay_s: int | None = None) -> str:
        """Render a result; returns its state key (for the matching sound)."""
        key = result_state_key(result)
        set_state(self, key)
        self.icon.setPixmap(state_icon(key).pixmap(96, 96))
        outcome = result.outcome
        checking_again = False
        small = ""
        if outcome is None:
            words = wording.error(result.error or RuntimeError(), during_write=True)
            detail = words.detail
            self.booking_code.clear()
            self.amounts.clear()
        else:
            words = wording.outcome(outcome)
            self.booking_code.setText(outcome.booking_code or "")
            self.amounts.setText(self._amounts(result))
            detail = words.detail
            small = self.tr("Journal key: {key}").replace("{key}", outcome.key)
            checking_again = outcome.kind == OutcomeKind.UNKNOWN
        self.headline.setText(words.title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.next_step.setText(words.next_step)
        self.small_print.setText(small)
        self.small_print.setVisible(bool(small))
        self.check_again_button.setVisible(checking_again)
        done = outcome is not None and outcome.kind == OutcomeKind.DONE
        if done:
            # Printer or PDF is decided on click: asking the system for its printers can take
            # seconds with network printers, and this runs on the GUI thread.
            self.print_button.setText(self.tr("Customer slip… (Ctrl+P)"))
            # after setText, which resets a button's shortcut; live only while it is shown
            self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.setVisible(done)
        self.booking_code.setVisible(bool(self.booking_code.text()))
        self.amounts.setVisible(bool(self.amounts.text()))
        if delay_s is not None and not checking_again:
            self.hint.setText(
                fill(
                    self.tr("Back to scanning after {seconds} s, or scan the next voucher."),
                    seconds=str(delay_s),
                )
            )
        else:
            self.hint.setText(self.tr("Scan the next voucher when this is settled."))
        (self.check_again_button if checking_again else self.done_button).setFocus()
        return key

    def set_checking_again(self, busy: bool) -> None:
        self.check_again_button.setEnabled(not busy)
        self.check_again_button.setText(self.tr("Checking…") if busy else self.tr("Check again"))

    def _amounts(self, result: ResultShown) -> str:
        outcome = result.outcome
        if outcome is None or outcome.kind != OutcomeKind.DONE:
            return ""
        lines = []
        if outcome.drawn is not None:
            lines.append(
                fill(self.tr("From voucher: {amount}"), amount=formatting.money(outcome.drawn))
            )
        if outcome.value_left is not None:
            lines.append(
                fill(
                    self.tr("Left on voucher: {amount}"),
                    amount=formatting.money(outcome.value_left),
                )
            )
        if outcome.top_up is not None and not outcome.top_up.is_zero:
            lines.append(
                fill(
                    self.tr("Top-up to collect: {amount}"), amount=formatting.money(outcome.top_up)
                )
            )
        return "\n".join(lines)
