"""The end-of-shift report from a real journal, filled by a Desk redeeming on the stand-in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.cli_runs import run_cli
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.redeem import OutcomeKind
from voucherdesk.desk.shift_report import (
    CSV_COLUMNS,
    ShiftReport,
    build_shift_report,
    csv_text,
    write_csv,
)
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer
from voucherdesk.standin.faults import Fault

EUR = "EUR"


@dataclass
class Day:
    desk: Desk
    keys: dict[str, str]  # what happened -> journal key


@pytest.fixture
def day(standin: StandinServer, tmp_path: Path) -> Iterator[Day]:
    """A shift with every kind of entry: three done (one with a top-up), one undone, one
    stopped before sending, one refused by bookingkit and one whose outcome is unknown."""
    desk = make_desk(standin.base_url, tmp_path / "till", timeout=1.0)
    state = standin.state
    booking = Booking.add_to(standin)
    keys: dict[str, str] = {}

    def redeem(name: str, code: str, value: str, expect: OutcomeKind) -> None:
        vid = state.add_voucher(code, Decimal(value))
        outcome = desk.redeem(booking.quote(desk, vid, adults=1))
        assert outcome.kind is expect, outcome.reason
        keys[name] = outcome.key

    redeem("done", "REP-FULL-1", "100.00", OutcomeKind.DONE)  # draws 30.00
    redeem("top_up", "REP-SMALL-2", "10.00", OutcomeKind.DONE)  # draws 10.00, top-up 20.00
    desk.top_up_taken(keys["top_up"], by=None)  # the clerk took the 20.00
    redeem("undone", "REP-UNDO-3", "50.00", OutcomeKind.DONE)  # draws 30.00, then undone
    assert desk.undo(keys["undone"]).cancelled

    gone = state.add_voucher("REP-GONE-4", Decimal("50.00"))
    quote = booking.quote(desk, gone, adults=1)
    state.add_redemption(gone, Decimal("50.00"))  # used up at another counter meanwhile
    stopped = desk.redeem(quote)  # the fresh check before sending stops it
    assert stopped.kind is OutcomeKind.REFUSED
    keys["stopped"] = stopped.key

    tight = Booking.add_to(standin, slots=1)
    late = state.add_voucher("REP-LATE-6", Decimal("50.00"))
    late_quote = tight.quote(desk, late, adults=1)
    redeem_first = desk.redeem(tight.quote(desk, state.add_voucher("REP-FIRST-7", Decimal(50)), 1))
    assert redeem_first.kind is OutcomeKind.DONE  # draws 30.00
    keys["first"] = redeem_first.key
    refused = desk.redeem(late_quote)  # bookingkit says no: the place went meanwhile
    assert refused.kind is OutcomeKind.REFUSED
    keys["refused"] = refused.key

    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    redeem("unknown", "REP-LOST-5", "80.00", OutcomeKind.UNKNOWN)
    standin.faults.clear()
    yield Day(desk, keys)
    close_desk(desk)


def _report(day: Day) -> ShiftReport:
    today = date.today()
    return build_shift_report(day.desk.history(today), day=today, counter_id="till1")


def test_totals_count_only_finished_redemptions_exactly(day: Day) -> None:
    report = _report(day)
    assert len(report.entries) == 7
    states = {key: day.desk.journal.get(key).state for key in day.keys.values()}
    assert states[day.keys["stopped"]] is EntryState.ABANDONED
    assert states[day.keys["refused"]] is EntryState.REFUSED
    assert report.redemptions == 3
    assert report.drawn == (Money(Decimal("70.00"), EUR),)  # the undone 30.00 is not in it
    assert report.drawn[0].amount == Decimal("70.00")
    assert report.top_ups == (Money(Decimal("20.00"), EUR),)
    assert [e.key for e in report.undone] == [day.keys["undone"]]
    assert report.refused == 1
    assert report.abandoned == 1
    assert [e.key for e in report.needs_checking] == [day.keys["unknown"]]
    assert report.needs_checking[0].state is EntryState.UNKNOWN
    assert not report.all_settled
    assert [e.created_at for e in report.entries] == sorted(e.created_at for e in report.entries)


def test_another_day_is_empty(day: Day) -> None:
    report = build_shift_report(
        day.desk.history(date(2001, 1, 1)), day=date(2001, 1, 1), counter_id="till1"
    )
    assert report.entries == ()
    assert report.drawn == ()
    assert report.top_ups == ()
    assert report.all_settled


def test_csv_parses_back_with_bom_rows_and_amounts(day: Day, tmp_path: Path) -> None:
    report = _report(day)
    path = tmp_path / "shift.csv"
    write_csv(report, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + len(report.entries)
    by_key = {
        row[CSV_COLUMNS.index("journal_key")]: dict(zip(CSV_COLUMNS, row, strict=True))
        for row in rows[1:]
    }
    assert set(by_key) == set(day.keys.values())
    top_up = by_key[day.keys["top_up"]]
    assert (top_up["state"], top_up["drawn"], top_up["top_up"]) == ("done", "10.00", "20.00")
    assert top_up["voucher_code"] == "REP-SMALL-2"
    assert top_up["booking_code"]
    assert top_up["value_left"] == "0.00"
    assert top_up["currency"] == EUR
    assert by_key[day.keys["done"]]["top_up"] == ""
    assert by_key[day.keys["undone"]]["state"] == "undone"
    assert by_key[day.keys["unknown"]]["state"] == "unknown"
    assert by_key[day.keys["refused"]]["note"]  # the refusal reason travels along
    done_total = sum(Decimal(r["drawn"]) for r in by_key.values() if r["state"] == "done")
    assert done_total == report.drawn[0].amount
    datetime.strptime(top_up["time"], "%Y-%m-%d %H:%M:%S")  # local time, no zone suffix
    stream = io.StringIO()
    write_csv(report, stream)
    assert stream.getvalue() == raw.decode("utf-8")


def _entry(
    key: str, state: EntryState, drawn: Money, top_up: Money | None = None, note: str = ""
) -> JournalEntry:
    """An entry of 2026-11-25 noon; its top-up, if any, was taken at the counter."""
    moment = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    return JournalEntry(
        key=key,
        created_at=moment,
        state=state,
        voucher_id="v",
        voucher_code="=HYPERLINK(1)",
        quote_json="{}",
        order_id=None,
        booking_code=None,
        top_up=top_up,
        drawn=drawn,
        value_left=None,
        note=note,
        updated_at=moment,
        top_up_taken_at=None if top_up is None else moment,
    )


def test_currencies_are_summed_apart_and_text_is_quoted_safely() -> None:
    entries = [
        _entry("a", EntryState.DONE, Money(Decimal("0.10"), "EUR")),
        _entry("b", EntryState.DONE, Money(Decimal("0.20"), "EUR"), Money(Decimal("5"), "EUR")),
        _entry("c", EntryState.DONE, Money(Decimal("12"), "CHF"), note='says "no", twice'),
        _entry("d", EntryState.ABANDONED, Money(Decimal("99"), "EUR")),
        _entry("e", EntryState.PREPARED, Money(Decimal("7"), "EUR")),
        _entry("f", EntryState.TOP_UP_SENT, Money(Decimal("7"), "EUR")),
    ]
    report = build_shift_report(entries, day=date(2026, 11, 25), counter_id="till9")
    assert report.drawn == (Money(Decimal("12"), "CHF"), Money(Decimal("0.30"), "EUR"))
    assert report.drawn[1].amount == Decimal("0.30")  # exact, no float on the way
    assert report.top_ups == (Money(Decimal("5"), "EUR"),)
    assert report.abandoned == 1
    assert [e.key for e in report.needs_checking] == ["e", "f"]
    rows = list(csv.reader(io.StringIO(csv_text(report).lstrip("\ufeff"), newline="")))
    assert len(rows) == 7
    note_row = next(r for r in rows if r[8] == "c")
    assert note_row[9] == 'says "no", twice'
    assert note_row[4] == "12.00"
    assert all(r[2] == "'=HYPERLINK(1)" for r in rows[1:])  # never run as a formula


@pytest.mark.slow
def test_cli_report_writes_csv_and_pdf(app_home: Path, tmp_path: Path) -> None:
    csv_path, pdf_path = tmp_path / "out" / "r.csv", tmp_path / "r.pdf"
    csv_path.parent.mkdir()
    result = run_cli(
        [
            "--demo",
            "report",
            "--day",
            date.today().isoformat(),
            "--csv",
            str(csv_path),
            "--pdf",
            str(pdf_path),
        ],
        app_home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Redemptions done:" in result.stdout
    assert "settled" in result.stdout
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(CSV_COLUMNS).encode())
    assert len(raw.decode("utf-8-sig").splitlines()) == 1  # a fresh demo journal: header only
    assert pdf_path.read_bytes().startswith(b"%PDF")
    bad = run_cli(["--demo", "report", "--day", "25.11.2026"], app_home)
    assert bad.returncode == 2
    assert "--day" in bad.stderr
