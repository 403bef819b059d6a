"""What a value from bookingkit must look like before anything else sees it.

Every field the models read passes one of these checks, so an amount of 1e30, a date in the
year 1, a currency "EURO", an id with a newline or a title full of terminal escapes never gets
past the API boundary: the model refuses it (the client turns that into MalformedResponse) or,
for text that is only shown, cleans it. Each function raises ValueError, which pydantic reports.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from voucherdesk.money import to_decimal

MAX_DECIMAL_PLACES = 6  # 10.005 is a real remaining value; 1e-30 is not
MIN_YEAR = 1970  # nothing at bookingkit predates it; keeps date arithmetic clear of year 1
MAX_ID_LENGTH = 128
MAX_CODE_LENGTH = 255  # bookingkit's voucher code maxLength (order_patch.json)

# Lengths for text shown to a clerk or printed on a terminal.
SHORT_TEXT = 40  # statuses, methods, types
NAME_TEXT = 200  # titles, names, booking codes
MESSAGE_TEXT = 500  # bookingkit's user_message
LONG_TEXT = 2000  # descriptions, internal_message

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and the two-character escapes.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Bidirectional overrides and isolates can make a shown code or amount read differently.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")


def clean_text(value: str, limit: int) -> str:
    """``value`` without control characters, escape sequences and bidi overrides, with runs of
    white space made one space, cut to ``limit`` characters (the cut marked with "…")."""
    text = _ESCAPE.sub("", value)
    kept = []
    for ch in text:
        if ch in _BIDI:
            continue
        category = unicodedata.category(ch)
        if category in ("Zl", "Zp") or ch in "\t\n\r\v\f":
            kept.append(" ")
        elif category != "Cc":
            kept.append(ch)
    text = _SPACES.sub(" ", "".join(kept)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def text(value: Any, limit: int) -> str:
    """A text member: strings and plain numbers are accepted, anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError("not a text")
    return clean_text(str(value), limit)


def identifier(value: Any) -> str:
    """An id used in paths and kept in the journal: printable, no spaces, not huge."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("not an id")
    ident = str(value)
    if not 1 <= len(ident) <= MAX_ID_LENGTH:
        raise ValueError(f"id length must be 1 to {MAX_ID_LENGTH}")
    # isprintable: no control, format or separator characters (bar the space, checked apart)
    if not ident.isprintable() or " " in ident:
        raise ValueError("id holds spaces or control characters")
    return ident


def voucher_code(value: Any) -> str:
    """A voucher code is matched exactly, so it is refused rather than cleaned."""
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_CODE_LENGTH:
        raise ValueError(f"a voucher code is a text of 1 to {MAX_CODE_LENGTH} characters")
    if not value.isprintable():
        raise ValueError("voucher code holds control characters")
    return value


def amount(value: Any) -> Decimal:
    """A JSON number (Decimal or int) of a sane size and precision, kept exact (money.py
    rounds where money moves, never on the way in)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str | float):
        raise ValueError("not an amount")
    if isinstance(value, float):  # only when someone parsed JSON without Decimal
        value = repr(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError("not an amount") from exc
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        raise ValueError(f"amount has more than {MAX_DECIMAL_PLACES} decimal places")
    return to_decimal(number)  # finite and below MAX_AMOUNT, or ValueError


def currency(value: Any) -> str:
    """An ISO 4217 code: three letters A-Z (lower case is accepted and raised)."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError("not a three-letter currency code")
    return value.strip().upper()


def utc_moment(value: Any) -> datetime | None:
    """``YYYY-MM-DDThh:mm:ssZ`` (offsets accepted) as an aware UTC datetime; empty is None.

    A moment that cannot be held in UTC (``0001-01-01T00:30+01:00``) or lies before 1970 is
    refused, so later date arithmetic (lead time, duration) cannot overflow.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not a date-time text")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        moment = parsed.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ValueError("not a date-time within range") from exc
    if moment.year < MIN_YEAR:
        raise ValueError(f"date-time before {MIN_YEAR}")
    return moment


def format_utc(moment: datetime) -> str:
    """The one timestamp format bookingkit accepts in query parameters and bodies."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
