"""The counter's journal: one durable row per redemption attempt, written before anything is sent.

SQLite in WAL mode with ``synchronous=FULL``: when ``create`` or ``mark`` returns, the change is
on disk and survives a crash or power cut. A journal that cannot be read is never replaced or
emptied: it may hold the only proof of a redemption whose outcome is still open.

Every entry records the bookingkit environment and address it was sent to; reconcile, undo,
history and the report only touch entries of the environment they talk to. One process at a
time writes (``journal_lock``), and every state change is a compare-and-set on the entry's
version: a step taken on a stale read fails instead of overwriting a newer state.
"""

from __future__ import annotations

import re
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
from typing import TYPE_CHECKING, Any

from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk import journal_lock
from voucherdesk.desk.any_quote import (
    AnyQuote,
    entries_used,
    item_code,
    item_id,
    quote_from_json,
    quote_kind,
    value_used,
)
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.quote import Quote
from voucherdesk.local_files import make_private, private_file
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.environments import Environment


class JournalProblem(StrEnum):
    IN_USE = "in_use"  # another VoucherDesk process works on this journal now
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


class StaleEntry(Exception):
    """The entry changed since the caller read it: the step must not be taken."""


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
    UNDOING = "undoing"  # the cancel of a finished redemption is (maybe) on its way
    UNDONE = "undone"  # the order was cancelled afterwards
    ATTENTION = "attention"  # booked, but not as quoted: real redemptions stop until acknowledged


# How the note of an alarm a person acknowledged begins (the alarm's own note follows).
ACKNOWLEDGED = "acknowledged: "
# The notes the desk itself writes on a finished entry, over bookingkit's reason for refusing a
# top-up: an acknowledgement, and an undo that did not cancel (which replaces the former). None
# is a refusal; each comes only after an alarm or an undo.
OWN_NOTES = (ACKNOWLEDGED, "cancel failed: ", "cancel answered", "cancel did not take effect")
# SQL: a finished entry whose top-up never went out (see JournalEntry.top_up_not_sent).
_TOP_UP_NOT_SENT = "(top_up_method IS NULL AND ({}))".format(
    " OR ".join("instr(note, ?) = 1" for _ in OWN_NOTES)
)

