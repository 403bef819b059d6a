"""Starts the counter window: application, theme, language, main window, scanner, services.

At a cold start the window is built and painted first, from the few settings it needs
(``first_screen.py``); the desk's services (settings model, keyring, journal, bookingkit
client) open right after that paint and are attached to the window, and scans typed
meanwhile wait for them (issue #13). Without stored credentials (or without an OS keyring) the
app does not refuse to start: it opens in demo mode with a banner that says why and offers
the setup. Unfinished redemptions are reconciled in the background before the first scan is
taken.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from voucherdesk.first_screen import FirstScreen, glance
from voucherdesk.logs import setup_app_logging
from voucherdesk.paths import APP_AUTHOR, APP_NAME, app_paths
from voucherdesk.resources import resource_path
from voucherdesk.ui import wording
from voucherdesk.ui.camera.service import CameraService
from voucherdesk.ui.common.first_paint import after_first_paint
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.ready_probe import report_when_ready
from voucherdesk.ui.common.scanner import ScanCapture, ScannerSettings, Terminator
from voucherdesk.ui.common.sound import SoundPlayer
from voucherdesk.ui.common.theme import apply_theme
from voucherdesk.ui.common.widgets import fit_to
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.session import CounterSession, configure_access

if TYPE_CHECKING:
    from voucherdesk.app_context import AppContext
    from voucherdesk.settings import Settings
    from voucherdesk.ui.common.single_instance import SingleInstance

log = logging.getLogger(__name__)

GUI_SWITCH_INTERVAL_S = 0.0002


def scanner_settings(settings: Settings) -> ScannerSettings:
    scan = settings.scan
    return ScannerSettings(
        key_gap_ms=scan.key_gap_ms,
        min_length=scan.min_length,
        terminator=Terminator(scan.terminator),
        timeout_ms=scan.no_terminator_timeout_ms,
    )


def open_context(
    demo: bool, feed: CallFeed, parent: QWidget | None = None
) -> tuple[AppContext, str | None]:
    """The real counter when set up; else demo mode with the reason for the banner.

    Loads the services' modules (pydantic, the desk, the client) on first call: at a cold
    start that is after the first paint.
    """
    from voucherdesk.app_context import open_configured, open_demo
    from voucherdesk.credentials import KeyringUnavailable
    from voucherdesk.desk.journal import JournalUnavailable
    from voucherdesk.not_configured import NotConfigured

    if demo:
        return open_demo(observer=feed.observe), None
    try:
        return open_configured(observer=feed.observe), None
    except NotConfigured as exc:
        if exc.needs_setup:  # damaged or lost settings: never production defaults by surprise
            words = wording.not_configured(exc)
            context = open_demo(observer=feed.observe)
            context.needs_setup = True
            return context, f"{words.detail} {words.next_step}"
        reason = QCoreApplication.translate("App", "bookingkit is not set up on this computer yet.")
    except KeyringUnavailable as exc:
        words = wording.error(exc)
        QMessageBox.warning(parent, words.title, f"{words.detail}\n\n{words.next_step}")
        reason = QCoreApplication.translate(
            "App", "No OS keyring: bookingkit access cannot be stored safely."
        )
    except JournalUnavailable as exc:
        # Never redeem for real without the journal: it is what makes a redemption safe.
        words = wording.error(exc)
        QMessageBox.critical(parent, words.title, f"{words.detail}\n\n{words.next_step}")
        reason = QCoreApplication.translate(
            "App", "The redemption journal cannot be opened, so real redemptions are off."
        )
    return open_demo(observer=feed.observe), reason


class CounterApp(QObject):
    """Owns scanner, sound and the session; replaces the session when the connection changes."""

    def __init__(
        self, app: QApplication, *, demo: bool, camera: CameraService | None = None
    ) -> None:
        super().__init__()
        # The window's thread needs the interpreter lock for every Python callback of a
        # frame (the scanner's application-wide event filter sees every event); while a
        # worker computes (an index refresh), each of them waits up to the switch interval
        # for it, Python's default 5 ms. At 1 ms a burst of a dozen events still stalled the
        # window 15-20 ms during a refresh; 0.2 ms keeps it near 5 ms and the refresh as fast.
        sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        self._app = app
        self._demo = demo
        # Sound, scanner and camera settings come with the services (see _take_settings);
        # QtMultimedia loads after the first window is painted.
        self.sound = SoundPlayer(enabled=False, parent=self, load_now=False)
        self.capture = ScanCapture(ScannerSettings(), parent=self)
        self.capture.scanned.connect(self._on_scan)
        self.capture.key_gap_learned.connect(self._store_key_gap)
        # From now on: a scan at a dialog before the counter is up (no keyring, say) is kept
        # for the counter. Out of the way while the first window is built (see start_capture).
        app.installEventFilter(self.capture)
        self._capturing = True
        # Camera reads take the scanner's path: the same normalisation, the same scan flow.
        self.camera = camera or CameraService(parent=self)
        self.camera.code_read.connect(self._on_scan)
        self.session: CounterSession | None = None
        # A scan that came while no counter was ready to take it (start-up, a new connection):
        # handed on as soon as one is, never dropped without a word.
        self._early_scan: str | None = None
        self._started = False
        self._camera_set = False

    def open(self, *, demo: bool | None = None, reason: str | None = None) -> CounterSession:
        """A whole session at once: services first, then the window (a new connection, tests)."""
        feed = CallFeed(self)
        context, why = open_context(self._demo if demo is None else demo, feed)
        if not self._started:
            self._stop_capture()  # back once the first window is painted
        session = CounterSession(
            context,
            feed,
            demo_reason=reason or why,
            sound=self.sound,
            keys=self.capture.timeline,
            camera=self.camera,
        )
        self._show(session)
        self._services_opened(session)
        if not self._started:
            self._started = True
            after_first_paint(
                session.window, self.start_capture, self.sound.load, lambda: _warm_up(session)
            )
        return session

    def open_window_first(self, first_screen: FirstScreen) -> CounterSession:
        """A cold start: the window from ``first_screen`` now, painted before the services
        open; they are attached right after that paint, and scans typed meanwhile wait."""
        self._stop_capture()  # back once the first window is painted
        self._started = True
        session = CounterSession(
            None,
            CallFeed(self),
            first_screen=first_screen,
            sound=self.sound,
            keys=self.capture.timeline,
            camera=self.camera,
        )
        if self._demo:  # known from the command line: no banner popping in after the paint
            session.window.demo_banner.set_reason(None)
            session.window.demo_banner.show()
            session.window.status.set_environment("demo")
        self._show(session)
        after_first_paint(session.window, lambda: self._first_painted(session))
        return session

    def _first_painted(self, session: CounterSession) -> None:
        if self.session is not session:
            return  # closed meanwhile (a quick quit)
        try:
            context, why = open_context(self._demo, session.feed, session.window)
        except Exception as exc:  # nothing to redeem with: said, and the start ends as failed
            log.exception("the counter's services did not open")
            words = wording.error(exc)
            QMessageBox.critical(
                session.window, words.title, f"{words.detail}\n\n{words.next_step}"
            )
            self._app.exit(1)
            return
        session.attach(context, demo_reason=why)
        self._services_opened(session)
        self.start_capture()
        self.sound.load()
        _warm_up(session)

    def _show(self, session: CounterSession) -> None:
        session.setup_requested.connect(self.open_setup)
        session.settings_requested.connect(self.open_settings)
        session.camera_switched.connect(self.set_camera)
        session.screen_replaced.connect(self.capture.screen_replaced)
        session.window.show()
        self.session = session

    def _services_opened(self, session: CounterSession) -> None:
        """The counter's settings in force, the start-up check begun, a kept scan handed on."""
        context = session.context
        self._take_settings(context.settings)
        session.start()
        if context.needs_setup:
            QTimer.singleShot(0, self.open_setup)  # the setup in front of the demo counter
        early, self._early_scan = self._early_scan, None
        if early is not None:
            session.on_scan(early)  # the controller takes it once open redemptions are settled

    def _take_settings(self, settings: Settings) -> None:
        # Demo settings are a copy of the real file's, so the scanner's pace is the same.
        self.capture.set_settings(scanner_settings(settings))
        self.sound.set_enabled(settings.sounds)
        if not self._camera_set:  # once: a new connection keeps the camera as the clerk left it
            self._camera_set = True
            if settings.camera.enabled:
                self.camera.set_enabled(True, settings.camera.device)

    @property
    def capturing(self) -> bool:
        """True once the scanner's filter is in place (after the first paint of a cold start)."""
        return self._capturing

    def start_capture(self) -> None:
        """The scanner's application-wide filter in place (again): called once the first
        window is painted.

        The first event of a widget such a filter sees makes PySide build the Python type of
        every Qt class the widget could be (some 180, with their enums): about 50 ms and 4 MB
        that building and painting the first window would otherwise wait for. No clerk scans
        a window they cannot see yet; a key before the filter reaches the focused code field,
        as typing does.
        """
        if not self._capturing:
            self._app.installEventFilter(self.capture)
            self._capturing = True

    def _stop_capture(self) -> None:
        if self._capturing:
            self._app.removeEventFilter(self.capture)
            self._capturing = False

    def _on_scan(self, raw: str) -> None:
        if self.session is None or not self.session.attached:
            self._early_scan = raw  # the newest scan wins, as it does at a ready counter
            return
        self.session.on_scan(raw)

    def _store_key_gap(self, gap_ms: float) -> None:
        """Keep a newly learned scanner pace in the settings file (the real one in demo mode:
        the scanner is hardware)."""
        self._remember("learned scanner key gap", lambda s: {
            "scan": s.scan.model_copy(update={"key_gap_ms": gap_ms})
        })  # fmt: skip

    def _remember(self, what: str, fields: Callable[[Settings], dict[str, object]]) -> None:
        """Keep a few fields the counter learned or the clerk switched in the stored settings
        (the real file in demo mode too)."""
        session = self.session
        if session is None or not session.attached:
            return
        context = session.context
        try:
            context.remember(**fields(context.stored_settings()))
        except OSError as exc:
            log.warning("%s not saved: %s", what, exc)

    def set_camera(self, on: bool) -> None:
        """The clerk switched camera scanning on or off: do it, and keep the choice."""
        session = self.session
        if session is not None and not session.attached:
            return
        device = session.context.stored_settings().camera.device if session else ""
        self._remember("camera switch", lambda s: {
            "camera": s.camera.model_copy(update={"enabled": on})
        })  # fmt: skip
        self.camera.set_enabled(on, device)

    def _close_session(self) -> None:
        old, self.session = self.session, None
        if old is None:
            return
        old.save_window()
        old.window.closing.disconnect()
        old.window.hide()
        old.shutdown()
        old.window.deleteLater()

    def reopen(self, *, demo: bool, reason: str | None = None) -> None:
        """New credentials or connection settings: a fresh session on the new services."""
        self._close_session()
        self._demo = demo
        self.open(demo=demo, reason=reason)

    def open_setup(self) -> None:
        from voucherdesk.ui.setup.wizard import SetupWizard

        if self.session is None:
            return
        wizard = SetupWizard(runner=self.session.runner, parent=self.session.window)
        fit_to(wizard, self.session.window.size(), share=0.6)
        wizard.setProperty("keepOnScan", True)  # typed credentials must not vanish on a scan
        wizard.credentials_saved.connect(lambda _env: self.reopen(demo=False))
        wizard.open()

    def open_settings(self) -> None:
        from voucherdesk.ui.settings.dialog import SettingsDialog

        session = self.session
        if session is None or not session.attached:
            return
        context = session.context
        # In demo mode the dialog edits the real settings file, not the demo's copy.
        dialog = SettingsDialog(context.stored_settings(), session.window, capture=self.capture)
        forgotten: list[str] = []
        dialog.credentials_forgotten.connect(forgotten.append)
        self.camera.set_paused(True)  # a code in view must not close the dialog and its edits
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.camera.set_paused(False)
        if not accepted:
            if forgotten and not context.demo:
                self.reopen(demo=False)
            return
        change = context.change_settings(dialog.settings)
        after = change.after
        self.sound.set_enabled(after.sounds)
        self.capture.set_settings(scanner_settings(after))
        if change.before.camera != after.camera:
            self.camera.set_enabled(after.camera.enabled, after.camera.device)
        if forgotten or (change.reconnect and not context.demo):
            self.reopen(demo=self._demo)
            return
        if change.restyle:
            apply_theme(self._app, after.theme)
            install_translations(self._app, after.language)
            session.rebuild_window()
        session.window.result_delay_s = after.result_delay_s
        configure_access(session.window, FirstScreen.of(session.context.settings))

    def bring_to_front(self) -> None:
        """A second start asked for the counter: show this window on top, not minimised."""
        if self.session is None:
            return
        window = self.session.window
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    def shutdown(self) -> None:
        self.camera.close()
        if self.session is not None:
            self.session.shutdown()
            self.session = None


