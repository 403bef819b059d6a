"""Asking for an admin PIN before kiosk mode lets a clerk into the settings, setup or out.

The PIN is checked on a worker (PBKDF2 takes tens of milliseconds per admin) and wrong tries
count with the lock screen's back-off. Anything but 1 to 8 digits is refused before hashing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
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
from voucherdesk.desk.staff import pin_shaped
from voucherdesk.placeholders import fill

if TYPE_CHECKING:
    from voucherdesk.ui.common.tasks import TaskRunner


class AdminPinDialog(QDialog):
    confirmed = Signal()  # an admin PIN was entered

    def __init__(
        self,
        question: str,
        *,
        check: Callable[[str], bool],
        policy: LockPolicy,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("admin_pin")
        self.setWindowTitle(self.tr("Admin PIN"))
        self.setProperty("keepOnScan", True)  # a scan must not count as a way past it
        self._check = check
        self._policy = policy
        self._runner = runner
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.pin_field = QLineEdit()
        self.pin_field.setObjectName("pin")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(4 * MAX_DIGITS)
        self.pin_field.setPlaceholderText(self.tr("Admin PIN"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Go on"))
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_pin)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.pin_field)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.pin_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_pin(self) -> None:
        pin = self.pin_field.text()
        self.pin_field.clear()  # never left in the field, right or wrong
        wait = self._policy.wait_left()
        if wait > 0:
            self._say_wait(wait)
            return
        if not pin_shaped(pin):
            self.message.setText(self.tr("An admin PIN is 4 to 8 digits."))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Checking the PIN…"))
        check = self._check
        self._runner.run(
            lambda: check(pin),
            on_done=self._checked,
            wanted=lambda: shiboken6.isValid(self) and self.isVisible(),
        )

    def _checked(self, right: bool) -> None:
        self.ok_button.setEnabled(True)
        attempt = self._policy.record(right)
        if attempt is Attempt.UNLOCKED:
            self.message.clear()
            self.confirmed.emit()
            self.accept()
        elif self._policy.wait_left() > 0:
            self._say_wait(self._policy.wait_left())
        else:
            self.message.setText(self.tr("Not an admin PIN."))
            self.pin_field.setFocus()

    def _say_wait(self, seconds: float) -> None:
        self.message.setText(
            fill(
                self.tr("Too many wrong PINs. Try again in {seconds} s."),
                seconds=str(math.ceil(seconds)),
            )
        )
