"""Tells a benchmark when the counter window is ready for a scan: painted, code field focused.

Only active when the environment variable ``VOUCHERDESK_REPORT_READY`` is set (the cold-start
benchmark sets it, for the source tree and for the bundle alike). It then prints one JSON line
to stdout when the window is ready, with the resident memory at that moment, and another one
``settle_s`` seconds later (the start-up work behind the window done); ``quit`` in the
variable's value ends the app after that second line, ``exit`` ends the process right after
the first one (for counting the instructions to ready: nothing after it runs). Without the
variable it does nothing.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

READY_ENV = "VOUCHERDESK_REPORT_READY"
SETTLE_S = 3.0


def resident_kb() -> int:
    """This process's resident memory in KiB (Linux /proc; 0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _say(**fields: object) -> None:
    if sys.stdout is not None:
        print(json.dumps(fields), flush=True)


class _ReadyProbe(QObject):
    def __init__(
        self, window: QWidget, field: QWidget, *, quit_after: bool, exit_at_ready: bool
    ) -> None:
        super().__init__(window)
        self._window = window
        self._field = field
        self._quit_after = quit_after
        self._exit_at_ready = exit_at_ready
        self._painted = False
        self._done = False
        window.installEventFilter(self)
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._painted = True
        if not self._done and kind in (QEvent.Type.Paint, QEvent.Type.FocusIn):
            QTimer.singleShot(0, self._check)  # after this paint (or focus) has happened
        return False

    def _check(self) -> None:
        if self._done or not self._painted or not self._field.hasFocus():
            return
        self._done = True
        self._window.removeEventFilter(self)
        self._field.removeEventFilter(self)
        _say(event="ready", cpu_s=time.process_time(), rss_kb=resident_kb())
        if self._exit_at_ready:
            os._exit(0)  # said and flushed; no clean-up may count
        QTimer.singleShot(int(SETTLE_S * 1000), self._settled)

    def _settled(self) -> None:
        _say(event="settled", rss_kb=resident_kb())
        if self._quit_after:
            QCoreApplication.quit()


def report_when_ready(window: QWidget, field: QWidget) -> None:
    """Report readiness of ``window`` (``field`` focused) when a benchmark asks for it."""
    wanted = os.environ.get(READY_ENV, "")
    if wanted:
        _ReadyProbe(window, field, quit_after="quit" in wanted, exit_at_ready="exit" in wanted)
