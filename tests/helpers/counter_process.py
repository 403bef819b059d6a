"""Start helpers.redeem_once in a real subprocess and read its JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from helpers.desk_setup import Booking

TESTS_DIR = Path(__file__).resolve().parent.parent


def start_counter(
    base_url: str,
    home: Path,
    booking: Booking,
    voucher_id: str,
    adults: int,
    *,
    counter: str,
    client_id: str,
    secret: str,
    wait_go: bool = False,
) -> subprocess.Popen[str]:
    args = [
        base_url,
        str(home),
        client_id,
        secret,
        counter,
        voucher_id,
        booking.event_id,
        booking.date_id,
        booking.adult,
        str(adults),
    ]
    if wait_go:
        args.append("--wait-go")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(TESTS_DIR), str(TESTS_DIR.parent), env.get("PYTHONPATH", "")]
    )
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.redeem_once", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=TESTS_DIR,
    )


def start_ticket_counter(
    base_url: str, home: Path, code: str, *, counter: str, client_id: str, secret: str
) -> subprocess.Popen[str]:
    """A counter process that redeems open-date ticket ``code`` ("this tour, now")."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(TESTS_DIR), str(TESTS_DIR.parent), env.get("PYTHONPATH", "")]
    )
    args = [base_url, str(home), client_id, secret, counter, code]
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.redeem_ticket_once", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=TESTS_DIR,
    )


def read_phase(proc: subprocess.Popen[str], phase: str) -> dict[str, Any]:
    """The next JSON line of ``proc`` (which must be ``phase``); blocks until it arrives."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        err = proc.stderr.read() if proc.stderr is not None else ""
        raise AssertionError(f"counter process ended without {phase!r}: {err[-2000:]}")
    data: dict[str, Any] = json.loads(line)
    assert data["phase"] == phase, data
    return data
