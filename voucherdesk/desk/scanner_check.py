"""The scanner check: scan a known test code once and learn how this scanner behaves.

From the keys the scanner typed (text + time in ms) we tell the suffix it sends, how fast it
types (to set the burst timing), and whether the keyboard country of the scanner and the
computer disagree (a US-set scanner on a German QWERTZ desk swaps Y/Z and types `ß` for `-`).
Qt-free: the UI records key events and hands them over as (text, ms) pairs.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from voucherdesk.desk.key_timing import CEILING_MS


class Suffix(StrEnum):
    ENTER = "enter"
    TAB = "tab"
    NONE = "none"


class LayoutIssue(StrEnum):
    QWERTZ_Y_Z = "qwertz_y_z"  # y and z swapped
    DASH_TO_SZ = "dash_to_sz"  # `-` arrives as `ß`
    UMLAUTS = "umlauts"  # [ ; ' arrive as ü ö ä
    OTHER_SYMBOLS = "other_symbols"  # other US-vs-German punctuation moves
    CAPS_LOCK = "caps_lock"  # letter case inverted
    UNEXPLAINED = "unexplained"  # differs in a way we cannot name


@dataclass(frozen=True)
class KeyStroke:
    """One key as typed: its text (Enter = "\\r", Tab = "\\t") and when, in ms."""

    text: str
    at_ms: float


@dataclass(frozen=True, kw_only=True)
class ScannerCheck:
    received: str  # the characters before the suffix
    suffix: Suffix
    prefix: str  # extra characters in front of the expected code
    median_gap_ms: float | None
    max_gap_ms: float | None
    key_gap_ms: float | None  # the slowest gap to learn, capped at the scanner ceiling
    issues: tuple[LayoutIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def looks_typed(self) -> bool:
        """The keys came too slowly for a scanner: typed by hand, or a scanner set to delay."""
        return self.median_gap_ms is not None and self.median_gap_ms > _SLOW_MS


# What a scanner set to "US keyboard" produces on a computer set to German (QWERTZ).
_US_TO_DE: dict[str, str] = {
    "y": "z", "z": "y", "Y": "Z", "Z": "Y",
    "-": "ß", "_": "?", "[": "ü", "{": "Ü", ";": "ö", ":": "Ö", "'": "ä", '"': "Ä",
    "/": "-", "?": "_", "]": "+", "}": "*", "\\": "#", "=": "´", "+": "`",
    "@": '"', "#": "§", "^": "&", "&": "/", "*": "(", "(": ")", ")": "=",
    "<": ";", ">": ":",
}  # fmt: skip
_ISSUE_FOR_CHAR: dict[str, LayoutIssue] = {
    "y": LayoutIssue.QWERTZ_Y_Z, "z": LayoutIssue.QWERTZ_Y_Z,
    "Y": LayoutIssue.QWERTZ_Y_Z, "Z": LayoutIssue.QWERTZ_Y_Z,
    "-": LayoutIssue.DASH_TO_SZ,
    "[": LayoutIssue.UMLAUTS, "{": LayoutIssue.UMLAUTS, ";": LayoutIssue.UMLAUTS,
    ":": LayoutIssue.UMLAUTS, "'": LayoutIssue.UMLAUTS, '"': LayoutIssue.UMLAUTS,
}  # fmt: skip

_SLOW_MS = 50.0  # a scanner this slow cannot be told from a fast typist
_SUFFIX_TEXT = {"\r": Suffix.ENTER, "\n": Suffix.ENTER, "\t": Suffix.TAB}


def _as_strokes(events: Iterable[KeyStroke | tuple[str, float]]) -> list[KeyStroke]:
    return [e if isinstance(e, KeyStroke) else KeyStroke(e[0], float(e[1])) for e in events]


def _gaps(strokes: Sequence[KeyStroke]) -> list[float]:
    return [b.at_ms - a.at_ms for a, b in itertools.pairwise(strokes)]


def _compare(expected: str, got: str) -> tuple[LayoutIssue, ...]:
    if got == expected:
        return ()
    if got == expected.swapcase() and any(c.isalpha() for c in expected):
        return (LayoutIssue.CAPS_LOCK,)
    if len(got) != len(expected):
        return (LayoutIssue.UNEXPLAINED,)
    found: list[LayoutIssue] = []
    for want, have in zip(expected, got, strict=True):
        if want == have:
            continue
        if _US_TO_DE.get(want) != have:
            return (LayoutIssue.UNEXPLAINED,)
        issue = _ISSUE_FOR_CHAR.get(want, LayoutIssue.OTHER_SYMBOLS)
        if issue not in found:
            found.append(issue)
    return tuple(found)


def detect_scanner(expected: str, events: Iterable[KeyStroke | tuple[str, float]]) -> ScannerCheck:
    """Judge one test scan of `expected` from the keys the scanner typed."""
    strokes = _as_strokes(events)
    suffix = Suffix.NONE
    if strokes and strokes[-1].text in _SUFFIX_TEXT:
        suffix = _SUFFIX_TEXT[strokes[-1].text]
    body = [s for s in strokes if s.text and s.text not in _SUFFIX_TEXT]
    received = "".join(s.text for s in body)

    prefix = ""
    core = received
    if len(received) > len(expected):
        # Some scanners are programmed to send a prefix; it is not damage.
        tail = received[len(received) - len(expected) :]
        if LayoutIssue.UNEXPLAINED not in _compare(expected, tail):
            prefix, core = received[: len(received) - len(expected)], tail
    issues = _compare(expected, core)

    gaps = _gaps(strokes)  # the suffix counts too: the filter times it like any key
    median = statistics.median(gaps) if gaps else None
    longest = max(gaps) if gaps else None
    # The counter learns the slowest gap (it holds keys back for twice that, see key_timing);
    # never more than a scanner can have, or typing would pass for scanning.
    key_gap = None if longest is None else min(longest, CEILING_MS)
    return ScannerCheck(
        received=received,
        suffix=suffix,
        prefix=prefix,
        median_gap_ms=median,
        max_gap_ms=longest,
        key_gap_ms=key_gap,
        issues=issues,
    )
