"""One running counter: services, worker lanes, controller and window, wired together.

At a cold start the session is built before its services: the window from the first
screen's settings, painted, and the services attached right after (``attach``). Otherwise
it is built whole from an open ``AppContext``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout

from voucherdesk.clock import utc_now
from voucherdesk.first_screen import FirstScreen
from voucherdesk.ui import wording
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.common.widgets import fit_to
from voucherdesk.ui.common.window_state import encode_window_state, restore_window_state
from voucherdesk.ui.counter.controller import CounterController
from voucherdesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from voucherdesk.app_context import AppContext
    from voucherdesk.desk.key_timing import KeyTimeline
    from voucherdesk.desk.outcomes import RedemptionOutcome
    from voucherdesk.ui.camera.service import CameraService
    from voucherdesk.ui.common.sound import SoundPlayer
    from voucherdesk.ui.counter.status_strip import CallFeed
    from voucherdesk.ui.history.panel import HistoryPanel
    from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog

log = logging.getLogger(__name__)


def configure_access(window: MainWindow, access: FirstScreen) -> None:
    """The window's PIN lock, clerks and kiosk mode from the settings."""
    window.configure_access(
        pin_hash=access.pin_hash,
        idle_minutes=access.lock_after_idle_min,
        staff=access.staff,
        kiosk=access.kiosk,
    )


def _same_access(a: FirstScreen, b: FirstScreen) -> bool:
    return (a.pin_hash, a.lock_after_idle_min, a.staff, a.kiosk) == (
        b.pin_hash,
        b.lock_after_idle_min,
        b.staff,
        b.kiosk,
    )


D = TypeVar("D")


class _OnePerWindow(Generic[D]):
    """A dialog (or its panel) made once for a window and opened again after: a rebuilt
    window (a new language) makes its own, the old one goes with the old window."""

    def __init__(self) -> None:
        self._made: tuple[MainWindow, D] | None = None

    def get(self, window: MainWindow, make: Callable[[], D]) -> D:
        if self._made is None or self._made[0] is not window:
            self._made = (window, make())
        return self._made[1]


class _ResultDelay:
    """How long a result stays on screen: the first screen's setting until the counter's
    settings are open, then theirs (changed while running too). Holds no session: no cycle."""

    def __init__(self, first: int) -> None:
        self._first = first
        self.context: AppContext | None = None

    def seconds(self) -> int:
        return self._first if self.context is None else self.context.settings.result_delay_s


