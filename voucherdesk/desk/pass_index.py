"""A local index from pass code to the pass and the order that sold it (guess U34).

bookingkit has no lookup by a flexible offer's code: passes only show inside the orders that
sold them (``flexTickets[]``). The first refresh pages through every order; later ones ask only
for orders changed since the last refresh began (``delta_since``, minus a margin for clock
differences), so a pass sold minutes ago is found after one short request. A scan looks the
code up here first and reads the selling order fresh afterwards (one GET, like a voucher).
A file that cannot be used is moved aside and rebuilt (it holds nothing that bookingkit does
not), or the index lives in memory until the app closes when no file can be made; ``problem``
says which, for the edges to put into words, as the voucher index does.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from voucherdesk.bookingkit.calls import PassCode
from voucherdesk.bookingkit.guesses import PASS_INDEX_DELTA_MARGIN_S
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.index_file import create_index_file, recover_index_file
from voucherdesk.local_files import FileKind, FileProblem

_SCHEMA = """
CREATE TABLE IF NOT EXISTS passes (
    code TEXT PRIMARY KEY,
    pass_id TEXT NOT NULL,
    order_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class PassCodeSource(Protocol):
    """The part of BookingkitClient the index needs."""

    def iter_pass_codes(self, *, changed_since: datetime | None = ...) -> Iterator[PassCode]: ...


class PassIndex:
    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self._path = path
        self._clock = clock
        self._refresh_lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None  # the fallback, shared under a lock
        self._memory_lock = threading.Lock()
        self.problem: FileProblem | None = None
        try:
            create_index_file(path, _SCHEMA)
        except (sqlite3.DatabaseError, OSError) as exc:
            self._recover(exc)

    def _recover(self, exc: BaseException) -> None:
        """The file cannot be used: set it aside and start a new one, else work in memory."""
        self.problem, no_file = recover_index_file(
            self._path, _SCHEMA, exc, kind=FileKind.PASS_INDEX, moment=self._clock()
        )
        if no_file:
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            self._memory.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if self._memory is not None:
            with self._memory_lock, self._memory as db:
                yield db
            return
        db = sqlite3.connect(self._path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def lookup(self, code: str) -> PassCode | None:
        """The pass with exactly this code (case-sensitive), or None."""
        with self._db() as db:
            row = db.execute(
                "SELECT code, pass_id, order_id FROM passes WHERE code = ?", (code,)
            ).fetchone()
        return None if row is None else PassCode(str(row[0]), str(row[1]), str(row[2]))

    def codes(self) -> list[str]:
        with self._db() as db:
            return [str(r[0]) for r in db.execute("SELECT code FROM passes ORDER BY code")]

    @property
    def synced_at(self) -> datetime | None:
        """When the last complete refresh began (None: never)."""
        with self._db() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'synced_at'").fetchone()
        return None if row is None else datetime.fromisoformat(str(row[0]))

    def refresh(self, client: PassCodeSource, *, full: bool = False) -> int:
        """Read passes sold (or changed) since the last refresh; returns how many codes were
        not known before. Nothing is stored unless the whole list was read."""
        with self._refresh_lock:
            began = self._clock()
            since = None if full else self.synced_at
            if since is not None:
                since -= timedelta(seconds=PASS_INDEX_DELTA_MARGIN_S)
            found = [
                (p.code, p.pass_id, p.order_id) for p in client.iter_pass_codes(changed_since=since)
            ]
            with self._db() as db:
                known = {str(r[0]) for r in db.execute("SELECT code FROM passes")}
                if since is None:
                    db.execute("DELETE FROM passes")
                db.executemany(
                    "INSERT OR REPLACE INTO passes (code, pass_id, order_id) VALUES (?, ?, ?)",
                    found,
                )
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('synced_at', ?)",
                    (began.isoformat(),),
                )
            return len({code for code, _, _ in found} - known)
