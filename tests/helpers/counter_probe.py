"""The real counter app (demo mode) in a window, reporting to a test as JSON lines.

Run as ``python -m helpers.counter_probe`` under an X server (tests/test_scanner_xvfb.py):
the app is built as ``voucherdesk --demo`` builds it (CounterApp: scan capture, controller,
window, the stand-in in-process). stdout carries what happens (state, scan, notice); stdin
takes commands: ``focus NAME``, ``report``, ``keys``, ``orders``, ``quit``.
Key timing is read from the events' own timestamps (the X server's), as the capture reads it.
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from voucherdesk.desk.flow import Booking, Checking, State
from voucherdesk.ui.app import CounterApp, create_application
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.theme import apply_theme


def say(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


class KeyRecorder(QObject):
    """The printable key presses as they arrive from the window system (text, ms)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[str, int]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and watched.isWidgetType():
            assert isinstance(event, QKeyEvent)
            stamp = event.timestamp()  # 0 for the capture's replays: not from the keyboard
            text = event.text()
            if stamp and text.isprintable() and len(text) == 1 and not event.isAutoRepeat():
                entry = (text, int(stamp))
                if not self.keys or self.keys[-1] != entry:  # a key also seen by a parent
                    self.keys.append(entry)
        return False


class Commands(QObject):
    line = Signal(str)


def main() -> int:
    app = create_application()
    apply_theme(app, "light")
    install_translations(app, "en")
    counter = CounterApp(app, demo=True)
    recorder = KeyRecorder()
    session = counter.open()
    counter.start_capture()  # now, not after the first paint: the recorder must come after it
    app.installEventFilter(recorder)  # after the capture: sees every key before it does
    window = session.window
    window.setWindowTitle("VoucherDesk probe")
    controller = session.controller
    panel = window.booking

    def card() -> str:
        return window.card.code.text()

    def on_state(state: State) -> None:
        code = None
        if isinstance(state, Checking):
            code = state.raw
        elif isinstance(state, Booking):
            code = state.check.raw
        quoted = isinstance(state, Booking) and state.quote is not None
        say(event="state", kind=type(state).__name__, code=code, quoted=quoted, card=card())

    controller.state_changed.connect(on_state)
    controller.notice.connect(lambda text: say(event="notice", text=text))
    counter.capture.scanned.connect(lambda raw: say(event="scan", raw=raw))

    def widget(name: str) -> QWidget:
        return {
            "search": panel.search,
            "dates": panel.dates_list,
            "stepper": panel.steppers[0] if panel.steppers else panel,
            "confirm": panel.confirm_button,
            "code": window.code_entry,
        }[name]

    def run(line: str) -> None:
        name, _, arg = line.strip().partition(" ")
        if name == "focus":
            target = widget(arg)
            window.activateWindow()
            target.setFocus()
            QTimer.singleShot(50, lambda: say(event="focused", name=arg, ok=target.hasFocus()))
        elif name == "report":
            state = controller.state
            focus = QApplication.focusWidget()
            say(
                event="report",
                kind=type(state).__name__,
                code=state.check.raw if isinstance(state, Booking) else None,
                date=state.date.id if isinstance(state, Booking) and state.date else None,
                card=card(),
                search=panel.search.text(),
                code_entry=window.code_entry.text(),
                focus=type(focus).__name__ if focus is not None else None,
                status=window.status.message.text(),
                pending=counter.capture.pending,
                key_gap=counter.capture.key_gap_ms,
            )
        elif name == "keys":
            keys, recorder.keys = recorder.keys, []
            say(event="keys", keys=keys)
        elif name == "orders":
            standin = session.context.standin
            assert standin is not None
            orders = standin.state.orders()
            say(
                event="orders",
                orders=[
                    {
                        "vouchers": [rv["id"] for rv in o.get("redeemed_vouchers") or ()],
                        "reference": o.get("external_reference"),
                    }
                    for o in orders
                ],
                vouchers={
                    code: (standin.state.voucher_by_code(code) or {}).get("id")
                    for code in arg.split()
                },
            )
        elif name == "quit":
            app.quit()

    commands = Commands()
    commands.line.connect(run)  # queued onto the GUI thread: emitted from the reader thread

    def read() -> None:
        for line in sys.stdin:
            commands.line.emit(line)
        commands.line.emit("quit")

    threading.Thread(target=read, daemon=True).start()

    def ready() -> None:
        if controller.accepting:
            say(event="ready")
        else:
            controller.accepting_changed.connect(lambda ok: ok and say(event="ready"))

    QTimer.singleShot(0, ready)
    try:
        return app.exec()
    finally:
        app.removeEventFilter(recorder)
        counter.shutdown()


if __name__ == "__main__":
    sys.exit(main())
