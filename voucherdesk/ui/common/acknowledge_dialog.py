"""Acknowledging an alarm (a booking that drew otherwise than quoted) with the counter's PIN.

The counter and the history both offer it. The PIN is checked on a worker (PBKDF2 takes tens of
milliseconds), with the lock screen's back-off after wrong tries; without a PIN the field is off
and the question alone is asked. The dialog only confirms: the caller journals the
acknowledgement (``Desk.acknowledge``) on its writes lane.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.pin import MAX_DIGITS, Attempt, LockPolicy
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording

if TYPE_CHECKING:
    from voucherdesk.desk.journal import JournalEntry
    from voucherdesk.ui.common.tasks import TaskRunner


class AcknowledgeDialog(QDialog):
    confirmed = Signal(str)  # the alarm's journal key, once the PIN (if any) was right

    def __init__(
        self,
        entry: JournalEntry,
        *,
        pin_hash: str | None,
        policy: LockPolicy,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("acknowledge")
        self.setWindowTitle(self.tr("Acknowledge a booking"))
        self._key = entry.key
        self._pin_hash = pin_hash
        self._policy = policy
        self._runner = runner
        self.question = QLabel(wording.acknowledge_question(entry))
        self.question.setWordWrap(True)
        self.pin_field = QLineEdit()
        self.pin_field.setObjectName("pin")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)  # the scan capture keeps off
        self.pin_field.setMaxLength(MAX_DIGITS)
        self.pin_field.setEnabled(pin_hash is not None)
        self.pin_field.setPlaceholderText(
            self.tr("Counter PIN") if pin_hash is not None else self.tr("No PIN is set")
        )
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Acknowledge"))
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_acknowledge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.pin_field)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        (self.pin_field if pin_hash is not None else self.ok_button).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def try_acknowledge(self) -> None:
        pin_hash = self._pin_hash
        if pin_hash is None:
            self._confirm()
            return
        pin = self.pin_field.text()
        self.pin_field.clear()  # the PIN never stays in the field, right or wrong
        wait = self._policy.wait_left()
        if wait > 0:
            self._say_wait(wait)
            return
        if not pin:
            self.message.setText(self.tr("Enter the counter's PIN."))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Checking the PIN…"))
        policy = self._policy
        self._runner.run(
            lambda: policy.attempt(pin, pin_hash),
            on_done=self._checked,
            wanted=lambda: shiboken6.isValid(self) and self.isVisible(),
        )

    def _checked(self, attempt: Attempt) -> None:
        self.ok_button.setEnabled(True)
        if attempt is Attempt.UNLOCKED:
            self._confirm()
        elif attempt is Attempt.WAIT or self._policy.wait_left() > 0:
            self._say_wait(self._policy.wait_left())
        else:
            self.message.setText(self.tr("Wrong PIN."))
            self.pin_field.setFocus()

    def _say_wait(self, seconds: float) -> None:
        self.message.setText(
            fill(
                self.tr("Too many wrong PINs. Try again in {seconds} s."),
                seconds=str(math.ceil(seconds)),
            )
        )

    def _confirm(self) -> None:
        self.message.clear()
        self.confirmed.emit(self._key)
        self.accept()
