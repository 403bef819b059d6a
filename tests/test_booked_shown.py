"""What was booked, add-ons and the customer included, on the slip, in the history and in the
end-of-shift report (CSV, dialog and PDF table) - from a real booking over loopback (#14)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from PySide6.QtWidgets import QApplication

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import JournalEntry
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import BookingDetails
from voucherdesk.desk.shift_report import build_shift_report, csv_text
from voucherdesk.desk.slip import slip_for
from voucherdesk.standin import StandinServer
from voucherdesk.ui.history.panel import booked_text
from voucherdesk.ui.history.shift_report_pdf import table_cells, table_headers
from voucherdesk.ui.history.slip_printer import slip_html


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till1")
    yield d
    close_desk(d)


@pytest.fixture
def done(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    """Two adults, a photo package and two mugs for Erika Mustermann, paid by the voucher."""
    state = standin.state
    booking = Booking.add_to(standin)
    photo = state.add_product("Photo package", Decimal("12.00"), events=[booking.event_id])
    mug = state.add_product("Mug", Decimal("9.90"))
    vid = state.add_voucher("SHOWN-200", Decimal("200"))
    client = desk.client
    quote = desk.quote(
        client.get_voucher(vid),
        client.get_event(booking.event_id),
        client.get_date(booking.date_id),
        {booking.adult: 2},
        products={photo: 1, mug: 2},
        catalog=desk.products(),
        details=BookingDetails(customer_name="Erika Mustermann", answers=("swims",)),
    )
    outcome = desk.redeem(quote)
    assert outcome.case is OutcomeCase.BOOKED
    return outcome


def entry_of(desk: Desk, outcome: RedemptionOutcome) -> JournalEntry:
    (entry,) = desk.history(date.today())
    assert entry.key == outcome.key
    return entry


def test_the_slip_lists_the_add_ons_and_the_customer(
    qapp: QApplication, done: RedemptionOutcome
) -> None:
    slip = slip_for(done, counter_id="till1", top_up_method="Cash", printed_at=datetime.now(UTC))
    assert [(ln.title, ln.count) for ln in slip.products] == [("Photo package", 1), ("Mug", 2)]
    assert slip.customer_name == "Erika Mustermann"
    text = slip_html(slip)
    assert "2 × Adult" in text
    assert "1 × Photo package" in text
    assert "2 × Mug" in text
    assert "For Erika Mustermann" in text


def test_the_history_shows_what_was_booked_and_for_whom(
    qapp: QApplication, desk: Desk, done: RedemptionOutcome
) -> None:
    lines = booked_text(entry_of(desk, done)).split("\n")
    assert lines[0].startswith("Test Tour, ")
    assert lines[1:] == ["2 × Adult, 1 × Photo package, 2 × Mug", "Erika Mustermann"]


def test_the_report_lists_what_was_booked(
    qapp: QApplication, desk: Desk, done: RedemptionOutcome
) -> None:
    report = build_shift_report([entry_of(desk, done)], day=date.today(), counter_id="till1")
    (row,) = csv.DictReader(io.StringIO(csv_text(report).lstrip("\ufeff")))
    assert row["booked"] == "2 x Adult; 1 x Photo package; 2 x Mug"
    assert row["customer"] == "Erika Mustermann"
    assert row["drawn"] == "91.80"  # 2 x 30 + 12 + 2 x 9.90, all from the voucher
    (cells,) = table_cells(report)
    booked = cells[table_headers().index("Booked")]
    assert booked == "2 × Adult, 1 × Photo package, 2 × Mug · Erika Mustermann"
