"""Running the `voucherdesk` command as a separate process, as a clerk or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from voucherdesk.standin import StandinServer


def run_cli(args: list[str], home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOUCHERDESK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "voucherdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def bookable(server: StandinServer) -> tuple[str, str, str]:
    """(event title, a start time with free places, a price title) from the demo seed. Every
    demo stand-in is seeded identically, so these also fit one in another process."""
    state = server.state
    for event in state.events():
        dates = state.event_dates(str(event["id"]), None, None, True)
        roomy = [d for d in dates if int(d["available_slots"]) >= 3]
        if roomy and event["prices"]:
            first_price = str(event["prices"][0]["title"])
            return str(event["title"]), str(roomy[0]["date"])[:16], first_price
    raise AssertionError("the demo seed has no bookable date")


@cache
def os_keyring_usable() -> bool:
    """Whether a fresh process finds a real OS keyring. Asked in a subprocess, because tests in
    this process may have swapped the keyring backend for an in-memory one."""
    probe = "from voucherdesk.credentials import keyring_usable; print(keyring_usable())"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return out.stdout.strip() == "True"
