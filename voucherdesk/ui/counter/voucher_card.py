"""Voucher card: what was scanned and what bookingkit says about it, by colour + icon + words.

It shows the scanned text at once ("checking…") so a slow server never leaves the clerk
wondering whether the scan arrived; the details fill in when the check answers. Value vouchers,
open-date tickets and passes share the card: kind, experience, price title, the customer's name
where bookingkit gives one, status, and for a pass the entries left of the total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting, theme
from voucherdesk.ui.common.widgets import (
    FitLabel,
    clear_layout,
    laid_out_once,
    set_state,
    state_icon,
    visible,
)

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, OpenDateTicket, Voucher
    from voucherdesk.desk.desk import CheckResult

_MAX_REDEMPTIONS_SHOWN = 5


class VoucherCard(QFrame):
    suggestion_chosen = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner = QFrame()
        self.banner.setAutoFillBackground(True)
        self.icon = QLabel()
        self._icon_key = ""
        self.state_word = QLabel()
        self.state_word.setProperty("role", "big")
        self.state_word.setWordWrap(True)
        self.state_word.installEventFilter(self)
        self.state_detail = QLabel()
        self.state_detail.setWordWrap(True)
        head = QHBoxLayout(self.banner)
        head.addWidget(self.icon)
        words = QVBoxLayout()
        words.addWidget(self.state_word)
        words.addWidget(self.state_detail)
        head.addLayout(words, 1)

        self.code = FitLabel()
        self.code.setProperty("role", "code")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.remaining = QLabel()
        self.remaining.setProperty("role", "figure")
        self.remaining.setWordWrap(True)
        self.facts = QGridLayout()
        self.facts.setColumnStretch(1, 1)
        self.redemptions = QLabel()
        self.redemptions.setWordWrap(True)
        self.redemptions.setProperty("role", "small")
        self.next_step = QLabel()  # not shown here: the window shows it large beside the card
        self.next_step.setWordWrap(True)
        self.next_step.hide()
        self.suggestion_row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Stop waiting (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_requested)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.code)
        layout.addWidget(self.title)
        layout.addWidget(self.remaining)
        layout.addLayout(self.facts)
        layout.addWidget(self.redemptions)
        layout.addWidget(self.next_step)
        layout.addLayout(self.suggestion_row)
        layout.addStretch(1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._fact_rows: list[tuple[QLabel, QLabel]] = []
        self._facts_shown = 0
        self._suggested: tuple[str, ...] = ()
        self._has_icon = False
        self._waiting = False
        self.clear()

    # -- states ---------------------------------------------------------------------------

    def clear(self) -> None:
        self._reset()
        self._tidy()

    def _reset(self) -> None:
        """Empty every part; what shows is decided once, by ``_tidy`` (showing a widget
        that was hidden a moment before lays out the whole window again)."""
        self._banner("", "", "")
        for label in (self.code, self.title, self.remaining, self.redemptions, self.next_step):
            label.clear()
        self._set_facts([])
        self._set_suggestions(())
        self._waiting = False

    def show_checking(self, raw: str) -> None:
        """Shown the moment a scan arrives, before bookingkit has answered."""
        self._reset()
        self._banner("", "", self.tr("Checking…"))  # what happens is said beside the card
        self.code.setText(visible(raw))
        self._waiting = True
        self._tidy()

    def show_failed(self, raw: str, error: BaseException) -> None:
        self._reset()
        words = wording.error(error)
        self._banner("error", "error", words.title, words.detail)
        self.code.setText(visible(raw))
        self.next_step.setText(words.next_step)
        self._tidy()

    def show_check(self, check: CheckResult) -> None:
        self._reset()
        if check.rejected is not None:
            words = wording.rejected(check.rejected)
            self._banner("error", "error", words.title, words.detail)
            self.code.setText(visible(check.raw))
            self.next_step.setText(words.next_step)
            self._tidy()
            return
        key = theme.verdict_state(check.verdict.kind)
        words = wording.verdict(check.verdict)
        self._banner(key, key, words.title, words.detail)
        self.code.setText(check.code or visible(check.raw))
        self.next_step.setText(words.next_step)
        refused = "" if check.verdict.usable else words.title
        if check.voucher is not None:
            self._show_voucher(check.voucher, refused)
        elif check.ticket is not None:
            self._show_ticket(check.ticket, check.event, refused)
        elif check.sold_pass is not None:
            self._show_pass(check.sold_pass, check.event, refused)
        self._set_suggestions(check.suggestions)
        self._tidy()

    def _show_ticket(self, ticket: OpenDateTicket, event: Event | None, refused: str) -> None:
        """An open-date ticket: one place on an experience, the date chosen now."""
        kind = VoucherKind.OPEN_DATE_TICKET
        self.title.setText(event.title if event is not None else "")
        place = fill(self.tr("1 × {price}"), price=ticket.price_title or self.tr("place"))
        if not refused:
            self.remaining.setText(place)
        facts = [(self.tr("Kind"), wording.kind_name(kind))]
        if refused:
            facts.append((self.tr("Ticket"), place))
        if ticket.customer_name:
            facts.append((self.tr("Customer"), ticket.customer_name))
        if ticket.price_value is not None:
            facts.append(
                (self.tr("Price"), formatting.money_of(ticket.price_value, ticket.currency))
            )
        facts.append((self.tr("Status"), refused or wording.status_word(kind, ticket.status)))
        self._set_facts(facts)

    def _show_pass(self, sold: SoldPass, event: Event | None, refused: str) -> None:
        """A pass: entries used one booking at a time."""
        flex, kind = sold.flex, VoucherKind.PASS
        self.title.setText(flex.title)
        left = wording.entries_left(
            flex.redemption_available, flex.redemption_total, unlimited=flex.unlimited
        )
        if not refused:
            self.remaining.setText(left)
        facts = [(self.tr("Kind"), wording.kind_name(kind))]
        facts.append((self.tr("Experience"), event.title if event is not None else self.tr("any")))
        if flex.price_title:
            facts.append((self.tr("Price category"), flex.price_title))
        if refused:
            facts.append((self.tr("Entries"), left))
        facts.append((self.tr("Status"), refused or wording.status_word(kind, flex.status)))
        self._set_facts(facts)

    def _show_voucher(self, voucher: Voucher, refused: str) -> None:
        """The voucher's facts; for a refused one the status is the verdict (an expired
        voucher is "active" to bookingkit) and what is left is not offered as money."""
        cur = voucher.currency
        self.title.setText(voucher.title)
        left = formatting.money_of(voucher.remaining, cur)
        if not refused:
            self.remaining.setText(fill(self.tr("Left: {amount}"), amount=left))
        facts = [
            (self.tr("Value"), formatting.money_of(voucher.value, cur)),
            (self.tr("Status"), refused or wording.voucher_status(voucher.status)),
            (self.tr("Created"), formatting.date_only(voucher.creation_date)),
        ]
        if refused:
            facts.insert(1, (self.tr("Left"), left))
        if voucher.valid_until is not None:
            facts.append((self.tr("Valid until"), formatting.date_only(voucher.valid_until)))
        self._set_facts(facts)
        used = voucher.redemptions
        if used:
            lines = [
                "  ".join(
                    part
                    for part in (
                        formatting.date_only(r.usage_date),
                        formatting.money_of(r.redeemed_value, cur),
                        f"({r.order_code})" if r.order_code else "",
                    )
                    if part
                )
                for r in used[-_MAX_REDEMPTIONS_SHOWN:]
            ]
            head = self.tr("Used before:")
            self.redemptions.setText(head + "\n" + "\n".join(lines))

    # -- pieces ---------------------------------------------------------------------------

    def _tidy(self) -> None:
        """Empty lines take no room, so the facts sit right under the code.

        Each part shown while the card is on screen would lay out the whole window again;
        with the card briefly hidden, all of them cost one layout (no paint happens between).
        """
        parts: list[tuple[QWidget, bool]] = [
            (label, bool(label.text()))
            for label in (self.title, self.remaining, self.redemptions, self.state_detail)
        ]
        parts += [(self.icon, self._has_icon), (self.cancel_button, self._waiting)]
        for n, row in enumerate(self._fact_rows):
            parts += [(widget, n < self._facts_shown) for widget in row]
        changes = [(widget, shown) for widget, shown in parts if widget.isHidden() == shown]
        if not changes:
            return
        with laid_out_once(self):
            for widget, shown in changes:
                widget.setVisible(shown)

    def _banner(self, key: str, icon_key: str, word: str, detail: str = "") -> None:
        set_state(self.banner, key)
        if icon_key != self._icon_key:
            self._icon_key = icon_key
            self._size_icon()
        self.state_word.setText(word)
        self.state_detail.setText(detail)

    def _size_icon(self) -> None:
        """The state icon as tall as a line of the state word (which grows with the window)."""
        icon = state_icon(self._icon_key) if self._icon_key else QIcon()
        side = max(32, round(self.state_word.fontMetrics().height() * 1.1))
        self.icon.setFixedSize(side, side)
        self.icon.setPixmap(icon.pixmap(side, side) if not icon.isNull() else QPixmap())
        self._has_icon = not icon.isNull()  # shown or hidden by _tidy, with the other parts

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.state_word and event.type() == QEvent.Type.FontChange:
            self._size_icon()  # the window's type was scaled
        return False

    def _set_facts(self, facts: list[tuple[str, str]]) -> None:
        """Rows are kept and refilled, never rebuilt per voucher (new widgets cost time and,
        over a day of scans, memory)."""
        for row, (label, value) in enumerate(facts):
            if row == len(self._fact_rows):
                name = QLabel()
                name.setProperty("role", "muted")
                shown = QLabel()
                name.hide()
                shown.hide()
                self.facts.addWidget(name, row, 0)
                self.facts.addWidget(shown, row, 1)
                self._fact_rows.append((name, shown))
            self._fact_rows[row][0].setText(label)
            self._fact_rows[row][1].setText(value)
        self._facts_shown = len(facts)

    def _set_suggestions(self, codes: tuple[str, ...] | list[str]) -> None:
        if tuple(codes) == self._suggested:
            return  # nearly always: no suggestions before, none now
        self._suggested = tuple(codes)
        clear_layout(self.suggestion_row)
        if not codes:
            return
        self.suggestion_row.addWidget(QLabel(self.tr("Did you mean:")))
        for code in codes:
            button = QPushButton(code)
            button.setObjectName("suggestion")
            button.clicked.connect(lambda _=False, c=code: self.suggestion_chosen.emit(c))
            self.suggestion_row.addWidget(button)
        self.suggestion_row.addStretch(1)
