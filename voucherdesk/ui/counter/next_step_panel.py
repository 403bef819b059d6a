"""Beside a voucher card that is not being booked: what to do next, and the keys for it.

Shown while a scan is checked, and for a usable voucher the clerk stepped back from (Esc from
the booking): Enter goes on with the choices kept, Esc goes back to scanning. Never a dead end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class NextStepPanel(QWidget):
    go_on_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setProperty("role", "heading")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.kept = QLabel()  # the choices kept from the booking the clerk stepped back from
        self.kept.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.kept.setWordWrap(True)
        self.go_on_button = QPushButton(self.tr("Go on booking (Enter)"))
        self.back_button = QPushButton(self.tr("Back to scanning (Esc)"))
        self.go_on_button.setProperty("role", "action")
        self.back_button.setProperty("role", "action")
        self.go_on_button.clicked.connect(self.go_on_requested)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.go_on_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.kept)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_step("")

    def show_step(self, text: str, *, can_go_on: bool = False, kept: str = "") -> None:
        self.text.setText(text)
        self.kept.setText(kept)
        self.kept.setVisible(bool(kept))
        self.go_on_button.setVisible(can_go_on)
        self.back_button.setVisible(can_go_on)
        if can_go_on:
            self.go_on_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self.go_on_button.isVisible() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.go_on_requested.emit()
            return
        super().keyPressEvent(event)
