"""Every single fault at every step of a redemption: never a doubled, never a lost redemption.

Each case redeems a 20.00 EUR voucher for a 30.00 EUR booking (so both the order and the top-up
step run), injects one fault, then reconciles like a restart would. Afterwards bookingkit and
the journal must agree: one order for the key, the voucher drawn once, the top-up recorded
once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.calls import CallRecord
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.money import Money
from voucherdesk.standin import Fault, StandinServer

TIMEOUT = 1.0

# step -> (method, path pattern, the call after which tokens expire for "expire_tokens";
# for "reread" they expire before the redemption's first call)
STEPS: dict[str, tuple[str, str, Callable[[CallRecord], bool]]] = {
    "reread": ("GET", "/v3/vouchers/*", lambda r: False),
    "order": ("POST", "/v3/orders", lambda r: r.method == "GET" and r.path.startswith("/vouch")),
    "top_up": ("POST", "/v3/orders/*/payments", lambda r: r.method == "POST"),
}

FAULTS: dict[str, dict[str, object]] = {
    "drop_before": {"kind": "drop_before"},
    "drop_after_commit": {"kind": "drop_after_commit"},
    "error_500": {"kind": "error", "status": 500},
    "slow_answer": {"kind": "delay_after_commit", "seconds": TIMEOUT + 0.5},
    "rate_limit": {"kind": "rate_limit"},
    "expire_tokens": {},
}


@pytest.fixture
def booking(standin: StandinServer) -> Booking:
    return Booking.add_to(standin)


@pytest.fixture
def desk_factory(standin: StandinServer, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []

    def factory(**kwargs: object) -> Desk:
        desk = make_desk(standin.base_url, tmp_path / "till1", timeout=TIMEOUT, **kwargs)  # type: ignore[arg-type]
        made.append(desk)
        return desk

    yield factory
    for desk in made:
        close_desk(desk)


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("step", list(STEPS))
def test_single_fault(
    standin: StandinServer,
    booking: Booking,
    desk_factory: Callable[..., Desk],
    step: str,
    fault: str,
) -> None:
    state = standin.state
    method, path, expire_after = STEPS[step]
    armed = [False]

    def observer(record: CallRecord) -> None:
        if armed[0] and expire_after(record):
            armed[0] = False
            state.expire_tokens()

    desk = desk_factory(observer=observer)
    vid = state.add_voucher(f"FM-{step}-{fault}", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    assert (quote.drawn.amount, quote.top_up.amount) == (Decimal("20"), Decimal("10"))
    if fault == "expire_tokens":
        if step == "reread":
            state.expire_tokens()  # before the very first call of the redemption
        else:
            armed[0] = True
    else:
        standin.faults.add(Fault(method=method, path=path, **FAULTS[fault]))  # type: ignore[arg-type]

    tokens_before = state.token_requests
    first = desk.redeem(quote)
    # The fault really struck.
    assert standin.faults.pending() == []
    if fault == "expire_tokens":
        assert not armed[0]
        assert state.token_requests == tokens_before + 1
    # A restart: a new Desk on the same journal settles whatever is open.
    later = desk_factory().reconcile_pending()

    # Every single fault, a plain 429 included (bookingkit did nothing: sent again), ends in
    # one order and one top-up.
    (order,) = state.orders_with_reference(first.key)
    assert state.voucher(vid)["remaining_value"] == Decimal("0"), first.case
    entry = desk.journal.get(first.key)
    assert entry.state is EntryState.DONE
    assert desk.journal.unfinished(desk.environment) == []
    assert entry.order_id == order["id"]
    assert entry.booking_code == order["code"]
    cash = [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert [p["value"] for p in cash] == [Decimal("10")]
    assert entry.note == ""
    # The clerk's screen was truthful, and a single fault is settled while the customer waits.
    assert first.kind is OutcomeKind.DONE, first.case
    assert first.booking_code == order["code"]
    assert later == []


def test_unknown_until_bookingkit_answers_again(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The order went through but neither its answer nor the lookup came back."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-LOOKUP-DOWN", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))

    first = desk.redeem(quote)

    assert first.kind is OutcomeKind.UNKNOWN
    assert first.case is OutcomeCase.LOOKUP_FAILED
    assert desk.journal.get(first.key).state is EntryState.UNKNOWN
    assert [e.key for e in desk.journal.unfinished(desk.environment)] == [first.key]

    standin.faults.clear()
    (settled,) = desk.reconcile_pending()

    assert settled.kind is OutcomeKind.DONE
    assert len(state.orders_with_reference(first.key)) == 1
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert desk.journal.get(first.key).state is EntryState.DONE


def test_never_sent_and_lookup_down_is_not_resent_on_start_up(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-NEVER", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))

    first = desk.redeem(quote)
    assert first.kind is OutcomeKind.UNKNOWN

    standin.faults.clear()
    # Inside the settle window the entry stays open, also for a restarted desk (it waits a
    # full window from its own start); once that has passed, an empty lookup settles it.
    (early,) = desk.reconcile_pending()
    assert early.kind is OutcomeKind.UNKNOWN
    state.expire_tokens()  # the restarted desk has no token of its own in memory
    ran_for = [0.0]
    later = desk_factory(monotonic=lambda: time.monotonic() + ran_for[0])
    (still_early,) = later.reconcile_pending()
    assert still_early.case is OutcomeCase.NO_ANSWER_YET
    ran_for[0] = 60.0  # the restarted desk has run for a minute
    (settled,) = later.reconcile_pending()

    assert settled.kind is OutcomeKind.REFUSED, settled.case
    assert state.orders_with_reference(first.key) == []
    assert state.voucher(vid)["remaining_value"] == Decimal("50")
    assert desk.journal.get(first.key).state is EntryState.REFUSED


def test_two_orders_for_one_key_are_reported(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """Should bookingkit ever hold two orders for our key, say so instead of picking one."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-TWICE", Decimal("100"))
    quote = booking.quote(desk, vid, adults=1)
    entry = desk.journal.create(quote, "till1", desk.environment)
    entry = desk.journal.mark(entry, EntryState.SENT)
    for _ in range(2):  # as if an earlier request had been processed late, after a resend
        body = {
            "name": "Box office",
            "lang": "en",
            "currency": "EUR",
            "external_reference": entry.key,
            "tickets": [
                {
                    "date_id": booking.date_id,
                    "participants": [{"price_id": booking.adult}],
                }
            ],
        }
        state.create_order(body)

    (settled,) = desk.reconcile_pending()

    assert settled.case is OutcomeCase.SEVERAL_ORDERS
    assert len(settled.order_codes) == 2
    assert desk.journal.get(entry.key).state is EntryState.UNKNOWN


