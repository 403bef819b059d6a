"""Codes from a video sink: frames in, scans out, with the GUI thread doing almost nothing.

``CameraReader.sink`` is a QVideoSink. A camera's capture session draws into it, and a test
can hand it QVideoFrames made from pictures: both take the same path. Each frame is offered,
on the thread that delivers it, to two lanes (``desk.camera_reads.DecodeLane``): one decodes,
one scales a preview picture. A lane that is busy drops the frame, so frames never pile up.
What the decoder found comes back to the GUI thread as a queued signal, passes the
``RepeatGuard`` and leaves as ``code_read(text)``: the app treats it exactly like a scanner
burst (``CounterApp._on_scan``), so the same normalisation and the same scan flow apply.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoSink

from voucherdesk.desk.camera_reads import (
    DECODE_INTERVAL_S,
    REPEAT_HOLD_S,
    DecodeLane,
    Decoder,
    LaneCounts,
    RepeatGuard,
    read_frame,
    zxing_decoder,
)
from voucherdesk.ui.camera.frames import decoder_frame, preview_image
from voucherdesk.ui.camera.sizes import PREVIEW_SIZE

log = logging.getLogger(__name__)

PREVIEW_INTERVAL_S = 1 / 20  # a preview needs no more than 20 pictures a second


class CameraReader(QObject):
    """Reads codes from the frames that reach ``sink``; lives on the GUI thread."""

    code_read = Signal(str)  # a code's text, new to the RepeatGuard (GUI thread)
    frame_read = Signal(object)  # str | None: what each decoded frame held (GUI thread)
    preview_changed = Signal(QImage)
    _decoded = Signal(object)  # emitted on the decode lane's thread
    _previewed = Signal(QImage)  # emitted on the preview lane's thread

    def __init__(
        self,
        *,
        decoder: Decoder = zxing_decoder,
        interval_s: float = DECODE_INTERVAL_S,
        hold_s: float = REPEAT_HOLD_S,
        monotonic: Callable[[], float] = time.monotonic,
        preview_size: QSize = PREVIEW_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._decoder = decoder
        self._monotonic = monotonic
        self._preview_size = QSize(preview_size)
        self._guard = RepeatGuard(hold_s)
        self.paused = False  # reads are dropped (a dialog that must not be closed is open)
        self.preview_wanted = True
        self._decode = DecodeLane(
            self._decode_one,
            interval_s=interval_s,
            on_error=self._lane_failed,
            monotonic=monotonic,
            name="camera-decode",
        )
        self._preview = DecodeLane(
            self._preview_one,
            interval_s=PREVIEW_INTERVAL_S,
            on_error=self._lane_failed,
            monotonic=monotonic,
            name="camera-preview",
        )
        self._decoded.connect(self._on_decoded)
        self._previewed.connect(self.preview_changed)
        self.sink = QVideoSink(self)
        # Direct: the frame is handed over on the thread that delivers it (the camera's), so
        # the GUI thread does no work per frame.
        self.sink.videoFrameChanged.connect(self.feed, Qt.ConnectionType.DirectConnection)

    # -- any thread ------------------------------------------------------------------------

    def feed(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self._decode.offer(frame)
        if self.preview_wanted:
            self._preview.offer(frame)

    # -- lane threads ----------------------------------------------------------------------

    def _decode_one(self, frame: QVideoFrame) -> None:
        pixels = decoder_frame(frame)
        text = read_frame(pixels, self._decoder) if pixels is not None else None
        if shiboken6.isValid(self):
            self._decoded.emit(text)

    def _preview_one(self, frame: QVideoFrame) -> None:
        image = preview_image(frame, self._preview_size)
        if not image.isNull() and shiboken6.isValid(self):
            self._previewed.emit(image)

    @staticmethod
    def _lane_failed(error: BaseException) -> None:
        log.warning("camera frame not read: %r", error)

    # -- GUI thread ------------------------------------------------------------------------

    @Slot(object)
    def _on_decoded(self, text: str | None) -> None:
        self.frame_read.emit(text)
        if text is None:
            return
        if self.paused:
            self._guard.renew(text, self._monotonic())
        elif self._guard.admit(text, self._monotonic()):
            self.code_read.emit(text)

    def forget(self) -> None:
        """A new session with the camera: the code last read may be scanned again at once."""
        self._guard.forget()

    def counts(self) -> LaneCounts:
        return self._decode.counts()

    def wait_idle(self, timeout_s: float = 5.0) -> bool:
        """Block until the frames in hand are read (tests and benchmarks)."""
        return self._decode.wait_idle(timeout_s) and self._preview.wait_idle(timeout_s)

    def close(self) -> None:
        """Stop both lanes (their threads end); frames offered later are dropped."""
        with contextlib.suppress(RuntimeError, TypeError):  # the sink is gone already
            self.sink.videoFrameChanged.disconnect(self.feed)
        self._decode.close()
        self._preview.close()
