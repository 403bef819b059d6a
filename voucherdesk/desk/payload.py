"""Where the voucher code sits in what was scanned: the whole text, a link's part, a pattern.

A phone voucher's QR code often holds a link (``https://shop.example/redeem?code=GV7K2M9P``)
or a sentence with the code in it, and a 2D wedge scanner types that text just as the camera
reads it. ``extract`` takes the code out by the counter's ``PayloadRule``; it runs once for
every input, inside ``codes.normalise``, before the code is tidied.

Everything here treats its input as hostile: the text is bounded before any parsing, only web
links (http/https) are read, a percent-escape is decoded once, and a pattern must pass
``check_pattern`` (it compiles, has exactly one group, and has no shape that backtracks
without end) before it is ever run, on at most ``MAX_PATTERN_INPUT`` characters. It runs on the
``regex`` engine with a time limit and without Python's GIL, so even a pattern that slipped
through cannot hold up the counter: after ``PATTERN_TIMEOUT_S`` it counts as "not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

if TYPE_CHECKING:  # typeshed knows the parser by its old public names
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

    import regex
else:  # the same modules, without the deprecation warning of the old names
    from re import _constants as _sre_constants
    from re import _parser as _sre_parse

# Links longer than any a shop prints (browsers cope with ~2,000); longer input is refused
# before it is parsed.
MAX_PAYLOAD_LENGTH = 2048
# A pattern runs on at most this many characters, and a pattern itself is at most this long.
MAX_PATTERN_INPUT = 256
MAX_PATTERN_LENGTH = 200
# A pattern's worst case is estimated as the number of ways its open-ended repeats can split
# the input, times the start positions a search tries. Two unbounded repeats on
# MAX_PATTERN_INPUT characters stay near 10 ms even on input made to hurt them; a pattern
# estimated above that is refused (tests/benchmarks/bench_camera.py measures the worst shapes).
MAX_PATTERN_COST = MAX_PATTERN_INPUT**3
PATTERN_TIMEOUT_S = 0.05
DEFAULT_PARAMETER = "code"
PARAMETER_PATTERN = r"[A-Za-z0-9_.~-]{1,64}"

WEB_SCHEMES = frozenset({"http", "https"})
# "scheme:" payloads that are not hierarchical links but common in QR codes (and never a
# voucher code): refused as "another kind of link", like ftp:// or file://.
_OPAQUE_SCHEMES = frozenset(
    {"mailto", "tel", "sms", "smsto", "geo", "javascript", "vbscript", "data", "wifi"}
    | {"mecard", "matmsg", "bitcoin", "otpauth", "market", "intent"}
)
_HIERARCHICAL = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]{0,31})://")
_OPAQUE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]{0,31}):")


class PayloadMode(StrEnum):
    """Where the code is taken from when the input is a link."""

    AUTO = "auto"  # the `code` parameter if there is one, else the last path segment
    QUERY = "query"  # the named query parameter only
    PATH = "path"  # the last path segment only
    PATTERN = "pattern"  # the one group of a pattern, found anywhere in the text


class PayloadSource(StrEnum):
    """Which part of the input became the code (the scanner check shows it)."""

    WHOLE = "whole"
    QUERY = "query"
    PATH = "path"
    PATTERN = "pattern"


class PayloadFailure(StrEnum):
    TOO_LONG = "too_long"
    NO_CODE_IN_LINK = "no_code_in_link"  # a web link without the code where the rule looks
    OTHER_LINK = "other_link"  # a link or QR datum that is not a web link


class PatternProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    DOES_NOT_COMPILE = "does_not_compile"
    GROUPS = "groups"  # not exactly one capture group
    BACKREFERENCE = "backreference"
    NESTED_REPEAT = "nested_repeat"  # (a+)+ and friends: backtracking without end
    ALTERNATION_IN_REPEAT = "alternation_in_repeat"  # (a|ab)+
    TOO_MANY_REPEATS = "too_many_repeats"  # so many open-ended repeats that a search may crawl


@dataclass(frozen=True, kw_only=True)
class PatternRefusal:
    """Why a pattern is not used; ``groups`` is the number found for GROUPS."""

    problem: PatternProblem
    groups: int = 0


class _Shape:
    """What a walk over a parsed pattern found: the first problem, and the cost estimate."""

    def __init__(self) -> None:
        self.cost = MAX_PATTERN_INPUT  # a search tries every start position
        self.problem: PatternProblem | None = None

    def refuse(self, problem: PatternProblem) -> None:
        if self.problem is None:
            self.problem = problem


_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
_REPEATS.add(getattr(_sre_constants, "POSSESSIVE_REPEAT", _sre_constants.MAX_REPEAT))
_BACKREFS = {_sre_constants.GROUPREF, _sre_constants.GROUPREF_EXISTS}
_LOOKAROUNDS = {_sre_constants.ASSERT, _sre_constants.ASSERT_NOT}


def _walk(items: Any, shape: _Shape, *, in_multi: bool, in_variable: bool) -> None:
    """``in_multi``: inside a repeat that may run more than once; ``in_variable``: inside one
    whose count is not fixed. A repeat whose count varies inside a repeated part, or a second
    repeat inside a varying one, can split the input in exponentially many ways."""
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            unbounded = high is _sre_constants.MAXREPEAT
            variable = unbounded or low != high
            if (in_multi and variable) or (in_variable and (unbounded or high > 1)):
                shape.refuse(PatternProblem.NESTED_REPEAT)
            if variable:
                top = MAX_PATTERN_INPUT if unbounded else min(high, MAX_PATTERN_INPUT)
                shape.cost *= max(2, top - low)
            multi = unbounded or high > 1
            _walk(body, shape, in_multi=in_multi or multi, in_variable=in_variable or variable)
        elif op is _sre_constants.BRANCH:
            if in_multi:
                shape.refuse(PatternProblem.ALTERNATION_IN_REPEAT)
            for alternative in arg[1]:
                _walk(alternative, shape, in_multi=in_multi, in_variable=in_variable)
        elif op is _sre_constants.SUBPATTERN:
            _walk(arg[-1], shape, in_multi=in_multi, in_variable=in_variable)
        elif op in _LOOKAROUNDS:
            _walk(arg[1], shape, in_multi=in_multi, in_variable=in_variable)
        elif op is getattr(_sre_constants, "ATOMIC_GROUP", None):
            _walk(arg, shape, in_multi=in_multi, in_variable=in_variable)
        elif op in _BACKREFS:
            shape.refuse(PatternProblem.BACKREFERENCE)


def check_pattern(pattern: str) -> regex.Pattern[str] | PatternRefusal:
    """The compiled pattern, or why it is refused. Never raises.

    The pattern must mean the same to Python's ``re`` (whose parser judges its shape) and to
    ``regex`` (which runs it).
    """
    if not pattern:
        return PatternRefusal(problem=PatternProblem.EMPTY)
    if len(pattern) > MAX_PATTERN_LENGTH:
        return PatternRefusal(problem=PatternProblem.TOO_LONG)
    import regex  # here, not at the top: it takes 0.2 s to load, and few counters use patterns

    try:
        parsed = _sre_parse.parse(pattern)
        compiled = regex.compile(pattern, regex.VERSION0)
        if re.compile(pattern).groups != compiled.groups:
            raise ValueError("the two engines read the groups differently")
    except (re.error, regex.error, RecursionError, OverflowError, ValueError):
        return PatternRefusal(problem=PatternProblem.DOES_NOT_COMPILE)
    if compiled.groups != 1:
        return PatternRefusal(problem=PatternProblem.GROUPS, groups=compiled.groups)
    shape = _Shape()
    _walk(parsed, shape, in_multi=False, in_variable=False)
    if shape.problem is not None:
        return PatternRefusal(problem=shape.problem)
    if shape.cost > MAX_PATTERN_COST:
        return PatternRefusal(problem=PatternProblem.TOO_MANY_REPEATS)
    return compiled


@dataclass(frozen=True, kw_only=True)
class PayloadRule:
    """How the code is found in a scanned text. Raises ValueError for a refused pattern or a
    parameter name that cannot be one, so a rule that exists is always safe to run."""

    mode: PayloadMode = PayloadMode.AUTO
    parameter: str = DEFAULT_PARAMETER
    pattern: str = ""
    _compiled: regex.Pattern[str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not re.fullmatch(PARAMETER_PATTERN, self.parameter):
            raise ValueError("a query parameter name is 1-64 letters, digits or ._~-")
        if self.mode is PayloadMode.PATTERN:
            checked = check_pattern(self.pattern)
            if isinstance(checked, PatternRefusal):
                raise ValueError(f"pattern refused: {checked.problem.value}")
            object.__setattr__(self, "_compiled", checked)


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """The text to tidy into a code and where it came from, or why there is none."""

    text: str = ""
    source: PayloadSource = PayloadSource.WHOLE
    failure: PayloadFailure | None = None


def link_scheme(text: str) -> str | None:
    """The scheme when ``text`` is a link or an opaque QR datum ("mailto:", "WIFI:"), else None.

    A code such as ``VD:1234`` is not a link: only ``scheme://`` and the schemes QR codes
    commonly carry count.
    """
    found = _HIERARCHICAL.match(text)
    if found:
        return found.group(1).lower()
    found = _OPAQUE.match(text)
    if found and found.group(1).lower() in _OPAQUE_SCHEMES:
        return found.group(1).lower()
    return None


def _query_value(query: str, name: str) -> str | None:
    """The first value of ``name`` in a query string, percent-decoded once."""
    for key, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
        if key == name:
            return value
    return None


def _last_segment(path: str) -> str | None:
    segments = [s for s in path.split("/") if s]
    return unquote(segments[-1], errors="replace") if segments else None


def _from_link(text: str, rule: PayloadRule) -> Extraction:
    no_code = Extraction(failure=PayloadFailure.NO_CODE_IN_LINK)
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. a broken [IPv6] host
        return no_code
    if rule.mode in (PayloadMode.AUTO, PayloadMode.QUERY):
        value = _query_value(parts.query, rule.parameter)
        if value is not None:
            # The parameter is where the code belongs: when it is blank, nothing else is taken.
            if value.strip():
                return Extraction(text=value, source=PayloadSource.QUERY)
            return no_code
        if rule.mode is PayloadMode.QUERY:
            return no_code
    segment = _last_segment(parts.path)
    if segment is None or not segment.strip():
        return no_code
    return Extraction(text=segment, source=PayloadSource.PATH)


def _search(pattern: regex.Pattern[str], text: str) -> str | None:
    """The pattern's group in ``text``; None when it is not there or not found in time."""
    try:
        found = pattern.search(text, timeout=PATTERN_TIMEOUT_S, concurrent=True)
    except TimeoutError:
        return None
    if found is None:
        return None
    group = found.group(1)
    return group if isinstance(group, str) else None


def extract(text: str, rule: PayloadRule) -> Extraction:
    """The part of ``text`` that holds the code, by ``rule``. Never raises.

    Text that is not a link is a bare code (the pattern mode first looks for its pattern);
    a web link gives the part the rule names and nothing else; any other link is refused.
    """
    if len(text) > MAX_PAYLOAD_LENGTH:
        return Extraction(failure=PayloadFailure.TOO_LONG)
    pattern = rule._compiled
    if pattern is not None and len(text) <= MAX_PATTERN_INPUT:
        found = _search(pattern, text)
        if found is not None:
            return Extraction(text=found, source=PayloadSource.PATTERN)
    scheme = link_scheme(text)
    if scheme is None:
        return Extraction(text=text, source=PayloadSource.WHOLE)
    if scheme not in WEB_SCHEMES:
        return Extraction(failure=PayloadFailure.OTHER_LINK)
    if rule.mode is PayloadMode.PATTERN:
        return Extraction(failure=PayloadFailure.NO_CODE_IN_LINK)
    return _from_link(text, rule)
