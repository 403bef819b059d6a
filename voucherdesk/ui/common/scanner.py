"""Scanner input anywhere in the app: an application-wide key filter that spots scanner bursts.

A wedge scanner is a keyboard that types very fast and usually ends with Enter. ScanCapture
sits on the QApplication, holds back printable keys while they could still be the start of a
burst, and then either emits `scanned(code)` (nothing reaches the focused widget) or replays
the held keys to the widget they were meant for (slow human typing, delayed by a few ms).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent


class Terminator(StrEnum):
    """What the scanner sends after the code."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"


@dataclass(frozen=True)
class ScannerSettings:
    """Timing rules that tell a scanner burst from typing (see the scanner check in settings)."""

    max_key_interval_ms: int = 35
    min_length: int = 4
    terminator: Terminator = Terminator.ENTER
    timeout_ms: int = 80  # silence that ends a burst when the scanner sends no terminator


KeyClock = Callable[[QKeyEvent], float]
"""Gives the time of a key event in ms; injectable so tests control timing."""


def event_time_ms(event: QKeyEvent) -> float:
    """The event's own timestamp (true key timing), or now when it has none (synthetic events)."""
    stamp = event.timestamp()
    return float(stamp) if stamp else time.monotonic() * 1000.0


_TERMINATOR_KEYS = {
    Terminator.ENTER: (Qt.Key.Key_Return, Qt.Key.Key_Enter),
    Terminator.TAB: (Qt.Key.Key_Tab,),
    Terminator.NONE: (),
}
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_CTRL, _ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
_COMMAND_MODIFIERS = _CTRL | _ALT | Qt.KeyboardModifier.MetaModifier
# Scanners press Shift for capitals (and AltGr for some symbols): those keys neither end a
# burst nor count as characters.
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
}  # fmt: skip


def _is_char(event: QKeyEvent) -> bool:
    """A printable character as a scanner types it (Shift allowed; Ctrl/Alt/Meta = a command).

    Ctrl+Alt together is AltGr on Windows (e.g. `@` on German keyboards): still a character.
    """
    text = event.text()
    if len(text) != 1 or not text.isprintable() or event.isAutoRepeat():
        return False
    mods = event.modifiers()
    altgr = bool(mods & _CTRL) and bool(mods & _ALT)
    return altgr or not (mods & _COMMAND_MODIFIERS)


