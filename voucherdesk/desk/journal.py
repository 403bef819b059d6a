"""The counter's journal: one durable row per redemption attempt, written before anything is sent.

SQLite in WAL mode with ``synchronous=FULL``: when ``create`` or ``mark`` returns, the change is
on disk and survives a crash or power cut. A journal that cannot be read is never replaced or
emptied: it may hold the only proof of a redemption whose outcome is still open.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.quote import Quote
from voucherdesk.money import Money


class JournalProblem(StrEnum):
    CANNOT_OPEN = "cannot_open"  # locked by another program, no permission
    CANNOT_WRITE = "cannot_write"  # a write failed (disk full, I/O error); nothing was sent
    DAMAGED = "damaged"  # the file cannot be read; it was left untouched


class JournalUnavailable(Exception):
    """The journal cannot be used now; ``problem`` says how, ``detail`` is SQLite's message."""

    problem = JournalProblem.CANNOT_OPEN

    def __init__(self, path: Path, detail: str, problem: JournalProblem | None = None) -> None:
        super().__init__(f"journal {path}: {detail}")
        self.path = path
        self.detail = detail
        if problem is not None:
            self.problem = problem


class JournalCorrupt(JournalUnavailable):
    """The journal file exists but cannot be read; it was left untouched: it may hold the only
    proof of a redemption whose outcome is still open."""

    problem = JournalProblem.DAMAGED


class EntryState(StrEnum):
    PREPARED = "prepared"  # written, nothing sent yet
    SENT = "sent"  # the order request is (maybe) on its way
    BOOKED = "booked"  # bookingkit holds the order; a top-up may still be due
    TOP_UP_SENT = "top_up_sent"  # the top-up payment is (maybe) on its way
    DONE = "done"
    REFUSED = "refused"  # bookingkit certainly took nothing
    UNKNOWN = "unknown"  # outcome not yet known; reconcile before anything else
    ABANDONED = "abandoned"  # stopped before sending (re-quote, clerk cancelled)
    UNDONE = "undone"  # the order was cancelled afterwards


