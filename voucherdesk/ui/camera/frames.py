"""QVideoFrame -> the decoder's Frame (Qt-free), and -> a small picture for the preview.

A camera's frames are mostly YUV, whose first plane is the brightness a barcode decoder needs:
it is copied as it is, with no colour conversion. RGB frames go to the decoder as they are (it
weighs the channels itself); any other format is converted by Qt. Runs on the reading threads,
never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from voucherdesk.desk.camera_reads import Frame, PixelLayout

_PF = QVideoFrameFormat.PixelFormat
# Formats whose plane 0 is one brightness byte per pixel.
_LUMA_PLANE = {
    _PF.Format_YUV420P, _PF.Format_YUV422P, _PF.Format_YV12, _PF.Format_NV12, _PF.Format_NV21,
    _PF.Format_IMC1, _PF.Format_IMC2, _PF.Format_IMC3, _PF.Format_IMC4, _PF.Format_Y8,
}  # fmt: skip
# Packed or wide formats: (offset of the brightness byte, bytes from one pixel to the next).
# For 16-bit samples (little-endian) the high byte is the brightness to 8 bits.
_LUMA_IN_PIXEL = {
    _PF.Format_YUYV: (0, 2),
    _PF.Format_UYVY: (1, 2),
    _PF.Format_AYUV: (1, 4),
    _PF.Format_AYUV_Premultiplied: (1, 4),
    _PF.Format_Y16: (1, 2),
    _PF.Format_P010: (1, 2),
    _PF.Format_P016: (1, 2),
    _PF.Format_YUV420P10: (1, 2),
}
# 32-bit formats are named in memory order, as the decoder's layouts are.
_RGB = {
    _PF.Format_ARGB8888: PixelLayout.ARGB,
    _PF.Format_ARGB8888_Premultiplied: PixelLayout.ARGB,
    _PF.Format_XRGB8888: PixelLayout.ARGB,
    _PF.Format_BGRA8888: PixelLayout.BGRA,
    _PF.Format_BGRA8888_Premultiplied: PixelLayout.BGRA,
    _PF.Format_BGRX8888: PixelLayout.BGRA,
    _PF.Format_ABGR8888: PixelLayout.ABGR,
    _PF.Format_XBGR8888: PixelLayout.ABGR,
    _PF.Format_RGBA8888: PixelLayout.RGBA,
    _PF.Format_RGBX8888: PixelLayout.RGBA,
}


_GREY = QImage.Format.Format_Grayscale8
# RGB layouts a QImage can wrap as they are (little-endian byte order); others go through Qt.
_QIMAGE_RGB = {
    PixelLayout.BGRA: QImage.Format.Format_RGB32,
    PixelLayout.RGBA: QImage.Format.Format_RGBX8888,
}


def _mapped(frame: QVideoFrame) -> Frame | None:
    """The brightness (or RGB) bytes of a frame that can be mapped, copied; else None."""
    fmt = frame.pixelFormat()
    if fmt not in _LUMA_PLANE and fmt not in _LUMA_IN_PIXEL and fmt not in _RGB:
        return None
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        width, height, stride = frame.width(), frame.height(), frame.bytesPerLine(0)
        bits = memoryview(frame.bits(0))  # plane 0, valid until unmap()
        if fmt in _RGB:
            return Frame(
                pixels=bits.tobytes(),
                width=width,
                height=height,
                row_stride=stride,
                layout=_RGB[fmt],
            )
        offset, step = _LUMA_IN_PIXEL.get(fmt, (0, 1))
        return Frame(
            pixels=bits[offset:].tobytes(),
            width=width,
            height=height,
            row_stride=stride,
            pixel_stride=step,
        )
    finally:
        frame.unmap()


def decoder_frame(frame: QVideoFrame) -> Frame | None:
    """The frame as the decoder takes it, or None when it holds no picture."""
    if not frame.isValid() or frame.width() <= 0 or frame.height() <= 0:
        return None
    direct = _mapped(frame)
    if direct is not None:
        return direct
    image = frame.toImage()  # JPEG and other formats: Qt converts
    if image.isNull():
        return None
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return Frame(
        pixels=bytes(gray.constBits()),
        width=gray.width(),
        height=gray.height(),
        row_stride=gray.bytesPerLine(),
    )


def preview_image(frame: QVideoFrame, size: QSize) -> QImage:
    """The frame scaled to fit ``size``: grey from a YUV frame's brightness plane (converting a
    720p frame to colour costs some 14 ms of CPU, twenty times a second), as it is from an RGB
    frame; a null image when the frame holds no picture."""
    pixels = decoder_frame(frame)
    if pixels is None:
        return QImage()
    if pixels.layout is PixelLayout.LUMA:
        data, stride = pixels.pixels, pixels.row_stride
        step = pixels.pixel_stride or 1
        if step > 1:  # packed YUV: the brightness is every step-th byte
            data = b"".join(
                data[y * stride : y * stride + pixels.width * step : step]
                for y in range(pixels.height)
            )
            stride = pixels.width
        image = QImage(data, pixels.width, pixels.height, stride, _GREY)
    elif pixels.layout in _QIMAGE_RGB:
        image = QImage(
            pixels.pixels,
            pixels.width,
            pixels.height,
            pixels.row_stride,
            _QIMAGE_RGB[pixels.layout],
        )
    else:
        image = frame.toImage()
    # Qt keeps Python's GIL while it scales: a smooth scale of the whole frame (some 2-5 ms)
    # would hold up the GUI thread that long. A fast pass to twice the size, then a smooth one,
    # looks the same and holds it well under a millisecond.
    rough = image.scaled(
        size * 2, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )
    return rough.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
