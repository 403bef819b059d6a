"""Every speed figure of issue #13 in one table: figure, measured, budget, ratio.

    uv run python tests/benchmarks/run_all.py            # everything (about 20 minutes)
    uv run python tests/benchmarks/run_all.py --markdown # the same, as the README's table
    uv run python tests/benchmarks/run_all.py --smoke    # each part once, small (a check)

Each part runs in a fresh process of its own against a stand-in in yet another process, with
latency injected at the stand-in (see common.py): counter.py (the real window, offscreen),
index.py, cold_start.py (the source tree and the Linux bundle, built first unless
--no-bundle), all_day.py. A ratio below 1.0 is within budget. Timings depend on the machine
and on what else runs on it: the header says when, where and under which load they were taken.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time

from common import ROOT, Row, run_part


def build_bundle() -> bool:
    """packaging/build_linux.sh (PyInstaller and the bundle's self-test); False if it fails."""
    print("  building the Linux bundle (packaging/build_linux.sh)…", file=sys.stderr)
    done = subprocess.run(  # our own script
        ["bash", str(ROOT / "packaging" / "build_linux.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stdout[-2000:] + done.stderr[-2000:], file=sys.stderr)
    return done.returncode == 0


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    import PySide6

    return (
        f"{datetime.date.today().isoformat()}, {platform.system()} {platform.release()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}"
    )


def ratio(row: Row) -> str:
    if row.ratio is None:
        return "ok" if row.within else "over"
    return f"{row.ratio:.2f}"


def measured(row: Row) -> str:
    if row.unit in ("requests",):
        return f"{row.measured:g} {row.unit}"
    if row.unit == "ms" and row.measured < 1:
        return f"{row.measured:.3f} ms"
    digits = 2 if row.measured < 100 else 0
    return f"{row.measured:.{digits}f} {row.unit}"


def budget(row: Row) -> str:
    return f"{row.budget:g} {row.unit}"


def text_table(rows: list[Row]) -> str:
    cells = [(r.figure, measured(r), budget(r), ratio(r), r.note) for r in rows]
    head = ("figure", "measured", "budget", "ratio", "note")
    widths = [max(len(str(c[i])) for c in [head, *cells]) for i in range(4)]
    lines = []
    for cell in [head, *cells]:
        lines.append(
            "  ".join(str(cell[i]).ljust(widths[i]) if i == 0 else str(cell[i]).rjust(widths[i])
                      for i in range(4))
            + "  " + cell[4]
        )  # fmt: skip
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| Figure | Measured | Budget | Ratio | Note |", "|---|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r.figure} | {measured(r)} | {budget(r)} | {ratio(r)} | {r.note} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="each part once, small")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON lines")
    parser.add_argument("--no-bundle", action="store_true", help="leave the Linux bundle out")
    parser.add_argument("--reuse-bundle", action="store_true", help="do not rebuild dist/")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    where, load_before = machine(), load()
    print(f"measuring on {where}, load average {load_before}", file=sys.stderr)

    parts: list[tuple[str, list[str]]]
    if args.smoke:
        parts = [
            ("counter.py", ["--smoke", "--idle-s", "1"]),
            ("index.py", ["--smoke"]),
            ("cold_start.py", ["--smoke", "--bundle", "/nonexistent"]),
            ("all_day.py", ["--redemptions", "12", "--first-mark", "6"]),
        ]
    else:
        bundle_args = ["--bundle", "/nonexistent"]
        bundle = ROOT / "dist" / "VoucherDesk" / "VoucherDesk"
        if not args.no_bundle and ((args.reuse_bundle and bundle.exists()) or build_bundle()):
            bundle_args = ["--bundle", str(bundle)]
        parts = [
            ("counter.py", ["--runs", str(args.runs)]),
            ("index.py", []),
            ("cold_start.py", ["--runs", str(args.runs), *bundle_args]),
            ("all_day.py", []),
        ]
    rows: list[Row] = []
    for script, part_args in parts:
        rows += run_part(script, *part_args)

    took = time.perf_counter() - started
    print(f"\nMeasured {where}.")
    print(f"Load average {load_before} before, {load()} after; {took / 60:.0f} min in all.\n")
    if args.json:
        print("\n".join(row.to_json() for row in rows))
    else:
        print(markdown_table(rows) if args.markdown else text_table(rows))
    over = [r.figure for r in rows if not r.within]
    if over:
        print(f"\nOver budget: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
