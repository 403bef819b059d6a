"""The scanner check: scan once, see what the scanner really sends, take over the settings.

While listening, the dialog records every key (text and time) itself and the app's ScanCapture
is switched off, so nothing is routed to the counter flow. The clerk then confirms the code as
printed; ``detect_scanner`` (Qt-free) compares and measures, and the result can be applied to
the scanner settings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.scanner_check import KeyStroke, ScannerCheck, detect_scanner
from voucherdesk.placeholders import fill
from voucherdesk.ui.common.scanner import KeyClock, ScanCapture, event_time_ms
from voucherdesk.ui.wording.scanner_check import (
    advice_words,
    issue_words,
    suffix_words,
    timing_words,
)

_KEY_TEXT = {int(Qt.Key.Key_Return): "\r", int(Qt.Key.Key_Enter): "\r", int(Qt.Key.Key_Tab): "\t"}
SILENCE_MS = 400  # no key for this long ends a scan that sent no Enter/Tab


class ScannerCheckDialog(QDialog):
    """``exec()`` -> Accepted with ``check`` set: apply it with ScannerPage.apply_check."""

    def __init__(
        self,
        expected: str = "",
        *,
        capture: ScanCapture | None = None,
        clock: KeyClock = event_time_ms,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanner_check")
        self._expected = expected
        self._capture = capture
        self._clock = clock
        self._strokes: list[KeyStroke] = []
        self._listening = False
        self.check: ScannerCheck | None = None

        self._prompt = QLabel(self)
        self._prompt.setProperty("role", "heading")
        self._prompt.setWordWrap(True)
        self._received = QLabel(self)
        self._received.setObjectName("received")
        self._received.setProperty("role", "code")
        self._received.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._printed = QLineEdit(expected, self)
        self._printed.setObjectName("printed")
        self._suffix = QLabel(self)
        self._timing = QLabel(self)
        self._damage = QLabel(self)
        self._advice = QLabel(self)
        self._advice.setObjectName("advice")
        for label in (self._suffix, self._timing, self._damage, self._advice):
            label.setWordWrap(True)
        self._form_labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(
            self._form_labels,
            (self._received, self._printed, self._suffix, self._timing, self._damage),
            strict=True,
        ):
            form.addRow(label, field)
        self._again = QPushButton(self)
        self._again.setObjectName("scan_again")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.addButton(self._again, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt)
        layout.addLayout(form)
        layout.addWidget(self._advice)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(SILENCE_MS)
        self._silence.timeout.connect(self._finish)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._again.clicked.connect(self.listen)
        self._printed.textChanged.connect(self._evaluate)
        self.setMinimumSize(860, 620)
        self._retranslate()
        self.listen()

    # --- texts ----------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scanner check"))
        texts = (
            self.tr("Received"),
            self.tr("Code as printed"),
            self.tr("Ends with"),
            self.tr("Timing"),
            self.tr("Keyboard layout"),
        )
        for label, text in zip(self._form_labels, texts, strict=True):
            label.setText(text)
        self._again.setText(self.tr("Scan again"))
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Use these settings"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- listening ------------------------------------------------------------------------
    def listen(self) -> None:
        """Wait for one scan; all keys go to this dialog until it ends."""
        self._strokes = []
        self.check = None
        if not self._listening:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            if self._capture is not None:
                self._capture.set_enabled(False)
            self._listening = True
        self._show()

    def _stop_listening(self) -> None:
        self._silence.stop()
        if self._listening:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._listening = False

    def done(self, result: int) -> None:
        self._stop_listening()
        if self._capture is not None:
            self._capture.set_enabled(True)
        super().done(result)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._listening:
            return False
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not watched.isWidgetType():
            return False  # seen once more on the window; the widget delivery is the one
        assert isinstance(event, QKeyEvent)
        if event.type() == QEvent.Type.KeyRelease:
            return True
        key = event.key()
        if key == int(Qt.Key.Key_Escape) and not self._strokes:
            return False  # Esc before any scan closes the dialog as usual
        text = _KEY_TEXT.get(int(key), event.text())
        if not text or (not text.isprintable() and text not in ("\r", "\t")):
            return True  # Shift and other keys without text: part of typing, not of the code
        self._strokes.append(KeyStroke(text, self._clock(event)))
        if text in ("\r", "\t"):
            self._finish()
        else:
            self._silence.start()
        return True

    def _finish(self) -> None:
        self._stop_listening()
        if not self._strokes:
            return
        received = "".join(s.text for s in self._strokes if s.text not in ("\r", "\t"))
        if not self._printed.text():
            self._printed.setText(received)  # the clerk corrects it if the scan was damaged
        self._evaluate()
        self._printed.setFocus()

    # --- result -----------------------------------------------------------------------------
    def _evaluate(self) -> None:
        if self._listening or not self._strokes:
            return
        printed = self._printed.text().strip()
        self.check = detect_scanner(printed, self._strokes) if printed else None
        self._show()

    def _show(self) -> None:
        check = self.check
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(check is not None)
        self._again.setEnabled(not self._listening)
        if self._listening:
            self._prompt.setText(
                self.tr(
                    "Scan a voucher now (or the test code from the scanner's manual). "
                    "Whatever field has focus, the keys come here."
                )
            )
        else:
            self._prompt.setText(
                self.tr("Check that “Code as printed” matches the paper exactly, letter by letter.")
            )
        if check is None:
            for label in (self._received, self._suffix, self._timing, self._damage, self._advice):
                label.clear()
            return
        self._received.setText(check.received)
        suffix = suffix_words(check.suffix)
        if check.prefix:
            suffix += " " + fill(self.tr("(and it puts “{prefix}” in front)"), prefix=check.prefix)
        self._suffix.setText(suffix)
        self._timing.setText(timing_words(check))
        if check.issues:
            self._damage.setText(" ".join(issue_words(i) for i in check.issues))
        else:
            self._damage.setText(self.tr("None"))
        self._advice.setText(advice_words(check))

    def strokes(self) -> list[KeyStroke]:
        return list(self._strokes)
