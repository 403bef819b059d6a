"""Mutation testing of the money path, reconcile.py and undo.py (``bash tests/mutation.sh``): tests
that kill mutants the rest of the suite lets survive, and in ``EXPLAINED`` the survivors that
cannot or need not be killed, each with its reason (gathered by tests/helpers/explained_mutants).

The desk runs against the stand-in over loopback HTTP, with the proxy, the stepped monotonic
clock and the failing journal of tests/helpers/mutant_desk.py. Each test names the
functions whose mutants it was written for.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import httpx
import pytest
from helpers.desk_setup import Booking
from helpers.kinds_setup import PassTour
from helpers.mutant_desk import (
    AFTER_THE_ORDER,
    Answer,
    Proxy,
    after_booking,
    eur,
    holding,
    is_voucher,
    journal_fails_after_sending,
    json_answer,
    rewrite_json,
)

# The shared fixtures, by name: a test's argument of that name is how pytest hands one over.
from helpers.mutant_desk import desk as desk
from helpers.mutant_desk import mono as mono
from helpers.mutant_desk import proxy as proxy
from helpers.mutant_desk import tokens as tokens

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.undo import UndoCase
from voucherdesk.standin import Fault, StandinServer


def only_key(desk: Desk) -> str:
    """The key of the one entry this desk's journal holds (read apart from any outcome)."""
    (entry,) = desk.history()
    return entry.key


def without_code(order: object) -> object:
    assert isinstance(order, dict)
    return {**order, "code": None}


# --- reconcile.not_recorded: what the clerk sees when the journal fails after a send ----------


def test_a_booking_without_top_up_that_the_journal_missed_shows_no_top_up(
    standin: StandinServer, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """not_recorded: booked with nothing left to pay, the journal fails: the clerk sees the
    booking with no top-up at all (None, not "0.00 to pay"), under the journal's key."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("NO-TOP-UP", Decimal("50")), adults=1)
    journal_fails_after_sending(monkeypatch, *AFTER_THE_ORDER)

    outcome = desk.redeem(quote)

    key = only_key(desk)
    (order,) = standin.state.orders_with_reference(key)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKED_NOT_RECORDED,
        key=key,
        quote=quote,
        order_id=order["id"],
        booking_code=order["code"],
        drawn=eur("30.00"),
        top_up=None,
        top_up_method="Cash",
        value_left=eur("20.00"),
        error=outcome.error,
    )
    assert outcome.error is not None


def test_a_journal_failure_after_an_order_without_a_code_keeps_the_journals_key(
    standin: StandinServer, desk: Desk, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """not_recorded: the open outcome (LOOKUP_FAILED) names the journal entry it leaves open,
    so "Check again" and the history can find it."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("NO-CODE", Decimal("50")), adults=1)
    proxy.hook = rewrite_json("POST", lambda path: path == "/v3/orders", without_code)
    journal_fails_after_sending(monkeypatch, *AFTER_THE_ORDER)

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.key) == (OutcomeCase.LOOKUP_FAILED, only_key(desk))


# --- reconcile._book_and_finish: when the voucher's balance is checked -----------------------


def odd_balance_after(*, booked: bool = False) -> Answer:
    """A proxy hook: once an order was posted, the voucher reads 25.00 (the booking left 20.00
    of 50.00): our draw did not reach the voucher as the order says."""
    return after_booking(rewrite_json("GET", is_voucher, holding("25.00")), booked=booked)


def test_while_the_customer_waits_the_result_comes_before_the_balance_check(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """_book_and_finish: the booked result is shown at once; the voucher's balance is read
    only afterwards (confirm_balance), where a wrong balance turns it into the alarm."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("CHECK-LATER", Decimal("50")), adults=1)
    proxy.hook = odd_balance_after()

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.value_left) == (OutcomeCase.BOOKED, eur("20.00"))
    assert desk.journal.get(outcome.key).state is EntryState.DONE
    checked = desk.confirm_balance(outcome)
    assert (checked.case, checked.value_left) == (OutcomeCase.DRAWN_MISMATCH, eur("25.00"))
    assert desk.journal.get(outcome.key).state is EntryState.ATTENTION


def test_an_order_found_after_a_lost_answer_is_shown_before_the_balance_check(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """settle, _book_and_finish: the order's answer was lost and its lookup finds it while the
    customer waits: as with a plain answer, the result comes first and the balance is checked
    afterwards."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("FOUND-LATER", Decimal("50")), adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    proxy.hook = odd_balance_after()

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.value_left) == (OutcomeCase.BOOKED, eur("20.00"))
    assert len(standin.state.orders_with_reference(outcome.key)) == 1
    checked = desk.confirm_balance(outcome)
    assert (checked.case, checked.value_left) == (OutcomeCase.DRAWN_MISMATCH, eur("25.00"))


