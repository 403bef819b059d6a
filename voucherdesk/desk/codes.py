"""Scanned or typed voucher codes: clean them up, refuse junk, suggest near misses.

A keyboard-wedge scanner delivers whatever it was configured to send around the code (a prefix,
a suffix, a terminator), a QR code may hold a link with the code in it (``payload.py``), a phone
screen may carry spaces or dashes, and a wrong keyboard layout damages characters. ``normalise``
turns one raw input (scanner, camera or typing alike) into the code to look up, or says plainly
why it cannot be a code. It never raises, whatever text arrives.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from voucherdesk.desk.payload import (
    MAX_PAYLOAD_LENGTH,
    PayloadFailure,
    PayloadRule,
    PayloadSource,
    extract,
    link_scheme,
)

# bookingkit allows voucher codes up to 255 characters (order_patch schema); nothing a scanner
# sends is longer, so a longer input is a runaway paste, not a code.
MAX_CODE_LENGTH = 255

# Unicode categories of characters that can be part of a code. Emoji and other pictographs are
# "So"; combining marks, private use, unassigned and surrogates cannot come from a scanner either.
_PRINTABLE_CATEGORIES = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"}
    | {"Sm", "Sc", "Sk", "Zs"}
)
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})

# Characters that print and scan alike: letter O / digit 0, letters I and L / digit 1.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class CaseRule(StrEnum):
    KEEP = "keep"
    UPPER = "upper"
    LOWER = "lower"


@dataclass(frozen=True)
class ScanRules:
    """What the scanner adds around a code, and how to tidy the code itself."""

    prefix: str = ""
    suffix: str = ""
    remove_spaces_and_dashes: bool = False
    case: CaseRule = CaseRule.KEEP
    payload: PayloadRule = field(default_factory=PayloadRule)


class RejectReason(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    NOT_PRINTABLE = "not_printable"
    NO_CODE_IN_LINK = "no_code_in_link"  # a web link without the code where the rule looks
    OTHER_LINK = "other_link"  # a link or QR datum that is not a web link (mailto:, ftp://)


@dataclass(frozen=True, kw_only=True)
class Rejected:
    """Why an input cannot be a code; ``length`` is the input's length for TOO_LONG."""

    reason: RejectReason
    length: int = 0


def _is_dash_or_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Pd", "Zs"}


@dataclass(frozen=True, kw_only=True)
class CodeReading:
    """What one input came to: the code (or why none), and which part of the input it was."""

    result: str | Rejected
    source: PayloadSource = PayloadSource.WHOLE


_FAILURES = {
    PayloadFailure.NO_CODE_IN_LINK: RejectReason.NO_CODE_IN_LINK,
    PayloadFailure.OTHER_LINK: RejectReason.OTHER_LINK,
}


def _strip_affixes(text: str, rules: ScanRules) -> str:
    text = text.strip()
    # Strip the scanner's prefix/suffix as often as it appears, so tidying twice changes nothing.
    while rules.prefix and text.startswith(rules.prefix):
        text = text[len(rules.prefix) :].strip()
    while rules.suffix and text.endswith(rules.suffix):
        text = text[: -len(rules.suffix)].strip()
    return text


def _tidy_once(text: str, rules: ScanRules) -> str:
    text = _strip_affixes(text, rules)
    if rules.remove_spaces_and_dashes:
        text = "".join(c for c in text if not _is_dash_or_space(c))
    if rules.case is CaseRule.UPPER:
        text = text.upper()
    elif rules.case is CaseRule.LOWER:
        text = text.lower()
    return unicodedata.normalize("NFC", text).strip()


def same_code(a: str, b: str) -> bool:
    """Whether two codes name the same voucher however they are spelt: capitals, spaces and
    dashes aside (a code typed by hand, or read without its dashes)."""

    def bare(code: str) -> str:
        return "".join(c for c in code if not _is_dash_or_space(c)).casefold()

    return bare(a) == bare(b)


def normalise(raw: str, rules: ScanRules) -> str | Rejected:
    """The code to look up for one scan or typed entry, or why it cannot be one."""
    return read_code(raw, rules).result


def read_code(raw: str, rules: ScanRules) -> CodeReading:
    """``normalise`` with where the code came from: scanner prefix/suffix off, the code taken
    out of a link or pattern (``payload.extract``), then tidied and checked."""
    text = raw.strip()
    if len(text) > MAX_PAYLOAD_LENGTH:
        # Refuse runaway input before doing any parsing or Unicode work on it.
        return CodeReading(result=Rejected(reason=RejectReason.TOO_LONG, length=len(text)))
    taken = extract(_strip_affixes(text, rules), rules.payload)
    if taken.failure is not None:
        reason = _FAILURES.get(taken.failure, RejectReason.TOO_LONG)
        length = len(text) if reason is RejectReason.TOO_LONG else 0
        return CodeReading(result=Rejected(reason=reason, length=length), source=taken.source)
    result = _tidy(taken.text, rules)
    return CodeReading(result=result, source=taken.source)


def _tidy(text: str, rules: ScanRules) -> str | Rejected:
    for _ in range(4):  # case mapping and NFC can expose more to tidy; settle in a few rounds
        tidied = _tidy_once(text, rules)
        if tidied == text:
            break
        text = tidied
    if not text:
        return Rejected(reason=RejectReason.EMPTY)
    if len(text) > MAX_CODE_LENGTH:
        return Rejected(reason=RejectReason.TOO_LONG, length=len(text))
    if link_scheme(text) is not None:
        # A link inside a link (a redirect), or one that tidying put together: never a code,
        # and refusing it keeps normalise(normalise(x)) == normalise(x).
        return Rejected(reason=RejectReason.NO_CODE_IN_LINK)
    categories = [unicodedata.category(c) for c in text]
    if any(cat in _CONTROL_CATEGORIES for cat in categories):
        return Rejected(reason=RejectReason.CONTROL_CHARACTERS)
    if any(cat not in _PRINTABLE_CATEGORIES for cat in categories):
        return Rejected(reason=RejectReason.NOT_PRINTABLE)
    return text


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion, deletion or neighbour swap turns a into b."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _rank(code: str, candidate: str) -> int | None:
    """How close ``candidate`` is to the scanned ``code``: lower is closer, None is not close."""
    if candidate == code:
        return None
    folded, cand_folded = code.casefold(), candidate.casefold()
    if folded == cand_folded:
        return 0  # only the case differs
    if code.upper().translate(_LOOKALIKES) == candidate.upper().translate(_LOOKALIKES):
        return 1  # O/0 or I/L/1 confusions (and maybe case)
    if _one_edit_apart(code, candidate):
        return 2
    if _one_edit_apart(folded, cand_folded):
        return 3
    return None


def suggestions(code: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """Known codes the clerk may have meant, closest first."""
    ranked: list[tuple[int, str]] = []
    for candidate in known:
        if abs(len(candidate) - len(code)) > 1:
            continue
        rank = _rank(code, candidate)
        if rank is not None:
            ranked.append((rank, candidate))
    ranked.sort()
    seen: set[str] = set()
    result: list[str] = []
    for _, candidate in ranked:
        if candidate not in seen:
            seen.add(candidate)
            result.append(candidate)
        if len(result) >= limit:
            break
    return result
