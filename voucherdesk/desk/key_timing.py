"""Key timing at the counter: what a scanner burst is, what is learned, what a deliberate key is.

Qt-free and fed with (text, ms) facts, so the rules are tested without a display. All times are
in ms on the key events' own clock (the window system's timestamps), which a busy GUI thread
cannot distort.

- A *scan* is a run of printable keys, each at most ``CEILING_MS`` after the one before, at
  least ``min_length`` long, ended by a terminator key or by silence. The ceiling is the same
  for every scanner: key events carry no device identity, so a limit tightened to one
  scanner's pace would take a second, slower scanner's burst for typing - and a scan taken for
  typing can book the wrong voucher, while typing taken for a scan costs a re-scan.
- What is *learned* is the slowest key gap this counter's scanners really show (scanner check,
  accepted scans). It sets how long a key is held back before it is given to the focused
  widget as typing: long enough that a known scanner's burst never reaches a widget, no
  longer than needed so typing is not delayed.
- A *deliberate* key (the Enter that confirms a booking) comes after ``DELIBERATE_MS`` of quiet:
  no printable key just before it, so it is neither the end of a burst nor a typo's reflex.
  It is not a key held down (the keyboard's auto-repeat), and it is not given within
  ``DELIBERATE_MS`` of the screen it confirms appearing: a key pressed for the screen before
  (a camera scan replaced it, a result came up under a double tap) is not a decision about
  this one. The screen's age is measured when the key is handed to the window, on the
  process's own monotonic clock (window-system timestamps have no common origin with it).
"""

from __future__ import annotations

import itertools
import math
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

CEILING_MS = 60.0
"""The slowest key gap that can still be a scanner's (hand typing runs 100 ms and slower)."""

DELIBERATE_MS = 250.0
"""Quiet needed between the last printable key and a key that confirms a booking."""

HOLD_FLOOR_MS = 30.0
"""The shortest hold: fast scanners still jitter (USB polling adds 8-16 ms gaps)."""

LEARN_AFTER = 5  # accepted scans before their pace replaces "not learned yet"
LEARN_WINDOW = 20  # a slower scanner not seen in this many scans no longer sets the pace


def hold_ms(key_gap_ms: float | None) -> float:
    """How long a printable key waits for the next one before it counts as typing.

    Twice the learned gap (jitter), at least HOLD_FLOOR_MS, at most the ceiling; the ceiling
    while nothing is learned, so an unknown scanner is held back in full.
    """
    if key_gap_ms is None:
        return CEILING_MS
    return min(CEILING_MS, max(HOLD_FLOOR_MS, 2.0 * key_gap_ms))


def deliberate(quiet_ms: float) -> bool:
    """True when a key came at least DELIBERATE_MS after the last printable key."""
    return quiet_ms >= DELIBERATE_MS


