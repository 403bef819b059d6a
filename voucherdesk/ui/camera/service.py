"""Camera scanning for the whole app: one reader, one camera, switched on and off together.

The app owns one ``CameraService`` (like the key-wedge ScanCapture); every window shows it
through a CameraPanel. ``code_read`` goes to the same slot as a scanner burst.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from voucherdesk.desk.camera_reads import CameraState, Decoder, zxing_decoder
from voucherdesk.ui.camera.device import CameraFeed
from voucherdesk.ui.camera.reader import CameraReader


class CameraService(QObject):
    code_read = Signal(str)
    state_changed = Signal(object)  # CameraState
    preview_changed = Signal(QImage)

    def __init__(self, *, decoder: Decoder = zxing_decoder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = CameraReader(decoder=decoder, parent=self)
        self.feed = CameraFeed(self.reader.sink, self)
        self.reader.code_read.connect(self.code_read)
        self.reader.preview_changed.connect(self.preview_changed)
        self.feed.state_changed.connect(self._state_changed)

    @property
    def state(self) -> CameraState:
        return self.feed.state

    @property
    def device_name(self) -> str:
        return self.feed.device_name

    @property
    def enabled(self) -> bool:
        return self.feed.state is not CameraState.OFF

    def set_enabled(self, enabled: bool, device_key: str = "") -> None:
        if enabled:
            self.reader.forget()
            self.feed.start(device_key)
        else:
            self.feed.stop()

    def set_paused(self, paused: bool) -> None:
        """Reads are dropped while paused (the settings dialog is open)."""
        self.reader.paused = paused

    def _state_changed(self, state: CameraState) -> None:
        if state is not CameraState.LOOKING:
            self.preview_changed.emit(QImage())  # no old picture under a new message
        self.state_changed.emit(state)

    def close(self) -> None:
        self.feed.stop()
        self.reader.close()
