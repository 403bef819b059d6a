"""Benchmark part: the real counter window (offscreen) against a stand-in in another process.

Measured per simulated round trip (latency injected at the stand-in on every call):
  scan -> voucher card painted, with 100,000 vouchers in the index     budget 1.2 round trips
  Enter -> result painted, without a top-up                              budget 2.3 round trips
  Enter -> result painted, with a top-up                                 budget 3.3 round trips
and once: requests per redemption (scan to result and the balance read after it, experience
list cached), the longest GUI-thread stall during a redemption at 2 s per call and during a full
index refresh, a scan during a full refresh, and requests in an idle period with the window
open (every timer of the window fired once, as an hour would).

One round trip is what one bare call costs this client at that latency: the median of
``GET /v3/vouchers/{id}`` measured side by side (the injected latency plus loopback HTTP).
"On screen" is the first paint of the result view (or of the card's balance line) after the
key press (or scan).

    uv run python tests/benchmarks/counter.py [--runs N] [--latencies 50,150,400] [--smoke]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.warning=false")  # offscreen size-hint chatter

from common import Row, StandinProcess, emit, median
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from voucherdesk.app_context import DEMO_STANDIN_ENV
from voucherdesk.desk.flow import Booking, Idle, ResultShown
from voucherdesk.desk.key_timing import DELIBERATE_MS
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.ui.app import CounterApp
from voucherdesk.ui.common.scanner import ScanCapture
from voucherdesk.ui.session import CounterSession


class StallProbe(QObject):
    """A precise timer on the GUI thread; the longest gap between its ticks is the longest
    time the thread could not react (minus the interval)."""

    INTERVAL_MS = 2

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.longest = 0.0
        self.busy = 0.0  # the GUI thread's own CPU time within the longest gap

    def start(self) -> None:
        self.longest = self.busy = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return max(0.0, self.longest - self.INTERVAL_MS / 1000)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self._last > self.longest:
            self.longest, self.busy = now - self._last, cpu - self._last_cpu
        self._last, self._last_cpu = now, cpu

    def note(self) -> str:
        return (
            f"longest gap between {self.INTERVAL_MS} ms timer ticks; the GUI thread ran "
            f"{self.busy * 1000:.0f} ms of it"
        )


class ClerkTime:
    """Screen time as the clerk lives it: real time plus the looks the driver does not wait
    for. A booking or top-up takes a key only DELIBERATE_MS after it appeared (KeyTimeline);
    the driver's clerk has always looked that long, and no benchmark waits for it."""

    def __init__(self) -> None:
        self._looked_s = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self._looked_s

    def look(self) -> None:
        self._looked_s += (DELIBERATE_MS + 50) / 1000


class Driver(QObject):
    """Drives the session like a clerk and notes when things are painted."""

    def __init__(self, session: CounterSession, capture: ScanCapture) -> None:
        super().__init__()
        self.session = session
        self._clerk = ClerkTime()
        capture.timeline._monotonic = self._clerk  # the capture's screen clock (see ClerkTime)
        self.window = session.window
        self.controller = session.controller
        self.painted: dict[str, float] = {"result": 0.0, "card": 0.0}
        self._watched = {self.window.result: "result", self.window.card.remaining: "card"}
        for widget in self._watched:
            widget.installEventFilter(self)
        self._loop: QEventLoop | None = None
        self._gave_up = False
        self._test: Callable[[], bool] = lambda: True
        self.controller.state_changed.connect(self._poke)
        session.runner.busy_changed.connect(self._poke)
        self._guard = QTimer(self)  # one of each for every wait: the driver itself must not
        self._guard.setSingleShot(True)  # grow over a day of redemptions
        self._guard.timeout.connect(self._give_up)
        self._tick = QTimer(self)  # a slow safety net for conditions no signal announces
        self._tick.setInterval(50)
        self._tick.timeout.connect(self._poke)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            name = self._watched.get(watched)  # type: ignore[call-overload]
            if name is not None:
                self.painted[name] = time.perf_counter()
                self._poke()
        return False

    def _poke(self, *_: Any) -> None:
        if self._loop is not None and self._test():
            self._loop.quit()

    def wait(self, test: Callable[[], bool], limit_s: float = 120) -> None:
        """Run the event loop until ``test()`` holds (checked whenever something happens).

        Events already due when the loop is told to quit are still handled, and one of them
        may undo the condition (the counter's work behind its first paint starting a job just
        as it went idle): the loop runs again until the condition holds when it returns."""
        if test():
            return
        self._gave_up = False
        self._test = test
        self._guard.start(int(limit_s * 1000))
        self._tick.start()
        while not test() and not self._gave_up:
            self._loop = QEventLoop()
            self._loop.exec()
        self._tick.stop()
        self._guard.stop()
        self._loop = None
        if not test():
            raise TimeoutError(f"stuck in {type(self.controller.state).__name__}")

    def _give_up(self) -> None:
        self._gave_up = True
        if self._loop is not None:
            self._loop.quit()

    def idle(self) -> bool:
        return not self.session.runner.busy

    def settle(self, ms: int = 30) -> None:
        """Let deferred deletes and repaints happen between customers."""
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)

    # -- one customer ---------------------------------------------------------------------

    def scan_to_card(self, code: str) -> float:
        """Scan; seconds until the card's balance is painted; then wait for a priced booking."""
        self.wait(lambda: isinstance(self.controller.state, Idle) and self.idle())
        started = time.perf_counter()
        self.window.on_scan(code)
        self.wait(lambda: self.painted["card"] > started)
        card = self.painted["card"] - started
        self.wait(
            lambda: (
                isinstance(self.controller.state, Booking)
                and self.controller.state.quote is not None
                and self.idle()
            )
        )
        return card

    def enter_to_result(self) -> tuple[float, Any]:
        """Enter on the booking; seconds until the result is painted; waits for the balance
        read after it. Returns the time and the outcome shown."""
        self._clerk.look()  # at the booking, before the Enter
        started = time.perf_counter()
        QTest.keyClick(self.window.booking, Qt.Key.Key_Return)
        self.wait(lambda: self.painted["result"] > started)
        took = self.painted["result"] - started
        self.wait(lambda: isinstance(self.controller.state, ResultShown) and self.idle())
        state = self.controller.state
        assert isinstance(state, ResultShown)
        if state.collecting:  # a top-up is confirmed as collected before the counter goes on
            self._clerk.look()  # at the amount to collect
            QTest.keyClick(self.window.result, Qt.Key.Key_Return)
            self.wait(lambda: not getattr(self.controller.state, "collecting", False))
        self.controller.back()
        self.wait(lambda: isinstance(self.controller.state, Idle))
        self.settle()
        return took, state.outcome


