"""Mutation testing of the money path, journal.py and quote.py (``bash tests/mutation.sh``): tests
that kill mutants the rest of the suite lets survive, and in ``EXPLAINED`` the survivors that
cannot or need not be killed, each with its reason (gathered by tests/helpers/explained_mutants).

The journal tests open real SQLite files in-process and stay fast: mutmut reruns every one of
them for each journal mutant. Where another process matters (the journal's lock), a handle of
the test's own on the lock file stands in for it: the OS lock belongs to the open file, so that
handle meets the journal's lock exactly as another process would.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pytest
from helpers.desk_factories import NOW, event, event_date, voucher

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.bookingkit.models import Product
from voucherdesk.desk import journal_lock
from voucherdesk.desk.journal import (
    EntryState,
    Journal,
    JournalCorrupt,
    JournalEntry,
    JournalProblem,
    JournalUnavailable,
    StaleEntry,
    counter_of,
    new_key,
)
from voucherdesk.desk.journal_lock import lock_path
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.quote import (
    NO_DETAILS,
    BookingDetails,
    ProductLine,
    Quote,
    QuoteLine,
    QuoteProblem,
    QuoteRefusal,
    QuoteRefused,
    make_quote,
    seat_titles,
)
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.local_files import has_modes
from voucherdesk.money import Money

ENV = Environment("demo", "http://127.0.0.1:9")
OTHER = Environment("sandbox", "https://api-sandbox.bookingkit.de")


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


def _quote(remaining: str = "100", code: str = "GIFT-1234") -> Quote:
    """Two adults at 35.50: 71.00, drawn from ``remaining``."""
    v = voucher(remaining_value=Decimal(remaining), code=code)
    return make_quote(v, event(), event_date(), {"p-adult": 2}, now=NOW, counter_currency="EUR")


def _ticket(price: Money | None) -> TicketQuote:
    return TicketQuote(
        ticket_id="t-1",
        ticket_code="TICKET-1",
        event_id="e1",
        event_title="Canoe tour",
        strategy=RedemptionStrategy.NEXT_AVAILABLE,
        appointment_id=None,
        starts_at=None,
        free_places=None,
        price=price,
        price_title="Adult",
        customer_name=None,
    )


def _pass(entries: int) -> PassQuote:
    return PassQuote(
        pass_id="pass-1",
        pass_code="PASS-1",
        pass_title="Ten trips",
        sold_in_order="o-sold",
        event_id="e1",
        event_title="Canoe tour",
        date_id="d1",
        starts_at=NOW + timedelta(days=2),
        price_id="p-adult",
        price_title="Adult",
        unit=eur("3.50"),
        entries=entries,
        entries_before=10,
        entries_total=10,
        unlimited=False,
    )


class Ticks:
    """A wall clock the test reads back: each call is one second (and a few µs) later."""

    def __init__(self) -> None:
        self.moments = [NOW + timedelta(seconds=s, microseconds=7 * s) for s in range(1, 50)]
        self.used = 0

    def __call__(self) -> datetime:
        self.used += 1
        return self.moments[self.used - 1]

    @property
    def last(self) -> datetime:
        return self.moments[self.used - 1]


def _lock_handle(journal: Path) -> IO[bytes]:
    return os.fdopen(os.open(lock_path(journal), os.O_RDWR | os.O_CREAT, 0o600), "r+b")


@contextmanager
def lock_held_elsewhere(journal: Path) -> Iterator[None]:
    """Hold the journal's OS lock as another process would (a handle of our own: the lock
    belongs to the open file, so the journal's own handle cannot share it)."""
    with _lock_handle(journal) as handle:
        assert journal_lock._try_lock(handle)
        yield


def lock_is_free(journal: Path) -> bool:
    """Whether another process could take the journal's lock now."""
    with _lock_handle(journal) as handle:
        return journal_lock._try_lock(handle)  # closing gives back what the probe took


# --- journal.py: every fact of an entry, written and read back ----------------------------------


