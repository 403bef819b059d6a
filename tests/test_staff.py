"""Clerks (desk/staff.py), who-did-it in a real journal, and the shift report per clerk.

The shift is redeemed for real on the stand-in over loopback by two clerks who take turns at
one desk; the report's per-clerk totals are checked against the journal's own rows.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.tokens import MemoryTokenStore
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.desk.pin import verify_pin
from voucherdesk.desk.shift_report import CSV_COLUMNS, build_shift_report, csv_text
from voucherdesk.desk.staff import SignInRefusal, Staff, StaffRefusal
from voucherdesk.money import Money
from voucherdesk.settings import Settings, staff_of, with_staff
from voucherdesk.standin import StandinServer
from voucherdesk.standin.faults import Fault

EUR = "EUR"


def _staff() -> Staff:
    staff = Staff()
    for name, pin, admin in (("Ada", "1111", True), ("Ben", "2222", False)):
        added = staff.add(name, pin, admin=admin)
        assert isinstance(added, Staff), added
        staff = added
    return staff


@pytest.fixture(scope="module")
def staff() -> Staff:
    return _staff()


# --- the clerks ---------------------------------------------------------------------------


def test_only_hashes_are_kept_and_each_clerk_has_their_own_pin(staff: Staff) -> None:
    ada, ben = staff.clerks
    assert "1111" not in ada.pin_hash
    assert "2222" not in ben.pin_hash
    assert verify_pin("1111", ada.pin_hash)
    assert not verify_pin("2222", ada.pin_hash)
    assert staff.sign_in("ada", "1111") is ada  # names are matched without case
    assert staff.sign_in("Ben", "2222") is ben
    assert staff.sign_in("Ben", "1111") is SignInRefusal.WRONG
    assert staff.sign_in("Nobody", "1111") is SignInRefusal.WRONG


@pytest.mark.parametrize("pin", ["", "12a4", "１２３４", "123456789", "9" * 10_000, " 1111"])
def test_bad_pins_are_refused_quickly_without_a_hash(staff: Staff, pin: str) -> None:
    started = time.perf_counter()
    assert staff.sign_in("Ada", pin) is SignInRefusal.NOT_PIN_SHAPED
    assert staff.unlock("Ada", "Ada", pin) is SignInRefusal.NOT_PIN_SHAPED
    assert staff.admin_pin(pin) is None
    assert isinstance(staff.add("Cy", pin, admin=False), StaffRefusal)
    assert time.perf_counter() - started < 0.05  # one PBKDF2 hash alone takes longer


def test_the_lock_opens_for_its_clerk_or_an_admin_only(staff: Staff) -> None:
    ada, ben = staff.clerks
    assert staff.unlock("Ben", "Ben", "2222") is ben
    assert staff.unlock("Ben", "Ada", "1111") is ada  # an admin
    assert staff.unlock("Ada", "Ben", "2222") is SignInRefusal.NOT_YOURS
    assert staff.unlock("Ada", "Ben", "9999") is SignInRefusal.WRONG
    assert staff.unlock(None, "Ben", "2222") is ben  # a switch: anyone signs in
    assert staff.admin_pin("1111") is ada
    assert staff.admin_pin("2222") is None  # Ben is no admin


def test_managing_keeps_an_admin_and_unique_names(staff: Staff) -> None:
    assert Staff().add("Cy", "3333", admin=False) is StaffRefusal.FIRST_IS_ADMIN
    assert staff.add(" ben ", "3333", admin=False) is StaffRefusal.NAME_TAKEN
    assert staff.add("   ", "3333", admin=False) is StaffRefusal.NAME_EMPTY
    assert staff.add("x" * 41, "3333", admin=False) is StaffRefusal.NAME_TOO_LONG
    assert staff.remove("Ada") is StaffRefusal.LAST_ADMIN
    assert staff.set_admin("Ada", False) is StaffRefusal.LAST_ADMIN
    assert staff.remove("Nobody") is StaffRefusal.UNKNOWN_CLERK
    without_ben = staff.remove("Ben")
    assert isinstance(without_ben, Staff)
    assert without_ben.names == ["Ada"]
    reset = staff.reset_pin("Ben", "4444")
    assert isinstance(reset, Staff)
    assert reset.sign_in("Ben", "4444") is reset.clerks[1]
    assert reset.sign_in("Ben", "2222") is SignInRefusal.WRONG
    assert isinstance(Staff().add("Ada", "1111", admin=True), Staff)
    last = _staff().remove("Ben")
    assert isinstance(last, Staff)
    assert last.remove("Ada") == Staff()  # the last clerk may go: the counter is as before


def test_clerks_round_trip_through_the_settings_file_as_hashes(
    staff: Staff, tmp_path: Path
) -> None:
    from voucherdesk.settings import load_settings, save_settings

    path = tmp_path / "settings.json"
    settings = with_staff(Settings(kiosk=True), staff)
    assert settings.kiosk  # Ada is an admin: the kiosk has its admin PIN
    save_settings(settings, path)
    text = path.read_text()
    assert "1111" not in text.replace(staff.clerks[0].pin_hash, "")
    loaded = load_settings(path).settings
    assert staff_of(loaded) == staff
    assert loaded.kiosk
    assert not with_staff(loaded, Staff()).kiosk  # no admin PIN left: no kiosk either


# --- who did it, in the journal -------------------------------------------------------------


@dataclass
class Shift:
    desk: Desk
    keys: dict[str, str]


@pytest.fixture
def shift(standin: StandinServer, tmp_path: Path) -> Iterator[Shift]:
    """Ada and Ben take turns: redemptions, top-ups paid two ways, an undo by the other
    clerk, and one redemption whose outcome stays open."""
    state = standin.state
    booking = Booking.add_to(standin)
    keys: dict[str, str] = {}
    tokens = MemoryTokenStore()  # one API client: its token is shared, as in the keyring
    desk = make_desk(standin.base_url, tmp_path / "till", top_up_method="Cash", token_store=tokens)

    def redeem(name: str, code: str, value: str, expect: OutcomeKind = OutcomeKind.DONE) -> None:
        vid = state.add_voucher(code, Decimal(value))
        outcome = desk.redeem(booking.quote(desk, vid, adults=1))
        assert outcome.kind is expect, outcome.reason
        keys[name] = outcome.key
        if outcome.top_up is not None and outcome.kind is OutcomeKind.DONE:
            desk.top_up_taken(outcome.key, by=desk.clerk)  # the clerk who booked took it

    assert desk.clerk is None
    desk.clerk = "Ada"
    redeem("ada_full", "RED-1", "100.00")  # draws 30.00
    redeem("ada_cash", "RED-2", "10.00")  # draws 10.00, top-up 20.00 Cash
    desk.clerk = "Ben"
    redeem("ben_full", "BEN-1", "100.00")  # draws 30.00, undone by Ada below
    redeem("ben_cash", "BEN-2", "20.00")  # draws 20.00, top-up 10.00 Cash
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    redeem("ben_open", "BEN-3", "80.00", OutcomeKind.UNKNOWN)
    standin.faults.clear()
    desk.clerk = "Ada"
    assert desk.undo(keys["ben_full"]).cancelled
    close_desk(desk)
    # The top-up method is a setting: the services are built anew with it.
    desk = make_desk(
        standin.base_url, tmp_path / "till", top_up_method="ThirdParty", token_store=tokens
    )
    desk.clerk = "Ben"
    redeem("ben_card", "BEN-4", "5.00")  # draws 5.00, top-up 25.00 ThirdParty
    yield Shift(desk, keys)
    close_desk(desk)


def test_every_step_records_its_clerk(shift: Shift) -> None:
    get = shift.desk.journal.get
    assert get(shift.keys["ada_full"]).clerk == "Ada"
    undone = get(shift.keys["ben_full"])
    assert undone.state is EntryState.UNDONE
    assert (undone.clerk, undone.changed_by) == ("Ben", "Ada")
    assert get(shift.keys["ben_open"]).clerk == "Ben"
    found = shift.desk.history(search="Ada")
    # A journal key or a booking code is random hex and letters: one held "ada" in a CI run
    # (the search looks there too). The clerk's own are found, in order.
    by_ada = [e.key for e in found if "Ada" in (e.clerk, e.changed_by)]
    assert by_ada == [
        shift.keys[k] for k in ("ben_full", "ada_cash", "ada_full")
    ]  # the history finds a clerk's redemptions (and the undo Ada took)


def test_report_per_clerk_equals_the_journal(shift: Shift) -> None:
    today = date.today()
    report = build_shift_report(shift.desk.history(today), day=today, counter_id="till1")
    by_name = {totals.clerk: totals for totals in report.per_clerk}
    assert set(by_name) == {"Ada", "Ben"}
    ada, ben = by_name["Ada"], by_name["Ben"]
    assert (ada.redemptions, ada.drawn, ada.undos) == (2, (Money(Decimal("40.00"), EUR),), 1)
    assert ada.top_ups == (("Cash", Money(Decimal("20.00"), EUR)),)
    assert ada.open_entries == ()
    assert (ben.redemptions, ben.drawn, ben.undos) == (2, (Money(Decimal("25.00"), EUR),), 0)
    assert ben.top_ups == (
        ("Cash", Money(Decimal("10.00"), EUR)),
        ("ThirdParty", Money(Decimal("25.00"), EUR)),
    )
    assert [e.key for e in ben.open_entries] == [shift.keys["ben_open"]]
    # The same sums straight from the journal file, and the whole-shift totals agree.
    with sqlite3.connect(shift.desk.journal.path) as db:
        rows = db.execute(
            "SELECT clerk, SUM(CAST(drawn AS REAL)), SUM(CAST(COALESCE(top_up, 0) AS REAL))"
            " FROM entries WHERE state = 'done' GROUP BY clerk ORDER BY clerk"
        ).fetchall()
    assert rows == [("Ada", 40.0, 20.0), ("Ben", 25.0, 35.0)]
    assert report.drawn == (Money(Decimal("65.00"), EUR),)
    assert report.top_ups == (Money(Decimal("55.00"), EUR),)
    assert sum(t.redemptions for t in report.per_clerk) == report.redemptions


def test_csv_round_trips_with_the_clerks(shift: Shift) -> None:
    today = date.today()
    report = build_shift_report(shift.desk.history(today), day=today, counter_id="till1")
    rows = list(csv.DictReader(io.StringIO(csv_text(report).lstrip("\ufeff"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(report.entries)
    for row, entry in zip(rows, report.entries, strict=True):
        assert row["journal_key"] == entry.key
        assert row["clerk"] == (entry.clerk or "")
        assert row["changed_by"] == (entry.changed_by or "")
        assert row["top_up_method"] == (entry.top_up_method or "")
        assert Decimal(row["drawn"]) == entry.drawn.amount
        assert row["state"] == entry.state.value
    undone = next(r for r in rows if r["journal_key"] == shift.keys["ben_full"])
    assert (undone["clerk"], undone["changed_by"]) == ("Ben", "Ada")


def test_a_counter_without_clerks_reports_as_before(standin: StandinServer, tmp_path: Path) -> None:
    desk = make_desk(standin.base_url, tmp_path / "till")
    try:
        vid = standin.state.add_voucher("SOLO-1", Decimal("100.00"))
        outcome = desk.redeem(Booking.add_to(standin).quote(desk, vid, adults=1))
        assert outcome.kind is OutcomeKind.DONE
        entry = desk.journal.get(outcome.key)
        assert (entry.clerk, entry.changed_by) == (None, None)
        report = build_shift_report(desk.history(date.today()), day=date.today(), counter_id="x")
        assert report.per_clerk == ()
    finally:
        close_desk(desk)


def test_an_older_journal_gains_the_clerk_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with sqlite3.connect(path) as db:  # the first release's table, with one finished row
        db.execute(
            "CREATE TABLE entries (key TEXT PRIMARY KEY, counter_id TEXT NOT NULL,"
            " created_at TEXT NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL,"
            " voucher_id TEXT NOT NULL, voucher_code TEXT NOT NULL, quote_json TEXT NOT NULL,"
            " currency TEXT NOT NULL, drawn TEXT NOT NULL, top_up TEXT, value_left TEXT,"
            " order_id TEXT, booking_code TEXT, note TEXT NOT NULL DEFAULT '')"
        )
        db.execute(
            "INSERT INTO entries VALUES ('till-1', 'till', '2026-01-02T10:00:00+00:00',"
            " '2026-01-02T10:00:01+00:00', 'done', 'v1', 'OLD-1', '{}', 'EUR', '30.00',"
            " NULL, '0.00', 'o1', 'B1', '')"
        )
    db.close()
    with Journal(path) as journal:
        entry = journal.get("till-1")
        assert (entry.clerk, entry.changed_by, entry.state) == (None, None, EntryState.DONE)
        report = build_shift_report([entry], day=date(2026, 1, 2), counter_id="till")
        assert report.redemptions == 1
        assert report.per_clerk == ()
