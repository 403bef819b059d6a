"""Mutation testing of the money path (``bash tests/mutation.sh``): tests written to kill mutants
that survived the rest of the suite, and, in ``EXPLAINED``, every mutant that still survives
with the reason it cannot or need not be killed. tests/mutation.sh fails on a survivor that is
not listed here.

Each test says which behaviour it pins; the mutants it was written for are named by function.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.desk_factories import NOW, event, event_date, voucher
from helpers.desk_setup import Booking, close_desk, draft_for, make_desk
from helpers.explained_mutants import all_explained
from helpers.mutant_desk import (
    AFTER_THE_ORDER,
    Proxy,
    SteppedMonotonic,
    after_booking,
    eur,
    get_of,
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

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import (
    EntryState,
    Journal,
    JournalCorrupt,
    JournalProblem,
    JournalUnavailable,
    StaleEntry,
)
from voucherdesk.desk.outcomes import OutcomeCase, PriceChange, RedemptionOutcome
from voucherdesk.desk.quote import Quote, QuoteProblem, QuoteRefusal, QuoteRefused, make_quote
from voucherdesk.desk.undo import UndoCase, UndoOutcome
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.standin import Fault, StandinServer


@pytest.fixture
def booked(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    """One finished redemption: 30.00 drawn from a 50.00 voucher."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNDO-ME", Decimal("50"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))
    assert outcome.case is OutcomeCase.BOOKED
    return outcome


def facts_of(outcome: RedemptionOutcome, case: UndoCase) -> UndoOutcome:
    """What every undo outcome for this redemption carries (undo._facts)."""
    return UndoOutcome(
        case=case,
        key=outcome.key,
        order_id=outcome.order_id,
        booking_code=outcome.booking_code,
        voucher_code="UNDO-ME",
        drawn=outcome.drawn,
        top_up=None,
    )


def order_status(standin: StandinServer, key: str) -> str:
    (order,) = standin.state.orders_with_reference(key)
    return str(order["status"])


# --- undo.py: the cases that send nothing ----------------------------------------------------


def test_undo_of_a_key_this_journal_never_wrote(desk: Desk) -> None:
    """undo: an unknown key is NO_SUCH_ENTRY with that key."""
    assert desk.undo("till1-nope") == UndoOutcome(case=UndoCase.NO_SUCH_ENTRY, key="till1-nope")


def test_undo_of_a_redemption_sent_to_another_bookingkit_touches_nothing(
    standin: StandinServer, tmp_path: Path, booked: RedemptionOutcome
) -> None:
    """undo, _facts: the entry's facts come back whole, and its order stays live."""
    with StandinServer(seed="demo") as other:
        elsewhere = make_desk(other.base_url, tmp_path / "till1")  # the same journal
        try:
            outcome = elsewhere.undo(booked.key)
        finally:
            close_desk(elsewhere)
    assert outcome == facts_of(booked, UndoCase.OTHER_ENVIRONMENT)
    assert order_status(standin, booked.key) == "ACCEPTED"


def test_undo_of_a_redemption_still_open_is_refused(standin: StandinServer, desk: Desk) -> None:
    """undo: an entry with an order whose top-up is still open is not undoable (``or``, not
    ``and``, in its check), and nothing is cancelled."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNDO-ME", Decimal("20"))
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    open_one = desk.redeem(booking.quote(desk, vid, adults=1))
    standin.faults.clear()
    assert open_one.case is OutcomeCase.TOP_UP_UNCONFIRMED
    assert desk.journal.get(open_one.key).state is EntryState.TOP_UP_SENT

    outcome = desk.undo(open_one.key)

    assert outcome == replace(
        facts_of(open_one, UndoCase.NOT_UNDOABLE),
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_taken=False,  # nobody confirmed it at the counter
    )
    assert order_status(standin, open_one.key) == "ACCEPTED"


# --- undo.py: the cancel's answers -----------------------------------------------------------


def test_a_refused_cancel_leaves_the_redemption_done(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """undo: a 4xx to the cancel is CANCEL_FAILED with bookingkit's error; the entry goes back
    to DONE with the reason, and the order stays live."""
    standin.faults.add(Fault("error", method="PATCH", path="/v3/orders/*", status=400))

    outcome = desk.undo(booked.key)

    assert isinstance(outcome.error, errors.BadRequest)
    assert outcome == replace(facts_of(booked, UndoCase.CANCEL_FAILED), error=outcome.error)
    entry = desk.journal.get(booked.key)
    assert entry.state is EntryState.DONE
    assert entry.note == f"cancel failed: {outcome.error}"
    assert order_status(standin, booked.key) == "ACCEPTED"


def test_a_cancel_answered_with_a_live_order_is_not_cancelled(
    standin: StandinServer, desk: Desk, proxy: Proxy, booked: RedemptionOutcome
) -> None:
    """undo: bookingkit answers the cancel with the order still live (it ignored the status):
    NOT_CANCELLED, and the entry is DONE again with that note."""

    def ignore_cancel(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "PATCH":
            return None
        status, order = via.read(get_of(request))
        return json_answer(status, order)

    proxy.hook = ignore_cancel
    outcome = desk.undo(booked.key)

    assert outcome == facts_of(booked, UndoCase.NOT_CANCELLED)
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.note) == (EntryState.DONE, "cancel answered, order still live")
    assert order_status(standin, booked.key) == "ACCEPTED"


def test_a_lost_cancel_answer_with_the_order_unreadable_keeps_the_cancels_error(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """undo, settle_undo: the cancel's answer is lost and the order cannot be read: the undo
    stays open (UNDOING), and the outcome carries the cancel's error, not the read's."""
    standin.faults.add(Fault("drop_before", method="PATCH", path="/v3/orders/*"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders/*", times=-1, status=503))

    outcome = desk.undo(booked.key)

    assert isinstance(outcome.error, errors.OutcomeUnknown)
    assert outcome == replace(facts_of(booked, UndoCase.CANCEL_UNKNOWN), error=outcome.error)
    assert desk.journal.get(booked.key).state is EntryState.UNDOING


def test_a_lost_cancel_that_did_not_take_effect_waits_its_own_window(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic, booked: RedemptionOutcome
) -> None:
    """undo, settle_undo: the settle window of a doubtful cancel counts from the cancel's own
    send (not the order's, long ago), lasts the whole window (not only until one second is
    left), and then the live order means the cancel did not take effect: DONE again."""
    window = desk.client.deadline + desk.client.timeout
    mono.now += 10 * window  # the order was sent long ago
    standin.faults.add(Fault("drop_before", method="PATCH", path="/v3/orders/*"))

    outcome = desk.undo(booked.key)

    assert isinstance(outcome.error, errors.OutcomeUnknown)
    assert outcome == replace(facts_of(booked, UndoCase.CANCEL_UNKNOWN), error=outcome.error)
    assert desk.journal.get(booked.key).state is EntryState.UNDOING
    mono.now += window - 0.5
    desk.reconcile_pending()
    assert desk.journal.get(booked.key).state is EntryState.UNDOING  # half a second to go
    mono.now += 1.0
    desk.reconcile_pending()
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.note) == (EntryState.DONE, "cancel did not take effect")
    assert order_status(standin, booked.key) == "ACCEPTED"


def test_a_cancel_lost_for_longer_than_the_window_is_not_cancelled(
    standin: StandinServer,
    desk: Desk,
    proxy: Proxy,
    mono: SteppedMonotonic,
    booked: RedemptionOutcome,
) -> None:
    """settle_undo: a cancel that never reached bookingkit and whose answer was lost after
    more than a window: the undo says at once that the order was not cancelled, with the
    cancel's error, and the entry is DONE again."""

    def lose_cancel_slowly(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "PATCH":
            return None
        mono.now += 60.0
        raise httpx.ReadError("connection reset", request=request)

    proxy.hook = lose_cancel_slowly
    outcome = desk.undo(booked.key)

    assert isinstance(outcome.error, errors.OutcomeUnknown)
    assert outcome == replace(facts_of(booked, UndoCase.NOT_CANCELLED), error=outcome.error)
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.note) == (EntryState.DONE, "cancel did not take effect")
    assert order_status(standin, booked.key) == "ACCEPTED"


