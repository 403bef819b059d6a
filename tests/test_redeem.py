"""Redeeming through the Desk facade against the stand-in over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.undo import UndoCase
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.money import Money
from voucherdesk.standin import DEMO_CODES, StandinServer


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till1")
    yield d
    close_desk(d)


@pytest.fixture
def booking(standin: StandinServer) -> Booking:
    return Booking.add_to(standin)


def test_full_voucher(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("FULL-100", Decimal("100"))
    quote = booking.quote(desk, vid, adults=2, children=1)
    assert quote.total == eur("72.50")

    out = desk.redeem(quote)

    assert out.case is OutcomeCase.BOOKED, out.case
    assert (out.drawn, out.top_up, out.value_left) == (eur("72.50"), None, eur("27.50"))
    orders = standin.state.orders_with_reference(out.key)
    assert len(orders) == 1
    assert orders[0]["id"] == out.order_id
    assert orders[0]["code"] == out.booking_code
    assert standin.state.voucher(vid)["remaining_value"] == Decimal("27.50")
    assert standin.state.date(booking.date_id)["available_slots"] == 7
    entry = desk.journal.get(out.key)
    assert entry.state is EntryState.DONE
    assert entry.booking_code == out.booking_code
    assert entry.value_left == eur("27.50")
    assert out.booking_code is not None
    assert desk.journal.unfinished(desk.environment) == []
    assert orders[0]["lang"] == "de"  # the counter's order language (settings)
    assert orders[0]["external_reference"] == out.key


def test_voucher_used_exactly_up(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("EXACT-60", Decimal("60"))
    out = desk.redeem(booking.quote(desk, vid, adults=2))
    assert out.kind is OutcomeKind.DONE
    assert out.value_left == eur("0")
    again = desk.check("EXACT-60")
    assert again.verdict.kind is VerdictKind.USED_UP


def test_partly_used_with_top_up(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("PART-20", Decimal("100"), remaining=Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    assert (quote.drawn, quote.top_up) == (eur("20"), eur("10"))

    out = desk.redeem(quote)

    assert out.case is OutcomeCase.BOOKED, out.case
    assert (out.drawn, out.top_up, out.value_left) == (eur("20"), eur("10"), eur("0"))
    assert out.top_up_method == "Cash"
    payments = standin.state.payments(out.order_id or "")
    cash = [p for p in payments if p["payment_method"] == "Cash"]
    assert [(p["type"], p["value"]) for p in cash] == [("payment", Decimal("10.00"))]
    assert standin.state.voucher(vid)["remaining_value"] == Decimal("0")
    assert desk.journal.get(out.key).state is EntryState.DONE


def test_requote_when_balance_changed(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("MOVING-50", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.state.add_redemption(vid, Decimal("15"))  # used at another till meanwhile

    out = desk.redeem(quote)

    assert out.case is OutcomeCase.BALANCE_CHANGED
    assert out.quote.remaining_before == eur("50")
    assert out.balance_now == eur("35")
    assert standin.state.orders_with_reference(out.key) == []
    assert desk.journal.get(out.key).state is EntryState.ABANDONED
    assert standin.state.voucher(vid)["remaining_value"] == Decimal("35")


def test_voucher_cancelled_after_quote_is_refused(
    standin: StandinServer, desk: Desk, booking: Booking
) -> None:
    vid = standin.state.add_voucher("SOON-GONE", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.state.add_redemption(vid, Decimal("50"))
    out = desk.redeem(quote)
    assert out.case is OutcomeCase.VOUCHER_NOT_USABLE
    assert out.verdict is not None
    assert out.verdict.kind is VerdictKind.USED_UP
    assert standin.state.orders_with_reference(out.key) == []


def test_bookingkit_refusal_400(standin: StandinServer, desk: Desk) -> None:
    booking = Booking.add_to(standin, slots=2)
    first = standin.state.add_voucher("FIRST-100", Decimal("100"))
    second = standin.state.add_voucher("SECOND-100", Decimal("100"))
    late_quote = booking.quote(desk, second, adults=2)
    assert desk.redeem(booking.quote(desk, first, adults=2)).kind is OutcomeKind.DONE

    out = desk.redeem(late_quote)  # the places went to the first customer meanwhile

    assert out.case is OutcomeCase.BOOKINGKIT_REFUSED
    assert out.server_message is not None
    assert "Not enough free places" in out.server_message
    assert standin.state.orders_with_reference(out.key) == []
    assert standin.state.voucher(second)["remaining_value"] == Decimal("100")
    entry = desk.journal.get(out.key)
    assert entry.state is EntryState.REFUSED
    assert "free places" in entry.note


def test_top_up_refused_is_reported(standin: StandinServer, tmp_path: Path) -> None:
    booking = Booking.add_to(standin)
    desk = make_desk(standin.base_url, tmp_path / "till-card")
    desk._steps.top_up_method = "CreditCard"  # not a method bookingkit accepts for payments
    try:
        vid = standin.state.add_voucher("TOPUP-5", Decimal("5"))
        out = desk.redeem(booking.quote(desk, vid, adults=1))
    finally:
        close_desk(desk)
    assert out.kind is OutcomeKind.DONE  # the booking itself stands
    assert out.case is OutcomeCase.BOOKED_TOP_UP_REFUSED
    assert out.top_up == eur("25")
    assert out.server_message
    assert len(standin.state.orders_with_reference(out.key)) == 1


def test_check_flows(standin: StandinServer, desk: Desk) -> None:
    assert desk.check(f"  {DEMO_CODES['fresh']}\r\n").verdict.kind is VerdictKind.USABLE
    assert desk.check(DEMO_CODES["partly_used"]).verdict.kind is VerdictKind.PARTLY_USED
    assert desk.check(DEMO_CODES["used_up"]).verdict.kind is VerdictKind.USED_UP
    assert desk.check(DEMO_CODES["cancelled"]).verdict.kind is VerdictKind.CANCELLED
    assert desk.check(DEMO_CODES["expired"]).verdict.kind is VerdictKind.EXPIRED
    assert desk.check(DEMO_CODES["other_currency"]).verdict.kind is VerdictKind.WRONG_CURRENCY
    miss = desk.check(DEMO_CODES["fresh"].lower())
    assert miss.verdict.kind is VerdictKind.UNKNOWN_CODE
    assert DEMO_CODES["fresh"] in miss.suggestions
    rejected = desk.check("\x00\x01")
    assert rejected.rejected is not None
    assert rejected.voucher is None


def test_check_finds_a_voucher_sold_after_the_index_was_built(
    standin: StandinServer, desk: Desk
) -> None:
    assert desk.check(DEMO_CODES["fresh"]).voucher is not None  # builds the index
    standin.state.add_voucher("NEW-SALE-1", Decimal("25"))
    result = desk.check("NEW-SALE-1")
    assert result.verdict.kind is VerdictKind.USABLE
    assert result.voucher is not None
    assert result.voucher.remaining == Decimal("25")


@pytest.mark.parametrize("restores", [False, True])
def test_undo(standin: StandinServer, desk: Desk, booking: Booking, restores: bool) -> None:
    standin.state.cancel_restores_voucher = restores
    vid = standin.state.add_voucher("UNDO-40", Decimal("40"))
    out = desk.redeem(booking.quote(desk, vid, adults=2))  # 60: 40 drawn, 20 top-up
    assert out.kind is OutcomeKind.DONE

    undone = desk.undo(out.key)

    assert undone.cancelled
    assert undone.restored is restores
    assert standin.state.orders_with_reference(out.key)[0]["status"] == "CANCELED"
    left = standin.state.voucher(vid)["remaining_value"]
    assert left == (Decimal("40") if restores else Decimal("0"))
    assert undone.value_left == (eur("40") if restores else eur("0"))
    assert undone.top_up == eur("20")  # the top-up must be paid back by hand
    assert desk.journal.get(out.key).state is EntryState.UNDONE
    assert desk.undo(out.key).case is UndoCase.ALREADY_UNDONE


def test_undo_refuses_other_counters_and_unknown_keys(
    standin: StandinServer, desk: Desk, booking: Booking, tmp_path: Path
) -> None:
    vid = standin.state.add_voucher("OTHER-50", Decimal("50"))
    out = desk.redeem(booking.quote(desk, vid, adults=1))
    other = make_desk(standin.base_url, tmp_path / "till1", counter_id="till2")
    try:
        refused = other.undo(out.key)
    finally:
        close_desk(other)
    assert not refused.cancelled
    assert refused.case is UndoCase.OTHER_COUNTER
    assert not desk.undo("till1-nope").cancelled
    assert standin.state.orders_with_reference(out.key)[0]["status"] != "CANCELED"


def test_history(standin: StandinServer, desk: Desk, booking: Booking) -> None:
    vid = standin.state.add_voucher("HIST-77", Decimal("77"))
    out = desk.redeem(booking.quote(desk, vid, adults=1))
    assert [e.key for e in desk.history(search="HIST-77")] == [out.key]
    assert [e.key for e in desk.history(search=out.booking_code or "")] == [out.key]
    today = desk.journal.get(out.key).created_at.astimezone().date()
    assert out.key in [e.key for e in desk.history(today)]


def test_events_are_cached_and_dates_are_fresh(standin: StandinServer, desk: Desk) -> None:
    state = standin.state
    events = desk.events()
    assert len(events) >= 4
    before = state.api_requests
    assert desk.events() == events
    assert state.api_requests == before  # served from the cache
    tour = events[0]
    first = desk.dates(tour.id, days=7)
    assert first
    assert all(d.event_id == tour.id for d in first)
    desk.dates(tour.id, days=7)
    assert state.api_requests == before + 2  # dates are read fresh every time
