"""Words for the scanner check: what the scanner sends and how to fix layout damage, made
from the check's facts (``desk/scanner_check.py``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from voucherdesk.desk.scanner_check import LayoutIssue, ScannerCheck, Suffix
from voucherdesk.placeholders import fill


def suffix_words(suffix: Suffix) -> str:
    return {
        Suffix.ENTER: QCoreApplication.translate("ScannerCheck", "Enter"),
        Suffix.TAB: QCoreApplication.translate("ScannerCheck", "Tab"),
        Suffix.NONE: QCoreApplication.translate(
            "ScannerCheck", "nothing (the code ends after a short pause)"
        ),
    }[suffix]


def timing_words(check: ScannerCheck) -> str:
    if check.median_gap_ms is None or check.max_gap_ms is None:
        return QCoreApplication.translate("ScannerCheck", "Too few keys to measure the timing.")
    text = fill(
        QCoreApplication.translate(
            "ScannerCheck", "Keys came {median} ms apart on average, {longest} ms at the slowest."
        ),
        median=f"{check.median_gap_ms:.0f}",
        longest=f"{check.max_gap_ms:.0f}",
    )
    if check.looks_typed:
        text += " " + QCoreApplication.translate(
            "ScannerCheck",
            "That is too slow for a scanner: was this typed by hand? If not, lower the "
            "scanner's delay between characters.",
        )
    elif check.key_gap_ms is not None:
        text += " " + fill(
            QCoreApplication.translate(
                "ScannerCheck", "The counter learns this scanner's key gap: {ms} ms."
            ),
            ms=f"{check.key_gap_ms:.0f}",
        )
    return text


def issue_words(issue: LayoutIssue) -> str:
    return {
        LayoutIssue.QWERTZ_Y_Z: QCoreApplication.translate("ScannerCheck", "Y and Z are swapped."),
        LayoutIssue.DASH_TO_SZ: QCoreApplication.translate(
            "ScannerCheck", "A dash “-” arrives as “ß”."
        ),
        LayoutIssue.UMLAUTS: QCoreApplication.translate(
            "ScannerCheck", "Brackets and quotes arrive as umlauts."
        ),
        LayoutIssue.OTHER_SYMBOLS: QCoreApplication.translate(
            "ScannerCheck", "Some symbols arrive as other symbols."
        ),
        LayoutIssue.CAPS_LOCK: QCoreApplication.translate(
            "ScannerCheck", "Upper and lower case are inverted."
        ),
        LayoutIssue.UNEXPLAINED: QCoreApplication.translate(
            "ScannerCheck", "The scan differs from the code in a way that has no simple cause."
        ),
    }[issue]


def advice_words(check: ScannerCheck) -> str:
    issues = check.issues
    if LayoutIssue.UNEXPLAINED in issues:
        return QCoreApplication.translate(
            "ScannerCheck",
            "Check that the code below is exactly what is printed, then set the scanner's "
            "keyboard country to match this computer.",
        )
    if LayoutIssue.CAPS_LOCK in issues:
        return QCoreApplication.translate(
            "ScannerCheck",
            "Switch Caps Lock off, or turn on the scanner's Caps Lock detection.",
        )
    if issues:
        return QCoreApplication.translate(
            "ScannerCheck",
            "The scanner types for a US keyboard, but this computer uses a German (QWERTZ) "
            "layout. Set the scanner's keyboard country to German (see its setup sheet), or "
            "switch this computer's keyboard layout to US.",
        )
    if check.suffix is Suffix.NONE:
        return QCoreApplication.translate(
            "ScannerCheck",
            "The scanner works. It sends no Enter after a code: program it to add Enter, or "
            "keep the setting “Nothing”.",
        )
    return QCoreApplication.translate(
        "ScannerCheck", "The scanner works. No keyboard-layout damage."
    )
