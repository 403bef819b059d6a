"""JSON as bookingkit speaks it: amounts are JSON numbers, and we keep them as Decimal.

Both the client and the stand-in server go through these two functions, so an amount never
passes through binary floating point on the way in. On the way out, json cannot print a
Decimal as a number, so it is handed over as a float: for amounts with at most 15 significant
digits (every price and voucher value) the shortest float repr is the same decimal text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

_DECODER = json.JSONDecoder(parse_float=Decimal)
_SPACE = re.compile(r"[ \t\n\r]*")
_WHITESPACE = frozenset(" \t\n\r")


def _default(obj: object) -> Any:
    if isinstance(obj, Decimal):
        return float(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def dumps(obj: Any) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Parse JSON with every non-integer number as Decimal. Raises ``ValueError`` on bad JSON."""
    return json.loads(text, parse_float=Decimal)


def iter_array(text: str) -> Iterator[Any]:
    """The items of a JSON array one at a time (amounts as Decimal), for long lists.

    Same result as iterating ``loads(text)``, but each item is parsed by its own call: a large
    page never holds the interpreter lock in one piece (the counter window's thread waits for
    it otherwise). Raises ``ValueError`` when ``text`` is not one JSON array.
    """
    decode = _DECODER.raw_decode
    at = _skip(text, 0)
    if text[at : at + 1] != "[":
        raise ValueError("not a JSON array")
    at = _skip(text, at + 1)
    if text[at : at + 1] == "]":
        at += 1
    else:
        while True:
            item, at = decode(text, at)
            yield item
            sign = text[at : at + 1]
            if sign in _WHITESPACE:
                at = _skip(text, at)
                sign = text[at : at + 1]
            at += 1
            if sign == ",":
                if text[at : at + 1] in _WHITESPACE:
                    at = _skip(text, at)
                continue
            if sign == "]":
                break
            raise ValueError(f"expected , or ] at {at - 1}")
    if _skip(text, at) != len(text):
        raise ValueError("extra data after the JSON array")


def _skip(text: str, at: int) -> int:
    """The first position from ``at`` on that is not JSON whitespace."""
    found = _SPACE.match(text, at)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def text_of(data: bytes) -> str:
    """Bytes as JSON text, in the encoding json.loads would detect (UTF-8, -16, -32, BOMs)."""
    return data.decode(json.detect_encoding(data), "surrogatepass")
