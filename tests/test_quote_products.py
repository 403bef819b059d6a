"""Quotes with add-on products and booking details: exact arithmetic rounded once, the refusals
bookingkit would give, and a journal that keeps all of it (issue #14)."""

from __future__ import annotations

import json
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from helpers.desk_factories import NOW, event, event_date, voucher
from hypothesis import given, settings
from hypothesis import strategies as st

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.calls import OrderDraft
from voucherdesk.bookingkit.models import Product
from voucherdesk.desk.add_ons import offered
from voucherdesk.desk.quote import (
    BookingDetails,
    Quote,
    QuoteProblem,
    QuoteRefused,
    make_quote,
    seat_titles,
)
from voucherdesk.money import Money, minor_units


def product(pid: str, price: str | Decimal, **over: Any) -> Product:
    data: dict[str, Any] = {
        "id": pid,
        "vendor_id": "vendor",
        "name": pid.title(),
        "price": Decimal(price),
        "currency": "EUR",
        "dependencies": [{"events": [{"id": "e1"}]}],
    }
    data.update(over)
    return Product.model_validate(data)


PHOTO = product("photo", "12.00")
BAG = product("bag", "4.50", available=3)
CATALOG = (PHOTO, BAG)


def quote_with(
    participants: dict[str, int] | None = None,
    add_ons: dict[str, int] | None = None,
    *,
    catalog: tuple[Product, ...] = CATALOG,
    details: BookingDetails | None = None,
    **voucher_over: Any,
) -> Quote:
    return make_quote(
        voucher(**voucher_over),
        event(),
        event_date(),
        participants if participants is not None else {"p-adult": 1},
        now=NOW,
        counter_currency="EUR",
        products=add_ons or {},
        catalog=catalog,
        details=details or BookingDetails(),
    )


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def test_products_are_priced_into_total_drawn_top_up_and_value_left() -> None:
    q = quote_with({"p-adult": 2}, {"photo": 1, "bag": 2}, remaining_value=Decimal("60"))
    assert [(ln.title, ln.count, ln.subtotal) for ln in q.products] == [
        ("Photo", 1, eur("12.00")),
        ("Bag", 2, eur("9.00")),
    ]
    assert q.total == eur("92.00")  # 2 x 35.50 + 12.00 + 2 x 4.50
    assert q.drawn == eur("60")
    assert q.top_up == eur("32.00")
    assert q.value_left.is_zero
    assert q.add_ons == (("photo", 1), ("bag", 2))


def test_without_products_the_quote_is_as_before() -> None:
    q = quote_with({"p-adult": 2})
    assert q.products == ()
    assert q.total == eur("71.00")
    assert q.details == BookingDetails()


def test_u26_the_voucher_pays_products_unless_the_guess_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paid = quote_with({"p-adult": 1}, {"photo": 1})
    assert paid.drawn == eur("47.50")  # the voucher holds 100: everything
    monkeypatch.setattr(guesses, "VOUCHER_PAYS_PRODUCTS", False)
    apart = quote_with({"p-adult": 1}, {"photo": 1})
    assert apart.drawn == eur("35.50")  # the tickets only
    assert apart.top_up == eur("12.00")  # the product is always paid on top


@pytest.mark.parametrize(
    ("catalog", "add_ons", "problem"),
    [
        (CATALOG, {"nope": 1}, QuoteProblem.PRODUCT_NOT_OFFERED),
        (
            (product("other", "3", dependencies=[{"events": [{"id": "e2"}]}]),),
            {"other": 1},
            QuoteProblem.PRODUCT_NOT_OFFERED,
        ),
        (
            (product("post", "3", shipping_address=1),),
            {"post": 1},
            QuoteProblem.PRODUCT_NOT_OFFERED,
        ),
        (
            (product("card", "2", dependencies=[{"vouchers": [{}]}]),),
            {"card": 1},
            QuoteProblem.PRODUCT_NOT_OFFERED,
        ),
        ((product("gone", "2", available=0),), {"gone": 1}, QuoteProblem.PRODUCT_NOT_OFFERED),
        (CATALOG, {"bag": 4}, QuoteProblem.PRODUCT_STOCK),
        (CATALOG, {"bag": -1}, QuoteProblem.PRODUCT_NOT_OFFERED),
        ((product("chf", "5", currency="CHF"),), {"chf": 1}, QuoteProblem.WRONG_CURRENCY),
    ],
)
def test_product_refusals(
    catalog: tuple[Product, ...], add_ons: dict[str, int], problem: QuoteProblem
) -> None:
    with pytest.raises(QuoteRefused) as refused:
        quote_with({"p-adult": 1}, add_ons, catalog=catalog)
    assert refused.value.problem is problem