def test_every_fact_of_an_entry_is_written_and_read_back_as_given(tmp_path: Path) -> None:
    """Journal.create, mark, get, _entry, _select, _ts: each fact lands in its own column and
    comes back as given, also through a second reader of the file; a mark leaves every fact it
    is not given as it was; only the sending marks (SENT, TOP_UP_SENT, UNDOING) move
    ``sent_at``; the clerk who started stays, the one of the last step is kept apart."""
    path = tmp_path / "j.sqlite"
    ticks = Ticks()
    quote = _quote(remaining="50")  # 71.00: 50.00 drawn, 21.00 top-up
    with Journal(path, clock=ticks) as journal:
        journal.clerk = "anna"
        created = journal.create(quote, "till1", ENV)
        born = ticks.last
        assert created == JournalEntry(
            key=created.key,
            created_at=born,
            state=EntryState.PREPARED,
            voucher_id="v1",
            voucher_code="GIFT-1234",
            quote_json=quote.to_json(),
            order_id=None,
            booking_code=None,
            top_up=eur("21.00"),
            drawn=eur("50.00"),
            value_left=None,
            note="",
            updated_at=born,
            counter_id="till1",
            sent_at=None,
            environment="demo",
            base_url=ENV.base_url,
            version=0,
            top_up_method=None,
            kind=VoucherKind.VALUE_VOUCHER,
            entries=None,
            appointment_id=None,
            appointment_at=None,
            clerk="anna",
            changed_by="anna",
        )
        assert counter_of(created.key) == "till1"
        assert created.quote == quote

        journal.clerk = "ben"
        sent = journal.mark(created, EntryState.SENT)
        sent_at = ticks.last
        assert (sent.state, sent.sent_at, sent.updated_at, sent.version) == (
            EntryState.SENT,
            sent_at,
            sent_at,
            1,
        )
        assert (sent.clerk, sent.changed_by, sent.created_at) == ("anna", "ben", born)

        berlin = timezone(timedelta(hours=2))
        starts = datetime(2026, 6, 3, 14, 30, 0, 250, tzinfo=berlin)
        booked = journal.mark(
            sent,
            EntryState.BOOKED,
            order_id="o-1",
            booking_code="BK-1",
            drawn=eur("49.50"),
            value_left=eur("0.50"),
            top_up_method="Cash",
            note="booked",
            appointment_id="d9",
            appointment_at=starts,
        )
        assert (booked.order_id, booked.booking_code, booked.top_up_method, booked.note) == (
            "o-1",
            "BK-1",
            "Cash",
            "booked",
        )
        assert (booked.drawn, booked.value_left, booked.top_up) == (
            eur("49.50"),
            eur("0.50"),
            eur("21.00"),
        )
        assert (booked.appointment_id, booked.appointment_at) == ("d9", starts)
        assert (booked.sent_at, booked.updated_at, booked.version) == (sent_at, ticks.last, 2)

        topping = journal.mark(booked, EntryState.TOP_UP_SENT)
        assert topping.sent_at == ticks.last
        journal.clerk = None
        done = journal.mark(topping, EntryState.DONE)
        assert (done.sent_at, done.changed_by, done.version) == (topping.sent_at, None, 4)
        assert (done.order_id, done.booking_code, done.top_up_method, done.note) == (
            "o-1",
            "BK-1",
            "Cash",
            "booked",
        )
        assert (done.drawn, done.value_left, done.appointment_id, done.appointment_at) == (
            eur("49.50"),
            eur("0.50"),
            "d9",
            starts,
        )
        undoing = journal.mark(done, EntryState.UNDOING)
        assert undoing.sent_at == ticks.last
        assert journal.get(created.key) == undoing

    reader = Journal(path, writer=False)
    try:
        assert reader.get(created.key) == undoing
        assert reader.list() == [undoing]
    finally:
        reader.close()
    with sqlite3.connect(path) as raw:
        stored = raw.execute("SELECT created_at, appointment_at, drawn FROM entries").fetchone()
    assert stored == (
        "2026-06-01T10:00:01.000007+00:00",
        "2026-06-03T12:30:00.000250+00:00",
        "49.50",
    )


def test_tickets_and_passes_are_journalled_with_their_kind_places_and_price(
    tmp_path: Path,
) -> None:
    """Journal.create, _entry: a ticket keeps its kind and one place; one without a price draws
    nothing, in the counter's currency (EUR unless another is given); a pass keeps its entries
    and their price. Value vouchers have no places and no top-up when none is due."""
    with Journal(tmp_path / "j.sqlite") as journal:
        free = journal.create(_ticket(None), "till1", ENV)
        assert (free.kind, free.entries, free.drawn, free.top_up) == (
            VoucherKind.OPEN_DATE_TICKET,
            1,
            Money.zero("EUR"),
            None,
        )
        assert (free.voucher_id, free.voucher_code) == ("t-1", "TICKET-1")
        assert (free.clerk, free.changed_by) == (None, None)  # no clerk signed in
        assert free.any_quote == _ticket(None)
        with pytest.raises(ValueError, match="open_date_ticket"):
            _ = free.quote
        swiss = journal.create(_ticket(None), "till1", ENV, counter_currency="CHF")
        assert swiss.drawn == Money.zero("CHF")
        priced = journal.create(_ticket(eur("19.99")), "till1", ENV, counter_currency="CHF")
        assert priced.drawn == eur("19.99")
        trips = journal.create(_pass(3), "till1", ENV)
        assert (trips.kind, trips.entries, trips.drawn) == (VoucherKind.PASS, 3, eur("10.50"))
        assert trips.any_quote == _pass(3)
        paid = journal.create(_quote(), "till1", ENV)
        assert (paid.kind, paid.entries, paid.top_up, paid.drawn) == (
            VoucherKind.VALUE_VOUCHER,
            None,
            None,
            eur("71.00"),
        )
        assert journal.list() == [paid, trips, priced, swiss, free]


def test_counter_of_reads_only_keys_a_counter_made() -> None:
    """counter_of: the counter id of a key made by new_key; None for anything else."""
    assert counter_of(new_key("till_2-B")) == "till_2-B"
    assert counter_of("till1-" + "0123456789abcdef" * 2) == "till1"
    assert counter_of(None) is None
    assert counter_of("") is None
    assert counter_of("till1-" + "0123456789ABCDEF" * 2) is None  # not hex as we write it
    assert counter_of("till1-" + "0" * 31) is None
    assert counter_of("x" * 41 + "-" + "0" * 32) is None


