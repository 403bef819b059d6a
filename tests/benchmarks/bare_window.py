"""The yardstick of the cold-start benchmark: a bare PySide6 window with a focused text field.

Prints, like the counter window does when VOUCHERDESK_REPORT_READY is set, one JSON line when
it is painted with the field focused (and its resident memory), another three seconds later,
then quits.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

from voucherdesk.ui.common.ready_probe import report_when_ready

app = QApplication(sys.argv)
window = QMainWindow()
field = QLineEdit()
window.setCentralWidget(field)
window.resize(1180, 760)
window.show()
field.setFocus()
report_when_ready(window, field)
sys.exit(app.exec())
