from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voucherdesk.bookingkit import jsonwire
from voucherdesk.money import CurrencyMismatch, Money, to_decimal


def test_amounts_are_cent_exact_decimals() -> None:
    assert Money(Decimal("12.1"), "eur") == Money(Decimal("12.10"), "EUR")
    assert to_decimal(12.1) == Decimal("12.10")
    assert to_decimal("0.005") == Decimal("0.01")  # half up, as a till would


@pytest.mark.parametrize("bad", [None, True, "abc", "NaN", "Infinity", float("inf")])
def test_non_amounts_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="amount"):
        to_decimal(bad)


def test_currencies_never_mix() -> None:
    with pytest.raises(CurrencyMismatch):
        _ = Money(Decimal(1), "EUR") + Money(Decimal(1), "CHF")
    with pytest.raises(ValueError, match="ISO 4217"):
        Money(Decimal(1), "EURO")


def test_json_numbers_stay_decimal_both_ways() -> None:
    data = jsonwire.loads('{"value": 12.10, "n": 3}')
    assert data["value"] == Decimal("12.10")
    assert isinstance(data["value"], Decimal)
    assert jsonwire.loads(jsonwire.dumps({"v": Decimal("19.99")}))["v"] == Decimal("19.99")


@given(
    st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
)
def test_money_arithmetic_is_exact(a: Decimal, b: Decimal) -> None:
    total = Money(a, "EUR") + Money(b, "EUR")
    assert (total - Money(b, "EUR")).amount == a
    assert Money(a, "EUR").min(Money(b, "EUR")).amount == min(a, b)