def test_entries_belong_only_to_the_environment_of_their_address(tmp_path: Path) -> None:
    """JournalEntry.belongs_to, Journal.unfinished, other_environments, alarms, list: an entry
    belongs to the environment with its address; one recorded without any belongs to none."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        here = journal.create(_quote(), "till1", ENV)
        there = journal.create(_quote(), "till1", OTHER)
        alarm = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.ATTENTION)
        done = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.DONE)
        with sqlite3.connect(path) as raw:
            raw.execute(
                "UPDATE entries SET environment = NULL, base_url = NULL WHERE key = ?", (done.key,)
            )
        legacy = journal.get(done.key)
        assert (here.belongs_to(ENV), here.belongs_to(OTHER)) == (True, False)
        assert (there.belongs_to(ENV), there.belongs_to(OTHER)) == (False, True)
        assert legacy.belongs_to(ENV) is False
        assert journal.unfinished(ENV) == [here]
        assert journal.unfinished(OTHER) == [there]
        assert journal.alarms(ENV) == [alarm]
        assert journal.alarms(OTHER) == []
        assert journal.other_environments(OTHER) == [here, alarm]
        assert journal.other_environments(ENV) == [there]
        assert [e.key for e in journal.list(environment=ENV)] == [alarm.key, here.key]
        assert journal.list(environment=OTHER) == [there]
        assert len(journal.list()) == 4


def test_assigning_an_environment_touches_only_entries_without_one(tmp_path: Path) -> None:
    """Journal.assign_environment: one key or all entries without an environment get it (and a
    new version); an entry that has one keeps it, even when named."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        keys = [journal.create(_quote(), "till1", OTHER).key for _ in range(3)]
        with sqlite3.connect(path) as raw:
            raw.execute(
                "UPDATE entries SET environment = NULL, base_url = NULL WHERE key != ?", (keys[2],)
            )
        assert journal.assign_environment(ENV, keys[2]) == 0
        assert journal.assign_environment(ENV, keys[1]) == 1
        assert [(e.environment, e.version) for e in map(journal.get, keys)] == [
            (None, 0),
            ("demo", 1),
            ("sandbox", 0),
        ]
        assert journal.assign_environment(ENV) == 1
        assert [journal.get(k).base_url for k in keys] == [
            ENV.base_url,
            ENV.base_url,
            OTHER.base_url,
        ]


def test_the_list_narrows_by_local_day_search_and_environment_together(tmp_path: Path) -> None:
    """Journal.list: the day is the computer's calendar day (local midnight to midnight);
    search matches any of the searched columns case-blind, with %, _ and \\ taken literally;
    filters add up; the newest entry comes first."""
    june1 = date(2026, 6, 1)
    midnight = datetime.combine(june1, time.min).astimezone()  # this computer's zone
    day = timedelta(days=1)
    moments = iter(
        [
            midnight - timedelta(microseconds=1),  # the last moment of May 31
            midnight,
            midnight + day - timedelta(microseconds=1),  # the last moment of June 1
            midnight + day,  # June 2
            midnight + timedelta(hours=12),
            midnight + timedelta(hours=13),
        ]
        + [midnight + timedelta(hours=14, seconds=s) for s in range(20)]
    )
    with Journal(tmp_path / "j.sqlite", clock=lambda: next(moments)) as journal:
        may = journal.create(_quote(code="R_5%"), "till1", ENV)
        first = journal.create(_quote(code="RX5%"), "till1", ENV)
        last = journal.create(_quote(code="C:\\TILL"), "till1", OTHER)
        june2 = journal.create(_quote(code="r_5%"), "till1", ENV)
        noon = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.SENT, note="50%")
        one = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.SENT, note="C:till")

        assert journal.list(june1) == [last, one, noon, first]
        assert journal.list(date(2026, 5, 31)) == [may]
        assert journal.list(june1, search="r_5%") == []
        assert journal.list(search=" r_5% ") == [june2, may]
        assert journal.list(search="50%") == [noon]
        assert journal.list(search="c:\\t") == [last]
        assert journal.list(search="C:t") == [one]
        assert journal.list(search="x5") == [first]
        assert journal.list(june1, search="c:", environment=ENV) == [one]
        assert journal.list(date.max) == []
        assert journal.list(search="   ") == journal.list()
        assert len(journal.list()) == 6


# --- journal.py: opening, the lock, and what a journal that cannot be used says ----------------


def test_a_journal_held_elsewhere_is_in_use_for_writing_but_open_for_reading(
    tmp_path: Path,
) -> None:
    """Journal.__init__: while another process holds the journal's lock, opening it to write is
    refused as IN_USE, naming the journal and the lock; a reader opens it and lists; once the
    lock is free, a writer opens it (and by default a journal is opened to write)."""
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        entry = journal.create(_quote(), "till1", ENV)
    with lock_held_elsewhere(path):
        with pytest.raises(JournalUnavailable) as refused:
            Journal(path)
        reader = Journal(path, writer=False)
        try:
            assert reader.list() == [entry]
        finally:
            reader.close()
    assert refused.value.problem is JournalProblem.IN_USE
    assert refused.value.path == path
    assert refused.value.detail == str(lock_path(path).resolve())
    assert str(refused.value) == f"journal {path}: {lock_path(path).resolve()}"
    with Journal(path) as journal:
        assert not lock_is_free(path)
        assert journal.mark(entry, EntryState.SENT).state is EntryState.SENT
    assert lock_is_free(path)


def test_closing_twice_keeps_the_lock_another_journal_of_the_process_holds(
    tmp_path: Path,
) -> None:
    """Journal.close: the lock is counted per process; closing one journal twice gives back
    its own share once, never the share of another open journal of the same file."""
    path = tmp_path / "j.sqlite"
    first = Journal(path)
    second = Journal(path)
    first.close()
    first.close()
    try:
        assert not lock_is_free(path)
        assert second.create(_quote(), "till1", ENV).state is EntryState.PREPARED
    finally:
        second.close()
    assert lock_is_free(path)


def test_a_journal_whose_folder_cannot_be_made_says_what_the_system_said(tmp_path: Path) -> None:
    """Journal.__init__, _os_detail: a file where the journal's folder should be: no lock file
    (writer) and no journal (reader) can be made; CANNOT_OPEN with the system's reason."""
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    path = blocker / "journal.sqlite"
    with pytest.raises(FileExistsError) as system:
        blocker.mkdir()
    for writer in (True, False):
        with pytest.raises(JournalUnavailable) as refused:
            Journal(path, writer=writer)
        assert not isinstance(refused.value, JournalCorrupt)
        assert refused.value.problem is JournalProblem.CANNOT_OPEN
        assert (refused.value.path, refused.value.detail) == (path, system.value.strerror)
    assert blocker.read_text() == "not a folder"