def test_confirming_again_after_unknown_settles_first(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """The clerk presses confirm again although the screen said "do not book again"."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-AGAIN", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    standin.faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    first = desk.redeem(quote)
    assert first.kind is OutcomeKind.UNKNOWN

    still_down = desk.redeem(quote)  # bookingkit still cannot say: nothing new is sent
    assert still_down.kind is OutcomeKind.UNKNOWN
    assert still_down.key == first.key
    assert still_down.case is OutcomeCase.EARLIER_UNSETTLED

    standin.faults.clear()
    again = desk.redeem(quote)  # the first one is found booked; the balance moved on

    assert again.kind is OutcomeKind.REQUOTE
    assert len(state.orders()) == 1
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert desk.journal.get(first.key).state is EntryState.DONE
    assert desk.journal.unfinished(desk.environment) == []


def test_top_up_unknown_keeps_the_booking_and_is_settled_later(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-TOPUP-DOWN", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders/*/payments"))
    standin.faults.add(
        Fault("error", method="GET", path="/v3/orders/*/payments", times=-1, status=503)
    )

    first = desk.redeem(quote)

    assert first.kind is OutcomeKind.UNKNOWN
    (order,) = state.orders_with_reference(first.key)
    assert first.booking_code == order["code"]
    assert first.case is OutcomeCase.TOP_UP_UNCONFIRMED  # the booking is certain
    assert first.top_up == Money(Decimal(10), "EUR")
    assert desk.journal.get(first.key).state is EntryState.TOP_UP_SENT

    standin.faults.clear()
    (settled,) = desk.reconcile_pending()

    assert settled.kind is OutcomeKind.DONE
    cash = [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert len(cash) == 1  # found, not added a second time
    assert desk.journal.get(first.key).state is EntryState.DONE


def test_a_top_up_that_stays_rate_limited_is_sent_again_later_not_given_up(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """bookingkit keeps answering the top-up with a plain 429: nothing was recorded, and a
    rate limit is no refusal. The booking stands, the clerk collects the top-up, and the
    counter records it itself once bookingkit takes requests again (not the clerk by hand)."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-TOPUP-429", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(
        Fault("rate_limit", method="POST", path="/v3/orders/*/payments", times=-1, seconds=0.1)
    )

    first = desk.redeem(quote)

    (order,) = state.orders_with_reference(first.key)
    assert first.case is OutcomeCase.TOP_UP_LATER, first.case
    assert first.booking_code == order["code"]
    assert first.top_up == Money(Decimal(10), "EUR")
    assert not [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert desk.journal.get(first.key).state is EntryState.TOP_UP_SENT

    standin.faults.clear()
    (settled,) = desk.reconcile_pending()

    assert settled.kind is OutcomeKind.DONE, settled.case
    assert settled.case is OutcomeCase.BOOKED
    cash = [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert [p["value"] for p in cash] == [Decimal("10")]
    entry = desk.journal.get(first.key)
    assert (entry.state, entry.note) == (EntryState.DONE, "")


def test_an_order_that_stays_rate_limited_is_refused_with_nothing_booked(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-ORDER-429", Decimal("20"))
    quote = booking.quote(desk, vid, adults=1)
    standin.faults.add(Fault("rate_limit", method="POST", path="/v3/orders", times=-1, seconds=0.1))

    first = desk.redeem(quote)

    assert first.case is OutcomeCase.BOOKINGKIT_REFUSED, first.case
    assert state.orders_with_reference(first.key) == []
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert desk.journal.get(first.key).state is EntryState.REFUSED


def test_order_still_on_its_way_after_the_timeout_is_not_sent_twice(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """bookingkit stores the order only after the client gave up waiting. An early lookup finds
    nothing; resending then would book twice (the voucher covers both). The desk waits out the
    settle window, finds the one order, and finishes it."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-LATE-COMMIT", Decimal("100"))
    quote = booking.quote(desk, vid, adults=1)
    late = TIMEOUT + 0.8
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=late))

    landed = time.monotonic() + late + 0.5
    outcome = desk.redeem(quote)
    # Let the late request land before counting (this is the passage of time under test).
    time.sleep(max(0.0, landed - time.monotonic()))

    orders = state.orders_with_reference(outcome.key)
    assert len(orders) == 1
    assert state.voucher(vid)["remaining_value"] == Decimal("70")
    assert outcome.kind is OutcomeKind.DONE
    assert outcome.booking_code == orders[0]["code"]
    assert desk.journal.get(outcome.key).state is EntryState.DONE


def test_restart_right_after_a_doubtful_send_keeps_the_entry_open(
    standin: StandinServer, booking: Booking, desk_factory: Callable[..., Desk]
) -> None:
    """A restart inside the settle window must not declare "not booked": the order may still
    arrive. The entry stays UNKNOWN and is settled by a later check."""
    state = standin.state
    desk = desk_factory()
    vid = state.add_voucher("FM-YOUNG", Decimal("100"))
    quote = booking.quote(desk, vid, adults=1)
    entry = desk.journal.create(quote, "till1", desk.environment)
    desk.journal.mark(entry, EntryState.SENT)  # as if the process died right after sending
    state.expire_tokens()  # the restarted desk signs in afresh

    first = desk_factory().reconcile_pending()
    assert [o.case for o in first] == [OutcomeCase.NO_ANSWER_YET]
    assert desk.journal.get(entry.key).state is EntryState.UNKNOWN
    assert state.orders_with_reference(entry.key) == []
