"""Settings tab: where the code sits in a scanned link or text, with a field to try it out.

The same rule applies to the scanner, the camera and typing (``desk/payload.py``). A pattern
is checked as it is typed; one that ``check_pattern`` refuses says why and cannot be saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from voucherdesk.desk.codes import Rejected, ScanRules, read_code
from voucherdesk.desk.payload import (
    MAX_PATTERN_LENGTH,
    PARAMETER_PATTERN,
    PatternRefusal,
    PayloadMode,
    PayloadRule,
    check_pattern,
)
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording

if TYPE_CHECKING:
    from voucherdesk.settings import ScanSettings

_MODES = tuple(PayloadMode)


class LinksPage(QWidget):
    changed = Signal()

    def __init__(self, scan: ScanSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scan = scan
        self._base: Callable[[], ScanRules] = scan.rules
        self.mode = QComboBox(self)
        self.mode.setObjectName("payload_mode")
        for mode in _MODES:
            self.mode.addItem("", mode.value)
        self.parameter = QLineEdit(scan.payload_parameter, self)
        self.parameter.setObjectName("payload_parameter")
        self.parameter.setValidator(
            QRegularExpressionValidator(QRegularExpression(PARAMETER_PATTERN), self.parameter)
        )
        self.pattern = QLineEdit(scan.payload_pattern, self)
        self.pattern.setObjectName("payload_pattern")
        self.pattern.setMaxLength(MAX_PATTERN_LENGTH)
        self.sample = QLineEdit(self)
        self.sample.setObjectName("payload_sample")
        self.result = QLabel(self)
        self.result.setObjectName("payload_result")
        self.result.setWordWrap(True)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout(self)
        form.addRow(self._intro)
        for label, field in zip(
            self._labels, (self.mode, self.parameter, self.pattern, self.sample), strict=True
        ):
            form.addRow(label, field)
        form.addRow("", self.result)
        self.mode.setCurrentIndex(max(0, self.mode.findData(scan.payload)))
        for signal in (
            self.mode.currentIndexChanged,
            self.parameter.textChanged,
            self.pattern.textChanged,
            self.sample.textChanged,
        ):
            signal.connect(self._update)
        self._retranslate()

    def _retranslate(self) -> None:
        self._intro.setText(
            self.tr(
                "A QR code on a phone voucher may hold a link or a text with the code in it. "
                "This rule finds the code for the camera, 2D scanners and typing alike."
            )
        )
        texts = (
            self.tr("Take the code from"),
            self.tr("Link parameter"),
            self.tr("Pattern"),
            self.tr("Try a scanned text"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        modes = (
            self.tr("The code itself, or a link's parameter, else its last part"),
            self.tr("A link's parameter only"),
            self.tr("The last part of a link"),
            self.tr("A pattern with one group, e.g. Code: ([A-Z0-9-]+)"),
        )
        for index, text in enumerate(modes):
            self.mode.setItemText(index, text)
        self.sample.setPlaceholderText("https://shop.example/voucher?code=GV7K2M9P")
        self._update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_base(self, base: Callable[[], ScanRules]) -> None:
        """Where the prefix, suffix and case rules for trying a text come from."""
        self._base = base
        self._update()

    def refresh(self, *_: object) -> None:
        self._update()

    def _mode(self) -> PayloadMode:
        return PayloadMode(str(self.mode.currentData()))

    def problem(self) -> str | None:
        """Why the rule as entered cannot be saved, in words; None when it can."""
        mode = self._mode()
        if mode in (PayloadMode.AUTO, PayloadMode.QUERY) and not self.parameter.text():
            return self.tr("Enter the name of the link parameter that holds the code.")
        if mode is PayloadMode.PATTERN:
            checked = check_pattern(self.pattern.text())
            if isinstance(checked, PatternRefusal):
                return wording.pattern_refusal(checked)
        return None

    def rules(self, base: ScanRules) -> ScanRules | None:
        """``base`` with this box's payload rule, or None while the rule cannot be used."""
        if self.problem() is not None:
            return None
        rule = PayloadRule(
            mode=self._mode(),
            parameter=self.parameter.text() or self._scan.payload_parameter,
            pattern=self.pattern.text() if self._mode() is PayloadMode.PATTERN else "",
        )
        return ScanRules(
            prefix=base.prefix,
            suffix=base.suffix,
            remove_spaces_and_dashes=base.remove_spaces_and_dashes,
            case=base.case,
            payload=rule,
        )

    def _update(self, *_: object) -> None:
        mode = self._mode()
        self.parameter.setEnabled(mode in (PayloadMode.AUTO, PayloadMode.QUERY))
        self.pattern.setEnabled(mode is PayloadMode.PATTERN)
        problem = self.problem()
        if problem is not None:
            self.result.setText(problem)
        elif self.sample.text():
            rules = self.rules(self._base())
            self.result.setText(code_taken_words(self.sample.text(), rules) if rules else "")
        else:
            self.result.setText("")
        self.changed.emit()

    def values(self) -> dict[str, object]:
        mode = self._mode()
        return {
            "payload": mode.value,
            "payload_parameter": self.parameter.text() or self._scan.payload_parameter,
            "payload_pattern": self.pattern.text() if mode is PayloadMode.PATTERN else "",
        }


def code_taken_words(raw: str, rules: ScanRules) -> str:
    """What the counter would look up for ``raw``: the code and where it came from, or why
    there is none (also shown by the scanner check)."""
    reading = read_code(raw, rules)
    if isinstance(reading.result, Rejected):
        words = wording.rejected(reading.result)
        return f"{words.title}: {words.detail}"
    return fill(
        QCoreApplication.translate("LinksPage", "{code} (from {source})"),
        code=reading.result,
        source=wording.payload_source(reading.source, parameter=rules.payload.parameter),
    )
