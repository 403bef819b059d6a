"""Amounts, dates and times for the clerk, in the UI language's conventions (QLocale).

Amounts are Decimal all the way; only the final text is locale-formatted, from the Decimal's
own digits, so no float rounding can creep into what the clerk reads out. Without a locale
(the C/POSIX locale of a bare system) dates are ISO 8601 - never "3 12 2026" or a US
month/day order nobody at a European counter expects - and amounts read as in English.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_DOWN, Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from voucherdesk.money import Money, minor_units

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def _no_locale(loc: QLocale) -> bool:
    return loc.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage)


def _short_date(loc: QLocale, shown: QDate) -> str:
    if _no_locale(loc):
        return shown.toString("yyyy-MM-dd")
    return loc.toString(shown, QLocale.FormatType.ShortFormat)


def amount(value: Decimal, locale: QLocale | None = None, currency: str = "") -> str:
    """12.5 -> "12.50" (en) or "12,50" (de), with group separators for thousands; as many
    decimals as the currency has (ISO 4217), cut down, never up (a balance of 10.005 shows as
    10.00: what can be drawn)."""
    loc = _locale(locale)
    sign = "-" if value < 0 else ""
    digits = minor_units(currency) if currency else 2
    shown = abs(value).quantize(Decimal(1).scaleb(-digits), ROUND_DOWN)
    whole, _, frac = f"{shown:f}".partition(".")
    text = f"{sign}{loc.toString(int(whole))}"
    return f"{text}{loc.decimalPoint()}{frac}" if digits else text


def money(value: Money | None, locale: QLocale | None = None) -> str:
    """An amount with its currency the way the locale writes it ("€12.50" / "12,50 €")."""
    if value is None:
        return "–"
    loc = _locale(locale)
    symbol = _SYMBOLS.get(value.currency, value.currency)
    number = amount(value.amount, loc, value.currency)
    if loc.language() == QLocale.Language.English or _no_locale(loc):
        return f"{symbol}{number}" if len(symbol) == 1 else f"{symbol} {number}"
    return f"{number} {symbol}"


def money_of(value: Decimal | None, currency: str | None, locale: QLocale | None = None) -> str:
    if value is None:
        return "–"
    if not currency:
        return amount(value, locale)
    return money(Money(value, currency), locale)


def _qdatetime(moment: datetime) -> QDateTime:
    """Local wall time of an aware datetime (bookingkit sends UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    seconds = int(aware.timestamp())
    return QDateTime.fromSecsSinceEpoch(seconds, QTimeZone.systemTimeZone())


def date_time(moment: datetime | None, locale: QLocale | None = None) -> str:
    """A short weekday, date and time: "Thu 26/11/2026 14:00" / "Do. 26.11.2026 14:00"."""
    if moment is None:
        return "–"
    loc = _locale(locale)
    shown = _qdatetime(moment)
    day = _short_date(loc, shown.date())
    weekday = loc.dayName(shown.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
    return f"{weekday} {day} {loc.toString(shown.time(), 'HH:mm')}"


def slot(moment: datetime, locale: QLocale | None = None) -> str:
    """A bookable slot, short enough for a list: "Thu 26 Nov 14:00" / "Do. 26.11. 14:00"."""
    loc = _locale(locale)
    shown = _qdatetime(moment)
    pattern = "ddd dd.MM." if loc.language() == QLocale.Language.German else "ddd d MMM"
    return f"{loc.toString(shown.date(), pattern)} {loc.toString(shown.time(), 'HH:mm')}"


def date_only(moment: datetime | None, locale: QLocale | None = None) -> str:
    if moment is None:
        return "–"
    return _short_date(_locale(locale), _qdatetime(moment).date())


def day(value: date, locale: QLocale | None = None) -> str:
    """A calendar day (no time zone involved): "26/11/2026" / "26.11.26"."""
    return _short_date(_locale(locale), QDate(value.year, value.month, value.day))


def time_only(moment: datetime | None, locale: QLocale | None = None) -> str:
    if moment is None:
        return "–"
    return _locale(locale).toString(_qdatetime(moment).time(), "HH:mm")


def count(n: int, locale: QLocale | None = None) -> str:
    return _locale(locale).toString(n)
