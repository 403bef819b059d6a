"""Words for where a code was found in a scan, and why a pattern is refused."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.desk.payload import (
    MAX_PATTERN_LENGTH,
    PatternProblem,
    PatternRefusal,
    PayloadSource,
)
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import fill, translate


def payload_source(source: PayloadSource, *, parameter: str) -> str:
    if source is PayloadSource.WHOLE:
        return translate("Wording", "the whole scan")
    if source is PayloadSource.QUERY:
        return fill(translate("Wording", "the link's \u201c{name}\u201d parameter"), name=parameter)
    if source is PayloadSource.PATH:
        return translate("Wording", "the last part of the link")
    if source is PayloadSource.PATTERN:
        return translate("Wording", "the pattern's group")
    assert_never(source)


def pattern_refusal(refusal: PatternRefusal) -> str:
    problem = refusal.problem
    if problem is PatternProblem.EMPTY:
        return translate("Wording", "Enter a pattern.")
    if problem is PatternProblem.TOO_LONG:
        return fill(
            translate("Wording", "A pattern has at most {most} characters."),
            most=formatting.count(MAX_PATTERN_LENGTH),
        )
    if problem is PatternProblem.DOES_NOT_COMPILE:
        return translate("Wording", "This is not a valid pattern (Python regular expression).")
    if problem is PatternProblem.GROUPS:
        return fill(
            translate(
                "Wording",
                "The pattern needs exactly one group in round brackets around the code; "
                "it has {count}. Write other brackets as (?:\u2026).",
            ),
            count=formatting.count(refusal.groups),
        )
    if problem is PatternProblem.BACKREFERENCE:
        return translate("Wording", "Back-references (\\1, (?P=name)) are not allowed.")
    if problem is PatternProblem.NESTED_REPEAT:
        return translate(
            "Wording",
            "A repeat inside a repeat, such as (\\w+)+, can take forever on some scans; "
            "write it with one repeat.",
        )
    if problem is PatternProblem.ALTERNATION_IN_REPEAT:
        return translate(
            "Wording",
            "Alternatives inside a repeat, such as (?:ab|a)+, can take forever on some scans.",
        )
    if problem is PatternProblem.TOO_MANY_REPEATS:
        return translate(
            "Wording",
            "Too many open-ended repeats (*, +): use at most two, and fixed text between them.",
        )
    assert_never(problem)
