"""Remember the main window's size, position and dock/toolbar layout between runs.

Both Qt blobs go into the one settings field ``Settings.window_geometry`` as
``"v1:<base64 geometry>:<base64 state>"``. Anything unreadable there is ignored (the window
opens at its default size) rather than failing the start.
"""

from __future__ import annotations

import binascii
from base64 import b64decode, b64encode
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QWidget

if TYPE_CHECKING:
    from voucherdesk.settings import Settings

_VERSION = "v1"


def encode_window_state(window: QWidget) -> str:
    geometry = bytes(window.saveGeometry().data())
    state = bytes(window.saveState().data()) if isinstance(window, QMainWindow) else b""
    return ":".join((_VERSION, b64encode(geometry).decode(), b64encode(state).decode()))


def decode_window_state(text: str | None) -> tuple[bytes, bytes] | None:
    """(geometry, state) from the settings field, or None when it is missing or damaged."""
    if not text:
        return None
    parts = text.split(":")
    if len(parts) != 3 or parts[0] != _VERSION:
        return None
    try:
        return b64decode(parts[1], validate=True), b64decode(parts[2], validate=True)
    except (binascii.Error, ValueError):
        return None


def save_window_state(window: QWidget, settings: Settings) -> None:
    """Put the window's state into ``settings`` (the caller saves the settings file)."""
    settings.window_geometry = encode_window_state(window)


class Remembered(Protocol):
    """Settings that keep the window's state (the full ones, or the first screen's)."""

    @property
    def window_geometry(self) -> str | None: ...


def restore_window_state(window: QWidget, settings: Remembered) -> bool:
    """Apply the remembered state; False (and the window untouched) when there is none."""
    decoded = decode_window_state(settings.window_geometry)
    if decoded is None:
        return False
    geometry, state = decoded
    restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
    if state and isinstance(window, QMainWindow):
        window.restoreState(QByteArray(state))
    return restored
