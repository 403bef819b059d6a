from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voucherdesk.bookingkit import jsonwire
from voucherdesk.money import CurrencyMismatch, Money, to_decimal


def test_amounts_are_kept_exactly_as_sent() -> None:
    assert Money(Decimal("12.1"), "eur") == Money(Decimal("12.10"), "EUR")
    assert to_decimal(12.1) == Decimal("12.1")
    assert to_decimal("10.005") == Decimal("10.005")  # never rounded on the way in
    assert str(Money(Decimal("12.1"), "EUR")) == "12.10 EUR"


def test_rounding_happens_once_and_never_raises_a_balance() -> None:
    assert Money(Decimal("10.005"), "EUR").floored().amount == Decimal("10.00")
    assert Money(Decimal("10.005"), "EUR").rounded().amount == Decimal("10.01")
    assert Money(Decimal("10.0059"), "KWD").floored().amount == Decimal("10.005")  # 3 digits
    assert Money(Decimal("1500.9"), "JPY").floored().amount == Decimal("1500")  # none


@pytest.mark.parametrize("absurd", ["1e30", "1" * 40, "-1e12"])
def test_absurd_amounts_are_refused(absurd: str) -> None:
    with pytest.raises(ValueError, match="amount"):
        to_decimal(absurd)


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