def test_a_lost_cancel_answer_found_cancelled_says_what_came_back(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """settle_undo, _cancelled: the cancel landed but its answer was lost: CANCELLED, with the
    balances read before and after (nothing came back, guess U8), recorded in the journal."""
    standin.faults.add(Fault("drop_after_commit", method="PATCH", path="/v3/orders/*"))

    outcome = desk.undo(booked.key)

    assert outcome == replace(
        facts_of(booked, UndoCase.CANCELLED), value_left=eur("20.00"), restored=False
    )
    entry = desk.journal.get(booked.key)
    assert (entry.state, entry.value_left, entry.note) == (
        EntryState.UNDONE,
        eur("20.00"),
        "cancelled; restored=False",
    )


def test_restored_stays_unknown_when_the_voucher_cannot_be_read_first(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """_cancelled: without the balance before the cancel, what came back is unknown (None)."""
    standin.faults.add(Fault("error", method="GET", path="/v3/vouchers/*", times=3, status=503))

    outcome = desk.undo(booked.key)

    assert outcome.case is UndoCase.CANCELLED
    assert outcome.restored is None
    assert desk.journal.get(booked.key).note == "cancelled; restored=None"


def test_a_voucher_answer_without_value_or_balance_leaves_the_balance_unknown(
    standin: StandinServer, desk: Desk, proxy: Proxy, booked: RedemptionOutcome
) -> None:
    """_remaining: a voucher read that holds neither ``value`` nor ``remaining_value`` gives no
    balance (None) instead of failing the undo."""

    def without_amounts(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "GET" or not request.url.path.startswith("/v3/vouchers/"):
            return None
        forwarded = httpx.Request(
            "GET", request.url, headers={**request.headers, "Accept-Encoding": "identity"}
        )
        status, voucher = via.read(forwarded)
        assert isinstance(voucher, dict)
        for name in ("value", "remaining_value"):
            voucher.pop(name, None)
        return json_answer(status, voucher)

    proxy.hook = without_amounts
    outcome = desk.undo(booked.key)

    assert outcome.case is UndoCase.CANCELLED
    assert (outcome.value_left, outcome.restored) == (None, None)


# --- reconcile.py and steps.py: facts of the outcomes that are not green ------------------------


def test_a_journal_failure_after_booking_shows_every_fact_of_the_booking(
    standin: StandinServer, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """not_recorded: booked, but this PC could not record it: the clerk still gets the code,
    what was drawn, the top-up with its method, what is left, and the journal's error."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NOT-RECORDED", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    journal_fails_after_sending(monkeypatch, *AFTER_THE_ORDER)

    outcome = desk.redeem(quote)

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert outcome.error is not None
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKED_NOT_RECORDED,
        key=outcome.key,
        quote=quote,
        order_id=order["id"],
        booking_code=order["code"],
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        error=outcome.error,
    )


def test_a_journal_failure_after_an_order_without_a_code_leaves_the_outcome_open(
    standin: StandinServer, desk: Desk, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """not_recorded: without a booking code there is nothing to show the clerk as booked: the
    outcome stays open (LOOKUP_FAILED) with the journal's error, for the next reconcile."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NO-CODE", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)

    def without_code(order: object) -> object:
        assert isinstance(order, dict)
        return {**order, "code": None}

    proxy.hook = rewrite_json("POST", lambda path: path == "/v3/orders", without_code)
    journal_fails_after_sending(monkeypatch, *AFTER_THE_ORDER)

    outcome = desk.redeem(quote)

    assert isinstance(outcome.error, Exception)
    assert type(outcome.error).__name__ == "JournalUnavailable"
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.LOOKUP_FAILED, key=outcome.key, quote=quote, error=outcome.error
    )


@pytest.fixture
def top_up_open(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    """A redemption whose top-up (10.00 in cash) never reached bookingkit and could not be
    checked: booked, entry TOP_UP_SENT."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("TOP-UP-OPEN", Decimal("20"))
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))
    standin.faults.clear()
    assert outcome.case is OutcomeCase.TOP_UP_UNCONFIRMED
    assert isinstance(outcome.error, errors.ServerError)  # steps.LookupFailed keeps its cause
    assert desk.journal.get(outcome.key).state is EntryState.TOP_UP_SENT
    return outcome


def test_resuming_when_the_order_cannot_be_read_keeps_its_facts(
    standin: StandinServer, desk: Desk, top_up_open: RedemptionOutcome
) -> None:
    """_resume, steps.order: the order cannot be read: LOOKUP_FAILED with the order's id and
    code and bookingkit's error (the cause the lookup kept)."""
    standin.faults.add(Fault("error", method="GET", path="/v3/orders/*", times=-1, status=503))

    (outcome,) = desk.reconcile_pending()

    assert isinstance(outcome.error, errors.ServerError)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.LOOKUP_FAILED,
        key=top_up_open.key,
        quote=top_up_open.quote,
        order_id=top_up_open.order_id,
        booking_code=top_up_open.booking_code,
        error=outcome.error,
    )


def test_resuming_an_order_cancelled_meanwhile_names_its_code(
    standin: StandinServer, desk: Desk, top_up_open: RedemptionOutcome
) -> None:
    """_resume: the order was cancelled in bookingkit: ORDER_CANCELLED with its id and code,
    and the journal says why."""
    (order,) = standin.state.orders_with_reference(top_up_open.key)
    standin.state.patch_order(order["id"], {"status": "CANCELED"})

    (outcome,) = desk.reconcile_pending()

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.ORDER_CANCELLED,
        key=top_up_open.key,
        quote=top_up_open.quote,
        order_id=order["id"],
        order_codes=(order["code"],),
    )
    entry = desk.journal.get(top_up_open.key)
    assert (entry.state, entry.note) == (EntryState.UNDONE, "cancelled in bookingkit")


def test_a_journal_failure_while_resuming_still_shows_the_booking(
    standin: StandinServer,
    desk: Desk,
    mono: SteppedMonotonic,
    monkeypatch: pytest.MonkeyPatch,
    top_up_open: RedemptionOutcome,
) -> None:
    """_resume: the journal fails while a resumed redemption is finished: the booking is shown
    with all its facts (BOOKED_NOT_RECORDED), not lost in an error."""
    mono.now += 60.0  # past the window: the absent top-up may be sent again
    journal_fails_after_sending(monkeypatch, EntryState.TOP_UP_SENT, EntryState.DONE)

    (outcome,) = desk.reconcile_pending()

    assert type(outcome.error).__name__ == "JournalUnavailable"
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKED_NOT_RECORDED,
        key=top_up_open.key,
        quote=top_up_open.quote,
        order_id=top_up_open.order_id,
        booking_code=top_up_open.booking_code,
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        error=outcome.error,
    )


def test_a_failed_lookup_is_noted_with_bookingkits_words(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic
) -> None:
    """settle, steps.LookupFailed: the journal note of a failed lookup carries the error's
    text (LookupFailed keeps its message)."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("LOOKUP-NOTE", Decimal("50"))
    standin.faults.add(Fault("error", method="POST", path="/v3/orders", status=503))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))

    outcome = desk.redeem(booking.quote(desk, vid, adults=1))

    assert outcome.case is OutcomeCase.LOOKUP_FAILED
    assert isinstance(outcome.error, errors.ServerError)
    assert desk.journal.get(outcome.key).note == f"lookup failed: {outcome.error}"


def test_an_order_that_drew_otherwise_is_recorded_with_its_facts(
    standin: StandinServer, desk: Desk
) -> None:
    """_alarm: the journal keeps what was drawn, what the voucher holds and why; the outcome
    names the order."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("U1-WRONG", Decimal("50"))
    standin.state.ignores_voucher_payment = True
    quote = booking.quote(desk, vid, adults=1)

    outcome = desk.redeem(quote)

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.DRAWN_MISMATCH,
        key=outcome.key,
        quote=quote,
        order_id=order["id"],
        booking_code=order["code"],
        drawn=eur("0"),
        value_left=eur("50"),
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.drawn, entry.value_left) == (
        EntryState.ATTENTION,
        eur("0"),
        eur("50"),
    )
    assert entry.note == "drawn 0.00 EUR (quoted 30.00 EUR); voucher holds 50.00 EUR"


