"""Scanner input anywhere in the app: an application-wide key filter that spots scanner bursts.

A wedge scanner is a keyboard that types very fast and usually ends with Enter. ScanCapture
sits on the QApplication and applies the rules of ``desk/key_timing.py``: printable keys are
held back while they could be the start of a burst, then either become `scanned(code)`
(nothing reaches the focused widget) or are replayed to the widget they were meant for (typing,
delayed by the learned hold). Password and PIN fields are left alone: their keys go straight to
the field and never into a scan. Every key press and click is also noted on a KeyTimeline, from
which the counter tells a deliberate Enter from the end of a burst.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit

from voucherdesk.desk.key_timing import CEILING_MS, GapLearner, KeyRun, KeyTimeline


class Terminator(StrEnum):
    """What the scanner sends after the code."""

    ENTER = "enter"
    TAB = "tab"
    NONE = "none"


@dataclass(frozen=True)
class ScannerSettings:
    """How this counter's scanner types (see the scanner check in settings)."""

    key_gap_ms: float | None = None  # the slowest gap learned from the scanners; None = not yet
    min_length: int = 4
    terminator: Terminator = Terminator.ENTER
    timeout_ms: int = 80  # silence that ends a code when the scanner sends no terminator


KeyClock = Callable[[QInputEvent], float]
"""Gives the time of an input event in ms; injectable so tests control timing."""


def event_time_ms(event: QInputEvent) -> float:
    """The event's own timestamp (true key timing), or now when it has none (synthetic events)."""
    stamp = event.timestamp()
    return float(stamp) if stamp else time.monotonic() * 1000.0


_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_POINTER_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CTRL, _ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
_COMMAND_MODIFIERS = _CTRL | _ALT | Qt.KeyboardModifier.MetaModifier
# Scanners press Shift for capitals (and AltGr for some symbols): those keys neither end a
# burst nor count as characters.
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
}  # fmt: skip
_SECRET_ECHO = (
    QLineEdit.EchoMode.Password,
    QLineEdit.EchoMode.NoEcho,
    QLineEdit.EchoMode.PasswordEchoOnEdit,
)
_SLACK_MS = 20  # timers run on wall time, keys on their own clock: a little room between them


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


def is_secret_field(widget: QObject) -> bool:
    """A password or PIN field: what is typed there must never become a scan (or be shown)."""
    return isinstance(widget, QLineEdit) and widget.echoMode() in _SECRET_ECHO


