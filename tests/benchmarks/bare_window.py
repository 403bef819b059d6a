"""The yardstick of the cold-start benchmark: a bare PySide6 window with a focused text field.

Reports like the counter window does when VOUCHERDESK_REPORT_READY is set (one JSON line when
painted with the field focused, with its CPU time and resident memory, another three seconds
later), then quits. It imports nothing of VoucherDesk, so it stays bare.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow


def resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


class Probe(QObject):
    def __init__(self, field: QLineEdit) -> None:
        super().__init__()
        self.field = field
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.done and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.check)
        return False

    def check(self) -> None:
        if self.done or not self.field.hasFocus():
            return
        self.done = True
        say(event="ready", cpu_s=time.process_time(), rss_kb=resident_kb())
        if "exit" in os.environ.get("VOUCHERDESK_REPORT_READY", ""):
            os._exit(0)  # counting instructions to ready (cold_start.py): nothing after it
        QTimer.singleShot(3000, self.settled)

    def settled(self) -> None:
        say(event="settled", rss_kb=resident_kb())
        QApplication.quit()


def say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


app = QApplication(sys.argv)
window = QMainWindow()
field = QLineEdit()
window.setCentralWidget(field)
window.resize(1180, 760)
probe = Probe(field)
window.installEventFilter(probe)
window.show()
field.setFocus()
sys.exit(app.exec())
