"""The lock screen: a page that covers the whole counter window until the PIN is entered.

With clerks set up (``set_staff``) the same page signs clerks in: a name to choose and that
clerk's PIN. A counter locked by a clerk opens for that clerk or an admin only.

A page, not a modal dialog: a dialog would take the scanner's keystrokes, and a scan closes
dialogs. Scans while locked are refused by the controller; this page only says so.

A PIN check takes about 50 ms of key stretching, so it runs on a worker (its own TaskRunner's
reads lane, never behind a slow bookingkit call); the page stays responsive and takes one try
at a time. The same page asks for the PIN before VoucherDesk closes (``set_closing``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.pin import MAX_DIGITS, Attempt, LockPolicy, verify_pin
from voucherdesk.desk.staff import Clerk, SignInRefusal, Staff
from voucherdesk.placeholders import fill
from voucherdesk.ui.common.tasks import TaskRunner


class LockScreen(QWidget):
    unlocked = Signal()  # the right PIN
    stay_requested = Signal()  # "Keep open" while the PIN to close is asked for
    attempt_recorded = Signal()  # a try was checked: the back-off changed (to be kept)
    signed_in = Signal(str)  # with clerks: who unlocked (sent just before ``unlocked``)

    def __init__(
        self,
        policy: LockPolicy | None = None,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.policy = policy or LockPolicy()
        self._pin_hash: str | None = None
        self._runner = runner or TaskRunner(self, read_threads=1)
        self._checking = False
        self._closing = False
        self._staff = Staff()
        self._locked_by: str | None = None
        self.heading = QLabel(self)
        self.heading.setProperty("role", "big")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._note = QLabel(self)
        self._note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field = QLineEdit(self)
        self.pin_field.setObjectName("pin")
        # A password field: the scan capture leaves its keys alone, so a fast-typed PIN is
        # never taken for a scan. No digits-only validator: a voucher scanned into the field
        # must stay recognisable (letters, length) and not count as a wrong PIN.
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(4 * MAX_DIGITS)
        self.pin_field.setMaximumWidth(260)
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clerk_box = QComboBox(self)
        self.clerk_box.setObjectName("clerk")
        self.clerk_box.setMinimumWidth(220)
        self.clerk_box.hide()
        self.unlock_button = QPushButton(self)
        self.keep_open_button = QPushButton(self)
        self.keep_open_button.hide()
        self.message = QLabel(self)
        self.message.setObjectName("lock_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "heading")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clerk_box)
        row.addWidget(self.pin_field)
        row.addWidget(self.unlock_button)
        row.addWidget(self.keep_open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.heading)
        layout.addWidget(self._note)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(3)
        # While a back-off runs, the message counts down once a second.
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.pin_field.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.keep_open_button.clicked.connect(self.stay_requested)
        self._retranslate()

    def _retranslate(self) -> None:
        if self._staff.active:
            self._retranslate_staff()
        elif self._closing:
            self.heading.setText(self.tr("Close VoucherDesk?"))
            self._note.setText(self.tr("Enter the PIN and press Enter to close VoucherDesk."))
            self.unlock_button.setText(self.tr("Close"))
        else:
            self.heading.setText(self.tr("Locked"))
            self._note.setText(self.tr("Enter the PIN and press Enter to go on."))
            self.unlock_button.setText(self.tr("Unlock"))
        self.pin_field.setPlaceholderText(self.tr("PIN"))
        self.keep_open_button.setText(self.tr("Keep open"))

    def _retranslate_staff(self) -> None:
        if self._closing:
            self.heading.setText(self.tr("Close VoucherDesk?"))
            self._note.setText(
                self.tr("Choose your name and enter your PIN to close VoucherDesk.")
                if self._locked_by is None
                else fill(
                    self.tr("{clerk} or an admin enters their PIN to close VoucherDesk."),
                    clerk=self._locked_by,
                )
            )
            self.unlock_button.setText(self.tr("Close"))
        elif self._locked_by is None:
            self.heading.setText(self.tr("Sign in"))
            self._note.setText(self.tr("Choose your name, enter your PIN and press Enter."))
            self.unlock_button.setText(self.tr("Sign in"))
        else:
            self.heading.setText(fill(self.tr("Locked by {clerk}"), clerk=self._locked_by))
            self._note.setText(
                fill(
                    self.tr("{clerk} or an admin enters their PIN to go on."), clerk=self._locked_by
                )
            )
            self.unlock_button.setText(self.tr("Unlock"))
        self.pin_field.setPlaceholderText(self.tr("Your PIN"))
        self.keep_open_button.setText(self.tr("Keep open"))

    # --- clerks ------------------------------------------------------------------------------

    def set_staff(self, staff: Staff, locked_by: str | None = None) -> None:
        """The clerks who may sign in, and who locked the counter (None: anyone signs in)."""
        self._staff = staff
        self._locked_by = locked_by
        self.clerk_box.clear()
        self.clerk_box.addItems(staff.names)
        if locked_by is not None and locked_by in staff.names:
            self.clerk_box.setCurrentIndex(staff.names.index(locked_by))
        self.clerk_box.setVisible(staff.active)
        self._retranslate()

    @property
    def locked_by(self) -> str | None:
        return self._locked_by

    @property
    def checking(self) -> bool:
        """A PIN is being checked now (further tries wait for its answer)."""
        return self._checking

    @property
    def closing(self) -> bool:
        return self._closing

    def set_closing(self, closing: bool) -> None:
        """Ask for the PIN to close VoucherDesk (with a way back), or to unlock."""
        self._closing = closing
        self.keep_open_button.setVisible(closing)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_pin_hash(self, pin_hash: str | None) -> None:
        self._pin_hash = pin_hash

    def prepare(self) -> None:
        """Freshly locked: an empty field with the focus; a running back-off stays."""
        self.pin_field.clear()
        if self.policy.wait_left() > 0:
            self._tick()
        else:
            self.message.clear()
        self._retranslate()
        self.pin_field.setFocus()

    def show_scan_refused(self) -> None:
        if self._staff.active:
            self.message.setText(self.tr("Locked — choose your name and enter your PIN first"))
            return
        self.message.setText(self.tr("Locked — enter the PIN first"))

    def try_unlock(self) -> None:
        pin = self.pin_field.text()
        self.pin_field.clear()  # the PIN never stays in the field, right or wrong
        if self._checking:
            return  # one try at a time: the answer to the last one is on its way
        if self._staff.active:
            self._try_staff(pin)
            return
        pin_hash = self._pin_hash
        if pin_hash is None:
            self.unlocked.emit()
            return
        if not _pin_shaped(pin):
            self.show_scan_refused()  # a scan or a stray Enter, not a try: nothing counted
            return
        if self.policy.wait_left() > 0:
            self._tick()  # in a pause not even the right PIN is checked
            return
        self._checking = True
        self.message.setText(self.tr("Checking the PIN…"))
        self._runner.run(
            lambda: verify_pin(pin, pin_hash), on_done=self._checked, on_error=self._check_failed
        )

    def _checked(self, right: bool) -> None:
        self._checking = False
        result = self.policy.record(right)
        self.attempt_recorded.emit()
        if result is Attempt.UNLOCKED:
            self._countdown.stop()
            self.message.clear()
            self.unlocked.emit()
        elif self.policy.wait_left() > 0:
            self._tick()
        else:
            left = self.policy.max_failures - self.policy.failures
            self.message.setText(
                fill(self.tr("Wrong PIN. Tries left before a pause: {left}"), left=str(left))
            )

    def _try_staff(self, pin: str) -> None:
        if not _pin_shaped(pin):
            self.show_scan_refused()  # empty, a scan, a paste: refused before any hashing
            return
        if self.policy.wait_left() > 0:
            self._tick()
            return
        staff, name = self._staff, self.clerk_box.currentText()
        locked_by = self._locked_by
        self._checking = True
        self.message.setText(self.tr("Checking the PIN…"))
        self._runner.run(
            lambda: staff.unlock(locked_by, name, pin),
            on_done=self._staff_checked,
            on_error=self._check_failed,
        )

    def _staff_checked(self, answer: Clerk | SignInRefusal) -> None:
        self._checking = False
        if answer is SignInRefusal.NOT_YOURS:  # a right PIN of another clerk: no wrong try
            self.message.setText(
                fill(
                    self.tr("Only {clerk} or an admin can unlock this counter."),
                    clerk=self._locked_by or "",
                )
            )
            return
        if isinstance(answer, Clerk):
            self._locked_by = None
            self.signed_in.emit(answer.name)
        self._checked(isinstance(answer, Clerk))

    def _check_failed(self, error: BaseException) -> None:
        del error  # verify_pin does not raise; a worker that died counts as no try
        self._checking = False
        self.message.setText(self.tr("The PIN could not be checked. Try again."))

    def _tick(self) -> None:
        wait = self.policy.wait_left()
        if wait <= 0:
            self._countdown.stop()
            self.message.setText(self.tr("You can try the PIN again."))
            return
        if not self._countdown.isActive():
            self._countdown.start()
        self.message.setText(
            fill(
                self.tr("Too many wrong PINs. Try again in {seconds} s."),
                seconds=str(math.ceil(wait)),
            )
        )


def _pin_shaped(text: str) -> bool:
    """Digits only and not longer than a PIN: a try at the PIN (right or wrong)."""
    return 0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()
