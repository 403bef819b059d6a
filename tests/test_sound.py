"""SoundPlayer on a machine that may have no audio device: never an error, only silence."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtWidgets import QApplication

from voucherdesk.resources import resource_path
from voucherdesk.ui.common.sound import SOUND_NAMES, SoundPlayer


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_sound_files_are_plain_pcm(name: str) -> None:
    with wave.open(str(resource_path(f"sounds/{name}.wav"))) as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        assert wav.getframerate() == 44_100
        seconds = wav.getnframes() / wav.getframerate()
    assert 0.1 < seconds < 0.6  # short enough not to delay the next scan


def test_play_never_raises(qapp: QApplication) -> None:
    player = SoundPlayer()
    for name in SOUND_NAMES:
        started = player.play(name)
        # Without an output device nothing may start; with one, every sound starts.
        assert started is player.available
    player.deleteLater()


def test_disabled_player_is_silent(qapp: QApplication) -> None:
    player = SoundPlayer(enabled=False)
    assert player.play("success") is False
    player.set_enabled(True)
    assert player.play("success") is player.available
    player.deleteLater()


def test_no_audio_output_means_silence(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    player = SoundPlayer()
    assert not player.available
    assert player.play("error") is False
    player.deleteLater()


def test_without_qtmultimedia_is_silent(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    import voucherdesk.ui.common.sound as sound

    monkeypatch.setattr(sound, "_multimedia", lambda: None)
    player = SoundPlayer()
    assert not player.available
    assert player.play("warning") is False
    player.deleteLater()