def test_a_top_up_is_found_by_the_method_it_was_sent_with_when_bookingkit_drops_our_code(
    standin: StandinServer, desk: Desk, proxy: Proxy, mono: SteppedMonotonic
) -> None:
    """_top_up_recorded: a bookingkit that does not keep the payment's code: our top-up is
    recognised by the journal's method (case-blind) and amount, even after the setting
    changed, and never added twice."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NO-PAYMENT-CODE", Decimal("20"))
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    first = desk.redeem(booking.quote(desk, vid, adults=1))
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED
    standin.faults.clear()

    def without_codes(payments: object) -> object:
        assert isinstance(payments, list)
        return [
            {**p, "code": None, "payment_method": p["payment_method"].upper()} for p in payments
        ]

    proxy.hook = rewrite_json("GET", lambda path: path.endswith("/payments"), without_codes)
    desk._steps.top_up_method = "ThirdParty"  # the clerk changed the setting meanwhile
    mono.now += 60.0  # past the window: an absent top-up would be sent again

    (settled,) = desk.reconcile_pending()

    assert (settled.case, settled.top_up_method) == (OutcomeCase.BOOKED, "Cash")
    (order,) = standin.state.orders_with_reference(first.key)
    top_ups = [p for p in standin.state.payments(order["id"]) if p["payment_method"] != "Voucher"]
    assert [(p["payment_method"], p["value"]) for p in top_ups] == [("Cash", Decimal("10.00"))]


# --- journal.py and quote.py -------------------------------------------------------------------

ENV = Environment("demo", "http://127.0.0.1:9")


def _quote(code: str = "GIFT-1234") -> Quote:
    v = voucher(remaining_value=Decimal("100"), code=code)
    return make_quote(v, event(), event_date(), {"p-adult": 2}, now=NOW, counter_currency="EUR")


def test_search_takes_percent_and_backslash_literally(tmp_path: Path) -> None:
    """Journal.list: ``%`` and ``\\`` in a search are the characters, not LIKE's wildcard or
    escape."""
    with Journal(tmp_path / "j.sqlite") as journal:
        percent = journal.mark(
            journal.create(_quote(), "till1", ENV), EntryState.DONE, note="50% off"
        )
        other = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.DONE, note="50 off")
        slash = journal.mark(
            journal.create(_quote(), "till1", ENV), EntryState.DONE, note="C:\\till"
        )
        plain = journal.mark(journal.create(_quote(), "till1", ENV), EntryState.DONE, note="C:till")

        assert [e.key for e in journal.list(search="50%")] == [percent.key]
        assert [e.key for e in journal.list(search="C:\\t")] == [slash.key]
        assert {e.key for e in journal.list(search="off")} == {percent.key, other.key}
        assert [e.key for e in journal.list(search="C:t")] == [plain.key]


def test_a_day_and_a_search_narrow_the_list_together(tmp_path: Path) -> None:
    """Journal.list: both filters at once (their parameters add up)."""
    moments = iter(
        [datetime(2026, 6, 1, 12, 0, tzinfo=UTC), datetime(2026, 6, 2, 12, 0, tzinfo=UTC)]
    )
    with Journal(tmp_path / "j.sqlite", clock=lambda: next(moments)) as journal:
        first = journal.create(_quote(code="SUMMER-77"), "till1", ENV)
        journal.create(_quote(code="SUMMER-78"), "till1", ENV)
        day = first.created_at.astimezone().date()
        assert [e.key for e in journal.list(day, search="summer")] == [first.key]


def test_entries_without_an_environment_are_assigned_all_or_one(tmp_path: Path) -> None:
    """Journal.assign_environment: without a key every entry that has none is assigned; with
    one, only that entry."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        keys = [journal.create(_quote(), "till1", ENV).key for _ in range(3)]
        legacy = sqlite3.connect(path, isolation_level=None)
        legacy.execute("UPDATE entries SET environment = NULL, base_url = NULL")
        legacy.close()

        assert journal.assign_environment(ENV, keys[0]) == 1
        assert [journal.get(k).belongs_to(ENV) for k in keys] == [True, False, False]
        assert journal.assign_environment(ENV) == 2
        assert all(journal.get(k).belongs_to(ENV) for k in keys)
        assert journal.assign_environment(ENV) == 0


def test_a_reader_cannot_write_and_says_so(tmp_path: Path) -> None:
    """JournalUnavailable: the problem and the detail given are the ones kept."""
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        entry = journal.create(_quote(), "till1", ENV)
    reader = Journal(path, writer=False)
    try:
        with pytest.raises(JournalUnavailable) as refused:
            reader.mark(entry, EntryState.SENT)
    finally:
        reader.close()
    assert refused.value.problem is JournalProblem.IN_USE
    assert refused.value.detail == "opened to read only"


def test_a_refused_quote_names_its_problem() -> None:
    """QuoteRefused: its text is the problem's name (the CLI prints it)."""
    refused = QuoteRefused(QuoteRefusal(problem=QuoteProblem.FULL))
    assert str(refused) == "full"
    assert refused.problem is QuoteProblem.FULL


# --- redeem.py: everything that stops a redemption before or instead of sending -----------------


def test_a_failed_re_read_abandons_the_entry_with_bookingkits_error(
    standin: StandinServer, desk: Desk
) -> None:
    """redeem: REREAD_FAILED carries the error; the entry is abandoned with it."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("REREAD", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("error", method="GET", path="/v3/events/*", times=3, status=503))

    outcome = desk.redeem(quote)

    assert isinstance(outcome.error, errors.ServerError)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.REREAD_FAILED, key=outcome.key, quote=quote, error=outcome.error
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note) == (EntryState.ABANDONED, f"re-read failed: {outcome.error}")
    assert standin.state.orders() == []


def test_changed_and_withdrawn_prices_are_each_named(standin: StandinServer, desk: Desk) -> None:
    """redeem.price_changes: a moved price and a withdrawn one are listed with what was quoted
    and what bookingkit has now; an unchanged one is not."""
    state = standin.state
    event_id = state.add_event(
        "Three Prices",
        [("Adult", Decimal("30.00")), ("Child", Decimal("12.50")), ("Senior", Decimal("20"))],
    )
    date_id = state.add_date(event_id, state.now() + timedelta(days=3), 10)
    adult, child, senior = (str(p["id"]) for p in state.event(event_id)["prices"])
    vid = state.add_voucher("PRICES", Decimal("200"))
    client = desk.client
    quote = desk.quote(
        client.get_voucher(vid),
        client.get_event(event_id),
        client.get_date(date_id),
        {adult: 1, child: 1, senior: 1},
    )
    state._store.prices[adult][1]["value"] = Decimal("35.00")
    prices = state._store.events[event_id]["prices"]
    prices[:] = [p for p in prices if p["id"] != senior]

    outcome = desk.redeem(quote)

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.PRICE_CHANGED,
        key=outcome.key,
        quote=quote,
        price_changes=(
            PriceChange(adult, "Adult", eur("30.00"), eur("35.00")),
            PriceChange(senior, "Senior", eur("20.00"), None),
        ),
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note) == (EntryState.ABANDONED, "prices changed; re-quote")
    assert state.orders() == []


def test_a_voucher_used_up_since_the_quote_is_refused_with_the_fresh_verdict(
    standin: StandinServer, desk: Desk
) -> None:
    """redeem: VOUCHER_NOT_USABLE carries the fresh verdict; the entry says why."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("USED-UP-NOW", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.state.add_redemption(vid, Decimal("50"))

    outcome = desk.redeem(quote)

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.USED_UP
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.VOUCHER_NOT_USABLE, key=outcome.key, quote=quote, verdict=outcome.verdict
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note) == (EntryState.ABANDONED, "voucher used_up")


