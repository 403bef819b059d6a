"""The local code -> voucher id index, paging the stand-in's voucher list over real HTTP."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.models import VoucherCode
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_CODES, StandinServer


@pytest.fixture
def client(empty_standin: StandinServer) -> Iterator[BookingkitClient]:
    with BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    ) as client:
        yield client


def test_pages_25000_vouchers_then_refreshes_incrementally(
    empty_standin: StandinServer, client: BookingkitClient, tmp_path: Path
) -> None:
    state = empty_standin.state
    state.add_vouchers_bulk(25_000, "BULK")
    index = VoucherIndex(tmp_path / "index.sqlite")
    assert index.last_refreshed is None

    assert index.refresh(client) == 25_000
    assert state.api_requests == 3  # 10,000 + 10,000 + 5,000
    assert index.count == 25_000
    for code in ("BULK000000", "BULK012345", "BULK024999"):
        expected = state.voucher_by_code(code)
        assert expected is not None
        assert index.lookup(code) == expected["ident"]
    assert index.lookup("bulk000000") is None  # codes are case-sensitive
    assert index.lookup("NOPE") is None
    assert index.last_refreshed is not None

    # Nothing new: one request re-reads the last known voucher and stops.
    assert index.refresh(client) == 0
    assert state.api_requests == 4

    new_id = state.add_voucher("FRESH-001", Decimal("25"))
    state.add_voucher("FRESH-002", Decimal("25"))
    assert index.refresh(client) == 2
    assert state.api_requests == 5
    assert index.lookup("FRESH-001") == new_id
    assert index.count == 25_002
    assert index.codes()[-2:] == ["FRESH-001", "FRESH-002"]

    # A second index over the same file sees the same data.
    assert VoucherIndex(tmp_path / "index.sqlite").lookup("FRESH-002") is not None


def test_full_refresh_rereads_everything(standin: StandinServer, tmp_path: Path) -> None:
    with BookingkitClient(
        environment_named("custom", standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    ) as client:
        index = VoucherIndex(tmp_path / "index.sqlite")
        added = index.refresh(client)
        assert added == index.count > 0
        before = standin.state.api_requests
        assert index.refresh(client, full=True) == 0
        assert standin.state.api_requests == before + 1
    for code in DEMO_CODES.values():
        expected = standin.state.voucher_by_code(code)
        assert expected is not None
        assert index.lookup(code) == expected["ident"]


class ListSource:
    """A voucher list we can reorder, to prove the index notices a shifted list."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        self.starts: list[int] = []

    def iter_voucher_codes(
        self, *, page_size: int = 10_000, start_offset: int = 0
    ) -> Iterator[VoucherCode]:
        self.starts.append(start_offset)
        for code in self.codes[start_offset:]:
            yield VoucherCode(id=f"id-{code}", code=code)


def test_shifted_list_falls_back_to_a_full_read(tmp_path: Path) -> None:
    source = ListSource(["A", "B", "C", "D"])
    index = VoucherIndex(tmp_path / "index.sqlite")
    assert index.refresh(source) == 4
    source.codes = ["A", "C", "D", "E", "F"]  # "B" was deleted, two were added
    assert index.refresh(source) == 2
    assert source.starts == [0, 3, 0]
    assert index.codes() == ["A", "C", "D", "E", "F"]
    assert index.lookup("B") is None


def test_corrupt_file_is_moved_aside_and_rebuilt(
    empty_standin: StandinServer, client: BookingkitClient, tmp_path: Path
) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"this is not a database, it was a power cut" * 100)
    when = datetime(2030, 3, 4, 5, 6, 7, tzinfo=UTC)
    index = VoucherIndex(path, clock=lambda: when)
    aside = tmp_path / "index.sqlite.corrupt-20300304-050607"
    assert aside.read_bytes().startswith(b"this is not a database")
    assert index.count == 0
    empty_standin.state.add_voucher("AFTER-1", Decimal("10"))
    assert index.refresh(client) == 1
    assert index.lookup("AFTER-1") is not None
    assert index.last_refreshed == when


