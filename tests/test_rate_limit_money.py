"""Rate limits around the top-up and the clerk's "Stop waiting" (found by a review of the
change that made a plain 429 no refusal): a lookup's 429 is never taken for bookingkit refusing
the top-up, a resend never goes out after the clerk stopped waiting, and the words say only
what is known."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.tokens import MemoryTokenStore
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.standin import Fault, StandinServer
from voucherdesk.ui.wording import results

TIMEOUT = 1.0
PAYMENTS = "/v3/orders/*/payments"
SETTLE = 3 * TIMEOUT  # a desk's settle window: its deadline (2 timeouts) and one timeout more


@pytest.fixture
def booking(standin: StandinServer) -> Booking:
    return Booking.add_to(standin)


@pytest.fixture
def desk_factory(standin: StandinServer, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []
    tokens = MemoryTokenStore()  # one API client's token, shared as the keyring shares it

    def factory() -> Desk:
        desk = make_desk(standin.base_url, tmp_path / "till1", timeout=TIMEOUT, token_store=tokens)
        made.append(desk)
        return desk

    yield factory
    for desk in made:
        close_desk(desk)


def cash(standin: StandinServer, order_id: str) -> list[Decimal]:
    return [p["value"] for p in standin.state.payments(order_id) if p["payment_method"] == "Cash"]


def test_a_top_up_stored_whose_lookup_is_rate_limited_is_not_called_refused(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The top-up is stored but its answer lost; the payments lookup then gets a 429 on every
    attempt. "Refused, record it by hand" would make the clerk record it a second time."""
    state = standin.state
    desk = desk_factory()
    quote = booking.quote(desk, state.add_voucher("RL-LOOKUP-A", Decimal("20")), adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path=PAYMENTS))
    standin.faults.add(Fault("rate_limit", method="GET", path=PAYMENTS, times=3))

    first = desk.redeem(quote)

    (order,) = state.orders_with_reference(first.key)
    assert cash(standin, order["id"]) == [Decimal("10")]  # bookingkit holds the top-up
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED, first.case
    assert desk.journal.get(first.key).state is EntryState.TOP_UP_SENT
    standin.faults.clear()
    (settled,) = desk.reconcile_pending()
    assert settled.case is OutcomeCase.BOOKED
    assert cash(standin, order["id"]) == [Decimal("10")]  # found, not added again


def test_a_top_up_not_stored_whose_lookup_is_rate_limited_is_recorded_later(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The top-up gets a 500 (nothing stored), the lookup a 429: the entry stays open, and a
    restarted counter records the top-up once its settle window has passed."""
    state = standin.state
    desk = desk_factory()
    quote = booking.quote(desk, state.add_voucher("RL-LOOKUP-B", Decimal("20")), adults=1)
    standin.faults.add(Fault("error", method="POST", path=PAYMENTS, status=500))
    standin.faults.add(Fault("rate_limit", method="GET", path=PAYMENTS, times=3))

    first = desk.redeem(quote)
    assert standin.faults.pending() == []
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED, first.case
    again = desk_factory()  # a restart, bookingkit healthy again
    time.sleep(SETTLE + 0.2)  # the new desk waits a whole window from its own start
    again.reconcile_pending()

    (order,) = state.orders_with_reference(first.key)
    entry = desk.journal.get(first.key)
    assert cash(standin, order["id"]) == [Decimal("10")], (entry.state, entry.note)
    assert entry.state is EntryState.DONE


def test_stop_waiting_during_a_429_backoff_sends_the_order_no_more(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The order is answered 429 with Retry-After: 2; the clerk stops waiting meanwhile and is
    told nothing is sent again. The resend after the backoff is withdrawn: nothing booked."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("RL-STOP", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("rate_limit", method="POST", path="/v3/orders", seconds=2))
    outcomes: list[RedemptionOutcome] = []
    worker = threading.Thread(target=lambda: outcomes.append(desk.redeem(quote)))
    worker.start()
    deadline = time.monotonic() + 5
    while standin.faults.pending() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert standin.faults.pending() == []  # the 429 is answered: the client is backing off
    desk.stop_waiting()
    worker.join(30)
    (first,) = outcomes

    assert state.orders_with_reference(first.key) == []
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert first.case is not OutcomeCase.BOOKED, first.case
    assert desk.journal.get(first.key).state is EntryState.UNKNOWN  # settled by a later check
    time.sleep(SETTLE)
    (settled,) = desk.reconcile_pending()
    assert settled.case is OutcomeCase.NOT_BOOKED, settled.case
    assert state.orders_with_reference(first.key) == []


def test_a_rate_limited_payments_lookup_is_not_worded_as_not_recorded(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The top-up is stored, its answer lost and the lookup down (503): "not known". On "Check
    again" only the lookup is rate-limited: still "not known", never "not recorded"."""
    state = standin.state
    desk = desk_factory()
    quote = booking.quote(desk, state.add_voucher("RL-WORDS", Decimal("20")), adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path=PAYMENTS))
    standin.faults.add(Fault("error", method="GET", path=PAYMENTS, times=-1, status=503))
    first = desk.redeem(quote)
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED
    (order,) = state.orders_with_reference(first.key)
    assert cash(standin, order["id"]) == [Decimal("10")]  # recorded, its answer lost

    standin.faults.clear()
    standin.faults.add(Fault("rate_limit", method="GET", path=PAYMENTS, times=3))
    (settled,) = desk.reconcile_pending()  # "Check again"

    assert settled.case is OutcomeCase.TOP_UP_UNCONFIRMED, settled.case
    detail = results.outcome(settled).detail
    assert "not known yet" in detail
    assert "has not recorded" not in detail
