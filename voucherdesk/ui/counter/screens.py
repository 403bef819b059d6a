"""The counter window's screens after a scan: the voucher card with its side panels (booking,
next step, redeeming, open-date ticket, pass), the result and the refusal.

The window is ready for a scan with its idle page alone. These parts (and their Qt classes,
whose Python types are made on first use) are built when first needed, or right after the
window's first paint, whichever comes first: not in the way of the first paint, and not in the
way of the first scan either.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from voucherdesk.ui.common.widgets import PageStack, size_by_current_page
from voucherdesk.ui.counter.booking_panel import BookingPanel
from voucherdesk.ui.counter.next_step_panel import NextStepPanel
from voucherdesk.ui.counter.pass_panel import PassPanel
from voucherdesk.ui.counter.redeeming_view import RedeemingView
from voucherdesk.ui.counter.refusal_view import RefusalView
from voucherdesk.ui.counter.result_view import ResultView
from voucherdesk.ui.counter.ticket_panel import TicketPanel
from voucherdesk.ui.counter.voucher_card import VoucherCard


class CounterScreens:
    """The parts, laid out. The window adds ``card_page``, ``result`` and ``refusal`` to its
    page stack, in that order after the idle page, and connects their signals."""

    def __init__(self) -> None:
        self.card = VoucherCard()
        self.booking = BookingPanel()
        self.next_step = NextStepPanel()
        self.redeeming = RedeemingView()
        self.ticket_panel = TicketPanel()
        self.pass_panel = PassPanel()
        self.side = PageStack()  # in the order of MainWindow's SIDE_* indices
        for part in (
            self.booking,
            self.next_step,
            self.redeeming,
            self.ticket_panel,
            self.pass_panel,
        ):
            self.side.addWidget(part)
        size_by_current_page(self.side)
        self.card_page = QWidget()
        self.card_row = QHBoxLayout(self.card_page)
        self.card_row.addWidget(self.card, 2)
        self.card_row.addWidget(self.side, 5)
        self.result = ResultView()
        self.refusal = RefusalView()
