"""The DEMO banner: unmistakable, so nobody redeems a customer's voucher against demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from voucherdesk.ui.common.widgets import set_state


class DemoBanner(QFrame):
    setup_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_state(self, "warning")
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        # Plain text in a bold font, not <b>: a word-wrapped rich-text label is laid out anew
        # for every width the window's layout tries, on every change of the counter screen.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.label.font()
        bold.setBold(True)
        self.label.setFont(bold)
        self.setup_button = QPushButton(self.tr("Set up bookingkit…"))
        self.setup_button.clicked.connect(self.setup_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.setup_button)
        self.set_reason(None)

    def set_reason(self, reason: str | None) -> None:
        """Why demo mode is on (e.g. "not set up yet"); None for a plain --demo start."""
        text = self.tr(
            "DEMO — practice data on a built-in test server. Nothing is booked in bookingkit."
        )
        if reason:
            text = f"{text} {reason}"
        self.label.setText(text)
