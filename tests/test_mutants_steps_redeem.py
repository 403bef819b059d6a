"""Mutation testing of the money path, steps.py and redeem.py (``bash tests/mutation.sh``): tests
that kill mutants the rest of the suite lets survive, and in ``EXPLAINED`` the survivors that
cannot or need not be killed, each with its reason (gathered by tests/helpers/explained_mutants).

Each test says which behaviour it pins; the functions whose mutants it was written for are named
first in its docstring. The desk runs against the stand-in over loopback HTTP, through a proxy
that may answer otherwise than the stand-in (a bookingkit the stand-in does not imitate).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.kinds_setup import PassTour
from helpers.mutant_desk import (
    Proxy,
    SteppedMonotonic,
    after_booking,
    eur,
    is_voucher,
    rewrite_json,
)

# The shared fixtures, by name: a test's argument of that name is how pytest hands one over.
from helpers.mutant_desk import desk as desk
from helpers.mutant_desk import mono as mono
from helpers.mutant_desk import proxy as proxy
from helpers.mutant_desk import tokens as tokens

from voucherdesk.bookingkit.calls import DEFAULT_ORDER_NAME
from voucherdesk.bookingkit.tokens import MemoryTokenStore
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, Journal, JournalProblem, JournalUnavailable
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import BookingDetails
from voucherdesk.standin import Fault, StandinServer


@pytest.fixture
def slept(desk: Desk, mono: SteppedMonotonic) -> list[float]:
    """The desk's waits, made instant: each moves the stepped clock on by its length."""
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        mono.now += seconds

    desk._steps.sleep = sleep
    return waits


def is_payments(path: str) -> bool:
    return path.endswith("/payments")


def top_ups(standin: StandinServer, key: str) -> list[tuple[str, str | None, Decimal]]:
    """(method, code, value) of every payment on ``key``'s order other than the voucher's."""
    (order,) = standin.state.orders_with_reference(key)
    return [
        (p["payment_method"], p["code"], p["value"])
        for p in standin.state.payments(order["id"])
        if p["payment_method"] != "Voucher"
    ]


# --- steps.top_up and _top_up_recorded: which payment is ours -------------------------------


def test_a_top_up_as_large_as_the_draw_is_not_mistaken_for_the_vouchers_payment(
    standin: StandinServer, desk: Desk, slept: list[float]
) -> None:
    """_top_up_recorded, top_up: the top-up's answer is lost before it reached bookingkit; the
    order then holds only the voucher's payment, of the same amount as the top-up. That is not
    our top-up (another method, not our code): after the window the top-up is sent again, once,
    with our key, and the result is green."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("HALF-AND-HALF", Decimal("15"))
    quote = booking.quote(desk, vid, adults=1)
    assert (quote.drawn, quote.top_up) == (eur("15.00"), eur("15.00"))
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.top_up, outcome.top_up_method) == (
        OutcomeCase.BOOKED,
        eur("15.00"),
        "Cash",
    )
    assert len(slept) == 1
    assert top_ups(standin, outcome.key) == [("Cash", outcome.key, Decimal("15.00"))]


def _method_renamed(payments: object) -> object:
    """bookingkit keeps our code but shows another method (its own word for cash)."""
    assert isinstance(payments, list)
    return [{**p, "payment_method": "Bar"} if p["code"] else p for p in payments]


def _code_dropped(payments: object) -> object:
    """bookingkit drops the codes of payments (the spec calls the field deprecated)."""
    assert isinstance(payments, list)
    return [{**p, "code": None} for p in payments]


@pytest.mark.parametrize("shown", [_method_renamed, _code_dropped], ids=["by-code", "by-method"])
def test_a_top_up_that_landed_is_found_at_once_by_its_code_or_its_method_and_amount(
    standin: StandinServer,
    desk: Desk,
    proxy: Proxy,
    slept: list[float],
    shown: Callable[[object], object],
) -> None:
    """_top_up_recorded, top_up: the top-up's answer is lost after bookingkit stored it. It is
    recognised at the first look, by our code alone (whatever method bookingkit shows) or,
    without a code, by method and amount: no wait, nothing sent twice, the result green."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("LANDED-TOP-UP", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders/*/payments"))
    proxy.hook = rewrite_json("GET", is_payments, shown)

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.top_up) == (OutcomeCase.BOOKED, eur("10.00"))
    assert slept == []
    assert top_ups(standin, outcome.key) == [("Cash", outcome.key, Decimal("10.00"))]


