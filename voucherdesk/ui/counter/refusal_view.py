"""A refused voucher fills the window, like a result: red or amber, icon, reason, next step.

Used up, cancelled, expired, other currency, unknown code, status not known, no value, not a
code, and a check that could not reach bookingkit. The reason is the largest text; the
voucher's remaining value is a small fact (a cancelled voucher's "left" is not money the clerk
can take), and its status is the verdict, never bookingkit's "active" of an expired voucher.
Esc (or the button) goes back to scanning, and the screen says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting, theme
from voucherdesk.ui.common.widgets import FitLabel, clear_layout, set_state, state_icon, visible

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from voucherdesk.bookingkit.models import Voucher
    from voucherdesk.desk.desk import CheckResult


class RefusalView(QFrame):
    back_requested = Signal()
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusal")
        self.setAutoFillBackground(True)
        self._key = "error"
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel()
        self.headline.setProperty("role", "huge")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setProperty("role", "reason")
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setWordWrap(True)
        self.code = FitLabel()
        self.code.setProperty("role", "code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts = QLabel()
        self.facts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts.setWordWrap(True)
        self.next_step = QLabel()
        self.next_step.setProperty("role", "heading")
        self.next_step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_step.setWordWrap(True)
        self.suggestion_row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back to scanning (Esc)"))
        self.back_button.setProperty("role", "action")
        self.back_button.clicked.connect(self.back_requested)
        self.hint = QLabel(self.tr("Esc goes back. The next scan is taken at once."))
        self.hint.setProperty("role", "small")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.headline)
        layout.addWidget(self.reason)
        layout.addSpacing(8)
        layout.addWidget(self.code)
        layout.addWidget(self.facts)
        layout.addSpacing(8)
        layout.addWidget(self.next_step)
        layout.addLayout(self.suggestion_row)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    # -- states ---------------------------------------------------------------------------

    def show_check(self, check: CheckResult) -> None:
        """A voucher (or a scan) that cannot be redeemed, with the reason and what to do."""
        if check.rejected is not None:
            self._show("error", wording.rejected(check.rejected), visible(check.raw))
            return
        words = wording.verdict(check.verdict)
        self._show(theme.verdict_state(check.verdict.kind), words, check.code or visible(check.raw))
        facts = ""
        if check.voucher is not None:
            facts = self._facts(check.voucher)
        elif check.ticket is not None:
            facts = self._ticket_facts(check)
        elif check.sold_pass is not None:
            facts = self._pass_facts(check)
        self.facts.setText(facts)
        self.facts.setVisible(bool(facts))
        self._set_suggestions(check.suggestions)

    def show_failed(self, raw: str, error: BaseException) -> None:
        """The check did not get through (offline, bookingkit down): nothing was booked."""
        self._show("warning", wording.error(error), visible(raw))

    def _show(self, key: str, words: wording.Words, code: str) -> None:
        set_state(self, key)
        self._key = key
        self.headline.setText(words.title)
        self.reason.setText(words.detail)
        self.reason.setVisible(bool(words.detail))
        self.next_step.setText(words.next_step)
        self.next_step.setVisible(bool(words.next_step))
        self.code.setText(code)
        self.facts.clear()
        self.facts.hide()
        self._set_suggestions(())
        self._size_icon()
        self.back_button.setFocus()

    def _facts(self, voucher: Voucher) -> str:
        """Small print: what the voucher was worth and holds (an expiry is the reason's)."""
        cur = voucher.currency
        parts = [
            fill(self.tr("Value {amount}"), amount=formatting.money_of(voucher.value, cur)),
            fill(
                self.tr("left on it {amount}"), amount=formatting.money_of(voucher.remaining, cur)
            ),
        ]
        return " · ".join(parts)

    @staticmethod
    def _ticket_facts(check: CheckResult) -> str:
        """Small print: which ticket it is (experience, price, customer)."""
        ticket = check.ticket
        assert ticket is not None
        parts = [wording.kind_name(check.kind)]
        if check.event is not None:
            parts.append(check.event.title)
        parts += [p for p in (ticket.price_title, ticket.customer_name) if p]
        return " · ".join(parts)

    @staticmethod
    def _pass_facts(check: CheckResult) -> str:
        sold = check.sold_pass
        assert sold is not None
        flex = sold.flex
        left = wording.entries_left(
            flex.redemption_available, flex.redemption_total, unlimited=flex.unlimited
        )
        return " · ".join(p for p in (wording.kind_name(check.kind), flex.title, left) if p)

    def _set_suggestions(self, codes: tuple[str, ...] | list[str]) -> None:
        clear_layout(self.suggestion_row)
        if not codes:
            return
        self.suggestion_row.addStretch(1)
        self.suggestion_row.addWidget(QLabel(self.tr("Did you mean:")))
        for code in codes:
            button = QPushButton(code)
            button.setObjectName("suggestion")
            button.setProperty("role", "code")
            button.clicked.connect(lambda _=False, c=code: self.suggestion_chosen.emit(c))
            self.suggestion_row.addWidget(button)
        self.suggestion_row.addStretch(1)

    def _size_icon(self) -> None:
        side = max(48, round(self.height() * 0.16))  # grows with the window, like the type
        self.icon.setPixmap(state_icon(self._key).pixmap(side, side))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._size_icon()
