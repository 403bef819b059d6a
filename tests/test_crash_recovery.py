"""A counter process killed between sending the order and reading the answer."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.counter_process import read_phase, start_counter, start_ticket_counter
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.kinds_setup import TicketTour

from voucherdesk.bookingkit.environments import Environment
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.standin import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    Fault,
    StandinServer,
    StandinState,
)


def _wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


def _cash(state: StandinState, order_id: str) -> list[dict[str, object]]:
    return [p for p in state.payments(order_id) if p["payment_method"] == "Cash"]


# (where the process dies, whether a top-up is due, the journal state it leaves behind)
CASES = [
    ("order", False, EntryState.SENT),
    ("order", True, EntryState.SENT),
    ("top_up", True, EntryState.TOP_UP_SENT),
]


@pytest.mark.slow
@pytest.mark.parametrize(("killed_in", "top_up", "left_in"), CASES)
def test_killed_while_waiting_for_the_answer(
    standin: StandinServer, tmp_path: Path, killed_in: str, top_up: bool, left_in: EntryState
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    value = Decimal("20") if top_up else Decimal("100")
    vid = state.add_voucher("CRASH-1", value)
    home = tmp_path / "till1"
    # The write is stored at once, but its answer would only come after 5 s (the process is
    # killed within milliseconds of the commit).
    path = "/v3/orders" if killed_in == "order" else "/v3/orders/*/payments"
    standin.faults.add(Fault("delay_after_commit", method="POST", path=path, seconds=5))
    proc = start_counter(
        standin.base_url,
        home,
        booking,
        vid,
        1,
        counter="till1",
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_CLIENT_SECRET,
    )
    try:
        read_phase(proc, "quoted")
        if killed_in == "order":
            _wait_for(lambda: len(state.orders()) == 1)  # committed, answer pending
        else:
            _wait_for(
                lambda: len(state.orders()) == 1 and _cash(state, state.orders()[0]["id"]) != []
            )
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with Journal(home / "journal.sqlite") as journal:
        (pending,) = journal.unfinished(Environment("demo", standin.base_url))
        assert pending.state is left_in
    standin.faults.clear()

    # The till restarts (a new token is granted once the old one has run out).
    state.expire_tokens()
    desk = make_desk(standin.base_url, home)
    try:
        (settled,) = desk.reconcile_pending()
        entry = desk.journal.get(pending.key)
    finally:
        close_desk(desk)

    assert settled.kind is OutcomeKind.DONE, settled.case
    orders = state.orders_with_reference(pending.key)
    assert len(orders) == 1
    assert state.orders() == orders  # nothing was sent twice
    assert entry.state is EntryState.DONE
    assert entry.order_id == orders[0]["id"]
    left = state.voucher(vid)["remaining_value"]
    assert left == (Decimal("0") if top_up else Decimal("70"))  # drawn exactly once
    assert entry.value_left is not None
    assert entry.value_left.amount == left
    assert len(_cash(state, orders[0]["id"])) == (1 if top_up else 0)  # top-up once at most


@pytest.mark.slow
def test_killed_while_waiting_for_an_open_date_ticket_redemption(
    standin: StandinServer, tmp_path: Path
) -> None:
    """The redemption is stored at once, its answer would come after 5 s: the process dies in
    between. The restart reads the ticket (DEPLETED, naming its order): one order, no resend."""
    state = standin.state
    tour = TicketTour.add_to(standin)
    home = tmp_path / "till1"
    standin.faults.add(
        Fault("delay_after_commit", method="POST", path="/v3/open_date_tickets/*", seconds=5)
    )
    proc = start_ticket_counter(
        standin.base_url,
        home,
        tour.code,
        counter="till1",
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_CLIENT_SECRET,
    )
    try:
        read_phase(proc, "quoted")
        _wait_for(lambda: state.open_date_ticket(tour.ticket_id)["status"] == "DEPLETED")
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with Journal(home / "journal.sqlite") as journal:
        (pending,) = journal.unfinished(Environment("demo", standin.base_url))
        assert pending.state is EntryState.SENT
    standin.faults.clear()

    state.expire_tokens()
    desk = make_desk(standin.base_url, home)
    try:
        (settled,) = desk.reconcile_pending()
        entry = desk.journal.get(pending.key)
    finally:
        close_desk(desk)

    assert settled.kind is OutcomeKind.DONE, settled.case
    orders = [
        o for o in state.orders() if o["tickets"] and o["tickets"][0]["event_id"] == tour.event_id
    ]
    assert len(orders) == 1  # redeemed once, never sent again
    assert entry.state is EntryState.DONE
    assert entry.order_id == orders[0]["id"]
    assert entry.booking_code == orders[0]["code"]
    assert entry.appointment_id == tour.running_id
