"""A local index from voucher code to voucher id, because bookingkit cannot look up a code.

``GET /v3/vouchers`` pages by offset (at most 10,000 per page). We keep every code with its id
and its position in that list in SQLite, so a scan is one local lookup plus one GET. A refresh
continues from the last known position; it first re-reads the last voucher we know, and if that
is no longer where we saw it (vouchers deleted, order changed) it re-reads everything.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Protocol

from voucherdesk.bookingkit.guesses import VOUCHER_PAGE_LIMIT
from voucherdesk.bookingkit.models import VoucherCode
from voucherdesk.clock import Clock, utc_now

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


class VoucherCodeSource(Protocol):
    """The part of BookingkitClient the index needs."""

    def iter_voucher_codes(
        self, *, page_size: int = ..., start_offset: int = ...
    ) -> Iterator[VoucherCode]: ...


class VoucherIndex:
    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self._path = path
        self._clock = clock
        self._refresh_lock = threading.Lock()  # one refresh at a time; lookups go on meanwhile
        self._open_lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._prepare()

    # --- storage ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        with self._open_lock:
            try:
                self._create()
            except sqlite3.DatabaseError as exc:
                self._move_aside(exc)
                self._create()

    def _create(self) -> None:
        with closing(sqlite3.connect(self._path)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            ok = db.execute("PRAGMA quick_check").fetchone()
            if ok is None or ok[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {ok}")

    def _move_aside(self, exc: Exception) -> None:
        stamp = self._clock().strftime("%Y%m%dT%H%M%S")
        target = self._path.with_name(f"{self._path.name}.corrupt-{stamp}")
        log.warning("voucher index %s unreadable (%s); moved to %s", self._path, exc, target)
        self._path.replace(target)
        for suffix in ("-wal", "-shm"):
            Path(f"{self._path}{suffix}").unlink(missing_ok=True)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection per use: sqlite3 connections must not be shared across threads."""
        db = sqlite3.connect(self._path, timeout=10)
        try:
            with db:  # commit on success, roll back on error
                yield db
        finally:
            db.close()

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            with self._db() as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise  # locked, disk full...: not a corrupt file
            self._prepare_after(exc)
            with self._db() as db:
                return db.execute(sql, args).fetchall()

    def _prepare_after(self, exc: Exception) -> None:
        with self._open_lock:
            self._move_aside(exc)
            self._create()

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

    def refresh(self, client: VoucherCodeSource, *, full: bool = False) -> int:
        """Read new vouchers from bookingkit; returns how many codes were not known before."""
        with self._refresh_lock:
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
        items = [(v.code, v.id, last_position + 1 + i) for i, v in enumerate(fresh)]
        return self._store(items, replace_all=False)

    def _reread(self, client: VoucherCodeSource) -> int:
        fresh = client.iter_voucher_codes(page_size=VOUCHER_PAGE_LIMIT, start_offset=0)
        items = [(v.code, v.id, i) for i, v in enumerate(fresh)]
        return self._store(items, replace_all=True)

    def _store(self, items: list[tuple[str, str, int]], *, replace_all: bool) -> int:
        """Write a whole page run in one transaction, so readers see old or new, never half."""
        with self._db() as db:
            known = {str(r[0]) for r in db.execute("SELECT code FROM vouchers")}
            added = len({code for code, _, _ in items} - known)
            if replace_all:
                db.execute("DELETE FROM vouchers")
            db.executemany(
                "INSERT OR REPLACE INTO vouchers (code, ident, position) VALUES (?, ?, ?)", items
            )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_refreshed', ?)",
                (self._clock().isoformat(),),
            )
        return added
