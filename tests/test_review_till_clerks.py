"""Review: who took a top-up. The shift report's per-clerk table credits a top-up's cash to
the clerk who started the booking, not to the clerk who took the money (top_up_taken_by),
so each clerk's till count is off when one books and another collects (a top-up brought up
at the next start, after a break)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till1")
    yield d
    close_desk(d)


def test_the_per_clerk_cash_goes_to_the_clerk_who_took_it(
    standin: StandinServer, desk: Desk
) -> None:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("CLERK-1", Decimal("50"), remaining=Decimal("20.00"))
    desk.clerk = "Anna"
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))  # top-up 10.00
    desk.clerk = "Ben"  # Anna's shift ended; Ben collects the money
    desk.top_up_taken(outcome.key)
    assert desk.journal.get(outcome.key).top_up_taken_by == "Ben"
    today = date.today()
    report = build_shift_report(desk.history(today), day=today, counter_id="till1")
    cash = {t.clerk: t.top_ups for t in report.per_clerk}
    assert cash.get("Ben") == (("Cash", Money(Decimal("10.00"), "EUR")),)
    assert cash.get("Anna") == ()