def test_a_journal_path_sqlite_cannot_open_is_named_with_its_reason(tmp_path: Path) -> None:
    """Journal._open: SQLite cannot open a folder: CANNOT_OPEN with its words; the lock taken
    for it is given back."""
    path = tmp_path / "journal.sqlite"
    path.mkdir()
    with pytest.raises(JournalUnavailable) as refused:
        Journal(path)
    assert not isinstance(refused.value, JournalCorrupt)
    assert refused.value.problem is JournalProblem.CANNOT_OPEN
    assert (refused.value.path, refused.value.detail) == (path, "unable to open database file")
    assert lock_is_free(path)


def test_a_journal_locked_by_another_connection_is_unavailable_not_damaged(
    tmp_path: Path,
) -> None:
    """Journal._open: a journal another program keeps locked is CANNOT_OPEN with SQLite's
    words after the busy timeout, never DAMAGED; the lock taken for it is given back."""
    path = tmp_path / "j.sqlite"
    Journal(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalUnavailable) as refused:
            Journal(path, busy_timeout=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not isinstance(refused.value, JournalCorrupt)
    assert refused.value.problem is JournalProblem.CANNOT_OPEN
    assert (refused.value.path, refused.value.detail) == (path, "database is locked")
    assert lock_is_free(path)


def test_a_file_that_is_no_journal_is_damaged_and_left_byte_for_byte(tmp_path: Path) -> None:
    """Journal._open: a file that is not a database is DAMAGED with SQLite's words, kept as it
    was (no WAL switch, no schema), and its lock is given back."""
    path = tmp_path / "j.sqlite"
    garbage = b"this is not a journal\n" * 300
    path.write_bytes(garbage)
    with pytest.raises(JournalCorrupt) as damaged:
        Journal(path)
    assert damaged.value.problem is JournalProblem.DAMAGED
    assert (damaged.value.path, damaged.value.detail) == (path, "file is not a database")
    assert path.read_bytes() == garbage
    assert not Path(f"{path}-wal").exists()
    assert lock_is_free(path)


@pytest.mark.skipif(sys.platform == "win32", reason="no file may be named :memory: there")
def test_a_journal_sqlite_would_keep_in_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Journal._open: a path SQLite takes for an in-memory database cannot be put in WAL mode
    and would lose every entry at a crash: refused, with the mode SQLite gave."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(JournalCorrupt) as refused:
        Journal(Path(":memory:"))
    assert refused.value.detail == "journal mode 'memory' instead of WAL"


def test_a_journal_is_durable_private_and_written_to_at_once(tmp_path: Path) -> None:
    """Journal._open: WAL with synchronous FULL; the file and a -wal and -shm left by an older
    version with wider modes are kept to their owner; a write waits for another connection's
    transaction (busy timeout in seconds) instead of failing."""
    path = tmp_path / "j.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE kept (x)")
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.chmod(0o644)  # as an older version left them
    try:
        with Journal(path, busy_timeout=2.0) as journal:
            modes = [
                stat.S_IMODE(Path(f"{path}{suffix}").stat().st_mode)
                for suffix in ("", "-wal", "-shm")
            ]
            if has_modes():
                assert modes == [0o600, 0o600, 0o600]
            pragmas = [
                journal._db.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "synchronous", "busy_timeout")
            ]
            assert pragmas == ["wal", 2, 2000]
            entry = journal.create(_quote(), "till1", ENV)
            other.execute("BEGIN IMMEDIATE")
            finish = threading.Timer(0.1, lambda: other.execute("COMMIT"))
            finish.start()
            try:
                assert journal.mark(entry, EntryState.SENT).version == 1
            finally:
                finish.join()
    finally:
        other.close()


_FIRST_COLUMNS = """
CREATE TABLE entries (
    key TEXT PRIMARY KEY, counter_id TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, state TEXT NOT NULL, voucher_id TEXT NOT NULL,
    voucher_code TEXT NOT NULL, quote_json TEXT NOT NULL, currency TEXT NOT NULL,
    drawn TEXT NOT NULL, top_up TEXT, value_left TEXT, order_id TEXT, booking_code TEXT,
    note TEXT NOT NULL DEFAULT ''
);
PRAGMA user_version = 3;
"""


