"""The one source of "now", so tests and the stand-in can move time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(UTC)
