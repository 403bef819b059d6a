"""Every kind at the counter, desk side: scanned, judged, quoted and redeemed against the
stand-in over loopback HTTP (issue #15)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import close_desk, make_desk
from helpers.kinds_setup import PassTour, TicketTour

from voucherdesk.bookingkit.calls import CallRecord
from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.clock import utc_now
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.pass_quote import PassProblem, PassRefused
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.desk.slip import PrepaidSlip, slip_for
from voucherdesk.desk.ticket_quote import TicketProblem, TicketRefused
from voucherdesk.desk.undo import UndoCase
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.standin import DEMO_CODES, DEMO_PASSES, DEMO_TICKETS, StandinServer


@pytest.fixture
def calls() -> list[CallRecord]:
    return []


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path, calls: list[CallRecord]) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", timeout=2.0, observer=calls.append)
    yield made
    close_desk(made)


# --- one scan, any kind ---------------------------------------------------------------------


def test_a_voucher_in_the_index_costs_one_request(desk: Desk, calls: list[CallRecord]) -> None:
    desk.check(DEMO_CODES["fresh"])  # fills both indexes
    calls.clear()
    check = desk.check(DEMO_CODES["partly_used"])
    assert check.kind is VoucherKind.VALUE_VOUCHER
    assert check.verdict.kind is VerdictKind.PARTLY_USED
    assert [(c.method, c.path.split("/")[1]) for c in calls] == [("GET", "vouchers")]


def test_an_open_date_ticket_is_found_by_its_code(desk: Desk) -> None:
    check = desk.check(DEMO_TICKETS["open"])
    assert check.kind is VoucherKind.OPEN_DATE_TICKET
    assert check.verdict.kind is VerdictKind.TICKET_OPEN
    assert check.verdict.usable
    assert check.ticket is not None
    assert check.ticket.customer_name == "Erika Mustermann"
    assert check.ticket.price_title == "Adult"
    assert check.event is not None
    assert check.event.title == "Harbour Kayak Tour"
    assert check.voucher is None
    assert check.sold_pass is None


def test_a_pass_is_found_by_its_code_and_read_fresh(
    standin: StandinServer, desk: Desk, calls: list[CallRecord]
) -> None:
    check = desk.check(DEMO_PASSES["pass"])
    assert check.kind is VoucherKind.PASS
    assert check.verdict.kind is VerdictKind.PASS_USABLE
    assert (check.verdict.entries_left, check.verdict.entries_total) == (7, 10)
    assert check.event is not None
    assert check.event.title == "City Food Walk"
    # A pass the index knows costs one read of the order that sold it (plus its event, cached).
    calls.clear()
    again = desk.check(DEMO_PASSES["pass"])
    assert again.sold_pass is not None
    assert [(c.method, c.path.split("/")[1]) for c in calls] == [("GET", "orders")]


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("depleted", VerdictKind.TICKET_DEPLETED),
        ("expired", VerdictKind.TICKET_EXPIRED),
        ("inactive", VerdictKind.TICKET_INACTIVE),
    ],
)
def test_tickets_that_cannot_be_redeemed(desk: Desk, role: str, kind: VerdictKind) -> None:
    check = desk.check(DEMO_TICKETS[role])
    assert check.verdict.kind is kind
    assert not check.verdict.usable


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("no_entries", VerdictKind.PASS_NO_ENTRIES),
        ("cancelled", VerdictKind.PASS_CANCELLED),
        ("pending", VerdictKind.PASS_PENDING),
    ],
)
def test_passes_that_cannot_be_used(desk: Desk, role: str, kind: VerdictKind) -> None:
    check = desk.check(DEMO_PASSES[role])
    assert check.verdict.kind is kind
    assert not check.verdict.usable


def test_an_unknown_code_is_unknown_to_every_kind(desk: Desk) -> None:
    check = desk.check(DEMO_PASSES["pass"][:-1] + "Z")
    assert check.verdict.kind is VerdictKind.UNKNOWN_CODE
    assert DEMO_PASSES["pass"] in check.suggestions


def test_a_pass_sold_after_the_last_refresh_is_found(standin: StandinServer, desk: Desk) -> None:
    desk.check(DEMO_PASSES["pass"])
    synced = desk.passes.synced_at
    assert synced is not None
    tour = PassTour.add_to(standin, "PASS-NEW-1")
    check = desk.check(tour.code)
    assert check.sold_pass is not None
    assert check.sold_pass.id == tour.pass_id
    assert desk.passes.synced_at is not None
    assert desk.passes.synced_at >= synced


# --- open-date tickets ------------------------------------------------------------------------


def test_this_tour_now_redeems_the_running_appointment(standin: StandinServer, desk: Desk) -> None:
    tour = TicketTour.add_to(standin)
    quote = tour.quote(desk)
    assert quote.appointment_id == tour.running_id  # shown before Enter
    outcome = desk.redeem(quote)
    assert outcome.case is OutcomeCase.BOOKED, outcome
    order_id = standin.state.ticket_order_id(tour.ticket_id)
    assert order_id is not None
    order = standin.state.order(order_id)
    assert outcome.booking_code == order["code"]
    assert order["tickets"][0]["date_id"] == tour.running_id
    assert outcome.starts_at == quote.starts_at
    assert standin.state.open_date_ticket(tour.ticket_id)["status"] == "DEPLETED"
    entry = desk.journal.get(outcome.key)
    assert (entry.kind, entry.state, entry.entries) == (
        VoucherKind.OPEN_DATE_TICKET,
        EntryState.DONE,
        1,
    )
    assert entry.appointment_id == tour.running_id
    assert entry.booking_code == order["code"]


def test_a_full_current_appointment_needs_overbooking(standin: StandinServer, desk: Desk) -> None:
    tour = TicketTour.add_to(standin, running_free=0)
    with pytest.raises(TicketRefused) as refused:
        tour.quote(desk)
    assert refused.value.refusal.problem is TicketProblem.CURRENT_FULL
    quote = tour.quote(desk, RedemptionStrategy.CURRENT_WITH_OVERBOOKING)
    outcome = desk.redeem(quote)
    assert outcome.case is OutcomeCase.BOOKED
    order_id = standin.state.ticket_order_id(tour.ticket_id)
    assert order_id is not None
    assert standin.state.order(order_id)["tickets"][0]["date_id"] == tour.running_id


def test_next_free_appointment_skips_full_ones(standin: StandinServer, desk: Desk) -> None:
    tour = TicketTour.add_to(standin)
    quote = tour.quote(desk, RedemptionStrategy.NEXT_AVAILABLE)
    assert quote.appointment_id == tour.tomorrow_id  # in two hours is full; running has begun
    outcome = desk.redeem(quote)
    assert outcome.kind is OutcomeKind.DONE
    order_id = standin.state.ticket_order_id(tour.ticket_id)
    assert order_id is not None
    assert standin.state.order(order_id)["tickets"][0]["date_id"] == tour.tomorrow_id


def test_a_date_the_clerk_picks(standin: StandinServer, desk: Desk) -> None:
    tour = TicketTour.add_to(standin)
    with pytest.raises(TicketRefused) as full:
        tour.quote(desk, RedemptionStrategy.SELECTED, picked=tour.later_id)
    assert full.value.refusal.problem is TicketProblem.PICKED_FULL
    quote = tour.quote(desk, RedemptionStrategy.SELECTED, picked=tour.tomorrow_id)
    outcome = desk.redeem(quote)
    assert outcome.kind is OutcomeKind.DONE
    order_id = standin.state.ticket_order_id(tour.ticket_id)
    assert order_id is not None
    assert standin.state.order(order_id)["tickets"][0]["date_id"] == tour.tomorrow_id


def test_a_ticket_redeemed_elsewhere_meanwhile_is_not_sent(
    standin: StandinServer, desk: Desk
) -> None:
    tour = TicketTour.add_to(standin)
    quote = tour.quote(desk)
    standin.state.redeem_open_date_ticket(
        tour.ticket_id, {"redemption_strategy": "next_available_appointment"}
    )
    outcome = desk.redeem(quote)
    assert outcome.case is OutcomeCase.VOUCHER_NOT_USABLE
    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.TICKET_DEPLETED
    assert desk.journal.get(outcome.key).state is EntryState.ABANDONED
    assert len([o for o in standin.state.orders() if o["tickets"]]) >= 1


def test_undo_of_a_ticket_cancels_its_order_and_says_the_ticket_stays_used(
    standin: StandinServer, desk: Desk
) -> None:
    tour = TicketTour.add_to(standin)
    outcome = desk.redeem(tour.quote(desk))
    undone = desk.undo(outcome.key)
    assert undone.case is UndoCase.CANCELLED
    assert undone.kind is VoucherKind.OPEN_DATE_TICKET
    assert undone.restored is False  # guess U33: the ticket is not opened again
    order_id = standin.state.ticket_order_id(tour.ticket_id)
    assert order_id is not None
    assert standin.state.order(order_id)["status"] == "CANCELED"
    standin.state.cancel_reopens_tickets = True
    second = TicketTour.add_to(standin, "ODT-TEST-2")
    again = desk.redeem(second.quote(desk))
    assert desk.undo(again.key).restored is True


# --- passes ---------------------------------------------------------------------------------


def test_two_entries_of_a_pass(standin: StandinServer, desk: Desk) -> None:
    tour = PassTour.add_to(standin)
    quote = tour.quote(desk, 2)
    assert (quote.entries_before, quote.entries_after) == (7, 5)
    outcome = desk.redeem(quote)
    assert outcome.case is OutcomeCase.BOOKED, outcome
    assert (outcome.entries, outcome.entries_left) == (2, 5)
    assert tour.left(standin) == 5
    (order,) = standin.state.orders_with_reference(outcome.key)
    people = order["tickets"][0]["participants"]
    assert [p["redeemed_flexTicket"]["id"] for p in people] == [tour.pass_id] * 2
    assert order["code"] == outcome.booking_code
    assert desk.confirm_balance(outcome) is outcome  # the pass holds what the booking left
    entry = desk.journal.get(outcome.key)
    assert (entry.kind, entry.state, entry.entries) == (VoucherKind.PASS, EntryState.DONE, 2)


def test_too_few_entries_left_are_refused(standin: StandinServer, desk: Desk) -> None:
    tour = PassTour.add_to(standin, left=1)
    with pytest.raises(PassRefused) as refused:
        tour.quote(desk, 2)
    assert refused.value.refusal.problem is PassProblem.TOO_FEW_ENTRIES
    assert (refused.value.refusal.entries_left, refused.value.refusal.entries_wanted) == (1, 2)
    assert tour.left(standin) == 1


def test_entries_used_elsewhere_meanwhile_ask_for_a_new_quote(
    standin: StandinServer, desk: Desk
) -> None:
    tour = PassTour.add_to(standin)
    quote = tour.quote(desk, 1)
    other = desk.redeem(tour.quote(desk, 1))
    assert other.kind is OutcomeKind.DONE
    stale = desk.redeem(quote)
    assert stale.case is OutcomeCase.BALANCE_CHANGED
    assert stale.entries_left == 6
    assert standin.state.orders_with_reference(stale.key) == []


def test_a_pass_that_bookingkit_does_not_take_raises_the_alarm(
    standin: StandinServer, desk: Desk
) -> None:
    """Guess U36's live guard: the order must show the pass used as quoted."""
    tour = PassTour.add_to(standin)
    standin.state.ignores_pass_payment = True
    outcome = desk.redeem(tour.quote(desk, 2))
    assert outcome.case is OutcomeCase.DRAWN_MISMATCH
    assert outcome.entries == 0
    assert desk.journal.get(outcome.key).state is EntryState.ATTENTION
    stopped = desk.redeem(TicketTour.add_to(standin).quote(desk))
    assert stopped.case is OutcomeCase.REDEMPTIONS_STOPPED  # every kind waits for a person


