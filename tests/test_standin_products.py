"""The stand-in's add-on products and participant answers over real loopback HTTP (issue #14):
``/v3/products``, ``products[]`` on an order checked as the reference describes and priced into
``total_invoice``, participant comments kept, stock taken and given back."""

# ruff: noqa: F811 (the tests take the fixture `shop` imported from test_standin)
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from test_standin import Shop, body, shop  # noqa: F401 (the fixture)

from voucherdesk.standin.order_products import PRODUCT_VAT


def add_ons(shop: Shop, **over: Any) -> tuple[str, str]:
    """A photo package for the shop's event and an unlimited mug for any event."""
    state = shop.server.state
    photo = state.add_product(
        "Photo package", Decimal("12.00"), events=[shop.event_id], available=3
    )
    mug = state.add_product("Mug", Decimal("9.90"), **over)
    return photo, mug


def line(product_id: str, amount: Any = 1, **over: Any) -> dict[str, Any]:
    return {"product_id": product_id, "status": "ACCEPTED", "amount": amount, **over}


def test_products_are_listed_with_price_stock_and_dependencies(shop: Shop) -> None:
    photo, mug = add_ons(shop)
    listed = body(shop.client.get("/products"))
    assert [p["id"] for p in listed] == [photo, mug]
    first = listed[0]
    assert first["price"] == Decimal("12.00")
    assert (first["currency"], first["available"]) == ("EUR", 3)
    assert first["dependencies"] == [{"events": [{"id": shop.event_id, "prices": []}]}]
    assert listed[1]["dependencies"] == []
    assert [p["id"] for p in body(shop.client.get("/products", params={"accept": mug}))] == [mug]
    assert body(shop.client.get(f"/products/{photo}"))["name"] == "Photo package"
    assert shop.client.get("/products/nope").status_code == 404


def test_an_order_with_products_and_answers_is_priced_and_kept(shop: Shop) -> None:
    photo, mug = add_ons(shop)
    voucher = shop.voucher("PAYS-ALL", "100")
    people = [
        {"price_id": shop.adult, "comment": "can swim"},
        {"price_id": shop.child, "comment": "size 32"},
    ]
    tickets = [{"date_id": shop.open_date, "participants": people}]
    resp = shop.order(
        voucher,
        "80.40",  # the whole total: tickets and products
        tickets=tickets,
        products=[line(photo, 1), line(mug, 1)],
        email="erika@example.org",
        comment="Birthday",
    )
    assert resp.status_code == 201, resp.text
    order = body(resp)
    assert order["total_invoice"] == Decimal("80.40")  # 39 + 19.50 + 12.00 + 9.90
    assert [(p["product_id"], p["amount"], p["price"], p["title"]) for p in order["products"]] == [
        (photo, 1, Decimal("12.00"), "Photo package"),
        (mug, 1, Decimal("9.90"), "Mug"),
    ]
    assert {p["vat"] for p in order["products"]} == {PRODUCT_VAT}
    assert [p["comment"] for p in order["tickets"][0]["participants"]] == ["can swim", "size 32"]
    assert (order["email"], order["comment"]) == ("erika@example.org", "Birthday")
    assert shop.server.state.product(photo)["available"] == 2
    assert shop.server.state.voucher(voucher)["remaining_value"] == Decimal("19.60")
    # cancelling gives the stock back
    shop.client.patch(f"/orders/{order['id']}", json={"status": "CANCELED"})
    assert shop.server.state.product(photo)["available"] == 3
    assert {p["status"] for p in shop.server.state.order(order["id"])["products"]} == {"CANCELED"}


