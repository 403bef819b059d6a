"""Shared fixtures: headless Qt, an isolated app home, and the bookingkit stand-in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Qt must pick its platform before the first QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from voucherdesk.standin import StandinServer


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data dirs, so nothing touches the real user's files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("VOUCHERDESK_HOME", str(home))
    return home


@pytest.fixture
def standin() -> Iterator[StandinServer]:
    """The stand-in with the seeded demo data, over real loopback HTTP."""
    from voucherdesk.standin import StandinServer

    with StandinServer(seed="demo") as server:
        yield server


@pytest.fixture
def empty_standin() -> Iterator[StandinServer]:
    """The stand-in with only the demo API client and no data."""
    from voucherdesk.standin import StandinServer

    with StandinServer(seed="empty") as server:
        yield server
