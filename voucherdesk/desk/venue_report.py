"""The venue-wide report: every counter's voucher orders of one day, read from bookingkit.

No server of our own: each counter starts the ``external_reference`` of its orders with its
counter id (``journal.new_key``), so one list of the day's orders, read page by page, tells
which counter booked what. Read-only: one GET per page at the largest page size bookingkit
allows. The payments of each order are not read (that would be one more request per order):
an order's top-up is the part of its total that its vouchers did not pay.

Whether ``orders_read_owned`` reads the other counters' orders is guess U5. The report says
what it could see: every order (the token holds ``orders_read_all``), other counters' orders
too (U5 holds for this account), or this counter's own orders only, in which case the others
may be hidden from it and ``orders_read_all`` is the scope it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from voucherdesk.bookingkit.guesses import ORDERS_READ_ALL_SCOPE
from voucherdesk.desk.journal import counter_of
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.calls import OrderPage
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.models import Order


class Visibility(StrEnum):
    ALL_ORDERS = "all_orders"  # the token holds orders_read_all: every order of the vendor
    OTHERS_SEEN = "others_seen"  # orders_read_owned, and other counters' orders came back
    OWN_ONLY = "own_only"  # only this counter's orders (or none): others may be hidden (U5)


@dataclass(frozen=True, kw_only=True)
class Progress:
    """After each page: pages and orders read so far, and the total when bookingkit said it."""

    pages: int
    orders: int
    total: int | None


@dataclass(frozen=True, kw_only=True)
class CounterTotals:
    counter_id: str  # the prefix of the counter's external references
    orders: int  # booked and not cancelled
    drawn: tuple[Money, ...]  # from vouchers by those orders, one per currency
    top_ups: tuple[Money, ...]  # what those orders' vouchers did not pay, one per currency
    cancelled: int  # orders cancelled since (not in the totals above)
    cancelled_drawn: tuple[Money, ...]  # drawn by the cancelled orders (U8: not given back)


@dataclass(frozen=True, kw_only=True)
class VenueReport:
    day: date
    counter_id: str  # the counter that read the report
    counters: tuple[CounterTotals, ...]  # sorted by counter id
    totals: CounterTotals  # all counters together (counter_id "")
    other_voucher_orders: int  # paid with a voucher, but not booked at a counter (shop, admin)
    unreadable: int  # list entries that could not be read
    orders_read: int  # every order of the day the list gave, any source
    pages: int  # requests made for the list
    visibility: Visibility
    needed_scope: str  # the scope that reads every counter's orders


def day_bounds(day: date) -> tuple[datetime, datetime] | None:
    """The local calendar day as its first and last second (bookingkit's filters take whole
    seconds, both ends included); None for a day at the very edge of the calendar."""
    try:
        start = datetime.combine(day, time.min).astimezone()
        return start, start + timedelta(days=1) - timedelta(seconds=1)
    except (OverflowError, ValueError):
        return None


_SECOND = timedelta(seconds=1)


class _Sums:
    def __init__(self, counter_id: str) -> None:
        self.counter_id = counter_id
        self.orders = 0
        self.cancelled = 0
        self.drawn: dict[str, Money] = {}
        self.top_ups: dict[str, Money] = {}
        self.cancelled_drawn: dict[str, Money] = {}

    def add(self, order: Order, currency: str) -> None:
        drawn = Money(
            sum((rv.redeemed_value for rv in order.redeemed_vouchers), Decimal(0)), currency
        )
        if order.cancelled:
            self.cancelled += 1
            _add(self.cancelled_drawn, drawn)
            return
        self.orders += 1
        _add(self.drawn, drawn)
        if order.total_invoice is not None:
            rest = Money(order.total_invoice, currency) - drawn
            if not rest.is_negative:
                _add(self.top_ups, rest)

    def merge(self, other: _Sums) -> None:
        self.orders += other.orders
        self.cancelled += other.cancelled
        for mine, theirs in (
            (self.drawn, other.drawn),
            (self.top_ups, other.top_ups),
            (self.cancelled_drawn, other.cancelled_drawn),
        ):
            for money in theirs.values():
                _add(mine, money)

    def totals(self) -> CounterTotals:
        return CounterTotals(
            counter_id=self.counter_id,
            orders=self.orders,
            drawn=_sorted(self.drawn),
            top_ups=_sorted(self.top_ups),
            cancelled=self.cancelled,
            cancelled_drawn=_sorted(self.cancelled_drawn),
        )


def _add(totals: dict[str, Money], value: Money) -> None:
    if value.is_zero:
        return
    totals[value.currency] = totals.get(value.currency, Money.zero(value.currency)) + value


def _sorted(totals: dict[str, Money]) -> tuple[Money, ...]:
    return tuple(totals[currency] for currency in sorted(totals))


def build_venue_report(
    pages: Iterable[OrderPage],
    *,
    day: date,
    counter_id: str,
    currency: str,
    granted_scopes: Callable[[], frozenset[str]],
    on_page: Callable[[Progress], None] = lambda _progress: None,
) -> VenueReport:
    """Sum ``pages`` (the day's order list) per counter. ``currency`` stands in for an order
    without one (the vendor's); ``granted_scopes`` is asked after the list was read."""
    bounds = day_bounds(day)
    per_counter: dict[str, _Sums] = {}
    others = unreadable = orders_read = page_count = 0
    total: int | None = None
    for page in pages:
        page_count += 1
        unreadable += page.unreadable
        total = page.total if page.total is not None else total
        for order in page.orders:
            if bounds and order.date and not bounds[0] <= order.date < bounds[1] + _SECOND:
                continue  # a server that ignored the day's filter: not this day's order
            orders_read += 1
            counter = counter_of(order.external_reference)
            if counter is None:
                others += 1 if order.redeemed_vouchers else 0
                continue
            sums = per_counter.setdefault(counter, _Sums(counter))
            sums.add(order, (order.currency or currency).upper())
        on_page(Progress(pages=page_count, orders=orders_read, total=total))
    everything = _Sums("")
    for sums in per_counter.values():
        everything.merge(sums)
    if ORDERS_READ_ALL_SCOPE in granted_scopes():
        visibility = Visibility.ALL_ORDERS
    elif any(counter != counter_id for counter in per_counter):
        visibility = Visibility.OTHERS_SEEN
    else:
        visibility = Visibility.OWN_ONLY
    return VenueReport(
        day=day,
        counter_id=counter_id,
        counters=tuple(per_counter[c].totals() for c in sorted(per_counter)),
        totals=everything.totals(),
        other_voucher_orders=others,
        unreadable=unreadable,
        orders_read=orders_read,
        pages=page_count,
        visibility=visibility,
        needed_scope=ORDERS_READ_ALL_SCOPE,
    )


def read_venue_report(
    client: BookingkitClient,
    *,
    day: date,
    counter_id: str,
    currency: str,
    on_page: Callable[[Progress], None] = lambda _progress: None,
) -> VenueReport:
    """Read the day's orders from bookingkit (blocking: call it from a worker thread)."""
    bounds = day_bounds(day)
    pages = (
        ()
        if bounds is None
        else client.iter_order_pages(placed_from=bounds[0], placed_until=bounds[1])
    )  # no request for a day no order can have
    return build_venue_report(
        pages,
        day=day,
        counter_id=counter_id,
        currency=currency,
        granted_scopes=lambda: client.granted_scopes,
        on_page=on_page,
    )