class CounterSession(QObject):
    """One running counter: services, worker lanes, controller and window, wired together."""

    setup_requested = Signal()  # from whichever window is current (see rebuild_window)
    settings_requested = Signal()
    camera_switched = Signal(bool)  # the clerk switched the camera on or off in the menu
    # Another customer's screen, from whichever window is current (MainWindow.screen_replaced).
    screen_replaced = Signal()

    def __init__(
        self,
        context: AppContext | None,
        feed: CallFeed,
        *,
        first_screen: FirstScreen | None = None,
        demo_reason: str | None = None,
        sound: SoundPlayer | None = None,
        keys: KeyTimeline | None = None,
        camera: CameraService | None = None,
    ) -> None:
        """With ``context`` the session is whole at once; without it, the window is built
        from ``first_screen`` and waits for :meth:`attach` (scans are kept until then)."""
        super().__init__()
        if first_screen is None:
            if context is None:
                raise ValueError("a session needs its services or the first screen's settings")
            first_screen = FirstScreen.of(context.settings)
        self._context: AppContext | None = None
        self._first_screen = first_screen
        self._history: _OnePerWindow[HistoryPanel] = _OnePerWindow()
        self._report: _OnePerWindow[ShiftReportDialog] = _OnePerWindow()
        self.camera = camera
        self.feed = feed
        self.runner = TaskRunner(self)
        self._delay = _ResultDelay(first_screen.result_delay_s)
        self.controller = CounterController(
            None, self.runner, result_delay_s=self._delay.seconds, keys=keys, parent=self
        )
        self._sound = sound
        self._demo_reason = demo_reason
        self._file_notes = ""
        self.window = self._make_window()
        # One central notice for background work that has no handler of its own.
        self.runner.failed.connect(self._background_failed)
        restore_window_state(
            self.window, first_screen if context is None else context.stored_settings()
        )
        if context is not None:
            self.attach(context)

    @property
    def context(self) -> AppContext:
        if self._context is None:
            raise RuntimeError("the counter's services are not open yet")
        return self._context

    @property
    def attached(self) -> bool:
        return self._context is not None

    def attach(self, context: AppContext, *, demo_reason: str | None = None) -> None:
        """The desk's services, once open: the window shows them, the controller works on
        them. ``start`` follows."""
        self._context = context
        self._delay.context = context
        if demo_reason is not None:
            self._demo_reason = demo_reason
        window = self.window
        access = FirstScreen.of(context.settings)
        if not _same_access(access, self._first_screen):  # the full read wins
            configure_access(window, access)
        window.result_delay_s = context.settings.result_delay_s
        self._show_services(window, context)
        self.controller.attach(context.desk)
        if window.lock.clerk != context.desk.clerk:  # signed in while the services opened
            self._clerk_changed(window.lock.clerk)

    def _access(self) -> FirstScreen:
        context = self._context
        return self._first_screen if context is None else FirstScreen.of(context.settings)

    def _make_window(self) -> MainWindow:
        context = self._context
        window = MainWindow(
            self.controller, sound=self._sound, result_delay_s=self._delay.seconds()
        )
        if context is not None:
            window.lock.clerk = context.desk.clerk  # a rebuilt window keeps who is signed in
        window.lock.clerk_changed.connect(self._clerk_changed)
        configure_access(window, self._access())
        self.feed.call.connect(window.status.on_call)
        if context is not None:
            self._show_services(window, context)
        window.closing.connect(self.save_window)
        window.history_requested.connect(self.open_history)
        window.report_requested.connect(self.open_report)
        window.slip_requested.connect(self.open_slip)
        window.setup_requested.connect(self.setup_requested)
        window.settings_requested.connect(self.settings_requested)
        window.screen_replaced.connect(self.screen_replaced)
        window.clerks_requested.connect(self.open_clerks)
        if self.camera is not None:
            window.camera.bind(self.camera)
        window.camera.switched.connect(self.camera_switched)
        return window

    def _show_services(self, window: MainWindow, context: AppContext) -> None:
        """What the window shows of the services: environment, token, usage, demo banner,
        and the notes on files that could not be used."""
        strip = window.status
        strip.set_environment(context.environment.name)
        strip.bind(lambda: context.client.token_valid_until, context.counter.this_month)
        if context.demo:
            window.demo_banner.set_reason(self._demo_reason)
            window.demo_banner.show()
        self._file_notes = " ".join(
            wording.file_problem(problem)
            for problem in (*context.file_problems(), window.lock.problem)
            if problem is not None
        )
        audit_problem = context.audit_problem()
        if audit_problem is not None:  # told, and the counter works on
            self._file_notes = f"{self._file_notes} {wording.audit_problem(audit_problem)}".strip()

    def on_scan(self, raw: str) -> None:
        self.window.on_scan(raw)

    def _clerk_changed(self, clerk: str | None) -> None:
        """Who is signed in changed (sign-in, switch, an admin opening a clerk's lock, a clerk
        removed): the audit trail gets the sign-out and the sign-in, each with its clerk."""
        if self._context is None:
            return  # the desk takes the window's clerk when it is attached
        desk = self._context.desk
        before = desk.clerk
        if clerk == before:
            return  # the same clerk opened their own lock: no new sign-in
        if before is not None:
            desk.record_sign_out(before)
        desk.clerk = clerk  # every journal step and audit row from now on names them
        if clerk is not None:
            desk.record_sign_in(clerk)

    def open_clerks(self) -> None:
        """An admin manages the clerks and kiosk mode (the window asked for an admin)."""
        from voucherdesk.ui.settings.staff_dialog import StaffDialog

        context = self._context
        if context is None:
            return
        dialog = StaffDialog(context.stored_settings(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            context.change_settings(dialog.settings)
        except OSError as exc:
            log.warning("clerks not saved: %s", exc)
            self.controller.note(wording.error(exc).title)
            return
        configure_access(self.window, FirstScreen.of(context.settings))

    def _background_failed(self, error: BaseException) -> None:
        log.warning("background work failed: %s", type(error).__name__)
        self.controller.note(wording.error(error).title)

    def start(self) -> None:
        """Reconcile open journal entries first; scans wait until that is done."""
        # Files that could not be used are told with what the start-up check found.
        self.controller.start(start_notes=self._file_notes)

    def save_window(self) -> None:
        """Remember size and position (demo mode too, in the real settings file)."""
        if self._context is None:
            return  # closed before the services opened: nothing to remember it in
        try:
            self._context.remember(window_geometry=encode_window_state(self.window))
        except OSError as exc:
            log.warning("window position not saved: %s", exc)

    def open_history(self) -> None:
        """The history dialog: one per window, opened again afresh (Ctrl+H all day made a new
        one each time, and the closed ones stayed until the window went)."""
        if self._context is None:
            return
        panel = self._history.get(self.window, self._make_history)
        # The PIN of now: an admin may have set or changed it since the dialog was made.
        panel.set_pin(self.window.lock.pin_hash, self.window.lock_screen.policy)
        dialog = panel.window()
        assert isinstance(dialog, QDialog)
        dialog.setWindowTitle(QCoreApplication.translate("App", "History"))
        fit_to(dialog, self.window.size())
        panel.start_over()
        dialog.open()  # non-blocking: a scan closes it and goes on with the new voucher

    def _make_history(self) -> HistoryPanel:
        from voucherdesk.ui.history.panel import HistoryPanel

        dialog = QDialog(self.window)
        panel = HistoryPanel(self.context.desk, self.runner, dialog)
        panel.acknowledged.connect(self.controller.acknowledged_elsewhere)
        panel.top_up_open = self.controller.collecting_for
        panel.top_up_taken_here = self.controller.took_top_up
        panel.top_up_taken.connect(self.controller.top_up_taken_elsewhere)
        panel.undo_answered = self.controller.undo_answered  # even once the panel is gone
        QVBoxLayout(dialog).addWidget(panel)
        return panel

    def open_report(self) -> None:
        """The shift report: one per window, like the history, for today when opened."""
        from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog

        if self._context is None:
            return
        dialog = self._report.get(
            self.window,
            lambda: ShiftReportDialog(
                self.context.desk,
                self.runner,
                environment=self.context.environment.name,
                parent=self.window,
            ),
        )
        fit_to(dialog, self.window.size())
        dialog.start_over()
        dialog.open()  # non-blocking, like the history

    def open_slip(self, outcome: RedemptionOutcome) -> None:
        from voucherdesk.desk.slip import slip_for
        from voucherdesk.ui.history.slip_printer import open_slip_dialog

        settings = self.context.settings
        content = slip_for(
            outcome,
            counter_id=self.context.desk.counter_id,
            # as bookingkit recorded it (a top-up from before this start: maybe another setting)
            top_up_method=outcome.top_up_method or settings.top_up_method,
            printed_at=utc_now(),
        )
        open_slip_dialog(content, self.window, self.controller.note)

    def rebuild_window(self) -> None:
        """A new window in the current language and theme, showing the same state."""
        old = self.window
        geometry = old.saveGeometry()
        old.closing.disconnect()
        self.window = self._make_window()
        self.window.restoreGeometry(geometry)
        # (the experiences loaded so far reach its booking panels when those are built)
        self.window.show_state(self.controller.state)
        self.window.status.show_message(self.controller.note_in_view)  # a note still applies
        self.window.show()
        self.controller.revealed()
        old.hide()
        old.deleteLater()

    def shutdown(self) -> None:
        """Finish worker jobs, close the services, and free the Qt side on the GUI thread.

        deleteLater matters: left to Python's cycle collector, the session's Qt objects could be
        destroyed on whichever thread happens to collect, which Qt does not survive.
        """
        self.runner.cancel_pending()
        self.runner.wait_for_done(15_000)
        if self._context is None:
            self.deleteLater()
            return
        desk = self._context.desk
        if desk.clerk is not None:  # the counter closes (quit, reopen): nobody works at it
            desk.record_sign_out(desk.clerk)
            desk.clerk = None
        self.context.close()
        self.deleteLater()
