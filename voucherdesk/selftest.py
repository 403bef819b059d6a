"""`voucherdesk --self-test`: a headless check that an installation (source tree or frozen
bundle) has every part the counter needs: Qt platform plugins, translations, sounds, a keyring
backend, TLS certificates, the camera's multimedia backend and barcode decoder, and a real
voucher lookup against the in-process stand-in.

Meant for CI right after PyInstaller and for support calls ("run this and send me the output").
Each check prints one line; the exit code is 0 only if every required check passed. It never
writes a secret: the keyring is only asked which backend it would use.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SOUNDS = ("success", "warning", "error")
TRANSLATION = "i18n/voucherdesk_de.qm"
# keyring finds its backends through entry points: a bundle without keyring's metadata would
# silently fall back to the "fail" backend.
KEYRING_BACKEND = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
# Platform plugins a bundle must carry: the native one, and offscreen for this check and CI.
PLATFORM_PLUGINS = ({"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb"), "offscreen")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True

    def line(self) -> str:
        mark = "OK  " if self.ok else ("FAIL" if self.required else "WARN")
        return f"{mark} {self.name}: {self.detail}"


class _Failed(Exception):
    """A check's own failure, with the words to print."""


# --- the checks (each returns its detail text or raises) ---------------------------------------


def _version() -> str:
    from importlib.metadata import version

    frozen = (
        "bundle " + str(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else "source"
    )
    return f"VoucherDesk {version('voucherdesk')}, Python {sys.version.split()[0]}, {frozen}"


def _platform_plugins() -> set[str]:
    """Names of the platform plugins Qt could load (read before any QApplication exists)."""
    from PySide6.QtCore import QCoreApplication

    found: set[str] = set()
    for folder in QCoreApplication.libraryPaths():
        platforms = Path(folder) / "platforms"
        for plugin in platforms.iterdir() if platforms.is_dir() else ():
            stem = plugin.name.split(".")[0].removeprefix("lib")
            found.add(stem[1:] if stem.startswith("q") else stem)
    return found


def _plugins_present() -> str:
    found = _platform_plugins()
    missing = [name for name in PLATFORM_PLUGINS if name not in found]
    if missing:
        raise _Failed(f"platform plugin(s) missing: {', '.join(missing)} (found {sorted(found)})")
    return ", ".join(sorted(found))


def _qt_app() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
        if wanted and wanted not in _platform_plugins():
            # Qt would abort the whole process; report it instead.
            raise _Failed(f"platform plugin '{wanted}' (QT_QPA_PLATFORM) is missing")
        app = QApplication([sys.argv[0] if sys.argv else "voucherdesk"])
    platform = QApplication.platformName()
    if not platform:
        raise _Failed("no platform plugin loaded")
    return f"PySide6 {pyside_version}, platform plugin '{platform}'"


def _image_formats() -> str:
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"svg", "png", "ico"} - formats
    if missing:
        raise _Failed(f"cannot read {', '.join(sorted(missing))} images")
    return "svg, png, ico readable"


def _translations() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from voucherdesk.resources import resource_path

    own = QTranslator()
    path = resource_path(TRANSLATION)
    if not own.load(str(path)):
        raise _Failed(f"{path} is not a loadable .qm file")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator()
    if not qtbase.load("qtbase_de", qt_dir):
        raise _Failed(f"Qt's qtbase_de.qm is missing in {qt_dir}")
    return f"{path.name} and qtbase_de.qm load"


def _sounds() -> str:
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    from voucherdesk.resources import resource_path

    for name in SOUNDS:
        path = resource_path(f"sounds/{name}.wav")
        try:
            with wave.open(str(path), "rb") as wav:  # a plain PCM header, what QSoundEffect reads
                usable = wav.getsampwidth() == 2 and wav.getnframes() > 0
        except (wave.Error, EOFError) as exc:
            raise _Failed(f"{path.name} is not a readable WAV file ({exc})") from exc
        if not usable:
            raise _Failed(f"{path.name} is not 16-bit PCM with samples")
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        if not effect.source().isValid():
            raise _Failed(f"QSoundEffect rejected {path}")
    outputs = len(QMediaDevices.audioOutputs())
    audio = f"{outputs} audio output(s)" if outputs else "no audio output (sounds stay silent)"
    return f"{', '.join(SOUNDS)}.wav valid; {audio}"


def _camera() -> str:
    """The FFmpeg multimedia backend (QCamera needs it) loads, and a QR code in a video frame
    reads back through the camera's own frame path. No camera is needed."""
    import zxingcpp
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QMediaDevices, QMediaFormat, QVideoFrame

    from voucherdesk.desk.camera_reads import read_frame
    from voucherdesk.standin import DEMO_CODES
    from voucherdesk.ui.camera.frames import decoder_frame

    if not QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode):
        raise _Failed("no QtMultimedia backend loaded (plugins/multimedia): no camera possible")
    code = DEMO_CODES["fresh"]
    symbol = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode).to_image(scale=6)
    height, width = symbol.shape
    pixels = memoryview(symbol).tobytes()  # type: ignore[arg-type]  # it has the buffer protocol
    gray = QImage(pixels, width, height, width, QImage.Format.Format_Grayscale8)
    frame = decoder_frame(QVideoFrame(gray.convertToFormat(QImage.Format.Format_RGB32)))
    text = read_frame(frame) if frame is not None else None
    if text != code:
        raise _Failed(f"a QR code of {code} in a video frame read as {text!r}")
    cameras = len(QMediaDevices.videoInputs())
    return f"FFmpeg backend loaded; QR {code} read from a video frame; {cameras} camera(s) here"


