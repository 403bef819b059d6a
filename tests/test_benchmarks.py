"""The benchmark command stays runnable: every part once, small (tests/benchmarks/run_all.py).

Nothing here is about time. What is checked are the counts the benchmark takes at the stand-in,
which do not depend on the machine: requests per redemption, requests while the window stands
idle, requests of a full index refresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent / "benchmarks"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_benchmark_command_runs_and_reports_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run_all.py"), "--smoke", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {
        row["figure"]: row
        for row in (
            json.loads(line)["row"] for line in done.stdout.splitlines() if line.startswith("{")
        )
    }
    expected = (
        "requests per redemption",
        "requests per redemption with top-up",
        "GUI stall, redemption at 0 ms/call",
        "GUI stall, full refresh of 1,000 vouchers",
        "requests in an idle hour, window open",
        "full index refresh, 5,000 vouchers, page cap 10,000",
        "peak memory of that refresh above idle",
        "index lookup at 1,000 vouchers",
        "index lookup at 5,000 vouchers",
        "index lookup during a full refresh",
        "cold start to ready, source tree",
        "resident memory at ready, source tree",
        "resident memory growth, redemption 6 to 12",
    )
    assert sorted(rows) == sorted(expected)
    assert rows["requests per redemption"]["measured"] == 6
    assert rows["requests per redemption with top-up"]["measured"] == 7
    assert rows["requests in an idle hour, window open"]["measured"] == 0
    assert rows["full index refresh, 5,000 vouchers, page cap 10,000"]["measured"] == 1


@pytest.mark.parametrize(
    ("wanted", "events"),
    [("quit", ["ready", "settled"]), ("exit", ["ready"])],
)
def test_the_counter_window_reports_when_it_is_ready_for_a_scan(
    wanted: str, events: list[str], tmp_path: Path
) -> None:
    """The cold-start benchmark's yardstick: `voucherdesk --demo` says when its window is
    painted with the code field focused; "quit" ends it after the settled line, "exit" right
    after the ready line (the count of instructions must stop there)."""
    done = subprocess.run(
        [sys.executable, "-m", "voucherdesk", "--demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "VOUCHERDESK_HOME": str(tmp_path),
            "VOUCHERDESK_REPORT_READY": wanted,
        },
    )
    assert done.returncode == 0, done.stderr[-3000:]
    said = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert [line["event"] for line in said] == events
    assert said[0]["rss_kb"] > 0
    assert said[0]["cpu_s"] > 0
