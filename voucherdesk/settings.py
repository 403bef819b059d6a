"""The counter's settings that are not secret, as one pydantic model saved as JSON.

Secrets (client id and secret, the access token) never pass through here: they live in the OS
keyring (see ``credentials.py``). A damaged settings file is set aside, never overwritten; what
can be read of it is kept, marked ``recovered_from``, and the counter asks for the setup before
it redeems for real again (``LoadedSettings.needs_setup``).
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from voucherdesk.bookingkit.guesses import TopUpMethod
from voucherdesk.clock import utc_now
from voucherdesk.desk.codes import CaseRule, ScanRules
from voucherdesk.desk.payload import (
    DEFAULT_PARAMETER,
    MAX_PATTERN_LENGTH,
    PARAMETER_PATTERN,
    PatternRefusal,
    PayloadMode,
    PayloadRule,
    check_pattern,
)
from voucherdesk.desk.staff import MAX_NAME_LENGTH, Clerk, Staff
from voucherdesk.local_files import (
    FileDamaged,
    FileKind,
    FileProblem,
    FileTrouble,
    read_json,
    set_aside,
    trouble_of,
    write_private_text,
)

log = logging.getLogger(__name__)

EnvironmentName = Literal["production", "sandbox", "custom"]
Terminator = Literal["enter", "tab", "none"]


# The counter id starts every booking's external reference, which bookingkit's order filter
# takes as a comma-separated list: letters, digits, "_" and "-" only.
COUNTER_ID_PATTERN = "[A-Za-z0-9_-]{1,40}"


def _default_counter_id() -> str:
    host = "".join(
        c for c in socket.gethostname().lower() if c.isascii() and (c.isalnum() or c == "-")
    )
    return (host or "counter")[:24]


class ScanSettings(BaseModel):
    """How scanner output becomes a voucher code."""

    model_config = ConfigDict(extra="ignore")

    prefix: str = ""
    suffix: str = ""
    remove_spaces_and_dashes: bool = False
    case: Literal["keep", "upper", "lower"] = "keep"
    # The slowest key gap learned from this counter's scanners (scanner check, accepted scans);
    # None until learned. It sets how long keys are held back, never above 60 ms (see
    # desk/key_timing.py). Files with the old fixed "max_key_interval_ms" just lose it.
    key_gap_ms: float | None = Field(default=None, gt=0, le=60)
    terminator: Terminator = "enter"
    no_terminator_timeout_ms: int = Field(default=80, ge=20, le=2000)
    min_length: int = Field(default=4, ge=1, le=64)
    # Where the code sits in a scanned link or text (desk/payload.py); the same for scanner,
    # camera and typing. "auto": a bare code, or a link's `code` parameter, else its last path
    # segment.
    payload: Literal["auto", "query", "path", "pattern"] = "auto"
    payload_parameter: str = Field(
        default=DEFAULT_PARAMETER, pattern=f"^{PARAMETER_PATTERN}$", max_length=64
    )
    payload_pattern: str = Field(default="", max_length=MAX_PATTERN_LENGTH)

    @model_validator(mode="after")
    def _pattern_is_safe(self) -> ScanSettings:
        # Only a pattern that check_pattern accepts is ever stored: a refused one would
        # otherwise fail every scan.
        if self.payload == "pattern" and isinstance(
            check_pattern(self.payload_pattern), PatternRefusal
        ):
            raise ValueError("payload_pattern is refused by check_pattern")
        return self

    def rules(self) -> ScanRules:
        """The desk's rules for turning scanned text into a code."""
        return ScanRules(
            prefix=self.prefix,
            suffix=self.suffix,
            remove_spaces_and_dashes=self.remove_spaces_and_dashes,
            case=CaseRule(self.case),
            payload=PayloadRule(
                mode=PayloadMode(self.payload),
                parameter=self.payload_parameter,
                pattern=self.payload_pattern,
            ),
        )


class CameraSettings(BaseModel):
    """Scanning with the camera: off until the clerk turns it on."""

    model_config = ConfigDict(extra="ignore")

    enabled: bool = False
    # The camera last chosen (Qt's device id, hex); empty: the system's default camera.
    device: str = Field(default="", max_length=512)


