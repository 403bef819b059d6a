"""Key events as a scanner or a person sends them, with a key clock the test moves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


class FakeKeyClock:
    """Key time in ms, moved by the test before each key is sent."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self, event: QKeyEvent) -> float:
        return self.now


def key_for(ch: str) -> int:
    return ord(ch.upper()) if ch.isascii() else int(Qt.Key.Key_unknown)


def press(target: QObject, key: int, text: str = "") -> None:
    """Send a press and a release through QApplication, so application filters see them.

    Capitals come with a Shift press/release around them, as from a real keyboard or scanner.
    Sent to the focus widget by the test, like the window system would.
    """
    shifted = text.isupper()
    mods = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
    shift = int(Qt.Key.Key_Shift)
    if shifted:
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, shift, mods))
    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(etype, key, mods, text))
    if shifted:
        QApplication.sendEvent(
            target, QKeyEvent(QEvent.Type.KeyRelease, shift, Qt.KeyboardModifier.NoModifier)
        )


def type_text(target: QObject, clock: FakeKeyClock, text: str, gap_ms: float) -> None:
    """Each character `gap_ms` after the one before; the clock ends `gap_ms` after the last."""
    for ch in text:
        press(target, key_for(ch), ch)
        clock.now += gap_ms


def enter(target: QObject) -> None:
    press(target, int(Qt.Key.Key_Return), "\r")
