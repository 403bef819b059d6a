"""Codes in links and texts: the configured part of a link is taken, and nothing else ever is."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from voucherdesk.desk import payload
from voucherdesk.desk.codes import (
    CaseRule,
    Rejected,
    RejectReason,
    ScanRules,
    normalise,
    read_code,
)
from voucherdesk.desk.payload import (
    MAX_PATTERN_INPUT,
    MAX_PAYLOAD_LENGTH,
    PatternProblem,
    PatternRefusal,
    PayloadMode,
    PayloadRule,
    PayloadSource,
    check_pattern,
    link_scheme,
)
from voucherdesk.settings import ScanSettings

AUTO = ScanRules()
QUERY = ScanRules(payload=PayloadRule(mode=PayloadMode.QUERY, parameter="v"))
PATH = ScanRules(payload=PayloadRule(mode=PayloadMode.PATH))

CODE = st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789-", min_size=4, max_size=20).filter(
    lambda c: c.strip("-") == c
)
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10)
SCHEME = st.sampled_from(["http", "https", "HTTP", "HTTPS", "Https"])


@pytest.mark.parametrize(
    ("raw", "expected", "source"),
    [
        ("GV7K2M9P", "GV7K2M9P", PayloadSource.WHOLE),
        ("https://shop.example/redeem?code=GV7K2M9P&lang=de", "GV7K2M9P", PayloadSource.QUERY),
        ("https://shop.example/v/GV7K2M9P", "GV7K2M9P", PayloadSource.PATH),
        ("HTTPS://SHOP.EXAMPLE/V/GV7K2M9P", "GV7K2M9P", PayloadSource.PATH),  # QR alphanumeric
        ("https://shop.example/v/GV7K2M9P/", "GV7K2M9P", PayloadSource.PATH),
        ("https://shop.example/v/GIFT%2D2024%2D7QX9", "GIFT-2024-7QX9", PayloadSource.PATH),
        ("https://x.example/GV7K2M9P?code=PART4X8Q", "PART4X8Q", PayloadSource.QUERY),
        ("https://x.example/?code=PART4X8Q&code=GV7K2M9P", "PART4X8Q", PayloadSource.QUERY),
        ("  https://x.example/v/TINY6B1J \r\n", "TINY6B1J", PayloadSource.PATH),
        ("VD:1234", "VD:1234", PayloadSource.WHOLE),  # a colon is not yet a link
    ],
)
def test_default_rule_takes_bare_codes_and_link_codes(
    raw: str, expected: str, source: PayloadSource
) -> None:
    reading = read_code(raw, AUTO)
    assert reading.result == expected
    assert reading.source is source


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("https://shop.example/", RejectReason.NO_CODE_IN_LINK),
        ("https://shop.example", RejectReason.NO_CODE_IN_LINK),
        ("https://GV7K2M9P.example.com/", RejectReason.NO_CODE_IN_LINK),  # host is never a code
        ("https://GV7K2M9P@shop.example/", RejectReason.NO_CODE_IN_LINK),  # nor a user name
        ("https://shop.example/#GV7K2M9P", RejectReason.NO_CODE_IN_LINK),  # nor a fragment
        ("https://shop.example/v/x?code=", RejectReason.NO_CODE_IN_LINK),  # blank: no fallback
        ("https://x/?code=https%3A%2F%2Fy.example%2FGV7K2M9P", RejectReason.NO_CODE_IN_LINK),
        ("http://[::1/GV7K2M9P", RejectReason.NO_CODE_IN_LINK),  # a broken host
        ("ftp://files.example/GV7K2M9P", RejectReason.OTHER_LINK),
        ("file:///etc/GV7K2M9P", RejectReason.OTHER_LINK),
        ("javascript:alert('GV7K2M9P')", RejectReason.OTHER_LINK),
        ("mailto:GV7K2M9P@shop.example", RejectReason.OTHER_LINK),
        ("WIFI:S:Shop;T:WPA;P:GV7K2M9P;;", RejectReason.OTHER_LINK),
        ("data:text/plain,GV7K2M9P", RejectReason.OTHER_LINK),
        ("https://x.example/v/GV7K%00M9P", RejectReason.CONTROL_CHARACTERS),
        ("https://x.example/?code=" + "A" * 300, RejectReason.TOO_LONG),
        ("https://x.example/?code=GV7K&pad=" + "x" * MAX_PAYLOAD_LENGTH, RejectReason.TOO_LONG),
    ],
)
def test_links_without_a_usable_code_are_refused(raw: str, reason: RejectReason) -> None:
    result = normalise(raw, AUTO)
    assert isinstance(result, Rejected)
    assert result.reason is reason


def test_query_mode_takes_only_its_parameter() -> None:
    assert normalise("https://x.example/a/GV7K2M9P?v=PART4X8Q", QUERY) == "PART4X8Q"
    only_path = normalise("https://x.example/a/GV7K2M9P?code=TINY6B1J", QUERY)
    assert isinstance(only_path, Rejected)
    assert only_path.reason is RejectReason.NO_CODE_IN_LINK
    assert normalise("GV7K2M9P", QUERY) == "GV7K2M9P"  # typed codes still work


def test_path_mode_ignores_the_query() -> None:
    assert normalise("https://x.example/a/GV7K2M9P?code=TINY6B1J", PATH) == "GV7K2M9P"


def test_tidying_applies_to_the_extracted_code() -> None:
    rules = ScanRules(prefix="]Q1", remove_spaces_and_dashes=True, case=CaseRule.UPPER)
    assert normalise("]Q1https://x.example/v/gift-2024-7qx9", rules) == "GIFT20247QX9"


# -- property tests: links ------------------------------------------------------------------


@st.composite
def link_with_planted_code(draw: st.DrawFn, mode: PayloadMode) -> tuple[str, str | None, str]:
    """(link, the code the rule must take or None, the planted code).

    ``real`` sits in the part ``mode`` reads (or that part is blank); ``planted``, another
    code-shaped text, sits in every other place a link has: host, user name, middle path
    segments, other parameters, a later repeat of the parameter, the fragment, and (when the
    rule reads a parameter) the last path segment.
    """
    real, planted = draw(CODE), draw(CODE)
    assume(real.upper() != planted.upper())
    has_real = draw(st.booleans())
    parameter = "v" if mode is PayloadMode.QUERY else "code"
    host = draw(st.sampled_from([f"{planted.lower()}.example", "shop.example", "127.0.0.1"]))
    user = draw(st.sampled_from(["", f"{planted}@"]))
    others = draw(st.lists(st.tuples(NAME, st.one_of(WORD, st.just(planted))), max_size=3))
    others = [(k, v) for k, v in others if k not in ("v", "code")]
    middle = draw(st.lists(st.one_of(WORD, st.just(planted)), max_size=3))
    if mode is PayloadMode.PATH:
        segments = [*middle, quote(real, safe="")] if has_real else []  # blank path: no code
        query = [("code", planted), *others]
    else:
        segments = [*middle, planted] if draw(st.booleans()) else middle
        value = quote(real, safe="") if has_real else ""  # blank: no code, and no fall-back
        query = [*others, (parameter, value), (parameter, planted)]
        if mode is PayloadMode.QUERY:
            query.insert(0, ("code", planted))
    path = "/" + "/".join(segments)
    query_text = "&".join(f"{k}={v}" for k, v in query)
    fragment = draw(st.sampled_from(["", f"#{planted}", f"#code={planted}"]))
    link = f"{draw(SCHEME)}://{user}{host}{path}?{query_text}{fragment}"
    return link, (real if has_real else None), planted


@pytest.mark.parametrize("mode", [PayloadMode.AUTO, PayloadMode.QUERY, PayloadMode.PATH])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_code_shaped_part_that_is_not_the_configured_part_is_never_taken(
    mode: PayloadMode, data: st.DataObject
) -> None:
    rules = {PayloadMode.AUTO: AUTO, PayloadMode.QUERY: QUERY, PayloadMode.PATH: PATH}[mode]
    url, real, planted = data.draw(link_with_planted_code(mode))
    result = normalise(url, rules)
    assert result != planted
    if real is None:
        assert isinstance(result, Rejected), url
    else:
        assert result == real, url


@settings(max_examples=300, deadline=None)
@given(code=CODE, scheme=SCHEME, segments=st.lists(WORD, max_size=4), param=st.booleans())
def test_percent_encoding_is_decoded_once(
    code: str, scheme: str, segments: list[str], param: bool
) -> None:
    once = quote(code, safe="")
    twice = quote(once, safe="")
    base = f"{scheme}://shop.example/" + "/".join(segments)
    for encoded, expected in ((once, code), (twice, once)):
        url = f"{base}?code={encoded}" if param else f"{base}/{encoded}"
        assert normalise(url, AUTO) == expected


ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda scheme, rest: f"{scheme}:{rest}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "mailto", "javascript", "wifi", "x"]),
        st.text(max_size=200),
    ),
    st.builds(lambda n: "https://x.example/?code=" + "%41" * n, st.integers(0, 2000)),
)


@settings(max_examples=400, deadline=None)
@given(raw=ANY_TEXT, prefix=st.sampled_from(["", "]Q1"]), case=st.sampled_from(list(CaseRule)))
def test_any_text_gives_a_code_that_is_no_link_and_stays_the_same(
    raw: str, prefix: str, case: CaseRule
) -> None:
    for mode in (PayloadMode.AUTO, PayloadMode.QUERY, PayloadMode.PATH):
        rules = ScanRules(prefix=prefix, case=case, payload=PayloadRule(mode=mode))
        result = normalise(raw, rules)
        if isinstance(result, Rejected):
            continue
        assert link_scheme(result) is None
        assert normalise(result, rules) == result


# -- patterns -------------------------------------------------------------------------------


GUTSCHEIN = ScanRules(
    payload=PayloadRule(mode=PayloadMode.PATTERN, pattern=r"(?i)gutschein\W+([A-Z0-9-]+)")
)


def test_pattern_takes_its_group_and_typed_codes_still_work() -> None:
    assert normalise("Ihr Gutschein: GV7K2M9P, gültig bis 2027", GUTSCHEIN) == "GV7K2M9P"
    reading = read_code("GUTSCHEIN GIFT-2024-7QX9", GUTSCHEIN)
    assert reading.result == "GIFT-2024-7QX9"
    assert reading.source is PayloadSource.PATTERN
    assert normalise("SummerGift25", GUTSCHEIN) == "SummerGift25"  # typed by the clerk
    link = normalise("https://shop.example/v/GV7K2M9P", GUTSCHEIN)
    assert isinstance(link, Rejected)
    assert link.reason is RejectReason.NO_CODE_IN_LINK


def test_pattern_runs_only_on_bounded_input() -> None:
    long_text = "x" * MAX_PATTERN_INPUT + " Gutschein: GV7K2M9P"
    result = normalise(long_text, GUTSCHEIN)
    assert isinstance(result, Rejected)
    assert result.reason is RejectReason.TOO_LONG


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("", PatternProblem.EMPTY),
        ("(" * 300, PatternProblem.TOO_LONG),
        ("code=([A-Z", PatternProblem.DOES_NOT_COMPILE),
        ("code=[A-Z0-9]+", PatternProblem.GROUPS),
        ("(code)=([A-Z0-9]+)", PatternProblem.GROUPS),
        (r"(\w)x\1", PatternProblem.BACKREFERENCE),
        (r"(?P<c>\w+)(?P=c)", PatternProblem.BACKREFERENCE),
        ("(a+)+$", PatternProblem.NESTED_REPEAT),
        (r"((?:\w+-)*)X", PatternProblem.NESTED_REPEAT),
        (r"(?:\w{1,16}){1,16}(x)", PatternProblem.NESTED_REPEAT),
        ("((?:ab|a)+)c", PatternProblem.ALTERNATION_IN_REPEAT),
        (r".*.*=(\w+)", PatternProblem.TOO_MANY_REPEATS),
        (r"\w*\w*(\w*)X", PatternProblem.TOO_MANY_REPEATS),
    ],
)
def test_risky_or_broken_patterns_are_refused(pattern: str, problem: PatternProblem) -> None:
    refused = check_pattern(pattern)
    assert isinstance(refused, PatternRefusal)
    assert refused.problem is problem
    with pytest.raises(ValueError, match="pattern refused"):
        PayloadRule(mode=PayloadMode.PATTERN, pattern=pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"code=([A-Z0-9]{4,64})",
        r"(?i)gutschein\W+(\w+)",
        r"(?:\w{4}-){3}(\w{4})",
        r"Code: ([A-Z0-9-]+)",
        r"/v/(?P<code>[^/?#]+)",
    ],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert isinstance(check_pattern(pattern), regex.Pattern)


def test_a_pattern_search_stops_at_its_time_limit() -> None:
    """Whatever slips past check_pattern is bounded: regex stops it and it finds nothing."""
    crawling = regex.compile(r"\w*\w*\w*\d")  # refused by check_pattern, run here anyway
    assert isinstance(check_pattern(crawling.pattern), PatternRefusal)
    assert payload._search(crawling, "a" * MAX_PATTERN_INPUT) is None
    assert payload._search(regex.compile(r"code=(\w+)"), "x code=AB12 y") == "AB12"


def test_settings_never_hold_a_refused_pattern() -> None:
    with pytest.raises(ValueError, match="payload_pattern"):
        ScanSettings(payload="pattern", payload_pattern="(a+)+")
    with pytest.raises(ValueError, match="payload_parameter"):
        ScanSettings(payload_parameter="co de")
    good = ScanSettings(payload="pattern", payload_pattern=r"Code: ([A-Z0-9-]+)")
    assert normalise("Code: GV7K2M9P", good.rules()) == "GV7K2M9P"
