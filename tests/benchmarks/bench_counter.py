"""Benchmark: how quickly the counter window answers a scan, as ratios to the counter's budgets.

Drives the real window (offscreen Qt, real event loop) on the in-process demo stand-in, with an
optional simulated network round trip added to every bookingkit call, and measures per scan:
  scan -> "checking…" card on screen      budget  50 ms  (design: "appears at once")
  scan -> voucher card with its verdict    budget 300 ms + the round trips it needs
  Enter -> result screen (booking done)    budget 1 s    + the round trips it needs
A ratio below 1.0 is within budget.

    QT_QPA_PLATFORM=offscreen uv run python tests/benchmarks/bench_counter.py [RTT_MS] [SCANS]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.warning=false")  # offscreen size-hint chatter

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from voucherdesk.app_context import open_demo
from voucherdesk.desk.flow import Booking, CardShown, Checking, ResultShown, State
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterSession
from voucherdesk.ui.counter.status_strip import CallFeed


def wait_for(session: CounterSession, test: Callable[[State], bool], limit_s: float = 30) -> float:
    """Spin the event loop until the flow reaches a state; returns when (perf_counter)."""
    deadline = time.perf_counter() + limit_s
    while not test(session.controller.state):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"stuck in {type(session.controller.state).__name__}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return time.perf_counter()


def main(rtt_ms: int = 0, scans: int = 10) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    feed = CallFeed()
    context = open_demo(observer=feed.observe)
    assert context.standin is not None
    session = CounterSession(context, feed)
    session.window.show()
    session.start()
    wait_for(session, lambda _s: session.controller.accepting)
    if rtt_ms:
        context.standin.faults.add(Fault("latency", seconds=rtt_ms / 1000, times=0))

    shown, carded, booked = [], [], []
    codes = [DEMO_CODES["large"], DEMO_CODES["fresh"]]
    for n in range(scans):
        code = codes[n % len(codes)]
        start = time.perf_counter()
        session.window.on_scan(code)
        shown.append(
            wait_for(session, lambda s: isinstance(s, Checking | CardShown | Booking)) - start
        )
        carded.append(wait_for(session, lambda s: isinstance(s, CardShown | Booking)) - start)
        if n < 4:  # a few real bookings; the vouchers have room for them
            wait_for(session, lambda s: isinstance(s, Booking) and s.quote is not None)
            t0 = time.perf_counter()
            QTest.keyClick(session.window.booking, Qt.Key.Key_Return)
            booked.append(wait_for(session, lambda s: isinstance(s, ResultShown)) - t0)
            session.controller.back()  # "Next customer (Esc)"
    session.shutdown()
    del app

    rtt = rtt_ms / 1000
    rows = [
        ("scan -> checking card", statistics.median(shown), 0.050),
        ("scan -> voucher card", statistics.median(carded), 0.300 + 2 * rtt),
        ("Enter -> result", statistics.median(booked), 1.0 + 6 * rtt),
    ]
    print(f"simulated round trip per call: {rtt_ms} ms, scans: {scans}")
    for name, seconds, budget in rows:
        print(
            f"{name:<24} {seconds * 1000:8.1f} ms  budget {budget * 1000:6.0f} ms  "
            f"ratio {seconds / budget:5.2f}"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 0, int(sys.argv[2]) if len(sys.argv) > 2 else 10
    )
