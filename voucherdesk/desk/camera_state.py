"""What the camera is doing, apart from the frame reading (desk/camera_reads.py): the window
shows it from the start, and the reading is loaded only once a camera is switched on."""

from __future__ import annotations

from enum import StrEnum


class CameraState(StrEnum):
    """What the camera is doing, as facts for the words (ui/wording/camera.py)."""

    OFF = "off"
    STARTING = "starting"
    LOOKING = "looking"  # frames arrive and are read
    NO_CAMERA = "no_camera"  # the computer has no camera (or it was unplugged)
    DENIED = "denied"  # the operating system does not let the app use the camera
    FAILED = "failed"  # the camera reported an error (in use by another app, ...)
