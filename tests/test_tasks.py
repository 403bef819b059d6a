"""TaskRunner on real thread pools and a real Qt event loop."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk.ui.common.tasks import TaskRunner


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.cancel_pending()
    assert task_runner.wait_for_done(5000)
    QApplication.processEvents()  # let late reports reach the (still alive) runner
    task_runner.deleteLater()


def fail(exc: BaseException) -> None:
    raise AssertionError(f"unexpected error callback: {exc!r}")


def test_result_and_error_arrive_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = QThread.currentThread()
    seen: list[tuple[str, Any, bool]] = []
    worker_threads: list[threading.Thread] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    def boom() -> None:
        raise ValueError("the server said no")

    runner.run(
        work,
        on_done=lambda r: seen.append(("done", r, QThread.currentThread() is gui)),
        on_error=fail,
    )
    runner.run(
        boom,
        on_done=lambda r: seen.append(("done", r, False)),
        on_error=lambda e: seen.append(("error", e, QThread.currentThread() is gui)),
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    by_kind = {kind: (value, on_gui) for kind, value, on_gui in seen}
    assert by_kind["done"] == (42, True)
    error, on_gui = by_kind["error"]
    assert isinstance(error, ValueError)
    assert str(error) == "the server said no"
    assert on_gui
    assert worker_threads[0] is not threading.main_thread()


def test_stale_ticket_results_are_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    results: list[str] = []
    current = [1]  # the flow's scan ticket: the one count of scans
    runner.run(
        lambda: release.wait(5) and "old scan",
        on_done=results.append,
        on_error=fail,
        wanted=lambda: current[0] == 1,
    )
    current[0] = 2  # the clerk scanned again while the first lookup hung
    runner.run(
        lambda: "new scan", on_done=results.append, on_error=fail, wanted=lambda: current[0] == 2
    )
    qtbot.waitUntil(lambda: results == ["new scan"])
    with qtbot.waitSignal(runner.busy_changed) as idle:
        release.set()
    assert idle.args == [False]
    assert results == ["new scan"]  # the slow old answer was dropped, not shown late


def test_writes_lane_is_serial_and_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    active = 0
    most_active = 0
    order: list[int] = []
    lock = threading.Lock()
    done: list[int] = []

    def write(n: int) -> int:
        nonlocal active, most_active
        with lock:
            active += 1
            most_active = max(most_active, active)
        threading.Event().wait(0.005)  # hold the lane briefly so overlap would show
        with lock:
            order.append(n)
            active -= 1
        return n

    for n in range(8):
        runner.run(lambda n=n: write(n), on_done=done.append, on_error=fail, lane="writes")
    qtbot.waitUntil(lambda: len(done) == 8)
    assert most_active == 1
    assert order == list(range(8))
    assert done == list(range(8))


def test_http_lane_runs_in_parallel(qtbot: QtBot, runner: TaskRunner) -> None:
    barrier = threading.Barrier(2, timeout=5)
    done: list[int] = []
    for n in range(2):
        runner.run(lambda n=n: barrier.wait() * 0 + n, on_done=done.append, on_error=fail)
    qtbot.waitUntil(lambda: sorted(done) == [0, 1])


def test_busy_signal_and_cancel_pending(qtbot: QtBot, qapp: QApplication) -> None:
    runner = TaskRunner(read_threads=1)
    try:
        release = threading.Event()
        states: list[bool] = []
        runner.busy_changed.connect(states.append)
        results: list[str] = []
        runner.run(lambda: release.wait(5) and "running", on_done=results.append, on_error=fail)
        runner.run(lambda: "queued", on_done=results.append, on_error=fail)
        journal_done: list[str] = []
        runner.run(lambda: "journal", on_done=journal_done.append, on_error=fail, lane="writes")
        assert runner.busy
        runner.cancel_pending()
        release.set()
        qtbot.waitUntil(lambda: journal_done == ["journal"])  # journal work is never cancelled
        assert runner.wait_for_done(5000)
        QApplication.processEvents()
        assert results == []
        assert states == [True, False]
        assert not runner.busy
    finally:
        runner.wait_for_done(5000)
        runner.deleteLater()


class _Tracked:
    """Records the thread it is freed on (stands in for a window a closure holds)."""

    freed_on: list[threading.Thread]

    def __init__(self, freed_on: list[threading.Thread]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread())


@pytest.mark.parametrize("fails", [False, True])
def test_work_is_never_freed_on_a_worker_thread(
    qtbot: QtBot, runner: TaskRunner, fails: bool
) -> None:
    """Qt objects freed on a worker thread leave dangling timers: the table must free them."""
    freed_on: list[threading.Thread] = []
    release = threading.Event()
    tracked = _Tracked(freed_on)

    def work(owner: _Tracked = tracked) -> int:
        release.wait(5)
        if fails:
            raise RuntimeError("bookingkit is down")
        return 1  # not the owner: only the closure holds it

    delivered: list[str] = []
    runner.run(
        work,
        on_done=lambda _r: delivered.append("done"),
        on_error=lambda _e: delivered.append("error"),
        lane="writes",
    )
    del work, tracked  # now only the runner's job table keeps the closure alive
    release.set()
    qtbot.waitUntil(lambda: delivered == ["error" if fails else "done"])
    assert runner.wait_for_done(5000)
    qtbot.waitUntil(lambda: len(freed_on) == 1)
    assert freed_on == [threading.main_thread()]


def test_a_failure_without_a_handler_reaches_the_central_notice(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def broken() -> None:
        raise ValueError("no handler")

    with qtbot.waitSignal(runner.failed) as failed:
        runner.run(broken, on_done=lambda _none: None)
    assert isinstance(failed.args[0], ValueError)


def test_no_job_leaves_anything_behind_after_its_answer(qtbot: QtBot, runner: TaskRunner) -> None:
    """A counter runs all day: once a job's answer is delivered, nothing of the job stays
    (Python subclasses of QRunnable used to outlive their run, a few every redemption)."""
    import gc

    from voucherdesk.ui.common import tasks

    def alive() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if type(o) is tasks._Work)

    before = alive()
    answers: list[int] = []
    for n in range(600):
        runner.run(lambda n=n: n, on_done=answers.append, lane="reads" if n % 2 else "writes")
        if n % 50 == 0:
            qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    qtbot.waitUntil(lambda: len(answers) == 600, timeout=10_000)
    assert runner.wait_for_done(5000)
    QApplication.processEvents()
    assert alive() == before


def test_an_answer_for_a_closed_screen_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    """A dialog closed while its read was on the way: the answer finds its label deleted and
    is dropped instead of raising in the event loop (pytest-qt fails on any such error)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    release = threading.Event()
    shown: list[str] = []

    def slow_read() -> str:
        release.wait(5)
        return "late"

    def show(text: str) -> None:
        label.setText(text)  # RuntimeError: the C++ label is gone
        shown.append(text)

    runner.run(slow_read, on_done=show)
    import shiboken6

    shiboken6.delete(label)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert shown == []
