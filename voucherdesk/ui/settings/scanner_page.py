"""Settings tab: how scanner output becomes a code (prefix, suffix, case, timing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from voucherdesk.desk.codes import CaseRule, ScanRules
from voucherdesk.desk.key_timing import CEILING_MS

if TYPE_CHECKING:
    from voucherdesk.desk.scanner_check import ScannerCheck
    from voucherdesk.settings import ScanSettings

_TERMINATORS = ("enter", "tab", "none")
_CASES = ("keep", "upper", "lower")


def _spin(parent: QWidget, name: str, low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(value)
    return box


class ScannerPage(QWidget):
    check_clicked = Signal()
    rules_changed = Signal()  # prefix, suffix, case or dash removal was edited

    def __init__(self, scan: ScanSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = QLineEdit(scan.prefix, self)
        self.prefix.setObjectName("prefix")
        self.suffix = QLineEdit(scan.suffix, self)
        self.suffix.setObjectName("suffix")
        self.terminator = QComboBox(self)
        self.terminator.setObjectName("terminator")
        for name in _TERMINATORS:
            self.terminator.addItem("", name)
        self.case = QComboBox(self)
        self.case.setObjectName("case")
        for name in _CASES:
            self.case.addItem("", name)
        self.remove_dashes = QCheckBox(self)
        self.remove_dashes.setObjectName("remove_dashes")
        self.remove_dashes.setChecked(scan.remove_spaces_and_dashes)
        # The learned gap, in whole ms; 0 = not learned yet (keys are held up to the ceiling).
        self.key_gap = _spin(self, "key_gap", 0, int(CEILING_MS), round(scan.key_gap_ms or 0))
        self.timeout = _spin(self, "no_terminator_timeout", 20, 2000, scan.no_terminator_timeout_ms)
        self.min_length = _spin(self, "min_length", 1, 64, scan.min_length)
        self.check = QPushButton(self)
        self.check.setObjectName("check_scanner")
        self.check.clicked.connect(self.check_clicked)
        self._labels = [QLabel(self) for _ in range(7)]
        form = QFormLayout(self)
        fields = (
            self.prefix,
            self.suffix,
            self.terminator,
            self.case,
            self.key_gap,
            self.timeout,
            self.min_length,
        )
        for label, field in zip(self._labels, fields, strict=True):
            form.addRow(label, field)
        form.addRow(self.remove_dashes)  # spans both columns: the text is long in German
        form.addRow("", self.check)
        form.setAlignment(self.check, Qt.AlignmentFlag.AlignLeft)
        self.terminator.setCurrentIndex(max(0, self.terminator.findData(scan.terminator)))
        self.case.setCurrentIndex(max(0, self.case.findData(scan.case)))
        self.terminator.currentIndexChanged.connect(self._on_terminator)
        self._on_terminator()
        for signal in (
            self.prefix.textChanged,
            self.suffix.textChanged,
            self.case.currentIndexChanged,
            self.remove_dashes.toggled,
        ):
            signal.connect(self.rules_changed)
        self._retranslate()

    def _retranslate(self) -> None:
        texts = (
            self.tr("Prefix to remove"),
            self.tr("Suffix to remove"),
            self.tr("Scanner ends a code with"),
            self.tr("Letter case"),
            self.tr("Scanner key gap (learned)"),
            self.tr("Without Enter, a code ends after"),
            self.tr("Shortest code"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        for index, text in enumerate((self.tr("Enter"), self.tr("Tab"), self.tr("Nothing"))):
            self.terminator.setItemText(index, text)
        cases = (self.tr("Keep as scanned"), self.tr("Make upper case"), self.tr("Make lower case"))
        for index, text in enumerate(cases):
            self.case.setItemText(index, text)
        self.remove_dashes.setText(self.tr("Remove spaces and dashes from codes"))
        self.key_gap.setSuffix(self.tr(" ms"))
        self.key_gap.setSpecialValueText(self.tr("not learned yet"))
        self.timeout.setSuffix(self.tr(" ms"))
        self.min_length.setSuffix(self.tr(" characters"))
        self.check.setText(self.tr("Check the scanner…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _on_terminator(self, *_: object) -> None:
        self.timeout.setEnabled(self.terminator.currentData() == "none")

    def apply_check(self, check: ScannerCheck) -> None:
        """Take over what the scanner check measured: terminator, timing, prefix."""
        self.terminator.setCurrentIndex(max(0, self.terminator.findData(check.suffix.value)))
        if check.key_gap_ms is not None:
            self.key_gap.setValue(max(1, round(check.key_gap_ms)))
        if check.prefix:
            self.prefix.setText(check.prefix)

    def tidy_rules(self) -> ScanRules:
        """The rules as entered here (the links tab adds where a link carries the code)."""
        return ScanRules(
            prefix=self.prefix.text(),
            suffix=self.suffix.text(),
            remove_spaces_and_dashes=self.remove_dashes.isChecked(),
            case=CaseRule(str(self.case.currentData())),
        )

    def values(self) -> dict[str, object]:
        return {
            "prefix": self.prefix.text(),
            "suffix": self.suffix.text(),
            "terminator": self.terminator.currentData(),
            "case": self.case.currentData(),
            "remove_spaces_and_dashes": self.remove_dashes.isChecked(),
            "key_gap_ms": float(self.key_gap.value()) if self.key_gap.value() else None,
            "no_terminator_timeout_ms": self.timeout.value(),
            "min_length": self.min_length.value(),
        }
