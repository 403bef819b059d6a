"""Money: an exact Decimal amount with an ISO 4217 currency.

bookingkit sends amounts as JSON numbers in major units (``80`` or ``12.5``) and the currency in
a separate field. We never let a float touch an amount: JSON is parsed with ``parse_float=Decimal``.
Amounts are kept exactly as bookingkit sends them; rounding happens once, where money moves:
a total is rounded half-up to the currency's minor unit after multiplying unit prices, and what
is drawn from a voucher is at most its balance rounded *down* (a balance is never rounded up).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor units that differ from the usual 2 (the list is short and changes rarely).
_ZERO_DIGITS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE_DIGITS = "BHD IQD JOD KWD LYD OMR TND"
_MINOR_UNITS = {
    **dict.fromkeys(_ZERO_DIGITS.split(), 0),
    **dict.fromkeys(_THREE_DIGITS.split(), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}

# Bounds that no real voucher or price reaches; past them a server value is refused as
# unreadable instead of overflowing Decimal's context somewhere later.
MAX_AMOUNT = Decimal(10) ** 12
_FINEST_EXPONENT = -6  # a millionth


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined."""


def minor_units(currency: str) -> int:
    """Digits after the decimal point in ``currency`` (ISO 4217): 2 for EUR, 0 for JPY, ..."""
    return _MINOR_UNITS.get(currency.upper(), 2)


def _minor(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def to_decimal(value: object) -> Decimal:
    """Turn a JSON number (already Decimal or int) or a numeric string into an exact Decimal.

    Refuses what is not a finite amount below ``MAX_AMOUNT``; digits finer than a millionth are
    cut off (towards minus infinity, so a balance never grows by it).
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not an amount: {value!r}")
    if isinstance(value, float):
        # Only reached when someone parsed JSON without parse_float=Decimal; repr keeps the
        # shortest round-tripping digits, so 12.1 stays 12.1 and not 12.0999...
        value = repr(value)
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as exc:
        raise ValueError("not an amount") from exc
    if not amount.is_finite():
        raise ValueError("not a finite amount")
    if abs(amount) >= MAX_AMOUNT:
        raise ValueError("amount out of range")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < _FINEST_EXPONENT:
        amount = amount.quantize(Decimal(1).scaleb(_FINEST_EXPONENT), rounding=ROUND_FLOOR)
    return amount


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount))
        cur = self.currency.strip().upper()
        if len(cur) != 3 or not cur.isascii() or not cur.isalpha():
            raise ValueError(f"not an ISO 4217 currency code: {self.currency[:8]!r}")
        object.__setattr__(self, "currency", cur)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(f"{self.currency} vs {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int) -> Money:
        return Money(self.amount * factor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def min(self, other: Money) -> Money:
        return self if self <= other else other

    def rounded(self) -> Money:
        """Half up to the currency's minor unit: for a total, rounded once after multiplying."""
        return Money(self.amount.quantize(_minor(self.currency), ROUND_HALF_UP), self.currency)

    def floored(self) -> Money:
        """Down to the currency's minor unit: the most that may be drawn from a balance."""
        return Money(self.amount.quantize(_minor(self.currency), ROUND_FLOOR), self.currency)

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    @property
    def digits(self) -> str:
        """The amount as plain digits with at least the currency's minor unit ("12.10"); finer
        digits bookingkit sent are kept ("10.005"), never rounded away."""
        shown = self.amount
        minor = _minor(self.currency)
        if shown == shown.quantize(minor, ROUND_FLOOR):
            shown = shown.quantize(minor)
        return f"{shown:f}"

    def __str__(self) -> str:
        return f"{self.digits} {self.currency}"
