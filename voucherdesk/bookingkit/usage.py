"""A local count of API requests per calendar month, to show against bookingkit's quota.

bookingkit counts every /v3 request of a vendor (not token calls) and resets on the 1st. Our
count is this program's share only, kept in a small JSON file ``{"YYYY-MM": n, ...}``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path

from voucherdesk.clock import Clock, utc_now

log = logging.getLogger(__name__)

_MONTHS_KEPT = 12


class RequestCounter:
    def __init__(self, path: Path | None, clock: Clock = utc_now) -> None:
        self._path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._months = self._read()

    def _month(self) -> str:
        return self._clock().strftime("%Y-%m")

    def _read(self) -> dict[str, int]:
        if self._path is None:
            return {}
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            self._keep_damaged(f"unreadable ({exc})")
            return {}
        if not isinstance(data, dict):
            self._keep_damaged("not a table of months")
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, int) and v >= 0}

    def _keep_damaged(self, why: str) -> None:
        """Move a damaged count aside (never overwrite it) and start again at 0."""
        assert self._path is not None
        aside = self._path.with_name(f"{self._path.name}.damaged-{self._clock():%Y%m%d-%H%M%S}")
        try:
            os.replace(self._path, aside)
            log.warning("request count file %s, kept as %s; counting from 0", why, aside.name)
        except OSError as exc:
            log.warning("request count file %s and not movable (%s); counting from 0", why, exc)

    def _write(self) -> None:
        if self._path is None:
            return
        kept = dict(sorted(self._months.items())[-_MONTHS_KEPT:])
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".requests-", dir=self._path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(kept, out)
                os.replace(tmp, self._path)
            except OSError:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a count is not worth failing a booking for
            log.warning("cannot save request count: %s", exc)

    def record(self, n: int = 1) -> None:
        with self._lock:
            month = self._month()
            self._months[month] = self._months.get(month, 0) + n
            self._write()

    def this_month(self) -> int:
        with self._lock:
            return self._months.get(self._month(), 0)
