"""Rendering widgets to artifacts/screens/<lang>/<name>.png for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication, QWidget

from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.theme import apply_theme

SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


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


def save(widget: QWidget, lang: str, name: str) -> Path:
    QApplication.processEvents()
    path = SCREENS / lang / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull()
    assert image.width() > 100
    assert image.save(str(path))
    return path