def gaps(times: Sequence[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


class GapLearner:
    """The slowest key gap of this counter's scanners, from the scanner check and from scans.

    A slower scan raises the gap at once (a second scanner appeared); a lower gap is taken
    only once LEARN_WINDOW scans have all been faster, so an occasional slow scanner stays
    covered. ``None`` = not learned yet (LEARN_AFTER scans are needed for a first value).
    """

    def __init__(self, key_gap_ms: float | None = None) -> None:
        self._gap = _capped(key_gap_ms)
        self._recent: deque[float] = deque(maxlen=LEARN_WINDOW)

    @property
    def key_gap_ms(self) -> float | None:
        return self._gap

    @property
    def hold_ms(self) -> float:
        return hold_ms(self._gap)

    def calibrate(self, slowest_gap_ms: float | None) -> None:
        """The scanner check measured this scanner (or the gap was set by hand): take it as it
        is, and start learning afresh from the scans that follow."""
        self._gap = _capped(slowest_gap_ms)
        self._recent.clear()

    def note_scan(self, key_gaps: Sequence[float]) -> bool:
        """An accepted scan's key gaps; True when the learned gap changed."""
        if not key_gaps:
            return False
        slowest = min(max(key_gaps), CEILING_MS)
        self._recent.append(slowest)
        before = self._gap
        if before is None:
            if len(self._recent) >= LEARN_AFTER:
                self._gap = max(self._recent)
        elif slowest > before:
            self._gap = slowest
        elif len(self._recent) == LEARN_WINDOW:
            self._gap = max(self._recent)
        return self._gap != before


def _capped(gap: float | None) -> float | None:
    if gap is None or not math.isfinite(gap) or gap <= 0:
        return None
    return min(float(gap), CEILING_MS)


class Haste(StrEnum):
    """Why the latest input was not a deliberate decision."""

    AFTER_KEY = "after_key"  # a printable key came just before it (a burst's end, typing)
    HELD = "held"  # the keyboard repeats a key held down since an earlier screen
    AFTER_SCREEN = "after_screen"  # the screen it acts on appeared a moment before


@dataclass(frozen=True)
class _FirstPress:
    at_s: float  # on the monotonic clock
    quiet_ms: float
    haste: Haste | None


class KeyTimeline:
    """How deliberate the latest input event was: its quiet after the last printable key, and
    the age of the screen it acts on when it was handed to the window.

    Fed by the scan capture with every key press and mouse button (its event time), whichever
    widget gets it; told by the counter when a screen that books or confirms appears; read
    when a booking is to be confirmed. ``quiet_ms`` is the shorter of the two spans (0 for an
    auto-repeated key); infinite when neither a printable key nor such a screen came yet.
    ``monotonic`` gives seconds (injectable so tests move screen time with key time).
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._last_printable: float | None = None
        self._screen_at: float | None = None
        self._quiet = math.inf
        self._haste: Haste | None = None
        self._first_press: dict[int, _FirstPress] = {}  # by key: the press a repeat goes on

    def note_input(
        self, at_ms: float, *, printable: bool, repeat: bool = False, key: int = 0
    ) -> None:
        """``key``: the key's code, for presses (a repeat is judged by its first press)."""
        now = self._monotonic()
        if repeat:
            self._quiet, self._haste = self._repeated(key)
        else:
            last, shown = self._last_printable, self._screen_at
            after_key = math.inf if last is None else max(0.0, at_ms - last)
            after_screen = math.inf if shown is None else max(0.0, (now - shown) * 1000.0)
            self._quiet = min(after_key, after_screen)
            self._haste = (
                Haste.AFTER_KEY
                if after_key < DELIBERATE_MS
                else Haste.AFTER_SCREEN
                if after_screen < DELIBERATE_MS
                else None
            )
            self._first_press[key] = _FirstPress(now, self._quiet, self._haste)
        if printable:
            self._last_printable = at_ms

    def _repeated(self, key: int) -> tuple[float, Haste | None]:
        """A key held down: it stands for its first press while the screen that press was
        given on is still up (a Space held a moment long on Confirm); else it is held over
        from an earlier screen and decides nothing."""
        first = self._first_press.get(key)
        if first is None or (self._screen_at is not None and first.at_s <= self._screen_at):
            return 0.0, Haste.HELD
        return first.quiet_ms, first.haste

    def screen_shown(self) -> None:
        """A screen that books or confirms has just appeared (a booking, a top-up to
        collect): input handed to the window within DELIBERATE_MS is not meant for it."""
        self._screen_at = self._monotonic()

    @property
    def quiet_ms(self) -> float:
        return self._quiet

    @property
    def haste(self) -> Haste | None:
        """Why the latest input was not deliberate; None when it was."""
        return self._haste


@dataclass(frozen=True)
class RunKey:
    text: str
    at_ms: float


class KeyRun:
    """Printable keys in a row, each at most CEILING_MS after the one before (scanner pace)."""

    def __init__(self) -> None:
        self._keys: list[RunKey] = []

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def text(self) -> str:
        return "".join(k.text for k in self._keys)

    @property
    def last_ms(self) -> float | None:
        return self._keys[-1].at_ms if self._keys else None

    def continues(self, at_ms: float) -> bool:
        """Whether a key at `at_ms` is close enough to the last one to belong to this run."""
        last = self.last_ms
        return last is not None and at_ms - last <= CEILING_MS

    def add(self, text: str, at_ms: float) -> bool:
        """Add a key; a key too late for the run starts a new one. True when it continued."""
        continued = self.continues(at_ms)
        if not continued:
            self._keys.clear()
        self._keys.append(RunKey(text, at_ms))
        return continued

    def is_scan(self, min_length: int) -> bool:
        return len(self._keys) >= max(1, min_length)

    def ended_by(self, at_ms: float, min_length: int) -> bool:
        """A terminator key at `at_ms` ends this run as a scan."""
        return self.is_scan(min_length) and self.continues(at_ms)

    def key_gaps(self, end_ms: float | None = None) -> list[float]:
        """The gaps between the run's keys, and to the terminator when there was one."""
        times = [k.at_ms for k in self._keys]
        if end_ms is not None:
            times.append(end_ms)
        return gaps(times)

    def clear(self) -> None:
        self._keys.clear()
