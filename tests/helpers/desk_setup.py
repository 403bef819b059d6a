"""A Desk wired to a running stand-in over loopback, plus a bookable event of our own."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx

from voucherdesk.bookingkit.calls import CallRecord, OrderDraft
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, TokenStore
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk.codes import ScanRules
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import Journal
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer

ADULT = Decimal("30.00")
CHILD = Decimal("12.50")


def make_desk(
    base_url: str,
    home: Path,
    *,
    timeout: float = 1.0,
    counter_id: str = "till1",
    client_id: str = DEMO_CLIENT_ID,
    secret: str = DEMO_CLIENT_SECRET,
    observer: Callable[[CallRecord], None] | None = None,
    clock: Clock = utc_now,
    token_store: TokenStore | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    transport: httpx.BaseTransport | None = None,
    top_up_method: str = "Cash",
) -> Desk:
    """``token_store``: share one between desks of one API client, as the keyring does;
    ``transport``: a proxy between the client and the stand-in (the real one by default)."""
    client = BookingkitClient(
        Environment("demo", base_url),
        Credentials(client_id, secret),
        token_store=token_store if token_store is not None else MemoryTokenStore(),
        timeout=timeout,
        observer=observer,
        retry=RetryPolicy(base_delay=0.01, max_delay=0.05),
        transport=transport,
    )
    home.mkdir(parents=True, exist_ok=True)
    return Desk(
        client,
        VoucherIndex(home / "index.sqlite"),
        Journal(home / "journal.sqlite"),
        rules=ScanRules(),
        currency="EUR",
        counter_id=counter_id,
        clock=clock,
        monotonic=monotonic,
        top_up_method=top_up_method,
    )


def close_desk(desk: Desk) -> None:
    desk.close()  # its reader threads and index; the journal and client are the test's
    desk.client.close()
    desk.journal.close()


@dataclass
class Booking:
    """A private event with one date three days ahead: Adult 30.00, Child 12.50, 10 places."""

    event_id: str
    date_id: str
    adult: str
    child: str

    @classmethod
    def add_to(cls, server: StandinServer, slots: int = 10) -> Booking:
        state = server.state
        event_id = state.add_event("Test Tour", [("Adult", ADULT), ("Child", CHILD)])
        date_id = state.add_date(event_id, state.now() + timedelta(days=3), slots)
        prices = state.event(event_id)["prices"]
        return cls(event_id, date_id, str(prices[0]["id"]), str(prices[1]["id"]))

    def quote(self, desk: Desk, voucher_id: str, adults: int, children: int = 0) -> Quote:
        client = desk.client
        return desk.quote(
            client.get_voucher(voucher_id),
            client.get_event(self.event_id),
            client.get_date(self.date_id),
            {self.adult: adults, self.child: children},
        )


def draft_for(quote: Quote, key: str) -> OrderDraft:
    """The order a desk would send for ``quote`` with ``key``: tests send it themselves to make
    an order bookingkit holds behind the desk's back (a duplicate, one never answered)."""
    return OrderDraft(
        date_id=quote.date_id,
        event_id=quote.event_id,
        participants=quote.participants,
        currency=quote.currency,
        external_reference=key,
        voucher_id=quote.voucher_id,
        voucher_amount=quote.drawn.amount,
    )