def test_file_corrupted_while_open_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    index = VoucherIndex(path)
    index.refresh(ListSource(["A", "B"]))
    path.write_bytes(b"\0garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert index.lookup("A") is None  # rebuilt empty rather than crashing the desk
    assert list(tmp_path.glob("index.sqlite.corrupt-*"))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_lookups_from_threads_during_refresh(tmp_path: Path) -> None:
    index = VoucherIndex(tmp_path / "index.sqlite")
    index.refresh(ListSource([f"C{i:05d}" for i in range(2_000)]))
    bigger = ListSource([f"C{i:05d}" for i in range(20_000)])
    failures: list[BaseException] = []

    def look() -> None:
        try:
            for i in range(200):
                assert index.lookup(f"C{i:05d}") == f"id-C{i:05d}"
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=look) for _ in range(4)]
    for t in threads:
        t.start()
    index.refresh(bigger, full=True)
    for t in threads:
        t.join()
    assert failures == []
    assert index.count == 20_000


@pytest.mark.parametrize("links", [True, False], ids=["with-link-headers", "without-links"])
def test_a_server_cap_below_the_asked_limit_still_indexes_every_code(
    empty_standin: StandinServer, client: BookingkitClient, tmp_path: Path, links: bool
) -> None:
    """Case #9.10: with bookingkit's default cap of 1,000 a page shorter than asked is not the
    end. Follow rel="next" when the server sends it, else page until an empty page."""
    state = empty_standin.state
    state.add_vouchers_bulk(2_500, "CAP")
    state.page_cap = 1_000
    state.send_links = links
    index = VoucherIndex(tmp_path / "index.sqlite")

    assert index.refresh(client) == 2_500
    assert index.lookup("CAP002499") == state.voucher_by_code("CAP002499")["ident"]  # type: ignore[index]
    # With links the last page says it is the last; without, an empty page does.
    assert state.api_requests == (3 if links else 4)

    fresh = state.add_voucher("AFTER-CAP", Decimal("10"))
    assert index.refresh(client) == 1
    assert index.lookup("AFTER-CAP") == fresh
    assert index.count == 2_501


def test_desk_finds_a_voucher_beyond_the_first_capped_page(
    empty_standin: StandinServer, tmp_path: Path
) -> None:
    from helpers.desk_setup import close_desk, make_desk

    state = empty_standin.state
    state.add_vouchers_bulk(2_200, "DESKCAP")
    state.page_cap = 1_000
    desk = make_desk(empty_standin.base_url, tmp_path / "till")
    try:
        result = desk.check("DESKCAP002150")
    finally:
        close_desk(desk)
    assert result.voucher is not None
    assert result.voucher.code == "DESKCAP002150"


class CountingSource(ListSource):
    """A voucher list that notes how many codes have been taken from it."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(codes)
        self.taken = 0

    def iter_voucher_codes(
        self, *, page_size: int = 10_000, start_offset: int = 0
    ) -> Iterator[VoucherCode]:
        for code in super().iter_voucher_codes(page_size=page_size, start_offset=start_offset):
            self.taken += 1
            yield code


def test_a_refresh_gives_way_while_a_scan_is_answered(tmp_path: Path) -> None:
    """A refresh is mostly computing, and threads share one interpreter lock: it waits while a
    scan is answered, so the scan (and the card the window draws for it) goes at full speed."""
    index = VoucherIndex(tmp_path / "index.sqlite")
    source = CountingSource([f"C{i:05d}" for i in range(5_000)])
    with index.serving_scan():
        refresh = threading.Thread(target=lambda: index.refresh(source, full=True))
        refresh.start()
        refresh.join(0.5)
        assert refresh.is_alive()
        assert source.taken == 0  # waiting at its first batch
    refresh.join(10)
    assert not refresh.is_alive()
    assert index.count == 5_000


def test_the_refresh_a_scan_waits_for_gives_way_to_nothing(tmp_path: Path) -> None:
    index = VoucherIndex(tmp_path / "index.sqlite")
    source = CountingSource([f"C{i:05d}" for i in range(5_000)])
    with index.serving_scan():  # another scan being answered meanwhile
        started = time.monotonic()
        assert index.refresh(source, for_scan=True) == 5_000
        assert time.monotonic() - started < 1.5
