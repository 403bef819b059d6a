"""Shared fixtures: headless Qt, an isolated app home, and the bookingkit stand-in."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Qt must pick its platform before the first QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from voucherdesk.standin import StandinServer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutation testing (tests/mutation.sh, in mutmut's copy of the project): fastest
    tests first, so a mutant fails its first test instead of after the slow ones."""
    if os.environ.get("MUTANT_UNDER_TEST", "") in ("", "stats", "list_all_tests", "fail"):
        return
    stats = Path("mutmut-stats.json")
    if not stats.is_file():
        return
    durations: dict[str, float] = json.loads(stats.read_text("utf-8"))["duration_by_test"]
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


@pytest.fixture(scope="session", autouse=True)
def qt_application(qapp: object) -> object:
    """The run's QApplication, made before any test: a command run in-process would make a
    QCoreApplication first, and the next widget of any later test would abort the run."""
    return qapp


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
