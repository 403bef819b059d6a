"""Answers the stand-in never gives but a real server might: the client must not choke or spin."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.desk_factories import NOW, event, event_date, voucher

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import Environment, environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.desk.journal import EntryState, Journal, JournalUnavailable
from voucherdesk.desk.quote import make_quote
from voucherdesk.desk.voucher_index import VoucherIndex


def client_answering(vouchers: Callable[[int, int], list[dict[str, Any]]]) -> BookingkitClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "t" * 40, "expires_in": 3600})
        limit = int(request.url.params["limit"])
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json=vouchers(offset, limit))

    return BookingkitClient(
        environment_named("custom", "https://bookingkit.invalid"),
        Credentials("id", "secret"),
        token_store=MemoryTokenStore(),
        transport=httpx.MockTransport(answer),
    )


def test_a_voucher_without_a_code_is_skipped_not_fatal(tmp_path: Path) -> None:
    rows = [{"ident": f"v{i}", "code": f"CODE{i}"} for i in range(5)]
    rows[2] = {"ident": "v2"}  # no code at all
    rows[3] = {"code": "NOID"}  # no id

    with client_answering(lambda offset, limit: rows[offset : offset + limit]) as client:
        index = VoucherIndex(tmp_path / "index.sqlite3")
        index.refresh(client, full=True)

    assert index.lookup("CODE4") == "v4"
    assert index.lookup("CODE0") == "v0"
    assert index.lookup("NOID") is None


def test_a_server_ignoring_offset_is_an_error_not_an_endless_loop() -> None:
    full_page = [{"ident": f"v{i}", "code": f"C{i}"} for i in range(3)]
    seen: list[str] = []

    def read_all(client: BookingkitClient) -> None:
        for code in client.iter_voucher_codes(page_size=3):
            seen.append(code.code)
            assert len(seen) < 100, "still paging"

    with (
        client_answering(lambda _offset, _limit: full_page) as client,
        pytest.raises(errors.MalformedResponse, match="same page"),
    ):
        read_all(client)
    assert seen == ["C0", "C1", "C2"]


class _FailingCommit:
    """A connection whose next COMMIT fails, as on a full disk; everything else is real."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.fail_next_commit = True

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.fail_next_commit:
            self.fail_next_commit = False
            raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def test_a_failed_commit_is_rolled_back_and_the_journal_keeps_working(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite3")
    quote = make_quote(
        voucher(), event(), event_date(), {"p-adult": 1}, now=NOW, counter_currency="EUR"
    )
    entry = journal.create(quote, "till1", Environment("demo", "http://127.0.0.1:9"))
    journal._db = _FailingCommit(journal._db)  # type: ignore[assignment]

    with pytest.raises(JournalUnavailable, match="journal"):
        journal.mark(entry, EntryState.SENT)

    assert journal.get(entry.key).state is EntryState.PREPARED  # the failed write left no trace
    assert journal.mark(entry, EntryState.SENT).state is EntryState.SENT
    journal.close()