# --- steps.top_up: refusals ---------------------------------------------------------------------


@pytest.mark.parametrize("lost_first", [False, True], ids=["refused", "lost-then-refused"])
def test_a_refused_top_up_is_shown_with_bookingkits_reason_and_the_booking_stays(
    standin: StandinServer, desk: Desk, slept: list[float], lost_first: bool
) -> None:
    """top_up, finish, done_outcome: bookingkit refuses the top-up (4xx), at once or when it is
    sent again after a lost answer: the booking stands (DONE) and the clerk sees bookingkit's
    reason, which the journal keeps as the entry's note; no payment is recorded."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("TOP-UP-REFUSED", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    if lost_first:
        standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(Fault("error", method="POST", path="/v3/orders/*/payments", status=422))

    outcome = desk.redeem(quote)

    entry = desk.journal.get(outcome.key)
    assert outcome.server_message
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKED_TOP_UP_REFUSED,
        key=outcome.key,
        quote=quote,
        order_id=entry.order_id,
        booking_code=entry.booking_code,
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        server_message=outcome.server_message,
    )
    assert (entry.state, entry.note) == (EntryState.DONE, outcome.server_message)
    assert len(slept) == int(lost_first)
    assert top_ups(standin, outcome.key) == []


# --- steps.finish: an order found after a doubtful answer ----------------------------------------


def test_an_order_found_after_a_doubtful_answer_finishes_green_without_the_doubt(
    standin: StandinServer, desk: Desk
) -> None:
    """finish: the order's answer was a 5xx although bookingkit stored it; the lookup finds it
    and the top-up is recorded. The doubt noted meanwhile does not survive into the finished
    entry (it would read as bookingkit's reason for refusing the top-up)."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("DOUBT-THEN-FOUND", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("error_after_commit", method="POST", path="/v3/orders", status=503))

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.server_message) == (OutcomeCase.BOOKED, None)
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note, entry.value_left) == (EntryState.DONE, "", eur("0.00"))
    assert top_ups(standin, outcome.key) == [("Cash", outcome.key, Decimal("10.00"))]


# --- steps.finish and _voucher_after: the balance check of a resumed booking ---------------------


