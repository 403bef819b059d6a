"""Status strip: environment, connection, token, last call and its latency, month's requests.

The client reports each call to an observer on whatever worker thread made it; `CallFeed` is
the small adapter that re-emits those reports as a Qt signal, so the strip updates on the GUI
thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from voucherdesk.placeholders import fill
from voucherdesk.ui.common import formatting

if TYPE_CHECKING:
    from voucherdesk.bookingkit.calls import CallRecord


class CallFeed(QObject):
    """Pass `feed.observe` to the client; connect `call` to the strip (queued across threads)."""

    call = Signal(object)  # CallRecord

    def observe(self, record: CallRecord) -> None:
        self.call.emit(record)


# The last call's line is drawn once per burst of calls, this long after the first: drawing it
# at each call took the interpreter from the worker just as a booking's next request was due
# (about 2 ms per redemption with a top-up, measured).
CALL_LINE_DELAY_MS = 250


class StatusStrip(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        token_valid_until: Callable[[], datetime | None] | None = None,
        requests_this_month: Callable[[], int] | None = None,
    ) -> None:
        """Without the two sources (a cold start binds them once the services are open) the
        token and the month's requests are left blank: nothing is claimed before it is known."""
        super().__init__(parent)
        self._token_valid_until = token_valid_until
        self._requests_this_month = requests_this_month
        self.environment = QLabel()
        self.connection = QLabel()
        self.token = QLabel()
        self.last_call = QLabel()
        self.requests = QLabel()
        self.message = QLabel()
        self.message.setObjectName("note")
        self.message.setWordWrap(True)  # a note is never cut off: it takes a second line
        self.message.setProperty("role", "note")
        facts = QHBoxLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.setSpacing(18)
        for label in (self.environment, self.connection, self.token, self.requests):
            label.setProperty("role", "small")
            facts.addWidget(label)
        facts.addStretch(1)
        self.last_call.setProperty("role", "small")
        self.last_call.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        facts.addWidget(self.last_call)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)
        layout.addWidget(self.message)
        layout.addLayout(facts)
        self.message.hide()
        self._online: bool | None = None
        self._latest_call: CallRecord | None = None
        self._call_line: QTimer | None = None  # made with the first call, after the first paint
        self._draw_connection()
        self.refresh()

    def bind(
        self,
        token_valid_until: Callable[[], datetime | None],
        requests_this_month: Callable[[], int],
    ) -> None:
        """Point the strip at the running client (after the app context exists)."""
        self._token_valid_until = token_valid_until
        self._requests_this_month = requests_this_month
        self.refresh()

    def set_environment(self, name: str) -> None:
        words = {
            "production": self.tr("Production"),
            "sandbox": self.tr("Sandbox"),
            "custom": self.tr("Custom server"),
            "demo": self.tr("DEMO"),
        }
        self.environment.setText(words.get(name, name))
        self.environment.setProperty("state", "warning" if name != "production" else "")
        self.environment.style().unpolish(self.environment)
        self.environment.style().polish(self.environment)

    def set_connection(self, online: bool | None) -> None:
        if online != self._online:
            self._online = online
            self._draw_connection()

    def _draw_connection(self) -> None:
        online = self._online
        if online is None:
            text = self.tr("● not connected yet")
        elif online:
            text = self.tr("● online")
        else:
            text = self.tr("○ OFFLINE")
        self.connection.setText(text)

    def show_message(self, text: str) -> None:
        """A short non-modal note (e.g. the start-up check); empty clears it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def on_call(self, record: CallRecord) -> None:
        """A call ended: going offline or back online shows at once; the call's own line (and
        the token and month's count with it) a moment later, once per burst."""
        self.set_connection(record.status is not None)
        self._latest_call = record
        timer = self._call_line
        if timer is None:
            timer = self._call_line = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(CALL_LINE_DELAY_MS)
            timer.timeout.connect(self._draw_latest_call)
        if not timer.isActive():
            timer.start()

    def _draw_latest_call(self) -> None:
        record = self._latest_call
        if record is None:
            return
        status = str(record.status) if record.status is not None else self.tr("no answer")
        millis = round(record.seconds * 1000)
        self.last_call.setText(
            fill(
                self.tr("Last call: {method} {path} → {status} in {ms} ms"),
                method=record.method,
                path=_short_path(record.path),
                status=status,
                ms=formatting.count(millis),
            )
        )
        self.refresh()

    def refresh(self) -> None:
        if self._token_valid_until is None or self._requests_this_month is None:
            self.token.clear()
            self.requests.clear()
            return
        until = self._token_valid_until()
        self.token.setText(
            fill(self.tr("Token until {time}"), time=formatting.time_only(until))
            if until is not None
            else self.tr("No token")
        )
        self.requests.setText(
            fill(
                self.tr("{count} requests this month"),
                count=formatting.count(self._requests_this_month()),
            )
        )


def _short_path(path: str) -> str:
    """Only the resource, never query strings (which could carry references)."""
    bare = path.split("?", 1)[0]
    parts = [p for p in bare.split("/") if p and p != "v3"]
    return "/" + "/".join(parts[:1]) if parts else bare
