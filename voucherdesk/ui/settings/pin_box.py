"""Settings: set, change or remove the counter's PIN, and how soon an idle counter locks.

A new PIN is typed twice; changing or removing one needs the current PIN. Only the hash
leaves this box (``values()``), and the typed PINs are cleared once they have been used.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from voucherdesk.desk.pin import MAX_DIGITS, hash_pin, valid_pin, verify_pin


def _pin_field(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(MAX_DIGITS)
    digits = QRegularExpression(f"[0-9]{{0,{MAX_DIGITS}}}")
    field.setValidator(QRegularExpressionValidator(digits, field))
    return field


class PinBox(QGroupBox):
    def __init__(
        self, pin_hash: str | None, idle_minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash
        self._state = QLabel(self)
        self._state.setProperty("role", "muted")
        self.current = _pin_field("current_pin", self)
        self.new = _pin_field("new_pin", self)
        self.repeat = _pin_field("repeat_pin", self)
        self.remove = QCheckBox(self)
        self.remove.setObjectName("remove_pin")
        self.idle = QSpinBox(self)
        self.idle.setObjectName("lock_after_idle")
        self.idle.setRange(0, 240)
        self.idle.setValue(idle_minutes)
        self._labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout(self)
        form.addRow(self._state)
        form.addRow(self._labels[0], self.current)
        form.addRow(self._labels[1], self.new)
        form.addRow(self._labels[2], self.repeat)
        form.addRow(self.remove)
        form.addRow(self._labels[3], self.idle)
        self.current.setEnabled(pin_hash is not None)
        self.remove.setEnabled(pin_hash is not None)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("PIN lock"))
        self._state.setText(
            self.tr("A PIN is set: Ctrl+L locks the counter.")
            if self._pin_hash is not None
            else self.tr("No PIN is set, so the counter never locks.")
        )
        self._labels[0].setText(self.tr("Current PIN"))
        self._labels[1].setText(self.tr("New PIN (4 to 8 digits)"))
        self._labels[2].setText(self.tr("New PIN again"))
        self._labels[3].setText(self.tr("Lock when idle for"))
        self.remove.setText(self.tr("Remove the PIN"))
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _check_current(self) -> None:
        if self._pin_hash is not None and not verify_pin(self.current.text(), self._pin_hash):
            raise ValueError(self.tr("The current PIN is not right."))

    def values(self) -> dict[str, object]:
        """``pin_hash`` and ``lock_after_idle_min``; ValueError with a clerk-readable reason."""
        pin_hash = self._pin_hash
        new, repeat = self.new.text(), self.repeat.text()
        if self.remove.isChecked():
            self._check_current()
            pin_hash = None
        elif new or repeat:
            if not valid_pin(new):
                raise ValueError(self.tr("A PIN is 4 to 8 digits."))
            if new != repeat:
                raise ValueError(self.tr("The two new PINs are not the same."))
            self._check_current()
            pin_hash = hash_pin(new)
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self._pin_hash = pin_hash  # a second call (OK after an error elsewhere) keeps it
        return {"pin_hash": pin_hash, "lock_after_idle_min": self.idle.value()}