def test_a_stock_refusal_says_how_many_are_left() -> None:
    with pytest.raises(QuoteRefused) as refused:
        quote_with({"p-adult": 1}, {"bag": 5})
    facts = refused.value.refusal
    assert (facts.product_title, facts.product_available, facts.product_wanted) == ("Bag", 3, 5)


def test_a_product_bound_to_a_price_needs_a_participant_at_it() -> None:
    wine = product(
        "wine", "15", dependencies=[{"events": [{"id": "e1", "prices": [{"id": "p-adult"}]}]}]
    )
    with pytest.raises(QuoteRefused) as refused:
        quote_with({"p-child": 1}, {"wine": 1}, catalog=(wine,))
    assert refused.value.problem is QuoteProblem.PRODUCT_NOT_OFFERED
    assert refused.value.refusal.product_title == "Wine"
    assert quote_with({"p-adult": 1}, {"wine": 1}, catalog=(wine,)).total == eur("50.50")


def test_u24_u27_a_product_without_events_or_currency_goes_with_every_event() -> None:
    mug = product("mug", "9.90", dependencies=None, currency=None)
    assert offered((mug,), event()) == (mug,)
    q = quote_with({"p-adult": 1}, {"mug": 2}, catalog=(mug,))
    assert q.products[0].unit == eur("9.90")  # the counter's currency


def test_products_are_listed_in_the_catalogs_order_and_zero_counts_left_out() -> None:
    q = quote_with({"p-adult": 1}, {"bag": 1, "photo": 0})
    assert [ln.product_id for ln in q.products] == ["bag"]


def test_details_are_cleaned_and_kept() -> None:
    details = BookingDetails(
        customer_name="  Erika \x1b[31mMustermann\n",
        customer_email=" erika@example.org ",
        comment="Birthday\tparty",
        answers=("can swim", "", "", ""),
    )
    q = quote_with({"p-adult": 1, "p-child": 1}, details=details)
    assert q.details == BookingDetails(
        customer_name="Erika Mustermann",
        customer_email="erika@example.org",
        comment="Birthday party",
        answers=("can swim",),  # trailing empty answers are not sent
    )
    assert q.seats == ("Adult", "Child")


@pytest.mark.parametrize(
    ("details", "problem"),
    [
        (BookingDetails(customer_name="E"), QuoteProblem.NAME_TOO_SHORT),
        (BookingDetails(customer_email="erika@"), QuoteProblem.EMAIL_INVALID),
        (BookingDetails(customer_email="erika example.org"), QuoteProblem.EMAIL_INVALID),
        (BookingDetails(answers=("a", "b")), QuoteProblem.TOO_MANY_ANSWERS),
    ],
)
def test_detail_refusals(details: BookingDetails, problem: QuoteProblem) -> None:
    with pytest.raises(QuoteRefused) as refused:
        quote_with({"p-adult": 1}, details=details)
    assert refused.value.problem is problem


def test_the_journal_keeps_products_and_details() -> None:
    details = BookingDetails(customer_name="Erika", answers=("yes", "no"), comment="c")
    q = quote_with({"p-adult": 2}, {"photo": 1}, details=details)
    back = Quote.from_json(q.to_json())
    assert back == q
    assert back.details.answers == ("yes", "no")


def test_an_older_journal_entry_without_products_or_details_still_loads() -> None:
    q = quote_with({"p-adult": 1})
    data = json.loads(q.to_json())
    del data["products"], data["details"]
    old = Quote.from_json(json.dumps(data))
    assert old.products == ()
    assert old.details == BookingDetails()
    assert old.total == q.total


def test_seat_titles_follow_the_events_price_order() -> None:
    assert seat_titles(event(), {"p-child": 1, "p-adult": 2}) == ("Adult", "Adult", "Child")


def test_the_order_body_carries_answers_products_and_the_customer() -> None:
    draft = OrderDraft(
        date_id="d1",
        event_id="e1",
        participants=(("p-adult", 2), ("p-child", 1)),
        currency="EUR",
        external_reference="k1",
        voucher_id="v1",
        voucher_amount=Decimal("10"),
        name="Erika Mustermann",
        email="erika@example.org",
        comment="Birthday",
        answers=("first", "", "third"),
        products=(("photo", 1), ("bag", 2)),
    )
    body = draft.to_body(NOW)
    people = body["tickets"][0]["participants"]
    assert [p.get("comment") for p in people] == ["first", None, "third"]
    assert body["products"] == [
        {"product_id": "photo", "status": "ACCEPTED", "amount": 1},
        {"product_id": "bag", "status": "ACCEPTED", "amount": 2},
    ]  # U25: no price, bookingkit prices them
    assert (body["name"], body["email"], body["comment"]) == (
        "Erika Mustermann",
        "erika@example.org",
        "Birthday",
    )


