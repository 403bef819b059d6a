"""The first screen needs only what it shows (issue #13, cold start).

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

from helpers.keys import FakeKeyClock, enter, type_text
from helpers.scan_desk import WAIT_MS, shows_code
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import CardShown
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterApp, CounterSession
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.main_window import PAGE_CARD, PAGE_IDLE, PAGE_REFUSAL

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
    paint. Counted here from the counter's open to its first paint."""
    code = (
        "import enum\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from voucherdesk.ui.app import CounterApp, create_application\n"
        "made = []\n"
        "real = enum.EnumType.__new__\n"
        "def counting(*args, **kwargs):\n"
        "    made.append(args[1])\n"
        "    return real(*args, **kwargs)\n"
        "class FirstPaint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not seen:\n"
        "            seen.append(list(made))\n"
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
    assert int(count) < 40, f"{count} enum types made before the first paint: {names}"


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
        assert window.pages.count() == 4
        assert window.pages.currentIndex() == PAGE_CARD
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
