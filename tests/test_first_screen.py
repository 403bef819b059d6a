"""The first screen needs only what it shows (issue #13, cold start).

A cold start paints the counter window before the desk's services open: the settings model
(pydantic), the desk, its journal and audit trail, the keyring and the bookingkit client load
right after the first paint, and a scan typed meanwhile waits for them.

The counter window starts with its idle page; the card with its side panels, the result and
the refusal are built right after the first paint, or on first use when a scan comes sooner.
QtMultimedia (sound, camera), QtNetwork (the second-start check, not used by --demo), httpx
(the client's connection) and the screens' modules are not loaded with the window. The
scanner's application-wide filter goes in after the first paint too (its first event makes
PySide build some 180 Python types).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers.keys import FakeKeyClock, enter, type_text
from helpers.scan_desk import WAIT_MS, shows_code
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import CardShown
from voucherdesk.first_screen import FirstScreen
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterApp
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.main_window import PAGE_CARD, PAGE_IDLE, PAGE_REFUSAL
from voucherdesk.ui.session import CounterSession

LATER = [
    "PySide6.QtMultimedia",
    "PySide6.QtNetwork",
    "PySide6.QtPrintSupport",
    "voucherdesk.ui.counter.screens",
    "voucherdesk.ui.counter.voucher_card",
    "voucherdesk.ui.counter.booking_panel",
    "voucherdesk.ui.counter.ticket_panel",
    "voucherdesk.ui.counter.pass_panel",
    "voucherdesk.ui.counter.result_view",
    "voucherdesk.ui.counter.refusal_view",
    "voucherdesk.ui.common.acknowledge_dialog",
    "voucherdesk.ui.camera.reader",
    "httpx",  # the client's connection is made on a worker after the first paint
    "httpcore",
    "h11",
]


# Loaded once the first window is painted, at a cold start (CounterApp.open_window_first).
SERVICES = [
    "pydantic",
    "voucherdesk.settings",
    "voucherdesk.app_context",
    "voucherdesk.credentials",
    "voucherdesk.desk.desk",
    "voucherdesk.desk.journal",
    "voucherdesk.audit.trail",
    "voucherdesk.bookingkit.client",
    "voucherdesk.bookingkit.models",
    "voucherdesk.standin",
    "keyring",
    "logging.handlers",  # the log file rotates without it
    "hashlib",  # a PIN is hashed and checked only when one is typed
]


def test_a_cold_start_paints_the_window_before_the_services_load() -> None:
    """`voucherdesk` as it starts: the window from the first screen's settings, painted and
    focused before any of the services' modules loads; they are attached right after."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from voucherdesk.first_screen import FirstScreen\n"
        "from voucherdesk.ui.app import CounterApp, create_application\n"
        "later = sys.argv[1:]\n"
        "app = create_application()\n"
        "counter = CounterApp(app, demo=True)\n"
        "session = counter.open_window_first(FirstScreen())\n"
        "at_paint = []\n"
        "class FirstPaint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not at_paint:\n"
        "            at_paint.append([n for n in later if n in sys.modules])\n"
        "            at_paint.append(session.attached)\n"
        "        return False\n"
        "probe = FirstPaint()\n"
        "session.window.installEventFilter(probe)\n"
        "def done():\n"
        "    if session.attached and session.controller.accepting:\n"
        "        app.quit()\n"
        "poll = QTimer(interval=20, timeout=done)\n"
        "poll.start()\n"
        "QTimer.singleShot(20_000, app.quit)\n"
        "app.exec()\n"
        "print(at_paint[0], at_paint[1], session.attached, session.controller.accepting)\n"
        "print([n for n in later if n in sys.modules])\n"
        "counter.shutdown()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *SERVICES], capture_output=True, text=True, check=True
    )
    painted, after = out.stdout.strip().splitlines()[-2:]
    assert painted == "[] False True True"  # nothing at the paint; attached and ready after
    assert "pydantic" in after
    assert "voucherdesk.desk.desk" in after


