"""Generate the feedback sounds (resources/sounds/*.wav) with the standard library only.

16-bit PCM mono at 44.1 kHz with a plain header: the format QSoundEffect reads on every Qt
version we support. Three sounds a clerk can tell apart without looking: a rising two-tone
chime (done), two equal mid beeps (attention) and a low falling buzz (refused / error).
Run: python packaging/make_sounds.py   (output is deterministic, so re-running changes nothing)
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"

# Each sound: (frequency Hz, duration s, waveform) notes; 0 Hz = silence.
SOUNDS: dict[str, list[tuple[float, float, str]]] = {
    "success": [(1046.5, 0.09, "sine"), (1568.0, 0.16, "sine")],
    "warning": [(784.0, 0.12, "sine"), (0.0, 0.07, "sine"), (784.0, 0.12, "sine")],
    "error": [(330.0, 0.16, "square"), (220.0, 0.26, "square")],
}


def _note(freq: float, seconds: float, shape: str, volume: float = 0.45) -> list[float]:
    n = int(RATE * seconds)
    fade = min(int(RATE * 0.008), n // 2)  # short ramps so no note starts or ends with a click
    samples = []
    for i in range(n):
        if freq == 0.0:
            samples.append(0.0)
            continue
        phase = math.sin(2 * math.pi * freq * i / RATE)
        value = phase if shape == "sine" else (0.6 if phase >= 0 else -0.6)
        envelope = min(1.0, i / fade if fade else 1.0, (n - 1 - i) / fade if fade else 1.0)
        samples.append(value * envelope * volume)
    return samples


def write_sound(path: Path, notes: list[tuple[float, float, str]]) -> None:
    samples = [s for freq, secs, shape in notes for s in _note(freq, secs, shape)]
    frames = b"".join(struct.pack("<h", round(s * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        write_sound(OUT / f"{name}.wav", notes)
        print(f"wrote {OUT / name}.wav")


if __name__ == "__main__":
    main()
