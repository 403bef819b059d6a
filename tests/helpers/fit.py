"""Whether the text of a window's labels and buttons fits where it is drawn (nothing clipped).

Measured with each widget's own font metrics against its contents rectangle, after layout:
a label that wraps must have the height for all its lines, one that does not must have the
width; a FitLabel is checked in the font it really draws with.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from voucherdesk.ui.common.widgets import FitLabel


def pixel_size(widget: QWidget) -> int:
    """The font size a widget really draws with, in pixels."""
    if isinstance(widget, FitLabel):
        return QFontInfo(widget.shown_font()).pixelSize()
    return QFontInfo(widget.font()).pixelSize()


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        return None
    font = label.shown_font() if isinstance(label, FitLabel) else label.font()
    metrics = QFontMetrics(font)
    room = label.contentsRect()
    if label.wordWrap():
        needed = metrics.boundingRect(
            QRect(0, 0, room.width(), 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        if needed.height() > room.height() + 1 or needed.width() > room.width() + 1:
            return f"needs {needed.width()}x{needed.height()}, has {room.width()}x{room.height()}"
        return None
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.height() * len(lines)
    if width > room.width() + 1 or height > room.height() + 1:
        return f"needs {width}x{height}, has {room.width()}x{room.height()}"
    return None


def _button_problem(button: QPushButton) -> str | None:
    text = button.text().replace("&", "")
    if not text:
        return None
    need = button.fontMetrics().horizontalAdvance(text)
    if need > button.width() - 8:  # the frame and a little padding
        return f"needs {need}, has {button.width()}"
    return None


def clipped(window: QWidget) -> list[str]:
    """Every visible label or button of ``window`` whose text does not fit (as painted: the
    layouts a timer's new text asked for during the first pass are done too)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents()
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QPushButton):
            problem = _button_problem(widget)
        else:
            continue
        if problem:
            name = widget.objectName() or type(widget).__name__
            problems.append(f"{name} {widget.text()[:40]!r}: {problem}")
    return problems


def largest_text(window: QWidget) -> tuple[int, str]:
    """The largest font (pixels) among the visible labels, and that label's text."""
    sizes = [
        (pixel_size(label), label.text())
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.text() and label.window() is window
    ]
    return max(sizes)