UNFINISHED_STATES = frozenset(
    {
        EntryState.PREPARED,
        EntryState.SENT,
        EntryState.BOOKED,
        EntryState.TOP_UP_SENT,
        EntryState.UNKNOWN,
    }
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    counter_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    state TEXT NOT NULL,
    voucher_id TEXT NOT NULL,
    voucher_code TEXT NOT NULL,
    quote_json TEXT NOT NULL,
    currency TEXT NOT NULL,
    drawn TEXT NOT NULL,
    top_up TEXT,
    value_left TEXT,
    order_id TEXT,
    booking_code TEXT,
    note TEXT NOT NULL DEFAULT '',
    sent_at TEXT
);
CREATE INDEX IF NOT EXISTS entries_created ON entries (created_at);
CREATE INDEX IF NOT EXISTS entries_state ON entries (state);
"""

# States marked just before a write whose outcome may be doubtful goes out.
_SENDING = frozenset({EntryState.SENT, EntryState.TOP_UP_SENT})

_MARKABLE = frozenset({"order_id", "booking_code", "top_up", "drawn", "value_left", "note"})


@dataclass(frozen=True)
class JournalEntry:
    key: str
    created_at: datetime
    state: EntryState
    voucher_id: str
    voucher_code: str
    quote_json: str
    order_id: str | None
    booking_code: str | None
    top_up: Money | None
    drawn: Money
    value_left: Money | None
    note: str
    updated_at: datetime
    counter_id: str = ""
    sent_at: datetime | None = None  # when the order or top-up request last went out

    @property
    def quote(self) -> Quote:
        return Quote.from_json(self.quote_json)

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED_STATES


Entries = list[JournalEntry]  # named so Journal.list does not shadow the builtin in signatures


def new_key(counter_id: str) -> str:
    """The idempotency key sent as ``external_reference``: unique across counters and time."""
    return f"{counter_id}-{uuid.uuid4().hex}"


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class Journal:
    """Thread-safe; every write is one committed, fsynced transaction."""

    def __init__(self, path: Path, *, clock: Clock = utc_now, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise JournalUnavailable(self.path, str(exc)) from exc
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous = FULL")
            check = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if str(mode).lower() != "wal" or check != "ok":
                raise sqlite3.DatabaseError(f"integrity check says {check!r}")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(entries)")}
            if "sent_at" not in columns:  # journals written before sent_at existed
                self._db.execute("ALTER TABLE entries ADD COLUMN sent_at TEXT")
        except sqlite3.OperationalError as exc:  # busy, locked, cannot open: not damage
            self._db.close()
            raise JournalUnavailable(self.path, str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise JournalCorrupt(self.path, str(exc)) from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                # Also when COMMIT itself fails (disk full, I/O error): never leave the
                # transaction open, or every later write would fail until a restart.
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise JournalUnavailable(
                        self.path, str(exc), JournalProblem.CANNOT_WRITE
                    ) from exc
                raise

    def create(self, quote: Quote, counter_id: str) -> JournalEntry:
        """Record the intent to redeem ``quote``; durable on disk when this returns."""
        key = new_key(counter_id)
        now = _ts(self._clock())
        top_up = None if quote.top_up.is_zero else str(quote.top_up.amount)
        with self._write() as db:
            db.execute(
                "INSERT INTO entries (key, counter_id, created_at, updated_at, state,"
                " voucher_id, voucher_code, quote_json, currency, drawn, top_up)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    counter_id,
                    now,
                    now,
                    EntryState.PREPARED.value,
                    quote.voucher_id,
                    quote.voucher_code,
                    quote.to_json(),
                    quote.currency,
                    str(quote.drawn.amount),
                    top_up,
                ),
            )
        return self.get(key)

    def mark(self, key: str, state: EntryState, **fields: Any) -> JournalEntry:
        """Move an entry to ``state`` and record any of order_id, booking_code, top_up, drawn,
        value_left (Money or None) and note."""
        unknown = set(fields) - _MARKABLE
        if unknown:
            raise TypeError(f"cannot record {sorted(unknown)} in the journal")
        values: dict[str, Any] = {}
        for name, value in fields.items():
            values[name] = str(value.amount) if isinstance(value, Money) else value
        now = _ts(self._clock())
        if state in _SENDING:  # every (re)send restarts the settle window
            values["sent_at"] = now
        assignments = ", ".join(f"{name} = ?" for name in values)
        sql = "UPDATE entries SET state = ?, updated_at = ?" + (
            f", {assignments}" if assignments else ""
        )
        with self._write() as db:
            cur = db.execute(
                sql + " WHERE key = ?",
                (state.value, now, *values.values(), key),
            )
            if cur.rowcount != 1:
                raise KeyError(key)
        return self.get(key)

    def get(self, key: str) -> JournalEntry:
        rows = self._select("WHERE key = ?", (key,))
        if not rows:
            raise KeyError(key)
        return rows[0]

    def unfinished(self) -> Entries:
        """Entries whose outcome must be settled before the counter takes the next scan."""
        marks = ",".join("?" for _ in UNFINISHED_STATES)
        return self._select(
            f"WHERE state IN ({marks}) ORDER BY created_at",
            tuple(s.value for s in UNFINISHED_STATES),
        )

    def list(self, day: date | None = None, search: str = "") -> Entries:
        """Newest first; ``day`` is a local calendar day, ``search`` matches codes, ids, notes."""
        clauses: list[str] = []
        params: list[str] = []
        if day is not None:
            start = datetime.combine(day, time.min).astimezone()  # local midnight
            clauses.append("created_at >= ? AND created_at < ?")
            params += [_ts(start), _ts(start + timedelta(days=1))]
        if search.strip():
            like = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%")
            like = like.replace("_", "\\_") + "%"
            cols = ("key", "voucher_code", "booking_code", "order_id", "note", "quote_json")
            clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols) + ")")
            params += [like] * len(cols)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._select(where + " ORDER BY created_at DESC", tuple(params))

    def _select(self, tail: str, params: tuple[Any, ...]) -> Entries:
        with self._lock:
            rows = self._db.execute(
                "SELECT key, created_at, state, voucher_id, voucher_code, quote_json, order_id,"
                " booking_code, top_up, drawn, value_left, note, updated_at, counter_id, currency,"
                " sent_at FROM entries " + tail,
                params,
            ).fetchall()
        return [_entry(row) for row in rows]


def _entry(row: tuple[Any, ...]) -> JournalEntry:
    (
        key,
        created,
        state,
        vid,
        vcode,
        qjson,
        oid,
        bcode,
        top_up,
        drawn,
        left,
        note,
        upd,
        cid,
        cur,
        sent,
    ) = row

    def money(value: str | None) -> Money | None:
        return None if value is None else Money(Decimal(value), cur)

    drawn_money = money(drawn)
    assert drawn_money is not None
    return JournalEntry(
        key=key,
        created_at=datetime.fromisoformat(created),
        state=EntryState(state),
        voucher_id=vid,
        voucher_code=vcode,
        quote_json=qjson,
        order_id=oid,
        booking_code=bcode,
        top_up=money(top_up),
        drawn=drawn_money,
        value_left=money(left),
        note=note,
        updated_at=datetime.fromisoformat(upd),
        counter_id=cid,
        sent_at=None if sent is None else datetime.fromisoformat(sent),
    )
