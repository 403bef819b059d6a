"""A local index from voucher code to voucher id, because bookingkit cannot look up a code.

``GET /v3/vouchers`` pages by offset (at most 10,000 per page). We keep every code with its id
and its position in that list in SQLite, so a scan is one local lookup plus one GET. A refresh
continues from the last known position; it first re-reads the last voucher we know, and if that
is no longer where we saw it (vouchers deleted, order changed) it re-reads everything.

A refresh never stands in a scan's way and never holds the whole list in memory: the pages go,
a batch at a time, into a temporary table on the refresh's own connection (on disk, not in
memory), and one transaction at the end moves them into the index, so readers see the old
index or the new one, never half of one, and a refresh that fails leaves the index as it was.
Lookups use connections of their own (kept open, one per thread at a time) and, the file being
in WAL mode, are never blocked by that transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from voucherdesk.bookingkit.guesses import VOUCHER_PAGE_LIMIT
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.collections_held import collections_held
from voucherdesk.desk.index_file import create_index_file, recover_index_file
from voucherdesk.local_files import FileKind, FileProblem

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import VoucherCode

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vouchers (
    code TEXT PRIMARY KEY,
    ident TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS vouchers_position ON vouchers(position);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


# Rows written to the temporary table at a time: small enough for little memory, large enough
# that SQLite's per-statement work stays small against the rows.
_BATCH = 2_000
_READERS_KEPT = 4  # idle lookup connections kept open (the window's read lane has 4 threads)
# A refresh gives way to a scan: between batches it waits while one is being answered, and this
# long after (the window draws the card meanwhile), but never longer than _GIVE_WAY_AT_MOST at a
# time, so a counter that scans all the time still gets its index refreshed.
_QUIET_AFTER_SCAN_S = 0.3
_GIVE_WAY_AT_MOST_S = 2.0


def _busy(exc: sqlite3.DatabaseError) -> bool:
    """Locked or busy: another connection is at work, the file itself is fine."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class VoucherCodeSource(Protocol):
    """The part of BookingkitClient the index needs."""

    def iter_voucher_codes(
        self, *, page_size: int = ..., start_offset: int = ...
    ) -> Iterator[VoucherCode]: ...


