"""A counter window on the demo stand-in with the real scan capture, for scanner tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from helpers.keys import FakeKeyClock, enter
from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import Booking, Checking, ResultShown, State
from voucherdesk.settings import Settings
from voucherdesk.ui.common.scanner import ScanCapture, ScannerSettings
from voucherdesk.ui.common.sound import SoundPlayer
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.main_window import MainWindow
from voucherdesk.ui.session import CounterSession

WAIT_MS = 15_000


class ScanDesk:
    """Session + window + ScanCapture on the application, wired as the app wires them."""

    def __init__(
        self,
        qtbot: QtBot,
        clock: FakeKeyClock,
        settings: ScannerSettings | None = None,
        *,
        sound: SoundPlayer | None = None,
        home: Path | None = None,
        standin_url: str | None = None,
        app_settings: Settings | None = None,
    ) -> None:
        """``home`` and ``standin_url``: a counter restarted on the same journal and stand-in
        (see open_demo); a fresh demo by default. ``app_settings``: instead of the file's."""
        self.qtbot = qtbot
        self.clock = clock
        self.closed = False
        # Key time and screen time on the test's clock (KeyTimeline): moved together.
        self.capture = ScanCapture(settings, clock=clock, monotonic=lambda: clock.now / 1000)
        feed = CallFeed()
        self.session = CounterSession(
            open_demo(
                observer=feed.observe, settings=app_settings, home=home, standin_url=standin_url
            ),
            feed,
            keys=self.capture.timeline,
            sound=sound,
        )
        self.controller = self.session.controller
        self.states: list[State] = []
        self.controller.state_changed.connect(self.states.append)
        self.scans: list[str] = []
        self.capture.scanned.connect(self.scans.append)
        self.capture.scanned.connect(self._on_scan)  # to whichever window is current
        self.session.screen_replaced.connect(self.capture.screen_replaced)
        qtbot.addWidget(self.window)
        self.window.show()
        self.session.start()
        qtbot.waitUntil(lambda: self.controller.accepting, timeout=WAIT_MS)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.capture)

    @property
    def window(self) -> MainWindow:
        """The session's window of now (a new one after ``session.rebuild_window()``)."""
        return self.session.window

    def _on_scan(self, raw: str) -> None:
        self.session.window.on_scan(raw)

    def close(self) -> None:
        self.closed = True
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(self.capture)
        self.session.shutdown()

    def wait(self, test: Callable[[State], bool]) -> State:
        self.qtbot.waitUntil(lambda: test(self.controller.state), timeout=WAIT_MS)
        return self.controller.state

    def open_booking(self, code: str) -> Booking:
        """Scan `code` and wait for its booking panel with a quote; the clerk then pauses."""
        self.window.on_scan(code)
        state = self.wait(lambda s: isinstance(s, Booking) and s.quote is not None)
        assert isinstance(state, Booking)
        self.states.clear()
        self.scans.clear()
        self.clock.now += 2_000
        return state

    def book_with_top_up(self, code: str) -> ResultShown:
        """Scan `code` (a voucher that leaves a top-up), book it with a deliberate Enter, and
        wait for its result with the top-up to collect."""
        self.open_booking(code)
        enter(self.widget("dates"))
        state = self.wait(lambda s: isinstance(s, ResultShown) and s.collecting)
        assert isinstance(state, ResultShown)
        assert state.outcome is not None
        return state

    def orders(self) -> list[dict[str, Any]]:
        standin = self.session.context.standin
        assert standin is not None
        return standin.state.orders()

    def widget(self, name: str) -> QWidget:
        """A widget of the booking panel by a short name (what the clerk can focus)."""
        panel = self.window.booking
        return {
            "search": panel.search,
            "dates": panel.dates_list,
            "stepper": panel.steppers[0],
            "confirm": panel.confirm_button,
        }[name]


def shows_code(code: str) -> Callable[[State], bool]:
    """The card is about `code`: being checked, or its booking panel."""

    def test(state: State) -> bool:
        if isinstance(state, Checking):
            return state.raw == code
        return isinstance(state, Booking) and state.check.raw == code

    return test