def test_an_order_without_details_is_booked_under_the_counters_name() -> None:
    body = OrderDraft("d1", "e1", (("p", 1),), "EUR", "k1", "v1", Decimal("1")).to_body(NOW)
    assert body["name"] == "Box office"
    assert "email" not in body
    assert "products" not in body
    assert "comment" not in body["tickets"][0]["participants"][0]


# --- the arithmetic, for any prices, counts and balance --------------------------------------

CURRENCIES = ("EUR", "JPY", "KWD")


def amounts(top: int) -> st.SearchStrategy[Decimal]:
    """Amounts as bookingkit sends them: up to 6 decimal places, often 2."""
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(min_value=0, max_value=top * 100),
        st.sampled_from((0, 1, 2, 2, 2, 3, 6)),
    )


@st.composite
def bookings(draw: st.DrawFn) -> dict[str, Any]:
    currency = draw(st.sampled_from(CURRENCIES))
    prices = draw(st.lists(amounts(300), min_size=1, max_size=3))
    counts = draw(st.lists(st.integers(0, 6), min_size=len(prices), max_size=len(prices)))
    if sum(counts) == 0:
        counts[0] = 1
    unit_prices = draw(st.lists(amounts(80), min_size=0, max_size=3))
    amounts_wanted = draw(
        st.lists(st.integers(0, 5), min_size=len(unit_prices), max_size=len(unit_prices))
    )
    balance = draw(amounts(1000).filter(lambda d: d >= Decimal("0.01")))
    return {
        "currency": currency,
        "prices": prices,
        "counts": counts,
        "unit_prices": unit_prices,
        "amounts": amounts_wanted,
        "balance": balance,
    }


@settings(max_examples=300, deadline=None)
@given(bookings())
def test_quote_arithmetic_with_products(b: dict[str, Any]) -> None:
    cur = b["currency"]
    ev = event(
        prices=[
            {"id": f"p{i}", "title": f"P{i}", "value": value, "currency": cur}
            for i, value in enumerate(b["prices"])
        ]
    )
    catalog = tuple(
        product(f"x{i}", value, currency=cur) for i, value in enumerate(b["unit_prices"])
    )
    participants = {f"p{i}": n for i, n in enumerate(b["counts"])}
    add_ons = {f"x{i}": n for i, n in enumerate(b["amounts"])}
    v = voucher(currency=cur, value=b["balance"], remaining_value=b["balance"])
    minor = Decimal(1).scaleb(-minor_units(cur))
    floored = b["balance"].quantize(minor, ROUND_FLOOR)

    def quote() -> Quote:
        return make_quote(
            v,
            ev,
            event_date(available_slots=100),
            participants,
            now=NOW,
            counter_currency=cur,
            products=add_ons,
            catalog=catalog,
        )

    if floored.is_zero():  # less than one minor unit left: nothing can be drawn
        with pytest.raises(QuoteRefused) as refused:
            quote()
        assert refused.value.problem is QuoteProblem.VOUCHER_NOT_USABLE
        return
    q = quote()
    exact = sum(
        (Decimal(p) * n for p, n in zip(b["prices"], b["counts"], strict=True)), Decimal(0)
    ) + sum(
        (Decimal(u) * n for u, n in zip(b["unit_prices"], b["amounts"], strict=True)), Decimal(0)
    )
    for ln in (*q.lines, *q.products):
        assert isinstance(ln.subtotal.amount, Decimal)
        assert ln.subtotal == ln.unit * ln.count  # exact, never rounded per line
    assert q.total.amount == exact.quantize(minor, ROUND_HALF_UP)  # rounded once
    assert q.drawn.amount == min(floored, q.total.amount)
    assert q.top_up == q.total - q.drawn
    assert not q.top_up.is_negative
    assert q.drawn + q.top_up == q.total
    assert q.value_left.amount == b["balance"] - q.drawn.amount
    assert not q.value_left.is_negative
    assert {m.currency for m in (q.total, q.drawn, q.top_up, q.value_left)} == {cur}
    assert Quote.from_json(q.to_json()) == q
