"""Code normalisation and near-miss suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voucherdesk.desk.codes import (
    MAX_CODE_LENGTH,
    CaseRule,
    Rejected,
    RejectReason,
    ScanRules,
    normalise,
    suggestions,
)

PLAIN = ScanRules()
ALL_RULES = st.builds(
    ScanRules,
    prefix=st.sampled_from(["", "]C1", "#", "VD:"]),
    suffix=st.sampled_from(["", "\r", "$", "END"]),
    remove_spaces_and_dashes=st.booleans(),
    case=st.sampled_from(list(CaseRule)),
)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    # Long inputs (up to 10,000 characters) around and far beyond the length limit.
    st.builds(
        lambda chunk, n: (chunk * n)[:n],
        st.text(min_size=1, max_size=30),
        st.integers(min_value=200, max_value=10_000),
    ),
    st.text(alphabet="🎟️💶\x00\x07\t\r\n \u200b\u2028ß İ-–—aO0Il1", max_size=50),
)


@pytest.mark.parametrize(
    ("raw", "rules", "expected"),
    [
        ("  ABC123\r\n", PLAIN, "ABC123"),
        ("]C1ABC123", ScanRules(prefix="]C1"), "ABC123"),
        ("ABC123$", ScanRules(suffix="$"), "ABC123"),
        ("abc-12 3", ScanRules(remove_spaces_and_dashes=True), "abc123"),
        ("ab–c 1", ScanRules(remove_spaces_and_dashes=True, case=CaseRule.UPPER), "ABC1"),
        ("AbC", ScanRules(case=CaseRule.LOWER), "abc"),
        ("AbC", ScanRules(case=CaseRule.KEEP), "AbC"),
        ("GIFT-2026 AB", PLAIN, "GIFT-2026 AB"),
    ],
)
def test_normalise_tidies_codes(raw: str, rules: ScanRules, expected: str) -> None:
    assert normalise(raw, rules) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", RejectReason.EMPTY),
        (" \r\n\t ", RejectReason.EMPTY),
        ("A" * (MAX_CODE_LENGTH + 1), RejectReason.TOO_LONG),
        ("x" * 10_000, RejectReason.TOO_LONG),
        ("🎟\x00" * 5_000, RejectReason.TOO_LONG),
        (" \r\n" * 4_000, RejectReason.EMPTY),
        ("AB\x00CD", RejectReason.CONTROL_CHARACTERS),
        ("AB\tCD", RejectReason.CONTROL_CHARACTERS),
        ("AB\u200bCD", RejectReason.CONTROL_CHARACTERS),
        ("AB🎟CD", RejectReason.NOT_PRINTABLE),
        ("💶", RejectReason.NOT_PRINTABLE),
    ],
)
def test_normalise_rejects_with_reason(raw: str, reason: RejectReason) -> None:
    result = normalise(raw, PLAIN)
    assert isinstance(result, Rejected)
    assert result.reason is reason
    assert (result.length > MAX_CODE_LENGTH) == (reason is RejectReason.TOO_LONG)


def test_only_prefix_is_empty() -> None:
    result = normalise("]C1", ScanRules(prefix="]C1"))
    assert isinstance(result, Rejected)
    assert result.reason is RejectReason.EMPTY


@settings(max_examples=300, deadline=None)
@given(raw=ANY_TEXT, rules=ALL_RULES)
def test_normalise_never_raises_and_is_idempotent(raw: str, rules: ScanRules) -> None:
    result = normalise(raw, rules)
    if isinstance(result, Rejected):
        assert result.reason in RejectReason
        return
    assert result
    assert result == result.strip()
    assert len(result) <= MAX_CODE_LENGTH
    assert normalise(result, rules) == result


@settings(max_examples=200, deadline=None)
@given(code=st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789-", min_size=1, max_size=40))
def test_valid_codes_pass_unchanged(code: str) -> None:
    result = normalise(code, PLAIN)
    assert result == code.strip() or isinstance(result, Rejected)
    if code.strip():
        assert result == code.strip()


KNOWN = ["ABC1O0", "GIFT1234", "GIFT1243", "Mixed42", "XYZ999", "QWERTZ12"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ABCIOO", "ABC1O0"),  # I->1, O->0 look-alikes
        ("ABClOO", "ABC1O0"),  # lower-case l read as 1
        ("GIFT1235", "GIFT1234"),  # one wrong character
        ("GIFT234", "GIFT1234"),  # one missing
        ("GIFT12345", "GIFT1234"),  # one extra
        ("GITF1234", "GIFT1234"),  # neighbours swapped
        ("mixed42", "Mixed42"),  # case only
        ("QWERYZ12", "QWERTZ12"),  # one character lost to the keyboard layout
    ],
)
def test_suggestions_find_near_misses(typed: str, expected: str) -> None:
    assert expected in suggestions(typed, KNOWN)


def test_suggestions_rank_and_limit() -> None:
    # Case-only beats one edit; exact match is never suggested; limit holds.
    assert suggestions("gift1234", ["GIFT1234", "gift1235"])[0] == "GIFT1234"
    assert suggestions("GIFT1234", ["GIFT1234"]) == []
    many = [f"CODE{i}" for i in range(10)]
    assert len(suggestions("CODEX", many, limit=3)) == 3
    assert suggestions("TOTALLYDIFFERENT", KNOWN) == []


@settings(max_examples=200, deadline=None)
@given(
    code=st.text(alphabet="ABCDEFGH0123456789", min_size=3, max_size=12),
    pos=st.integers(min_value=0, max_value=11),
    char=st.sampled_from("XYZ"),
)
def test_one_substitution_is_always_found(code: str, pos: int, char: str) -> None:
    pos %= len(code)
    typed = code[:pos] + char + code[pos + 1 :]
    assert code in suggestions(typed, [code, "UNRELATED99"])