class ClerkSettings(BaseModel):
    """One clerk: a name and the salted hash of their PIN (desk/staff.py), never the PIN."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    pin_hash: str = Field(min_length=1, max_length=512)
    admin: bool = False


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    environment: EnvironmentName = "production"
    custom_url: str | None = None
    counter_id: str = Field(
        default_factory=_default_counter_id, pattern=f"^{COUNTER_ID_PATTERN}$", max_length=40
    )
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    order_language: str = Field(default="de", min_length=2, max_length=2)
    top_up_method: TopUpMethod = "Cash"
    scan: ScanSettings = Field(default_factory=ScanSettings)
    camera: CameraSettings = Field(default_factory=CameraSettings)
    language: Literal["system", "en", "de"] = "system"
    theme: Literal["system", "light", "dark"] = "system"
    result_delay_s: int = Field(default=6, ge=1, le=120)
    sounds: bool = True
    request_timeout_s: float = Field(default=10.0, ge=1.0, le=120.0)
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    # The counter's PIN lock: only a salted hash (desk/pin.py), never the PIN itself.
    pin_hash: str | None = None
    lock_after_idle_min: int = Field(default=0, ge=0, le=240)  # 0 = never by itself
    # The clerks who sign in at this counter (none: nobody signs in, as before), and kiosk
    # mode: settings, setup and quitting only with an admin PIN.
    clerks: list[ClerkSettings] = Field(default_factory=list, max_length=200)
    kiosk: bool = False
    # Set when these settings were salvaged from a damaged file (the name it was kept as):
    # the environment may not be the counter's, so only the setup (or `login`) clears it.
    recovered_from: str | None = Field(default=None, max_length=255)


# What a change of each setting asks for. Every field is in exactly one set (a test checks it),
# so a new setting must say whether the counter's services are rebuilt for it.
SERVICE_FIELDS = frozenset(  # the bookingkit client, desk and journal are built from these
    {
        "environment",
        "custom_url",
        "counter_id",
        "currency",
        "top_up_method",
        "order_language",
        "request_timeout_s",
        "recovered_from",
    }
)
LOOK_FIELDS = frozenset({"language", "theme"})  # the window is rebuilt in the new look
LIVE_FIELDS = frozenset(  # taken over while running
    {
        "scan",
        "camera",
        "result_delay_s",
        "sounds",
        "window_geometry",
        "pin_hash",
        "lock_after_idle_min",
        "clerks",
        "kiosk",
    }
)


def staff_of(settings: Settings) -> Staff:
    """The clerks of ``settings`` for the desk's checks."""
    return Staff.of(Clerk(name=c.name, pin_hash=c.pin_hash, admin=c.admin) for c in settings.clerks)


def with_staff(settings: Settings, staff: Staff) -> Settings:
    """``settings`` with ``staff`` as its clerks (a kiosk without any admin PIN is ended)."""
    clerks = [ClerkSettings(name=c.name, pin_hash=c.pin_hash, admin=c.admin) for c in staff.clerks]
    kiosk = settings.kiosk and (bool(staff.admins) or settings.pin_hash is not None)
    return settings.model_copy(update={"clerks": clerks, "kiosk": kiosk})


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """The clerk changed the settings from ``before`` to ``after``: what must follow."""

    before: Settings
    after: Settings

    @property
    def changed(self) -> frozenset[str]:
        return frozenset(
            name
            for name in Settings.model_fields
            if getattr(self.before, name) != getattr(self.after, name)
        )

    @property
    def reconnect(self) -> bool:
        """The bookingkit services must be built anew (another account, address, counter id)."""
        return bool(self.changed & SERVICE_FIELDS)

    @property
    def restyle(self) -> bool:
        """The window must be rebuilt in another language or theme."""
        return bool(self.changed & LOOK_FIELDS)

    def live_part(self, onto: Settings) -> Settings:
        """``onto`` with the live fields of ``after`` (demo mode keeps its own services)."""
        return onto.model_copy(update={name: getattr(self.after, name) for name in LIVE_FIELDS})


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    problem: FileProblem | None = None  # the file could not be used as it was

    @property
    def needs_setup(self) -> bool:
        """The bookingkit connection must be confirmed before real redemptions: the file was
        damaged now or earlier, so its environment and address may not be the counter's."""
        return self.problem is not None or self.settings.recovered_from is not None


def load_settings(path: Path) -> LoadedSettings:
    """The settings in ``path``; a file that cannot be used is set aside, never overwritten.

    What can still be read of a damaged file is kept (field by field), marked with
    ``recovered_from`` and saved in its place, so every later start - window or CLI - knows
    the connection must be set up again instead of falling back to production by surprise.
    """
    try:
        data = read_json(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except (OSError, FileDamaged) as exc:
        return _recover(path, None, trouble_of(exc))
    try:
        return LoadedSettings(Settings.model_validate(data))
    except (ValidationError, ValueError, RecursionError):
        return _recover(path, data, FileTrouble.DAMAGED)


def _salvage(data: object) -> dict[str, object]:
    """The fields of a damaged file that are valid on their own."""
    if not isinstance(data, dict):
        return {}
    kept: dict[str, object] = {}
    for name in Settings.model_fields:
        if name == "recovered_from" or name not in data:
            continue
        try:
            Settings.model_validate({name: data[name]})
        except (ValidationError, ValueError, RecursionError):
            continue
        kept[name] = data[name]
    return kept


def _recover(path: Path, data: object, trouble: FileTrouble) -> LoadedSettings:
    aside = set_aside(path, utc_now())
    salvaged = _salvage(data)
    settings = Settings.model_validate(
        {**salvaged, "recovered_from": aside.name if aside is not None else path.name}
    )
    problem = FileProblem(kind=FileKind.SETTINGS, trouble=trouble, path=path, kept_as=aside)
    log.warning("settings file %s is %s; set aside as %s", path, trouble.value, aside)
    if aside is not None:
        try:
            save_settings(settings, path)
        except OSError as exc:
            log.warning("recovered settings not saved: %s", exc)
    return LoadedSettings(settings, problem)


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically, owner-only: a crash mid-write leaves the old file, never half a file.
    Raises OSError when the file cannot be written."""
    write_private_text(path, settings.model_dump_json(indent=2))
