"""Review findings on the money path, each proven against the stand-in over loopback HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.money import Money
from voucherdesk.standin import Fault, StandinServer

TIMEOUT = 1.0


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", timeout=TIMEOUT)
    yield made
    close_desk(made)


def test_top_up_still_on_its_way_after_the_timeout_is_not_recorded_twice(
    standin: StandinServer, desk: Desk
) -> None:
    """bookingkit stores the top-up payment only after the client gave up waiting. An early look
    at the order's payments finds nothing; adding it again then records the top-up twice."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RV-LATE-TOPUP", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    late = TIMEOUT + 0.8
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders/*/payments", seconds=late))

    landed = time.monotonic() + late + 0.5
    outcome = desk.redeem(quote)
    time.sleep(max(0.0, landed - time.monotonic()))  # let the late request land before counting

    (order,) = state.orders_with_reference(outcome.key)
    cash = [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert len(cash) == 1
    assert outcome.kind is OutcomeKind.DONE, outcome.case
    assert desk.journal.get(outcome.key).state is EntryState.DONE


def test_an_order_cancelled_in_bookingkit_is_not_reported_as_nothing_drawn(
    standin: StandinServer, desk: Desk
) -> None:
    """The order for our key exists but someone cancelled it in bookingkit before the desk could
    settle. Cancelling need not give the value back (U8), so "nothing was drawn" may be false."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RV-CANCELLED", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    entry = desk.journal.create(quote, "till1", desk.environment)
    entry = desk.journal.mark(entry, EntryState.SENT)
    body = {
        "name": "Box office",
        "lang": "en",
        "currency": "EUR",
        "external_reference": entry.key,
        "tickets": [{"date_id": booking.date_id, "participants": [{"price_id": booking.adult}]}],
        "redeemed_vouchers": [{"id": vid, "redeemed_value": Decimal("30")}],
    }
    order = state.create_order(body)
    state.patch_order(order["id"], {"status": "CANCELED"})
    assert state.voucher(vid)["remaining_value"] == Decimal("20")  # the value did not come back

    (settled,) = desk.reconcile_pending()

    assert desk.journal.get(entry.key).state is EntryState.UNDONE
    assert settled.kind is OutcomeKind.REFUSED
    assert settled.case is OutcomeCase.ORDER_CANCELLED  # not "nothing drawn"
    assert settled.order_codes == (order["code"],)


def test_a_price_changed_since_the_quote_is_not_booked_at_the_old_top_up(
    standin: StandinServer, desk: Desk
) -> None:
    """The experiences (with their prices) are cached for minutes. When bookingkit's price moved
    since the quote, the order is booked at the new price while the clerk collects the quoted
    top-up: the result screen would state a wrong amount. Stop and re-quote instead."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RV-PRICE", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    assert quote.top_up.amount == Decimal("10")
    desk.events()  # the booking panel's list, now cached with the old price
    state._store.prices[booking.adult][1]["value"] = Decimal("40.00")  # changed in bookingkit

    outcome = desk.redeem(quote)

    assert state.orders_with_reference(outcome.key) == []
    assert outcome.case is OutcomeCase.PRICE_CHANGED, outcome.case
    (change,) = outcome.price_changes
    assert change.now == Money(Decimal("40"), "EUR")
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert desk.journal.get(outcome.key).state is EntryState.ABANDONED
    (event,) = [e for e in desk.events() if e.id == booking.event_id]
    assert event.prices[0].value == Decimal("40.00")  # the re-quote sees the new price


def test_a_damaged_request_count_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "requests.json"
    path.write_text('{"2030-01": 4', encoding="utf-8")  # cut short by a crash

    counter = RequestCounter(path)
    counter.record()

    (aside,) = tmp_path.glob("requests.json.damaged-*")
    assert aside.read_text(encoding="utf-8") == '{"2030-01": 4'
    assert counter.this_month() == 1
