"""Judging a voucher for the counter."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from helpers.desk_factories import NOW, voucher

from voucherdesk.desk.verdict import VerdictKind, judge


def _fmt(delta: timedelta) -> str:
    return (NOW + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({}, VerdictKind.USABLE),
        ({"remaining_value": Decimal("40")}, VerdictKind.PARTLY_USED),
        ({"remaining_value": Decimal("0")}, VerdictKind.USED_UP),
        ({"status": "inactive", "remaining_value": Decimal("5")}, VerdictKind.USED_UP),
        ({"status": "cancelled"}, VerdictKind.CANCELLED),
        ({"status": "CANCELED"}, VerdictKind.CANCELLED),
        ({"status": "blocked-by-fraud"}, VerdictKind.CANCELLED),
        ({"valid_until": _fmt(-timedelta(seconds=1))}, VerdictKind.EXPIRED),
        ({"valid_until": _fmt(timedelta(days=1))}, VerdictKind.USABLE),
        ({"currency": "CHF"}, VerdictKind.WRONG_CURRENCY),
        ({"currency": None}, VerdictKind.USABLE),
        ({"status": None}, VerdictKind.USABLE),
        ({"remaining_value": None, "value": None}, VerdictKind.USED_UP),
        (
            {"remaining_value": None, "redemptions": [{"redeemed_value": Decimal("30")}]},
            VerdictKind.PARTLY_USED,
        ),
    ],
)
def test_judge(fields: dict[str, Any], kind: VerdictKind) -> None:
    verdict = judge(voucher(**fields), now=NOW, currency="EUR")
    assert verdict.kind is kind
    assert verdict.reason
    assert verdict.next_step
    assert verdict.usable == (kind in {VerdictKind.USABLE, VerdictKind.PARTLY_USED})


def test_unknown_code() -> None:
    verdict = judge(None, now=NOW, currency="EUR")
    assert verdict.kind is VerdictKind.UNKNOWN_CODE
    assert not verdict.usable


def test_reason_names_the_amounts() -> None:
    verdict = judge(voucher(remaining_value=Decimal("12.50")), now=NOW, currency="eur")
    assert "12.50 EUR" in verdict.reason
    assert "100.00 EUR" in verdict.reason


def test_cancelled_wins_over_expired_and_used_up() -> None:
    v = voucher(status="cancelled", remaining_value=Decimal(0), valid_until=_fmt(-timedelta(1)))
    assert judge(v, now=NOW, currency="EUR").kind is VerdictKind.CANCELLED
