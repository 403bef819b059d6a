"""The bookingkit API v3 client: one method per call VoucherDesk makes, blocking, thread-safe.

Every call goes through :meth:`BookingkitClient._call`, which adds the token, counts the
request, retries GETs (``http.py``), re-authenticates once on 401 and reports a
:class:`CallRecord` to the observer. Only errors from ``errors.py`` leave this module.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError

from voucherdesk.bookingkit import errors, jsonwire
from voucherdesk.bookingkit.auth import Credentials, TokenManager, TokenStore
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.guesses import (
    IDEMPOTENCY_MEMBER,
    ORDER_STATUS_ON_CREATE,
    VOUCHER_FIELDS,
    VOUCHER_PAGE_LIMIT,
    top_up_payment_body,
    voucher_payment_fields,
)
from voucherdesk.bookingkit.http import RetryPolicy, api_error, parse, send
from voucherdesk.bookingkit.models import (
    Event,
    EventDate,
    Order,
    Payment,
    Vendor,
    Voucher,
    VoucherCode,
    format_utc,
)
from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.clock import Clock, utc_now
from voucherdesk.money import Money

log = logging.getLogger(__name__)

T = TypeVar("T")
_USER_AGENT = "VoucherDesk/0.1"


@dataclass(frozen=True)
class OrderDraft:
    """Everything needed to book one date paid (partly) with one voucher."""

    date_id: str
    event_id: str
    participants: tuple[tuple[str, int], ...]  # (price_id, count)
    currency: str
    external_reference: str
    voucher_id: str
    voucher_amount: Decimal
    name: str = "Box office"
    lang: str = "en"
    comment: str = ""

    def to_body(self, now: datetime) -> dict[str, Any]:
        people = [
            {"price_id": price_id, "status": "ACCEPTED"}
            for price_id, count in self.participants
            for _ in range(count)
        ]
        body: dict[str, Any] = {
            "date": format_utc(now),
            "status": ORDER_STATUS_ON_CREATE,
            "lang": self.lang,
            "currency": self.currency,
            "name": self.name,
            IDEMPOTENCY_MEMBER: self.external_reference,
            "tickets": [
                {
                    "date_id": self.date_id,
                    "event_id": self.event_id,
                    "status": "ACCEPTED",
                    "participants": people,
                }
            ],
        }
        if self.comment:
            body["comment"] = self.comment
        body.update(voucher_payment_fields(self.voucher_id, self.voucher_amount))
        return body


@dataclass(frozen=True)
class CallRecord:
    """One finished call, for the status strip: ``status`` is None when no answer came."""

    method: str
    path: str
    status: int | None
    seconds: float
    at: datetime


_VENDORS = TypeAdapter(list[Vendor])
_VOUCHER = TypeAdapter(Voucher)
_VOUCHERS = TypeAdapter(list[Voucher])
_RAW_LIST = TypeAdapter(list[dict[str, Any]])
_EVENT = TypeAdapter(Event)
_EVENTS = TypeAdapter(list[Event])
_DATE = TypeAdapter(EventDate)
_DATES = TypeAdapter(list[EventDate])
_ORDER = TypeAdapter(Order)
_ORDERS = TypeAdapter(list[Order])
_PAYMENT = TypeAdapter(Payment)
_PAYMENTS = TypeAdapter(list[Payment])


class BookingkitClient:
    def __init__(
        self,
        environment: Environment,
        credentials: Credentials,
        *,
        token_store: TokenStore,
        counter: RequestCounter | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        clock: Clock = utc_now,
        observer: Callable[[CallRecord], None] | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.environment = environment
        self.timeout = timeout
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            transport=transport,
            headers={"User-Agent": _USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )
        self._tokens = TokenManager(environment, credentials, token_store, self._http, clock=clock)
        self._counter = counter if counter is not None else RequestCounter(None, clock)
        self._clock = clock
        self._observer = observer
        self._retry = retry if retry is not None else RetryPolicy()
        self._last_call: CallRecord | None = None

    # --- lifecycle and status -------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BookingkitClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def token_valid_until(self) -> datetime | None:
        """For the status strip, on the GUI thread: memory only, never the keyring."""
        token = self._tokens.known()
        return token.expires_at if token is not None else None

    @property
    def requests_this_month(self) -> int:
        return self._counter.this_month()

    @property
    def last_call(self) -> CallRecord | None:
        return self._last_call

    # --- the one way out --------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        adapter: TypeAdapter[T],
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> T:
        started = time.monotonic()
        status: int | None = None
        try:
            response = self._send_authorised(method, path, params, body)
            status = response.status_code
            if status >= 400:
                raise api_error(response)
            return parse(response, adapter)
        finally:
            record = CallRecord(method, path, status, time.monotonic() - started, self._clock())
            self._last_call = record
            if self._observer is not None:
                try:
                    self._observer(record)
                except Exception:  # the status strip must never break a booking
                    log.exception("call observer failed")

    def _send_authorised(
        self, method: str, path: str, params: dict[str, Any] | None, body: dict[str, Any] | None
    ) -> httpx.Response:
        content = None if body is None else jsonwire.dumps(body).encode("utf-8")
        headers = {} if content is None else {"Content-Type": "application/json"}
        for attempt in (1, 2):
            token = self._tokens.token()
            request = self._http.build_request(
                method,
                self.environment.api_url + path,
                params=params,
                content=content,
                headers={**headers, "Authorization": f"Bearer {token}"},
            )
            response = send(self._http, request, retry=self._retry, on_attempt=self._counter.record)
            if response.status_code != 401 or attempt == 2:
                return response
            log.info("%s %s: token refused, signing in again once", method, path)
            self._tokens.invalidate(token)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- calls ------------------------------------------------------------------------------

    def check_connection(self) -> list[Vendor]:
        """GET /v3/vendors: proves the credentials and shows whose account this is."""
        return self._call("GET", "/vendors", _VENDORS)

    def get_voucher(self, voucher_id: str) -> Voucher:
        return self._call("GET", f"/vouchers/{_seg(voucher_id)}", _VOUCHER)

    def list_vouchers(self, *, limit: int = 1000, offset: int = 0) -> list[Voucher]:
        params = {"limit": min(limit, VOUCHER_PAGE_LIMIT), "offset": offset}
        return self._call("GET", "/vouchers", _VOUCHERS, params=params)

    def iter_voucher_codes(
        self, *, page_size: int = VOUCHER_PAGE_LIMIT, start_offset: int = 0
    ) -> Iterator[VoucherCode]:
        """Every voucher's id and code from ``start_offset`` on, one page per request.

        An entry without a usable id or code is skipped (and logged) rather than failing the
        whole index; a server that ignores ``offset`` and repeats a page is an error, not an
        endless loop.
        """
        page_size = max(1, min(page_size, VOUCHER_PAGE_LIMIT))
        fields = f"{VOUCHER_FIELDS.ident},{VOUCHER_FIELDS.code}"
        offset = start_offset
        previous_first: object = None
        while True:
            params = {"limit": page_size, "offset": offset, "fields": fields}
            page = self._call("GET", "/vouchers", _RAW_LIST, params=params)
            if page and offset != start_offset and page[0] == previous_first:
                raise errors.MalformedResponse(
                    "bookingkit sent the same page of vouchers again (offset ignored)"
                )
            previous_first = page[0] if page else None
            for raw in page:
                try:
                    yield VoucherCode.model_validate(raw)
                except ValidationError:
                    log.warning("skipping a voucher without a usable id or code at %d", offset)
            if len(page) < page_size:  # U18: a short page is the last one
                return
            offset += len(page)

    def list_events(self, *, match: str | None = None) -> list[Event]:
        params = {"match": match} if match else None
        return self._call("GET", "/events", _EVENTS, params=params)

    def get_event(self, event_id: str) -> Event:
        return self._call("GET", f"/events/{_seg(event_id)}", _EVENT)

    def list_dates(
        self, event_id: str, *, start: datetime, end: datetime, available_only: bool = False
    ) -> list[EventDate]:
        params = {
            "start_date": format_utc(start),
            "end_date": format_utc(end),
            # bookingkit's default is available=true; full dates must show as full, not vanish
            "available": "true" if available_only else "false",
        }
        return self._call("GET", f"/events/{_seg(event_id)}/dates", _DATES, params=params)

    def get_date(self, date_id: str) -> EventDate:
        return self._call("GET", f"/dates/{_seg(date_id)}", _DATE)

    def create_order(self, draft: OrderDraft) -> Order:
        """POST /v3/orders, sent once. A lost answer is OutcomeUnknown: look the order up by
        its external reference before sending anything again."""
        return self._call("POST", "/orders", _ORDER, body=draft.to_body(self._clock()))

    def get_raw_list(self, path: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A collection as bookingkit sends it, untyped: for checking our guesses about its
        shape (``guess_check.py``). Always a GET."""
        return self._call("GET", path, _RAW_LIST, params=params)

    def get_order(self, order_id: str) -> Order:
        return self._call("GET", f"/orders/{_seg(order_id)}", _ORDER)

    def find_orders_by_external_reference(self, ref: str) -> list[Order]:
        params = {"accept_external_reference": ref, "status": "ALL"}
        return self._call("GET", "/orders", _ORDERS, params=params)

    def add_payment(
        self, order_id: str, amount: Money, method: str, *, code: str | None = None
    ) -> Payment:
        """Record a top-up taken at the counter; sent once, like every write.

        ``code`` is the caller's key for this payment (the desk's journal key); without one the
        order id stands in, so the body is valid under both payment schemas (U23).
        """
        body = top_up_payment_body(
            amount.amount, method, code or f"topup-{order_id}", format_utc(self._clock())
        )
        return self._call("POST", f"/orders/{_seg(order_id)}/payments", _PAYMENT, body=body)

    def list_payments(self, order_id: str) -> list[Payment]:
        return self._call("GET", f"/orders/{_seg(order_id)}/payments", _PAYMENTS)

    def cancel_order(self, order_id: str) -> Order:
        body = {"status": "CANCELED"}
        return self._call("PATCH", f"/orders/{_seg(order_id)}", _ORDER, body=body)


def _seg(ident: str) -> str:
    """An id as one path segment; ids come from bookingkit, but never trust them into a path."""
    if not ident or "/" in ident or ident in (".", ".."):
        raise errors.NotFound(404, f"not a valid id: {ident!r}")
    return quote(ident, safe="")