def _slip_qr() -> str:
    """The slip's QR code: segno encodes a booking code, Qt draws it, zxing-cpp reads it back."""
    import zxingcpp
    from PySide6.QtGui import QImage

    from voucherdesk.ui.history.slip_qr import qr_image

    code = "SELFTEST7"
    gray = qr_image(code).convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(gray.constBits())
    view = zxingcpp.ImageView(
        pixels, gray.width(), gray.height(), zxingcpp.ImageFormat.Lum, gray.bytesPerLine(), 1
    )
    read = [found.text for found in zxingcpp.read_barcodes(view)]
    if read != [code]:
        raise _Failed(f"the slip's QR code of {code} read as {read!r}")
    return f"QR code of {code} drawn ({gray.width()} px) and read back"


def _links() -> str:
    """The code comes out of a link and out of a text by a pattern (the regex engine)."""
    from voucherdesk.desk.codes import ScanRules, normalise
    from voucherdesk.desk.payload import PayloadMode, PayloadRule
    from voucherdesk.standin import DEMO_CODES

    code = DEMO_CODES["fresh"]
    by_link = normalise(f"https://shop.example/v?code={code}", ScanRules())
    pattern = PayloadRule(mode=PayloadMode.PATTERN, pattern=r"Code: ([A-Z0-9-]+)")
    by_pattern = normalise(f"Gutschein, Code: {code}.", ScanRules(payload=pattern))
    if by_link != code or by_pattern != code:
        raise _Failed(f"took {by_link!r} from a link and {by_pattern!r} by a pattern")
    return f"{code} taken from a link and by a pattern"


def _keyring_bundled() -> str:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="keyring.backends")}
    if KEYRING_BACKEND not in names:
        raise _Failed(f"keyring backend {KEYRING_BACKEND} not registered (found {sorted(names)})")
    return f"{KEYRING_BACKEND} backend registered"


def _keyring_active() -> str:
    from voucherdesk.credentials import backend_name, keyring_usable

    name = backend_name()
    if not keyring_usable():
        raise _Failed(f"{name}: no usable OS keyring here (normal on headless machines)")
    return f"{name} (nothing was written)"


def _certificates() -> str:
    import ssl

    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    count = context.cert_store_stats()["x509_ca"]
    if count == 0:
        raise _Failed(f"no CA certificates in {certifi.where()}")
    return f"{count} CA certificates (certifi)"


def _demo_lookup() -> str:
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import Environment
    from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
    from voucherdesk.desk.voucher_index import VoucherIndex
    from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_CODES, StandinServer

    code = DEMO_CODES["fresh"]
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="voucherdesk-selftest-") as tmp,
        StandinServer(seed="demo") as server,
        BookingkitClient(
            Environment("demo", server.base_url),
            Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            token_store=MemoryTokenStore(),
        ) as client,
    ):
        index = VoucherIndex(Path(tmp) / "voucher-index.sqlite3")
        indexed = index.refresh(client)
        ident = index.lookup(code)
        if ident is None:
            raise _Failed(f"{code} not in the voucher index ({indexed} codes read)")
        voucher = client.get_voucher(ident)
    if voucher.code != code:
        raise _Failed(f"looked up {code}, got {voucher.code}")
    seconds = time.perf_counter() - started
    left = f"{voucher.remaining_value} {voucher.currency or ''}".strip()
    return f"{code} -> voucher {ident}, {left} left ({indexed} codes indexed, {seconds:.2f} s)"


# name, function, required
CHECKS: tuple[tuple[str, Callable[[], str], bool], ...] = (
    ("version", _version, True),
    ("qt plugins", _plugins_present, True),
    ("qt application", _qt_app, True),
    ("image formats", _image_formats, True),
    ("translations", _translations, True),
    ("sounds", _sounds, True),
    ("camera", _camera, True),
    ("slip qr code", _slip_qr, True),
    ("codes in links", _links, True),
    ("keyring backend", _keyring_bundled, True),
    ("keyring in use", _keyring_active, False),
    ("tls certificates", _certificates, True),
    ("demo lookup", _demo_lookup, True),
)


def _run(name: str, check: Callable[[], str], required: bool) -> Check:
    try:
        return Check(name, True, check(), required)
    except _Failed as exc:
        return Check(name, False, str(exc), required)
    except Exception as exc:  # any other breakage is the finding itself
        return Check(name, False, f"{type(exc).__name__}: {exc}", required)


def _output() -> TextIO:
    """stdout, or a file when a windowed Windows build has none."""
    if sys.stdout is not None:
        return sys.stdout
    path = Path(tempfile.gettempdir()) / "voucherdesk-self-test.txt"
    return path.open("w", encoding="utf-8")


def run_self_test(stream: TextIO | None = None) -> int:
    """Run every check, print one line each, return 0 only if all required checks passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = stream or _output()
    results: list[Check] = []
    for name, check, required in CHECKS:
        result = _run(name, check, required)
        results.append(result)
        print(result.line(), file=out, flush=True)
    failed = [r.name for r in results if r.required and not r.ok]
    summary = f"self-test FAILED: {', '.join(failed)}" if failed else "self-test passed"
    print(summary, file=out, flush=True)
    return 1 if failed else 0