def test_a_balance_moved_since_the_quote_asks_for_a_new_quote(
    standin: StandinServer, desk: Desk
) -> None:
    """redeem: BALANCE_CHANGED carries the balance now; the entry says it."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("MOVED", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.state.add_redemption(vid, Decimal("15"))

    outcome = desk.redeem(quote)

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BALANCE_CHANGED, key=outcome.key, quote=quote, balance_now=eur("35")
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note) == (EntryState.ABANDONED, "balance now 35.00 EUR; re-quote")


def test_an_open_redemption_of_the_same_voucher_stops_the_next_with_its_facts(
    standin: StandinServer, desk: Desk
) -> None:
    """redeem: an earlier redemption of this voucher still open (its top-up unknown, bookingkit
    still cannot say): EARLIER_UNSETTLED names it, its order and the error."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("STILL-OPEN", Decimal("20"))
    first_quote = booking.quote(desk, vid, adults=1)
    second_quote = booking.quote(desk, vid, adults=1)  # the clerk confirms again
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    first = desk.redeem(first_quote)
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED

    outcome = desk.redeem(second_quote)

    assert isinstance(outcome.error, errors.ServerError)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.EARLIER_UNSETTLED,
        key=first.key,
        quote=first_quote,
        order_id=first.order_id,
        booking_code=first.booking_code,
        error=outcome.error,
    )
    assert len(standin.state.orders()) == 1
    assert len(desk.history()) == 1  # no new entry


def test_an_open_redemption_of_another_voucher_does_not_stop_this_one(
    standin: StandinServer, desk: Desk, top_up_open: RedemptionOutcome
) -> None:
    """redeem: only earlier redemptions of the same voucher are settled first."""
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    booking = Booking.add_to(standin)
    other = standin.state.add_voucher("OTHER-VOUCHER", Decimal("50"))

    outcome = desk.redeem(booking.quote(desk, other, adults=1))

    assert outcome.case is OutcomeCase.BOOKED
    assert desk.journal.get(top_up_open.key).state is EntryState.TOP_UP_SENT  # left alone