def test_undo_of_a_pass_booking(standin: StandinServer, desk: Desk) -> None:
    tour = PassTour.add_to(standin)
    outcome = desk.redeem(tour.quote(desk, 3))
    undone = desk.undo(outcome.key)
    assert undone.case is UndoCase.CANCELLED
    assert (undone.entries, undone.entries_left, undone.restored) == (3, 4, False)
    standin.state.cancel_restores_pass_entries = True
    again = desk.redeem(tour.quote(desk, 1))
    back = desk.undo(again.key)
    assert (back.entries_left, back.restored) == (4, True)


# --- report, slip, journal --------------------------------------------------------------------


def test_report_and_slip_know_the_three_kinds(standin: StandinServer, desk: Desk) -> None:
    voucher = standin.state.add_voucher("KIND-V-1", Decimal("100"))
    tour = PassTour.add_to(standin)
    ticket = TicketTour.add_to(standin)
    event = desk.client.get_event(tour.event_id)
    date = desk.client.get_date(tour.date_id)
    by_voucher = desk.redeem(
        desk.quote(desk.client.get_voucher(voucher), event, date, {tour.price_id: 1})
    )
    by_pass = desk.redeem(tour.quote(desk, 2))
    by_ticket = desk.redeem(ticket.quote(desk))
    assert {o.kind for o in (by_voucher, by_pass, by_ticket)} == {OutcomeKind.DONE}
    report = build_shift_report(desk.history(), day=utc_now().date(), counter_id="till1")
    assert (report.redemptions, report.tickets, report.pass_bookings, report.pass_entries) == (
        3,
        1,
        1,
        2,
    )
    assert [m.amount for m in report.drawn] == [Decimal("20")]  # only the voucher's money
    ticket_slip = slip_for(
        by_ticket, counter_id="till1", top_up_method="Cash", printed_at=utc_now()
    )
    assert isinstance(ticket_slip, PrepaidSlip)
    assert ticket_slip.code.endswith("ST-1")
    assert "ODT" not in ticket_slip.code
    pass_slip = slip_for(by_pass, counter_id="till1", top_up_method="Cash", printed_at=utc_now())
    assert isinstance(pass_slip, PrepaidSlip)
    assert (pass_slip.participants, pass_slip.entries_left, pass_slip.entries_total) == (2, 5, 10)


def test_an_old_journal_reads_as_value_vouchers(tmp_path: Path) -> None:
    """A journal written before the kinds: every entry redeemed a value voucher."""
    path = tmp_path / "journal.sqlite"
    with Journal(path):
        pass
    db = sqlite3.connect(path)
    for column in ("kind", "entries", "appointment_id", "appointment_at"):
        db.execute(f"ALTER TABLE entries DROP COLUMN {column}")
    db.execute(
        "INSERT INTO entries (key, counter_id, created_at, updated_at, state, voucher_id,"
        " voucher_code, quote_json, currency, drawn) VALUES"
        " ('old-1', 'till1', '2026-01-01T10:00:00+00:00', '2026-01-01T10:00:00+00:00', 'done',"
        " 'v1', 'OLD1', '{}', 'EUR', '10')"
    )
    db.commit()
    db.close()
    with Journal(path) as journal:
        entry = journal.get("old-1")
    assert entry.kind is VoucherKind.VALUE_VOUCHER
    assert entry.entries is None