def test_u26_the_voucher_may_pay_the_products_but_not_more_than_the_total(shop: Shop) -> None:
    photo, _ = add_ons(shop)
    voucher = shop.voucher("OVER", "100")
    over = shop.order(voucher, "51.01", products=[line(photo)])  # 39 + 12 = 51
    assert over.status_code == 400
    assert "order total" in over.json()["user_message"]
    assert shop.order(voucher, "51.00", products=[line(photo)]).status_code == 201


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "does not exist"),
        ("no_id", "product_id"),
        ("no_status", "status"),
        ("zero", "amount"),
        ("bool", "amount"),
        ("text", "amount"),
        ("price", "price is not available"),
        ("currency", "currency"),
        ("other_event", "cannot be booked"),
        ("price_bound", "cannot be booked"),
        ("vouchers_only", "cannot be booked"),
        ("stock", "Only 3"),
        ("shipping", "shipping address"),
        ("not_a_list", "must be a list"),
        ("answer_not_text", "participant comment"),
        ("bad_email", "email"),
    ],
)
def test_every_product_or_answer_refusal_is_a_400_that_changes_nothing(
    shop: Shop, case: str, message: str
) -> None:
    state = shop.server.state
    photo, mug = add_ons(shop)
    voucher = shop.voucher("FRESH", "100")
    products: Any = [line(photo)]
    extra: dict[str, Any] = {}
    if case == "unknown":
        products = [line("0" * 32)]
    elif case == "no_id":
        products = [{"status": "ACCEPTED", "amount": 1}]
    elif case == "no_status":
        products = [{"product_id": photo, "amount": 1}]
    elif case == "zero":
        products = [line(photo, 0)]
    elif case == "bool":
        products = [line(photo, True)]
    elif case == "text":
        products = [line(photo, "1")]
    elif case == "price":
        products = [line(photo, price=Decimal("1.00"))]
    elif case == "currency":
        products = [line(state.add_product("Franc", Decimal(5), currency="CHF"))]
    elif case == "other_event":
        other = state.add_event("Other", [("Adult", Decimal(10))])
        products = [line(state.add_product("Elsewhere", Decimal(5), events=[other]))]
    elif case == "price_bound":
        products = [
            line(
                state.add_product(
                    "Adults only", Decimal(5), events=[shop.event_id], prices=[shop.child]
                )
            )
        ]
    elif case == "vouchers_only":
        products = [line(state.add_product("Card", Decimal(2), vouchers_only=True))]
    elif case == "stock":
        products = [line(photo, 2), line(photo, 2)]  # 4 of 3, counted over both lines
    elif case == "shipping":
        products = [line(state.add_product("By post", Decimal(6), shipping=True))]
    elif case == "not_a_list":
        products = {"product_id": photo}
    elif case == "answer_not_text":
        people = [{"price_id": shop.adult, "comment": ["swims"]}]
        extra["tickets"] = [{"date_id": shop.open_date, "participants": people}]
    elif case == "bad_email":
        extra["email"] = "erika@"
    stock_before = [state.product(p)["available"] for p in (photo, mug)]
    voucher_before = state.voucher(voucher)

    resp = shop.order(voucher, "39", products=products, **extra)

    assert resp.status_code == 400, resp.text
    assert message in resp.json()["user_message"]
    assert state.orders() == []
    assert [state.product(p)["available"] for p in (photo, mug)] == stock_before
    assert state.voucher(voucher) == voucher_before


def test_a_price_bound_product_goes_with_its_price(shop: Shop) -> None:
    state = shop.server.state
    wine = state.add_product("Wine", Decimal(15), events=[shop.event_id], prices=[shop.adult])
    resp = shop.order(shop.voucher("WINE", "100"), "54", products=[line(wine)])
    assert resp.status_code == 201, resp.text
    assert body(resp)["total_invoice"] == Decimal("54.00")


def test_the_demo_seeds_products_and_questions() -> None:
    from voucherdesk.standin import StandinServer

    with StandinServer(seed="demo") as demo:
        state = demo.state
        names = [p["name"] for p in state.products()]
        assert names[:4] == ["Photo package", "Dry bag rental", "Wine pairing", "Souvenir mug"]
        hints = {e["title"]: e["participant_hint"] for e in state.events()}
        assert hints["Harbour Kayak Tour"]
        assert hints["Sunset Sailing"] == ""
