"""Benchmark part: cold start to a window ready for a scan, against a bare PySide6 window.

"Ready" is the window painted with its code field focused (start-up work behind it, such as
reconciling open redemptions, may still run); both report it themselves (the counter window
when VOUCHERDESK_REPORT_READY is set, see ui/common/ready_probe.py), with their resident memory
at that moment and three seconds later. The time runs from starting the process to that line.
Runs alternate between the two so a busy machine slows both alike; medians are compared.
Where valgrind is installed, each is also run once under callgrind, ending at that line: its
count of instructions to ready does not change with the machine's load, unlike the time.

    uv run python tests/benchmarks/cold_start.py [--runs 7] [--bundle dist/VoucherDesk/VoucherDesk]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import HERE, ROOT, Row, bench_env, emit, median

BUNDLE = ROOT / "dist" / "VoucherDesk" / "VoucherDesk"


def start(command: list[str]) -> tuple[float, float, float, float]:
    """Seconds to ready, resident MB at ready and three seconds later, CPU seconds to ready."""
    env = bench_env()
    env["VOUCHERDESK_REPORT_READY"] = "quit"
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    ready = at_ready = settled = cpu = 0.0
    for line in child.stdout:
        if not line.startswith("{"):
            continue
        said = json.loads(line)
        if said.get("event") == "ready":
            ready = time.perf_counter() - started
            cpu = float(said["cpu_s"])
            at_ready = said["rss_kb"] / 1024
        elif said.get("event") == "settled":
            settled = said["rss_kb"] / 1024
    if child.wait(60) != 0 or not ready:
        raise RuntimeError(f"{command} did not report ready (exit {child.returncode})")
    return ready, at_ready, settled, cpu


def instructions(command: list[str]) -> int:
    """Instructions from starting ``command`` to its ready line, counted by callgrind (the
    process ends at that line; child processes are counted too)."""
    env = bench_env()
    env["VOUCHERDESK_REPORT_READY"] = "exit"
    with tempfile.TemporaryDirectory(prefix="voucherdesk-callgrind-") as folder:
        valgrind = ["valgrind", "--tool=callgrind", "--trace-children=yes"]
        try:
            done = subprocess.run(  # our own command under valgrind
                [*valgrind, f"--callgrind-out-file={folder}/callgrind.%p", *command],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=300,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            # A bundle built before the probe knew "exit" never ends: build it again.
            raise RuntimeError(f"{command} did not end at ready under callgrind") from exc
    counts = [int(n.replace(",", "")) for n in re.findall(r"Collected : ([\d,]+)", done.stderr)]
    if done.returncode != 0 or '"ready"' not in done.stdout or not counts:
        raise RuntimeError(f"{command} under callgrind did not report ready: {done.stderr[-500:]}")
    return sum(counts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    commands = {
        "bare": [sys.executable, str(HERE / "bare_window.py")],
        "source tree": [sys.executable, "-m", "voucherdesk", "--demo"],
    }
    if args.bundle.exists() and os.access(args.bundle, os.X_OK):
        commands["Linux bundle"] = [str(args.bundle), "--demo"]
    for command in commands.values():
        start(command)  # compiled bytecode written, files in the page cache: as a second start
    seen: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seen[name].append(start(command))
    counted: dict[str, int] = {}
    if not args.smoke and shutil.which("valgrind") is not None:
        counted = {name: instructions(command) for name, command in commands.items()}
    bare_s = median([run[0] for run in seen["bare"]])
    bare_mb = median([run[1] for run in seen["bare"]])
    bare_cpu = median([run[3] for run in seen["bare"]])
    for name in commands:
        if name == "bare":
            continue
        secs = median([run[0] for run in seen[name]])
        mb = median([run[1] for run in seen[name]])
        later = median([run[2] for run in seen[name]])
        cpu = median([run[3] for run in seen[name]])
        emit(
            Row(
                f"cold start to ready, {name}",
                secs / bare_s,
                2.0,
                "x bare window",
                f"{secs:.2f} s vs {bare_s:.2f} s; CPU {cpu:.2f} s vs {bare_cpu:.2f} s",
            )
        )
        if name in counted:
            ours, bare = counted[name], counted["bare"]
            emit(
                Row(
                    f"cold start to ready in instructions, {name}",
                    ours / bare,
                    2.0,
                    "x bare window",
                    f"callgrind: {ours / 1e6:,.0f} M vs {bare / 1e6:,.0f} M instructions",
                )
            )
        emit(
            Row(
                f"resident memory at ready, {name}",
                mb / bare_mb,
                1.8,
                "x bare window",
                f"{mb:.0f} MB vs {bare_mb:.0f} MB; {later:.0f} MB 3 s later",
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
