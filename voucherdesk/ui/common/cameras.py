"""The computer's cameras as the settings name them (shared by the camera part and settings)."""

from __future__ import annotations

from PySide6.QtMultimedia import QCameraDevice, QMediaDevices


def device_key(device: QCameraDevice) -> str:
    """A device's id as the settings keep it (hex of Qt's id bytes)."""
    return bytes(device.id().toHex().data()).decode("ascii")


def cameras() -> list[QCameraDevice]:
    return list(QMediaDevices.videoInputs())
