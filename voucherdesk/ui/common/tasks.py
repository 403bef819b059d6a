"""The one background-work helper: run blocking calls off the GUI thread, answer on it.

Two lanes: "http" runs in parallel on a small pool; "journal" is a single thread so journal
writes happen one after another in the order they were asked for. Every result comes back
through a queued signal, so callbacks always run on the GUI thread. A result tagged with an
older scan ticket than the current one is dropped: the clerk has moved on to the next scan.

Ownership rule: a worker thread never holds the last reference to the work, its callbacks
or its result. Those live in a job table that only the GUI thread empties. Otherwise a closure
over a window or controller could be freed on the worker when its runnable is deleted, and
Qt objects destroyed on the wrong thread leave dangling timers that crash the app later.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Lane = Literal["http", "journal"]


@dataclass
class _Job:
    lane: Lane
    ticket: int | None
    fn: Callable[[], Any] | None
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    cancelled: bool = False
    result: Any = None
    error: BaseException | None = None


class _JobTable:
    """Jobs by id, shared by the GUI thread and the workers (plain Python, one lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: dict[int, _Job] = {}


class _Work(QRunnable):
    """Runs one job on a pool thread; holds only its id, never the work itself."""

    def __init__(self, job_id: int, table: _JobTable, runner: TaskRunner) -> None:
        super().__init__()
        self._job_id = job_id
        self._table = table
        self._runner = weakref.ref(runner)

    def run(self) -> None:
        with self._table.lock:
            job = self._table.jobs.get(self._job_id)
            fn = None if job is None or job.cancelled else job.fn
        del job
        if fn is not None:
            try:
                result = fn()
            except BaseException as exc:  # every failure must reach the GUI, never die silently
                with self._table.lock:
                    self._store(error=exc)
            else:
                with self._table.lock:
                    self._store(result=result)
                del result
            del fn  # the table still holds it: this is never the last reference
        runner = self._runner()
        if runner is not None and shiboken6.isValid(runner):
            runner._finished.emit(self._job_id)  # queued: _deliver runs on the GUI thread

    def _store(self, *, result: Any = None, error: BaseException | None = None) -> None:
        job = self._table.jobs.get(self._job_id)
        if job is not None:
            job.result, job.error = result, error


class TaskRunner(QObject):
    """Runs work on worker threads; `on_done`/`on_error` are called on the GUI thread."""

    busy_changed = Signal(bool)
    _finished = Signal(int)  # job id (emitted on a worker)

    def __init__(self, parent: QObject | None = None, *, http_threads: int = 4) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {
            "http": QThreadPool(self),
            "journal": QThreadPool(self),
        }
        self._pools["http"].setMaxThreadCount(http_threads)
        self._pools["journal"].setMaxThreadCount(1)
        self._table = _JobTable()
        self._ids = itertools.count(1)
        self._ticket = 0
        self._busy = False
        self._finished.connect(self._deliver)

    @property
    def current_ticket(self) -> int:
        return self._ticket

    def next_ticket(self) -> int:
        """Start a new scan: results tagged with any earlier ticket will be dropped."""
        self._ticket += 1
        return self._ticket

    @property
    def busy(self) -> bool:
        return self._busy

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        lane: Lane = "http",
        ticket: int | None = None,
    ) -> None:
        """Run `fn()` on the lane's pool; later exactly one callback runs, unless dropped."""
        if lane not in self._pools:
            raise ValueError(f"unknown lane {lane!r}")
        job_id = next(self._ids)
        with self._table.lock:
            self._table.jobs[job_id] = _Job(lane, ticket, fn, on_done, on_error)
        self._update_busy()
        self._pools[lane].start(_Work(job_id, self._table, self))

    def cancel_pending(self) -> None:
        """Forget all HTTP work: queued jobs never start their work, running ones report to
        nobody. Journal work is never cancelled: a journal write that was asked for must land.
        """
        with self._table.lock:
            for job in self._table.jobs.values():
                if job.lane == "http":
                    job.cancelled = True
        self._update_busy()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until both pools are idle (shutdown and test teardown)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    @Slot(int)
    def _deliver(self, job_id: int) -> None:
        with self._table.lock:
            job = self._table.jobs.pop(job_id, None)
        self._update_busy()
        if job is None or job.cancelled:
            return
        if job.ticket is not None and job.ticket < self._ticket:
            return  # a stale scan: its answer must not overwrite the current one
        if job.error is not None:
            job.on_error(job.error)
        else:
            job.on_done(job.result)

    def _update_busy(self) -> None:
        with self._table.lock:
            busy = any(not job.cancelled for job in self._table.jobs.values())
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
