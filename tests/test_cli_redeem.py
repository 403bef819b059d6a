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


def test_a_top_up_without_a_terminal_is_left_open_and_said_so(
    app_home: Path, standin: StandinServer
) -> None:
    result = redeem(app_home, standin, "small")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Top-up due" in result.stdout
    assert "Top-up not noted as taken" in result.stdout  # nobody was asked


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


def kayak_slot(server: StandinServer) -> str:
    """A start of the demo's kayak tour (add-ons and a question) with room for two."""
    state = server.state
    (kayak,) = [e for e in state.events() if e["title"] == "Harbour Kayak Tour"]
    dates = state.event_dates(str(kayak["id"]), None, None, True)
    return next(str(d["date"])[:16] for d in dates if int(d["available_slots"]) >= 2)


def redeem_kayak(
    home: Path, server: StandinServer, *extra: str
) -> subprocess.CompletedProcess[str]:
    args = ["--demo", "redeem", DEMO_CODES["large"], "--event", "Kayak"]
    args += ["--date", kayak_slot(server), "--participants", "Adult=2", *extra, "--yes"]
    return run_cli(args, home)


def test_redeem_books_add_ons_the_customer_and_answers(
    app_home: Path, standin: StandinServer
) -> None:
    result = redeem_kayak(
        app_home,
        standin,
        *("--product", "Photo package=1", "mug=2"),
        *("--name", "Erika Mustermann", "--email", "erika@example.org"),
        *("--answer", "can swim", "--answer", "size 39", "--comment", "Birthday"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "1 x Photo package" in out
    assert "2 x Souvenir mug" in out
    assert "Total:               €109.80" in out  # 2 x 39.00 + 12.00 + 2 x 9.90
    assert "Name:                Erika Mustermann" in out
    assert "1. Adult:            can swim" in out
    assert "2. Adult:            size 39" in out
    assert "Booked" in out


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("a=1", "a fits several add-ons: Photo package, Dry bag rental. Name one of them."),
        ("Dragon=1", "No add-on of this experience is called Dragon. Add-ons: Photo package,"),
        ("photo=one", "Cannot read photo=one (use NAME=N)."),
        ("Wine pairing=1", "No add-on of this experience is called Wine pairing."),
    ],
)
def test_redeem_refuses_add_ons_it_cannot_pick_with_the_choices(
    app_home: Path, standin: StandinServer, spec: str, words: str
) -> None:
    result = redeem_kayak(app_home, standin, "--product", spec)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Result:" not in result.stdout


def test_redeem_refuses_more_answers_than_participants(
    app_home: Path, standin: StandinServer
) -> None:
    result = redeem_kayak(app_home, standin, *("--answer", "a", "--answer", "b", "--answer", "c"))
    assert result.returncode == 1
    assert "more answers (3) than participants (2)" in result.stderr
