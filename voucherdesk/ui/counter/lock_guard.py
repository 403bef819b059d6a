"""When the counter window locks and unlocks: Ctrl+L, the idle timer, never mid-redemption.

A redemption on its way is never hidden: a lock asked for meanwhile (by hand or by the idle
timer) waits for its result and happens right after. While locked the controller refuses
scans (``controller.locked``) and the window's own actions are off, so no shortcut reaches
the counter behind the lock screen.

With a PIN set, closing the window or quitting asks for the PIN first (the lock screen, with
"Keep open" as the way back). Only the operating system ending the session closes it without
one, and that is logged. Whether the counter is locked, and the PIN back-off, are kept on disk
(``desk/lock_state.py``): a locked counter starts locked, and a restart ends no pause.

With clerks set up (``configure``'s ``staff``) the counter is locked until a clerk signs in,
and every lock names the clerk who locked it: it opens for them or an admin. Switching clerk
is a lock open to every clerk (``switch_clerk``). Who is signed in goes out as
``clerk_changed``; closing asks for a clerk's PIN.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QSessionManager
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from voucherdesk.desk.flow import Redeeming, State
from voucherdesk.desk.lock_state import LockStateFile
from voucherdesk.desk.staff import Staff
from voucherdesk.paths import app_paths
from voucherdesk.ui import wording

if TYPE_CHECKING:
    from voucherdesk.local_files import FileProblem
    from voucherdesk.ui.counter.controller import CounterController
    from voucherdesk.ui.counter.lock_screen import LockScreen

log = logging.getLogger(__name__)

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class LockGuard(QObject):
    clerk_changed = Signal(object)  # the clerk signed in now (str), or None
    locked_changed = Signal(bool)  # the lock screen went up (True) or down

    def __init__(
        self,
        window: QMainWindow,
        controller: CounterController,
        shell: QStackedWidget,
        screen: LockScreen,
        lock_action: QAction,
        *,
        state_file: LockStateFile | None = None,
    ) -> None:
        super().__init__(window)  # no Python reference back to the window: no cycle to collect
        self._controller = controller
        self._shell = shell
        self._screen = screen
        self._lock_action = lock_action
        self._pin_hash: str | None = None
        self._idle_ms_override: int | None = None
        self._pending = False  # a lock waits for a redemption's result
        self._pending_switch = False  # ...and it is a switch of clerk
        self._staff = Staff()
        self.clerk: str | None = None  # signed in now (only with clerks)
        self._switched_off: list[QAction] = []
        self._focus: QWidget | None = None
        # Kept across restarts: locked or not, and the PIN back-off.
        self._kept = state_file or LockStateFile(app_paths().lock_state_file)
        state, self._load_problem = self._kept.load()
        self._save_problem: FileProblem | None = None
        self._kept.restore_into(state, screen.policy)
        self._start_clerk = state.clerk
        self._start_locked = False
        self._closing = False  # the PIN to close is asked for
        self._locked_before_closing = False
        self._close_confirmed = False
        self._session_ending = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)  # one timer; exact is cheap
        self.idle_timer.timeout.connect(self.lock_now)
        controller.state_changed.connect(self._state_changed)
        controller.scan_refused.connect(self._scan_refused)
        screen.signed_in.connect(self._set_clerk)
        screen.unlocked.connect(self._right_pin)
        screen.stay_requested.connect(self._keep_open)
        screen.attempt_recorded.connect(self._keep)
        self._watching = False  # the activity filter is installed only while an idle lock is set
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.commitDataRequest.connect(self._os_ends_session)
            app.aboutToQuit.connect(self._quitting)
        self.configure(None, 0)
        self._start_locked = state.locked  # taken up by the first configure from the settings

    @property
    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    @property
    def locked(self) -> bool:
        return self._controller.locked

    @property
    def pin_hash(self) -> str | None:
        """The counter's PIN hash (None: no PIN), also asked before an acknowledgement."""
        return self._pin_hash

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def staff(self) -> Staff:
        return self._staff

    @property
    def _protected(self) -> bool:
        """A PIN or clerks are set up: the counter can lock."""
        return self._pin_hash is not None or self._staff.active

    def configure(
        self, pin_hash: str | None, idle_minutes: int, staff: Staff | None = None
    ) -> None:
        """A new PIN hash (None: no PIN, no lock), idle timeout and clerks from the settings."""
        self._pin_hash = pin_hash
        self._staff = staff if staff is not None else Staff()
        self._screen.set_pin_hash(pin_hash)
        self._screen.set_staff(self._staff, self._screen.locked_by if self.locked else None)
        self._screen.policy.idle_minutes = idle_minutes
        self._lock_action.setEnabled(self._protected and not self.locked)
        if self.clerk is not None and self._staff.find(self.clerk) is None:
            self._set_clerk(None)  # removed by an admin, or no clerks any more
        # Only the counter's own first settings decide whether it starts locked; a PIN set
        # later in the settings never locks at once.
        start_locked, self._start_locked = self._start_locked, False
        if not self._protected:
            self._pending = False
            if self.locked:
                self.unlock()
        elif start_locked:
            log.info("the counter was locked when it last closed: it starts locked")
            self._lock(self._start_clerk if self._staff.active else None)
        elif self._staff.active and self.clerk is None and not self.locked:
            self._lock(None)  # nobody is signed in: the sign-in comes first
        self._restart_idle()

    def _set_clerk(self, name: str | None) -> None:
        if name != self.clerk:
            log.info("clerk %s", f"{name} signed in" if name else "signed out")
        self.clerk = name
        self.clerk_changed.emit(name)

    def switch_clerk(self) -> None:
        """Another clerk takes over: the sign-in, open to every clerk (after a redemption on
        its way, like a lock)."""
        if not self._staff.active or self.locked:
            return
        if isinstance(self._controller.state, Redeeming):
            self._pending_switch = True
        self.lock_now(switch=True)

    def set_idle_ms(self, ms: int | None) -> None:
        """Test hook: the idle timeout in milliseconds instead of the settings' minutes."""
        self._idle_ms_override = ms
        self._restart_idle()

    def _idle_interval(self) -> int | None:
        if not self._protected:
            return None
        if self._idle_ms_override is not None:
            return self._idle_ms_override
        return self._screen.policy.idle_ms

    def _watch_activity(self, on: bool) -> None:
        """Activity anywhere in the window restarts the idle timer; without one (no PIN, no
        idle lock) nothing is watched: an application-wide filter in Python costs time on
        every event of every widget."""
        app = QCoreApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def _restart_idle(self) -> None:
        interval = self._idle_interval()
        self._watch_activity(interval is not None)
        if self.locked or interval is None:
            self.idle_timer.stop()
        else:
            self.idle_timer.start(interval)

    def lock_now(self, *, switch: bool = False) -> None:
        """Lock, or, while a redemption is on its way, lock right after its result."""
        if not self._protected or self.locked:
            return
        if isinstance(self._controller.state, Redeeming):
            if not self._pending:
                self._pending = True
                self._controller.note(
                    QCoreApplication.translate(
                        "LockGuard", "The counter locks as soon as this booking is done."
                    ),
                    "state",
                )
            return
        self._lock(None if switch else self.clerk)

    def _lock(self, locked_by: str | None = None) -> None:
        """Lock; with clerks, for ``locked_by`` and the admins (None: any clerk signs in)."""
        if self._pending_switch:
            locked_by, self._pending_switch = None, False
        if self._staff.active:
            self._screen.set_staff(self._staff, locked_by)
            if locked_by is None:
                self._set_clerk(None)
        self._pending = False
        self.idle_timer.stop()
        self._focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for dialog in self._window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # nothing of the counter may show over the lock
        self._switched_off = [
            action
            for action in self._window.findChildren(QAction)
            if action.parent() is self._window and action.isEnabled()
        ]
        for action in self._switched_off:
            action.setEnabled(False)
        self._controller.locked = True
        self.locked_changed.emit(True)
        self._window.menuBar().setEnabled(False)
        self._shell.setCurrentWidget(self._screen)
        self._screen.prepare()
        self._keep()

    @contextmanager
    def drawn_behind(self) -> Iterator[None]:
        """Around drawing the counter's screen: while locked, the focus that screen asks for
        (a result's top-up button, the code field) is kept for the unlock, and the PIN field
        keeps the keyboard. Else a PIN typed at the lock went to the screen behind it (found
        in review: its Enter confirmed a top-up, or became a scan)."""
        if not self.locked:
            yield
            return
        before = QApplication.focusWidget()
        try:
            yield
        finally:
            after = QApplication.focusWidget()
            if after is not before:
                self._focus = after
                self._screen.pin_field.setFocus()

    def unlock(self) -> None:
        if not self.locked:
            return
        self._end_closing()
        self._controller.locked = False
        self.locked_changed.emit(False)
        self._window.menuBar().setEnabled(True)
        self._shell.setCurrentIndex(0)
        for action in self._switched_off:
            action.setEnabled(True)
        self._switched_off = []
        self._lock_action.setEnabled(self._protected)
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        self._controller.revealed()  # what came up behind the lock is seen only now
        self._restart_idle()
        self._keep()

    # --- kept across restarts ---------------------------------------------------------------

    def _keep(self) -> None:
        """Keep locked-or-not and the back-off on disk (a small file, written at once: a power
        cut right after locking still starts locked)."""
        locked_by = self._screen.locked_by if self.locked and self._staff.active else None
        state = self._kept.state_of(self._screen.policy, locked=self.locked, clerk=locked_by)
        problem = self._kept.save(state)
        if problem is not None and problem != self._save_problem:
            self._tell(problem)
        self._save_problem = problem

    @property
    def problem(self) -> FileProblem | None:
        """The lock state file could not be read at start, or cannot be written now."""
        return self._save_problem or self._load_problem

    def _tell(self, problem: FileProblem) -> None:
        self._controller.notice.emit(wording.file_problem(problem))

    # --- closing and quitting ---------------------------------------------------------------

    def may_close(self) -> bool:
        """Whether the window may close now; otherwise the PIN to close is asked for."""
        if not self._protected or self._close_confirmed:
            return True
        if self._session_ending:
            log.warning("the operating system ends the session: VoucherDesk closes without the PIN")
            return True
        if isinstance(self._controller.state, Redeeming):
            self._controller.notice.emit(
                QCoreApplication.translate(
                    "LockGuard", "VoucherDesk can close once this booking is done."
                )
            )
            return False
        if not self._closing:
            self._closing = True
            self._locked_before_closing = self.locked
            if not self.locked:
                self._lock(self.clerk)
            self._screen.set_closing(True)
            self._screen.prepare()
        return False

    def _right_pin(self) -> None:
        if self._closing:
            self._close_confirmed = True
            log.info("closing confirmed with the PIN")
            self.unlock()
            QTimer.singleShot(0, self._window.close)
            return
        self.unlock()

    def _keep_open(self) -> None:
        """The clerk does not close after all: back to where the counter was."""
        was_locked = self._locked_before_closing
        self._end_closing()
        if not was_locked:
            self.unlock()

    def _end_closing(self) -> None:
        if self._closing:
            self._closing = False
            self._screen.set_closing(False)

    def _os_ends_session(self, manager: QSessionManager | None = None) -> None:
        """Logout or shutdown: the OS may end VoucherDesk without the PIN. Whether the counter
        was locked is on disk already, so it starts the way it was."""
        del manager
        self._session_ending = True
        log.warning(
            "the operating system ends the session (counter %s)",
            "locked" if self.locked else "unlocked",
        )

    def _quitting(self) -> None:
        log.info("VoucherDesk quits (counter %s)", "locked" if self.locked else "unlocked")

    def _state_changed(self, state: State) -> None:
        if self._pending and not isinstance(state, Redeeming):
            self._lock(self.clerk)
        elif not self.locked and self.idle_timer.isActive():
            self.idle_timer.start()  # the counter is in use

    def _scan_refused(self) -> None:
        if self.locked:
            self._screen.show_scan_refused()

    def _in_window(self, obj: QObject) -> bool:
        window = self.parent()
        widget = obj if isinstance(obj, QWidget) else None
        while widget is not None:
            if widget is window:
                return True
            widget = widget.parentWidget()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() in _ACTIVITY
            and self.idle_timer.isActive()
            and not self.locked
            and self._in_window(obj)
        ):
            self.idle_timer.start()
        return False
