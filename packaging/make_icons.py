"""Render the app icon into Windows .ico and macOS .icns files, with no extra dependencies.

Both formats may hold plain PNG images (ICO since Vista, ICNS since 10.7), so Qt renders each size
(QtSvg for resources/icon.svg, else a smooth scale of resources/icon-256.png) and this script only
writes the two container headers.

    python packaging/make_icons.py [--source resources/icon.svg] [--out build/icons]
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS PNG slots: type code -> pixel size (the @2x slots reuse the bigger renders).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def default_source(resources: Path) -> Path:
    for name in ("icon.svg", "icon-256.png"):
        if (resources / name).is_file():
            return resources / name
    raise FileNotFoundError(f"no icon.svg or icon-256.png in {resources}")


def render_pngs(source: Path, sizes: set[int]) -> dict[int, bytes]:
    """PNG bytes per square size, rendered by Qt (headless)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(source)) if source.suffix.lower() == ".svg" else None
    if renderer is not None and not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG")
    bitmap = None if renderer else QImage(str(source))
    if bitmap is not None and bitmap.isNull():
        raise ValueError(f"{source} is not a readable image")

    pngs: dict[int, bytes] = {}
    for size in sorted(sizes):
        if renderer is not None:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
        else:
            assert bitmap is not None
            image = bitmap.scaled(
                size,
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 6.12 wants str here at run time although its stub says bytes.
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise RuntimeError(f"could not encode the {size}px icon as PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + one 16-byte entry per image + the PNG payloads."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        payload += png
        offset += len(png)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """'icns' + big-endian total length, then (type, length incl. 8-byte header, PNG) chunks."""
    body = b"".join(
        code + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for code, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(source: Path, out: Path) -> tuple[Path, Path]:
    pngs = render_pngs(source, set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    out.mkdir(parents=True, exist_ok=True)
    ico, icns = out / "voucherdesk.ico", out / "voucherdesk.icns"
    ico.write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    icns.write_bytes(icns_bytes(pngs))
    return ico, icns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="icon.svg or a square PNG")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    try:
        source = args.source or default_source(ROOT / "resources")
        ico, icns = make_icons(source, args.out)
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"make_icons: {exc}", file=sys.stderr)
        return 1
    print(f"make_icons: {ico} ({ico.stat().st_size} B), {icns} ({icns.stat().st_size} B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
