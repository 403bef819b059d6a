"""StandinState: all of the stand-in's data and rules behind one lock.

Every public method takes the lock, so concurrent HTTP requests see bookingkit-like atomic
behaviour (two counters spending one voucher can never both succeed past its value). Methods
return copies shaped as the API returns them.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from voucherdesk.bookingkit.guesses import (
    CANCEL_REOPENS_OPEN_DATE_TICKET,
    CANCEL_RESTORES_PASS_ENTRIES,
    CANCEL_RESTORES_VOUCHER_VALUE,
    OPEN_DATE_TICKET_OPEN,
    REQUIRED_SCOPES,
)
from voucherdesk.bookingkit.guesses import VOUCHER_FIELDS as VF
from voucherdesk.clock import utc_now
from voucherdesk.money import to_decimal
from voucherdesk.standin import orders as order_rules
from voucherdesk.standin import prepaid
from voucherdesk.standin.access import Access
from voucherdesk.standin.problems import not_found
from voucherdesk.standin.store import (
    PAGE_CAP,
    Record,
    Store,
    copy_event,
    copy_order,
    copy_pass,
    copy_payment,
    copy_product,
    copy_ticket,
    copy_voucher,
    wire_time,
)


class StandinState:
    """Data and rules of one bookingkit vendor account (thread-safe)."""

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        token_lifetime: int = 3600,
        monthly_quota: int = 500_000,
        currency: str = "EUR",
        random_seed: int = 3_141_592,
    ) -> None:
        self._lock = threading.RLock()
        self._base_clock = clock or utc_now
        self._clock_offset = timedelta(0)
        self._access = Access(self._lock, self.now, token_lifetime, monthly_quota)
        rng = random.Random(random_seed)
        vendor_id = f"{rng.getrandbits(128):032x}"
        vendor = {"id": vendor_id, "name": "Demo Adventures GmbH", "currency": currency}
        self._store = Store(rng=rng, vendor=vendor)
        self.cancel_restores_voucher: bool = CANCEL_RESTORES_VOUCHER_VALUE
        self.reject_duplicate_reference = False
        self.ignores_voucher_payment = False  # plays guess U1 wrong: orders draw nothing
        self.ignores_pass_payment = False  # plays guess U36 wrong: passes lose no entry
        # The most items one response holds, whatever ``limit`` asks (bookingkit: 10,000).
        self.page_cap = PAGE_CAP
        # bookingkit documents Link headers on every list asked with ``limit``; False lets
        # tests play a server that sends none (the client must then page to an empty page).
        self.send_links = True
        # Guess U32: a redeemed open-date ticket names the order its redemption created.
        self.tickets_name_order = True
        self.cancel_restores_pass_entries: bool = CANCEL_RESTORES_PASS_ENTRIES
        self.cancel_reopens_tickets: bool = CANCEL_REOPENS_OPEN_DATE_TICKET
        # Guess U5 played both ways: False (the default) lets ``orders_read_owned`` read every
        # order of the vendor; True lets it read only the orders its own API client created
        # (``orders_read_all`` still reads them all).
        self.owned_orders_only = False
        # Every GET /orders query (without the token), so tests can count and inspect pages.
        self.order_list_queries: list[dict[str, str]] = []

    # --- the stand-in's clock ---------------------------------------------------------------

    def now(self) -> datetime:
        """The stand-in's "now": its clock plus the offset tests step it by."""
        return self._base_clock() + self._clock_offset

    @property
    def clock_offset(self) -> timedelta:
        return self._clock_offset

    def set_clock_offset(self, offset: timedelta) -> None:
        """Step the stand-in's clock (token expiry, dates, order stamps), never the machine's."""
        with self._lock:
            self._clock_offset = offset

    # --- clients, tokens, quota (see access.py) ---------------------------------------------

    @property
    def token_requests(self) -> int:
        """How many POST /oauth/token requests arrived (they do not count against the quota)."""
        return self._access.token_requests

    @property
    def api_requests(self) -> int:
        """How many /v3 requests were counted against the monthly quota."""
        return self._access.api_requests

    def add_client(
        self, client_id: str, secret: str, scopes: Sequence[str] = REQUIRED_SCOPES
    ) -> None:
        self._access.add_client(client_id, secret, scopes)

    def issue_token(self, client_id: str, secret: str, scope: str | None) -> dict[str, Any]:
        return self._access.issue_token(client_id, secret, scope)

    def issued_tokens(self) -> list[str]:
        """Every access token issued so far, expired or not (for secret-leak tests)."""
        return self._access.issued_tokens()

    def expire_tokens(self) -> int:
        """Every issued token runs out now (tests jump over the one-hour wait); returns how
        many were still valid."""
        return self._access.expire_tokens()

    def authorize(self, token_value: str | None) -> None:
        self._access.authorize(token_value)

    def check_scope(self, token_value: str | None, needs: Iterable[str]) -> None:
        self._access.check_scope(token_value, needs)

    def token_client(self, token_value: str | None) -> str:
        """The API client a valid token belongs to."""
        return self._access.holder(token_value)[0]

    def set_quota_used(self, n: int) -> None:
        self._access.set_quota_used(n)

    # --- vendors and vouchers ---------------------------------------------------------------

    def vendors(self) -> list[Record]:
        with self._lock:
            return [dict(self._store.vendor)]

    def add_voucher(
        self,
        code: str,
        value: Decimal,
        currency: str = "EUR",
        remaining: Decimal | None = None,
        status: str = "active",
        valid_until: datetime | None = None,
        title: str = "Value voucher",
    ) -> str:
        with self._lock:
            if code in self._store.voucher_codes:
                raise ValueError("voucher code already exists")
            ident = self._store.new_id()
            amount = to_decimal(value)
            left = amount if remaining is None else to_decimal(remaining)
            self._insert_voucher(ident, code, amount, left, currency, status, valid_until, title)
            return ident

    def _insert_voucher(
        self,
        ident: str,
        code: str,
        value: Decimal,
        left: Decimal,
        currency: str,
        status: str,
        valid_until: datetime | None,
        title: str,
    ) -> None:
        record: Record = {
            VF.ident: ident,
            "id": ident,
            VF.code: code,
            VF.title: title,
            VF.value: value,
            VF.remaining: left,
            VF.currency: currency,
            VF.status: status,
            VF.created: wire_time(self.now() - timedelta(days=30)),
            VF.valid_until: None if valid_until is None else wire_time(valid_until),
            "vendor_id": self._store.vendor["id"],
            "purchasing_order_id": None,
            VF.redemptions: [],
        }
        self._store.vouchers[ident] = record
        self._store.voucher_codes[code] = ident
        self._store.voucher_ids.append(ident)

    def add_vouchers_bulk(self, n: int, prefix: str, value: Decimal = Decimal(50)) -> None:
        """Many active vouchers with codes ``{prefix}{i:06d}`` (fast: for paging tests)."""
        with self._lock:
            if any(f"{prefix}{i:06d}" in self._store.voucher_codes for i in (0, n - 1)):
                raise ValueError(f"vouchers coded {prefix}… exist already")
            amount = to_decimal(value)
            currency = str(self._store.vendor["currency"])
            for i in range(n):
                ident = self._store.new_id()
                self._insert_voucher(
                    ident, f"{prefix}{i:06d}", amount, amount, currency, "active", None, "Bulk"
                )

    def add_redemption(self, ident: str, amount: Decimal, order_code: str = "") -> None:
        """A past use of a voucher (seed data); lowers its remaining value."""
        with self._lock:
            v = self._store.vouchers[ident]
            v[VF.remaining] = v[VF.remaining] - to_decimal(amount)
            if v[VF.remaining] <= 0:
                v[VF.status] = "inactive"
            v[VF.redemptions].append(
                {
                    VF.redemption_order_id: self._store.new_id(),
                    VF.redemption_order_code: order_code or self._store.new_code(),
                    VF.redemption_value: to_decimal(amount),
                    VF.redemption_date: wire_time(self.now() - timedelta(days=7)),
                }
            )

    def voucher(self, ident: str) -> Record:
        with self._lock:
            record = self._store.vouchers.get(ident)
            if record is None:
                raise not_found("Voucher")
            return copy_voucher(record)

    def voucher_by_code(self, code: str) -> Record | None:
        with self._lock:
            ident = self._store.voucher_codes.get(code)
            return None if ident is None else copy_voucher(self._store.vouchers[ident])

    def list_vouchers(
        self, limit: int, offset: int, accept: set[str] | None, exclude: set[str] | None
    ) -> tuple[list[Record], int]:
        """One page of vouchers in creation order, and the filtered total."""
        with self._lock:
            ids: Sequence[str] = self._store.voucher_ids
            if accept is not None or exclude:
                ids = [
                    i
                    for i in ids
                    if (accept is None or i in accept) and not (exclude and i in exclude)
                ]
            page = ids[offset : offset + limit]
            return [copy_voucher(self._store.vouchers[i]) for i in page], len(ids)

    # --- events and dates -------------------------------------------------------------------

    def add_event(
        self,
        title: str,
        prices: list[tuple[str, Decimal]],
        duration: int = 120,
        latest_booking_time: int = 0,
        currency: str = "EUR",
        description: str = "",
        max_participants: int = 20,
        participant_hint: str = "",
    ) -> str:
        with self._lock:
            event_id = self._store.new_id()
            price_records: list[Record] = []
            for price_title, value in prices:
                self._store.next_price_id += 1
                price: Record = {
                    "id": str(self._store.next_price_id),
                    "title": price_title,
                    "value": to_decimal(value),
                    "currency": currency,
                    "category": _category(price_title),
                    "public": 1,
                    "vat": Decimal("7.00"),
                }
                price_records.append(price)
                self._store.prices[price["id"]] = (event_id, price)
            self._store.events[event_id] = {
                "id": event_id,
                "active": 1,
                "title": title,
                "description": description,
                "type": "BOOKING",
                "duration": duration,
                "max_participants": max_participants,
                "min_participants": 1,
                "timezone": "Europe/Berlin",
                "location": "Demo Harbour 1, Hamburg",
                "vendor_id": self._store.vendor["id"],
                "vendor_name": self._store.vendor["name"],
                "latest_booking_time": latest_booking_time,
                "participant_hint": participant_hint,
                "prices": price_records,
            }
            return event_id

    def add_date(self, event_id: str, when: datetime, slots: int, total: int | None = None) -> str:
        with self._lock:
            if event_id not in self._store.events:
                raise KeyError(event_id)
            date_id = self._store.new_id()
            self._store.dates[date_id] = {
                "id": date_id,
                "active": 1,
                "event_id": event_id,
                "date": wire_time(when),
                "available_slots": slots,
                "total_slots": max(slots, total or slots),
            }
            return date_id

    def add_product(
        self,
        name: str,
        price: Decimal,
        *,
        events: Sequence[str] = (),
        prices: Sequence[str] = (),
        available: int | None = None,
        currency: str | None = "EUR",
        description: str = "",
        shipping: bool = False,
        vouchers_only: bool = False,
    ) -> str:
        """An additional product. ``events``: it goes with these only (none: with every event,
        U24); ``prices``: only with participants at these price ids of those events;
        ``available``: stock (None: unlimited); ``vouchers_only``: sold with vouchers."""
        with self._lock:
            product_id = self._store.new_id()
            dependencies: list[Record] = []
            if events:
                links = [{"id": e, "prices": [{"id": int(pid)} for pid in prices]} for e in events]
                dependencies.append({"events": links})
            if vouchers_only:
                dependencies.append({"vouchers": [{"events": []}]})
            record: Record = {
                "id": product_id,
                "vendor_id": self._store.vendor["id"],
                "name": name,
                "description": description,
                "total": available,
                "available": available,
                "price": to_decimal(price),
                "shipping_address": 1 if shipping else 0,
                "dependencies": dependencies,
            }
            if currency is not None:
                record["currency"] = currency
            self._store.products[product_id] = record
            return product_id

    def products(self, accept: set[str] | None = None) -> list[Record]:
        with self._lock:
            return [
                copy_product(p)
                for p in self._store.products.values()
                if accept is None or p["id"] in accept
            ]

    def product(self, product_id: str) -> Record:
        with self._lock:
            record = self._store.products.get(product_id)
            if record is None:
                raise not_found("Product")
            return copy_product(record)

    def set_product_price(self, product_id: str, price: Decimal) -> None:
        """bookingkit's price of a product changes (tests: a re-quote before sending)."""
        with self._lock:
            self._store.products[product_id]["price"] = to_decimal(price)

    def events(self, match: str | None = None) -> list[Record]:
        with self._lock:
            needle = (match or "").casefold()
            return [
                copy_event(e)
                for e in self._store.events.values()
                if needle in e["title"].casefold() or needle in e["description"].casefold()
            ]

    def event(self, event_id: str) -> Record:
        with self._lock:
            record = self._store.events.get(event_id)
            if record is None:
                raise not_found("Event")
            return copy_event(record)

    def event_dates(
        self,
        event_id: str,
        start: str | None,
        end: str | None,
        available: bool,
        ignore_lead_time: bool = False,
    ) -> list[Record]:
        """Dates of an event by start time. ``available`` (bookingkit's default) keeps only
        dates with a free place that can still be booked (U17: false means all dates); the
        lead-time part is our reading of ``ignore_latest_booking_time``."""
        with self._lock:
            event = self._store.events.get(event_id)
            if event is None:
                raise not_found("Event")
            lead = timedelta(minutes=int(event.get("latest_booking_time") or 0))
            cutoff = wire_time(self.now() + (timedelta(0) if ignore_lead_time else lead))
            found = [
                dict(d)
                for d in self._store.dates.values()
                if d["event_id"] == event_id
                and (start is None or d["date"] >= start)
                and (end is None or d["date"] <= end)
                and (not available or (d["available_slots"] > 0 and d["date"] > cutoff))
            ]
            return sorted(found, key=lambda d: str(d["date"]))

    def date(self, date_id: str) -> Record:
        with self._lock:
            record = self._store.dates.get(date_id)
            if record is None:
                raise not_found("Date")
            return dict(record)

    # --- orders and payments ----------------------------------------------------------------

    def create_order(self, body: Any, client_id: str | None = None) -> Record:
        """Book ``body``; ``client_id`` is the API client that sent it (None: set up by a test)."""
        with self._lock:
            order = order_rules.create(
                self._store,
                body,
                self.now(),
                reject_duplicates=self.reject_duplicate_reference,
                ignore_voucher_payment=self.ignores_voucher_payment,
                ignore_pass_payment=self.ignores_pass_payment,
            )
            if client_id is not None:
                self._store.order_clients[order["id"]] = client_id
            return copy_order(order)

    def order(self, order_id: str, token_value: str | None = None) -> Record:
        """One order; with ``token_value``, only if that token may read it (else 404)."""
        with self._lock:
            record = self._store.orders.get(order_id)
            if record is None or (
                token_value is not None and not self._may_read(record, token_value)
            ):
                raise not_found("Order")
            return copy_order(record)

    def _may_read(self, order: Record, token_value: str) -> bool:
        """U5 as played now: see ``owned_orders_only``."""
        if not self.owned_orders_only:
            return True
        client_id, scopes = self._access.holder(token_value)
        return (
            "orders_read_all" in scopes or self._store.order_clients.get(order["id"]) == client_id
        )

    def note_order_list(self, query: dict[str, str]) -> None:
        with self._lock:
            self.order_list_queries.append({k: v for k, v in query.items() if k != "access_token"})

    def readable_orders(self, token_value: str, changed_since: str | None = None) -> list[Record]:
        """The orders ``token_value`` may read, oldest first (bookingkit's list order);
        ``changed_since``: only those created or changed at or after it (``delta_since``)."""
        with self._lock:
            changed = self._store.order_changed
            return [
                copy_order(o)
                for o in self._store.orders.values()
                if self._may_read(o, token_value)
                and (changed_since is None or changed.get(o["id"], "") >= changed_since)
            ]

    def date_starts(self) -> dict[str, str]:
        """Every date's id and start (the order list filters by ticket dates)."""
        with self._lock:
            return {ident: str(d["date"]) for ident, d in self._store.dates.items()}

    def orders(self, changed_since: str | None = None, *, sales: bool = False) -> list[Record]:
        """The orders booked through the API (``changed_since``: only those created or changed
        at or after it); ``sales``: with the seeded orders that sold a pass, which bookingkit
        lists too but nobody booked at a counter."""
        with self._lock:
            changed = self._store.order_changed
            sold = set(self._store.pass_orders.values())
            return [
                copy_order(o)
                for o in self._store.orders.values()
                if (sales or o["id"] not in sold)
                and (changed_since is None or changed.get(o["id"], "") >= changed_since)
            ]

    def orders_with_reference(self, ref: str) -> list[Record]:
        with self._lock:
            return [
                copy_order(o)
                for o in self._store.orders.values()
                if o.get("external_reference") == ref
            ]

    def patch_order(self, order_id: str, body: Any) -> Record:
        with self._lock:
            order = order_rules.patch(
                self._store,
                order_id,
                body,
                self.now(),
                restore=self.cancel_restores_voucher,
                restore_passes=self.cancel_restores_pass_entries,
                reopen_tickets=self.cancel_reopens_tickets,
            )
            return copy_order(order)

    def payments(self, order_id: str) -> list[Record]:
        with self._lock:
            if order_id not in self._store.orders:
                raise not_found("Order")
            return [copy_payment(p) for p in self._store.payments.get(order_id, [])]

    def add_payment(self, order_id: str, body: Any) -> Record:
        with self._lock:
            return copy_payment(order_rules.add_payment(self._store, order_id, body, self.now()))

    # --- open-date tickets -------------------------------------------------------------------

    def add_open_date_ticket(
        self,
        code: str,
        event_id: str,
        *,
        status: str = OPEN_DATE_TICKET_OPEN,
        customer_name: str | None = None,
        customer_email: str | None = None,
        price_value: Decimal | None = None,
        price_title: str | None = None,
        currency: str | None = "EUR",
        language: str | None = "de",
    ) -> str:
        """An open-date ticket for ``event_id`` (as if sold online); returns its id."""
        with self._lock:
            if event_id not in self._store.events:
                raise KeyError(event_id)
            if code in self._store.ticket_codes:
                raise ValueError("ticket code already exists")
            ident = self._store.new_id()
            self._store.open_date_tickets[ident] = {
                "id": ident,
                "code": code,
                "status": status,
                "customer_name": customer_name,
                "customer_email": customer_email,
                "customer_phone": None,
                "customer_language": language,
                "price_value": None if price_value is None else to_decimal(price_value),
                "price_title": price_title,
                "currency": currency,
                "event_id": event_id,
                "_order_id": None,
            }
            self._store.ticket_codes[code] = ident
            return ident

    def open_date_ticket(self, ident: str) -> Record:
        """GET /v3/open_date_tickets/{id}: by id, or by code in its place (guess U28)."""
        with self._lock:
            found = prepaid.find_ticket(self._store, ident)
            return copy_ticket(found, names_order=self.tickets_name_order)

    def ticket_order_id(self, ident: str) -> str | None:
        """The order a ticket's redemption created (tests; served only as guess U32 says)."""
        with self._lock:
            order_id = prepaid.find_ticket(self._store, ident).get("_order_id")
            return None if order_id is None else str(order_id)

    def redeem_open_date_ticket(self, ident: str, body: Any) -> Record:
        with self._lock:
            return prepaid.redeem_ticket(self._store, ident, body, self.now())

    # --- passes (flexible offers) ------------------------------------------------------------

    def add_pass(
        self,
        code: str,
        *,
        title: str = "10-entry pass",
        total: int = 10,
        available: int | None = None,
        status: str = "ACCEPTED",
        event_id: str | None = None,
        price_id: str | None = None,
        price: Decimal | None = None,
        price_title: str = "Adult",
        unlimited: bool = False,
        currency: str = "EUR",
    ) -> str:
        """A pass sold in an order of its own (``flexTickets[]``); returns the pass id."""
        with self._lock:
            if any(
                f["code"] == code
                for o in self._store.orders.values()
                for f in o.get("flexTickets", [])
            ):
                raise ValueError("pass code already exists")
            pass_id, order_id = self._store.new_id(), self._store.new_id()
            stamp = wire_time(self.now() - timedelta(days=14))
            offer = None
            if event_id is not None:
                offer = {
                    "id": self._store.new_id(),
                    "event_id": event_id,
                    "price_category_id": price_id,
                }
            flex: Record = {
                "id": pass_id,
                "code": code,
                "status": status,
                "title": title,
                "redemption_total": total,
                "redemption_available": total if available is None else available,
                "unlimited_redemptions": 1 if unlimited else 0,
                "price": None if price is None else to_decimal(price),
                "price_title": price_title,
                "currency": currency,
                "vat": Decimal("7.00"),
                "flexOffer": offer,
            }
            self._store.orders[order_id] = {
                "id": order_id,
                "code": self._store.new_code(),
                "external_reference": None,
                "vendor_id": self._store.vendor["id"],
                "date": stamp,
                "status": "ACCEPTED",  # the pass has its own status
                "lang": "de",
                "currency": currency,
                "name": "Online shop",
                "email": None,
                "comment": None,
                "total_invoice": flex["price"],
                "cancellation_date": None,
                "tickets": [],
                "redeemed_vouchers": [],
                "flexTickets": [flex],
            }
            self._store.payments[order_id] = []
            # It reached the stand-in now: that is when delta_since sees it (its "date" says
            # when the customer bought it).
            self._store.order_changed[order_id] = wire_time(self.now())
            self._store.pass_orders[pass_id] = order_id
            return pass_id

    def flex_ticket(self, pass_id: str) -> Record:
        """A pass as its order shows it (tests and the admin path)."""
        with self._lock:
            found = prepaid.find_pass(self._store, pass_id)
            if found is None:
                raise not_found("Pass")
            return copy_pass(found)

    def pass_order_id(self, pass_id: str) -> str:
        with self._lock:
            return self._store.pass_orders[pass_id]


def _category(title: str) -> str:
    """bookingkit's price category from a price title (Adult, Child, ...; else Other)."""
    known = ("Adult", "Senior", "Youth", "Child", "Infant", "Student", "Group")
    return next((c for c in known if c.lower() in title.lower()), "Other")