UNFINISHED_STATES = frozenset(
    {
        EntryState.PREPARED,
        EntryState.SENT,
        EntryState.BOOKED,
        EntryState.TOP_UP_SENT,
        EntryState.UNKNOWN,
        EntryState.UNDOING,
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
    sent_at TEXT,
    environment TEXT,
    base_url TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    top_up_method TEXT,
    kind TEXT NOT NULL DEFAULT 'value_voucher',
    entries INTEGER,
    appointment_id TEXT,
    appointment_at TEXT,
    clerk TEXT,
    changed_by TEXT,
    top_up_taken_at TEXT,
    top_up_taken_by TEXT,
    top_up_left_at TEXT,
    top_up_left_by TEXT
);
CREATE INDEX IF NOT EXISTS entries_created ON entries (created_at);
CREATE INDEX IF NOT EXISTS entries_state ON entries (state);
"""

# Columns added after the first release, with their type (older journals are migrated).
_ADDED_COLUMNS = {
    "sent_at": "TEXT",
    "environment": "TEXT",
    "base_url": "TEXT",
    "version": "INTEGER NOT NULL DEFAULT 0",
    "top_up_method": "TEXT",
    # Open-date tickets and passes: every entry older than them redeemed a value voucher.
    "kind": "TEXT NOT NULL DEFAULT 'value_voucher'",
    "entries": "INTEGER",
    "appointment_id": "TEXT",
    "appointment_at": "TEXT",
    "clerk": "TEXT",  # who started the redemption (None: no clerks, or an older journal)
    "changed_by": "TEXT",  # who took the last step: undo, acknowledgement, reconcile
    # When the clerk confirmed the top-up as taken, and who (see Journal.top_up_taken).
    "top_up_taken_at": "TEXT",
    "top_up_taken_by": "TEXT",
    # ... or left it unpaid: owed from an earlier run, its customer gone (Journal.top_up_left).
    "top_up_left_at": "TEXT",
    "top_up_left_by": "TEXT",
}

# States marked just before a write whose outcome may be doubtful goes out.
_SENDING = frozenset({EntryState.SENT, EntryState.TOP_UP_SENT, EntryState.UNDOING})


@dataclass(frozen=True)
class JournalEntry:
    """One redemption attempt. ``voucher_id``/``voucher_code`` are those of what is redeemed
    (the voucher, the open-date ticket or the pass: ``kind``); ``drawn`` is the value it used
    (drawn from a voucher, a ticket's price, the price of a pass's entries)."""

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
    sent_at: datetime | None = None  # when the last write went out (wall clock, for people)
    environment: str | None = None  # None: written before entries recorded one
    base_url: str | None = None
    version: int = 0
    top_up_method: str | None = None  # the method the top-up was sent with
    kind: VoucherKind = VoucherKind.VALUE_VOUCHER
    entries: int | None = None  # places used of a ticket (1) or a pass (N)
    appointment_id: str | None = None  # the date bookingkit booked (tickets: from its answer)
    appointment_at: datetime | None = None
    clerk: str | None = None  # the clerk signed in when the redemption started
    changed_by: str | None = None  # the clerk signed in at its last step (undo, acknowledge)
    top_up_taken_at: datetime | None = None  # the clerk confirmed the top-up as collected
    top_up_taken_by: str | None = None  # the clerk signed in then
    top_up_left_at: datetime | None = None  # left unpaid (its customer gone), not taken
    top_up_left_by: str | None = None

    def belongs_to(self, environment: Environment) -> bool:
        return self.base_url is not None and self.base_url == environment.base_url

    @property
    def quote(self) -> Quote:
        """A value voucher's quote; ValueError for a ticket's or a pass's (see any_quote)."""
        if self.kind is not VoucherKind.VALUE_VOUCHER:
            raise ValueError(f"entry {self.key} redeems a {self.kind.value}, not a voucher")
        return Quote.from_json(self.quote_json)

    @property
    def any_quote(self) -> AnyQuote:
        return quote_from_json(self.kind, self.quote_json)

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED_STATES

    @property
    def top_up_was_taken(self) -> bool:
        """A top-up the clerk confirmed as collected: in the till (handed back on an undo)."""
        top_up = self.top_up
        return top_up is not None and not top_up.is_zero and self.top_up_taken_at is not None

    @property
    def top_up_not_taken(self) -> bool:
        """A finished booking whose top-up went to bookingkit and nobody confirmed as collected
        (left unpaid too): bookingkit counts it as paid, the till may not hold it."""
        return self._finished_top_up_not_taken and not self.top_up_not_sent

    @property
    def top_up_not_sent(self) -> bool:
        """A finished booking whose top-up never went to bookingkit: an order that drew
        otherwise than quoted stopped it first (the alarm), and a person acknowledged it. The
        quoted amount is owed to nobody; that person settles the booking in bookingkit.
        (Its method is written when the top-up goes out, but an older journal's may lack it:
        the desk's own note tells, the acknowledgement or an undo that failed after it.)"""
        return (
            self._finished_top_up_not_taken
            and self.top_up_method is None
            and self.note.startswith(OWN_NOTES)
        )

    @property
    def _finished_top_up_not_taken(self) -> bool:
        top_up = self.top_up
        return (
            self.state is EntryState.DONE
            and top_up is not None
            and not top_up.is_zero
            and self.top_up_taken_at is None
        )


Entries = list[JournalEntry]  # named so Journal.list does not shadow the builtin in signatures


def new_key(counter_id: str) -> str:
    """The idempotency key sent as ``external_reference``: unique across counters and time."""
    return f"{counter_id}-{uuid.uuid4().hex}"


_KEY_SHAPE = re.compile(r"(?P<counter>[A-Za-z0-9_-]{1,40})-[0-9a-f]{32}")


def counter_of(reference: str | None) -> str | None:
    """The counter id in a key made by :func:`new_key` (an order's external reference), or
    None for a reference no counter made."""
    found = _KEY_SHAPE.fullmatch(reference or "")
    return found.group("counter") if found else None


def _os_detail(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class Journal:
    """Thread-safe; every write is one committed, fsynced transaction.

    ``writer``: take the journal's process lock (raises JournalUnavailable with IN_USE while
    another process holds it). A reader (``writer=False``) only lists entries.
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = utc_now,
        busy_timeout: float = 10.0,
        writer: bool = True,
    ) -> None:
        self.path = Path(path)
        self.writer = writer
        # The clerk signed in now (set through Desk.clerk): written with every step.
        self.clerk: str | None = None
        self._clock = clock
        self._lock = threading.Lock()
        if writer:
            try:
                journal_lock.acquire(self.path)
            except journal_lock.LockHeld as exc:
                raise JournalUnavailable(self.path, str(exc), JournalProblem.IN_USE) from exc
            except OSError as exc:  # no lock file can be made: a read-only or missing folder
                raise JournalUnavailable(self.path, _os_detail(exc)) from exc
        try:
            try:
                private_file(self.path)  # owner-only; -wal and -shm take the file's mode
            except OSError as exc:
                if not self.path.is_file():  # a folder in its place, or no folder to put it
                    raise JournalUnavailable(self.path, _os_detail(exc)) from exc
            self._open(busy_timeout)
        except BaseException:
            if writer:
                journal_lock.release(self.path)
            raise

    def _open(self, busy_timeout: float) -> None:
        try:
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise JournalUnavailable(self.path, str(exc)) from exc
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # Check before anything is written: a damaged file must stay byte for byte as it
            # was (switching to WAL alone rewrites its header).
            check = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check says {check!r}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous = FULL")
            if str(mode).lower() != "wal":
                raise sqlite3.DatabaseError(f"journal mode {mode!r} instead of WAL")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(entries)")}
            if not set(_ADDED_COLUMNS) <= columns:  # a journal written by an older version
                self._migrate(columns)
            if self.writer:  # a read-only file is found now, not at the first redemption
                version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
                self._db.execute(f"PRAGMA user_version = {version}")
            for suffix in ("-wal", "-shm"):
                make_private(Path(f"{self.path}{suffix}"))
        except sqlite3.OperationalError as exc:  # busy, locked, cannot open: not damage
            self._db.close()
            raise JournalUnavailable(self.path, str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise JournalCorrupt(self.path, str(exc)) from exc

    def _migrate(self, columns: set[str]) -> None:
        """Add the columns a journal of an older version lacks, in one transaction: a crash
        halfway leaves the file as it was."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for name, kind in _ADDED_COLUMNS.items():
                if name not in columns:
                    self._db.execute(f"ALTER TABLE entries ADD COLUMN {name} {kind}")
            if "top_up_taken_at" not in columns:
                # Older versions asked for the money on a finished booking's screen and
                # recorded nothing: those top-ups count as taken (by nobody named). A booking
                # still open never showed its top-up: it is asked for once it is settled. An
                # acknowledged alarm's top-up that never went out was never asked for either.
                self._db.execute(
                    "UPDATE entries SET top_up_taken_at = updated_at"
                    f" WHERE top_up IS NOT NULL AND state IN (?, ?) AND NOT {_TOP_UP_NOT_SENT}",
                    (EntryState.DONE.value, EntryState.UNDONE.value, *OWN_NOTES),
                )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self.writer:
            journal_lock.release(self.path)
            self.writer = False

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if not self.writer:
            raise JournalUnavailable(self.path, "opened to read only", JournalProblem.IN_USE)
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

    def create(
        self,
        quote: AnyQuote,
        counter_id: str,
        environment: Environment,
        *,
        counter_currency: str = "EUR",
    ) -> JournalEntry:
        """Record the intent to redeem ``quote`` in ``environment``; durable on disk when this
        returns. ``counter_currency`` stands in for a ticket or pass bookingkit gave no price."""
        key = new_key(counter_id)
        now = _ts(self._clock())
        top_up = None
        if isinstance(quote, Quote) and not quote.top_up.is_zero:
            top_up = str(quote.top_up.amount)
        used = value_used(quote, counter_currency)
        with self._write() as db:
            db.execute(
                "INSERT INTO entries (key, counter_id, created_at, updated_at, state,"
                " voucher_id, voucher_code, quote_json, currency, drawn, top_up,"
                " environment, base_url, kind, entries, appointment_id, appointment_at, clerk,"
                " changed_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    counter_id,
                    now,
                    now,
                    EntryState.PREPARED.value,
                    item_id(quote),
                    item_code(quote),
                    quote.to_json(),
                    used.currency,
                    str(used.amount),
                    top_up,
                    environment.name,
                    environment.base_url,
                    quote_kind(quote).value,
                    entries_used(quote),
                    None,
                    None,
                    self.clerk,
                    self.clerk,
                ),
            )
        return self.get(key)

    def mark(
        self,
        entry: JournalEntry,
        state: EntryState,
        *,
        order_id: str | None = None,
        booking_code: str | None = None,
        drawn: Money | None = None,
        value_left: Money | None = None,
        top_up_method: str | None = None,
        note: str | None = None,
        appointment_id: str | None = None,
        appointment_at: datetime | None = None,
    ) -> JournalEntry:
        """Move ``entry`` (as the caller read it) to ``state`` and record the given facts; None
        leaves a fact as it was. Raises StaleEntry when the entry changed since it was read."""
        values: dict[str, str | None] = {"changed_by": self.clerk}
        for name, value in (
            ("order_id", order_id),
            ("booking_code", booking_code),
            ("top_up_method", top_up_method),
            ("note", note),
            ("appointment_id", appointment_id),
            ("appointment_at", None if appointment_at is None else _ts(appointment_at)),
        ):
            if value is not None:
                values[name] = value
        for name, amount in (("drawn", drawn), ("value_left", value_left)):
            if amount is not None:
                values[name] = str(amount.amount)
        now = _ts(self._clock())
        if state in _SENDING:  # for people: when the write last went out
            values["sent_at"] = now
        assignments = "".join(f", {name} = ?" for name in values)
        with self._write() as db:
            cur = db.execute(
                f"UPDATE entries SET state = ?, updated_at = ?, version = version + 1"
                f"{assignments} WHERE key = ? AND version = ?",
                (state.value, now, *values.values(), entry.key, entry.version),
            )
            if cur.rowcount != 1:
                exists = db.execute("SELECT 1 FROM entries WHERE key = ?", (entry.key,))
                if exists.fetchone() is None:
                    raise KeyError(entry.key)
                raise StaleEntry(entry.key)
        return self.get(entry.key)

    def assign_environment(self, environment: Environment, key: str | None = None) -> int:
        """Give entries written before entries recorded an environment (or ``key`` only) to
        ``environment``: an admin's decision, never taken automatically. Returns the count."""
        where = "environment IS NULL AND base_url IS NULL"
        params: tuple[str, ...] = ()
        if key is not None:
            where += " AND key = ?"
            params = (key,)
        with self._write() as db:
            cur = db.execute(
                "UPDATE entries SET environment = ?, base_url = ?, version = version + 1"
                f" WHERE {where}",
                (environment.name, environment.base_url, *params),
            )
            return int(cur.rowcount)

    def top_up_taken(self, key: str, by: str | None) -> bool:
        """Clerk ``by`` collected the top-up of ``key``: durable when this returns. Not a
        state change (the version stays); False when it was noted before (the first stays)."""
        return self._note_top_up(
            key,
            "SET top_up_taken_at = ?, top_up_taken_by = ? WHERE key = ?"
            " AND top_up IS NOT NULL AND top_up_taken_at IS NULL",
            by,
        )

    def top_up_left(self, key: str, by: str | None) -> bool:
        """Clerk ``by`` left the top-up of ``key`` unpaid (owed from an earlier run, its
        customer gone): not asked for again, still not taken. False when already noted (or
        taken meanwhile)."""
        return self._note_top_up(
            key,
            "SET top_up_left_at = ?, top_up_left_by = ? WHERE key = ?"
            " AND top_up IS NOT NULL AND top_up_taken_at IS NULL AND top_up_left_at IS NULL",
            by,
        )

    def _note_top_up(self, key: str, assignment: str, by: str | None) -> bool:
        """Note now and by whom (``assignment``: its SET and WHERE); whether it changed the
        entry. KeyError for a key no entry has."""
        with self._write() as db:
            cur = db.execute(f"UPDATE entries {assignment}", (_ts(self._clock()), by, key))
            if cur.rowcount:
                return True
            if db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is None:
                raise KeyError(key)
            return False

    def top_ups_owed(self, environment: Environment) -> Entries:
        """Finished bookings of ``environment`` whose top-up went to bookingkit and nobody
        confirmed as taken (a crash or a forced quit while it was on screen), oldest first.
        Under any counter id: the journal is this computer's, and so is the till (as in the
        shift report)."""
        return self._select(
            "WHERE state = ? AND base_url = ? AND top_up IS NOT NULL"
            # not an acknowledged alarm that stopped it before it went out (top_up_not_sent)
            f" AND NOT {_TOP_UP_NOT_SENT}"
            " AND top_up_taken_at IS NULL AND top_up_left_at IS NULL ORDER BY created_at",
            (EntryState.DONE.value, environment.base_url, *OWN_NOTES),
        )

    def get(self, key: str) -> JournalEntry:
        rows = self._select("WHERE key = ?", (key,))
        if not rows:
            raise KeyError(key)
        return rows[0]

    def unfinished(self, environment: Environment) -> Entries:
        """Entries of ``environment`` whose outcome must be settled before the next scan."""
        marks = ",".join("?" for _ in UNFINISHED_STATES)
        return self._select(
            f"WHERE state IN ({marks}) AND base_url = ? ORDER BY created_at",
            (*(s.value for s in UNFINISHED_STATES), environment.base_url),
        )

    def other_environments(self, environment: Environment) -> Entries:
        """Open entries that belong to another environment, or to none recorded: listed apart,
        never judged from here."""
        marks = ",".join("?" for _ in UNFINISHED_STATES | {EntryState.ATTENTION})
        return self._select(
            f"WHERE state IN ({marks}) AND (base_url IS NULL OR base_url != ?) ORDER BY created_at",
            (*(s.value for s in UNFINISHED_STATES | {EntryState.ATTENTION}), environment.base_url),
        )

    def alarms(self, environment: Environment) -> Entries:
        """Bookings that did not draw as quoted: real redemptions stop until acknowledged."""
        return self._select(
            "WHERE state = ? AND base_url = ? ORDER BY created_at",
            (EntryState.ATTENTION.value, environment.base_url),
        )

    def list(
        self, day: date | None = None, search: str = "", environment: Environment | None = None
    ) -> Entries:
        """Newest first; ``day`` is a local calendar day, ``search`` matches codes, ids, notes;
        ``environment`` keeps that environment's entries only."""
        clauses: list[str] = []
        params: list[str] = []
        if day is not None:
            try:
                start = datetime.combine(day, time.min).astimezone()  # local midnight
                bounds = [_ts(start), _ts(start + timedelta(days=1))]
            except (OverflowError, ValueError):  # the first or last day a date can name
                return []  # nothing was journalled there
            clauses.append("created_at >= ? AND created_at < ?")
            params += bounds
        if search.strip():
            like = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%")
            like = like.replace("_", "\\_") + "%"
            cols = (
                "key",
                "voucher_code",
                "booking_code",
                "order_id",
                "note",
                "quote_json",
                "clerk",
                "changed_by",
            )
            clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols) + ")")
            params += [like] * len(cols)
        if environment is not None:
            clauses.append("base_url = ?")
            params.append(environment.base_url)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._select(where + " ORDER BY created_at DESC", tuple(params))

    def _select(self, tail: str, params: tuple[Any, ...]) -> Entries:
        with self._lock:
            rows = self._db.execute(
                "SELECT key, created_at, state, voucher_id, voucher_code, quote_json, order_id,"
                " booking_code, top_up, drawn, value_left, note, updated_at, counter_id, currency,"
                " sent_at, environment, base_url, version, top_up_method, kind, entries,"
                " appointment_id, appointment_at, clerk, changed_by, top_up_taken_at,"
                " top_up_taken_by, top_up_left_at, top_up_left_by FROM entries " + tail,
                params,
            ).fetchall()
        try:
            return [_entry(row) for row in rows]
        except (ValueError, TypeError, ArithmeticError) as exc:  # a row no version wrote
            raise JournalCorrupt(self.path, f"unreadable entry ({type(exc).__name__})") from exc


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
        environment,
        base_url,
        version,
        top_up_method,
        kind,
        entries,
        appointment_id,
        appointment_at,
        clerk,
        changed_by,
        taken_at,
        taken_by,
        left_at,
        left_by,
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
        environment=environment,
        base_url=base_url,
        version=int(version),
        top_up_method=top_up_method,
        kind=VoucherKind(kind),
        entries=None if entries is None else int(entries),
        appointment_id=appointment_id,
        appointment_at=None if appointment_at is None else datetime.fromisoformat(appointment_at),
        clerk=clerk,
        changed_by=changed_by,
        top_up_taken_at=None if taken_at is None else datetime.fromisoformat(taken_at),
        top_up_taken_by=taken_by,
        top_up_left_at=None if left_at is None else datetime.fromisoformat(left_at),
        top_up_left_by=left_by,
    )
