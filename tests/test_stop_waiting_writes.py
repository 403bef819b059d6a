""" "Stop waiting" and the writes sent again after a 429 or a new sign-in: once the clerk stopped
waiting, no resend leaves (errors.NotSent), an entry whose resend was withdrawn stays open and
is settled by a later check, and a stop belongs to the redemption it was pressed for, not to
an undo or a "Check again" later.

``Wire`` records every request that really leaves; ``_stop_on_first`` presses "Stop waiting"
the moment a matching request gets a given answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fnmatch import fnmatchcase
from pathlib import Path

import httpx
import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.transport import DeadlineTransport
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.undo import UndoCase
from voucherdesk.standin import Fault, StandinServer
from voucherdesk.ui.wording import history, results

PAYMENTS = "/v3/orders/*/payments"


class Wire(httpx.BaseTransport):
    """The way to the stand-in: records every request that actually leaves, and runs
    ``hook(request)`` after bookingkit answered it (the clerk acting meanwhile)."""

    def __init__(self) -> None:
        self.inner = DeadlineTransport()
        self.sent: list[tuple[str, str]] = []
        self.hook: Callable[[httpx.Request, httpx.Response], None] = lambda _q, _a: None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        answer = self.inner.handle_request(request)
        answer.read()
        self.hook(request, answer)
        return answer

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p in self.sent if m == method and fnmatchcase(p, pattern))

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def wire() -> Iterator[Wire]:
    made = Wire()
    yield made
    made.close()


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path, wire: Wire) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", transport=wire)
    yield made
    close_desk(made)


def _stop_on_first(
    desk: Desk, wire: Wire, method: str, pattern: str, status: int
) -> dict[str, int]:
    """The clerk presses "Stop waiting" once the first matching request got ``status``;
    returns how many matching requests had left by then (filled in by the hook)."""
    seen: dict[str, int] = {}

    def hook(request: httpx.Request, answer: httpx.Response) -> None:
        if (
            not seen
            and request.method == method
            and fnmatchcase(request.url.path, pattern)
            and answer.status_code == status
        ):
            desk.stop_waiting()
            seen["at_stop"] = wire.count(method, pattern)

    wire.hook = hook
    return seen


@pytest.mark.parametrize("status", [429, 401])
def test_no_top_up_leaves_after_stop_waiting(
    standin: StandinServer, desk: Desk, wire: Wire, status: int
) -> None:
    """The top-up POST is answered 429 (or 401: token refused, signing in again); the clerk
    presses "Stop waiting" meanwhile and reads "VoucherDesk sends nothing again". No top-up
    leaves after that; it is recorded by a later check (TOP_UP_LATER)."""
    state = standin.state
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, state.add_voucher("RV2-TOPUP", Decimal("20")), adults=1)
    seen = _stop_on_first(desk, wire, "POST", PAYMENTS, status)
    if status == 429:
        standin.faults.add(Fault("rate_limit", method="POST", path=PAYMENTS))
    else:  # the token runs out right after the order: the top-up is answered 401
        stop = wire.hook

        def expire(request: httpx.Request, answer: httpx.Response) -> None:
            if request.method == "POST" and request.url.path == "/v3/orders":
                state.expire_tokens()
            stop(request, answer)

        wire.hook = expire

    outcome = desk.redeem(quote)

    assert seen == {"at_stop": 1}
    after_stop = wire.count("POST", PAYMENTS) - seen["at_stop"]
    assert after_stop == 0, (
        f"{after_stop} top-up POST(s) left after Stop waiting; outcome {outcome.case}, "
        f"entry {desk.journal.get(outcome.key).state}"
    )
    assert outcome.case is OutcomeCase.TOP_UP_LATER, outcome.case
    assert desk.journal.get(outcome.key).state is EntryState.TOP_UP_SENT


def test_a_top_up_answered_with_garbage_is_not_sent_again_after_stop_waiting(
    standin: StandinServer, desk: Desk, wire: Wire
) -> None:
    """The top-up is answered with something unreadable (nothing stored), and the clerk has
    pressed "Stop waiting" meanwhile: the payments are looked up (none), and nothing more is
    sent; the entry stays open and a later check records the top-up once."""
    state = standin.state
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, state.add_voucher("SW-GARBAGE", Decimal("20")), adults=1)
    standin.faults.add(Fault("malformed", method="POST", path=PAYMENTS))
    forward = wire.handle_request

    def stop_at_the_top_up(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and fnmatchcase(request.url.path, PAYMENTS):
            desk.stop_waiting()
        return forward(request)

    wire.handle_request = stop_at_the_top_up  # type: ignore[method-assign]

    outcome = desk.redeem(quote)

    assert wire.count("POST", PAYMENTS) == 1
    assert outcome.case is OutcomeCase.TOP_UP_LATER, outcome.case
    (order,) = state.orders_with_reference(outcome.key)
    assert not [p for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    wire.handle_request = forward  # type: ignore[method-assign]
    (settled,) = desk.reconcile_pending()  # "Check again", the stop still in force
    assert settled.case is OutcomeCase.BOOKED, settled.case
    cash = [p["value"] for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert cash == [Decimal("10")]


def test_an_earlier_stop_does_not_withdraw_an_undos_cancel(
    standin: StandinServer, desk: Desk, wire: Wire
) -> None:
    """The clerk stopped waiting for a slow booking; its answer came and the result showed
    "Booked". The customer changes their mind: Undo. The cancel is answered with a plain 429
    and sent again (that stop was for the booking), and the order is cancelled."""
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RV2-UNDO", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)  # 30.00 from 50.00: no top-up
    _stop_on_first(desk, wire, "POST", "/v3/orders", 201)
    booked = desk.redeem(quote)  # Stop waiting while the order was on its way
    assert booked.case is OutcomeCase.BOOKED
    wire.hook = lambda _q, _a: None
    standin.faults.add(Fault("rate_limit", method="PATCH", path="/v3/orders/*"))

    undone = desk.undo(booked.key)

    (order,) = state.orders_with_reference(booked.key)
    assert undone.case is UndoCase.CANCELLED, (
        undone.case,
        order["status"],
        desk.journal.get(booked.key).state,
        wire.count("PATCH", "/v3/orders/*"),
        history.undo_result(undone),
    )


def test_check_again_after_a_stop_records_a_top_up_later_as_without_one(
    standin: StandinServer, desk: Desk, wire: Wire
) -> None:
    """A top-up rate-limited beyond the client's patience (Retry-After 60) is TOP_UP_LATER.
    The clerk had pressed "Stop waiting" during the order, and a stop stays in force for
    "Check again" (no order is sent again for a customer who may have left). bookingkit limits
    two more requests: the check's resend is withdrawn, and the result still says truly "not
    recorded yet" (never "not known"); a check without them records it."""
    state = standin.state
    booking = Booking.add_to(standin)
    quote = booking.quote(desk, state.add_voucher("RV2-LATER", Decimal("20")), adults=1)
    standin.faults.add(Fault("rate_limit", method="POST", path=PAYMENTS, seconds=60))
    _stop_on_first(desk, wire, "POST", "/v3/orders", 201)
    first = desk.redeem(quote)
    assert first.case is OutcomeCase.TOP_UP_LATER, first.case
    wire.hook = lambda _q, _a: None
    standin.faults.add(Fault("rate_limit", method="POST", path=PAYMENTS, times=2))

    (checked,) = desk.reconcile_pending()  # "Check again"

    (order,) = state.orders_with_reference(first.key)
    cash = [p["value"] for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert checked.case in (OutcomeCase.BOOKED, OutcomeCase.TOP_UP_LATER), (
        checked.case,
        results.outcome(checked).detail,
        cash,
        desk.journal.get(first.key).state,
    )
    assert checked.case is OutcomeCase.TOP_UP_LATER or cash == [Decimal("10")]
    standin.faults.clear()
    (again,) = desk.reconcile_pending()  # bookingkit takes requests again
    assert again.case is OutcomeCase.BOOKED, again.case
    cash = [p["value"] for p in state.payments(order["id"]) if p["payment_method"] == "Cash"]
    assert cash == [Decimal("10")]


@pytest.mark.parametrize("kind", ["voucher", "ticket", "pass"])
@pytest.mark.parametrize("status", [429, 401])
def test_a_withdrawn_resend_of_a_booking_stays_open_and_sends_nothing(
    standin: StandinServer, desk: Desk, wire: Wire, kind: str, status: int
) -> None:
    """The booking's write answered 429 or 401, Stop waiting, its resend withdrawn: nothing
    more is sent, the entry is UNKNOWN (never "not booked" inside the settle window), and a
    check after the window says "not booked" with nothing in bookingkit."""
    import time

    from helpers.kinds_setup import PassTour, TicketTour

    state = standin.state
    if kind == "voucher":
        quote = Booking.add_to(standin).quote(
            desk, state.add_voucher("RV2-ORDER", Decimal("50")), adults=1
        )
        method, pattern = "POST", "/v3/orders"
    elif kind == "ticket":
        quote = TicketTour.add_to(standin).quote(desk)
        method, pattern = "POST", "/v3/open_date_tickets/*/redeem"
    else:
        tour = PassTour.add_to(standin)
        quote = tour.quote(desk, entries=1)
        method, pattern = "POST", "/v3/orders"
    seen = _stop_on_first(desk, wire, method, pattern, status)
    if status == 429:
        standin.faults.add(Fault("rate_limit", method=method, path=pattern))
    else:
        stop = wire.hook

        def expire(request: httpx.Request, answer: httpx.Response) -> None:
            if request.method == "GET":
                state.expire_tokens()
            stop(request, answer)

        wire.hook = expire

    outcome = desk.redeem(quote)

    assert seen == {"at_stop": 1}, (outcome.case, wire.sent)
    assert wire.count(method, pattern) == 1
    assert outcome.case is OutcomeCase.NO_ANSWER_YET, outcome.case
    assert desk.journal.get(outcome.key).state is EntryState.UNKNOWN
    time.sleep(3.1)
    (settled,) = desk.reconcile_pending()
    assert settled.case is OutcomeCase.NOT_BOOKED, settled.case
    assert wire.count(method, pattern) == 1
