"""The computer's cameras as the settings name them (shared by the camera part and settings).

QtMultimedia is imported on use: listing cameras is the first thing that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCameraDevice


def device_key(device: QCameraDevice) -> str:
    """A device's id as the settings keep it (hex of Qt's id bytes)."""
    return bytes(device.id().toHex().data()).decode("ascii")


def cameras() -> list[QCameraDevice]:
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


def camera_choices() -> list[tuple[str, str]]:
    """(name, key) of each camera; none where QtMultimedia cannot load."""
    try:
        found = cameras()
    except ImportError:
        return []
    return [(device.description(), device_key(device)) for device in found]
