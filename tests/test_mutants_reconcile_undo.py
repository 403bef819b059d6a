"""Mutation testing of the money path, reconcile.py and undo.py (``bash tests/mutation.sh``): tests
that kill mutants the rest of the suite lets survive, and in ``EXPLAINED`` the survivors that
cannot or need not be killed, each with its reason (gathered by tests/helpers/explained_mutants).

The desk runs against the stand-in over loopback HTTP, with the proxy, the stepped monotonic
clock and the failing journal of tests/test_mutants_explained.py. Each test names the
functions whose mutants it was written for.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from test_mutants_explained import (
    Proxy,
    SteppedMonotonic,
    eur,
    journal_fails_after_sending,
    rewrite_json,
)

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.standin import StandinServer


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    made = Proxy()
    yield made
    made.close()


@pytest.fixture
def mono() -> SteppedMonotonic:
    return SteppedMonotonic()


@pytest.fixture
def desk(
    standin: StandinServer, tmp_path: Path, proxy: Proxy, mono: SteppedMonotonic
) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", transport=proxy, monotonic=mono)
    yield made
    close_desk(made)


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
    journal_fails_after_sending(monkeypatch, EntryState.BOOKED)

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
    journal_fails_after_sending(monkeypatch, EntryState.BOOKED)

    outcome = desk.redeem(quote)

    assert (outcome.case, outcome.key) == (OutcomeCase.LOOKUP_FAILED, only_key(desk))


EXPLAINED: dict[str, str] = {}
