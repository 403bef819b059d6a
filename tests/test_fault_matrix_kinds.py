"""The fault matrix for open-date tickets and passes: one fault at each step, then a restart.

An open-date ticket's redemption carries no reference of ours: a doubtful answer is settled by
reading the ticket again (DEPLETED: redeemed; OPEN after the settle window: not), never by
sending again while unsure. Afterwards bookingkit holds exactly one order for the ticket, or
none, and the journal agrees. A booking with a pass is an order with our reference, settled
like a voucher's: exactly one order, its entries used once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.desk_setup import close_desk, make_desk
from helpers.kinds_setup import PassTour, TicketTour

from voucherdesk.bookingkit.calls import CallRecord
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.standin import Fault, StandinServer

TIMEOUT = 1.0

# step -> (method, path pattern, the call after which tokens expire for "expire_tokens")
TICKET_STEPS: dict[str, tuple[str, str, Callable[[CallRecord], bool]]] = {
    "reread": ("GET", "/v3/open_date_tickets/*", lambda r: False),
    "redeem": ("POST", "/v3/open_date_tickets/*/redeem", lambda r: r.method == "GET"),
    "order_read": ("GET", "/v3/orders/*", lambda r: r.method == "POST"),
}

FAULTS: dict[str, dict[str, object]] = {
    "drop_before": {"kind": "drop_before"},
    "drop_after_commit": {"kind": "drop_after_commit"},
    "error_500": {"kind": "error", "status": 500},
    "error_after_commit": {"kind": "error_after_commit", "status": 502},
    "timeout_after_commit": {"kind": "delay_after_commit", "seconds": TIMEOUT + 0.5},
    "rate_limit": {"kind": "rate_limit"},
    "expire_tokens": {},
}


@pytest.fixture
def desk_factory(standin: StandinServer, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []

    def factory(**kwargs: Any) -> Desk:
        desk = make_desk(standin.base_url, tmp_path / "till1", timeout=TIMEOUT, **kwargs)
        made.append(desk)
        return desk

    yield factory
    for desk in made:
        close_desk(desk)


def ticket_orders(standin: StandinServer, tour: TicketTour) -> list[dict[str, Any]]:
    return [
        o
        for o in standin.state.orders()
        if o["tickets"] and o["tickets"][0]["event_id"] == tour.event_id
    ]


def redeem_posts(calls: list[CallRecord]) -> int:
    return sum(1 for c in calls if c.method == "POST" and c.path.endswith("/redeem"))


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("step", list(TICKET_STEPS))
def test_single_fault_in_a_ticket_redemption(
    standin: StandinServer, desk_factory: Callable[..., Desk], step: str, fault: str
) -> None:
    state = standin.state
    method, path, expire_after = TICKET_STEPS[step]
    armed = [False]
    calls: list[CallRecord] = []

    def observer(record: CallRecord) -> None:
        calls.append(record)
        if armed[0] and expire_after(record):
            armed[0] = False
            state.expire_tokens()

    desk = desk_factory(observer=observer)
    tour = TicketTour.add_to(standin, f"ODT-{step}-{fault}")
    quote = tour.quote(desk)
    calls.clear()
    if fault == "expire_tokens":
        if step == "reread":
            state.expire_tokens()
        else:
            armed[0] = True
    else:
        standin.faults.add(Fault(method=method, path=path, **FAULTS[fault]))  # type: ignore[arg-type]

    first = desk.redeem(quote)
    assert standin.faults.pending() == []  # the fault really struck
    later = desk_factory().reconcile_pending()  # a restart settles whatever is open

    # Every single fault ends in one redemption; a plain 429 is sent again at once (U13).
    orders = ticket_orders(standin, tour)
    assert len(orders) == 1, first.case
    assert state.open_date_ticket(tour.ticket_id)["status"] == "DEPLETED"
    entry = desk.journal.get(first.key)
    assert entry.state is EntryState.DONE, entry.state
    assert desk.journal.unfinished(desk.environment) == []
    assert entry.order_id == orders[0]["id"]
    assert entry.booking_code == orders[0]["code"]
    assert first.kind is OutcomeKind.DONE, first.case
    # Sent again only when nothing was stored, after the ticket was still OPEN past the
    # settle window.
    not_stored = step == "redeem" and fault in ("drop_before", "error_500")
    assert redeem_posts(calls) == (2 if not_stored else 1)
    assert later == [] or all(o.kind is OutcomeKind.DONE for o in later)


def test_a_lost_answer_while_the_ticket_cannot_be_read_is_never_resent(
    standin: StandinServer, desk_factory: Callable[..., Desk]
) -> None:
    calls: list[CallRecord] = []
    desk = desk_factory(observer=calls.append)
    tour = TicketTour.add_to(standin)
    quote = tour.quote(desk)
    calls.clear()
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/open_date_tickets/*"))
    # The re-read before sending works; every read after the doubtful answer fails.
    standin.faults.add(
        Fault("latency", method="GET", path="/v3/open_date_tickets/*", times=1, seconds=0)
    )
    standin.faults.add(
        Fault("error", method="GET", path="/v3/open_date_tickets/*", times=-1, status=503)
    )

    first = desk.redeem(quote)

    assert first.kind is OutcomeKind.UNKNOWN
    assert first.case is OutcomeCase.LOOKUP_FAILED
    assert desk.journal.get(first.key).state is EntryState.UNKNOWN
    again = desk.redeem(quote)  # the clerk tries again although told not to
    assert again.case is OutcomeCase.EARLIER_UNSETTLED
    assert redeem_posts(calls) == 1
    standin.faults.clear()
    (settled,) = desk.reconcile_pending()
    assert settled.kind is OutcomeKind.DONE
    assert len(ticket_orders(standin, tour)) == 1
    assert redeem_posts(calls) == 1


def test_a_ticket_that_names_no_order_is_redeemed_without_a_code(
    standin: StandinServer, desk_factory: Callable[..., Desk]
) -> None:
    """Guess U32 wrong: the ticket is DEPLETED but does not say which order."""
    standin.state.tickets_name_order = False
    desk = desk_factory()
    tour = TicketTour.add_to(standin)
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/open_date_tickets/*"))

    first = desk.redeem(tour.quote(desk))

    assert first.case is OutcomeCase.REDEEMED_NO_CODE
    assert first.kind is OutcomeKind.DONE
    assert first.booking_code is None
    assert desk.journal.get(first.key).state is EntryState.DONE
    assert len(ticket_orders(standin, tour)) == 1


def test_an_open_ticket_found_on_start_up_is_not_redeemed_again(
    standin: StandinServer, desk_factory: Callable[..., Desk]
) -> None:
    """Sent, never arrived, and the customer has most likely gone: marked not redeemed."""
    desk = desk_factory()
    tour = TicketTour.add_to(standin)
    quote = tour.quote(desk)
    entry = desk.journal.create(quote, "till1", desk.environment)
    desk.journal.mark(entry, EntryState.SENT)
    standin.state.expire_tokens()  # the restarted desk has no token of its own in memory
    ran_for = [60.0]
    later = desk_factory(monotonic=lambda: ran_for[0])
    ran_for[0] = 200.0  # the restarted desk has run for longer than a settle window
    (settled,) = later.reconcile_pending()
    assert settled.case is OutcomeCase.NOT_BOOKED
    assert ticket_orders(standin, tour) == []
    assert standin.state.open_date_ticket(tour.ticket_id)["status"] == "OPEN"


PASS_FAULTS = ["drop_before", "drop_after_commit", "error_500", "error_after_commit"]
PASS_FAULTS += ["timeout_after_commit", "rate_limit"]


@pytest.mark.parametrize("fault", PASS_FAULTS)
def test_single_fault_in_a_pass_booking(
    standin: StandinServer, desk_factory: Callable[..., Desk], fault: str
) -> None:
    desk = desk_factory()
    tour = PassTour.add_to(standin, f"PASS-{fault}")
    quote = tour.quote(desk, 2)
    standin.faults.add(Fault(method="POST", path="/v3/orders", **FAULTS[fault]))  # type: ignore[arg-type]

    first = desk.redeem(quote)
    later = desk_factory().reconcile_pending()

    (order,) = standin.state.orders_with_reference(first.key)
    assert tour.left(standin) == 5, first.case  # the entries used once
    entry = desk.journal.get(first.key)
    assert (entry.state, entry.order_id) == (EntryState.DONE, order["id"])
    assert first.kind is OutcomeKind.DONE, first.case
    assert later == []