@dataclass
class _HeldKey:
    """A key press kept back while we wait to learn whether it belongs to a scan."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at_ms: float
    screen: int  # the screen it was typed on (see ScanCapture.screen_replaced)


class ScanCapture(QObject):
    """Application-wide event filter: emits `scanned(str)` for a scanner burst.

    Install with `app.installEventFilter(capture)`. Works whatever has focus, including open
    menus and dialogs (the scan flow decides what to close), except password and PIN fields.
    A burst is a scan when it ends with Enter (whatever terminator is set), with the set Tab,
    or with silence: in doubt, a burst is a scan. The emitted string is exactly what the
    scanner typed (prefix included); normalising is the code normaliser's job.
    `key_gap_learned(ms)` reports a newly learned scanner pace, for the settings.
    """

    scanned = Signal(str)
    key_gap_learned = Signal(float)

    def __init__(
        self,
        settings: ScannerSettings | None = None,
        *,
        clock: KeyClock = event_time_ms,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        """``clock`` times key events, ``monotonic`` the screens they act on (see KeyTimeline);
        tests give both their own clock."""
        super().__init__(parent)
        self._settings = settings or ScannerSettings()
        self._clock = clock
        self._learner = GapLearner(self._settings.key_gap_ms)
        self._timeline = KeyTimeline(monotonic)
        self._run = KeyRun()  # the printable keys in a row at scanner pace, held or not
        self._held: list[_HeldKey] = []  # the presses still kept back
        self._replay: list[tuple[QEvent.Type, _HeldKey]] = []  # presses + releases, in order
        self._swallow_release: set[int] = set()
        self._replaying = False
        self._screen = 0  # counts the screens replaced; a held key replays onto its own only
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)

    # -- configuration -------------------------------------------------------------------
    @property
    def settings(self) -> ScannerSettings:
        return self._settings

    def set_settings(self, settings: ScannerSettings) -> None:
        self._end_run()
        self._settings = settings
        if settings.key_gap_ms != self._learner.key_gap_ms:
            self._learner.calibrate(settings.key_gap_ms)  # set by hand or by the scanner check

    def set_enabled(self, enabled: bool) -> None:
        """Disabled = every key goes straight through (e.g. during the scanner check)."""
        if not enabled:
            self._end_run()
        self._enabled = enabled

    @property
    def key_gap_ms(self) -> float | None:
        """The slowest key gap learned from this counter's scanners (None: not learned yet)."""
        return self._learner.key_gap_ms

    @property
    def hold_ms(self) -> float:
        """How long a printable key is held back waiting for the next one."""
        return self._learner.hold_ms

    @property
    def timeline(self) -> KeyTimeline:
        """When the last printable key came, for the deliberate-Enter rule."""
        return self._timeline

    @property
    def pending(self) -> str:
        """Characters currently held back (for tests and diagnostics)."""
        return "".join(h.text for h in self._held)

    # -- event filter --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._replaying or not self._enabled:
            return False
        etype = event.type()
        if etype in _POINTER_EVENTS:
            if watched.isWidgetType():
                assert isinstance(event, QInputEvent)
                self._timeline.note_input(self._clock(event), printable=False)
            return False
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
            if self._claims(watched, event):
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

    def _is_terminator(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        key = event.key()
        # Enter ends a burst whatever is set: a scanner set to "no terminator" may still send
        # it, and it must never reach the window as a confirm. Some send a line feed instead.
        if key in _ENTER_KEYS or event.text() == "\n":
            return True
        return self._settings.terminator == Terminator.TAB and key == Qt.Key.Key_Tab

    def _ends_scan(self, event: QKeyEvent, now: float) -> bool:
        """A terminator after a run of keys at scanner pace that is long enough: right after
        it, or late but while the run is still held waiting for its end (a slow suffix)."""
        if not self._is_terminator(event):
            return False
        min_length = self._settings.min_length
        pending = bool(self._held) and self._run.is_scan(min_length)
        return pending or self._run.ended_by(now, min_length)

    def _claims(self, watched: QObject, event: QKeyEvent) -> bool:
        if is_secret_field(watched):
            return False
        return self._ends_scan(event, self._clock(event)) or _is_char(event)

    def _on_press(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return bool(self._held)  # inside a burst: hold back, it must not reach the widget
        now = self._clock(event)
        char = _is_char(event)
        if is_secret_field(watched):
            # The field gets its keys untouched; a password manager's fast typing is no scan.
            self._timeline.note_input(now, printable=char)
            self._end_run()
            return False
        if self._ends_scan(event, now):
            self._timeline.note_input(now, printable=False)
            # A late suffix says nothing about the scanner's key pace: not learned from.
            self._emit_scan(end_ms=now if self._run.continues(now) else None)
            self._swallow_release.add(key)
            return True
        self._timeline.note_input(now, printable=char, repeat=event.isAutoRepeat(), key=key)
        if not char:
            self._end_run()  # typed text first, then this key (Enter, Tab, arrows) passes on
            return False
        if not self._run.continues(now):
            self.flush()  # too slow for a scanner: what we held was typing
        self._run.add(event.text(), now)
        held = _HeldKey(watched, key, event.modifiers(), event.text(), now, self._screen)
        self._held.append(held)
        self._replay.append((QEvent.Type.KeyPress, held))
        self._swallow_release.add(key)
        self._timer.start(self._wait_ms())
        return True

    def _wait_ms(self) -> int:
        """Until when the held keys wait: a scan-long run waits for its end, typing briefly."""
        settings = self._settings
        if self._run.is_scan(settings.min_length):
            silence = CEILING_MS + _SLACK_MS
            if settings.terminator == Terminator.NONE:
                silence = max(silence, settings.timeout_ms)
            return round(silence)
        return round(self._learner.hold_ms + _SLACK_MS)

    def _on_timer(self) -> None:
        if self._run.is_scan(self._settings.min_length):
            self._emit_scan(end_ms=None)  # no terminator came: in doubt, a burst is a scan
        else:
            self.flush()  # typing; the run may still go on if the next key comes in time

    def _emit_scan(self, *, end_ms: float | None) -> None:
        self._timer.stop()
        code = self._run.text
        key_gaps = self._run.key_gaps(end_ms)
        self._run.clear()
        self._held.clear()
        self._replay.clear()
        if self._learner.note_scan(key_gaps):
            learned = self._learner.key_gap_ms
            if learned is not None:
                self.key_gap_learned.emit(learned)
        self.scanned.emit(code)

    def _end_run(self) -> None:
        self.flush()
        self._run.clear()

    def screen_replaced(self) -> None:
        """The window now shows another customer (a new scan, back to scanning). Keys held
        back meanwhile were meant for the screen that went: they are dropped, never replayed
        onto the same widgets holding the next customer's booking. A burst still being
        read is not touched: its text is kept apart from the keys held for a replay."""
        self._screen += 1

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
                if key.screen != self._screen or not shiboken6.isValid(key.receiver):
                    # Meant for a screen that is gone (its release stays swallowed), or for a
                    # widget that is: the key goes with it.
                    continue
                if etype == QEvent.Type.KeyPress and id(key) not in released:
                    # Its release is still to come from the keyboard: let that one through.
                    self._swallow_release.discard(key.key)
                event = QKeyEvent(etype, key.key, key.modifiers, key.text)
                QCoreApplication.sendEvent(key.receiver, event)
        finally:
            self._replaying = False
