"""The one background-work helper: run blocking calls off the GUI thread, answer on it.

Two lanes: "reads" run in parallel on a small pool (bookingkit GETs, journal and index reads);
"writes" is a single thread, so every write (a journal mark and the bookingkit call it
guards, a report file) happens one after another in the order it was asked for. Every result
comes back through a queued signal, so callbacks always run on the GUI thread. A job can say
when its answer is no longer wanted (``wanted``: the scan it belongs to is not the current one
any more): such an answer is dropped. A failure without its own handler goes to ``failed``,
one central notice.

Ownership rule: a worker thread never holds the last reference to the work, its callbacks
or its result. Those live in a job table that only the GUI thread empties. Otherwise a closure
over a window or controller could be freed on the worker when its runnable is deleted, and
Qt objects destroyed on the wrong thread leave dangling timers that crash the app later.
"""

from __future__ import annotations

import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

Lane = Literal["reads", "writes"]
T = TypeVar("T")

log = logging.getLogger(__name__)


def closed_meanwhile(exc: RuntimeError) -> bool:
    """Whether ``exc`` is Qt's word that the object a late call works on was deleted."""
    return "already deleted" in str(exc)


@dataclass
class _Job:
    lane: Lane
    wanted: Callable[[], bool] | None
    fn: Callable[[], Any] | None
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    cancelled: bool = False
    result: Any = None
    error: BaseException | None = None


class _JobTable:
    """Jobs by id, shared by the GUI thread and the workers (plain Python, one lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: dict[int, _Job] = {}


class _Work:
    """Runs one job on a pool thread; holds only its id, never the work itself.

    A plain callable, not a QRunnable subclass: the pool wraps it in a runnable of its own and
    frees both after the run. (Python subclasses of QRunnable handed to the pool outlived their
    run, some hundreds of bytes each, a few every redemption, all day.)
    """

    __slots__ = ("_job_id", "_runner", "_table")

    def __init__(self, job_id: int, table: _JobTable, runner: TaskRunner) -> None:
        self._job_id = job_id
        self._table = table
        self._runner = weakref.ref(runner)

    def __call__(self) -> None:
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
    failed = Signal(object)  # BaseException of a job that has no on_error of its own
    _finished = Signal(int)  # job id (emitted on a worker)

    def __init__(self, parent: QObject | None = None, *, read_threads: int = 4) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {
            "reads": QThreadPool(self),
            "writes": QThreadPool(self),
        }
        self._pools["reads"].setMaxThreadCount(read_threads)
        self._pools["writes"].setMaxThreadCount(1)
        for pool in self._pools.values():
            # Keep the few threads for the day: by default they end after 30 s idle, and the
            # next customer's first call would wait for a new one.
            pool.setExpiryTimeout(-1)
        self._table = _JobTable()
        self._ids = itertools.count(1)
        self._busy = False
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._busy

    def run(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        lane: Lane = "reads",
        wanted: Callable[[], bool] | None = None,
    ) -> None:
        """Run `fn()` on the lane's pool; later exactly one callback runs on the GUI thread,
        unless the answer is dropped (cancelled, or ``wanted()`` says False by then). Without
        ``on_error`` a failure goes to ``failed``."""
        if lane not in self._pools:
            raise ValueError(f"unknown lane {lane!r}")
        job_id = next(self._ids)
        with self._table.lock:
            self._table.jobs[job_id] = _Job(lane, wanted, fn, on_done, on_error)
        self._update_busy()
        self._pools[lane].start(_Work(job_id, self._table, self))

    def cancel_pending(self) -> None:
        """Forget all reads: queued jobs never start their work, running ones report to
        nobody. Writes are never cancelled: a write that was asked for must land.
        """
        with self._table.lock:
            for job in self._table.jobs.values():
                if job.lane == "reads":
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
        if job.wanted is not None and not job.wanted():
            return  # a stale scan: its answer must not overwrite the current one
        try:
            if job.error is None:
                job.on_done(job.result)
            elif job.on_error is not None:
                job.on_error(job.error)
            else:
                self.failed.emit(job.error)
        except RuntimeError as exc:
            # The screen that asked was closed while the answer was on its way (a dialog shut
            # mid-read): there is nobody left to tell, and nothing of the money path is here.
            if not closed_meanwhile(exc):
                raise
            log.debug("answer for a closed screen dropped: %s", exc)

    def _update_busy(self) -> None:
        with self._table.lock:
            busy = any(not job.cancelled for job in self._table.jobs.values())
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
