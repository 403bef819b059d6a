"""The durable journal on a real SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_factories import NOW, event, event_date, voucher

from voucherdesk.bookingkit.environments import Environment
from voucherdesk.desk.journal import (
    EntryState,
    Journal,
    JournalCorrupt,
    JournalProblem,
    JournalUnavailable,
)
from voucherdesk.desk.quote import Quote, make_quote
from voucherdesk.money import Money

ENV = Environment("demo", "http://127.0.0.1:9")
OTHER = Environment("sandbox", "https://api-sandbox.bookingkit.de")


def _quote(remaining: str = "100", code: str = "GIFT-1234") -> Quote:
    v = voucher(remaining_value=Decimal(remaining), code=code)
    return make_quote(v, event(), event_date(), {"p-adult": 2}, now=NOW, counter_currency="EUR")


def test_pragmas_wal_and_full_sync(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        db = journal._db
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_create_is_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        entry = journal.create(_quote(), "till1", ENV)
        # Before anything would be sent: a separate reader already sees the committed row.
        other = sqlite3.connect(path)
        row = other.execute("SELECT state FROM entries WHERE key = ?", (entry.key,)).fetchone()
        other.close()
    assert row == ("prepared",)
    assert entry.key.startswith("till1-")
    assert len(entry.key) == len("till1-") + 32
    assert entry.drawn == Money(Decimal("71"), "EUR")
    assert entry.top_up is None
    assert entry.quote == _quote()


@pytest.mark.slow
def test_entry_survives_hard_process_exit(tmp_path: Path) -> None:
    """create() returns only after commit: a process that dies right after leaves the row."""
    path = tmp_path / "j.sqlite"
    script = (
        "import os, sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from helpers.desk_factories import NOW, event, event_date, voucher\n"
        "from voucherdesk.desk.journal import Journal\n"
        "from voucherdesk.desk.quote import make_quote\n"
        "q = make_quote(voucher(), event(), event_date(), {'p-adult': 1}, now=NOW,\n"
        "               counter_currency='EUR')\n"
        "from voucherdesk.bookingkit.environments import Environment\n"
        "env = Environment('demo', 'http://127.0.0.1:9')\n"
        "e = Journal(sys.argv[1]).create(q, 'till9', env)\n"
        "print(e.key, flush=True)\n"
        "os._exit(0)\n"
    )
    tests_dir = str(Path(__file__).parent)
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), tests_dir],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    key = out.stdout.strip()
    with Journal(path) as journal:
        assert [e.key for e in journal.unfinished(ENV)] == [key]


def test_mark_records_fields_and_unfinished_after_reopen(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        a = journal.create(_quote(), "till1", ENV)
        b = journal.create(_quote(), "till1", ENV)
        c = journal.create(_quote(remaining="50"), "till1", ENV)
        journal.mark(a, EntryState.SENT)
        done = journal.mark(
            b,
            EntryState.DONE,
            order_id="o-1",
            booking_code="BK-1",
            value_left=Money(Decimal("29"), "EUR"),
        )
        assert done.order_id == "o-1"
        assert done.value_left == Money(Decimal("29"), "EUR")
        assert c.top_up == Money(Decimal("21"), "EUR")
        with pytest.raises(TypeError):
            journal.mark(c, EntryState.DONE, token="nope")  # type: ignore[call-arg]
        with pytest.raises(KeyError):
            journal.mark(replace(c, key="missing"), EntryState.DONE)
    with Journal(path) as reopened:
        assert [e.key for e in reopened.unfinished(ENV)] == [a.key, c.key]
        assert reopened.unfinished(OTHER) == []
        assert [e.key for e in reopened.other_environments(OTHER)] == [a.key, c.key]
        assert reopened.get(a.key).state is EntryState.SENT
        assert reopened.get(b.key).booking_code == "BK-1"
        assert reopened.get(b.key).finished


def test_corrupt_file_raises_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    junk = b"this is not a database, but it may be evidence" * 200
    path.write_bytes(junk)
    with pytest.raises(JournalCorrupt) as caught:
        Journal(path)
    assert caught.value.path == path
    assert caught.value.problem is JournalProblem.DAMAGED
    assert path.read_bytes() == junk


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        for _ in range(200):
            journal.create(_quote(), "till1", ENV)
        journal._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    # Overwrite the middle of the file (b-tree pages), keep the header valid.
    mid = len(data) // 2
    data[mid : mid + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(JournalCorrupt):
        Journal(path)
    assert path.read_bytes() == bytes(data)


def test_list_by_day_and_search(tmp_path: Path) -> None:
    moments = iter(
        [
            datetime(2026, 6, 1, 12, 0, tzinfo=UTC),
            datetime(2026, 6, 2, 12, 0, tzinfo=UTC),
        ]
    )
    with Journal(tmp_path / "j.sqlite", clock=lambda: next(moments)) as journal:
        first = journal.create(_quote(code="SUMMER-77"), "till1", ENV)
        second = journal.create(_quote(code="WINTER_5%"), "till1", ENV)
        local_day_1 = first.created_at.astimezone().date()
        local_day_2 = second.created_at.astimezone().date()
        assert local_day_2 - local_day_1 == timedelta(days=1)
        assert [e.key for e in journal.list(local_day_1)] == [first.key]
        assert [e.key for e in journal.list(local_day_2)] == [second.key]
        assert journal.list(date(2020, 1, 1)) == []
        assert [e.key for e in journal.list()] == [second.key, first.key]
        assert [e.key for e in journal.list(search="summer")] == [first.key]
        assert [e.key for e in journal.list(search="r_5%")] == [second.key]
        assert journal.list(search="R_7") == []  # "_" is literal, not a LIKE wildcard
        assert [e.key for e in journal.list(search="Canoe")] == [second.key, first.key]


def test_locked_journal_is_not_called_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    Journal(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalUnavailable) as caught:
            Journal(path, busy_timeout=0.1)
        assert not isinstance(caught.value, JournalCorrupt)
        assert caught.value.problem is JournalProblem.CANNOT_OPEN
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_every_send_mark_restarts_the_settle_clock(tmp_path: Path) -> None:
    """SENT (order) and TOP_UP_SENT (payment) both record when the request went out; other
    marks leave that time alone."""
    moments = iter(NOW + timedelta(seconds=s) for s in range(100))
    journal = Journal(tmp_path / "j.sqlite3", clock=lambda: next(moments))
    entry = journal.create(
        make_quote(
            voucher(), event(), event_date(), {"p-adult": 1}, now=NOW, counter_currency="EUR"
        ),
        "t",
        ENV,
    )
    assert entry.sent_at is None
    sent = journal.mark(entry, EntryState.SENT)
    assert sent.sent_at == sent.updated_at
    booked = journal.mark(sent, EntryState.BOOKED, order_id="o1")
    assert booked.sent_at == sent.sent_at
    paying = journal.mark(booked, EntryState.TOP_UP_SENT)
    assert paying.sent_at == paying.updated_at
    assert paying.sent_at is not None
    assert sent.sent_at is not None
    assert paying.sent_at > sent.sent_at
    journal.close()
