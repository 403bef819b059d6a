"""Camera frames without a camera: 720p pictures of voucher codes, drawn the way a webcam would
see them (turned, out of focus, faint, on a phone screen with glare), as QImages and as the
QVideoFrames a capture session delivers (RGB, NV12 and YUYV).

The codes are made by zxing-cpp's writer, so the pictures hold real QR and Code 128 symbols.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import zxingcpp
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QLinearGradient,
    QPainter,
    QPolygonF,
    QRadialGradient,
    QTransform,
)
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

WIDTH, HEIGHT = 1280, 720
QR = zxingcpp.BarcodeFormat.QRCode
CODE128 = zxingcpp.BarcodeFormat.Code128


def symbol(text: str, kind: zxingcpp.BarcodeFormat, scale: int) -> QImage:
    """The code as black modules on white, with its quiet zone."""
    pixels = memoryview(zxingcpp.create_barcode(text, kind).to_image(scale=scale))
    height, width = pixels.shape
    return QImage(pixels.tobytes(), width, height, width, QImage.Format.Format_Grayscale8).copy()


@dataclass(frozen=True)
class Look:
    """How the camera sees the code."""

    angle: float = 0.0
    blur: int = 0  # shrink by this factor and blow up again: the picture is out of focus
    opacity: float = 1.0  # below 1: faint print, low contrast
    phone: bool = False  # on a phone screen, in a dark phone body
    dark_mode: bool = False  # light modules on a dark screen
    glare: bool = False  # a bright reflection across part of the code
    tilt: bool = False  # seen a little from the side


LOOKS: dict[str, Look] = {
    "straight": Look(),
    "rotated": Look(angle=35.0),
    "upside_down": Look(angle=180.0),
    "blurred": Look(blur=3),
    "low_contrast": Look(opacity=0.22),
    "phone_glare": Look(phone=True, glare=True, angle=-6.0, tilt=True),
    "phone_dark_mode": Look(phone=True, dark_mode=True, glare=True, angle=4.0),
}
# Code 128 is read along rows: it is held about level (or turned by a quarter or a half).
LOOKS_1D: dict[str, Look] = {
    "straight": Look(),
    "slightly_rotated": Look(angle=7.0),
    "quarter_turn": Look(angle=90.0),
    "blurred": Look(blur=2),
    "low_contrast": Look(opacity=0.25),
    "phone_glare": Look(phone=True, glare=True, angle=3.0),
}


def scene(code: QImage, look: Look) -> QImage:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor(140, 128, 110))  # a wooden counter
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if look.tilt:
        square = QPolygonF([QPointF(0, 0), QPointF(1, 0), QPointF(1, 1), QPointF(0, 1)])
        leaning = QPolygonF(
            [QPointF(0.04, 0.0), QPointF(0.97, 0.05), QPointF(1.0, 0.93), QPointF(0.0, 1.0)]
        )
        warp = QTransform()
        QTransform.quadToQuad(square, leaning, warp)
        frame = QTransform.fromScale(WIDTH, HEIGHT)
        painter.setTransform(frame.inverted()[0] * warp * frame)
    painter.translate(WIDTH / 2, HEIGHT / 2)
    painter.rotate(look.angle)
    if look.phone:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(18, 18, 22))
        painter.drawRoundedRect(QRectF(-200, -340, 400, 680), 36, 36)
        painter.setBrush(QColor(30, 30, 34) if look.dark_mode else QColor(246, 246, 250))
        painter.drawRect(QRectF(-180, -300, 360, 600))
    shown = code
    if look.dark_mode:
        shown = code.copy()
        shown.invertPixels()
    painter.setOpacity(look.opacity)
    painter.drawImage(QPointF(-shown.width() / 2, -shown.height() / 2), shown)
    painter.setOpacity(1.0)
    if look.glare:
        glow = QRadialGradient(QPointF(50, -50), 170)
        glow.setColorAt(0.0, QColor(255, 255, 255, 205))
        glow.setColorAt(1.0, QColor(255, 255, 255, 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(glow))
        painter.drawEllipse(QPointF(50, -50), 170, 170)
        band = QLinearGradient(QPointF(-200, -300), QPointF(200, 300))
        band.setColorAt(0.45, QColor(255, 255, 255, 0))
        band.setColorAt(0.5, QColor(255, 255, 255, 70))
        band.setColorAt(0.55, QColor(255, 255, 255, 0))
        painter.setBrush(QBrush(band))
        painter.drawRect(QRectF(-200, -340, 400, 680))
    painter.end()
    if look.blur:
        small = image.scaled(
            WIDTH // look.blur,
            HEIGHT // look.blur,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        image = small.scaled(
            WIDTH,
            HEIGHT,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ).convertToFormat(QImage.Format.Format_RGB32)
    return image


def qr_scene(text: str, look: Look) -> QImage:
    return scene(symbol(text, QR, 7), look)


def code128_scene(text: str, look: Look) -> QImage:
    return scene(symbol(text, CODE128, 3), look)


def empty_scene() -> QImage:
    """A desk with no code on it: a phone with a blank screen on a textured mat."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor(140, 128, 110))
    painter = QPainter(image)
    painter.setPen(QColor(120, 110, 95))
    for x in range(0, WIDTH, 9):
        painter.drawLine(x, 0, x + 200, HEIGHT)
    painter.setBrush(QColor(18, 18, 22))
    painter.drawRoundedRect(QRectF(440, 40, 400, 640), 36, 36)
    painter.end()
    return image


# -- as a camera delivers them ------------------------------------------------------------------


def _luma(image: QImage) -> tuple[bytes, int]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return bytes(gray.constBits()), gray.bytesPerLine()


def _rows(data: bytes, stride: int, width: int, height: int) -> bytes:
    return b"".join(data[y * stride : y * stride + width] for y in range(height))


def rgb_frame(image: QImage) -> QVideoFrame:
    return QVideoFrame(image)


def nv12_frame(image: QImage) -> QVideoFrame:
    """Brightness in plane 0, neutral colour in plane 1: what most webcams send."""
    width, height = image.width(), image.height()
    luma = _rows(*_luma(image), width, height)
    frame = QVideoFrame(
        QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_NV12)
    )
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    try:
        y_plane, stride = frame.bits(0), frame.bytesPerLine(0)
        for y in range(height):
            y_plane[y * stride : y * stride + width] = luma[y * width : (y + 1) * width]
        uv_plane = frame.bits(1)
        uv_plane[:] = b"\x80" * len(uv_plane)
    finally:
        frame.unmap()
    return frame


def yuyv_frame(image: QImage) -> QVideoFrame:
    """Packed 4:2:2: Y U Y V, brightness in every other byte."""
    width, height = image.width(), image.height()
    luma = _rows(*_luma(image), width, height)
    packed = bytearray(b"\x80" * (2 * width * height))
    packed[0::2] = luma
    frame = QVideoFrame(
        QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_YUYV)
    )
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    try:
        plane, stride = frame.bits(0), frame.bytesPerLine(0)
        row = 2 * width
        for y in range(height):
            plane[y * stride : y * stride + row] = packed[y * row : (y + 1) * row]
    finally:
        frame.unmap()
    return frame


FRAME_MAKERS: dict[str, Callable[[QImage], QVideoFrame]] = {
    "rgb": rgb_frame,
    "nv12": nv12_frame,
    "yuyv": yuyv_frame,
}