def redeem(driver: Driver, code: str) -> tuple[float, float, Any]:
    card = driver.scan_to_card(code)
    result, outcome = driver.enter_to_result()
    if outcome is None or outcome.kind is not OutcomeKind.DONE:
        raise RuntimeError(f"redemption of {code} ended {outcome}")
    return card, result, outcome


def round_trip(session: CounterSession, voucher_id: str, n: int = 7) -> float:
    """One bare call through the app's own client (the unit of the round-trip figures)."""
    client = session.context.client
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.get_voucher(voucher_id)
        times.append(time.perf_counter() - t0)
    return median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--latencies", default="50,150,400")
    parser.add_argument("--index-size", type=int, default=100_000)
    parser.add_argument("--stall-latency-ms", type=int, default=2000)
    parser.add_argument("--idle-s", type=float, default=20)
    parser.add_argument("--smoke", action="store_true", help="one run, no latency: a check")
    args = parser.parse_args()
    latencies = [0] if args.smoke else [int(x) for x in args.latencies.split(",")]
    runs = 1 if args.smoke else args.runs
    index_size = 1_000 if args.smoke else args.index_size

    app = QApplication.instance() or QApplication(sys.argv)
    with StandinProcess() as standin:
        standin.add_vouchers(index_size, "IDX", 50)
        big = standin.add_vouchers(200, "BIG", 1_000_000)
        small = standin.add_vouchers(200, "TOPUP", 5)
        event = standin.add_event("Benchmark Tour", 20, 1_000_000)
        os.environ[DEMO_STANDIN_ENV] = standin.base_url
        counter = CounterApp(app, demo=True)  # as `voucherdesk --demo` builds it
        session = counter.open()
        context = session.context
        driver = Driver(session, counter.capture)
        driver.wait(lambda: session.controller.accepting)
        context.desk.index.refresh(context.client)  # the full index, before anything counts

        # Warm-up: the experience list is loaded (and cached) and the benchmark's experience
        # chosen once; the counter keeps offering the last one booked.
        driver.scan_to_card(big[0])
        bench_event = next(e for e in session.controller.events if e.id == event["id"])
        session.controller.pick_event(bench_event)
        driver.wait(
            lambda: (
                isinstance(session.controller.state, Booking)
                and session.controller.state.quote is not None
                and driver.idle()
            )
        )
        driver.enter_to_result()
        voucher_id = context.desk.index.lookup(big[0])
        assert voucher_id is not None

        codes = iter(big[1:])
        top_ups = iter(small)
        counted: dict[str, list[int]] = {"plain": [], "top_up": []}
        for ms in latencies:
            standin.latency(ms / 1000)
            rt = round_trip(session, voucher_id)
            cards, plain, topped = [], [], []
            for _ in range(runs):
                before = standin.api_requests()
                card, result, _outcome = redeem(driver, next(codes))
                counted["plain"].append(standin.api_requests() - before)
                cards.append(card)
                plain.append(result)
                before = standin.api_requests()
                card, result, outcome = redeem(driver, next(top_ups))
                assert outcome.top_up is not None
                counted["top_up"].append(standin.api_requests() - before)
                cards.append(card)
                topped.append(result)
            if ms == 0:
                continue  # the smoke run: no round trips to count in
            note = f"1 round trip = {rt * 1000:.0f} ms"
            emit(
                Row(
                    f"scan -> card, {index_size:,} indexed, {ms} ms/call",
                    median(cards) / rt,
                    1.2,
                    "round trips",
                    note,
                )
            )
            emit(
                Row(f"Enter -> result, {ms} ms/call", median(plain) / rt, 2.3, "round trips", note)
            )
            emit(
                Row(
                    f"Enter -> result with top-up, {ms} ms/call",
                    median(topped) / rt,
                    3.3,
                    "round trips",
                    note,
                )
            )
        emit(Row("requests per redemption", max(counted["plain"]), 6, "requests", "scan to result"))
        emit(Row("requests per redemption with top-up", max(counted["top_up"]), 7, "requests"))

        # The GUI thread during one whole customer at a slow bookingkit.
        probe = StallProbe()
        stall_ms = 0 if args.smoke else args.stall_latency_ms
        standin.latency(stall_ms / 1000)
        probe.start()
        redeem(driver, next(codes))
        stall = probe.stop()
        emit(
            Row(
                f"GUI stall, redemption at {stall_ms} ms/call",
                stall * 1000,
                16,
                "ms",
                probe.note(),
            )
        )

        # A full index refresh behind the window: the GUI thread, and scans meanwhile.
        standin.latency(0)
        refresh_stall, refreshed_s = full_refresh_stall(driver, probe)
        emit(
            Row(
                f"GUI stall, full refresh of {index_size:,} vouchers",
                refresh_stall * 1000,
                16,
                "ms",
                f"refresh took {refreshed_s:.1f} s; {probe.note()}",
            )
        )
        scan_ms = 0 if args.smoke else 50
        standin.latency(scan_ms / 1000)
        rt = round_trip(session, voucher_id)
        during = scans_during_refresh(driver, codes)
        if during and not args.smoke:
            emit(
                Row(
                    f"scan -> card during a full refresh, {scan_ms} ms/call",
                    median(during) / rt,
                    1.2,
                    "round trips",
                    f"{len(during)} scans while it ran",
                )
            )

        standin.latency(0)
        idle_requests, timers = idle_period(driver, standin, args.idle_s, counter)
        emit(
            Row(
                "requests in an idle hour, window open",
                idle_requests,
                0,
                "requests",
                f"{args.idle_s:g} s idle, then each of {timers} timers fired",
            )
        )
        counter.shutdown()
    del app
    return 0


