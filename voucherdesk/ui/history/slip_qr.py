"""The booking code as a QR code for the customer slip (encoded by segno, drawn by Qt).

A one-bit picture with whole pixels per module and the standard quiet zone: it stays sharp when
the slip is scaled to a thermal printer or a PDF, and the PDF stores it losslessly. Error level
M (15 %) survives a crease or a smudge; a phone camera or a box-office scanner reads it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_MODULES = 4  # the QR standard's quiet zone on every side
MODULE_PX = 12  # pixels per module in the picture (it is scaled down when drawn)


def qr_image(text: str, module_px: int = MODULE_PX) -> QImage:
    """``text`` as a QR code (never Micro QR: phones do not read those)."""
    import segno  # about 10 MB once loaded: only when a slip is drawn

    code = segno.make_qr(text, error="m", boost_error=False)
    matrix = code.matrix  # rows of 0/1 values, without the quiet zone
    side = (len(matrix) + 2 * QUIET_MODULES) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    black = QColor(Qt.GlobalColor.black)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                painter.fillRect(
                    (column + QUIET_MODULES) * module_px,
                    (row + QUIET_MODULES) * module_px,
                    module_px,
                    module_px,
                    black,
                )
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Mono)
