"""Rendering widgets to artifacts/screens/<lang>/[<size>/]<name>.png for people to look at.

Screens of the counter window are written per window size (``SIZES``): the type scales with the
window, so each size is its own picture to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication, QWidget

from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.theme import apply_theme

SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


@contextmanager
def themed(qapp: QApplication, lang: str) -> Iterator[str]:
    """The counter's light theme in ``lang``; look and language are restored afterwards."""
    locale, palette, sheet = QLocale(), qapp.palette(), qapp.styleSheet()
    style = qapp.style().name()
    before = set(qapp.topLevelWidgets())
    apply_theme(qapp, "light")
    install_translations(qapp, lang)
    try:
        yield lang
    finally:
        # Delete this test's windows before the style changes back: a widget deleted later
        # (deleteLater) under another style has crashed Qt in the next test.
        for widget in set(qapp.topLevelWidgets()) - before:
            widget.close()
            widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        install_translations(qapp, "en")
        QLocale.setDefault(locale)
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
        qapp.setStyle(style)


def sized(window: QWidget, size: str) -> None:
    """Give the counter window one of the ``SIZES`` and its type for that size, now."""
    width, height = SIZES[size]
    window.resize(width, height)
    QApplication.processEvents()
    scaler = getattr(window, "scaler", None)
    if scaler is not None:
        scaler.apply()  # without waiting for the resize to settle
    QApplication.processEvents()


def save(widget: QWidget, lang: str, name: str, size: str | None = None) -> Path:
    QApplication.processEvents()
    folder = SCREENS / lang / size if size else SCREENS / lang
    path = folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull()
    assert image.width() > 100
    assert image.save(str(path))
    return path
