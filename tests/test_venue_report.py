"""The venue-wide report against the stand-in over loopback: three counters, each with its own
API client, redeeming (some with top-ups, some undone); an order from elsewhere; paging counted
at the stand-in; guess U5 played both ways."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from helpers.venue_orders import COUNTERS, EXPECTED, Venue, eur, open_venue, seed_day

from voucherdesk.desk.journal import counter_of, new_key
from voucherdesk.desk.venue_report import (
    CounterTotals,
    Progress,
    Visibility,
    build_venue_report,
)
from voucherdesk.standin import StandinServer


@pytest.fixture
def venue(empty_standin: StandinServer, tmp_path: Path) -> Iterator[Venue]:
    with open_venue(empty_standin, tmp_path) as built:
        yield built


def test_counter_prefix_comes_back_from_every_key() -> None:
    for counter in (*COUNTERS, "a", "x" * 40, "a-b-c"):
        assert counter_of(new_key(counter)) == counter
    for other in (None, "", "shop-4711", "till1-" + "g" * 32, "till1" + "a" * 32, "-" + "a" * 32):
        assert counter_of(other) is None


def test_three_counters_totals_exact_and_one_request_per_page(venue: Venue) -> None:
    seed_day(venue)
    state = venue.server.state
    state.page_cap = 3  # bookingkit caps pages; 7 orders today -> 3 pages of at most 3
    state.order_list_queries.clear()
    seen: list[Progress] = []

    report = venue.desks["kiosk3"].venue_report(date.today(), seen.append)

    assert {c.counter_id: c for c in report.counters} == EXPECTED
    assert [c.counter_id for c in report.counters] == sorted(EXPECTED)
    assert report.totals == CounterTotals(
        counter_id="",
        orders=4,
        drawn=eur("155.00"),
        top_ups=eur("20.00"),
        cancelled=2,
        cancelled_drawn=eur("55.00"),
    )
    assert report.other_voucher_orders == 1
    assert report.orders_read == 7
    assert report.unreadable == 0
    # Paging counted at the stand-in: one request per page, each asking the largest page.
    queries = state.order_list_queries
    assert len(queries) == report.pages == math.ceil(7 / 3)
    assert all(q["limit"] == "10000" and q["status"] == "ALL" for q in queries)
    assert [q["offset"] for q in queries] == ["0", "3", "6"]
    assert queries[0]["with_count"] == "true"
    assert [(p.pages, p.orders, p.total) for p in seen] == [(1, 3, 7), (2, 6, 7), (3, 7, 7)]
    # Read-only: the report changed nothing at bookingkit.
    assert report.visibility is Visibility.OTHERS_SEEN


def test_the_day_filter_is_bookingkits(venue: Venue) -> None:
    venue.redeem("till_2", "50", 1)
    state = venue.server.state
    state.order_list_queries.clear()
    yesterday = date.today() - timedelta(days=1)

    report = venue.desks["till_2"].venue_report(yesterday)

    assert report.counters == ()
    assert report.orders_read == 0
    (query,) = state.order_list_queries
    start = datetime.fromisoformat(query["start_date"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(query["end_date"].replace("Z", "+00:00"))
    assert end - start == timedelta(days=1, seconds=-1)
    assert start.astimezone().date() == yesterday


def test_owned_only_says_so_and_names_the_scope(venue: Venue) -> None:
    seed_day(venue)
    venue.server.state.owned_orders_only = True  # U5 the other way

    report = venue.desks["till_2"].venue_report(date.today())

    assert [c.counter_id for c in report.counters] == ["till_2"]
    assert report.counters[0] == EXPECTED["till_2"]
    assert report.visibility is Visibility.OWN_ONLY
    assert report.needed_scope == "orders_read_all"


def test_a_token_with_orders_read_all_counts_as_every_order(venue: Venue) -> None:
    """The stand-in narrows a token to the scopes asked (U6), and the desk asks only its own
    three, so this case is played with bookingkit's answer about the scopes granted."""
    seed_day(venue)
    desk = venue.desks["kiosk3"]
    pages = desk.client.iter_order_pages(
        placed_from=datetime.now().astimezone() - timedelta(hours=1),
        placed_until=datetime.now().astimezone() + timedelta(hours=1),
    )
    report = build_venue_report(
        pages,
        day=date.today(),
        counter_id="kiosk3",
        currency="EUR",
        granted_scopes=lambda: frozenset({"calendar_read", "orders_read_all"}),
    )
    assert {c.counter_id: c for c in report.counters} == EXPECTED
    assert report.visibility is Visibility.ALL_ORDERS
    # and what the counter's own token really holds, as bookingkit granted it
    assert desk.client.granted_scopes == frozenset(
        {"calendar_read", "orders_read_owned", "orders_write_owned"}
    )


def test_a_day_with_no_orders_is_one_request(venue: Venue) -> None:
    state = venue.server.state
    report = venue.desks["till_2"].venue_report(date.today())
    assert (report.counters, report.pages, report.orders_read) == ((), 1, 0)
    assert report.visibility is Visibility.OWN_ONLY
    assert len(state.order_list_queries) == 1


def test_the_edge_of_the_calendar_asks_nothing(venue: Venue) -> None:
    report = venue.desks["till_2"].venue_report(date(1, 1, 1))
    assert (report.pages, report.orders_read) == (0, 0)
    assert venue.server.state.order_list_queries == []


def test_without_link_headers_it_pages_by_offset_to_an_empty_page(venue: Venue) -> None:
    seed_day(venue)
    state = venue.server.state
    state.send_links = False  # a bookingkit that sends no Link headers (U18)
    state.page_cap = 3  # and caps pages below the limit asked: a short page is not the end
    state.order_list_queries.clear()

    report = venue.desks["till_2"].venue_report(date.today())

    assert {c.counter_id: c for c in report.counters} == EXPECTED
    assert [q["offset"] for q in state.order_list_queries] == ["0", "3", "6", "7"]
    assert report.pages == 4
