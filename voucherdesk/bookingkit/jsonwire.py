"""JSON as bookingkit speaks it: amounts are JSON numbers, and we keep them as Decimal.

Both the client and the stand-in server go through these two functions, so an amount never
passes through binary floating point on the way in. On the way out, json cannot print a
Decimal as a number, so it is handed over as a float: for amounts with at most 15 significant
digits (every price and voucher value) the shortest float repr is the same decimal text.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def _default(obj: object) -> Any:
    if isinstance(obj, Decimal):
        return float(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def dumps(obj: Any) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Parse JSON with every non-integer number as Decimal. Raises ``ValueError`` on bad JSON."""
    return json.loads(text, parse_float=Decimal)
