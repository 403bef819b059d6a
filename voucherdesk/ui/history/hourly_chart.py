"""The chart of redemptions per hour: one QPainter drawing for the window and the PDF.

Bars with their count on top and the hour below; nothing else, so it reads at a glance at the
counter and prints cleanly in black and one colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from voucherdesk.desk.hourly import HourlyCounts
from voucherdesk.ui.common import formatting

BAR = QColor("#1f6fb2")  # dark enough on white and on the dark theme's base


def chart_title() -> str:
    return QCoreApplication.translate("ShiftReport", "Redemptions per hour")


def draw_hourly_chart(
    painter: QPainter, area: QRectF, hours: HourlyCounts, *, text: QColor, font: QFont
) -> None:
    """Draw into ``area``; sizes follow the font, so the same code serves screen and paper."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    line = painter.fontMetrics().height()
    slots = max(1, len(hours.counts))
    slot = area.width() / slots
    bottom = area.bottom() - line * 1.3  # the hour labels sit below the base line
    top = area.top() + line * 1.2  # room for the tallest bar's count
    height = max(1.0, bottom - top)
    painter.setPen(QPen(text, max(1.0, line / 16)))
    painter.drawLine(QPointF(area.left(), bottom), QPointF(area.right(), bottom))
    peak = max(1, hours.peak)
    for index, (hour, count) in enumerate(zip(hours.hours, hours.counts, strict=True)):
        left = area.left() + index * slot
        label = QRectF(left, bottom + line * 0.15, slot, line * 1.1)
        painter.setPen(text)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
        if not count:
            continue
        bar_height = height * count / peak
        bar = QRectF(left + slot * 0.15, bottom - bar_height, slot * 0.7, bar_height)
        painter.fillRect(bar, BAR)
        above = QRectF(left, bar.top() - line * 1.1, slot, line)
        painter.drawText(above, Qt.AlignmentFlag.AlignCenter, formatting.count(count))
    if not hours.total:
        none = QCoreApplication.translate("ShiftReport", "No redemptions on this day.")
        painter.drawText(
            QRectF(area.left(), top, area.width(), height), Qt.AlignmentFlag.AlignCenter, none
        )
    painter.restore()


def chart_image(hours: HourlyCounts, width: int, height: int, *, point_size: float) -> QImage:
    """The chart on white, for the PDF (and for looking at it in tests)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    font = QFont()
    font.setPixelSize(max(6, round(point_size)))
    painter = QPainter(image)
    draw_hourly_chart(
        painter, QRectF(0, 0, width, height), hours, text=QColor("#111111"), font=font
    )
    painter.end()
    return image


class HourlyChart(QWidget):
    """The chart in the report window, in the window's own colours and type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hours = HourlyCounts(first_hour=8, counts=(0,) * 11)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(chart_title())

    def set_counts(self, hours: HourlyCounts) -> None:
        self._hours = hours
        per_hour = ", ".join(
            f"{h:02d}: {n}" for h, n in zip(hours.hours, hours.counts, strict=True) if n
        )
        self.setAccessibleDescription(per_hour)
        self.update()

    def counts(self) -> HourlyCounts:
        return self._hours

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(480, self.fontMetrics().height() * 7)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        del event
        painter = QPainter(self)
        area = QRectF(self.rect()).adjusted(4, 2, -4, -2)
        text = self.palette().color(self.foregroundRole())
        draw_hourly_chart(painter, area, self._hours, text=text, font=self.font())
        painter.end()
