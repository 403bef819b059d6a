"""Start-up work the first screen does not need runs after that screen has been painted.

The clerk sees a window ready for a scan sooner, and the deferred work (the sound backend,
freezing the start-up objects out of the garbage collector's way) happens right behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from voucherdesk.ui.common.tasks import closed_meanwhile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, calls: tuple[Callable[[], None], ...]) -> None:
        super().__init__(window)
        self._calls = calls
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            # After this paint has reached the screen; with this object as the context, Qt
            # drops the call when the window (its parent) is gone first.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        for call in self._calls:
            try:
                call()
            except RuntimeError as exc:  # what it works on was closed meanwhile (a quick quit)
                if not closed_meanwhile(exc):
                    raise
        self.deleteLater()


def after_first_paint(window: QWidget, *calls: Callable[[], None]) -> None:
    """Run ``calls`` in order on the GUI thread once ``window`` has been painted."""
    _AfterFirstPaint(window, calls)
