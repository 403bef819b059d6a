"""Reading codes from camera frames, Qt-free: which frames are decoded, how, and which reads
count as a scan.

A camera delivers 30 frames a second of the same scene, and decoding one 720p frame takes
longer than a frame lasts. So a ``DecodeLane`` decodes on its own thread, one frame at a time:
a frame that arrives while it is busy (or sooner than ``DECODE_INTERVAL_S`` after the last
decode began) is dropped, never queued, so there is no backlog and the newest picture is the one
read. Each frame costs exactly one decoder call (``read_frame``): the decoder itself tries
rotations, inverted (dark-mode) codes and smaller scales within that call. ``RepeatGuard`` then
keeps a code that stays in view from being scanned again and again.

The text a code holds goes on unchanged to ``codes.normalise``, like a scanner burst.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

# A code that stays in view is one scan: it is read again only after it has been out of view
# (no frame showed it) for this long, or after another code was read.
REPEAT_HOLD_S = 3.0
# At most this often a decode starts (10 a second feels instant and leaves the CPU mostly idle).
DECODE_INTERVAL_S = 0.1

# What vouchers carry: QR (phones, print), Code 128 / EAN (print), DataMatrix and Aztec. Kept
# as names: zxing-cpp objects held by the module would outlive the library at exit.
READ_FORMATS = (
    "QRCode",
    "MicroQRCode",
    "Code128",
    "Code39",
    "EAN13",
    "EAN8",
    "UPCA",
    "DataMatrix",
    "Aztec",
)


class PixelLayout(StrEnum):
    """How one pixel is stored; LUMA is one brightness byte (a YUV frame's Y plane)."""

    LUMA = "luma"
    RGB = "rgb"
    BGR = "bgr"
    RGBA = "rgba"  # also RGBX: the fourth byte is ignored
    BGRA = "bgra"
    ARGB = "argb"
    ABGR = "abgr"


_ZXING_LAYOUT = {
    PixelLayout.LUMA: "Lum",
    PixelLayout.RGB: "RGB",
    PixelLayout.BGR: "BGR",
    PixelLayout.RGBA: "RGBA",
    PixelLayout.BGRA: "BGRA",
    PixelLayout.ARGB: "ARGB",
    PixelLayout.ABGR: "ABGR",
}
_BYTES_PER_PIXEL = {PixelLayout.LUMA: 1, PixelLayout.RGB: 3, PixelLayout.BGR: 3}


@dataclass(frozen=True, kw_only=True)
class Frame:
    """One picture's pixels, copied out of the camera's buffer.

    ``pixel_stride`` is the distance between two pixels in bytes (2 for the Y bytes of a packed
    YUYV frame, 4 for RGBA); ``row_stride`` between two rows.
    """

    pixels: bytes
    width: int
    height: int
    row_stride: int
    layout: PixelLayout = PixelLayout.LUMA
    pixel_stride: int = 0  # 0: the layout's own size

    def __post_init__(self) -> None:
        step = self.pixel_stride or _BYTES_PER_PIXEL.get(self.layout, 4)
        needed = (self.height - 1) * self.row_stride + (self.width - 1) * step + 1
        if self.width <= 0 or self.height <= 0 or len(self.pixels) < needed:
            raise ValueError("the pixel buffer is smaller than the frame it claims to be")


@dataclass(frozen=True, kw_only=True)
class Found:
    """A code found in a frame: its text and where its centre is (pixels)."""

    text: str
    x: float
    y: float


class Decoder(Protocol):
    def __call__(self, frame: Frame) -> Sequence[Found]: ...


def zxing_decoder(frame: Frame) -> list[Found]:
    """Every code zxing-cpp finds in ``frame``, in one call (it releases the GIL meanwhile)."""
    import zxingcpp  # loaded with the first frame, not with the app

    view = zxingcpp.ImageView(
        frame.pixels,
        frame.width,
        frame.height,
        getattr(zxingcpp.ImageFormat, _ZXING_LAYOUT[frame.layout]),
        frame.row_stride,
        frame.pixel_stride,
    )
    formats = zxingcpp.BarcodeFormats([getattr(zxingcpp.BarcodeFormat, f) for f in READ_FORMATS])
    found = []
    for code in zxingcpp.read_barcodes(view, formats=formats, text_mode=zxingcpp.TextMode.Plain):
        corners = code.position
        points = (corners.top_left, corners.top_right, corners.bottom_right, corners.bottom_left)
        found.append(
            Found(
                text=code.text,
                x=sum(p.x for p in points) / 4,
                y=sum(p.y for p in points) / 4,
            )
        )
    return found


def read_frame(frame: Frame, decoder: Decoder = zxing_decoder) -> str | None:
    """The text of the code nearest the frame's centre (the one the clerk aims at), or None.

    Exactly one decoder call, whatever the frame holds.
    """
    found = [f for f in decoder(frame) if f.text.strip()]
    if not found:
        return None
    cx, cy = frame.width / 2, frame.height / 2
    return min(found, key=lambda f: math.hypot(f.x - cx, f.y - cy)).text


class RepeatGuard:
    """Lets a code through once while it stays in view.

    A read of the code last let through, within ``hold_s`` of the last time it was seen, is the
    same scan: it is held back, and the hold starts again, so a phone left in front of the
    camera is scanned once however long it lies there. Another code in between, or a pause
    longer than the hold, lets the code through again.
    """

    def __init__(self, hold_s: float = REPEAT_HOLD_S) -> None:
        self.hold_s = hold_s
        self._last: str | None = None
        self._seen_at = -math.inf

    def admit(self, text: str, now: float) -> bool:
        if text == self._last and now - self._seen_at < self.hold_s:
            self._seen_at = now
            return False
        self._last, self._seen_at = text, now
        return True

    def renew(self, text: str, now: float) -> None:
        """A sighting while reads are not taken (a dialog is open): the code already let
        through stays held, so it is not scanned again when reads resume; others are not
        noted, so a new code shown meanwhile is scanned when they do."""
        if text == self._last:
            self._seen_at = now

    def forget(self) -> None:
        """The camera was switched off: the next read of any code is a new scan."""
        self._last, self._seen_at = None, -math.inf


T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class LaneCounts:
    offered: int
    dropped: int
    handled: int


class DecodeLane(Generic[T]):
    """One worker thread that handles at most one item at a time and never queues.

    ``offer(item)`` hands a frame over unless the worker is busy or the last one began less
    than ``interval_s`` ago; then the frame is dropped (counted). ``work(item)`` runs on the
    worker thread; whatever it raises is passed to ``on_error`` there, and the lane goes on.
    """

    def __init__(
        self,
        work: Callable[[T], None],
        *,
        interval_s: float = DECODE_INTERVAL_S,
        on_error: Callable[[BaseException], None] = lambda exc: None,
        monotonic: Callable[[], float] = time.monotonic,
        name: str = "decode-lane",
    ) -> None:
        self._work = work
        self._interval_s = interval_s
        self._on_error = on_error
        self._monotonic = monotonic
        self._cond = threading.Condition()
        self._slot: list[T] = []  # the item handed over and not yet taken: at most one
        self._busy = False
        self._closed = False
        self._last_start = -math.inf
        self._offered = self._dropped = self._handled = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def offer(self, item: T) -> bool:
        """True when the worker takes ``item``; False when it was dropped. Never blocks long."""
        with self._cond:
            self._offered += 1
            now = self._monotonic()
            if self._closed or self._busy or now - self._last_start < self._interval_s:
                self._dropped += 1
                return False
            self._slot.append(item)
            self._busy = True
            self._last_start = now
            self._cond.notify()
            return True

    def counts(self) -> LaneCounts:
        with self._cond:
            return LaneCounts(offered=self._offered, dropped=self._dropped, handled=self._handled)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._busy

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until the current item is done (tests and shutdown)."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy, timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop the worker after the item in hand; later offers are dropped."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._slot) or self._closed)
                if not self._slot:
                    return  # closed and nothing in hand
                item = self._slot.pop()
            try:
                self._work(item)
            except BaseException as exc:  # a bad frame must not end the lane
                self._on_error(exc)
            finally:
                del item  # the caller's frame buffer is freed here, not kept until the next
                with self._cond:
                    self._handled += 1
                    self._busy = False
                    self._cond.notify_all()