def full_refresh_stall(driver: Driver, probe: StallProbe) -> tuple[float, float]:
    """The longest GUI stall while the index is read again in full on a worker lane."""
    context = driver.session.context
    done = threading.Event()
    started = time.perf_counter()
    probe.start()
    driver.session.runner.run(
        lambda: context.desk.index.refresh(context.client, full=True),
        on_done=lambda _n: done.set(),
    )
    driver.wait(lambda: done.is_set() and driver.idle())
    took = time.perf_counter() - started
    return probe.stop(), took


def scans_during_refresh(driver: Driver, codes: Any) -> list[float]:
    """Scan → card times of scans made while a full refresh runs (those that ended before it
    did)."""
    context = driver.session.context
    ended: list[float] = []
    driver.session.runner.run(
        lambda: context.desk.index.refresh(context.client, full=True),
        on_done=lambda _n: ended.append(time.perf_counter()),
        on_error=lambda exc: print("refresh failed:", repr(exc), file=sys.stderr),
    )
    times: list[tuple[float, float]] = []
    for code in codes:
        if ended:
            break
        started = time.perf_counter()
        driver.window.on_scan(code)
        driver.wait(lambda s=started: driver.painted["card"] > s)  # type: ignore[misc]
        took = driver.painted["card"] - started
        times.append((started + took, took))
        driver.controller.back()  # booking -> card -> waiting; later answers are dropped
        driver.controller.back()
        driver.wait(lambda: isinstance(driver.controller.state, Idle))
    driver.wait(lambda: bool(ended) and driver.idle())
    return [took for finished, took in times if finished <= ended[0]]


def app_root() -> QObject:
    app = QCoreApplication.instance()
    assert app is not None
    return app


def idle_period(
    driver: Driver, standin: StandinProcess, seconds: float, *roots: QObject
) -> tuple[int, int]:
    """Requests while the window stands idle, then with every active timer fired once."""
    driver.wait(lambda: isinstance(driver.controller.state, Idle) and driver.idle())
    driver.settle(1000)  # answers nobody waits for any more (dropped scans) land first
    before = standin.api_requests()
    driver.settle(int(seconds * 1000))
    every = (driver.session, driver.window, *roots, *QApplication.topLevelWidgets(), app_root())
    timers = list(
        {
            id(timer): timer
            for root in every
            for timer in root.findChildren(QTimer)
            if timer.isActive()
        }.values()
    )
    for timer in timers:
        timer.timeout.emit()
    driver.settle(2000)
    driver.wait(driver.idle)
    return standin.api_requests() - before, len(timers)


if __name__ == "__main__":
    sys.exit(main())
