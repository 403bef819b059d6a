"""What a command line names, matched against bookingkit's lists without guessing (Qt-free).

`redeem` names an event, a date and participants per price; `report` names a day. A name
that fits exactly one choice is taken; anything else - no match, several matches, digits of
another script (``٣``, ``²``), absurd sizes - is refused as a :class:`Refused` fact with the
choices there are. ``cli_text`` puts it into words. Nothing here raises on any input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, EventDate, Price

MAX_COUNT = 999  # participants per price: more is a typo, not a booking at a counter
MAX_CHOICES = 12  # choices listed with a refusal; the rest are counted
_MAX_ECHO = 80  # how much of the clerk's own input is repeated back

_ASCII_DIGITS = re.compile(r"[0-9]+")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MOMENT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"
)


class Refusal(StrEnum):
    EVENT_UNKNOWN = "event_unknown"
    EVENT_AMBIGUOUS = "event_ambiguous"
    DATE_UNREADABLE = "date_unreadable"
    DATE_UNKNOWN = "date_unknown"
    DATE_AMBIGUOUS = "date_ambiguous"
    PARTICIPANTS_UNREADABLE = "participants_unreadable"  # not NAME=N with digits 0-9
    COUNT_TOO_LARGE = "count_too_large"
    PRICE_UNKNOWN = "price_unknown"
    PRICE_AMBIGUOUS = "price_ambiguous"
    PRICE_TWICE = "price_twice"
    DAY_UNREADABLE = "day_unreadable"


@dataclass(frozen=True, kw_only=True)
class Refused:
    """What was given (cleaned, cut), why it is refused, and what could be given instead."""

    refusal: Refusal
    given: str
    choices: tuple[str, ...] = ()
    more: int = 0  # further choices not listed
    limit: int = 0  # COUNT_TOO_LARGE


def echo(text: str) -> str:
    """The clerk's input as it may be printed back: no control characters, escapes or
    unpaired surrogates (undecodable bytes on the command line), and not too long."""
    clean = "".join(
        ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else "?" for ch in text
    )
    return clean if len(clean) <= _MAX_ECHO else clean[: _MAX_ECHO - 1] + "…"


def _listed(choices: Sequence[str]) -> tuple[tuple[str, ...], int]:
    unique = list(dict.fromkeys(choices))
    return tuple(unique[:MAX_CHOICES]), max(0, len(unique) - MAX_CHOICES)


def _refused(refusal: Refusal, given: str, choices: Sequence[str] = (), limit: int = 0) -> Refused:
    listed, more = _listed(choices)
    return Refused(refusal=refusal, given=echo(given), choices=listed, more=more, limit=limit)


# --- events ---------------------------------------------------------------------------------


def _event_names(events: Sequence[Event]) -> list[str]:
    """Titles, with the id where two events share a title."""
    titles = [e.title.casefold() for e in events]
    return [
        e.title if titles.count(e.title.casefold()) == 1 else f"{e.title} ({e.id})" for e in events
    ]


def pick_event(events: Sequence[Event], wanted: str) -> Event | Refused:
    """By id, else by whole title, else by part of the title - each only when one fits."""
    name = wanted.strip()
    if not name:
        return _refused(Refusal.EVENT_UNKNOWN, wanted, _event_names(events))
    for rule in (
        lambda e: e.id == name,
        lambda e: e.title.casefold() == name.casefold(),
        lambda e: name.casefold() in e.title.casefold(),
    ):
        found = [e for e in events if rule(e)]
        if len(found) == 1:
            return found[0]
        if found:
            return _refused(Refusal.EVENT_AMBIGUOUS, wanted, _event_names(found))
    return _refused(Refusal.EVENT_UNKNOWN, wanted, _event_names(events))


# --- dates ----------------------------------------------------------------------------------


def date_choice(slot: EventDate) -> str:
    """A date as ``--date`` takes it (UTC, to the minute), with its free places."""
    start = slot.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    return f"{start} ({slot.available_slots})"


def _moment(text: str) -> datetime | None:
    match = _MOMENT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if zone in (None, "Z"):
            return moment.replace(tzinfo=UTC)
        return datetime.fromisoformat(f"{moment.isoformat()}{zone}").astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def pick_date(dates: Sequence[EventDate], wanted: str) -> EventDate | Refused:
    """By id; by start (``YYYY-MM-DDTHH:MM``, UTC unless an offset is given); or by day
    (``YYYY-MM-DD``) when that day has exactly one date. Never by a prefix of anything."""
    text = wanted.strip()
    every = [date_choice(d) for d in dates]
    exact = [d for d in dates if d.id == text]
    if text and len(exact) == 1:
        return exact[0]
    day = read_day(text)
    if isinstance(day, date):
        that_day = [d for d in dates if d.date.astimezone(UTC).date() == day]
        if len(that_day) == 1:
            return that_day[0]
        if that_day:
            return _refused(Refusal.DATE_AMBIGUOUS, wanted, [date_choice(d) for d in that_day])
        return _refused(Refusal.DATE_UNKNOWN, wanted, every)
    moment = _moment(text)
    if moment is None:
        return _refused(Refusal.DATE_UNREADABLE, wanted, every)
    precise = _MOMENT.fullmatch(text)
    with_seconds = precise is not None and precise.group(6) is not None
    found = [
        d
        for d in dates
        if (d.date if with_seconds else d.date.replace(second=0, microsecond=0)) == moment
    ]
    if len(found) == 1:
        return found[0]
    if found:
        return _refused(Refusal.DATE_AMBIGUOUS, wanted, [f"{date_choice(d)} {d.id}" for d in found])
    same_day = [date_choice(d) for d in dates if d.date.astimezone(UTC).date() == moment.date()]
    return _refused(Refusal.DATE_UNKNOWN, wanted, same_day or every)


# --- participants ---------------------------------------------------------------------------


def price_choice(price: Price) -> str:
    """A price as ``--participants`` takes it: its title, and its category when that differs."""
    category = price.category or ""
    if category and category.casefold() != price.title.casefold():
        return f"{price.title or price.id} [{category}]"
    return price.title or price.id


def _prices_named(prices: Sequence[Price], name: str) -> list[Price]:
    folded = name.casefold()
    return [
        p
        for p in prices
        if name == p.id
        or (p.title and p.title.casefold() == folded)
        or (p.category and p.category.casefold() == folded)
    ]


def read_participants(event: Event, specs: Sequence[str]) -> dict[str, int] | Refused:
    """``NAME=N`` per price: NAME is the price's id, title or category (each only when it
    names exactly one price of this event), N is 0 to MAX_COUNT in the digits 0-9."""
    all_prices = [price_choice(p) for p in event.prices]
    counts: dict[str, int] = {}
    for spec in specs:
        name, equals, number = spec.partition("=")
        name, number = name.strip(), number.strip()
        if not equals or not name or not _ASCII_DIGITS.fullmatch(number):
            return _refused(Refusal.PARTICIPANTS_UNREADABLE, spec, all_prices)
        digits = number.lstrip("0") or "0"
        if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
            return _refused(Refusal.COUNT_TOO_LARGE, spec, limit=MAX_COUNT)
        named = _prices_named(event.prices, name)
        if not named:
            return _refused(Refusal.PRICE_UNKNOWN, spec, all_prices)
        if len(named) > 1:
            return _refused(
                Refusal.PRICE_AMBIGUOUS, spec, [f"{price_choice(p)} ({p.id})" for p in named]
            )
        price = named[0]
        if price.id in counts:
            return _refused(Refusal.PRICE_TWICE, spec, [price_choice(price)])
        counts[price.id] = int(digits)
    return counts


# --- days -----------------------------------------------------------------------------------


def read_day(text: str) -> date | Refused:
    """``YYYY-MM-DD`` in the digits 0-9, any day the calendar has (0001-01-01 to 9999-12-31)."""
    match = _DAY.fullmatch(text.strip())
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    return _refused(Refusal.DAY_UNREADABLE, text)
