"""bookingkit stored the write, then answered 5xx (or answered after the client gave up).

A desk that resends a POST blindly on a 5xx books twice here; these tests are there to fail
such a mutant. Against the stand-in over loopback, through the Desk's public API.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.desk.desk import Desk
from voucherdesk.standin import Fault, StandinServer

TIMEOUT = 1.0


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", timeout=TIMEOUT)
    yield made
    close_desk(made)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_order_stored_then_5xx_yields_exactly_one_order(
    standin: StandinServer, desk: Desk, status: int
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    # Enough value for two orders: a second POST would not be stopped by the balance.
    vid = state.add_voucher(f"STORED-{status}", Decimal("500"))
    quote = booking.quote(desk, vid, adults=2)
    standin.faults.add(Fault("error_after_commit", method="POST", path="/v3/orders", status=status))

    outcome = desk.redeem(quote)
    desk.reconcile_pending()  # a restart would settle whatever is open; it must not resend

    assert standin.faults.pending() == []  # the fault really struck
    orders = state.orders_with_reference(outcome.key)
    assert len(orders) == 1
    assert state.voucher(vid)["remaining_value"] == Decimal("440.00")  # drawn once
    assert len(state.orders()) == 1


def test_top_up_stored_then_5xx_is_recorded_once(standin: StandinServer, desk: Desk) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("STORED-TOPUP", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)  # 30.00: 20.00 from the voucher, 10.00 top-up
    standin.faults.add(Fault("error_after_commit", method="POST", path="/v3/orders/*/payments"))

    outcome = desk.redeem(quote)
    desk.reconcile_pending()

    assert standin.faults.pending() == []
    (order,) = state.orders_with_reference(outcome.key)
    cash = [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert len(cash) == 1
    assert cash[0]["value"] == Decimal("10.00")


def test_answer_after_the_clients_deadline_yields_exactly_one_order(
    standin: StandinServer, desk: Desk
) -> None:
    """The order is stored; its answer comes after the client gave up waiting."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("LATE-ANSWER", Decimal("500"))
    quote = booking.quote(desk, vid, adults=1)
    late = desk.client.deadline + 0.5
    standin.faults.add(Fault("delay_after_commit", method="POST", path="/v3/orders", seconds=late))

    outcome = desk.redeem(quote)
    desk.reconcile_pending()

    assert len(state.orders_with_reference(outcome.key)) == 1
    assert state.voucher(vid)["remaining_value"] == Decimal("470.00")
