"""Review: the migration of an older journal marks the top-up of a booking still in flight
(the older version closed right after sending the order) as taken. The first start of the
new version settles it, and its top-up is neither asked for nor listed as not taken: the
shift report counts money nobody collected."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from helpers.desk_setup import Booking, close_desk, draft_for, make_desk

from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.standin import StandinServer


def test_an_older_journals_booking_in_flight_keeps_its_top_up_owed(
    standin: StandinServer, tmp_path: Path
) -> None:
    home = tmp_path / "till1"
    desk = make_desk(standin.base_url, home)
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("OLD-INFLIGHT", Decimal("50"), remaining=Decimal("20.00"))
    quote = booking.quote(desk, vid, adults=1)  # 30.00: 20.00 drawn, top-up 10.00
    # The older version: the intent written, the order sent, then it closed (a crash, a
    # forced quit) before the answer: the clerk never saw the result, nor the top-up.
    entry = desk.journal.create(quote, desk.counter_id, desk.environment)
    desk.journal.mark(entry, EntryState.SENT)
    desk.client.create_order(draft_for(quote, entry.key))
    close_desk(desk)
    with sqlite3.connect(home / "journal.sqlite") as db:  # as the older version wrote it
        db.execute("ALTER TABLE entries DROP COLUMN top_up_taken_at")
        db.execute("ALTER TABLE entries DROP COLUMN top_up_taken_by")
    standin.state.expire_tokens()

    desk = make_desk(standin.base_url, home)  # the new version's first start
    try:
        (settled,) = desk.reconcile_pending()
        assert desk.journal.get(entry.key).state is EntryState.DONE
        assert settled.top_up is not None  # bookingkit now holds the 10.00 as paid
        # Nobody was ever asked for the 10.00: it must come up to collect ...
        assert [o.key for o in desk.top_ups_owed()] == [entry.key]
        assert desk.journal.get(entry.key).top_up_taken_at is None
        # ... and the shift report must not count it as in the till.
        today = date.today()
        report = build_shift_report(desk.history(today), day=today, counter_id="till1")
        assert report.top_ups == ()
        assert [e.key for e in report.top_ups_not_taken] == [entry.key]
    finally:
        close_desk(desk)
