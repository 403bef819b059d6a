"""The camera itself: permission, device choice, QCamera and capture session, and its state.

``CameraFeed`` draws the chosen camera into a video sink (the reader's) and says what is going
on as a ``CameraState``: no camera, not allowed, starting, looking, failed. A camera plugged in
while the feed waits for one is taken; one unplugged while in use ends as "no camera".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QByteArray,
    QCameraPermission,
    QCoreApplication,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoSink,
)

from voucherdesk.desk.camera_state import CameraState
from voucherdesk.ui.common.cameras import cameras, device_key

log = logging.getLogger(__name__)

# Enough pixels for a voucher's QR held at arm's length, few enough to decode quickly.
WANTED_WIDTH, WANTED_HEIGHT = 1280, 720
MIN_FPS = 10.0
# A camera that has not delivered "active" by then is taken as failed (a stuck driver, a device
# that vanished between listing and opening), instead of "starting…" for ever.
START_TIMEOUT_MS = 10_000


def choose_device(key: str) -> QCameraDevice | None:
    """The camera with settings key ``key``, else the system's default, else None."""
    found = cameras()
    if not found:
        return None
    for device in found:
        if key and device_key(device) == key:
            return device
    default = QMediaDevices.defaultVideoInput()
    return default if not default.isNull() else found[0]


def choose_format(device: QCameraDevice) -> QCameraFormat | None:
    """The format nearest 720p at a usable frame rate (a 4K stream would only cost time)."""
    formats = [f for f in device.videoFormats() if f.maxFrameRate() >= MIN_FPS]
    if not formats:
        return None

    def distance(fmt: QCameraFormat) -> tuple[int, float]:
        size = fmt.resolution()
        return (
            abs(size.width() * size.height() - WANTED_WIDTH * WANTED_HEIGHT),
            -fmt.maxFrameRate(),
        )

    return min(formats, key=distance)


class CameraFeed(QObject):
    """Starts and stops the camera; ``state_changed(CameraState)`` tells how it goes."""

    state_changed = Signal(object)  # CameraState

    def __init__(self, sink: QVideoSink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink = sink
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._wanted = False
        self._device_key = ""
        self.state = CameraState.OFF
        self.device_name = ""
        self.problem = ""  # the camera's own words for a failure (English, for the log)
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)
        self.start_timeout_ms = START_TIMEOUT_MS
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._start_timed_out)

    # -- control ---------------------------------------------------------------------------

    def start(self, device_key: str = "") -> None:
        self._wanted = True
        self._device_key = device_key
        self._release()
        if not cameras():
            self.device_name = ""
            self._set_state(CameraState.NO_CAMERA)  # nothing to ask the system permission for
            return
        app = QCoreApplication.instance()
        if app is not None:
            permission = QCameraPermission()
            status = app.checkPermission(permission)
            if status == Qt.PermissionStatus.Undetermined:
                self._set_state(CameraState.STARTING)
                app.requestPermission(permission, self, self._permission_answered)
                return
            if status == Qt.PermissionStatus.Denied:
                self._set_state(CameraState.DENIED)
                return
        self._open()

    def stop(self) -> None:
        self._wanted = False
        self._release()
        self.device_name = ""
        self._set_state(CameraState.OFF)

    # -- internals -------------------------------------------------------------------------

    def _permission_answered(self, permission: QCameraPermission) -> None:
        if not self._wanted:
            return
        app = QCoreApplication.instance()
        if app is not None and app.checkPermission(permission) == Qt.PermissionStatus.Granted:
            self._open()
        else:
            self._set_state(CameraState.DENIED)

    def _open(self) -> None:
        device = choose_device(self._device_key)
        if device is None:
            self.device_name = ""
            self._set_state(CameraState.NO_CAMERA)
            return
        camera = QCamera(device, self)
        chosen = choose_format(device)
        if chosen is not None:
            camera.setCameraFormat(chosen)
        session = QMediaCaptureSession(self)
        session.setCamera(camera)
        session.setVideoSink(self._sink)
        camera.errorOccurred.connect(self._camera_error)
        camera.activeChanged.connect(self._active_changed)
        self._camera, self._session = camera, session
        self.device_name = device.description()
        self._set_state(CameraState.STARTING)
        self._start_timer.start(self.start_timeout_ms)
        camera.start()

    def _release(self) -> None:
        self._start_timer.stop()
        camera, session = self._camera, self._session
        self._camera = self._session = None
        if camera is not None:
            camera.errorOccurred.disconnect(self._camera_error)
            camera.activeChanged.disconnect(self._active_changed)
            camera.stop()
        if session is not None:
            session.setVideoSink(None)  # type: ignore[arg-type]  # Qt takes nullptr here
            session.setCamera(None)  # type: ignore[arg-type]
            session.deleteLater()
        if camera is not None:
            camera.deleteLater()

    def _camera_error(self, error: QCamera.Error, text: str) -> None:
        if error == QCamera.Error.NoError:
            return
        self.problem = text
        log.warning("camera %s failed: %s", self.device_name or "?", text)
        self._release()
        self._set_state(CameraState.FAILED)

    def _start_timed_out(self) -> None:
        if self.state is CameraState.STARTING and self._camera is not None:
            self._camera_error(QCamera.Error.CameraError, "the camera did not start")

    def _active_changed(self, active: bool) -> None:
        if active:
            self._start_timer.stop()
            self._set_state(CameraState.LOOKING)
        elif self._wanted and self.state is CameraState.LOOKING:
            self._set_state(CameraState.FAILED)

    def _inputs_changed(self) -> None:
        if not self._wanted:
            return
        if self.state in (CameraState.NO_CAMERA, CameraState.FAILED) and cameras():
            self._open()  # a camera was plugged in while we waited for one
            return
        camera = self._camera
        if camera is not None:
            ids = {bytes(d.id().data()) for d in cameras()}
            if bytes(QByteArray(camera.cameraDevice().id()).data()) not in ids:
                self._release()
                self.device_name = ""
                self._set_state(CameraState.NO_CAMERA)

    def _set_state(self, state: CameraState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)
