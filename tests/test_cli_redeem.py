"""`voucherdesk redeem` and `voucherdesk journal` as separate processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli_runs import bookable, run_cli

from voucherdesk.standin import StandinServer
from voucherdesk.standin.seed import DEMO_CODES

pytestmark = pytest.mark.slow


def test_demo_redeem_books_and_shows_the_result(app_home: Path, standin: StandinServer) -> None:
    title, start, price = bookable(standin)
    result = run_cli(
        [
            "--demo",
            "redeem",
            DEMO_CODES["large"],
            "--event",
            title,
            "--date",
            start,
            "--participants",
            f"{price}=1",
            "--yes",
        ],
        app_home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Drawn from voucher:" in result.stdout  # the quote was shown before booking
    assert "Result:      done" in result.stdout
    assert "Booking:" in result.stdout
    assert "Value left:" in result.stdout


def test_redeem_needs_confirmation_without_a_terminal(
    app_home: Path, standin: StandinServer
) -> None:
    title, start, price = bookable(standin)
    result = run_cli(
        [
            "--demo",
            "redeem",
            DEMO_CODES["fresh"],
            "--event",
            title,
            "--date",
            start,
            "--participants",
            f"{price}=1",
        ],
        app_home,
    )
    assert result.returncode == 2
    assert "Not confirmed" in result.stderr
    assert "Result:" not in result.stdout


def test_redeem_refuses_a_used_up_voucher(app_home: Path, standin: StandinServer) -> None:
    title, start, price = bookable(standin)
    result = run_cli(
        [
            "--demo",
            "redeem",
            DEMO_CODES["used_up"],
            "--event",
            title,
            "--date",
            start,
            "--participants",
            f"{price}=1",
            "--yes",
        ],
        app_home,
    )
    assert result.returncode == 1
    assert "Result:" not in result.stdout
    assert "used" in result.stdout.lower()


def test_redeem_explains_unreadable_participants(app_home: Path, standin: StandinServer) -> None:
    title, start, _price = bookable(standin)
    result = run_cli(
        [
            "--demo",
            "redeem",
            DEMO_CODES["fresh"],
            "--event",
            title,
            "--date",
            start,
            "--participants",
            "Dragon=two",
            "--yes",
        ],
        app_home,
    )
    assert result.returncode == 2
    assert "Prices of this event" in result.stderr
