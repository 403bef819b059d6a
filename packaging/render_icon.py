"""Render resources/icon.svg to resources/icon-256.png (for platforms that want a bitmap).

Run: QT_QPA_PLATFORM=offscreen python packaging/render_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def render(svg: Path, png: Path, size: int) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(png)):
        raise SystemExit(f"cannot write {png}")


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    render(RESOURCES / "icon.svg", RESOURCES / "icon-256.png", 256)
    print(f"wrote {RESOURCES / 'icon-256.png'}")
    del app


if __name__ == "__main__":
    main()
