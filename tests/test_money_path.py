"""Money path, second pass (issue #9): one regression test per case found in review, each
against the stand-in over loopback. Every test failed before its fix."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.calls import CallRecord
from voucherdesk.bookingkit.tokens import MemoryTokenStore
from voucherdesk.clock import utc_now
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.shift_report import build_shift_report
from voucherdesk.desk.undo import UndoCase
from voucherdesk.money import Money
from voucherdesk.standin import Fault, StandinServer

TIMEOUT = 1.0


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1")
    yield made
    close_desk(made)


# --- case 8: a balance is never rounded up ---------------------------------------------------


def test_a_sub_cent_balance_is_drawn_rounded_down_and_the_rest_stays(
    standin: StandinServer, desk: Desk
) -> None:
    """10.005 left on a voucher became 10.01 and bookingkit refused the order."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RND-10005", Decimal("10.005"))

    quote = booking.quote(desk, vid, adults=1)  # 30.00
    assert quote.drawn == eur("10.00")
    assert quote.top_up == eur("20.00")
    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED, outcome
    assert outcome.drawn == eur("10.00")
    assert state.voucher(vid)["remaining_value"] == Decimal("0.005")  # the rest stays on it


def test_unit_prices_are_multiplied_before_rounding_once(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    event_id = state.add_event("Thirds", [("Third", Decimal("3.333"))])
    date_id = state.add_date(event_id, state.now() + timedelta(days=2), 9)
    vid = state.add_voucher("RND-THIRDS", Decimal("50"))
    client = desk.client
    event = client.get_event(event_id)
    quote = desk.quote(
        client.get_voucher(vid), event, client.get_date(date_id), {event.prices[0].id: 3}
    )
    assert quote.total == eur("10.00")  # 9.999 rounded once, not 3 x 3.33 = 9.99


# --- case 12: a voucher without a currency is judged and quoted in the same currency ---------


def test_a_voucher_without_currency_is_quoted_in_the_counters_currency(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("NO-CURRENCY", Decimal("50"))
    state._store.vouchers[vid]["currency"] = None  # bookingkit sent none (U2)
    check = desk.check("NO-CURRENCY")
    assert check.verdict.usable
    quote = booking.quote(desk, vid, adults=1)
    assert quote.currency == "EUR"
    assert desk.redeem(quote).case is OutcomeCase.BOOKED


# --- case 1: every entry belongs to one environment ------------------------------------------


def test_an_environment_switch_never_judges_an_entry_of_another_environment(
    standin: StandinServer, empty_standin: StandinServer, tmp_path: Path
) -> None:
    """Reconcile looked a production key up in the sandbox, found nothing, and marked a real
    order "not booked"."""
    home = tmp_path / "till1"
    tokens = MemoryTokenStore()  # one API client: the keyring keeps its token across restarts
    first = make_desk(standin.base_url, home, timeout=TIMEOUT, token_store=tokens)
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("ENV-SWITCH", Decimal("50"))
    quote = booking.quote(first, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    sent = first.redeem(quote)
    assert sent.kind is OutcomeKind.UNKNOWN
    close_desk(first)
    standin.faults.clear()
    (order,) = standin.state.orders_with_reference(sent.key)

    other = make_desk(empty_standin.base_url, home, timeout=TIMEOUT)  # switched to a sandbox
    try:
        assert other.reconcile_pending() == []  # not its entry: never judged
        assert other.journal.get(sent.key).state is EntryState.UNKNOWN
        assert [e.key for e in other.other_environments()] == [sent.key]  # listed apart
        assert other.history() == []
    finally:
        close_desk(other)

    back = make_desk(standin.base_url, home, timeout=TIMEOUT, token_store=tokens)
    try:
        (settled,) = back.reconcile_pending()
        assert settled.booking_code == order["code"]
        assert back.journal.get(sent.key).state is EntryState.DONE
    finally:
        close_desk(back)


def test_entries_of_an_unknown_environment_wait_for_an_admin(
    standin: StandinServer, desk: Desk
) -> None:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("ENV-UNKNOWN", Decimal("50"))
    entry = desk.journal.create(booking.quote(desk, vid, adults=1), "till1", desk.environment)
    entry = desk.journal.mark(entry, EntryState.SENT)
    with sqlite3.connect(desk.journal.path) as db:  # a row written before entries had one
        db.execute("UPDATE entries SET environment = NULL, base_url = NULL")
    assert desk.reconcile_pending() == []
    assert desk.journal.get(entry.key).state is EntryState.SENT
    assert [e.key for e in desk.other_environments()] == [entry.key]

    assert desk.assign_environment(entry.key) == 1
    (settled,) = desk.reconcile_pending()
    assert settled.key == entry.key


# --- case 2: one process at a time works on a journal ------------------------------------------


@pytest.mark.slow
@pytest.mark.keyring
def test_a_second_process_cannot_write_while_the_window_holds_the_journal(
    standin: StandinServer, app_home: Path
) -> None:
    from helpers.cli_runs import os_keyring_usable, run_cli

    from voucherdesk.desk.journal import Journal
    from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

    if not os_keyring_usable():
        pytest.skip("no Secret Service running (tests/run-all.sh starts one)")
    login = ["login", "--environment", "custom", "--url", standin.base_url]
    login += ["--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"]
    assert run_cli(login, app_home, stdin=DEMO_CLIENT_SECRET + "\n").returncode == 0
    try:
        path = app_home / "data" / "journal.sqlite3"
        with Journal(path):  # the window holds it
            for writing in (["journal", "--reconcile"], ["undo", "nokey", "--yes"]):
                refused = run_cli(writing, app_home)
                assert refused.returncode == 3, refused.stdout + refused.stderr
                assert "Traceback" not in refused.stderr
                assert "Another VoucherDesk" in refused.stderr
            listing = run_cli(["journal"], app_home)  # reading is fine
            assert listing.returncode == 0, listing.stderr
        after = run_cli(["journal", "--reconcile"], app_home)  # the window has closed
        assert after.returncode == 0, after.stderr
    finally:
        run_cli(["logout"], app_home)


def test_journal_changes_only_from_the_state_the_caller_read(
    standin: StandinServer, desk: Desk
) -> None:
    from voucherdesk.desk.journal import StaleEntry

    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("CAS-50", Decimal("50"))
    read = desk.journal.create(booking.quote(desk, vid, adults=1), "till1", desk.environment)
    desk.journal.mark(read, EntryState.SENT)
    with pytest.raises(StaleEntry):
        desk.journal.mark(read, EntryState.ABANDONED)  # a stale step fails, nothing overwritten
    assert desk.journal.get(read.key).state is EntryState.SENT


# --- case 3: waits are measured on a monotonic clock -------------------------------------------


def test_a_clock_step_forward_after_a_timeout_does_not_resend_at_once(
    standin: StandinServer, tmp_path: Path
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("CLOCK-FWD", Decimal("100"))  # enough for two orders
    offset = [timedelta(0)]

    def step_after_a_lost_post(record: CallRecord) -> None:
        if record.method == "POST" and record.status is None:
            offset[0] = timedelta(hours=1)  # NTP stepped the wall clock

    desk = make_desk(
        standin.base_url,
        tmp_path / "till1",
        timeout=TIMEOUT,
        observer=step_after_a_lost_post,
        clock=lambda: utc_now() + offset[0],
    )
    try:
        quote = booking.quote(desk, vid, adults=1)
        # bookingkit stores the order only after the client gave up waiting
        standin.faults.add(
            Fault("latency", method="POST", path="/v3/orders", seconds=TIMEOUT + 0.8)
        )
        outcome = desk.redeem(quote)
    finally:
        close_desk(desk)
    time.sleep(1.0)  # let a late request land before counting
    assert len(state.orders_with_reference(outcome.key)) == 1
    assert outcome.case is OutcomeCase.BOOKED


def test_a_clock_step_back_never_waits_longer_than_the_window(
    standin: StandinServer, tmp_path: Path
) -> None:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("CLOCK-BACK", Decimal("50"))
    offset = [timedelta(0)]

    def step_back(record: CallRecord) -> None:
        if record.method == "POST" and record.status is None:
            offset[0] = -timedelta(hours=1)

    desk = make_desk(
        standin.base_url,
        tmp_path / "till1",
        timeout=TIMEOUT,
        observer=step_back,
        clock=lambda: utc_now() + offset[0],
    )
    waits: list[float] = []
    desk._steps.sleep = lambda s: waits.append(s) or time.sleep(min(s, 0.05))  # type: ignore[func-returns-value]
    try:
        quote = booking.quote(desk, vid, adults=1)
        standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
        standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=1, status=503))
        desk.redeem(quote)
    finally:
        close_desk(desk)
    assert waits, "the desk must wait out the window before an empty lookup counts"
    assert max(waits) <= 3 * TIMEOUT


# --- case 4: a journal failure after sending never hides the booking ---------------------------


def test_a_journal_failure_after_booking_still_shows_the_booking(
    standin: StandinServer, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from voucherdesk.desk.journal import Journal, JournalProblem, JournalUnavailable

    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("JOURNAL-FULL", Decimal("20"))  # 30.00: 10.00 top-up
    quote = booking.quote(desk, vid, adults=1)
    real_mark = Journal.mark

    def disk_full_after_sending(self: Journal, entry: Any, state: EntryState, **kw: Any) -> Any:
        if state is not EntryState.SENT and entry.state is EntryState.SENT:
            raise JournalUnavailable(
                self.path, "database or disk is full", JournalProblem.CANNOT_WRITE
            )
        return real_mark(self, entry, state, **kw)

    monkeypatch.setattr(Journal, "mark", disk_full_after_sending)
    outcome = desk.redeem(quote)

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert outcome.case is OutcomeCase.BOOKED_NOT_RECORDED
    assert outcome.booking_code == order["code"]
    assert outcome.top_up == eur("10")
    monkeypatch.setattr(Journal, "mark", real_mark)
    (later,) = desk.reconcile_pending()  # the journal works again: finished, top-up once
    assert later.case is OutcomeCase.BOOKED
    cash = [p for p in standin.state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert len(cash) == 1


# --- case 5: the top-up is matched by the method that was sent ---------------------------------


def test_a_changed_top_up_setting_never_adds_a_second_top_up(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("TOPUP-METHOD", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    first = desk.redeem(quote)
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED
    standin.faults.clear()
    desk._steps.top_up_method = "ThirdParty"  # the clerk changed the setting meanwhile
    time.sleep(3 * TIMEOUT + 0.2)  # past the settle window: an absent top-up would count

    desk.reconcile_pending()

    (order,) = state.orders_with_reference(first.key)
    top_ups = [p for p in state.payments(order["id"]) if p["payment_method"] != "Voucher"]
    assert [(p["payment_method"], p["value"]) for p in top_ups] == [("Cash", Decimal("10.00"))]


# --- case 6: undo is journalled before the cancel goes out -------------------------------------


def test_a_lost_answer_to_the_cancel_is_settled_and_the_entry_corrected(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("UNDO-LOST", Decimal("50"))
    done = desk.redeem(booking.quote(desk, vid, adults=1))
    assert done.case is OutcomeCase.BOOKED
    standin.faults.add(Fault("drop_after_commit", method="PATCH", path="/v3/orders/*"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders/*", times=-1, status=503))

    undone = desk.undo(done.key)

    assert state.orders_with_reference(done.key)[0]["status"] == "CANCELED"
    assert not undone.cancelled  # not claimed either way while unknown
    assert undone.case is UndoCase.CANCEL_UNKNOWN
    standin.faults.clear()
    desk.reconcile_pending()
    assert desk.journal.get(done.key).state is EntryState.UNDONE
    report = build_shift_report(desk.history(), day=date.today(), counter_id="till1")
    assert report.redemptions == 0
    assert [e.key for e in report.undone] == [done.key]


# --- case 7: the result is never green before the order shows the voucher drawn ---------------


def test_an_order_that_did_not_draw_the_voucher_raises_the_alarm(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("U1-WRONG", Decimal("50"))
    state.ignores_voucher_payment = True  # guess U1 is wrong: bookingkit ignores our member

    outcome = desk.redeem(booking.quote(desk, vid, adults=1))

    assert outcome.case is OutcomeCase.DRAWN_MISMATCH
    assert outcome.kind is OutcomeKind.ATTENTION
    assert outcome.drawn == eur("0")
    assert outcome.value_left == eur("50")
    other = state.add_voucher("U1-NEXT", Decimal("50"))
    stopped = desk.redeem(booking.quote(desk, other, adults=1))
    assert stopped.case is OutcomeCase.REDEMPTIONS_STOPPED
    assert state.orders_with_reference(stopped.key) == [] or stopped.key == outcome.key

    desk.acknowledge(outcome.key)
    state.ignores_voucher_payment = False
    assert desk.redeem(booking.quote(desk, other, adults=1)).case is OutcomeCase.BOOKED


# --- case 11: a cancelled order is never finished ----------------------------------------------


def test_resuming_never_adds_a_top_up_to_an_order_cancelled_meanwhile(
    standin: StandinServer, desk: Desk
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RESUME-CANCELLED", Decimal("20"))
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    first = desk.redeem(booking.quote(desk, vid, adults=1))
    standin.faults.clear()
    (order,) = state.orders_with_reference(first.key)
    state.patch_order(order["id"], {"status": "CANCELED"})  # cancelled in bookingkit meanwhile

    (settled,) = desk.reconcile_pending()

    assert settled.case is OutcomeCase.ORDER_CANCELLED
    assert [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"] == []


# --- case 12: the counter id is checked where it is loaded -------------------------------------


def test_a_hand_edited_counter_id_with_a_comma_is_refused(tmp_path: Path) -> None:
    from voucherdesk.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text('{"environment": "sandbox", "counter_id": "till,1"}', encoding="utf-8")
    loaded = load_settings(path)
    assert "," not in loaded.settings.counter_id
    assert loaded.problem is not None


# --- issue #11 point 7: "Stop waiting" resends nothing ------------------------------------------


def test_stop_waiting_ends_the_wait_and_never_resends(standin: StandinServer, desk: Desk) -> None:
    import threading

    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("STOP-WAITING", Decimal("100"))  # enough for two orders
    quote = booking.quote(desk, vid, adults=1)
    # bookingkit stores the order after the client gave up; the desk would wait, then resend
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=TIMEOUT + 1.5))
    outcomes: list[Any] = []
    worker = threading.Thread(target=lambda: outcomes.append(desk.redeem(quote)))
    started = time.monotonic()
    worker.start()
    time.sleep(TIMEOUT + 0.3)  # the POST has timed out; the desk now waits out the window
    desk.stop_waiting()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert time.monotonic() - started < 3 * TIMEOUT  # not the whole settle window
    (outcome,) = outcomes
    assert outcome.case is OutcomeCase.NO_ANSWER_YET
    time.sleep(1.5)  # the late order lands
    assert len(state.orders_with_reference(outcome.key)) == 1  # never resent
    (settled,) = desk.reconcile_pending()  # "Check again" settles it
    assert settled.case is OutcomeCase.BOOKED


def test_a_balance_that_was_not_drawn_turns_the_result_into_the_alarm(
    standin: StandinServer, desk: Desk
) -> None:
    """The balance is read after the result is on screen (#13): a late mismatch still stops."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("LATE-MISMATCH", Decimal("50"))
    booked = desk.redeem(booking.quote(desk, vid, adults=1))
    assert booked.case is OutcomeCase.BOOKED
    assert booked.value_left == eur("20")
    assert desk.confirm_balance(booked) is booked  # the balance agrees: nothing changes

    state._store.vouchers[vid]["remaining_value"] = Decimal("50")  # bookingkit did not draw
    alarm = desk.confirm_balance(booked)

    assert alarm.case is OutcomeCase.DRAWN_MISMATCH
    assert alarm.value_left == eur("50")
    assert desk.journal.get(booked.key).state is EntryState.ATTENTION
    other = state.add_voucher("LATE-NEXT", Decimal("50"))
    assert desk.redeem(booking.quote(desk, other, adults=1)).case is OutcomeCase.REDEMPTIONS_STOPPED