def test_an_undo_in_flight_does_not_stop_the_next_redemption_of_its_voucher(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """redeem: an open undo (UNDOING) is not a redemption to settle first."""
    standin.faults.add(Fault("drop_before", method="PATCH", path="/v3/orders/*"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders/*", times=-1, status=503))
    assert desk.undo(booked.key).case is UndoCase.CANCEL_UNKNOWN
    standin.faults.clear()
    booking = Booking.add_to(standin)

    outcome = desk.redeem(booking.quote(desk, booked.quote.voucher_id, adults=0, children=1))

    assert outcome.case is OutcomeCase.BOOKED
    assert desk.journal.get(booked.key).state is EntryState.UNDOING


def test_a_stopped_counter_names_the_booking_that_needs_a_look(
    standin: StandinServer, desk: Desk
) -> None:
    """redeem: REDEMPTIONS_STOPPED names the alarm's entry and its booking code; nothing is
    written or sent."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("ALARM", Decimal("50"))
    standin.state.ignores_voucher_payment = True
    alarm = desk.redeem(booking.quote(desk, vid, adults=1))
    standin.state.ignores_voucher_payment = False
    quote = booking.quote(desk, vid, adults=1)

    outcome = desk.redeem(quote)

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.REDEMPTIONS_STOPPED,
        key=alarm.key,
        quote=quote,
        booking_code=alarm.booking_code,
    )
    assert len(desk.history()) == 1
    assert len(standin.state.orders()) == 1


# --- quote.py: the refusals' numbers and the edges ---------------------------------------------


def _refusal(**kwargs: Any) -> QuoteRefusal:
    participants = kwargs.pop("participants", {"p-adult": 1})
    with pytest.raises(QuoteRefused) as refused:
        make_quote(
            voucher(**kwargs.get("voucher", {})),
            event(**kwargs.get("event", {})),
            event_date(**kwargs.get("date", {})),
            participants,
            now=NOW,
            counter_currency="EUR",
        )
    return refused.value.refusal


def test_each_refusal_carries_the_numbers_to_fix_it() -> None:
    """make_quote, _check_date: the facts a refusal hands to the clerk."""
    assert _refusal(date={"available_slots": 2}, participants={"p-adult": 3}) == QuoteRefusal(
        problem=QuoteProblem.NOT_ENOUGH_PLACES, free_places=2, wanted_places=3
    )
    soon = (NOW + timedelta(minutes=59)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _refusal(date={"date": soon}) == QuoteRefusal(
        problem=QuoteProblem.LEAD_TIME, lead_minutes=60
    )
    assert _refusal(participants={"p-zz": 1, "p-senior": 2, "p-adult": 1}) == QuoteRefusal(
        problem=QuoteProblem.UNKNOWN_PRICE, price_ids=("p-senior", "p-zz")
    )
    chf = [{"id": "p-adult", "title": "", "value": 10, "currency": "chf"}]
    assert _refusal(event={"prices": chf}) == QuoteRefusal(
        problem=QuoteProblem.WRONG_CURRENCY,
        price_title="p-adult",
        price_currency="CHF",
        voucher_currency="EUR",
    )
    used = _refusal(voucher={"remaining_value": 0})
    assert used.problem is QuoteProblem.VOUCHER_NOT_USABLE
    assert used.verdict is not None
    assert used.verdict.kind is VerdictKind.USED_UP


def test_the_date_edges() -> None:
    """_check_date: a date starting now is past; as many people as places fit; an event
    without lead time can be booked a minute ahead."""
    now = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _refusal(date={"date": now}).problem is QuoteProblem.PAST
    fits = make_quote(
        voucher(),
        event(),
        event_date(available_slots=2),
        {"p-adult": 2},
        now=NOW,
        counter_currency="EUR",
    )
    assert fits.participants == (("p-adult", 2),)
    soon = (NOW + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    no_lead = make_quote(
        voucher(),
        event(latest_booking_time=0),
        event_date(date=soon),
        {"p-adult": 1},
        now=NOW,
        counter_currency="EUR",
    )
    assert no_lead.total == eur("35.50")


def test_lines_follow_the_events_price_order_and_skip_nobody() -> None:
    """make_quote: the lines keep the event's order (not the participants'), and a price with
    no participants makes no line; the total is rounded once."""
    q = make_quote(
        voucher(),
        event(
            prices=[
                {"id": "p-adult", "title": "Adult", "value": "10.005", "currency": "EUR"},
                {"id": "p-child", "title": "Child", "value": "0.335", "currency": "EUR"},
                {"id": "p-dog", "title": "Dog", "value": "1", "currency": "EUR"},
            ]
        ),
        event_date(),
        {"p-dog": 0, "p-child": 3, "p-adult": 1},
        now=NOW,
        counter_currency="EUR",
    )
    assert [(ln.price_id, ln.count, ln.subtotal) for ln in q.lines] == [
        ("p-adult", 1, eur("10.005")),
        ("p-child", 3, eur("1.005")),
    ]
    assert q.total == eur("11.01")  # 11.010 exactly, rounded once


# --- steps.py: lookups that prove nothing, and a top-up resumed --------------------------------


def test_a_lookup_that_ignores_the_reference_filter_proves_nothing(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """orders_for: bookingkit answers the lookup with orders of other keys (it ignored the
    filter): nothing is concluded or resent, and the note and error say why."""
    booking = Booking.add_to(standin)
    earlier = desk.redeem(
        booking.quote(desk, standin.state.add_voucher("FIRST", Decimal("50")), adults=1)
    )
    assert earlier.case is OutcomeCase.BOOKED
    quote = booking.quote(desk, standin.state.add_voucher("SECOND", Decimal("50")), adults=1)

    def unfiltered(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "GET" or request.url.path != "/v3/orders":
            return None
        url = request.url.copy_remove_param("accept_external_reference")
        headers = {**request.headers, "Accept-Encoding": "identity"}
        status, orders = via.read(httpx.Request("GET", url, headers=headers))
        return json_answer(status, orders)

    proxy.hook = unfiltered
    standin.faults.add(Fault("error", method="POST", path="/v3/orders", status=503))

    outcome = desk.redeem(quote)

    assert isinstance(outcome.error, errors.MalformedResponse)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.LOOKUP_FAILED, key=outcome.key, quote=quote, error=outcome.error
    )
    assert desk.journal.get(outcome.key).note == (
        "lookup failed: bookingkit ignored the external reference filter"
    )
    assert len(standin.state.orders()) == 1  # not sent again


def test_a_resumed_top_up_whose_payments_cannot_be_read_stays_unconfirmed(
    standin: StandinServer, desk: Desk, top_up_open: RedemptionOutcome
) -> None:
    """top_up (checked): the payments cannot be read on resume: TOP_UP_UNCONFIRMED with the
    booking's facts and bookingkit's error; nothing is sent."""
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )
    desk._steps.top_up_method = "ThirdParty"  # the setting changed: the journal's method counts

    (outcome,) = desk.reconcile_pending()

    assert isinstance(outcome.error, errors.ServerError)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.TOP_UP_UNCONFIRMED,
        key=top_up_open.key,
        quote=top_up_open.quote,
        order_id=top_up_open.order_id,
        booking_code=top_up_open.booking_code,
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        error=outcome.error,
    )
    (order,) = standin.state.orders_with_reference(top_up_open.key)
    assert [p["payment_method"] for p in standin.state.payments(order["id"])] == ["Voucher"]


def test_a_resumed_top_up_waits_its_whole_window_before_sending_again(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic, top_up_open: RedemptionOutcome
) -> None:
    """top_up (checked): an absent top-up is sent again only once its whole window has passed
    since it went out (half a second short is still too early)."""
    window = desk.client.deadline + desk.client.timeout
    (order,) = standin.state.orders_with_reference(top_up_open.key)

    def top_ups() -> list[object]:
        return [
            p["value"] for p in standin.state.payments(order["id"]) if p["payment_method"] == "Cash"
        ]

    mono.now += window - 0.5
    (early,) = desk.reconcile_pending()
    assert (early.case, early.error) == (OutcomeCase.TOP_UP_UNCONFIRMED, None)
    assert top_ups() == []
    mono.now += 1.0
    (late,) = desk.reconcile_pending()
    assert late.case is OutcomeCase.BOOKED
    assert top_ups() == [Decimal("10.00")]


# --- reconcile.py: settling on start-up --------------------------------------------------------


def test_an_entry_interrupted_before_sending_is_abandoned_with_the_reason(
    standin: StandinServer, desk: Desk
) -> None:
    """settle: PREPARED means nothing went out: INTERRUPTED, the entry abandoned and noted."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("CRASHED", Decimal("50")), adults=1)
    entry = desk.journal.create(quote, "till1", desk.environment)

    (outcome,) = desk.reconcile_pending()

    assert outcome == RedemptionOutcome(case=OutcomeCase.INTERRUPTED, key=entry.key, quote=quote)
    settled = desk.journal.get(entry.key)
    assert (settled.state, settled.note) == (EntryState.ABANDONED, "interrupted before sending")


def test_an_open_undo_does_not_stop_the_settling_of_later_entries(
    standin: StandinServer, desk: Desk, booked: RedemptionOutcome
) -> None:
    """reconcile_pending: after an undo still open, the entries behind it are settled too."""
    standin.faults.add(Fault("drop_before", method="PATCH", path="/v3/orders/*"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders/*", times=-1, status=503))
    assert desk.undo(booked.key).case is UndoCase.CANCEL_UNKNOWN
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("BEHIND", Decimal("50")), adults=1)
    behind = desk.journal.create(quote, "till1", desk.environment)

    (outcome,) = desk.reconcile_pending()

    assert (outcome.key, outcome.case) == (behind.key, OutcomeCase.INTERRUPTED)
    assert desk.journal.get(booked.key).state is EntryState.UNDOING  # still unknown, kept


def test_a_journal_that_fails_while_settling_leaves_the_entry_open_with_the_error(
    standin: StandinServer, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reconcile_pending: settling one entry fails (the journal cannot write): that entry's
    outcome is LOOKUP_FAILED with the error, and reconciling goes on."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("DISK-FULL", Decimal("50")), adults=1)
    entry = desk.journal.create(quote, "till1", desk.environment)
    journal_fails_after_sending(monkeypatch, EntryState.ABANDONED)

    (outcome,) = desk.reconcile_pending()

    assert isinstance(outcome.error, JournalUnavailable)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.LOOKUP_FAILED, key=entry.key, quote=quote, error=outcome.error
    )
    assert desk.journal.get(entry.key).state is EntryState.PREPARED


def _orders_sent(standin: StandinServer) -> int:
    return len(standin.state.orders())


@pytest.fixture
def no_order_yet(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    """A redemption whose order never reached bookingkit, and bookingkit could not be asked:
    entry UNKNOWN, sent at the stepped monotonic clock's "now"."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("NOT-THERE", Decimal("100")), adults=1)
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    outcome = desk.redeem(quote)
    standin.faults.clear()
    assert outcome.case is OutcomeCase.LOOKUP_FAILED
    return outcome


def test_an_empty_lookup_counts_only_after_the_whole_window(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic, no_order_yet: RedemptionOutcome
) -> None:
    """settle: half a second before the window ends, no order is "no answer yet" (it may still
    land); after it, "not booked". Both are noted; nothing is resent on start-up."""
    window = desk.client.deadline + desk.client.timeout
    mono.now += window - 0.5
    (early,) = desk.reconcile_pending()
    assert early == RedemptionOutcome(
        case=OutcomeCase.NO_ANSWER_YET, key=no_order_yet.key, quote=no_order_yet.quote
    )
    entry = desk.journal.get(no_order_yet.key)
    assert (entry.state, entry.note) == (EntryState.UNKNOWN, "sent moments ago; no order yet")
    mono.now += 1.0
    (late,) = desk.reconcile_pending()
    assert late == RedemptionOutcome(
        case=OutcomeCase.NOT_BOOKED, key=no_order_yet.key, quote=no_order_yet.quote
    )
    entry = desk.journal.get(no_order_yet.key)
    assert (entry.state, entry.note) == (EntryState.REFUSED, "bookingkit holds no order for it")
    assert _orders_sent(standin) == 0


def test_several_orders_for_one_key_are_named_by_their_codes(
    standin: StandinServer, desk: Desk, no_order_yet: RedemptionOutcome
) -> None:
    """settle: two live orders carry our key: SEVERAL_ORDERS with their booking codes, noted;
    a person must look."""
    for _ in range(2):
        desk.client.create_order(draft_for(no_order_yet.quote, no_order_yet.key))
    codes = tuple(o["code"] for o in standin.state.orders_with_reference(no_order_yet.key))

    (outcome,) = desk.reconcile_pending()

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.SEVERAL_ORDERS,
        key=no_order_yet.key,
        quote=no_order_yet.quote,
        order_codes=codes,
    )
    entry = desk.journal.get(no_order_yet.key)
    assert (entry.state, entry.note) == (EntryState.UNKNOWN, f"several orders: {codes}")


def test_only_a_cancelled_order_for_the_key_is_recorded_as_undone(
    standin: StandinServer, desk: Desk, no_order_yet: RedemptionOutcome
) -> None:
    """settle: the only order with our key was cancelled in bookingkit: ORDER_CANCELLED with its
    id and code; the entry is UNDONE with the order and a note."""
    order = desk.client.create_order(draft_for(no_order_yet.quote, no_order_yet.key))
    standin.state.patch_order(order.id, {"status": "CANCELED"})
    assert order.code is not None

    (outcome,) = desk.reconcile_pending()

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.ORDER_CANCELLED,
        key=no_order_yet.key,
        quote=no_order_yet.quote,
        order_id=order.id,
        order_codes=(order.code,),
    )
    entry = desk.journal.get(no_order_yet.key)
    assert (entry.state, entry.order_id, entry.note) == (
        EntryState.UNDONE,
        order.id,
        f"cancelled: {(order.code,)}",
    )


def test_the_counter_resends_at_most_once_while_the_customer_waits(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic
) -> None:
    """settle: the resend's answer is doubtful too: the desk does not send a third time; the
    outcome stays open."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        mono.now += seconds

    desk._steps.sleep = sleep
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("TWICE", Decimal("50")), adults=1)
    standin.faults.add(Fault("error", method="POST", path="/v3/orders", times=2, status=503))

    outcome = desk.redeem(quote)

    assert outcome == RedemptionOutcome(
        case=OutcomeCase.NO_ANSWER_YET, key=outcome.key, quote=quote
    )
    assert standin.faults.pending() == []  # both 503s were used: two sends
    assert _orders_sent(standin) == 0  # and no third
    assert len(slept) == 1


def test_the_counter_waits_out_even_the_last_half_second_before_resending(
    standin: StandinServer, desk: Desk, proxy: Proxy, mono: SteppedMonotonic
) -> None:
    """wait_out: the answer to the order was lost after most of the window: the desk still
    waits out the half second left before it looks again and resends."""
    window = desk.client.deadline + desk.client.timeout
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        mono.now += seconds

    def lose_order_slowly(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "POST" or request.url.path != "/v3/orders" or slept:
            return None
        mono.now += window - 0.5
        raise httpx.ReadError("connection reset", request=request)

    desk._steps.sleep = sleep
    proxy.hook = lose_order_slowly
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("HALF-SECOND", Decimal("50")), adults=1)

    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED
    assert slept == [pytest.approx(0.5)]
    assert _orders_sent(standin) == 1


# --- steps.py: finishing -----------------------------------------------------------------------


def test_a_booking_without_a_top_up_names_no_method_and_no_message(
    standin: StandinServer, desk: Desk
) -> None:
    """finish, done_outcome: no top-up due: no payment is tried, no method or message is shown,
    and the entry carries no note."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NO-TOP-UP", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)

    outcome = desk.redeem(quote)

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKED,
        key=outcome.key,
        quote=quote,
        order_id=order["id"],
        booking_code=order["code"],
        drawn=eur("30.00"),
        value_left=eur("20.00"),
    )
    assert desk.journal.get(outcome.key).note == ""
    assert [p["payment_method"] for p in standin.state.payments(order["id"])] == ["Voucher"]


def test_a_top_up_left_open_keeps_every_fact_of_the_booking(
    top_up_open: RedemptionOutcome,
) -> None:
    """finish: TOP_UP_UNCONFIRMED still shows the booking: code, drawn, top-up, method, rest."""
    assert top_up_open == RedemptionOutcome(
        case=OutcomeCase.TOP_UP_UNCONFIRMED,
        key=top_up_open.key,
        quote=top_up_open.quote,
        order_id=top_up_open.order_id,
        booking_code=top_up_open.booking_code,
        drawn=eur("20.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        error=top_up_open.error,
    )
    assert top_up_open.booking_code is not None


def test_a_voucher_read_without_a_balance_after_booking_keeps_the_expected_rest(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """_balance: the voucher read after the booking has no balance: the result shows what the
    quote left on it, instead of failing."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NO-BALANCE-AFTER", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)

    def without_values(voucher: object) -> object:
        assert isinstance(voucher, dict)
        return {k: v for k, v in voucher.items() if "value" not in k}

    proxy.hook = after_booking(rewrite_json("GET", is_voucher, without_values))
    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.value_left) == (OutcomeCase.BOOKED, eur("20.00"))


def test_closing_a_journal_twice_never_frees_another_holders_lock(tmp_path: Path) -> None:
    """Journal.close: the second close of one journal does not release the process's lock that
    another open journal of the same file still holds."""
    path = tmp_path / "j.sqlite"
    first = Journal(path)
    second = Journal(path)
    first.close()
    first.close()
    try:
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from voucherdesk.desk.journal_lock import held_elsewhere; "
                f"sys.exit(0 if held_elsewhere(__import__('pathlib').Path({str(path)!r})) else 3)",
            ],
            cwd=Path(__file__).parent.parent,
            timeout=60,
            check=False,
        )
    finally:
        second.close()
    assert probe.returncode == 0  # another process sees the journal held


def test_a_balance_after_booking_other_than_quoted_raises_the_alarm(
    standin: StandinServer, desk: Desk, proxy: Proxy
) -> None:
    """finish: the order drew as quoted, but the voucher then holds another balance than the
    quote left: DRAWN_MISMATCH with both facts, recorded for a person to look."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("ODD-BALANCE", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    proxy.hook = after_booking(rewrite_json("GET", is_voucher, holding("25.00")))
    outcome = desk.confirm_balance(desk.redeem(quote))  # as the window and the CLI do

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.DRAWN_MISMATCH,
        key=outcome.key,
        quote=quote,
        order_id=order["id"],
        booking_code=order["code"],
        drawn=eur("30.00"),
        value_left=eur("25.00"),
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.drawn, entry.value_left, entry.note) == (
        EntryState.ATTENTION,
        eur("30.00"),
        eur("25.00"),
        "drawn 30.00 EUR (quoted 30.00 EUR); voucher holds 25.00 EUR",
    )


def _slept_on(desk: Desk, mono: SteppedMonotonic) -> list[float]:
    """Make the desk's waits instant: each moves the stepped clock on; returns the waits."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        mono.now += seconds

    desk._steps.sleep = sleep
    return slept


def test_a_doubtful_top_up_waits_a_window_from_its_own_send_and_carries_our_key(
    standin: StandinServer, desk: Desk, proxy: Proxy, mono: SteppedMonotonic
) -> None:
    """top_up: the top-up's answer is lost long after the order was sent: the desk waits a
    whole window from the top-up's own send before sending it again, every payment carries the
    journal key as its code, and the resend starts a window of its own (settling at once
    afterwards sends nothing)."""
    window = desk.client.deadline + desk.client.timeout
    slept = _slept_on(desk, mono)

    def order_long_ago(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method == "POST" and request.url.path == "/v3/orders":
            answer = via.forward(request)
            mono.now += 10 * window  # the top-up goes out long after the order
            return answer
        return None

    proxy.hook = order_long_ago
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("TOP-UP-KEY", Decimal("20")), adults=1)
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders/*/payments", times=2))

    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.TOP_UP_UNCONFIRMED
    assert slept == [pytest.approx(window)]
    (settled,) = desk.reconcile_pending()  # at once: the resend may still land
    assert settled.case is OutcomeCase.TOP_UP_UNCONFIRMED
    (order,) = standin.state.orders_with_reference(outcome.key)
    assert [p["payment_method"] for p in standin.state.payments(order["id"])] == ["Voucher"]
    mono.now += window
    (done,) = desk.reconcile_pending()
    assert done.case is OutcomeCase.BOOKED
    top_ups = [p for p in standin.state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert [(p["code"], p["value"]) for p in top_ups] == [(outcome.key, Decimal("10.00"))]


def test_a_top_up_found_after_the_wait_by_its_method_is_not_sent_again(
    standin: StandinServer, desk: Desk, proxy: Proxy, mono: SteppedMonotonic
) -> None:
    """top_up: the top-up's answer is lost and bookingkit shows it only after the wait, and
    without our code: it is recognised by method and amount, and not sent again."""
    slept = _slept_on(desk, mono)
    seen: list[bool] = []

    def late_and_without_codes(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != "GET" or not request.url.path.endswith("/payments"):
            return None
        if not seen:
            seen.append(True)
            return json_answer(200, [])  # not visible yet
        headers = {**request.headers, "Accept-Encoding": "identity"}
        status, payments = via.read(httpx.Request("GET", request.url, headers=headers))
        assert isinstance(payments, list)
        return json_answer(status, [{**p, "code": None} for p in payments])

    proxy.hook = late_and_without_codes
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("LATE-TOP-UP", Decimal("20")), adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders/*/payments"))

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.top_up_method) == (OutcomeCase.BOOKED, "Cash")
    assert len(slept) == 1
    (order,) = standin.state.orders_with_reference(outcome.key)
    assert [p["payment_method"] for p in standin.state.payments(order["id"])] == [
        "Voucher",
        "Cash",
    ]


_FIRST_SCHEMA = """
CREATE TABLE entries (
    key TEXT PRIMARY KEY, counter_id TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, state TEXT NOT NULL, voucher_id TEXT NOT NULL,
    voucher_code TEXT NOT NULL, quote_json TEXT NOT NULL, currency TEXT NOT NULL,
    drawn TEXT NOT NULL, top_up TEXT, value_left TEXT, order_id TEXT, booking_code TEXT,
    note TEXT NOT NULL DEFAULT ''
);
"""


def test_a_journal_of_the_first_release_gets_the_new_columns_and_keeps_its_entries(
    tmp_path: Path,
) -> None:
    """Journal._open: an older journal is migrated in place; its entries read as written, with
    no environment, version 0, and can be settled from there."""
    path = tmp_path / "old.sqlite"
    quote = _quote()
    old = sqlite3.connect(path, isolation_level=None)
    old.executescript(_FIRST_SCHEMA)
    old.execute(
        "INSERT INTO entries (key, counter_id, created_at, updated_at, state, voucher_id,"
        " voucher_code, quote_json, currency, drawn, order_id, booking_code)"
        " VALUES ('till1-old', 'till1', '2026-06-01T10:00:00.000000+00:00',"
        " '2026-06-01T10:00:00.000000+00:00', 'sent', ?, ?, ?, 'EUR', ?, NULL, NULL)",
        (quote.voucher_id, quote.voucher_code, quote.to_json(), str(quote.drawn.amount)),
    )
    old.close()

    with Journal(path) as journal:
        entry = journal.get("till1-old")
        assert (entry.state, entry.environment, entry.base_url, entry.version) == (
            EntryState.SENT,
            None,
            None,
            0,
        )
        assert (entry.sent_at, entry.top_up_method) == (None, None)
        assert entry.quote == quote
        assert [e.key for e in journal.other_environments(ENV)] == ["till1-old"]
        assert journal.unfinished(ENV) == []
        assert journal.mark(entry, EntryState.UNKNOWN).version == 1
    with Journal(path) as reopened:  # migrated once; opening again changes nothing
        assert reopened.get("till1-old").state is EntryState.UNKNOWN


def test_a_write_waits_for_another_connection_up_to_the_busy_timeout(tmp_path: Path) -> None:
    """Journal._open: SQLite's busy timeout is the one given (in seconds, as milliseconds to
    SQLite): a write waits while another connection finishes its own."""
    path = tmp_path / "j.sqlite"
    with Journal(path, busy_timeout=5.0) as journal:
        entry = journal.create(_quote(), "till1", ENV)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        release.start()
        try:
            assert journal.mark(entry, EntryState.SENT).state is EntryState.SENT
        finally:
            release.join()
            other.close()


def test_the_order_says_which_counter_sent_it_and_in_which_language(
    standin: StandinServer, desk: Desk
) -> None:
    """send_order: the order carries the counter in its comment and the desk's language (the
    language of bookingkit's e-mails to the customer), with the quote's date and people."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("WHO-SENT", Decimal("80")), 1, 1)

    outcome = desk.redeem(quote)

    (order,) = standin.state.orders_with_reference(outcome.key)
    assert (order["comment"], order["lang"], order["currency"]) == (
        "VoucherDesk till1",
        "de",
        "EUR",
    )
    (ticket,) = order["tickets"]
    assert (ticket["date_id"], ticket["event_id"]) == (booking.date_id, booking.event_id)
    assert sorted(p["price_id"] for p in ticket["participants"]) == sorted(
        [booking.adult, booking.child]
    )
    assert [(rv["id"], rv["redeemed_value"]) for rv in order["redeemed_vouchers"]] == [
        (quote.voucher_id, Decimal("42.50"))
    ]


def test_a_refusal_of_the_order_is_shown_with_bookingkits_words(
    standin: StandinServer, desk: Desk
) -> None:
    """send_and_settle: a 4xx to the order: BOOKINGKIT_REFUSED with bookingkit's message and
    error; the entry is REFUSED with that message."""
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("REFUSED", Decimal("50")), adults=1)
    standin.faults.add(Fault("error", method="POST", path="/v3/orders", status=400))

    outcome = desk.redeem(quote)

    assert isinstance(outcome.error, errors.BadRequest)
    assert outcome == RedemptionOutcome(
        case=OutcomeCase.BOOKINGKIT_REFUSED,
        key=outcome.key,
        quote=quote,
        server_message=outcome.error.message,
        error=outcome.error,
    )
    entry = desk.journal.get(outcome.key)
    assert (entry.state, entry.note) == (EntryState.REFUSED, outcome.error.message)


def test_every_open_redemption_of_the_voucher_is_settled_first_not_only_the_first(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic
) -> None:
    """redeem: an open entry of another voucher comes first; the open one of this voucher after
    it still stops the redemption (the loop goes on past the other)."""
    booking = Booking.add_to(standin)
    this = standin.state.add_voucher("THIS-ONE", Decimal("50"))
    other = standin.state.add_voucher("OTHER-ONE", Decimal("50"))
    for vid in (other, this):
        entry = desk.journal.create(booking.quote(desk, vid, adults=1), "till1", desk.environment)
        desk.journal.mark(entry, EntryState.SENT)
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))

    outcome = desk.redeem(booking.quote(desk, this, adults=1))

    assert outcome.case is OutcomeCase.EARLIER_UNSETTLED
    assert desk.journal.get(outcome.key).voucher_id == this
    assert standin.state.orders() == []


def test_an_earlier_redemption_found_without_an_order_is_not_sent_again(
    standin: StandinServer, desk: Desk, mono: SteppedMonotonic, no_order_yet: RedemptionOutcome
) -> None:
    """redeem: settling the earlier redemption of this voucher never resends it (its customer
    is most likely gone): it is marked not booked, and only the new one is booked."""
    mono.now += 60.0
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, no_order_yet.quote.voucher_id, adults=1)

    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED
    assert [o["external_reference"] for o in standin.state.orders()] == [outcome.key]
    assert desk.journal.get(no_order_yet.key).state is EntryState.REFUSED


def test_the_settle_window_of_an_order_counts_from_its_send(
    standin: StandinServer, desk: Desk, proxy: Proxy, mono: SteppedMonotonic
) -> None:
    """send_order: on a counter running for long, a doubtful order still waits a whole window
    from its own send before it is sent again; the body carries the event and the counter."""
    window = desk.client.deadline + desk.client.timeout
    slept = _slept_on(desk, mono)
    bodies: list[dict[str, Any]] = []

    def record(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method == "POST" and request.url.path == "/v3/orders":
            bodies.append(json.loads(request.content))
        return None

    proxy.hook = record
    mono.now += 10 * window  # the counter has been open for a while
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, standin.state.add_voucher("LONG-OPEN", Decimal("50")), adults=1)
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))

    outcome = desk.redeem(quote)

    assert outcome.case is OutcomeCase.BOOKED
    assert slept == [pytest.approx(window)]
    assert len(bodies) == 2
    # The same order with the same key; only its "date" (the time it is sent) may move on.
    assert [{**body, "date": None} for body in bodies[1:]] == [{**bodies[0], "date": None}]
    (ticket,) = bodies[0]["tickets"]
    assert (ticket["event_id"], bodies[0]["comment"]) == (booking.event_id, "VoucherDesk till1")


def test_a_missing_or_changed_entry_is_named_in_the_error(tmp_path: Path) -> None:
    """Journal.get, Journal.mark: KeyError and StaleEntry name the entry's key."""
    with Journal(tmp_path / "j.sqlite") as journal:
        entry = journal.create(_quote(), "till1", ENV)
        with pytest.raises(KeyError) as missing:
            journal.get("till1-ghost")
        assert missing.value.args == ("till1-ghost",)
        with pytest.raises(KeyError) as gone:
            journal.mark(replace(entry, key="till1-gone"), EntryState.SENT)
        assert gone.value.args == ("till1-gone",)
        journal.mark(entry, EntryState.SENT)
        with pytest.raises(StaleEntry) as stale:
            journal.mark(entry, EntryState.ABANDONED)  # read before the SENT mark
        assert stale.value.args == (entry.key,)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="Windows cannot change the zone here")
def test_an_entry_records_its_environment_by_name_and_times_in_utc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Journal.create, _entry, _ts: the environment's name is kept with its address, and times
    are written in UTC whatever the computer's time zone (they sort as text)."""
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    time.tzset()
    try:
        with Journal(tmp_path / "j.sqlite") as journal:
            entry = journal.create(_quote(), "till1", ENV)
            (raw,) = journal._db.execute("SELECT created_at FROM entries").fetchone()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert (entry.environment, entry.base_url) == ("demo", ENV.base_url)
    assert raw.endswith("+00:00")


def test_a_voucher_expired_since_the_quote_is_judged_on_the_desks_clock(
    standin: StandinServer, tmp_path: Path
) -> None:
    """redeem: the fresh verdict uses the desk's clock: a voucher that expired since the quote
    is refused, and nothing is sent."""
    offset = [timedelta(0)]
    desk = make_desk(
        standin.base_url, tmp_path / "till1", clock=lambda: datetime.now(UTC) + offset[0]
    )
    try:
        booking = Booking.add_to(standin)
        until = standin.state.now() + timedelta(hours=1)
        vid = standin.state.add_voucher("EXPIRES-SOON", Decimal("50"), valid_until=until)
        quote = booking.quote(desk, vid, adults=1)
        offset[0] = timedelta(hours=2)

        outcome = desk.redeem(quote)
    finally:
        close_desk(desk)
    assert outcome.case is OutcomeCase.VOUCHER_NOT_USABLE
    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.EXPIRED
    assert standin.state.orders() == []


def test_a_journal_in_a_folder_not_made_yet_is_made_with_its_parents(tmp_path: Path) -> None:
    """Journal.__init__: the data folder may not exist yet on a fresh install."""
    with Journal(tmp_path / "new" / "data" / "journal.sqlite") as journal:
        assert journal.create(_quote(), "till1", ENV).state is EntryState.PREPARED


def test_a_journal_held_by_another_process_is_refused_as_in_use(tmp_path: Path) -> None:
    """Journal.__init__: while another VoucherDesk process works on the journal, opening it to
    write is refused as IN_USE, naming the journal and the lock."""
    path = tmp_path / "journal.sqlite"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from voucherdesk.desk.journal import Journal; "
            f"j = Journal(Path({str(path)!r})); print('held', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(JournalUnavailable) as refused:
            Journal(path)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert refused.value.problem is JournalProblem.IN_USE
    assert refused.value.path == path
    assert refused.value.detail.endswith("journal.sqlite.lock")


def test_a_journal_path_that_cannot_be_opened_is_named_with_sqlites_reason(
    tmp_path: Path,
) -> None:
    """Journal._open: a journal path SQLite cannot open (here: a folder) is CANNOT_OPEN, with
    the path and SQLite's words."""
    path = tmp_path / "journal.sqlite"
    path.mkdir()
    with pytest.raises(JournalUnavailable) as refused:
        Journal(path)
    assert refused.value.problem is JournalProblem.CANNOT_OPEN
    assert refused.value.path == path
    assert "unable to open" in refused.value.detail


def test_a_journal_that_fails_its_integrity_check_is_called_damaged(tmp_path: Path) -> None:
    """Journal._open: a file in WAL mode whose quick check finds a broken row (a NULL where the
    schema forbids one) is refused as damaged, with the check's words, and left as it is."""
    path = tmp_path / "journal.sqlite"
    Journal(path).close()

    def schema(old: str, new: str) -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = 'entries'", (old, new)
        )
        db.close()

    schema("counter_id TEXT NOT NULL", "counter_id TEXT")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "INSERT INTO entries (key, created_at, updated_at, state, voucher_id, voucher_code,"
        " quote_json, currency, drawn) VALUES ('k', 't', 't', 'done', 'v', 'c', '{}', 'EUR', '1')"
    )
    db.close()
    schema("counter_id TEXT,", "counter_id TEXT NOT NULL,")
    size = path.stat().st_size

    with pytest.raises(JournalCorrupt) as damaged:
        Journal(path)
    assert damaged.value.problem is JournalProblem.DAMAGED
    assert "integrity check says" in damaged.value.detail
    assert path.stat().st_size == size


# --- the survivors that stay, and why -----------------------------------------------------------
# mutmut names a mutant <module>.x_<function>__mutmut_<n> (methods: xǁ<Class>ǁ<method>); see one
# with `uv run --group mutation mutmut show <name>`. The numbers follow the function's source:
# when a function changes, its mutants are renumbered and tests/mutation.sh lists them anew.

FALSY_NONE = "equivalent: None passed for False is just as false"
REFUSAL_OR_NOT_SENT = (
    "equivalent: is_refusal(exc) implies not may_have_landed(exc), and the only error that is "
    "neither landed nor a refusal is a bare BookingkitError, which nothing raises; both sides "
    "of the `or` are the same test"
)

EXPLAINED: dict[str, str] = {
    "voucherdesk.desk.undo.x_undo__mutmut_49": REFUSAL_OR_NOT_SENT,
    "voucherdesk.desk.undo.x_undo__mutmut_50": REFUSAL_OR_NOT_SENT,
    "voucherdesk.desk.reconcile.x_reconcile_pending__mutmut_12": FALSY_NONE,
    "voucherdesk.desk.reconcile.x_settle__mutmut_127": FALSY_NONE,
    **dict.fromkeys(
        [f"voucherdesk.desk.reconcile.x_send_and_settle__mutmut_{n}" for n in (28, 31, 32)],
        "words only: the note of the UNKNOWN mark (the doubtful answer's text) is replaced by "
        "every later step that settles the entry; it stays only on an entry whose top-up is "
        "then left open, where the history shows it as that entry's last doubt",
    ),
    "voucherdesk.desk.reconcile.x_settle__mutmut_53": (
        "equivalent: `len(live) >= 1` for `> 1` is only reached after `len(live) == 1` returned"
    ),
}

MUTATED = ("redeem", "reconcile", "steps", "journal", "undo", "quote")


@pytest.mark.parametrize("mutant", sorted(all_explained()))
def test_each_explained_mutant_names_a_function_of_the_money_path(mutant: str) -> None:
    """A name that no longer fits the source (a typo, a function renamed) explains nothing."""
    package, desk, module, rest = mutant.split(".", 3)
    assert (package, desk, module) == ("voucherdesk", "desk", module)
    assert module in MUTATED
    found = re.fullmatch(r"x(?:ǁ(\w+)ǁ|_)(\w+?)__mutmut_\d+", rest)
    assert found is not None, rest
    source = (Path(__file__).parent.parent / "voucherdesk" / "desk" / f"{module}.py").read_text(
        "utf-8"
    )
    cls, function = found.groups()
    if cls is not None:
        assert re.search(rf"^class {cls}\b", source, re.M), cls
    assert re.search(rf"^\s*def {function}\(", source, re.M), function
    assert len(all_explained()[mutant]) > 20