class VoucherIndex:
    """The code -> id index in SQLite. It is only a copy of bookingkit's list, so a file that
    cannot be used is set aside (never deleted) and built again; when not even a new file can
    be written (a read-only data folder) the index lives in memory until the app closes.
    ``problem`` says which of these happened, for the edges to put into words."""

    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self._path = path
        self._clock = clock
        self._refresh_lock = threading.Lock()  # one refresh at a time; lookups go on meanwhile
        self._open_lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None  # the fallback, shared under a lock
        self._memory_lock = threading.Lock()
        self.problem: FileProblem | None = None
        self._readers: list[sqlite3.Connection] = []  # idle lookup connections
        self._generation = 0  # a new file (set aside) invalidates the connections out now
        self._scans = threading.Condition()
        self._scans_active = 0
        self._last_scan_ended = float("-inf")
        self._monotonic = time.monotonic
        self._yielding = True  # the running refresh gives way to scans (set per refresh)
        self._prepare()

    # --- scans come first -------------------------------------------------------------------

    @contextmanager
    def serving_scan(self) -> Iterator[None]:
        """A scan is being answered: a refresh running meanwhile (it is mostly computing, and
        threads share one interpreter lock) waits at its next batch until the scan is done."""
        with self._scans:
            self._scans_active += 1
        try:
            yield
        finally:
            with self._scans:
                self._scans_active -= 1
                self._last_scan_ended = self._monotonic()
                self._scans.notify_all()

    def _give_way(self) -> None:
        """Between a refresh's batches: wait while a scan is answered (and drawn)."""
        deadline = self._monotonic() + _GIVE_WAY_AT_MOST_S
        with self._scans:
            while True:
                now = self._monotonic()
                quiet_at = self._last_scan_ended + _QUIET_AFTER_SCAN_S
                if now >= deadline or (self._scans_active == 0 and now >= quiet_at):
                    return
                wait = deadline if self._scans_active else min(deadline, quiet_at)
                self._scans.wait(wait - now)

    # --- storage ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        with self._open_lock:
            try:
                self._create()
            except (sqlite3.DatabaseError, OSError) as exc:
                self._recover(exc)

    def _create(self) -> None:
        create_index_file(self._path, _SCHEMA)

    def _recover(self, exc: BaseException) -> None:
        """The file cannot be used: set it aside and start a new one, else work in memory."""
        self._drop_readers()
        problem, no_file = recover_index_file(
            self._path, _SCHEMA, exc, kind=FileKind.INDEX, moment=self._clock()
        )
        if no_file:
            self._use_memory()
        if problem is not None:
            self.problem = problem

    def _use_memory(self) -> None:
        """An index in memory for this run, starting from whatever of the file can be read."""
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            with closing(
                sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            ) as old:
                old.backup(memory)
        except (sqlite3.Error, OSError, ValueError):
            memory.close()
            memory = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            memory.executescript(_SCHEMA)
        except sqlite3.DatabaseError:  # what was copied is no index: start empty
            memory.close()
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            memory.executescript(_SCHEMA)
        self._memory = memory

    def _drop_readers(self) -> None:
        """Close the kept lookup connections; those out on a lookup now close when returned."""
        readers, self._readers = self._readers, []
        self._generation += 1
        for db in readers:
            db.close()

    def close(self) -> None:
        """Close the kept lookup connections (a later lookup opens a new one)."""
        with self._open_lock:
            self._drop_readers()

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        """A lookup connection: a kept one if idle, else a new one (opening one per lookup
        costs more than the lookup). Used by one thread at a time, then returned. The
        in-memory fallback is the one shared connection, used under its own lock."""
        if self._memory is not None:
            with self._memory_lock:
                yield self._memory
            return
        with self._open_lock:
            generation = self._generation
            db = self._readers.pop() if self._readers else None
        if db is None:
            db = sqlite3.connect(
                self._path, timeout=10, isolation_level=None, check_same_thread=False
            )
        keep = False
        try:
            yield db
            keep = True
        finally:
            with self._open_lock:
                if keep and generation == self._generation and len(self._readers) < _READERS_KEPT:
                    self._readers.append(db)
                    db = None
            if db is not None:
                db.close()

    @contextmanager
    def _writer(self) -> Iterator[sqlite3.Connection]:
        """The refresh's own connection. The index is a cache of bookingkit's list that a
        refresh can always rebuild, so commits are not synced to disk one by one."""
        db = sqlite3.connect(self._path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA temp_store = FILE")  # the batches wait on disk, not in memory
            yield db
        finally:
            db.close()

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            with self._reader() as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise  # another connection writes: not a damaged file
            self._prepare_after(exc)
            with self._reader() as db:
                return db.execute(sql, args).fetchall()

    def _prepare_after(self, exc: Exception) -> None:
        """The file went bad (or away) while the app runs: set aside and start again."""
        with self._open_lock:
            if self._memory is None:
                self._recover(exc)

    # --- reading ----------------------------------------------------------------------------

    def lookup(self, code: str) -> str | None:
        """The voucher id for exactly this code (case-sensitive), or None."""
        rows = self._read("SELECT ident FROM vouchers WHERE code = ?", (code,))
        return str(rows[0][0]) if rows else None

    def codes(self) -> list[str]:
        return [str(row[0]) for row in self._read("SELECT code FROM vouchers ORDER BY position")]

    @property
    def count(self) -> int:
        rows = self._read("SELECT COUNT(*) FROM vouchers")
        return int(str(rows[0][0]))

    @property
    def last_refreshed(self) -> datetime | None:
        rows = self._read("SELECT value FROM meta WHERE key = 'last_refreshed'")
        return datetime.fromisoformat(str(rows[0][0])) if rows else None

    # --- refreshing -------------------------------------------------------------------------

    def refresh(
        self, client: VoucherCodeSource, *, full: bool = False, for_scan: bool = False
    ) -> int:
        """Read new vouchers from bookingkit; returns how many codes were not known before.

        ``for_scan``: a scan waits for this refresh (its code was not indexed), so it gives
        way to no scan; any other refresh waits while scans are being answered. A file that
        goes bad during the refresh is set aside and the list read again into a new one.
        """
        with self._refresh_lock, collections_held():  # no 20 ms full collections meanwhile
            self._yielding = not for_scan
            try:
                return self._refresh_once(client, full=full)
            except sqlite3.DatabaseError as exc:
                if _busy(exc):
                    raise
                self._prepare_after(exc)
                return self._reread(client)

    def _refresh_once(self, client: VoucherCodeSource, *, full: bool) -> int:
        if not full:
            added = self._continue(client)
            if added is not None:
                return added
            log.info("voucher list changed order; reading it all again")
        return self._reread(client)

    def _continue(self, client: VoucherCodeSource) -> int | None:
        """Incremental refresh, or None when the stored positions no longer match."""
        rows = self._read("SELECT code, position FROM vouchers ORDER BY position DESC LIMIT 1")
        if not rows:
            return self._reread(client)
        last_code, last_position = str(rows[0][0]), int(str(rows[0][1]))
        fresh = client.iter_voucher_codes(page_size=VOUCHER_PAGE_LIMIT, start_offset=last_position)
        first = next(fresh, None)
        if first is None or first.code != last_code:
            return None
        return self._store(fresh, first_position=last_position + 1, replace_all=False)

    def _reread(self, client: VoucherCodeSource) -> int:
        fresh = client.iter_voucher_codes(page_size=VOUCHER_PAGE_LIMIT, start_offset=0)
        return self._store(fresh, first_position=0, replace_all=True)

    def _store(
        self, fresh: Iterator[VoucherCode], *, first_position: int, replace_all: bool
    ) -> int:
        """Write the codes batch by batch to a temporary table, then move them into the index
        in one transaction; returns how many codes were not known before."""
        if self._memory is not None:
            return self._store_in_memory(fresh, first_position, replace_all=replace_all)
        with self._writer() as db:
            db.execute("DROP TABLE IF EXISTS temp.fresh")
            db.execute(
                "CREATE TEMP TABLE fresh"
                " (code TEXT NOT NULL, ident TEXT NOT NULL, position INTEGER NOT NULL)"
            )
            position = first_position
            while True:
                if self._yielding:
                    self._give_way()
                batch = list(islice(fresh, _BATCH))
                if not batch:
                    break
                rows = [(v.code, v.id, position + i) for i, v in enumerate(batch)]
                position += len(batch)
                del batch
                db.execute("BEGIN")
                db.executemany("INSERT INTO temp.fresh VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
            db.execute("BEGIN IMMEDIATE")
            try:
                added = db.execute(
                    "SELECT COUNT(DISTINCT code) FROM temp.fresh"
                    " WHERE code NOT IN (SELECT code FROM main.vouchers)"
                ).fetchone()[0]
                if replace_all:
                    db.execute("DELETE FROM main.vouchers")
                db.execute(
                    "INSERT OR REPLACE INTO main.vouchers (code, ident, position)"
                    " SELECT code, ident, position FROM temp.fresh ORDER BY position"
                )
                db.execute(
                    "INSERT OR REPLACE INTO main.meta (key, value) VALUES ('last_refreshed', ?)",
                    (self._clock().isoformat(),),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("DROP TABLE temp.fresh")
        return int(added)

    def _store_in_memory(
        self, fresh: Iterator[VoucherCode], first_position: int, *, replace_all: bool
    ) -> int:
        """The fallback index (no file could be written): one transaction under its lock."""
        rows = [(v.code, v.id, first_position + i) for i, v in enumerate(fresh)]
        assert self._memory is not None
        with self._memory_lock, self._memory as db:
            known = {str(r[0]) for r in db.execute("SELECT code FROM vouchers")}
            added = len({code for code, _, _ in rows} - known)
            if replace_all:
                db.execute("DELETE FROM vouchers")
            db.executemany(
                "INSERT OR REPLACE INTO vouchers (code, ident, position) VALUES (?, ?, ?)", rows
            )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_refreshed', ?)",
                (self._clock().isoformat(),),
            )
        return added