@pytest.fixture
def left_booked(
    standin: StandinServer, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> RedemptionOutcome:
    """A booking of 30.00 from a 50.00 voucher (no top-up) whose DONE mark failed: the entry
    stays SENT (the order is recorded with that mark), for the next reconcile to find by its
    key and finish."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("LEFT-BOOKED", Decimal("50"))
    real_mark = Journal.mark

    def failing(self: Journal, entry: object, state: EntryState, **kw: object) -> object:
        if state is EntryState.DONE:
            raise JournalUnavailable(self.path, "disk full", JournalProblem.CANNOT_WRITE)
        return real_mark(self, entry, state, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Journal, "mark", failing)
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))
    monkeypatch.setattr(Journal, "mark", real_mark)
    assert outcome.case is OutcomeCase.BOOKED_NOT_RECORDED
    assert desk.journal.get(outcome.key).state is EntryState.SENT
    return outcome


NO_BALANCE = "no balance"


def _voucher_answer(remaining: str | None, ours: str | None) -> Callable[[object], object]:
    """The voucher as bookingkit might show it after the booking: ``remaining`` as its balance
    (None: as stored; NO_BALANCE: neither balance nor value), ``ours`` as what its redemptions
    record for the order (None: no redemption listed at all)."""

    def change(voucher: object) -> object:
        assert isinstance(voucher, dict)
        shown = dict(voucher)
        if remaining == NO_BALANCE:
            del shown["remaining_value"], shown["value"]
        elif remaining is not None:
            shown["remaining_value"] = remaining
        if ours is None:
            shown["redemptions"] = []
        else:
            shown["redemptions"] = [{**r, "redeemed_value": ours} for r in voucher["redemptions"]]
        return shown

    return change


@pytest.mark.parametrize(
    ("remaining", "ours", "value_left"),
    [("25.00", "30.00", "25.00"), ("20.00", "25.00", "20.00")],
    ids=["balance-too-high", "recorded-otherwise"],
)
def test_a_resumed_booking_whose_voucher_disagrees_raises_the_alarm(
    standin: StandinServer,
    desk: Desk,
    proxy: Proxy,
    left_booked: RedemptionOutcome,
    remaining: str,
    ours: str,
    value_left: str,
) -> None:
    """finish (read_balance by default), _voucher_after, mismatch, _alarm: a booking finished
    on reconcile reads the voucher; a balance above what the booking left (20.00), or the
    voucher recording our order at another amount, is the alarm, with every fact. The entry
    did not hold the order yet (it was SENT): the alarm's mark records it."""
    assert desk.journal.get(left_booked.key).order_id is None
    proxy.hook = rewrite_json("GET", is_voucher, _voucher_answer(remaining, ours))

    (outcome,) = desk.reconcile_pending()

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.DRAWN_MISMATCH,
        key=left_booked.key,
        quote=left_booked.quote,
        order_id=left_booked.order_id,
        booking_code=left_booked.booking_code,
        drawn=eur("30.00"),
        value_left=eur(value_left),
    )
    entry = desk.journal.get(left_booked.key)
    assert (entry.state, entry.drawn, entry.value_left, entry.note) == (
        EntryState.ATTENTION,
        eur("30.00"),
        eur(value_left),
        f"drawn 30.00 EUR (quoted 30.00 EUR); voucher holds {value_left} EUR",
    )
    assert (entry.order_id, entry.booking_code) == (left_booked.order_id, left_booked.booking_code)


def test_a_booking_an_earlier_version_left_booked_is_resumed_with_the_balance_check(
    standin: StandinServer, desk: Desk, proxy: Proxy, left_booked: RedemptionOutcome
) -> None:
    """finish (read_balance by default, as reconcile._resume calls it): versions before the
    order was recorded with the next mark left an entry BOOKED, order and code in it. Resumed,
    it is finished from the order as it is now and the voucher is read too: a balance above
    what the booking left is the alarm, not a green booking."""
    sent = desk.journal.get(left_booked.key)
    desk.journal.mark(
        sent,
        EntryState.BOOKED,
        order_id=left_booked.order_id,
        booking_code=left_booked.booking_code,
    )
    proxy.hook = rewrite_json("GET", is_voucher, _voucher_answer("25.00", "30.00"))

    (outcome,) = desk.reconcile_pending()

    assert (outcome.case, outcome.order_id, outcome.drawn, outcome.value_left) == (
        OutcomeCase.DRAWN_MISMATCH,
        left_booked.order_id,
        eur("30.00"),
        eur("25.00"),
    )
    assert desk.journal.get(left_booked.key).state is EntryState.ATTENTION


def test_a_pass_booking_is_journalled_with_its_order_and_booking_code(
    standin: StandinServer, desk: Desk
) -> None:
    """booked: a pass's order is recorded with the BOOKED mark (its DONE mark adds the date):
    the history, the slip and an undo read the booking code from the journal."""
    tour = PassTour.add_to(standin, "PASS-JOURNALLED")

    outcome = desk.redeem(tour.quote(desk, 2))

    (order,) = standin.state.orders_with_reference(outcome.key)
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.order_id, entry.booking_code) == (
        EntryState.DONE,
        order["id"],
        order["code"],
    )
    assert outcome.booking_code == order["code"]


