"""Camera scanning for the whole app: one reader, one camera, switched on and off together.

The app owns one ``CameraService`` (like the key-wedge ScanCapture); every window shows it
through a CameraPanel. ``code_read`` goes to the same slot as a scanner burst.

The reader and the camera (QtMultimedia, a large library with its own media backend) are made
when first needed, not with the window: a counter without camera scanning never loads them,
and one where QtMultimedia cannot load still starts, with the camera reported as failed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from voucherdesk.desk.camera_state import CameraState

if TYPE_CHECKING:
    from voucherdesk.desk.camera_reads import Decoder
    from voucherdesk.ui.camera.device import CameraFeed
    from voucherdesk.ui.camera.reader import CameraReader

log = logging.getLogger(__name__)


class CameraService(QObject):
    code_read = Signal(str)
    state_changed = Signal(object)  # CameraState
    preview_changed = Signal(QImage)

    def __init__(self, *, decoder: Decoder | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder = decoder  # None: zxing-cpp, loaded with the reader
        self._reader: CameraReader | None = None
        self._feed: CameraFeed | None = None
        self._paused = False
        self._failed = False  # QtMultimedia could not be loaded

    @property
    def reader(self) -> CameraReader:
        if self._reader is None:
            from voucherdesk.desk.camera_reads import zxing_decoder
            from voucherdesk.ui.camera.reader import CameraReader

            decoder = self._decoder or zxing_decoder
            self._reader = CameraReader(decoder=decoder, parent=self)
            self._reader.paused = self._paused
            self._reader.code_read.connect(self.code_read)
            self._reader.preview_changed.connect(self.preview_changed)
        return self._reader

    @property
    def feed(self) -> CameraFeed:
        if self._feed is None:
            from voucherdesk.ui.camera.device import CameraFeed

            self._feed = CameraFeed(self.reader.sink, self)
            self._feed.state_changed.connect(self._state_changed)
        return self._feed

    @property
    def state(self) -> CameraState:
        if self._failed:
            return CameraState.FAILED
        return CameraState.OFF if self._feed is None else self._feed.state

    @property
    def device_name(self) -> str:
        return "" if self._feed is None else self._feed.device_name

    @property
    def enabled(self) -> bool:
        return self.state is not CameraState.OFF

    def set_enabled(self, enabled: bool, device_key: str = "") -> None:
        if not enabled:
            self._failed = False
            if self._feed is not None:
                self._feed.stop()
            else:
                self.state_changed.emit(CameraState.OFF)
            return
        try:
            feed = self.feed
        except ImportError as exc:  # e.g. a Linux without the media libraries QtMultimedia needs
            log.warning("camera scanning unavailable: %s", exc)
            self._failed = True
            self.state_changed.emit(CameraState.FAILED)
            return
        self.reader.forget()
        feed.start(device_key)

    def set_paused(self, paused: bool) -> None:
        """Reads are dropped while paused (the settings dialog is open)."""
        self._paused = paused
        if self._reader is not None:
            self._reader.paused = paused

    def _state_changed(self, state: CameraState) -> None:
        if state is not CameraState.LOOKING:
            self.preview_changed.emit(QImage())  # no old picture under a new message
        self.state_changed.emit(state)

    def close(self) -> None:
        if self._feed is not None:
            self._feed.stop()
        if self._reader is not None:
            self._reader.close()