def test_a_booking_settled_on_start_up_checks_the_balance_itself(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """_book_and_finish: nobody waits for a redemption settled on start-up, and nothing checks
    its balance later: settling reads the voucher, and a wrong balance raises the alarm."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("CHECK-NOW", Decimal("50")), adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    first = desk.redeem(quote)
    standin.faults.clear()
    assert first.case is OutcomeCase.LOOKUP_FAILED
    proxy.hook = odd_balance_after(booked=True)

    (settled,) = desk.reconcile_pending()

    (order,) = standin.state.orders_with_reference(first.key)
    assert (settled.case, settled.order_id, settled.value_left) == (
        OutcomeCase.DRAWN_MISMATCH,
        order["id"],
        eur("25.00"),
    )
    assert desk.journal.get(first.key).state is EntryState.ATTENTION


# --- reconcile.settle_entry: each kind is settled its own way ---------------------------------


def test_a_pass_booking_left_open_is_finished_on_start_up(
    standin: StandinServer, desk: Desk
) -> None:
    """settle_entry: a pass booking whose answer was lost while bookingkit could not be asked
    is settled on start-up by its order (pass_redeem.settle_pass): finished with the entries
    it used, the pass drawn once, and nothing sent again."""
    tour = PassTour.add_to(standin)
    quote = tour.quote(desk, 2)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    first = desk.redeem(quote)
    standin.faults.clear()
    key = only_key(desk)
    assert (first.case, desk.journal.get(key).state) == (
        OutcomeCase.LOOKUP_FAILED,
        EntryState.UNKNOWN,
    )

    (settled,) = desk.reconcile_pending()

    (order,) = standin.state.orders_with_reference(key)
    assert (settled.case, settled.key, settled.order_id, settled.booking_code) == (
        OutcomeCase.BOOKED,
        key,
        order["id"],
        order["code"],
    )
    assert (settled.entries, settled.entries_left) == (2, 5)
    entry = desk.journal.get(key)
    assert (entry.kind, entry.state, entry.order_id) == (
        VoucherKind.PASS,
        EntryState.DONE,
        order["id"],
    )
    assert tour.left(standin) == 5


# --- undo._cancelled, undo._restored: what the voucher holds after the cancel ----------------


@pytest.fixture
def booked(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    """One finished redemption: 30.00 drawn from a 50.00 voucher."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNDO-ME", Decimal("50"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))
    assert outcome.case is OutcomeCase.BOOKED
    return outcome


def after_the_cancel(
    answer: Callable[[httpx.Request, Proxy], httpx.Response],
) -> Callable[[httpx.Request, Proxy], httpx.Response | None]:
    """A proxy hook: once the cancel (PATCH) went through, voucher reads get ``answer``."""
    cancelled: list[bool] = []

    def hook(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method == "PATCH":
            cancelled.append(True)
            return None
        if cancelled and request.method == "GET" and request.url.path.startswith("/v3/vouchers/"):
            return answer(request, via)
        return None

    return hook


def test_a_voucher_unreadable_after_the_cancel_leaves_what_it_holds_unknown(
    standin: StandinServer, desk: Desk, proxy: Proxy, booked: RedemptionOutcome
) -> None:
    """_cancelled: the order is cancelled but the voucher cannot be read afterwards: the undo
    is still CANCELLED, what the voucher holds and whether anything came back unknown (None),
    and the journal keeps the balance the redemption left."""

    def unavailable(request: httpx.Request, via: Proxy) -> httpx.Response:
        return json_answer(503, {"error": "unavailable"})

    proxy.hook = after_the_cancel(unavailable)

    outcome = desk.undo(booked.key)

    assert (outcome.case, outcome.value_left, outcome.restored) == (
        UndoCase.CANCELLED,
        None,
        None,
    )
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.value_left, entry.note) == (
        EntryState.UNDONE,
        eur("20.00"),
        "cancelled; restored=None",
    )


def test_the_journal_keeps_the_balance_a_cancel_gave_back(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """_cancelled: a bookingkit that gives the drawn value back on cancellation (guess U8 the
    other way): the undone entry records the voucher's balance read after the cancel (50.00),
    not the 20.00 the redemption had left."""
    standin.state.cancel_restores_voucher = True

    outcome = desk.undo(booked.key)

    assert (outcome.case, outcome.value_left, outcome.restored) == (
        UndoCase.CANCELLED,
        eur("50.00"),
        True,
    )
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.value_left, entry.note) == (
        EntryState.UNDONE,
        eur("50.00"),
        "cancelled; restored=True",
    )


def test_a_voucher_read_without_amounts_after_the_cancel_leaves_restored_unknown(
    standin: StandinServer, desk: Desk, proxy: Proxy, booked: RedemptionOutcome
) -> None:
    """_restored: the balance was read before the cancel, but the read afterwards holds
    neither value nor balance: whether the value came back is unknown (None), not a
    comparison with nothing."""

    def without_amounts(request: httpx.Request, via: Proxy) -> httpx.Response:
        headers = {**request.headers, "Accept-Encoding": "identity"}
        status, voucher = via.read(httpx.Request("GET", request.url, headers=headers))
        assert isinstance(voucher, dict)
        kept = {k: v for k, v in voucher.items() if k not in ("value", "remaining_value")}
        return json_answer(status, kept)

    proxy.hook = after_the_cancel(without_amounts)

    outcome = desk.undo(booked.key)

    assert (outcome.case, outcome.value_left, outcome.restored) == (
        UndoCase.CANCELLED,
        None,
        None,
    )
    assert desk.journal.get(booked.key).note == "cancelled; restored=None"


RESEND_NONE = (
    "equivalent: settle_entry's only caller (reconcile_pending) passes resend=False, and None "
    "is just as false wherever resend is used (`resend and ...`, `if resend`, and as "
    "customer_waiting in `not customer_waiting`)"
)

EXPLAINED: dict[str, str] = {
    **dict.fromkeys(
        [f"voucherdesk.desk.reconcile.x_settle_entry__mutmut_{n}" for n in (4, 11, 17)],
        RESEND_NONE,
    ),
    "voucherdesk.desk.undo.x__restored__mutmut_8": (
        "equivalent: `or` for `and` between the two entries_left checks; both holdings of one "
        "entry are of its kind, and entries_left is None in every voucher's holding and an int "
        "in every pass's (FlexTicket.redemption_available is a required count), so the two "
        "checks are always both true or both false"
    ),
}
