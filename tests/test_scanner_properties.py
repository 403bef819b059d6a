"""#12 proof for scanner input: any key sequence at any timing ends as scans, typing, or a refused
input with words - never an exception, never a key lost or doubled - in bounded time and memory.

The real ScanCapture on a real Qt event loop (key times from a clock the test moves), the real
code normaliser and the real desk check against the stand-in; hypothesis draws the keys (any
script, controls, Enter, Tab, modifiers, auto-repeat) and the gaps (0-400 ms).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.desk_setup import close_desk, make_desk
from helpers.keys import FakeKeyClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from voucherdesk.desk.codes import CaseRule, Rejected, ScanRules, normalise
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.key_timing import GapLearner, KeyRun
from voucherdesk.standin import StandinServer
from voucherdesk.ui import wording
from voucherdesk.ui.common.scanner import ScanCapture, ScannerSettings, Terminator

SECONDS = 5.0
PEAK_MB = 16.0


@dataclass(frozen=True)
class Key:
    kind: str  # "char", "enter", "tab", "shift", "ctrl_char", "backspace"
    text: str
    gap_ms: float
    auto_repeat: bool = False


printable = st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\t").filter(
    str.isprintable
)
keys = st.lists(
    st.builds(
        Key,
        kind=st.sampled_from(["char"] * 8 + ["enter", "tab", "shift", "ctrl_char", "backspace"]),
        text=printable,
        gap_ms=st.one_of(
            st.floats(min_value=0, max_value=12),  # a fast scanner
            st.floats(min_value=30, max_value=70),  # a slow one, around the ceiling
            st.floats(min_value=80, max_value=400),  # a person
        ),
        auto_repeat=st.sampled_from([False] * 9 + [True]),
    ),
    max_size=60,
)
scanner_settings = st.builds(
    ScannerSettings,
    key_gap_ms=st.none() | st.floats(min_value=1, max_value=60),
    min_length=st.integers(min_value=1, max_value=12),
    terminator=st.sampled_from(list(Terminator)),
    timeout_ms=st.integers(min_value=20, max_value=200),
)


class Recorder(QLineEdit):
    """A field that notes every key press it is given (typing reaches widgets as presses)."""

    def __init__(self) -> None:
        super().__init__()
        self.got: list[tuple[str, str]] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        self.got.append(("typed", event.text()))
        super().keyPressEvent(event)


def send(target: Recorder, key: Key) -> None:
    none = Qt.KeyboardModifier.NoModifier
    if key.kind == "enter":
        code, text, mods = int(Qt.Key.Key_Return), "\r", none
    elif key.kind == "tab":
        code, text, mods = int(Qt.Key.Key_Tab), "\t", none
    elif key.kind == "shift":
        code, text, mods = int(Qt.Key.Key_Shift), "", Qt.KeyboardModifier.ShiftModifier
    elif key.kind == "backspace":
        code, text, mods = int(Qt.Key.Key_Backspace), "\b", none
    elif key.kind == "ctrl_char":
        code, text, mods = int(Qt.Key.Key_A), "\x01", Qt.KeyboardModifier.ControlModifier
    else:
        code = ord(key.text.upper()) if key.text.isascii() else int(Qt.Key.Key_unknown)
        text, mods = key.text, none
    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(etype, code, mods, text, key.auto_repeat))


@pytest.fixture
def field(qtbot: QtBot) -> Recorder:
    edit = Recorder()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=keys, chosen=scanner_settings)
def test_any_keys_at_any_pace_are_scans_or_typing(
    qtbot: QtBot, qapp: QApplication, field: Recorder, sequence: list[Key], chosen: ScannerSettings
) -> None:
    clock = FakeKeyClock()
    capture = ScanCapture(chosen, clock=clock)
    scans: list[str] = []
    capture.scanned.connect(scans.append)
    capture.scanned.connect(lambda code: field.got.append(("scan", code)))
    field.got.clear()
    field.clear()
    qapp.installEventFilter(capture)
    tracemalloc.start()
    started = time.monotonic()
    try:
        for key in sequence:
            send(field, key)
            clock.now += key.gap_ms
        qtbot.waitUntil(lambda: capture.pending == "", timeout=2_000)  # the silence timer
    finally:
        seconds = time.monotonic() - started
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        qapp.removeEventFilter(capture)
        capture.deleteLater()
    assert seconds < SECONDS
    assert peak / 2**20 < PEAK_MB

    # Every printable key is in exactly one place, in the order it was pressed: inside a scan
    # or typed into the field. Nothing lost, nothing doubled.
    chars = [k.text for k in sequence if k.kind == "char"]
    landed = "".join(text for kind, text in field.got if kind == "scan") + "".join(
        text for kind, text in field.got if kind == "typed" and text.isprintable() and text
    )
    ordered = "".join(
        text for kind, text in field.got if kind == "scan" or (text.isprintable() and text)
    )
    assert sorted(landed) == sorted("".join(chars))
    assert ordered == "".join(chars)
    # A scan is what the scanner typed, and becomes a code or a refusal with words.
    for code in scans:
        assert len(code) >= chosen.min_length
        result = normalise(code, ScanRules())
        if isinstance(result, Rejected):
            assert wording.rejected(result).title


rules = st.builds(
    ScanRules,
    prefix=st.text(max_size=3),
    suffix=st.text(max_size=3),
    remove_spaces_and_dashes=st.booleans(),
    case=st.sampled_from(list(CaseRule)),
)


@settings(max_examples=500, deadline=None)
@given(raw=st.text(max_size=2_000) | st.text(min_size=1, max_size=5).map(lambda s: s * 4_000),
       chosen=rules)  # fmt: skip
def test_normalise_never_raises_and_refusals_have_words(raw: str, chosen: ScanRules) -> None:
    started = time.monotonic()
    result = normalise(raw, chosen)
    assert time.monotonic() - started < 1.0
    if isinstance(result, Rejected):
        assert wording.rejected(result).title
    else:
        assert 0 < len(result) <= 255
        assert normalise(result, chosen) == result  # settled: tidying twice changes nothing


@settings(max_examples=300, deadline=None)
@given(
    times=st.lists(
        st.floats(allow_nan=True, allow_infinity=True),
        max_size=40,
    )
)
def test_key_timing_takes_any_clock(times: list[float]) -> None:
    """Clocks jump (suspend, NTP) and events may carry odd stamps: no rule raises."""
    run = KeyRun()
    learner = GapLearner()
    for at in times:
        run.add("x", at)
        run.is_scan(4)
        run.ended_by(at, 4)
    learner.note_scan(run.key_gaps())
    learner.calibrate(times[0] if times else None)
    assert learner.hold_ms >= 0


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "desk")
    yield made
    close_desk(made)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=st.text(max_size=300))
def test_any_scan_reaches_the_desk_and_ends_in_words(
    qapp: QApplication, desk: Desk, raw: str
) -> None:
    del qapp  # the words are translated
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = desk.check(raw)
    finally:
        seconds = time.monotonic() - started
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert seconds < SECONDS
    assert peak / 2**20 < PEAK_MB
    if result.rejected is not None:
        assert wording.rejected(result.rejected).title
    else:
        assert wording.verdict(result.verdict).title