def _warm_up(session: CounterSession) -> None:
    """Behind the first paint: what the first scan would otherwise wait for (validators, the
    TLS context) on a worker; then everything built so far, which lives until the app ends,
    is kept out of the garbage collector's full passes (they would walk it all, tens of
    milliseconds with the interpreter lock held, every so often all day)."""
    session.runner.run(
        session.context.client.prepare,
        on_done=lambda _none: gc.freeze(),
        on_error=lambda exc: gc.freeze(),
    )


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationDisplayName("VoucherDesk")
    try:
        app.setWindowIcon(QIcon(str(resource_path("icon-256.png"))))
    except FileNotFoundError as exc:
        log.warning("no window icon: %s", exc)
    return app


def run_gui(demo: bool) -> int:
    """The counter window until it is closed; returns the process exit code.

    A second start for the same data folder brings the running window to the front and exits
    (0). A ``--demo`` window has its own journal: it neither claims the folder nor asks.
    """
    paths = app_paths()
    setup_app_logging(paths.log_file, console_level=logging.WARNING)
    app = create_application()
    instance: SingleInstance | None = None
    if not demo:
        # QtNetwork only where it is used: a --demo window claims no data folder.
        from voucherdesk.ui.common.single_instance import SingleInstance

        instance = SingleInstance(paths.data_dir)
        if not instance.claim():
            log.info("a counter window runs for this data folder already: asked it to the front")
            return 0
    first_screen = glance(paths.settings_file)
    if first_screen is None:  # only the full read can tell (it sets a damaged file aside)
        from voucherdesk.settings import load_settings

        first_screen = FirstScreen.of(load_settings(paths.settings_file).settings)
    apply_theme(app, first_screen.theme)
    install_translations(app, first_screen.language)
    counter = CounterApp(app, demo=demo)
    if instance is not None:
        instance.raise_requested.connect(counter.bring_to_front)
    session = counter.open_window_first(first_screen)
    report_when_ready(session.window, session.window.code_entry)  # benchmarks only
    try:
        return app.exec()
    finally:
        counter.shutdown()
        if instance is not None:
            instance.release()
