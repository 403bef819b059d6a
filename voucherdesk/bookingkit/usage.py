"""A local count of API requests per calendar month, to show against bookingkit's quota.

bookingkit counts every /v3 request of a vendor (not token calls) and resets on the 1st. Our
count is this program's share only, kept in a small JSON file ``{"YYYY-MM": n, ...}``.

The count is counted before every request goes out, so its file is not written each time:
at most every ``SAVE_EVERY_S`` seconds and at ``flush`` (the client's close). A write per
request cost 0.2 ms before each request here, more where a virus scanner looks at every new
file; a crash loses at most that many seconds of the count.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from voucherdesk.clock import Clock, utc_now
from voucherdesk.local_files import (
    FileDamaged,
    FileKind,
    FileProblem,
    FileTrouble,
    read_json,
    set_aside,
    trouble_of,
    write_private_text,
)

log = logging.getLogger(__name__)

_MONTHS_KEPT = 12
SAVE_EVERY_S = 10.0


class RequestCounter:
    """``problem`` says when the count file could not be used (read or written): the count
    then starts again at 0 or lives in memory only; it is never worth failing a booking for."""

    def __init__(
        self,
        path: Path | None,
        clock: Clock = utc_now,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._path = path
        self._clock = clock
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self.problem: FileProblem | None = None
        self._months = self._read()
        self._saved_at: float | None = None  # never yet: the first count is written at once
        self._unsaved = False

    def _month(self) -> str:
        return self._clock().strftime("%Y-%m")

    def _read(self) -> dict[str, int]:
        if self._path is None:
            return {}
        try:
            data = read_json(self._path)
        except FileNotFoundError:
            return {}
        except (OSError, FileDamaged) as exc:
            self._keep_damaged(trouble_of(exc), str(exc))
            return {}
        if not isinstance(data, dict):
            self._keep_damaged(FileTrouble.DAMAGED, "not a table of months")
            return {}
        return {
            str(k)[:7]: v
            for k, v in list(data.items())[-_MONTHS_KEPT:]
            if isinstance(v, int) and 0 <= v < 10**12
        }

    def _keep_damaged(self, trouble: FileTrouble, why: str) -> None:
        """Set a damaged count aside (never overwrite it) and start again at 0."""
        assert self._path is not None
        aside = set_aside(self._path, self._clock())
        self.problem = FileProblem(
            kind=FileKind.USAGE, trouble=trouble, path=self._path, kept_as=aside
        )
        log.warning(
            "request count file %s (%s), set aside as %s; counting from 0", trouble, why, aside
        )

    def _write(self) -> None:
        if self._path is None:
            return
        kept = dict(sorted(self._months.items())[-_MONTHS_KEPT:])
        try:
            write_private_text(self._path, json.dumps(kept), durable=False)
        except OSError as exc:  # a count is not worth failing a booking for
            if self.problem is None or self.problem.trouble is not FileTrouble.UNWRITABLE:
                log.warning("cannot save request count: %s", exc)
            self.problem = FileProblem(
                kind=FileKind.USAGE, trouble=FileTrouble.UNWRITABLE, path=self._path
            )

    def record(self, n: int = 1) -> None:
        with self._lock:
            month = self._month()
            self._months[month] = self._months.get(month, 0) + n
            self._unsaved = True
            now = self._monotonic()
            if self._saved_at is None or now - self._saved_at >= SAVE_EVERY_S:
                self._save(now)

    def flush(self) -> None:
        """Write the count now if part of it is not in the file yet."""
        with self._lock:
            if self._unsaved:
                self._save(self._monotonic())

    def _save(self, now: float) -> None:
        self._write()
        self._saved_at = now
        self._unsaved = False

    def this_month(self) -> int:
        with self._lock:
            return self._months.get(self._month(), 0)