@pytest.mark.parametrize(
    ("remaining", "ours"),
    [(None, "30.00"), (None, None), ("12.00", "30.00"), (NO_BALANCE, "30.00")],
    ids=["as-booked", "no-redemptions-listed", "spent-elsewhere-since", "no-balance"],
)
def test_a_resumed_booking_whose_voucher_agrees_is_green(
    standin: StandinServer,
    desk: Desk,
    proxy: Proxy,
    left_booked: RedemptionOutcome,
    remaining: str | None,
    ours: str | None,
) -> None:
    """finish, _voucher_after, mismatch: the voucher read on reconcile agrees with the booking
    (its balance as the booking left it, or less: another counter spent it since; our order
    recorded at the amount drawn, or no redemption listed), or it shows no balance at all:
    DONE with the rest the booking left."""
    proxy.hook = rewrite_json("GET", is_voucher, _voucher_answer(remaining, ours))

    (outcome,) = desk.reconcile_pending()

    assert (outcome.case, outcome.drawn, outcome.value_left) == (
        OutcomeCase.BOOKED,
        eur("30.00"),
        eur("20.00"),
    )
    assert desk.journal.get(left_booked.key).state is EntryState.DONE


def test_a_booking_left_by_an_earlier_run_is_finished_by_the_next(
    standin: StandinServer,
    tmp_path: Path,
    tokens: MemoryTokenStore,
    left_booked: RedemptionOutcome,
) -> None:
    """finish, settled: a counter started again finishes the booking the last run left BOOKED
    (it never sent anything for it itself), with the rest the booking left."""
    again = make_desk(standin.base_url, tmp_path / "till1", token_store=tokens)  # same journal
    try:
        (outcome,) = again.reconcile_pending()
        entry = again.journal.get(left_booked.key)
    finally:
        again.close()
        close_desk(again)

    assert (outcome.case, outcome.booking_code, outcome.value_left) == (
        OutcomeCase.BOOKED,
        left_booked.booking_code,
        eur("20.00"),
    )
    assert entry.state is EntryState.DONE


def test_an_order_an_earlier_run_sent_waits_a_whole_window_from_this_start(
    standin: StandinServer, desk: Desk, tmp_path: Path, tokens: MemoryTokenStore
) -> None:
    """settle_wait, __post_init__: the order's answer was lost and the lookup failed, then the
    counter was started again. The new run knows nothing of the send: its empty lookup counts
    only after a whole window from its own start (NO_ANSWER_YET before, NOT_BOOKED after)."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("LOST-LAST-RUN", Decimal("50"))
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    lost = desk.redeem(booking.quote(desk, vid, adults=1))
    standin.faults.clear()
    assert lost.case is OutcomeCase.LOOKUP_FAILED
    mono = SteppedMonotonic()
    again = make_desk(standin.base_url, tmp_path / "till1", token_store=tokens, monotonic=mono)
    try:
        window = again.client.deadline + again.client.timeout
        mono.now += window - 0.5
        (early,) = again.reconcile_pending()
        mono.now += 1.0
        (late,) = again.reconcile_pending()
        entry = again.journal.get(lost.key)
    finally:
        again.close()
        close_desk(again)

    assert (early.case, late.case) == (OutcomeCase.NO_ANSWER_YET, OutcomeCase.NOT_BOOKED)
    assert entry.state is EntryState.REFUSED
    assert standin.state.orders_with_reference(lost.key) == []


def test_while_the_customer_waits_the_counter_sleeps_out_the_window_and_sends_again(
    standin: StandinServer, tmp_path: Path, tokens: MemoryTokenStore
) -> None:
    """wait_out with the desk's own wait (no test sleep, the real clock): the order's answer is
    lost before it arrived; the counter waits the (shortened) window on the clock, no longer,
    and then sends the order again with the same key."""
    made = make_desk(standin.base_url, tmp_path / "real-clock", token_store=tokens)
    made._steps.settle_window = 0.3
    booking = Booking.add_to(standin)
    quote = booking.quote(made, standin.state.add_voucher("REAL-WAIT", Decimal("50")), adults=1)
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    outcomes: list[RedemptionOutcome] = []
    worker = threading.Thread(target=lambda: outcomes.append(made.redeem(quote)))
    try:
        started = time.monotonic()
        worker.start()
        worker.join(timeout=10)
        took = time.monotonic() - started
        hung = worker.is_alive()
    finally:
        made.stop_waiting()  # a counter that waits for ever is released here
        worker.join()
        made.close()
        close_desk(made)

    assert not hung
    assert 0.3 <= took < 5
    (outcome,) = outcomes
    assert outcome.case is OutcomeCase.BOOKED
    assert len(standin.state.orders_with_reference(outcome.key)) == 1


def test_while_the_customer_waits_the_balance_is_checked_only_after_the_result(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """finish (read_balance=False), confirm_balance: a voucher that shows another balance after
    the booking does not hold up the green result; the check afterwards turns it into the
    alarm."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("CHECK-AFTER", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    proxy.hook = after_booking(rewrite_json("GET", is_voucher, _voucher_answer("25.00", "30.00")))
    shown = desk.redeem(quote)

    assert (shown.case, shown.value_left) == (OutcomeCase.BOOKED, eur("20.00"))
    assert desk.journal.get(shown.key).state is EntryState.DONE
    checked = desk.confirm_balance(shown)
    assert (checked.case, checked.value_left) == (OutcomeCase.DRAWN_MISMATCH, eur("25.00"))


