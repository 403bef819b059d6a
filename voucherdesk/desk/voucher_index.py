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
from voucherdesk.local_files import (
    FileKind,
    FileProblem,
    FileTrouble,
    make_private,
    private_file,
    set_aside,
)

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


_SIDE_FILES = ("-wal", "-shm")


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
        self._prepare()

    # --- storage ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        with self._open_lock:
            try:
                self._create()
            except (sqlite3.DatabaseError, OSError) as exc:
                self._recover(exc)

    def _create(self) -> None:
        private_file(self._path)  # owner-only; SQLite gives -wal and -shm the same mode
        with closing(sqlite3.connect(self._path)) as db:
            ok = db.execute("PRAGMA quick_check").fetchone()  # before anything is written
            if ok is None or ok[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {ok}")
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
        for suffix in _SIDE_FILES:
            make_private(Path(f"{self._path}{suffix}"))

    def _recover(self, exc: BaseException) -> None:
        """The file cannot be used: set it aside and start a new one, else work in memory."""
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError
        )
        trouble = FileTrouble.DAMAGED if damaged else FileTrouble.UNREADABLE
        aside = self._set_aside() if self._path.exists() or self._path.is_symlink() else None
        if aside is not None or not self._path.exists():
            try:
                self._create()
            except (sqlite3.DatabaseError, OSError) as again:
                log.warning("voucher index %s cannot be created (%s)", self._path, again)
            else:
                log.warning(
                    "voucher index %s unusable (%s); set aside as %s", self._path, exc, aside
                )
                if aside is not None:
                    self.problem = FileProblem(
                        kind=FileKind.INDEX, trouble=trouble, path=self._path, kept_as=aside
                    )
                return
        log.warning("voucher index %s unusable (%s); kept in memory for now", self._path, exc)
        self._use_memory()
        self.problem = FileProblem(
            kind=FileKind.INDEX, trouble=FileTrouble.UNWRITABLE, path=self._path, kept_as=aside
        )

    def _set_aside(self) -> Path | None:
        moment = self._clock()
        aside = set_aside(self._path, moment, label="corrupt")
        if aside is not None:
            for suffix in _SIDE_FILES:  # the -wal may hold the newest rows: it goes along
                side = Path(f"{self._path}{suffix}")
                if side.exists():
                    try:
                        side.rename(Path(f"{aside}{suffix}"))
                    except OSError:
                        log.warning("cannot move %s aside", side.name)
        return aside

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

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection per use: sqlite3 connections must not be shared across threads (the
        in-memory fallback is the one exception, used under its own lock)."""
        if self._memory is not None:
            with self._memory_lock, self._memory:
                yield self._memory
            return
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
            if _busy(exc):
                raise  # another connection writes: not a damaged file
            self._prepare_after(exc)
            with self._db() as db:
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
        try:
            return self._store_once(items, replace_all=replace_all)
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise
            self._prepare_after(exc)
            return self._store_once(items, replace_all=True)

    def _store_once(self, items: list[tuple[str, str, int]], *, replace_all: bool) -> int:
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
