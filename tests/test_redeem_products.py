"""The whole booking through the Desk against the stand-in over real loopback HTTP (issue #14):
the customer's name and e-mail, a comment, each participant's answer and add-on products, all
paid by the voucher; a product whose price moved since the quote means a re-quote, nothing
sent."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import Booking, close_desk, make_desk

from voucherdesk.bookingkit.calls import CallRecord
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.quote import BookingDetails, Quote
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


@pytest.fixture
def calls() -> list[CallRecord]:
    return []


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path, calls: list[CallRecord]) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till1", observer=calls.append)
    yield d
    close_desk(d)


@pytest.fixture
def booking(standin: StandinServer) -> Booking:
    return Booking.add_to(standin)


@pytest.fixture
def products(standin: StandinServer, booking: Booking) -> tuple[str, str]:
    """A photo package (12.00, 5 in stock) and a dry bag (4.50) for the test tour."""
    state = standin.state
    photo = state.add_product(
        "Photo package", Decimal("12.00"), events=[booking.event_id], available=5
    )
    bag = state.add_product("Dry bag", Decimal("4.50"), events=[booking.event_id])
    return photo, bag


DETAILS = BookingDetails(
    customer_name="Erika Mustermann",
    customer_email="erika@example.org",
    comment="Birthday party",
    answers=("can swim, shoe 39", "", "size 32"),
)


def whole_quote(desk: Desk, booking: Booking, voucher_id: str, add_ons: dict[str, int]) -> Quote:
    client = desk.client
    return desk.quote(
        client.get_voucher(voucher_id),
        client.get_event(booking.event_id),
        client.get_date(booking.date_id),
        {booking.adult: 2, booking.child: 1},
        products=add_ons,
        catalog=desk.products(),
        details=DETAILS,
    )


def test_the_whole_booking_is_sent_and_read_back(
    standin: StandinServer, desk: Desk, booking: Booking, products: tuple[str, str]
) -> None:
    state = standin.state
    photo, bag = products
    vid = state.add_voucher("WHOLE-100", Decimal("100"))
    quote = whole_quote(desk, booking, vid, {photo: 2, bag: 1})
    assert quote.total == eur("101.00")  # 2 x 30 + 12.50 + 2 x 12 + 4.50
    assert quote.drawn == eur("100")
    assert quote.top_up == eur("1.00")

    out = desk.confirm_balance(desk.redeem(quote))

    assert out.case is OutcomeCase.BOOKED, out
    assert out.order_id is not None
    order = desk.client.get_order(out.order_id)  # the order as bookingkit has it now
    assert order.name == "Erika Mustermann"
    assert order.email == "erika@example.org"
    assert order.comment is not None
    assert order.comment.startswith("Birthday party")
    assert order.comment.endswith("VoucherDesk till1")  # the counter's mark stays
    people = [p for t in order.tickets for p in t.participants]
    assert [p.comment for p in people] == ["can swim, shoe 39", None, "size 32"]
    assert [p.price_id for p in people] == [booking.adult, booking.adult, booking.child]
    assert [(p.product_id, p.amount, p.price) for p in order.products] == [
        (photo, 2, Decimal("12.00")),
        (bag, 1, Decimal("4.50")),
    ]
    assert order.total_invoice == quote.total.amount
    assert order.drawn_from(vid) == quote.drawn.amount
    # the voucher went down by exactly what was drawn, no more and no less
    assert state.voucher(vid)["remaining_value"] == Decimal("100") - quote.drawn.amount
    assert state.product(photo)["available"] == 3
    payments = desk.client.list_payments(out.order_id)
    assert sum(p.value for p in payments) == quote.total.amount  # voucher + the top-up
    entry = desk.journal.get(out.key)
    assert entry.state is EntryState.DONE
    assert entry.quote.details == DETAILS  # nothing to clean in these
    assert entry.quote.products == quote.products
    assert [e.key for e in desk.history(search="Mustermann")] == [out.key]


def test_a_product_price_changed_since_the_quote_sends_nothing(
    standin: StandinServer,
    desk: Desk,
    booking: Booking,
    products: tuple[str, str],
    calls: list[CallRecord],
) -> None:
    state = standin.state
    photo, bag = products
    vid = state.add_voucher("MOVED-100", Decimal("100"))
    quote = whole_quote(desk, booking, vid, {photo: 1, bag: 1})
    state.set_product_price(photo, Decimal("14.00"))  # changed in bookingkit meanwhile
    calls.clear()

    out = desk.redeem(quote)

    assert out.case is OutcomeCase.PRICE_CHANGED, out.case
    (change,) = out.price_changes
    assert (change.price_id, change.title) == (photo, "Photo package")
    assert (change.quoted, change.now) == (eur("12.00"), eur("14.00"))
    assert [c.method for c in calls] == ["GET", "GET", "GET"]  # re-read only, nothing sent
    assert state.orders_with_reference(out.key) == []
    assert state.voucher(vid)["remaining_value"] == Decimal("100")
    assert state.product(photo)["available"] == 5
    assert desk.journal.get(out.key).state is EntryState.ABANDONED
    again = [p for p in desk.products() if p.id == photo]
    assert again[0].price == Decimal("14.00")  # the re-quote sees the new price


def test_a_product_withdrawn_since_the_quote_sends_nothing(
    standin: StandinServer, desk: Desk, booking: Booking, products: tuple[str, str]
) -> None:
    state = standin.state
    photo, _ = products
    vid = state.add_voucher("GONE-100", Decimal("100"))
    quote = whole_quote(desk, booking, vid, {photo: 1})
    del state._store.products[photo]  # withdrawn in bookingkit

    out = desk.redeem(quote)

    assert out.case is OutcomeCase.PRICE_CHANGED
    assert [(c.title, c.now) for c in out.price_changes] == [("Photo package", None)]
    assert state.orders_with_reference(out.key) == []


def test_the_common_case_reads_no_products_before_sending(
    standin: StandinServer, desk: Desk, booking: Booking, calls: list[CallRecord]
) -> None:
    vid = standin.state.add_voucher("PLAIN-50", Decimal("50"))
    quote = booking.quote(desk, vid, adults=1)
    calls.clear()
    out = desk.redeem(quote)
    assert out.case is OutcomeCase.BOOKED
    assert not any(c.path.startswith("/products") for c in calls)


def test_a_small_voucher_leaves_the_products_to_the_top_up(
    standin: StandinServer, desk: Desk, booking: Booking, products: tuple[str, str]
) -> None:
    state = standin.state
    photo, _ = products
    vid = state.add_voucher("SMALL-40", Decimal("40"))
    quote = whole_quote(desk, booking, vid, {photo: 1})
    out = desk.confirm_balance(desk.redeem(quote))
    assert out.case is OutcomeCase.BOOKED
    assert (out.drawn, out.top_up, out.value_left) == (eur("40"), eur("44.50"), eur("0"))
    assert state.voucher(vid)["remaining_value"] == Decimal("0")


def test_undo_gives_the_products_back_to_stock(
    standin: StandinServer, desk: Desk, booking: Booking, products: tuple[str, str]
) -> None:
    state = standin.state
    photo, _ = products
    vid = state.add_voucher("UNDO-100", Decimal("100"))
    out = desk.redeem(whole_quote(desk, booking, vid, {photo: 2}))
    assert state.product(photo)["available"] == 3
    assert desk.undo(out.key).cancelled
    assert state.product(photo)["available"] == 5
