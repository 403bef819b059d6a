"""The scanner check: suffix, timing and keyboard-layout damage from one test scan."""

from __future__ import annotations

import pytest

from voucherdesk.desk.scanner_check import KeyStroke, LayoutIssue, Suffix, detect_scanner


def strokes(text: str, gap: float = 5.0, start: float = 100.0) -> list[KeyStroke]:
    return [KeyStroke(ch, start + i * gap) for i, ch in enumerate(text)]


def test_clean_scan_with_enter() -> None:
    check = detect_scanner("VD-2024-XY7", strokes("VD-2024-XY7\r", gap=6))
    assert check.ok
    assert check.suffix is Suffix.ENTER
    assert check.received == "VD-2024-XY7"
    assert check.prefix == ""
    assert check.median_gap_ms == pytest.approx(6)
    assert check.key_gap_ms == pytest.approx(6)  # the counter learns this scanner's pace


@pytest.mark.parametrize(("tail", "suffix"), [("\t", Suffix.TAB), ("", Suffix.NONE)])
def test_tab_and_no_suffix(tail: str, suffix: Suffix) -> None:
    check = detect_scanner("ABC123", strokes("ABC123" + tail))
    assert check.suffix is suffix
    assert check.ok
    if suffix is Suffix.NONE:
        assert not check.looks_typed


def test_timing_with_occasional_slow_gap() -> None:
    events = [("A", 0), ("B", 8), ("C", 24), ("D", 31), ("\r", 39)]
    check = detect_scanner("ABCD", events)  # plain tuples are accepted too
    assert check.max_gap_ms == 16
    assert check.median_gap_ms == pytest.approx(8)
    assert check.key_gap_ms == 16  # the slowest gap, not the usual one


def test_qwertz_y_z_swap_and_dash() -> None:
    check = detect_scanner("KEY-ZONE-7", strokes("KEZßYONEß7\r"))
    assert check.issues == (LayoutIssue.QWERTZ_Y_Z, LayoutIssue.DASH_TO_SZ)
    assert not check.ok


def test_umlauts_from_brackets() -> None:
    check = detect_scanner("[A;B'C]", strokes("üAöBäC+"))
    assert LayoutIssue.UMLAUTS in check.issues
    assert LayoutIssue.OTHER_SYMBOLS in check.issues


def test_caps_lock() -> None:
    check = detect_scanner("GiftCard9", strokes("gIFTcARD9\r"))
    assert check.issues == (LayoutIssue.CAPS_LOCK,)


def test_prefix_is_not_damage() -> None:
    check = detect_scanner("ABC-123", strokes("]C1ABCß123\r"))
    assert check.prefix == "]C1"
    assert check.issues == (LayoutIssue.DASH_TO_SZ,)


def test_wrong_code_is_unexplained() -> None:
    check = detect_scanner("ABC123", strokes("XYZ999\r"))
    assert check.issues == (LayoutIssue.UNEXPLAINED,)


def test_slow_keys_look_typed() -> None:
    check = detect_scanner("ABCD", strokes("ABCD\r", gap=150))
    assert check.ok
    assert check.looks_typed
    assert check.key_gap_ms == 60  # never above the scanner ceiling


def test_empty_scan() -> None:
    check = detect_scanner("ABCD", [])
    assert check.suffix is Suffix.NONE
    assert check.median_gap_ms is None
    assert check.issues == (LayoutIssue.UNEXPLAINED,)
