"""Kiosk mode: settings, setup and quitting open only with an admin PIN.

An admin PIN is the PIN of any admin clerk; with no admin clerks, the counter's own PIN.
Without kiosk mode nothing is asked, except that managing clerks always needs an admin (the
admin signed in, or an admin PIN). Only the operating system ending the session closes a
kiosk without the PIN, as with the PIN lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QSessionManager
from PySide6.QtWidgets import QMainWindow

from voucherdesk.desk.pin import LockPolicy, verify_pin
from voucherdesk.desk.staff import Staff, pin_shaped
from voucherdesk.ui import wording
from voucherdesk.ui.common.admin_pin_dialog import AdminPinDialog
from voucherdesk.ui.wording import AdminPurpose

if TYPE_CHECKING:
    from voucherdesk.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)


class AdminGate(QObject):
    def __init__(self, window: QMainWindow, *, policy: LockPolicy, runner: TaskRunner) -> None:
        super().__init__(window)
        self._policy = policy
        self._runner = runner
        self._kiosk = False
        self._staff = Staff()
        self._pin_hash: str | None = None
        self._close_confirmed = False
        self._session_ending = False
        self.dialog: AdminPinDialog | None = None  # the question open now
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.commitDataRequest.connect(self._os_ends_session)

    @property
    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    def configure(self, *, kiosk: bool, staff: Staff, pin_hash: str | None) -> None:
        self._staff = staff
        self._pin_hash = pin_hash
        self._kiosk = kiosk and self.has_admin_pin
        if kiosk and not self._kiosk:
            log.warning("kiosk mode is set but no admin PIN is: the kiosk stays off")

    @property
    def kiosk(self) -> bool:
        return self._kiosk

    @property
    def has_admin_pin(self) -> bool:
        return bool(self._staff.admins) or self._pin_hash is not None

    def is_admin_pin(self, pin: str) -> bool:
        """Blocking (a hash per admin): call from a worker."""
        if not pin_shaped(pin):
            return False
        if self._staff.admins:
            return self._staff.admin_pin(pin) is not None
        return self._pin_hash is not None and verify_pin(pin, self._pin_hash)

    def guard(self, purpose: AdminPurpose, then: Callable[[], None]) -> None:
        """``then`` at once, or in kiosk mode once an admin PIN was entered."""
        if not self._kiosk:
            then()
            return
        self.ask(purpose, then)

    def require_admin(
        self, purpose: AdminPurpose, clerk: str | None, then: Callable[[], None]
    ) -> None:
        """``then`` when the clerk signed in is an admin or no admin PIN exists yet (the first
        clerk is being set up); else once an admin PIN was entered."""
        signed_in = self._staff.find(clerk) if clerk is not None else None
        if (signed_in is not None and signed_in.admin) or not self.has_admin_pin:
            then()
            return
        self.ask(purpose, then)

    def ask(self, purpose: AdminPurpose, then: Callable[[], None]) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        dialog = AdminPinDialog(
            wording.admin_purpose(purpose),
            check=self.is_admin_pin,
            policy=self._policy,
            runner=self._runner,
            parent=self._window,
        )
        dialog.confirmed.connect(then)
        dialog.finished.connect(self._dialog_done)
        self.dialog = dialog
        dialog.open()

    def _dialog_done(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def may_close(self) -> bool:
        """Whether the window may close now; in kiosk mode the admin PIN is asked first."""
        if not self._kiosk or self._close_confirmed:
            return True
        if self._session_ending:
            log.warning("the operating system ends the session: the kiosk closes without a PIN")
            return True
        self.ask(AdminPurpose.QUIT, self._close_now)
        return False

    @property
    def close_confirmed(self) -> bool:
        return self._close_confirmed

    def _close_now(self) -> None:
        log.info("kiosk closed with an admin PIN")
        self._close_confirmed = True
        QTimer.singleShot(0, self._window.close)

    def _os_ends_session(self, manager: QSessionManager | None = None) -> None:
        del manager
        self._session_ending = True