def test_an_older_journal_gets_the_new_columns_once_and_keeps_its_entries(
    tmp_path: Path,
) -> None:
    """Journal._open: a journal of the first release is migrated in place (its entries read
    with the defaults: a value voucher, no environment, version 0), its own user_version is
    kept, and opening it again changes nothing."""
    path = tmp_path / "old.sqlite"
    quote = _quote()
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(_FIRST_COLUMNS)
    old.execute(
        "INSERT INTO entries (key, counter_id, created_at, updated_at, state, voucher_id,"
        " voucher_code, quote_json, currency, drawn) VALUES ('till1-old', 'till1',"
        " '2026-06-01T10:00:00.000000+00:00', '2026-06-01T10:00:00.000000+00:00', 'done',"
        " 'v1', 'GIFT-1234', ?, 'EUR', '71.00')",
        (quote.to_json(),),
    )
    old.close()
    for _ in range(2):
        with Journal(path) as journal:
            (entry,) = journal.list()
            assert (entry.kind, entry.environment, entry.version, entry.clerk) == (
                VoucherKind.VALUE_VOUCHER,
                None,
                0,
                None,
            )
            assert entry.quote == quote
            assert journal._db.execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_row_no_version_wrote_makes_the_journal_damaged(tmp_path: Path) -> None:
    """Journal._select: an entry whose values cannot be read (a state no version knows) is
    DAMAGED, naming what went wrong, never half-read."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        entry = journal.create(_quote(), "till1", ENV)
        with sqlite3.connect(path) as raw:
            raw.execute("UPDATE entries SET state = 'lost'")
        with pytest.raises(JournalCorrupt) as damaged:
            journal.get(entry.key)
    assert damaged.value.problem is JournalProblem.DAMAGED
    assert (damaged.value.path, damaged.value.detail) == (path, "unreadable entry (ValueError)")


def test_a_reader_cannot_write_and_says_why(tmp_path: Path) -> None:
    """Journal._write, JournalUnavailable: a reader's write is refused as IN_USE with its reason
    (the problem given wins over the class's own)."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        entry = journal.create(_quote(), "till1", ENV)
    reader = Journal(path, writer=False)
    try:
        with pytest.raises(JournalUnavailable) as refused:
            reader.mark(entry, EntryState.SENT)
    finally:
        reader.close()
    assert (refused.value.problem, refused.value.detail, refused.value.path) == (
        JournalProblem.IN_USE,
        "opened to read only",
        path,
    )
    assert str(refused.value) == f"journal {path}: opened to read only"
    assert JournalUnavailable(path, "x").problem is JournalProblem.CANNOT_OPEN
    assert JournalCorrupt(path, "x").problem is JournalProblem.DAMAGED


def test_a_step_on_a_stale_or_missing_entry_is_refused_by_name(tmp_path: Path) -> None:
    """Journal.mark, get: a mark on an entry read before its last change raises StaleEntry,
    one on an entry the journal does not hold KeyError, both naming the key; nothing changes."""
    with Journal(tmp_path / "j.sqlite") as journal:
        entry = journal.create(_quote(), "till1", ENV)
        sent = journal.mark(entry, EntryState.SENT)
        with pytest.raises(StaleEntry) as stale:
            journal.mark(entry, EntryState.ABANDONED)
        assert stale.value.args == (entry.key,)
        ghost = replace(entry, key="till1-ghost")
        with pytest.raises(KeyError) as missing:
            journal.mark(ghost, EntryState.SENT)
        assert missing.value.args == ("till1-ghost",)
        with pytest.raises(KeyError) as unknown:
            journal.get("till1-ghost")
        assert unknown.value.args == ("till1-ghost",)
        assert journal.list() == [sent]


def test_a_journal_opened_in_one_thread_is_used_from_another(tmp_path: Path) -> None:
    """Journal._open: the window opens the journal and its worker threads write to it."""
    with Journal(tmp_path / "j.sqlite") as journal:
        made: list[JournalEntry] = []
        worker = threading.Thread(target=lambda: made.append(journal.create(_quote(), "t", ENV)))
        worker.start()
        worker.join()
        assert len(made) == 1
        assert journal.list() == made


# --- quote.py: a whole quote, its refusals with their numbers, and its JSON --------------------


def product(pid: str, price: str, **over: Any) -> Product:
    data: dict[str, Any] = {
        "id": pid,
        "name": pid.title(),
        "price": Decimal(price),
        "currency": "EUR",
        "dependencies": [{"events": [{"id": "e1"}]}],
    }
    data.update(over)
    return Product.model_validate(data)


PHOTO = product("photo", "12.005")
BAG = product("bag", "4.50", available=3)
WINE = product(
    "wine", "15", dependencies=[{"events": [{"id": "e1", "prices": [{"id": "p-adult"}]}]}]
)
CATALOG = (PHOTO, BAG, WINE)
PRICES = [
    {"id": "p-adult", "title": "Adult", "value": "10.005", "currency": "EUR"},
    {"id": "p-child", "title": "", "value": "0.335", "currency": "eur"},
    {"id": "p-dog", "title": "Dog", "value": "1", "currency": "EUR"},
]


def quote_of(
    participants: Mapping[str, int],
    add_ons: Mapping[str, int] | None = None,
    *,
    details: BookingDetails = NO_DETAILS,
    voucher_over: Mapping[str, Any] | None = None,
    event_over: Mapping[str, Any] | None = None,
    date_over: Mapping[str, Any] | None = None,
    catalog: tuple[Product, ...] = CATALOG,
) -> Quote:
    return make_quote(
        voucher(**(voucher_over or {})),
        event(**{"prices": PRICES, **(event_over or {})}),
        event_date(**(date_over or {})),
        participants,
        now=NOW,
        counter_currency="EUR",
        products=add_ons,
        catalog=catalog,
        details=details,
    )


def refusal_of(
    participants: Mapping[str, int], add_ons: Mapping[str, int] | None = None, **kwargs: Any
) -> QuoteRefusal:
    with pytest.raises(QuoteRefused) as refused:
        quote_of(participants, add_ons, **kwargs)
    assert refused.value.problem is refused.value.refusal.problem
    assert str(refused.value) == refused.value.refusal.problem.value
    return refused.value.refusal


def test_a_booking_with_products_and_details_is_quoted_in_full() -> None:
    """make_quote, _product_lines, clean_details: every field of the quote: lines in the
    event's order (a title-less price by its id, zero counts and unknown zero counts left out),
    products in the catalog's order (an offered product not chosen left out), the total
    multiplied exactly and rounded once, drawn from the balance rounded down."""
    details = BookingDetails(
        customer_name="  Erika\x07 \n Mustermann ",
        customer_email=" erika@example.org\t",
        comment="x" * 1001,
        answers=(" can\tswim ", "", "dog ok", "", " "),
    )
    q = quote_of(
        {"p-dog": 0, "p-child": 3, "p-adult": 1, "p-zz": 0},
        {"wine": 1, "bag": 3, "photo": 0, "nope": 0},
        details=details,
        voucher_over={"remaining_value": Decimal("40.009")},
    )
    adult, child = eur("10.005"), eur("0.335")
    assert q == Quote(
        voucher_id="v1",
        voucher_code="GIFT-1234",
        event_id="e1",
        event_title="Canoe tour",
        date_id="d1",
        starts_at=NOW + timedelta(days=2),
        participants=(("p-adult", 1), ("p-child", 3)),
        lines=(
            QuoteLine("p-adult", "Adult", 1, adult, adult),
            QuoteLine("p-child", "", 3, child, eur("1.005")),
        ),
        total=eur("39.51"),  # 10.005 + 1.005 + 13.50 + 15.00 = 39.51 exactly
        drawn=eur("39.51"),
        top_up=eur("0.00"),
        remaining_before=eur("40.009"),
        value_left=eur("0.499"),
        products=(
            ProductLine("bag", "Bag", 3, eur("4.50"), eur("13.50")),
            ProductLine("wine", "Wine", 1, eur("15"), eur("15")),
        ),
        details=BookingDetails(
            customer_name="Erika Mustermann",
            customer_email="erika@example.org",
            comment="x" * 999 + "…",
            answers=("can swim", "", "dog ok"),
        ),
    )
    assert q.seats == ("Adult", "p-child", "p-child", "p-child")
    assert q.add_ons == (("bag", 3), ("wine", 1))
    short = quote_of({"p-adult": 3}, {"photo": 1}, voucher_over={"remaining_value": "30.019"})
    assert (short.total, short.drawn, short.top_up, short.value_left) == (
        eur("42.02"),  # 30.015 + 12.005 = 42.020
        eur("30.01"),
        eur("12.01"),
        eur("0.009"),
    )


def test_the_voucher_pays_products_only_as_guess_u26_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """make_quote: U26 decides whether the products are drawn from the voucher or always paid
    on top; a booking without products draws the same either way."""
    big = {"remaining_value": Decimal("100")}
    assert quote_of({"p-adult": 2}, {"photo": 1}, voucher_over=big).drawn == eur("32.02")
    monkeypatch.setattr(guesses, "VOUCHER_PAYS_PRODUCTS", False)
    apart = quote_of({"p-adult": 2}, {"photo": 1}, voucher_over=big)
    assert (apart.drawn, apart.top_up) == (eur("20.01"), eur("12.01"))
    assert quote_of({"p-adult": 2}, voucher_over=big).drawn == eur("20.01")


def test_each_product_refusal_carries_its_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """_product_lines: negative counts, products not offered, a price-bound product without a
    participant at its price, stock, and a currency that is not the voucher's (or none)."""
    adult = {"p-adult": 1}
    assert refusal_of(adult, {"wine": -1, "bag": -2, "photo": 0}) == QuoteRefusal(
        problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=("bag", "wine")
    )
    assert refusal_of(adult, {"zz": 1, "aa": 2, "bag": 1, "gone": 0}) == QuoteRefusal(
        problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=("aa", "zz")
    )
    assert refusal_of({"p-child": 1}, {"wine": 1}) == QuoteRefusal(
        problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=("wine",), product_title="Wine"
    )
    nameless = product("cask", "9", name="", dependencies=WINE.dependencies)
    assert refusal_of({"p-child": 1}, {"cask": 1}, catalog=(nameless,)) == QuoteRefusal(
        problem=QuoteProblem.PRODUCT_NOT_OFFERED, product_ids=("cask",), product_title="cask"
    )
    assert quote_of(adult, {"bag": 3}).products[0].count == 3  # all that is left
    assert refusal_of(adult, {"bag": 4}) == QuoteRefusal(
        problem=QuoteProblem.PRODUCT_STOCK,
        product_title="Bag",
        product_available=3,
        product_wanted=4,
    )
    swiss = product("chf", "5", currency="CHF")
    assert refusal_of(adult, {"chf": 1}, catalog=(swiss,)) == QuoteRefusal(
        problem=QuoteProblem.WRONG_CURRENCY,
        price_title="Chf",
        price_currency="CHF",
        voucher_currency="EUR",
    )
    monkeypatch.setattr(guesses, "PRODUCT_CURRENCY_DEFAULTS_TO_VENDOR", False)
    unknown = product("mug", "9", currency=None)
    assert refusal_of(adult, {"mug": 1}, catalog=(unknown,)) == QuoteRefusal(
        problem=QuoteProblem.WRONG_CURRENCY,
        price_title="Mug",
        price_currency="",
        voucher_currency="EUR",
    )


def test_each_booking_refusal_carries_its_numbers() -> None:
    """make_quote: a negative count, nobody, prices the event does not have (zero counts of
    them are ignored), a voucher that cannot pay (with its verdict), a price in another
    currency (named by its id when it has no title), a date of another event."""
    assert refusal_of({"p-adult": 1, "p-child": -1}).problem is QuoteProblem.NO_PARTICIPANTS
    assert refusal_of({"p-adult": 0}) == QuoteRefusal(problem=QuoteProblem.NO_PARTICIPANTS)
    assert refusal_of({"p-zz": 1, "p-aa": 2, "p-adult": 1, "p-yy": 0}) == QuoteRefusal(
        problem=QuoteProblem.UNKNOWN_PRICE, price_ids=("p-aa", "p-zz")
    )
    expired = refusal_of({"p-adult": 1}, voucher_over={"valid_until": "2026-05-01T00:00:00Z"})
    assert expired.problem is QuoteProblem.VOUCHER_NOT_USABLE
    assert expired.verdict is not None
    assert (expired.verdict.kind, expired.verdict.remaining) == (VerdictKind.EXPIRED, eur("100"))
    chf = [{"id": "p-adult", "title": "", "value": 10, "currency": "chf"}]
    assert refusal_of({"p-adult": 1}, event_over={"prices": chf}) == QuoteRefusal(
        problem=QuoteProblem.WRONG_CURRENCY,
        price_title="p-adult",
        price_currency="CHF",
        voucher_currency="EUR",
    )
    with pytest.raises(ValueError, match=r"^date d1 belongs to event e2, not e1$"):
        quote_of({"p-adult": 1}, date_over={"event_id": "e2"})
    one = quote_of({"p-adult": 1}, voucher_over={"currency": None})
    assert one.total == eur("10.01")  # a voucher without a currency is in the counter's


def test_the_date_and_its_places_are_checked_at_every_edge() -> None:
    """_check_date: a date starting now is past; the lead time counts back from the start, to
    the minute and not beyond; an event without one is bookable up to its start; a date without
    places is full; as many people as places fit."""

    def at(delta: timedelta) -> str:
        return (NOW + delta).strftime("%Y-%m-%dT%H:%M:%SZ")

    adult = {"p-adult": 1}
    assert refusal_of(adult, date_over={"date": at(timedelta(0))}) == QuoteRefusal(
        problem=QuoteProblem.PAST
    )
    hour = {"latest_booking_time": 60}
    assert refusal_of(adult, event_over=hour, date_over={"date": at(timedelta(minutes=59))}) == (
        QuoteRefusal(problem=QuoteProblem.LEAD_TIME, lead_minutes=60)
    )
    assert quote_of(adult, event_over=hour, date_over={"date": at(timedelta(minutes=60))})
    minute = {"latest_booking_time": 1}
    soon = {"date": at(timedelta(seconds=30))}
    assert refusal_of(adult, event_over=minute, date_over=soon) == QuoteRefusal(
        problem=QuoteProblem.LEAD_TIME, lead_minutes=1
    )
    for none in ({"latest_booking_time": 0}, {"latest_booking_time": None}):
        assert quote_of(adult, event_over=none, date_over=soon).starts_at == NOW + timedelta(
            seconds=30
        )
    assert refusal_of(adult, date_over={"available_slots": 0}) == QuoteRefusal(
        problem=QuoteProblem.FULL
    )
    assert quote_of(adult, date_over={"available_slots": 1}).participants == (("p-adult", 1),)
    assert quote_of({"p-adult": 2}, date_over={"available_slots": 2})
    assert refusal_of({"p-adult": 2, "p-child": 1}, date_over={"available_slots": 2}) == (
        QuoteRefusal(problem=QuoteProblem.NOT_ENOUGH_PLACES, free_places=2, wanted_places=3)
    )


def test_the_customers_texts_are_cleaned_and_refused_as_bookingkit_would() -> None:
    """clean_details: a name of one character (after cleaning) is too short, two are enough,
    none books under the counter's name; an e-mail must be one (or none); answers beyond the
    participants are refused once trailing empty ones are dropped; long texts are cut."""
    two = {"p-adult": 2}
    assert refusal_of(two, details=BookingDetails(customer_name=" E\x00 ")) == QuoteRefusal(
        problem=QuoteProblem.NAME_TOO_SHORT, name_min=2
    )
    assert quote_of(two, details=BookingDetails(customer_name="Al")).details.customer_name == "Al"
    assert quote_of(two, details=BookingDetails(comment="hi")).details == BookingDetails(
        comment="hi"
    )
    for bad in ("erika@", "erika example.org", "@example.org"):
        assert refusal_of(two, details=BookingDetails(customer_email=bad)) == QuoteRefusal(
            problem=QuoteProblem.EMAIL_INVALID
        )
    assert refusal_of(two, details=BookingDetails(answers=("a", "", "c"))) == QuoteRefusal(
        problem=QuoteProblem.TOO_MANY_ANSWERS, answers=3, participants=2
    )
    kept = quote_of(two, details=BookingDetails(answers=("a", "b", "", "\t"))).details
    assert kept.answers == ("a", "b")
    assert quote_of(two, details=BookingDetails(answers=("", "b"))).details.answers == ("", "b")
    long = BookingDetails(
        customer_name="N" * 201, customer_email="e" * 250 + "@x.org", answers=("a" * 501,)
    )
    cut = quote_of(two, details=long).details
    assert cut.customer_name == "N" * 199 + "…"
    assert cut.answers == ("a" * 499 + "…",)


def test_details_round_trip_and_old_entries_read_with_defaults() -> None:
    """BookingDetails.to_data, from_data, Quote.to_json, from_json: the journal's JSON names
    every fact; what an older version wrote without products or details reads as none."""
    details = BookingDetails(
        customer_name="Erika", customer_email="e@x.org", comment="c", answers=("yes", "")
    )
    q = quote_of({"p-adult": 2}, {"photo": 1}, details=details)
    data = json.loads(q.to_json())
    assert data["details"] == {
        "customer_name": "Erika",
        "customer_email": "e@x.org",
        "comment": "c",
        "answers": ["yes"],
    }
    assert data["products"] == [["photo", "Photo", 1, "12.005", "12.005"]]
    assert data["lines"] == [["p-adult", "Adult", 2, "10.005", "20.010"]]
    assert Quote.from_json(q.to_json()) == q
    assert BookingDetails.from_data({}) == NO_DETAILS
    assert BookingDetails.from_data({"answers": [1, "b"], "comment": 7}) == BookingDetails(
        comment="7", answers=("1", "b")
    )
    del data["products"], data["details"]
    old = Quote.from_json(json.dumps(data))
    assert (old.products, old.details, old.total) == ((), NO_DETAILS, q.total)
    data["details"] = None
    assert Quote.from_json(json.dumps(data)).details == NO_DETAILS


def test_seat_titles_follow_the_events_prices() -> None:
    """seat_titles: one title per participant in the event's price order (a price without a
    title by its id); unknown prices and counts below one add nobody."""
    ev = event(prices=PRICES)
    assert seat_titles(ev, {"p-dog": 2, "p-child": 1, "p-adult": -1, "p-zz": 3}) == (
        "p-child",
        "Dog",
        "Dog",
    )
    assert seat_titles(ev, {"p-adult": 1}) == ("Adult",)
    assert seat_titles(ev, {}) == ()


def test_a_search_finds_the_customers_name_as_written(tmp_path: Path) -> None:
    """Quote.to_json, Journal.list: the journal keeps the quote's text as written (not as
    ASCII escapes), so a search for a name with umlauts finds its booking."""
    details = BookingDetails(customer_name="Jürgen Groß", comment="Schlüssel am Empfang")
    with Journal(tmp_path / "j.sqlite") as journal:
        entry = journal.create(quote_of({"p-adult": 1}, details=details), "till1", ENV)
        journal.create(_quote(), "till1", ENV)
        assert journal.list(search="Groß") == [entry]
        assert journal.list(search="schlüssel") == [entry]
    assert "Jürgen" in entry.quote_json


def test_products_without_a_currency_and_prices_without_people_stay_out_of_the_way() -> None:
    """make_quote, _product_lines: a product without a currency is priced in the counter's
    (U27); a price nobody is booked at, early in the event's list, does not end the lines."""
    mug = product("mug", "9.90", currency=None)
    q = quote_of({"p-adult": 0, "p-child": 0, "p-dog": 2}, {"mug": 1}, catalog=(mug,))
    assert q.lines == (QuoteLine("p-dog", "Dog", 2, eur("1"), eur("2")),)
    assert q.products == (ProductLine("mug", "Mug", 1, eur("9.90"), eur("9.90")),)
    assert q.total == eur("11.90")


# --- the survivors that stay, and why -----------------------------------------------------------
# Names as mutmut gives them for the current source (see tests/test_mutants_explained.py).

J = "voucherdesk.desk.journal."
SQL_CASE = (
    "equivalent: the SQL differs only in letter case (keywords, column, table and pragma "
    "names), which SQLite ignores"
)
SQL_ALIAS = (
    'equivalent: with no filter the clause becomes "XXXX", which SQLite reads as an alias of '
    "the table; the query is the same"
)
FIRST_PARAMS = (
    "equivalent: `params = bounds` for `params += bounds` on the first filter, when params is "
    "still empty"
)


def _names(function: str, numbers: tuple[int, ...]) -> list[str]:
    return [f"{J}{function}__mutmut_{n}" for n in numbers]


EXPLAINED: dict[str, str] = {
    **dict.fromkeys(
        _names("xǁJournalǁassign_environment", (3, 4, 10, 11, 19, 20))
        + _names("xǁJournalǁlist", (18, 19, 48, 50, 52, 54, 56, 58, 60, 62, 69, 77, 84, 87, 95, 96))
        + _names("xǁJournalǁcreate", (22, 23, 25, 27, 29, 30))
        + _names("xǁJournalǁmark", (3, 5, 7, 9, 11, 13, 15, 23, 25, 34, 51, 52))
        + _names("xǁJournalǁget", (7, 8))
        + _names("xǁJournalǁ_select", (8, 9, 11, 13, 15, 16))
        + _names("xǁJournalǁ_open", (22, 23, 32, 33, 37, 38, 50, 51, 58, 59))
        + _names("xǁJournalǁalarms", (6, 7))
        + _names("xǁJournalǁ_migrate", (3, 14, 15, 18, 21))
        + _names("xǁJournalǁtop_ups_owed", (6, 7, 9, 10)),
        SQL_CASE,
    ),
    **dict.fromkeys(
        _names("xǁJournalǁ_migrate", (6, 7)),
        "_migrate runs only for a journal that lacks one of the added columns, and every "
        "version that landed wrote top_up_taken_at together with the columns after it: such a "
        "journal lacks top_up_taken_at too, so the condition holds whatever it is compared to",
    ),
    **dict.fromkeys(
        _names("xǁJournalǁ_migrate", (19, 20)),
        "the rollback runs only when a statement of the migration failed: its error is raised "
        "either way (a broken rollback raises another), the file is closed, and SQLite drops a "
        "transaction never committed",
    ),
    f"{J}xǁJournalǁlist__mutmut_88": SQL_ALIAS,
    f"{J}xǁJournalǁlist__mutmut_20": FIRST_PARAMS,
    f"{J}xǁJournalǁ__init____mutmut_1": (
        "a default, not a rule: a writer waits 11 s instead of 10 s for SQLite's lock; no test "
        "holds the lock that long (the busy timeout itself is pinned by a test)"
    ),
    f"{J}xǁJournalǁ_open__mutmut_6": (
        "equivalent: connect's timeout is set again at once by PRAGMA busy_timeout"
    ),
    f"{J}xǁJournalǁ_open__mutmut_7": (
        "equivalent: every write is an explicit BEGIN IMMEDIATE ... COMMIT, so sqlite3's own "
        "transactions (opened only before an INSERT or UPDATE outside a transaction) never start"
    ),
    f"{J}xǁJournalǁclose__mutmut_2": "equivalent: writer = None after closing is as false as False",
    f"{J}xǁJournalǁcreate__mutmut_2": (
        'equivalent: the default counter currency "eur" for "EUR": Money upper-cases its '
        "currency code"
    ),
    f"{J}x_counter_of__mutmut_4": (
        'equivalent: "XXXX" for "" in place of a missing reference matches the key shape just '
        "as little (it has no dash and no 32 hex digits)"
    ),
    f"{J}x__os_detail__mutmut_2": (
        "equivalent here: the OSErrors that reach _os_detail come from mkdir and os.open (the "
        "lock file, the journal file), which always carry the system's strerror; the fallback "
        "to the class name, the only part mutated, is never used"
    ),
    "voucherdesk.desk.quote.xǁQuoteǁto_json__mutmut_2": (
        "equivalent: ensure_ascii=None is as false as False (the text stays as written)"
    ),
    "voucherdesk.desk.quote.x__check_date__mutmut_8": (
        "equivalent: `lead >= 0` for `lead > 0` adds only a lead of 0, where `now > date - 0` "
        "is false: a date at or before now was refused as PAST just above"
    ),
}