def test_the_window_is_built_without_the_later_screens_and_media() -> None:
    """A demo counter window, built as `voucherdesk --demo` builds it (not shown: no paint),
    has loaded none of what comes after the first paint."""
    code = (
        "import sys\n"
        "from voucherdesk.ui.app import CounterApp, create_application\n"
        "app = create_application()\n"
        "counter = CounterApp(app, demo=True)\n"
        "session = counter.open()\n"
        "print([name for name in sys.argv[1:] if name in sys.modules])\n"
        "counter.shutdown()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *LATER], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_first_window_is_built_and_painted_without_pythons_types_of_every_qt_class() -> None:
    """With the scanner's filter in place while the window was built, the first event of a Qt
    widget it saw made PySide build the Python type (and every enum) of each Qt class that
    widget could be: some 150 enum types, tens of milliseconds and megabytes before the first
    paint. Counted here from the counter's open to its first paint: Qt's enum types only, as
    the services this open loads first (httpx, ssl, socket) bring enums of their own."""
    code = (
        "import enum\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from voucherdesk.ui.app import CounterApp, create_application\n"
        "made = []\n"
        "real = enum.EnumType.__new__\n"
        "def counting(*args, **kwargs):\n"
        "    made.append(real(*args, **kwargs))\n"
        "    return made[-1]\n"
        "def qt(kind):\n"  # a functional enum gets its module after it is made
        "    return str(getattr(kind, '__module__', '')).startswith(('PySide6', 'shiboken'))\n"
        "class FirstPaint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not seen:\n"
        "            seen.append([kind.__name__ for kind in made if qt(kind)])\n"
        "            app.quit()\n"
        "        return False\n"
        "seen = []\n"
        "app = create_application()\n"
        "counter = CounterApp(app, demo=True)\n"
        "enum.EnumType.__new__ = counting\n"
        "session = counter.open()\n"
        "probe = FirstPaint()\n"
        "session.window.installEventFilter(probe)\n"
        "app.exec()\n"
        "enum.EnumType.__new__ = real\n"
        "print(len(seen[0]), ' '.join(seen[0]))\n"
        "counter.shutdown()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, _, names = out.stdout.strip().splitlines()[-1].partition(" ")
    assert int(count) < 20, f"{count} of Qt's enum types made before the first paint: {names}"


def test_scans_are_captured_once_the_first_window_is_painted(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    clock = FakeKeyClock()
    counter.capture._clock = clock  # the test's key clock, as in the other capture tests
    try:
        session = counter.open()
        window = session.window
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.pages.count() == 4, timeout=WAIT_MS)  # painted
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: counter.capturing, timeout=WAIT_MS)  # the paint's other task
        code = DEMO_CODES["fresh"]
        type_text(window.code_entry, clock, code, 6)  # a scanner's pace
        enter(window.code_entry)
        assert window.code_entry.text() == ""  # taken by the capture, not typed
        qtbot.waitUntil(lambda: shows_code(code)(session.controller.state), timeout=WAIT_MS)
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_the_screens_are_built_after_the_first_paint(qtbot: QtBot) -> None:
    feed = CallFeed()
    session = CounterSession(open_demo(observer=feed.observe), feed)
    window = session.window
    qtbot.addWidget(window)
    try:
        assert window.pages.count() == 1  # the idle page alone
        window.show()
        qtbot.waitUntil(lambda: window.pages.count() == 4, timeout=WAIT_MS)
        assert window.pages.currentIndex() == PAGE_IDLE
        assert QApplication.focusWidget() is window.code_entry  # still ready for a scan
    finally:
        session.shutdown()


def test_a_scan_before_the_first_paint_builds_the_screens_it_needs(qtbot: QtBot) -> None:
    feed = CallFeed()
    session = CounterSession(open_demo(observer=feed.observe), feed)
    window = session.window
    qtbot.addWidget(window)
    code = DEMO_CODES["fresh"]
    try:
        session.start()
        session.on_scan(code)  # taken once open redemptions are settled
        qtbot.waitUntil(lambda: shows_code(code)(session.controller.state), timeout=WAIT_MS)
        # "checking…" is drawn a moment after the scan (the request leaves first): wait for
        # the page itself (window.card would build the screens just by being asked).
        qtbot.waitUntil(lambda: window.pages.currentIndex() == PAGE_CARD, timeout=WAIT_MS)
        assert window.pages.count() == 4
        assert window.card.code.text() == code
        session.on_scan(DEMO_CODES["used_up"])  # refused: the refusal page, built with the rest
        qtbot.waitUntil(
            lambda: (
                isinstance(session.controller.state, CardShown)
                and window.pages.currentIndex() == PAGE_REFUSAL
            ),
            timeout=WAIT_MS,
        )
    finally:
        session.shutdown()


def test_a_scan_before_the_services_are_open_is_checked_once_they_are(qtbot: QtBot) -> None:
    """A scan at the painted window of a cold start, before the desk is attached: kept, then
    checked as usual; nothing is lost and nothing is asked of a desk not yet there."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    try:
        session = counter.open_window_first(FirstScreen())
        window = session.window
        qtbot.addWidget(window)
        assert not session.attached
        # Nothing is claimed before it is known; a --demo start says DEMO from the first paint.
        assert window.status.requests.text() == ""
        assert window.status.token.text() == ""
        assert window.demo_banner.isVisibleTo(window)
        code = DEMO_CODES["fresh"]
        session.on_scan(code)  # the window's own path: the controller keeps it
        assert not session.controller.accepting
        qtbot.waitUntil(lambda: session.attached, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: shows_code(code)(session.controller.state), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.card.code.text() == code, timeout=WAIT_MS)  # drawn
        assert "requests this month" in window.status.requests.text()
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_a_scan_from_the_capture_before_the_services_are_open_is_handed_on(
    qtbot: QtBot,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    try:
        session = counter.open_window_first(FirstScreen())
        qtbot.addWidget(session.window)
        code = DEMO_CODES["fresh"]
        counter._on_scan(code)  # as the scanner's capture or the camera hands it on
        qtbot.waitUntil(lambda: shows_code(code)(session.controller.state), timeout=WAIT_MS)
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_the_first_screens_lock_holds_from_the_first_paint(qtbot: QtBot) -> None:
    """A counter with clerks starts at the sign-in, before its services are open."""
    from voucherdesk.desk.staff import Clerk, Staff

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    counter = CounterApp(app, demo=True)
    staff = Staff.of([Clerk(name="Ana", pin_hash="salt$hash", admin=True)])
    try:
        session = counter.open_window_first(FirstScreen(staff=staff))
        qtbot.addWidget(session.window)
        assert session.window.lock.locked
        assert session.controller.locked
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()


def test_services_that_cannot_open_end_the_start_with_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold start whose services fail to open (the data folder unwritable, say) does not
    leave a painted counter that silently keeps every scan: the clerk is told, the app ends."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    told: list[str] = []
    ended: list[int] = []

    def refused(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("voucherdesk.ui.app.open_context", refused)
    monkeypatch.setattr(
        "voucherdesk.ui.app.QMessageBox.critical", lambda *args: told.append(str(args[1]))
    )
    counter = CounterApp(app, demo=True)
    monkeypatch.setattr(counter._app, "exit", ended.append)
    try:
        session = counter.open_window_first(FirstScreen())
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
        assert ended == [1]
        assert told  # a title from the wording, not a traceback
        assert not session.attached
    finally:
        app.removeEventFilter(counter.capture)
        counter.shutdown()
