"""Additional products on an order (``products[]``): what the stand-in checks and books.

The order schema (reference section 5) makes ``product_id``, ``status`` and ``amount`` required
and calls ``price`` "not available for all api clients"; the product itself (section 4) has
``price``, ``currency``, ``available``, ``shipping_address`` and ``dependencies``. What those
dependencies and the stock mean is guess U24, spoken here the same way the desk reads it.
The caller holds the state's lock; ``check`` writes nothing, ``book`` and ``restore`` do.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from voucherdesk.bookingkit.guesses import (
    ORDER_PRODUCTS_MEMBER,
    PRODUCT_STOCK_UNLIMITED_WITHOUT_AVAILABLE,
    PRODUCT_WITHOUT_EVENTS_GOES_WITH_EVERY_EVENT,
)
from voucherdesk.standin.problems import PRODUCT_REFUSED, bad_request
from voucherdesk.standin.store import Record, Store

PRODUCT_STATUSES = frozenset({"ACCEPTED", "PENDING", "OPEN"})
PRODUCT_VAT = Decimal("19.00")  # the stand-in's one VAT rate for products

Planned = list[tuple[Record, list[Record]]]  # (date, price records of its participants)


def _goes_with(product: Record, planned: Planned) -> bool:
    """U24: a product tied to events needs a ticket of one (at a listed price, when listed)."""
    links = [link for dep in product["dependencies"] for link in dep.get("events") or ()]
    if not links:
        voucher_only = any(dep.get("vouchers") for dep in product["dependencies"])
        return PRODUCT_WITHOUT_EVENTS_GOES_WITH_EVERY_EVENT and not voucher_only
    booked = {(date["event_id"], str(price["id"])) for date, prices in planned for price in prices}
    for link in links:
        price_ids = {str(p.get("id")) for p in link.get("prices") or ()}
        if any(
            event == link["id"] and (not price_ids or pid in price_ids) for event, pid in booked
        ):
            return True
    return False


def _stock(product: Record) -> int | None:
    available = product.get("available")
    if available is None:
        return None if PRODUCT_STOCK_UNLIMITED_WITHOUT_AVAILABLE else 0
    return int(available)


def check(store: Store, body: Record, planned: Planned) -> list[tuple[Record, int]]:
    """Each product of the body with its amount; a 400 for anything bookingkit would refuse."""
    entries: Any = body.get(ORDER_PRODUCTS_MEMBER) or []
    if not isinstance(entries, list):
        raise bad_request(PRODUCT_REFUSED, "products must be a list")
    currency = str(body.get("currency", "")).strip().upper()
    wanted: list[tuple[Record, int]] = []
    counts: Counter[str] = Counter()
    for entry in entries:
        if not isinstance(entry, dict):
            raise bad_request(PRODUCT_REFUSED, "Each product must be an object")
        product_id = entry.get("product_id")
        if not isinstance(product_id, str) or not product_id:
            raise bad_request(PRODUCT_REFUSED, "product_id is required")
        product = store.products.get(product_id)
        if product is None:
            raise bad_request(PRODUCT_REFUSED, f"The product {product_id!r} does not exist")
        if entry.get("status") not in PRODUCT_STATUSES:
            raise bad_request(PRODUCT_REFUSED, "product status is required (ACCEPTED)")
        amount = entry.get("amount")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
            raise bad_request(PRODUCT_REFUSED, "product amount must be a whole number from 1")
        if "price" in entry and entry["price"] != product["price"]:
            raise bad_request(PRODUCT_REFUSED, "price is not available for this API client")
        own = str(product.get("currency") or store.vendor["currency"]).upper()
        sent = entry.get("currency")
        if own != currency or (sent is not None and str(sent).upper() != currency):
            raise bad_request(PRODUCT_REFUSED, "The order currency differs from the product's")
        if not _goes_with(product, planned):
            raise bad_request(
                PRODUCT_REFUSED, f"{product['name']} cannot be booked with these tickets"
            )
        if product.get("shipping_address") and not body.get("shipping_street"):
            raise bad_request(PRODUCT_REFUSED, f"{product['name']} needs a shipping address")
        counts[product_id] += amount
        left = _stock(product)
        if left is not None and counts[product_id] > left:
            raise bad_request(PRODUCT_REFUSED, f"Only {left} of {product['name']} are available")
        wanted.append((product, amount))
    return wanted


def total(wanted: list[tuple[Record, int]]) -> Decimal:
    return sum((product["price"] * amount for product, amount in wanted), Decimal(0))


def book(wanted: list[tuple[Record, int]], currency: str) -> list[Record]:
    """Take the products from stock; the order's ``products[]`` as bookingkit shows it."""
    lines: list[Record] = []
    for product, amount in wanted:
        if product.get("available") is not None:
            product["available"] -= amount
        lines.append(
            {
                "product_id": product["id"],
                "status": "ACCEPTED",
                "title": product["name"],
                "price": product["price"],
                "amount": amount,
                "currency": currency,
                "vat": PRODUCT_VAT,
            }
        )
    return lines


def restore(store: Store, order: Record, stamp: str) -> None:
    """A cancelled order's products go back into stock."""
    for line in order.get("products") or ():
        if line["status"] == "CANCELED":
            continue
        product = store.products.get(line["product_id"])
        if product is not None and product.get("available") is not None:
            product["available"] += line["amount"]
        line["status"], line["cancellation_date"] = "CANCELED", stamp
