"""While a booking is on its way: that it is working, for how long, and a way to stop waiting.

The seconds count up from the confirm. Once bookingkit has taken longer than one request may
(the client's timeout), "Stop waiting" appears: the window then shows "outcome unknown" and the
desk resends nothing; the booking's real answer replaces that screen when it comes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting

if TYPE_CHECKING:
    from voucherdesk.desk.flow import Redeeming


class RedeemingView(QWidget):
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redeeming")
        self._ticket: int | None = None
        self._timeout_s = 10.0
        self._started: float | None = None
        self.clock: Callable[[], float] = time.monotonic  # seconds; tests move it
        self.heading = QLabel(self.tr("Booking in bookingkit…"))
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.total = QLabel()
        self.total.setProperty("role", "figure")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # how long bookingkit takes is not known
        self.busy.setTextVisible(False)
        self.elapsed = QLabel()
        self.elapsed.setProperty("role", "heading")
        self.slow_note = QLabel()
        self.slow_note.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("Stop waiting (Esc)"))
        self.stop_button.setProperty("role", "action")
        self.stop_button.clicked.connect(self.stop_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        for widget in (self.heading, self.what, self.total, self.busy, self.elapsed):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.slow_note)
        layout.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        self._tick = QTimer(self)
        self._tick.setInterval(250)  # the shown second changes on time
        self._tick.timeout.connect(self.refresh)

    @property
    def offers_stop(self) -> bool:
        return not self.stop_button.isHidden()

    def start(self, state: Redeeming, timeout_s: float) -> None:
        """Show ``state``; the clock restarts only for a new booking."""
        quote = state.quote
        self.what.setText(wording.booking_line(quote))
        self.total.setText(wording.booking_figure(quote))
        if state.ticket != self._ticket or self._started is None:
            self._ticket = state.ticket
            self._timeout_s = timeout_s
            self._started = self.clock()
        self._tick.start()
        self.refresh()

    def stop(self) -> None:
        self._tick.stop()
        self._ticket = None
        self._started = None

    def seconds(self) -> float:
        """How long the booking has been on its way."""
        return 0.0 if self._started is None else max(0.0, self.clock() - self._started)

    def refresh(self) -> None:
        """Show the seconds so far, and the offer to stop once the request timeout passed."""
        seconds = self.seconds()
        self.elapsed.setText(fill(self.tr("{seconds} s"), seconds=formatting.count(int(seconds))))
        slow = seconds >= self._timeout_s
        self.slow_note.setText(
            fill(
                self.tr(
                    "bookingkit has not answered for {seconds} s. If you stop waiting, nothing "
                    "is sent again; \u201cCheck again\u201d then finds out what happened."
                ),
                seconds=formatting.count(int(seconds)),
            )
            if slow
            else ""
        )
        self.slow_note.setVisible(slow)
        self.stop_button.setVisible(slow)
