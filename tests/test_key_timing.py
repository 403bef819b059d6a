"""The key timing rules, without Qt: scanner ceiling, learned gap and hold, deliberate keys."""

from __future__ import annotations

import math

import pytest

from voucherdesk.desk.key_timing import (
    CEILING_MS,
    DELIBERATE_MS,
    LEARN_AFTER,
    LEARN_WINDOW,
    GapLearner,
    Haste,
    KeyRun,
    KeyTimeline,
    deliberate,
    hold_ms,
)


def test_the_ceiling_is_between_scanners_and_hand_typing() -> None:
    assert 45 < CEILING_MS <= 60  # a 45 ms Bluetooth scanner is a scanner; never above 60
    assert DELIBERATE_MS >= 250


@pytest.mark.parametrize(
    ("gap", "hold"), [(None, 60), (4, 30), (8, 30), (16, 32), (25, 50), (45, 60), (200, 60)]
)
def test_hold_follows_the_learned_gap_within_floor_and_ceiling(
    gap: float | None, hold: float
) -> None:
    assert hold_ms(gap) == hold


def test_learner_waits_for_a_few_scans_then_takes_the_slowest() -> None:
    learner = GapLearner()
    for n in range(LEARN_AFTER - 1):
        assert not learner.note_scan([5, 6, 7 + n])
    assert learner.key_gap_ms is None
    assert learner.hold_ms == CEILING_MS
    assert learner.note_scan([5, 6])
    assert learner.key_gap_ms == 7 + LEARN_AFTER - 2


def test_a_slower_scanner_raises_the_gap_at_once_and_is_forgotten_only_slowly() -> None:
    learner = GapLearner(8)
    assert learner.note_scan([40, 44, 43])  # a Bluetooth scanner joins the USB one
    assert learner.key_gap_ms == 44
    for _ in range(LEARN_WINDOW - 1):
        assert not learner.note_scan([6, 9])
    assert learner.key_gap_ms == 44  # still inside the window
    assert learner.note_scan([6, 9])  # the slow one has not been seen for a whole window
    assert learner.key_gap_ms == 9


def test_learned_gap_never_exceeds_the_ceiling_and_calibration_replaces_it() -> None:
    learner = GapLearner(500)
    assert learner.key_gap_ms == CEILING_MS
    learner.note_scan([90])
    assert learner.key_gap_ms == CEILING_MS
    learner.calibrate(12)
    assert learner.key_gap_ms == 12
    assert GapLearner(0).key_gap_ms is None
    assert GapLearner(math.nan).key_gap_ms is None


def test_run_continues_within_the_ceiling_and_ends_as_a_scan() -> None:
    run = KeyRun()
    for i, ch in enumerate("ABCD"):
        run.add(ch, 1000 + i * 58)
    assert run.text == "ABCD"
    assert run.is_scan(4)
    assert run.ended_by(1000 + 3 * 58 + 58, 4)  # an Enter 58 ms after the last key
    assert not run.ended_by(1000 + 3 * 58 + 61, 4)  # too late: a person's Enter
    assert run.key_gaps(1000 + 4 * 58) == [58, 58, 58, 58]
    assert not run.add("E", 1500)  # 326 ms later: a new run
    assert run.text == "E"
    assert not run.ended_by(1510, 4)


def test_timeline_measures_quiet_before_the_latest_input() -> None:
    timeline = KeyTimeline()
    assert timeline.quiet_ms == math.inf
    timeline.note_input(1000, printable=False)
    assert timeline.quiet_ms == math.inf  # no printable key yet
    timeline.note_input(1100, printable=True)
    timeline.note_input(1145, printable=False)  # a burst's Enter
    assert timeline.quiet_ms == 45
    assert not deliberate(timeline.quiet_ms)
    timeline.note_input(1500, printable=False)  # the clerk's Enter after a look
    assert timeline.quiet_ms == 400
    assert deliberate(timeline.quiet_ms)
    timeline.note_input(1900, printable=True)  # Space on a button: the gap before it counts
    assert timeline.quiet_ms == 800
    assert timeline.haste is None


ENTER, SPACE = 0x01000004, 0x20  # Qt's key codes, as the capture hands them on


def test_timeline_tells_why_an_input_was_not_deliberate() -> None:
    screen_s = [100.0]
    timeline = KeyTimeline(monotonic=lambda: screen_s[0])
    timeline.note_input(1000, printable=True)
    timeline.note_input(1040, printable=False)  # a burst's Enter
    assert timeline.haste is Haste.AFTER_KEY
    timeline.screen_shown()  # a booking appears
    screen_s[0] += 0.010
    timeline.note_input(2500, printable=False, key=ENTER)  # handed to the window 10 ms later
    assert timeline.quiet_ms == pytest.approx(10)
    assert timeline.haste is Haste.AFTER_SCREEN
    screen_s[0] += 0.400
    timeline.note_input(2900, printable=False, key=ENTER)  # after a look at it
    assert timeline.quiet_ms == pytest.approx(410)
    assert deliberate(timeline.quiet_ms)
    assert timeline.haste is None
    screen_s[0] += 0.500
    timeline.note_input(3400, printable=False, repeat=True, key=ENTER)  # held on: still it
    assert timeline.haste is None
    timeline.screen_shown()  # what that Enter brought up (the result with a top-up)
    screen_s[0] += 0.500
    timeline.note_input(3900, printable=False, repeat=True, key=ENTER)  # held over it
    assert timeline.quiet_ms == 0
    assert timeline.haste is Haste.HELD
    timeline.note_input(4000, printable=False, repeat=True, key=SPACE)  # no press seen
    assert timeline.haste is Haste.HELD
