"""The command line against the stand-in, as separate processes over loopback HTTP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli_runs import bookable, os_keyring_usable, run_cli

from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Fault, StandinServer
from voucherdesk.standin.seed import DEMO_CODES

pytestmark = pytest.mark.slow


@pytest.fixture
def standin_process(app_home: Path) -> Iterator[str]:
    """`voucherdesk standin --port 0` in its own process; yields its base URL."""
    env = {**os.environ, "VOUCHERDESK_HOME": str(app_home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "voucherdesk", "standin", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                url = match.group(1)
                break
        assert url, "the stand-in did not start"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_demo_lookup_shows_the_voucher(app_home: Path) -> None:
    result = run_cli(["--demo", "lookup", DEMO_CODES["partly_used"]], app_home)
    assert result.returncode == 0, result.stderr
    assert DEMO_CODES["partly_used"] in result.stdout
    assert "Remaining:" in result.stdout
    assert "Redemptions:" in result.stdout


def test_lookup_without_credentials_says_what_to_do(app_home: Path) -> None:
    result = run_cli(["lookup", "ANY-CODE"], app_home)
    assert result.returncode != 0
    assert "login" in result.stderr or "keyring" in result.stderr


@pytest.mark.keyring
def test_login_then_lookup_against_a_separate_standin(app_home: Path, standin_process: str) -> None:
    if not os_keyring_usable():
        pytest.skip("no Secret Service running (tests/run-all.sh starts one)")
    login = run_cli(
        [
            "login",
            "--environment",
            "custom",
            "--url",
            standin_process,
            "--client-id",
            DEMO_CLIENT_ID,
            "--client-secret-stdin",
        ],
        app_home,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )
    assert login.returncode == 0, login.stderr
    assert "credentials are in the keyring" in login.stdout
    settings_text = (app_home / "config" / "settings.json").read_text(encoding="utf-8")
    assert DEMO_CLIENT_SECRET not in settings_text

    try:
        found = run_cli(["lookup", DEMO_CODES["fresh"]], app_home)
        assert found.returncode == 0, found.stderr
        assert DEMO_CODES["fresh"] in found.stdout
        assert "Remaining:" in found.stdout

        unknown = run_cli(["lookup", "NO-SUCH-CODE-123"], app_home)
        assert unknown.returncode == 1
        assert "no voucher" in unknown.stdout.lower()

        with StandinServer(seed="demo") as twin:  # seeded like the separate stand-in
            title, start, price = bookable(twin)
        booked = run_cli(
            [
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
        assert booked.returncode == 0, booked.stdout + booked.stderr
        code = next(
            line.split()[-1] for line in booked.stdout.splitlines() if line.startswith("Booking:")
        )
        listed = run_cli(["journal", "--reconcile"], app_home)
        assert listed.returncode == 0, listed.stderr
        assert code in listed.stdout
        assert DEMO_CODES["large"] in listed.stdout
        assert " Redeemed " in listed.stdout
    finally:
        logout = run_cli(["logout"], app_home)
        assert logout.returncode == 0, logout.stderr

    after = run_cli(["lookup", DEMO_CODES["fresh"]], app_home)
    assert after.returncode == 3
    for path in app_home.rglob("*"):
        if path.is_file():
            assert DEMO_CLIENT_SECRET.encode() not in path.read_bytes(), path


@pytest.mark.keyring
def test_damaged_journal_stops_the_cli_with_words_and_is_kept(
    app_home: Path, standin: StandinServer
) -> None:
    if not os_keyring_usable():
        pytest.skip("no Secret Service running (tests/run-all.sh starts one)")
    args = ["login", "--environment", "custom", "--url", standin.base_url]
    args += ["--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"]
    assert run_cli(args, app_home, stdin=DEMO_CLIENT_SECRET + "\n").returncode == 0
    try:
        journal = app_home / "data" / "journal.sqlite3"
        journal.parent.mkdir(parents=True, exist_ok=True)
        garbage = b"this is not a database" * 100
        journal.write_bytes(garbage)

        result = run_cli(["journal"], app_home)

        assert result.returncode == 3
        assert "journal" in result.stderr
        assert "Traceback" not in result.stderr
        assert journal.read_bytes() == garbage  # left exactly as it was
    finally:
        run_cli(["logout"], app_home)


@pytest.mark.keyring
def test_login_twice_and_after_a_failed_test_call_needs_one_token(
    app_home: Path, standin: StandinServer
) -> None:
    """#9.9 / #12.9 across processes and the real keyring: a failed login keeps its token, and
    logging in again within the hour reuses it instead of reporting another counter."""
    if not os_keyring_usable():
        pytest.skip("no Secret Service running (tests/run-all.sh starts one)")
    args = ["login", "--environment", "custom", "--url", standin.base_url]
    args += ["--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"]
    standin.faults.add(Fault("error", method="GET", path="/v3/vendors", status=503, times=3))
    try:
        failed = run_cli(args, app_home, stdin=DEMO_CLIENT_SECRET + "\n")
        assert failed.returncode == 1
        assert "token was kept" in failed.stderr
        first = run_cli(args, app_home, stdin=DEMO_CLIENT_SECRET + "\n")
        second = run_cli(args, app_home, stdin=DEMO_CLIENT_SECRET + "\n")
        for done in (first, second):
            assert done.returncode == 0, done.stderr
            assert "another counter" not in (done.stdout + done.stderr).lower()
        assert standin.state.token_requests == 1
    finally:
        run_cli(["logout"], app_home)