# --- steps.confirm_balance: the check after the result is on screen -----------------------------


def test_the_balance_check_leaves_a_result_that_is_not_green_as_it_is(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """confirm_balance: only a green result is checked; an alarm (the order drew nothing) is
    returned as it was, even when the voucher holds less by now."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NOT-GREEN", Decimal("50"))
    standin.state.ignores_voucher_payment = True
    quote = booking.quote(desk, vid, adults=1)
    alarm = desk.redeem(quote)
    assert (alarm.case, alarm.value_left) == (OutcomeCase.DRAWN_MISMATCH, eur("50.00"))
    proxy.hook = rewrite_json("GET", is_voucher, _voucher_answer("40.00", None))

    assert desk.confirm_balance(alarm) == alarm


def test_a_voucher_spent_elsewhere_since_the_booking_shows_what_it_holds_now(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """confirm_balance: less on the voucher than the booking left is another counter's spend:
    the result stays green and shows the balance read; the journal keeps what this booking
    left."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("SPENT-SINCE", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    proxy.hook = after_booking(rewrite_json("GET", is_voucher, _voucher_answer("12.00", "30.00")))
    shown = desk.redeem(quote)
    assert (shown.case, shown.value_left) == (OutcomeCase.BOOKED, eur("20.00"))

    checked = desk.confirm_balance(shown)

    assert checked == RedemptionOutcome(
        case=OutcomeCase.BOOKED,
        key=shown.key,
        quote=quote,
        order_id=shown.order_id,
        booking_code=shown.booking_code,
        drawn=eur("30.00"),
        value_left=eur("12.00"),
    )
    entry = desk.journal.get(shown.key)
    assert (entry.state, entry.value_left) == (EntryState.DONE, eur("20.00"))


def test_a_booking_undone_before_its_balance_check_raises_no_alarm(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """confirm_balance: the booking was undone between the result and the check (the journal
    is read after the voucher): the voucher holding more is the undo's doing, not an alarm."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNDONE-SINCE", Decimal("50"))
    shown = desk.redeem(booking.quote(desk, vid, adults=1))
    assert shown.case is OutcomeCase.BOOKED
    desk.undo(shown.key)
    undone = desk.journal.get(shown.key)
    assert undone.state is EntryState.UNDONE
    proxy.hook = rewrite_json("GET", is_voucher, _voucher_answer("50.00", "30.00"))

    assert desk.confirm_balance(shown) == shown
    assert desk.journal.get(shown.key).state is EntryState.UNDONE
    assert desk.alarms() == []


# --- RedemptionSteps.close ------------------------------------------------------------------------


def test_closing_the_desk_waits_for_its_reads_and_ends_their_threads(desk: Desk) -> None:
    """RedemptionSteps.close (Desk.close), in_background: a read still running on a helper
    thread (named for the desk's reads) is waited for, and no helper thread outlives the
    close."""

    def readers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name.startswith("desk-read")}

    earlier = readers()  # idle ones of desks other tests left open
    release = threading.Event()

    def slow_read() -> str:
        release.wait(0.2)
        return "read"

    running = desk._steps.in_background(slow_read)
    ours = readers() - earlier
    assert ours

    desk.close()

    assert running.done()
    assert running.result() == "read"
    assert not any(t.is_alive() for t in ours)


def test_a_balance_check_that_cannot_read_the_voucher_leaves_the_result_as_it_was(
    standin: StandinServer, desk: Desk
) -> None:
    """confirm_balance, _voucher_after: the voucher cannot be read after the result is on
    screen: nothing is judged and the clerk still sees the rest the booking left."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNREADABLE-AFTER", Decimal("50"))
    shown = desk.redeem(booking.quote(desk, vid, adults=1))
    assert (shown.case, shown.value_left) == (OutcomeCase.BOOKED, eur("20.00"))
    standin.faults.add(Fault("error", method="GET", path="/v3/vouchers/*", times=-1, status=503))

    assert desk.confirm_balance(shown) == shown
    assert desk.journal.get(shown.key).state is EntryState.DONE


# --- order_draft and finish: what the order says, what the desk keeps ----------------------------


def test_the_clerks_comment_goes_above_the_counters_mark_and_a_nameless_order_gets_the_default(
    standin: StandinServer, desk: Desk
) -> None:
    """order_draft: without a customer name the order is billed to the box office; the clerk's
    comment and the counter's mark are two lines of the order's comment."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("COMMENTED", Decimal("50"))
    client = desk.client
    quote = desk.quote(
        client.get_voucher(vid),
        client.get_event(booking.event_id),
        client.get_date(booking.date_id),
        {booking.adult: 1},
        details=BookingDetails(comment="Wheelchair at the jetty"),
    )

    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED
    (order,) = standin.state.orders_with_reference(outcome.key)
    assert (order["name"], order["comment"]) == (
        DEFAULT_ORDER_NAME,
        "Wheelchair at the jetty\nVoucherDesk till1",
    )


def test_a_counter_that_runs_all_day_keeps_no_send_time_of_a_finished_redemption(
    standin: StandinServer, desk: Desk
) -> None:
    """finish, settled: a redemption's send times (order, top-up) are needed only until it is
    finished; the desk keeps none of them afterwards, however many redemptions a day brings."""
    booking = Booking.add_to(standin)
    for code in ("ALL-DAY-1", "ALL-DAY-2"):
        vid = standin.state.add_voucher(code, Decimal("20"))
        outcome = desk.redeem(booking.quote(desk, vid, adults=1))
        assert outcome.case is OutcomeCase.BOOKED

    assert desk._steps._sent == {}


# --- redeem: the add-ons read again before the order ----------------------------------------


def test_an_add_on_without_a_currency_is_priced_as_quoted_and_booked(
    standin: StandinServer, desk: Desk
) -> None:
    """product_changes: a product bookingkit lists without a currency is priced in the
    counter's (U27) when re-read before the order, as it was for the quote: its price has not
    moved, so the booking goes out instead of asking the clerk to re-quote."""
    booking = Booking.add_to(standin)
    mug = standin.state.add_product(
        "Mug", Decimal("9.90"), events=[booking.event_id], currency=None
    )
    vid = standin.state.add_voucher("ADD-ON-NO-CURRENCY", Decimal("100"))
    client = desk.client
    quote = desk.quote(
        client.get_voucher(vid),
        client.get_event(booking.event_id),
        client.get_date(booking.date_id),
        {booking.adult: 1},
        products={mug: 2},
        catalog=desk.products(),
    )
    assert quote.total == eur("49.80")

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.drawn) == (OutcomeCase.BOOKED, eur("49.80"))


def test_the_add_ons_are_read_again_by_their_ids_only(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """_Reads.start: the re-read before the order asks bookingkit for the quoted add-ons only
    (``accept=<ids>``), not the vendor's whole catalogue, which can be long."""
    booking = Booking.add_to(standin)
    state = standin.state
    bag = state.add_product("Dry bag", Decimal("4.50"), events=[booking.event_id])
    state.add_product("Photo package", Decimal("12.00"), events=[booking.event_id])
    vid = state.add_voucher("ADD-ON-BY-ID", Decimal("100"))
    client = desk.client
    quote = desk.quote(
        client.get_voucher(vid),
        client.get_event(booking.event_id),
        client.get_date(booking.date_id),
        {booking.adult: 1},
        products={bag: 1},
        catalog=desk.products(),
    )
    asked: list[httpx.URL] = []

    def record(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method == "GET" and request.url.path == "/v3/products":
            asked.append(request.url)
        return None

    proxy.hook = record
    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED
    assert [url.params.get("accept") for url in asked] == [bag]


# --- the survivors that stay, and why -----------------------------------------------------------
# mutmut names a mutant <module>.x_<function>__mutmut_<n> (methods: xǁ<Class>ǁ<method>), numbered
# along the function's source; see tests/test_mutants_explained.py for how to show one.

_STEPS = "voucherdesk.desk.steps.xǁRedemptionStepsǁ"

UNREAD_TEXT = (
    "equivalent: the text of a LookupFailed raised here is read by nobody; finish, "
    "reconcile._resume and pass_redeem._resume keep only its cause, ticket_redeem neither "
    "(settle, which notes the text, has its own lookups)"
)
DONE_DRAWN = (
    "equivalent: DONE is only reached when the order drew exactly the quoted amount, which the "
    "entry holds since it was created (Journal.create writes it; mark leaves a fact given as "
    "None as it was)"
)
OUTCOME_DRAWN = (
    "equivalent: a green outcome of a value voucher always carries what was drawn, the entry's "
    "own amount (done_outcome takes entry.drawn; reconcile.not_recorded the quote's, which "
    "Journal.create wrote into the entry; an undo leaves it as it was), so `outcome.drawn` and "
    "`entry.drawn` are the same value whichever of them is taken"
)

EXPLAINED: dict[str, str] = {
    **dict.fromkeys(
        [f"{_STEPS}top_up__mutmut_{n}" for n in (11, 15, 20, 21, 22, 57, 58, 59, 78, 82)]
        + [f"{_STEPS}order__mutmut_{n}" for n in (2, 6)],
        UNREAD_TEXT,
    ),
    f"{_STEPS}top_up__mutmut_1": (
        "equivalent: the default of `checked` is never used; finish always passes it"
    ),
    f"{_STEPS}finish__mutmut_99": DONE_DRAWN,
    f"{_STEPS}finish__mutmut_106": DONE_DRAWN,
    f"{_STEPS}finish__mutmut_11": (
        "equivalent: the alarm for an order that drew otherwise keeps only the balance read "
        "([0] of _voucher_after), which does not depend on the order id passed (only the "
        "recorded draw, [1], does)"
    ),
    f"{_STEPS}finish__mutmut_27": (
        'equivalent: note starts as "" instead of None; it is only used as `note or ""`'
    ),
    f"{_STEPS}wait_out__mutmut_3": (
        "equivalent in the desk: `wait > 0 or not stopped` for `and` only adds waits of 0 s, or "
        "waits on the stopped event itself, which return at once once it is set (the desk "
        "leaves `sleep` None; only tests plug in a sleep of their own)"
    ),
    f"{_STEPS}wait_out__mutmut_4": "equivalent: `wait >= 0` only adds a wait of 0 s",
    **dict.fromkeys([f"{_STEPS}confirm_balance__mutmut_{n}" for n in (14, 15, 16)], OUTCOME_DRAWN),
    f"{_STEPS}_top_up_recorded__mutmut_16": (
        'equivalent: a payment without a method becomes "XXXX" instead of "" before it is '
        "compared with our method, which is one of Cash, ThirdParty, MobileApp (settings' "
        "TopUpMethod; the journal keeps the one sent), so it matches neither way"
    ),
    f"{_STEPS}_voucher_after__mutmut_22": (
        "equivalent: `sum(ours)` starts at the int 0 instead of Decimal(0); ours is never empty "
        "there (else None is returned), and 0 + Decimal is the same Decimal"
    ),
    **dict.fromkeys(
        [f"{_STEPS}in_background__mutmut_{n}" for n in (3, 5, 7)],
        "equivalent: the pool's size (3, 4, or the default) never matters: its only user, "
        "redeem's _Reads, submits at most three reads and waits for all of them before the "
        "redemption (serialised by the desk's lock) goes on, and a pool starts a thread only "
        "when no idle one is free, so it never runs more than three",
    ),
    "voucherdesk.desk.redeem.x_redeem__mutmut_23": (
        "equivalent: resend=None for resend=False is just as false"
    ),
}
