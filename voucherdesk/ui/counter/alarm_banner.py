"""The red bar over the counter while a booking that drew otherwise than quoted awaits someone
with the counter's PIN: real redemptions are stopped until then (the desk refuses them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from voucherdesk.ui import wording
from voucherdesk.ui.common.widgets import set_state

if TYPE_CHECKING:
    from voucherdesk.desk.journal import JournalEntry


class AlarmBanner(QFrame):
    acknowledge_requested = Signal(str)  # the first open alarm's journal key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarm_banner")
        self.setAutoFillBackground(True)
        # set apart from a red result below it
        self.setStyleSheet("#alarm_banner { border-bottom: 4px solid #FFFFFF; }")
        self._key: str | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setProperty("role", "heading")
        self.button = QPushButton(self.tr("Acknowledge…"))
        self.button.setProperty("role", "action")
        self.button.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        set_state(self, "error")
        self.show_alarms([])

    def show_alarms(self, entries: list[JournalEntry]) -> None:
        self._key = entries[0].key if entries else None
        self.label.setText(wording.alarm(entries) if entries else "")
        self.setVisible(bool(entries))

    def _clicked(self) -> None:
        if self._key is not None:
            self.acknowledge_requested.emit(self._key)
