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
    CANCEL_RESTORES_VOUCHER_VALUE,
    REQUIRED_SCOPES,
)
from voucherdesk.bookingkit.guesses import VOUCHER_FIELDS as VF
from voucherdesk.clock import utc_now
from voucherdesk.money import to_decimal
from voucherdesk.standin import orders as order_rules
from voucherdesk.standin.access import Access
from voucherdesk.standin.problems import not_found
from voucherdesk.standin.store import (
    PAGE_CAP,
    Record,
    Store,
    copy_event,
    copy_order,
    copy_payment,
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
        # The most items one response holds, whatever ``limit`` asks (bookingkit: 10,000).
        self.page_cap = PAGE_CAP
        # bookingkit documents Link headers on every list asked with ``limit``; False lets
        # tests play a server that sends none (the client must then page to an empty page).
        self.send_links = True
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

    def expire_tokens(self) -> None:
        """Every issued token runs out now (tests jump over the one-hour wait)."""
        self._access.expire_tokens()

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

    def readable_orders(self, token_value: str) -> list[Record]:
        """The orders ``token_value`` may read, oldest first (bookingkit's list order)."""
        with self._lock:
            return [
                copy_order(o) for o in self._store.orders.values() if self._may_read(o, token_value)
            ]

    def date_starts(self) -> dict[str, str]:
        """Every date's id and start (the order list filters by ticket dates)."""
        with self._lock:
            return {ident: str(d["date"]) for ident, d in self._store.dates.items()}

    def orders(self) -> list[Record]:
        with self._lock:
            return [copy_order(o) for o in self._store.orders.values()]

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
                self._store, order_id, body, self.now(), restore=self.cancel_restores_voucher
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


def _category(title: str) -> str:
    """bookingkit's price category from a price title (Adult, Child, ...; else Other)."""
    known = ("Adult", "Senior", "Youth", "Child", "Infant", "Student", "Group")
    return next((c for c in known if c.lower() in title.lower()), "Other")
