"""`voucherdesk --demo redeem` as a separate process: quote, confirmation, refusals."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers.cli_runs import bookable, run_cli

from voucherdesk.standin import StandinServer
from voucherdesk.standin.seed import DEMO_CODES

pytestmark = pytest.mark.slow


def redeem(
    home: Path, server: StandinServer, role: str, *, participants: str = "", yes: bool = True
) -> subprocess.CompletedProcess[str]:
    """Redeem the demo voucher ``role`` for one participant at the first bookable date."""
    title, start, price = bookable(server)
    args = ["--demo", "redeem", DEMO_CODES[role], "--event", title, "--date", start]
    args += ["--participants", participants or f"{price}=1"]
    return run_cli([*args, "--yes"] if yes else args, home)


def test_demo_redeem_books_and_shows_the_result(app_home: Path, standin: StandinServer) -> None:
    result = redeem(app_home, standin, "large")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Drawn from voucher:" in result.stdout  # the quote was shown before booking
    assert "Result:" in result.stdout
    assert "Booked" in result.stdout
    assert "Booking:" in result.stdout
    assert "Value left:" in result.stdout


def test_redeem_needs_confirmation_without_a_terminal(
    app_home: Path, standin: StandinServer
) -> None:
    result = redeem(app_home, standin, "fresh", yes=False)
    assert result.returncode == 2
    assert "Not confirmed" in result.stderr
    assert "Result:" not in result.stdout


def test_redeem_refuses_a_used_up_voucher(app_home: Path, standin: StandinServer) -> None:
    result = redeem(app_home, standin, "used_up")
    assert result.returncode == 1
    assert "Result:" not in result.stdout
    assert "used" in result.stdout.lower()


def test_redeem_explains_unreadable_participants(app_home: Path, standin: StandinServer) -> None:
    result = redeem(app_home, standin, "fresh", participants="Dragon=two")
    assert result.returncode == 2
    assert "Prices of this event" in result.stderr
