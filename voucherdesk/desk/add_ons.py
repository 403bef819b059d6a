"""Which additional products (add-ons) go with an event, and at what price and stock.

bookingkit lists products apart from events (``/v3/products``); a product's ``dependencies``
tie it to events. What those mean is guess U24 (``guesses.py``): this module applies it, so the
booking panel, the CLI and the quote offer the same products. A product that must be shipped
is not offered at the counter (the desk takes no address).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import guesses
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, Product


def _event_links(product: Product) -> list[tuple[str, tuple[str, ...]]]:
    return [(link.id, link.prices) for dep in product.dependencies for link in dep.events]


def goes_with_event(product: Product, event_id: str) -> bool:
    """U24: the product may be booked with a ticket of ``event_id`` (prices aside)."""
    links = _event_links(product)
    if links:
        return any(linked == event_id for linked, _ in links)
    voucher_only = any(dep.vouchers for dep in product.dependencies)
    return guesses.PRODUCT_WITHOUT_EVENTS_GOES_WITH_EVERY_EVENT and not voucher_only


def goes_with_prices(product: Product, event_id: str, price_ids: Iterable[str]) -> bool:
    """U24: with a dependency limited to price ids, one participant must be booked at one."""
    booked = set(price_ids)
    limits = [prices for linked, prices in _event_links(product) if linked == event_id]
    if not limits or any(not prices for prices in limits):
        return True
    return any(booked & set(prices) for prices in limits)


def stock(product: Product) -> int | None:
    """How many may still be booked; None: no limit (U24)."""
    if product.available is not None:
        return product.available
    return None if guesses.PRODUCT_STOCK_UNLIMITED_WITHOUT_AVAILABLE else 0


def unit_price(product: Product, counter_currency: str) -> Money | None:
    """One item's price; None when its currency is not known (U27)."""
    currency = product.currency
    if currency is None and guesses.PRODUCT_CURRENCY_DEFAULTS_TO_VENDOR:
        currency = counter_currency
    return None if currency is None else Money(product.price, currency)


def offered(catalog: Sequence[Product], event: Event) -> tuple[Product, ...]:
    """The products the counter offers with ``event``, in bookingkit's order: those that go
    with it, are not shipped and are not sold out."""
    return tuple(
        p
        for p in catalog
        if goes_with_event(p, event.id) and not p.needs_shipping and stock(p) != 0
    )
