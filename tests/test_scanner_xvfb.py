"""ScanCapture in a real X11 window under Xvfb, fed by xdotool like a USB scanner would be.

xdotool with an 8 ms delay delivers keys a few ms apart (a scanner burst, Shift included for
capitals); with 150 ms it is a person typing. The Qt app runs in a subprocess on the xcb
platform and reports what happened on stdout.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
        reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)",
    ),
]

PROBE = """
import sys
import time
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from voucherdesk.ui.common.scanner import ScanCapture

app = QApplication(sys.argv)
capture = ScanCapture()
app.installEventFilter(capture)


class Staller(QObject):
    # A "~" makes the GUI thread busy for 300 ms, as a slow repaint would mid-scan.
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and event.text() == "~":
            QTimer.singleShot(0, lambda: time.sleep(0.3))
        return False


staller = Staller()
app.installEventFilter(staller)
window = QWidget()
window.setWindowTitle("ScanProbe")
edit = QLineEdit(window)
QVBoxLayout(window).addWidget(edit)

def say(*parts):
    print(*parts, flush=True)

capture.scanned.connect(lambda code: say("SCANNED", code, "EDIT", repr(edit.text())))
edit.textChanged.connect(lambda text: say("TEXT", text))
confirm = QShortcut(QKeySequence(Qt.Key.Key_Return), window)  # like "Enter confirms"
confirm.activated.connect(lambda: say("SHORTCUT"))
window.resize(400, 120)
window.show()
edit.setFocus()
QTimer.singleShot(200, lambda: say("READY"))
app.exec()
"""


class Lines:
    """Reads a subprocess's stdout on a thread, so the test can wait with a timeout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        stream = proc.stdout
        threading.Thread(
            target=lambda: [self._queue.put(x.rstrip("\n")) for x in stream], daemon=True
        ).start()

    def wait_for(self, prefix: str, timeout: float = 10.0) -> list[str]:
        """All lines up to and including the first that starts with `prefix`."""
        seen: list[str] = []
        while True:
            line = self._queue.get(timeout=timeout)
            seen.append(line)
            if line.startswith(prefix):
                return seen


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()  # Xvfb picks a free display and tells us which
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_xdotool_burst_is_a_scan_and_slow_typing_stays(xvfb_display: str, tmp_path: Path) -> None:
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    app = subprocess.Popen(
        [sys.executable, str(script)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = Lines(app)
        lines.wait_for("READY", timeout=20)

        def xdo(*args: str) -> str:
            done = subprocess.run(
                ["xdotool", *args], env=env, check=True, timeout=20, capture_output=True, text=True
            )
            return done.stdout.strip()

        window = xdo("search", "--sync", "--onlyvisible", "--name", "ScanProbe").splitlines()[0]
        xdo("windowfocus", "--sync", window)

        # The Enter in the same xdotool run ("\r" types Return): a second process start
        # could delay it past the burst's key interval.
        xdo("type", "--delay", "8", "Vd7K2mQ9\r")
        seen = lines.wait_for("SCANNED")
        assert seen == ["SCANNED Vd7K2mQ9 EDIT ''"]  # no stray TEXT lines before the scan

        # The GUI thread stalls mid-burst: the queued keys still arrive before the silence
        # timer, so the scan stays whole.
        xdo("type", "--delay", "8", "ST~ALL42\r")
        assert lines.wait_for("SCANNED") == ["SCANNED ST~ALL42 EDIT ''"]

        xdo("type", "--delay", "150", "anna")
        seen = lines.wait_for("TEXT anna")
        assert seen == ["TEXT a", "TEXT an", "TEXT ann", "TEXT anna"]
        xdo("key", "Return")  # a person's Enter reaches the shortcut; the scan's did not
        assert lines.wait_for("SHORTCUT") == ["SHORTCUT"]
    finally:
        app.terminate()
        app.wait(timeout=10)
