"""When the counter window locks and unlocks: Ctrl+L, the idle timer, never mid-redemption.

A redemption on its way is never hidden: a lock asked for meanwhile (by hand or by the idle
timer) waits for its result and happens right after. While locked the controller refuses
scans (``controller.locked``) and the window's own actions are off, so no shortcut reaches
the counter behind the lock screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from voucherdesk.desk.flow import Redeeming, State
from voucherdesk.ui.counter.controller import CounterController
from voucherdesk.ui.counter.lock_screen import LockScreen

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class LockGuard(QObject):
    def __init__(
        self,
        window: QMainWindow,
        controller: CounterController,
        shell: QStackedWidget,
        screen: LockScreen,
        lock_action: QAction,
    ) -> None:
        super().__init__(window)  # no Python reference back to the window: no cycle to collect
        self._controller = controller
        self._shell = shell
        self._screen = screen
        self._lock_action = lock_action
        self._pin_hash: str | None = None
        self._idle_ms_override: int | None = None
        self._pending = False  # a lock waits for a redemption's result
        self._switched_off: list[QAction] = []
        self._focus: QWidget | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)  # one timer; exact is cheap
        self.idle_timer.timeout.connect(self.lock_now)
        controller.state_changed.connect(self._state_changed)
        controller.scan_refused.connect(self._scan_refused)
        screen.unlocked.connect(self.unlock)
        self._watching = False
        self.configure(None, 0)

    @property
    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    @property
    def locked(self) -> bool:
        return self._controller.locked

    @property
    def pending(self) -> bool:
        return self._pending

    def configure(self, pin_hash: str | None, idle_minutes: int) -> None:
        """A new PIN hash (None: no PIN, no lock) and idle timeout from the settings."""
        self._pin_hash = pin_hash
        self._screen.set_pin_hash(pin_hash)
        self._screen.policy.idle_minutes = idle_minutes
        self._lock_action.setEnabled(pin_hash is not None and not self.locked)
        if pin_hash is None:
            self._pending = False
            if self.locked:
                self.unlock()
        self._restart_idle()

    def set_idle_ms(self, ms: int | None) -> None:
        """Test hook: the idle timeout in milliseconds instead of the settings' minutes."""
        self._idle_ms_override = ms
        self._restart_idle()

    def _idle_interval(self) -> int | None:
        if self._pin_hash is None:
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

    def lock_now(self) -> None:
        """Lock, or, while a redemption is on its way, lock right after its result."""
        if self._pin_hash is None or self.locked:
            return
        if isinstance(self._controller.state, Redeeming):
            if not self._pending:
                self._pending = True
                self._controller.notice.emit(
                    QCoreApplication.translate(
                        "LockGuard", "The counter locks as soon as this booking is done."
                    )
                )
            return
        self._lock()

    def _lock(self) -> None:
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
        self._window.menuBar().setEnabled(False)
        self._shell.setCurrentWidget(self._screen)
        self._screen.prepare()

    def unlock(self) -> None:
        if not self.locked:
            return
        self._controller.locked = False
        self._window.menuBar().setEnabled(True)
        self._shell.setCurrentIndex(0)
        for action in self._switched_off:
            action.setEnabled(True)
        self._switched_off = []
        self._lock_action.setEnabled(self._pin_hash is not None)
        focus, self._focus = self._focus, None
        if focus is not None and focus.isVisible():
            focus.setFocus()
        self._restart_idle()

    def _state_changed(self, state: State) -> None:
        if self._pending and not isinstance(state, Redeeming):
            self._lock()
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
