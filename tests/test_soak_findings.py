"""What the soak test (tests/test_soak.py) found, pinned as plain regression tests.

1. Two counters spend one voucher at the same time. Between this counter's order and its
   read of the voucher afterwards, the other counter's order draws from the voucher too. The
   desk compared the balance it read with its own quote's rest, saw less, and raised the
   "drew otherwise than quoted" alarm (ATTENTION), which stops every real redemption at the
   counter until someone acknowledges it, although its order drew exactly as quoted. A balance
   below the quote's rest is another spend; only a balance above it (our draw did not reach
   the voucher) or the voucher's record of our order at another amount is a mismatch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.transport import DeadlineTransport
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


class AfterTheOrder(httpx.BaseTransport):
    """The way to the stand-in; ``then`` runs right after an order was answered (another counter
    acts in the gap), ``voucher`` may change the voucher answers that follow."""

    def __init__(self) -> None:
        self.inner = DeadlineTransport()
        self.then: Callable[[], None] = lambda: None
        self.voucher: Callable[[dict[str, object]], dict[str, object]] | None = None
        self.booked = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v3/orders":
            answer = self.inner.handle_request(request)
            answer.read()
            self.booked = True
            self.then()
            return answer
        if (
            self.booked
            and self.voucher is not None
            and request.url.path.startswith("/v3/vouchers/")
        ):
            headers = {**request.headers, "Accept-Encoding": "identity"}
            answer = self.inner.handle_request(httpx.Request("GET", request.url, headers=headers))
            answer.read()
            return httpx.Response(answer.status_code, json=self.voucher(answer.json()))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def gap() -> Iterator[AfterTheOrder]:
    made = AfterTheOrder()
    yield made
    made.close()


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path, gap: AfterTheOrder) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1", transport=gap)
    yield made
    close_desk(made)


def test_another_counters_spend_right_after_our_order_is_no_alarm(
    standin: StandinServer, desk: Desk, gap: AfterTheOrder
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("SHARED-300", Decimal("300"))
    quote = booking.quote(desk, vid, adults=1)  # 30.00; the quote leaves 270.00
    gap.then = lambda: state.add_redemption(vid, Decimal("45"))  # the other till's order

    outcome = desk.confirm_balance(desk.redeem(quote))  # as the window and the CLI do

    assert outcome.case is OutcomeCase.BOOKED, outcome
    assert outcome.drawn == eur("30.00")
    assert outcome.value_left == eur("225.00")  # what the voucher holds now
    assert desk.journal.get(outcome.key).state is EntryState.DONE
    assert desk.alarms() == []
    again = desk.redeem(booking.quote(desk, vid, adults=1))
    assert again.case is OutcomeCase.BOOKED  # the counter goes on


def test_a_voucher_that_records_our_order_at_another_amount_raises_the_alarm(
    standin: StandinServer, desk: Desk, gap: AfterTheOrder
) -> None:
    """The order says it drew as quoted, but the voucher records twice that for it."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("DOUBLE-DRAWN", Decimal("300"))
    quote = booking.quote(desk, vid, adults=1)

    def drawn_twice(voucher: dict[str, object]) -> dict[str, object]:
        redemptions = voucher["redemptions"]
        assert isinstance(redemptions, list)
        ours = {**redemptions[-1], "redeemed_value": "60.00"}
        return {**voucher, "remaining_value": "240.00", "redemptions": [*redemptions[:-1], ours]}

    gap.voucher = drawn_twice

    outcome = desk.confirm_balance(desk.redeem(quote))  # as the window and the CLI do

    assert outcome.case is OutcomeCase.DRAWN_MISMATCH
    assert outcome.value_left == eur("240.00")
    assert desk.journal.get(outcome.key).state is EntryState.ATTENTION


def test_a_voucher_that_holds_more_than_the_quote_left_raises_the_alarm(
    standin: StandinServer, desk: Desk, gap: AfterTheOrder
) -> None:
    """The order says it drew, but the voucher was not lowered by it."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("NOT-LOWERED", Decimal("300"))
    quote = booking.quote(desk, vid, adults=1)
    gap.voucher = lambda voucher: {**voucher, "remaining_value": "300.00", "redemptions": []}

    outcome = desk.confirm_balance(desk.redeem(quote))  # as the window and the CLI do

    assert outcome.case is OutcomeCase.DRAWN_MISMATCH
    assert outcome.value_left == eur("300.00")


def test_an_entry_undone_while_the_balance_is_read_is_not_judged(
    standin: StandinServer, desk: Desk, gap: AfterTheOrder
) -> None:
    """The journal is read after the voucher: an undo that lands during that read wins, and a
    balance that no longer belongs to a live booking raises no alarm."""
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("UNDONE-MEANWHILE", Decimal("300"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=1))
    assert outcome.case is OutcomeCase.BOOKED

    def undone_meanwhile(voucher: dict[str, object]) -> dict[str, object]:
        entry = desk.journal.get(outcome.key)
        desk.journal.mark(entry, EntryState.UNDONE, note="undone at another till")
        return {**voucher, "remaining_value": "300.00", "redemptions": []}

    gap.voucher = undone_meanwhile

    checked = desk.confirm_balance(outcome)

    assert checked is outcome
    assert desk.journal.get(outcome.key).state is EntryState.UNDONE
    assert desk.alarms() == []