@dataclass
class _HeldKey:
    """A key press kept back while we wait to learn whether it belongs to a scan."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at_ms: float


class ScanCapture(QObject):
    """Application-wide event filter: emits `scanned(str)` for a scanner burst.

    Install with `app.installEventFilter(capture)`. Works whatever has focus, including open
    menus and dialogs (the scan flow decides what to close). The emitted string is exactly what
    the scanner typed (prefix included); normalising is the code normaliser's job.
    """

    scanned = Signal(str)

    def __init__(
        self,
        settings: ScannerSettings | None = None,
        *,
        clock: KeyClock = event_time_ms,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings or ScannerSettings()
        self._clock = clock
        self._held: list[_HeldKey] = []  # the presses of a possible burst
        self._replay: list[tuple[QEvent.Type, _HeldKey]] = []  # presses + releases, in order
        self._swallow_release: set[int] = set()
        self._replaying = False
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_silence)

    # -- configuration -------------------------------------------------------------------
    @property
    def settings(self) -> ScannerSettings:
        return self._settings

    def set_settings(self, settings: ScannerSettings) -> None:
        self.flush()
        self._settings = settings

    def set_enabled(self, enabled: bool) -> None:
        """Disabled = every key goes straight through (e.g. during the scanner check)."""
        if not enabled:
            self.flush()
        self._enabled = enabled

    @property
    def pending(self) -> str:
        """Characters currently held back (for tests and diagnostics)."""
        return "".join(h.text for h in self._held)

    # -- event filter --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._replaying or not self._enabled:
            return False
        etype = event.type()
        if etype not in _KEY_EVENTS:
            return False
        # Key events reach the filter once for the QWindow and again for the widget; act on
        # the widget delivery only, so each key is seen once and replays go to a widget.
        if not watched.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        if etype == QEvent.Type.ShortcutOverride:
            # Qt offers every key to the shortcut system before it becomes a KeyPress. Claim
            # scan characters and a scan's terminator, so a shortcut on a letter or on Enter
            # ("Enter confirms") cannot fire in the middle of a scan.
            if self._claims(event):
                event.accept()
                return True
            return False
        if etype == QEvent.Type.KeyRelease:
            return self._on_release(event)
        return self._on_press(watched, event)

    def _on_release(self, event: QKeyEvent) -> bool:
        key = event.key()
        if event.isAutoRepeat() or key not in self._swallow_release:
            return False
        self._swallow_release.discard(key)
        held = next((h for h in reversed(self._held) if h.key == key), None)
        if held is not None:
            # Keep it: if this was typing, a button needs its release too (Space = click).
            self._replay.append((QEvent.Type.KeyRelease, held))
        return True

    def _ends_scan(self, event: QKeyEvent) -> bool:
        """A terminator right after a fast burst of at least min_length characters."""
        if not self._held or not self._is_terminator(event):
            return False
        settings = self._settings
        gap = self._clock(event) - self._held[-1].at_ms
        return gap <= settings.max_key_interval_ms and len(self._held) >= settings.min_length

    def _claims(self, event: QKeyEvent) -> bool:
        return self._ends_scan(event) or _is_char(event)

    def _on_press(self, watched: QObject, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return bool(self._held)  # inside a burst: hold back, it must not reach the widget
        settings = self._settings
        now = self._clock(event)
        gap_ok = bool(self._held) and now - self._held[-1].at_ms <= settings.max_key_interval_ms

        if self._is_terminator(event):
            if self._ends_scan(event):
                self._emit_scan()
                self._swallow_release.add(event.key())
                return True
            self.flush()  # typed text first, then the Enter/Tab itself passes on
            return False

        if not _is_char(event):
            self.flush()
            return False
        if self._held and not gap_ok:
            self.flush()  # too slow: what we held was typing; this key may start a burst
        held = _HeldKey(watched, event.key(), event.modifiers(), event.text(), now)
        self._held.append(held)
        self._replay.append((QEvent.Type.KeyPress, held))
        self._swallow_release.add(event.key())
        self._timer.start(self._silence_ms())
        return True

    def _is_terminator(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        if event.key() in _TERMINATOR_KEYS[self._settings.terminator]:
            return True
        # Some scanners end with a line feed (Ctrl+J / LF) instead of Return.
        return self._settings.terminator == Terminator.ENTER and event.text() == "\n"

    def _silence_ms(self) -> int:
        settings = self._settings
        if settings.terminator == Terminator.NONE:
            return settings.timeout_ms
        # A little slack over the key interval: the timer runs on wall time, not key time.
        return settings.max_key_interval_ms + 15

    def _on_silence(self) -> None:
        settings = self._settings
        if settings.terminator == Terminator.NONE and len(self._held) >= settings.min_length:
            self._emit_scan()
        else:
            self.flush()

    def _emit_scan(self) -> None:
        self._timer.stop()
        code = self.pending
        self._held.clear()
        self._replay.clear()
        self.scanned.emit(code)

    def flush(self) -> None:
        """Give held keys back to their widgets as ordinary typing, in order."""
        self._timer.stop()
        replay, self._replay, self._held = self._replay, [], []
        if not replay:
            return
        released = {id(k) for etype, k in replay if etype == QEvent.Type.KeyRelease}
        self._replaying = True
        try:
            for etype, key in replay:
                if not shiboken6.isValid(key.receiver):
                    continue  # the widget went away meanwhile; its keys go with it
                if etype == QEvent.Type.KeyPress and id(key) not in released:
                    # Its release is still to come from the keyboard: let that one through.
                    self._swallow_release.discard(key.key)
                event = QKeyEvent(etype, key.key, key.modifiers, key.text)
                QCoreApplication.sendEvent(key.receiver, event)
        finally:
            self._replaying = False
