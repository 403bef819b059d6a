"""The few settings the first screen needs, read before pydantic loads (issue #13, cold start).

The counter window is painted before the desk's services open: its look (theme, language),
where it stood (geometry) and who may use it (PIN lock, clerks, kiosk) come from here. Only
plain, valid values are taken; a file with anything else in these fields (a number as text, a
damaged file) gets no answer, and the caller reads it whole with ``settings.load_settings``,
which sets a damaged file aside. So whenever :func:`glance` answers, its answer equals
:meth:`FirstScreen.of` the fully read settings (a test checks both on many files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, cast

from voucherdesk.desk.staff import MAX_NAME_LENGTH, Clerk, Staff
from voucherdesk.local_files import FileDamaged, read_json

if TYPE_CHECKING:
    from pathlib import Path

    from voucherdesk.settings import Settings

Theme = Literal["system", "light", "dark"]
Language = Literal["system", "en", "de"]

# The bounds of these fields in settings.Settings (a test compares them with the model).
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
LANGUAGES: tuple[Language, ...] = ("system", "en", "de")
RESULT_DELAY_S = (1, 120)
LOCK_AFTER_IDLE_MIN = (0, 240)
MAX_CLERKS = 200
MAX_PIN_HASH = 512


@dataclass(frozen=True, kw_only=True)
class FirstScreen:
    """What the counter window shows and guards from its first paint on."""

    theme: Theme = "system"
    language: Language = "system"
    result_delay_s: int = 6
    window_geometry: str | None = None
    pin_hash: str | None = None
    lock_after_idle_min: int = 0
    staff: Staff = field(default_factory=Staff)
    kiosk: bool = False

    @classmethod
    def of(cls, settings: Settings) -> FirstScreen:
        # Loaded already wherever a Settings exists: no cost to the first screen.
        from voucherdesk.settings import staff_of

        return cls(
            theme=settings.theme,
            language=settings.language,
            result_delay_s=settings.result_delay_s,
            window_geometry=settings.window_geometry,
            pin_hash=settings.pin_hash,
            lock_after_idle_min=settings.lock_after_idle_min,
            staff=staff_of(settings),
            kiosk=settings.kiosk,
        )


class _Unsure(Exception):
    """A field that only the full read can judge."""


def glance(path: Path) -> FirstScreen | None:
    """The first screen's settings from ``path``, or None when only the full read can tell."""
    try:
        data = read_json(path)
    except FileNotFoundError:
        return FirstScreen()
    except (OSError, FileDamaged):
        return None
    if not isinstance(data, dict):
        return None
    default = FirstScreen()
    try:
        return FirstScreen(
            theme=cast("Theme", _choice(data, "theme", THEMES, default.theme)),
            language=cast("Language", _choice(data, "language", LANGUAGES, default.language)),
            result_delay_s=_whole(data, "result_delay_s", RESULT_DELAY_S, default.result_delay_s),
            window_geometry=_text_or_none(data, "window_geometry"),
            pin_hash=_text_or_none(data, "pin_hash"),
            lock_after_idle_min=_whole(
                data, "lock_after_idle_min", LOCK_AFTER_IDLE_MIN, default.lock_after_idle_min
            ),
            staff=_staff(data.get("clerks", [])),
            kiosk=_flag(data.get("kiosk", default.kiosk)),
        )
    except _Unsure:
        return None


def _choice(data: dict[str, object], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or value not in allowed:
        raise _Unsure(name)
    return value


def _whole(data: dict[str, object], name: str, bounds: tuple[int, int], default: int) -> int:
    value = data.get(name, default)
    # bool is an int in Python, not in the settings file; "5" and 5.0 are for the full read
    if type(value) is not int or not bounds[0] <= value <= bounds[1]:
        raise _Unsure(name)
    return value


def _text_or_none(data: dict[str, object], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise _Unsure(name)
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Unsure("flag")
    return value


def _text(value: object, longest: int) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= longest:
        raise _Unsure("text")
    return value


def _staff(value: object) -> Staff:
    if not isinstance(value, list) or len(value) > MAX_CLERKS:
        raise _Unsure("clerks")
    clerks = []
    for entry in value:
        if not isinstance(entry, dict):
            raise _Unsure("clerk")
        clerks.append(
            Clerk(
                name=_text(entry.get("name"), MAX_NAME_LENGTH),
                pin_hash=_text(entry.get("pin_hash"), MAX_PIN_HASH),
                admin=_flag(entry.get("admin", False)),
            )
        )
    return Staff.of(clerks)
