"""Benchmark part: the window's resident memory over a long day of redemptions.

The stand-in runs in a process of its own (as bookingkit is elsewhere); this process is the
counter window, built as ``voucherdesk --demo`` builds it, pointed at that stand-in. Each
redemption is a whole customer through the real window: scan, the booking panel with its
preselected experience and date, Enter, the result, the balance read after it, Esc. The
resident memory after 2,000 redemptions must be within 10 MB of that after 100.

    uv run python tests/benchmarks/all_day.py [--redemptions 2000] [--trace]

``--trace`` prints where Python memory grew between the first mark and the end (tracemalloc;
slow, for finding a leak, not for the figure).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.warning=false")

from common import Row, StandinProcess, emit, resident_kb
from counter import Driver, redeem
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from voucherdesk.app_context import DEMO_STANDIN_ENV
from voucherdesk.desk.flow import Booking
from voucherdesk.ui.app import CounterApp

MB = 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redemptions", type=int, default=2000)
    parser.add_argument("--first-mark", type=int, default=100)
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    vouchers = max(10, args.redemptions // 10 + 1)

    app = QApplication.instance() or QApplication(sys.argv)
    with StandinProcess() as standin:
        codes = standin.add_vouchers(vouchers, "DAY", 1_000_000)
        event = standin.add_event("All-day Tour", 10, 10_000_000)
        os.environ[DEMO_STANDIN_ENV] = standin.base_url
        counter = CounterApp(app, demo=True)
        session = counter.open()
        driver = Driver(session, counter.capture)
        driver.wait(lambda: session.controller.accepting)
        driver.scan_to_card(codes[0])
        chosen = next(e for e in session.controller.events if e.id == event["id"])
        session.controller.pick_event(chosen)
        driver.wait(
            lambda: (
                isinstance(session.controller.state, Booking)
                and session.controller.state.quote is not None
                and driver.idle()
            )
        )
        driver.enter_to_result()

        marks: dict[int, int] = {}
        started = time.perf_counter()
        snapshot = None
        for n in range(1, args.redemptions + 1):
            redeem(driver, codes[n % vouchers])
            if n == args.first_mark or n == args.redemptions or n % 250 == 0:
                gc.collect()
                driver.settle(200)
                marks[n] = resident_kb()
                objects = len(session.window.findChildren(QObject)) + len(
                    session.findChildren(QObject)
                )
                print(
                    f"  {n:5} redemptions: {marks[n] / MB:6.1f} MB, {objects} Qt objects,"
                    f" {len(gc.get_objects())} Python objects",
                    file=sys.stderr,
                )
                if args.trace and n == args.first_mark:
                    tracemalloc.start(12)
                    snapshot = tracemalloc.take_snapshot()
        took = time.perf_counter() - started
        if snapshot is not None:
            later = tracemalloc.take_snapshot()
            for stat in later.compare_to(snapshot, "traceback")[:12]:
                print(
                    f"{stat.size_diff / 1024:8.1f} KiB {stat.count_diff:+6} blocks", file=sys.stderr
                )
                for line in stat.traceback.format()[-8:]:
                    print("      " + line, file=sys.stderr)
        counter.shutdown()
    del app
    first, last = marks[args.first_mark], marks[args.redemptions]
    emit(
        Row(
            f"resident memory growth, redemption {args.first_mark:,} to {args.redemptions:,}",
            (last - first) / MB,
            10,
            "MB",
            f"{first / MB:.0f} -> {last / MB:.0f} MB; {took / args.redemptions * 1000:.0f} ms each",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
