"""The counter's settings that are not secret, as one pydantic model saved as JSON.

Secrets (client id and secret, the access token) never pass through here: they live in the OS
keyring (see ``credentials.py``). A damaged settings file is set aside, not overwritten, and the
app starts on defaults with a message saying where the old file went.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
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
    }
)


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
    problem: str | None = None  # a clerk-readable note when the file could not be used


def load_settings(path: Path) -> LoadedSettings:
    if not path.exists():
        return LoadedSettings(Settings())
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LoadedSettings(Settings.model_validate(data))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError):
        aside = path.with_name(f"{path.name}.damaged-{utc_now():%Y%m%d-%H%M%S}")
        try:
            os.replace(path, aside)
            where = f"It was kept as {aside.name}."
        except OSError:
            where = "It could not be moved aside."
        return LoadedSettings(
            Settings(),
            f"The settings file could not be read, so default settings are used. {where}",
        )


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = settings.model_dump_json(indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
