"""Short feedback sounds (done / attention / refused) that never get in the way.

No audio output, no QtMultimedia (missing libpulse on Linux), or a broken sound file all mean
the same thing: silence, no error. The result screen's colour, icon and words carry the
message anyway; sound is an extra for a clerk who is looking at the customer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, QUrl

from voucherdesk.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

SoundName = Literal["success", "warning", "error"]
SOUND_NAMES: tuple[SoundName, ...] = ("success", "warning", "error")


def _multimedia() -> Any:
    """The QtMultimedia module, or None where it cannot load (e.g. no libpulse0)."""
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:
        log.info("sound off: QtMultimedia unavailable (%s)", exc)
        return None
    return QtMultimedia


class SoundPlayer(QObject):
    """Plays the three feedback sounds; `enabled=False` (or no audio device) = silent."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        volume: float = 0.8,
        parent: QObject | None = None,
        load_now: bool = True,
    ) -> None:
        """``load_now=False`` leaves QtMultimedia (a large library with an audio backend that
        takes a while to start) for :meth:`load`: the window calls it after its first paint."""
        super().__init__(parent)
        self._enabled = enabled
        self._volume = volume
        self._effects: dict[SoundName, QSoundEffect] = {}
        self._mm: Any = None
        self._devices: Any = None
        self._loaded = False
        if load_now:
            self.load()

    def load(self) -> None:
        """Load the sound backend and the sounds (once; later calls do nothing)."""
        if self._loaded:
            return
        self._loaded = True
        self._mm = _multimedia()
        if self._mm is not None:
            # Rebuild on device changes (a headset plugged in at the counter).
            self._devices = self._mm.QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._load)
        self._load()

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled

    @property
    def available(self) -> bool:
        """True when there is an audio output to play on."""
        self.load()
        return bool(self._effects)

    def _load(self) -> None:
        """Create (or re-create) one preloaded effect per sound, or none without an output."""
        for effect in self._effects.values():
            effect.stop()
            effect.deleteLater()
        self._effects = {}
        mm = self._mm
        if mm is None or not mm.QMediaDevices.audioOutputs():
            log.info("sound off: no audio output device")
            return
        for name in SOUND_NAMES:
            try:
                path = resource_path(f"sounds/{name}.wav")
            except FileNotFoundError as exc:
                log.warning("sound %s missing: %s", name, exc)
                continue
            effect = mm.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))  # a bare path would not decode
            effect.setVolume(self._volume)
            self._effects[name] = effect

    def play(self, name: SoundName) -> bool:
        """Start a sound; returns whether one was started (False = silent, never raises)."""
        if not self._enabled:
            return False
        self.load()  # normally done already, after the window's first paint
        effect = self._effects.get(name)
        if effect is None:
            return False
        if effect.status() == effect.Status.Error:
            return False
        effect.play()
        return True
