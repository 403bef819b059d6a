"""Judging a voucher for the counter."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from helpers.desk_factories import NOW, voucher

from voucherdesk.desk.verdict import VerdictKind, judge
from voucherdesk.money import Money


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
        ({"status": "blocked-by-fraud"}, VerdictKind.UNKNOWN_STATUS),
        ({"valid_until": _fmt(-timedelta(seconds=1))}, VerdictKind.EXPIRED),
        ({"valid_until": _fmt(timedelta(days=1))}, VerdictKind.USABLE),
        ({"currency": "CHF"}, VerdictKind.WRONG_CURRENCY),
        ({"currency": None}, VerdictKind.USABLE),
        ({"status": None}, VerdictKind.USABLE),
        ({"remaining_value": None, "value": None}, VerdictKind.NO_VALUE),
        ({"remaining_value": Decimal("0.004")}, VerdictKind.USED_UP),  # less than a cent
        (
            {"remaining_value": None, "redemptions": [{"redeemed_value": Decimal("30")}]},
            VerdictKind.PARTLY_USED,
        ),
    ],
)
def test_judge(fields: dict[str, Any], kind: VerdictKind) -> None:
    verdict = judge(voucher(**fields), now=NOW, currency="EUR")
    assert verdict.kind is kind
    assert verdict.usable == (kind in {VerdictKind.USABLE, VerdictKind.PARTLY_USED})


def test_unknown_code() -> None:
    verdict = judge(None, now=NOW, currency="EUR")
    assert verdict.kind is VerdictKind.UNKNOWN_CODE
    assert not verdict.usable


def test_verdict_carries_the_amounts_in_the_voucher_currency() -> None:
    verdict = judge(voucher(remaining_value=Decimal("12.50")), now=NOW, currency="eur")
    assert verdict.remaining == Money(Decimal("12.50"), "EUR")
    assert verdict.value == Money(Decimal("100"), "EUR")


def test_a_voucher_without_currency_is_judged_in_the_counters() -> None:
    verdict = judge(voucher(currency=None), now=NOW, currency="CHF")
    assert verdict.usable
    assert verdict.currency == "CHF"
    assert verdict.remaining == Money(Decimal("100"), "CHF")


def test_cancelled_wins_over_expired_and_used_up() -> None:
    v = voucher(status="cancelled", remaining_value=Decimal(0), valid_until=_fmt(-timedelta(1)))
    assert judge(v, now=NOW, currency="EUR").kind is VerdictKind.CANCELLED
