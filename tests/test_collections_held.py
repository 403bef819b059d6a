"""The garbage collector is held off during an index refresh and comes back as it was: after
an error too, after overlapping refreshes only when the last one ends, and never switched on
when it was off before."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from voucherdesk.bookingkit.models import VoucherCode
from voucherdesk.desk.collections_held import collections_held
from voucherdesk.desk.voucher_index import VoucherIndex


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def _failing_refresh(seen: list[bool]) -> None:
    with collections_held():
        seen.append(gc.isenabled())
        raise RuntimeError("the refresh failed")


def test_the_collector_is_off_inside_and_on_again_after_an_error() -> None:
    gc.enable()
    seen: list[bool] = []
    with pytest.raises(RuntimeError):
        _failing_refresh(seen)
    assert seen == [False]
    assert gc.isenabled()


def test_overlapping_holders_give_it_back_when_the_last_one_leaves() -> None:
    gc.enable()
    first_in, second_out = threading.Event(), threading.Event()

    def other() -> None:
        with collections_held():
            first_in.wait(5)
        second_out.set()

    with collections_held():
        thread = threading.Thread(target=other)
        thread.start()
        first_in.set()
        assert second_out.wait(5)
        assert not gc.isenabled()  # the other one left; this one still holds it
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collections_held():
        pass
    assert not gc.isenabled()


class _Codes:
    """A voucher list that notes whether the collector ran automatically while it was read."""

    def __init__(self) -> None:
        self.enabled_while_read: list[bool] = []

    def iter_voucher_codes(
        self, *, page_size: int = 10_000, start_offset: int = 0
    ) -> Iterator[VoucherCode]:
        for n in range(start_offset, 3):
            self.enabled_while_read.append(gc.isenabled())
            yield VoucherCode(id=f"v{n}", code=f"CODE{n}")


def test_an_index_refresh_runs_with_the_collector_held_off(tmp_path: Path) -> None:
    gc.enable()
    index = VoucherIndex(tmp_path / "index.sqlite3")
    codes = _Codes()

    assert index.refresh(codes, full=True) == 3

    assert codes.enabled_while_read == [False, False, False]
    assert gc.isenabled()
    assert index.lookup("CODE2") == "v2"
    index.close()
