"""The bookingkit API v3 client: one method per call VoucherDesk makes, blocking, thread-safe.

Every call goes through :meth:`BookingkitClient._call`, which adds the token, counts the
request, retries GETs (``http.py``), re-authenticates once on 401 and reports a
:class:`CallRecord` to the observer. Only errors from ``errors.py`` leave this module.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from pydantic import ValidationError

from voucherdesk.bookingkit import errors, jsonwire
from voucherdesk.bookingkit.auth import TokenManager
from voucherdesk.bookingkit.calls import CallRecord, OrderDraft, OrderPage, PassCode, PassOrderDraft
from voucherdesk.bookingkit.guesses import (
    ORDER_PAGE_LIMIT,
    PASS_ORDER_MEMBER,
    PASS_ORDER_QUERY,
    VOUCHER_FIELDS,
    VOUCHER_PAGE_LIMIT,
    RedemptionStrategy,
    open_date_redeem_body,
    top_up_payment_body,
)
from voucherdesk.bookingkit.http import (
    ACCEPT_ENCODING,
    AnswerLimits,
    RetryPolicy,
    api_error,
    parse,
    parse_objects,
    redirected,
    send,
)
from voucherdesk.bookingkit.models import (
    Event,
    EventDate,
    FlexTicket,
    OpenDateTicket,
    Order,
    Payment,
    Product,
    TicketRedemption,
    Validator,
    Vendor,
    Voucher,
    VoucherCode,
    prepare_validators,
)
from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.bookingkit.wire_values import format_utc
from voucherdesk.clock import Clock, utc_now

if TYPE_CHECKING:
    import httpx

    from voucherdesk.bookingkit.environments import Environment
    from voucherdesk.bookingkit.tokens import Credentials, TokenStore
    from voucherdesk.money import Money

log = logging.getLogger(__name__)

T = TypeVar("T")
_USER_AGENT = "VoucherDesk/0.1"

# A full index refresh reads at most this much (issue #12): well above any real vendor's
# voucher count, far below what would exhaust memory or a month's request quota.
MAX_INDEX_CODES = 1_000_000
MAX_INDEX_PAGES = 2_000


_VENDORS: Validator[list[Vendor]] = Validator(list[Vendor])
_VOUCHER: Validator[Voucher] = Validator(Voucher)
_VOUCHERS: Validator[list[Voucher]] = Validator(list[Voucher])
_RAW_LIST: Validator[list[dict[str, Any]]] = Validator(list[dict[str, Any]])
_EVENT: Validator[Event] = Validator(Event)
_EVENTS: Validator[list[Event]] = Validator(list[Event])
_DATE: Validator[EventDate] = Validator(EventDate)
_DATES: Validator[list[EventDate]] = Validator(list[EventDate])
_ORDER: Validator[Order] = Validator(Order)
_ORDERS: Validator[list[Order]] = Validator(list[Order])
_PRODUCTS: Validator[list[Product]] = Validator(list[Product])
_TICKET: Validator[OpenDateTicket] = Validator(OpenDateTicket)
_TICKET_REDEMPTION: Validator[TicketRedemption] = Validator(TicketRedemption)
_FLEX: Validator[FlexTicket] = Validator(FlexTicket)
_PAYMENT: Validator[Payment] = Validator(Payment)
_PAYMENTS: Validator[list[Payment]] = Validator(list[Payment])


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
        deadline: float | None = None,
        limits: AnswerLimits | None = None,
        max_index_codes: int = MAX_INDEX_CODES,
        max_index_pages: int = MAX_INDEX_PAGES,
    ) -> None:
        """``timeout`` bounds each connect, read and write; ``deadline`` (default: twice the
        timeout) bounds one whole request from sending to the last byte of its answer."""
        self.environment = environment
        self.timeout = timeout
        self.limits = limits or AnswerLimits(deadline_s=deadline or 2 * timeout)
        self.max_index_codes = max_index_codes  # caps of one full voucher index refresh
        self.max_index_pages = max_index_pages
        self._transport = transport  # None: our DeadlineTransport, made with the connection
        # The connection (httpx with its TLS stack) is made by the first call or by
        # ``prepare``, on a worker: the counter window is painted without waiting for it.
        self._connection: httpx.Client | None = None
        self._connection_lock = threading.Lock()
        self._closed = False
        self._tokens = TokenManager(
            environment, credentials, token_store, self._http, clock=clock, limits=self.limits
        )
        self._counter = counter if counter is not None else RequestCounter(None, clock)
        self._clock = clock
        self._observer = observer
        self._retry = retry if retry is not None else RetryPolicy()
        self._last_call: CallRecord | None = None

    # --- lifecycle and status -------------------------------------------------------------

    def _http(self) -> httpx.Client:
        """The connection to bookingkit, made on first use (from any thread, once)."""
        connection = self._connection
        if connection is not None:
            return connection
        with self._connection_lock:
            if self._connection is None:
                if self._closed:
                    raise RuntimeError("the bookingkit client is closed")
                self._connection = self._connect()
            return self._connection

    def _connect(self) -> httpx.Client:
        import httpx

        from voucherdesk.bookingkit.transport import DeadlineTransport

        if self._transport is None:
            self._transport = DeadlineTransport()
        return httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            transport=self._transport,
            headers={
                "User-Agent": _USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            follow_redirects=False,
        )

    def prepare(self) -> None:
        """What the first call would otherwise do first: build the answers' validators, the
        connection and its TLS context (the window calls this on a worker once it is
        painted)."""
        from voucherdesk.bookingkit.transport import DeadlineTransport

        prepare_validators()
        self._http()
        tls = self.environment.base_url.startswith("https://")  # plain HTTP: loopback only
        if tls and isinstance(self._transport, DeadlineTransport):
            self._transport.prepare()

    def close(self) -> None:
        with self._connection_lock:
            self._closed = True
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        self._counter.flush()  # the request count's last seconds

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
    def deadline(self) -> float:
        """Seconds one request may take in all; after a write, past it the outcome is unknown."""
        return self.limits.deadline_s

    @property
    def requests_this_month(self) -> int:
        return self._counter.this_month()

    @property
    def last_call(self) -> CallRecord | None:
        return self._last_call

    @property
    def granted_scopes(self) -> frozenset[str]:
        """The scopes bookingkit granted the token in use (memory only; empty before the
        first call of this process)."""
        token = self._tokens.known()
        return frozenset(token.scope.split()) if token is not None else frozenset()

    # --- the one way out --------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        adapter: Validator[T],
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> T:
        answer = self._answer(method, path, params=params, body=body, on_sent=on_sent)
        return parse(answer, adapter.get())

    def _answer(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        url: str | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> httpx.Response:
        """A 2xx answer, fully read; any other status is our error (a 3xx is never success)."""
        started = time.monotonic()
        status: int | None = None
        try:
            response = self._send_authorised(
                method, url or self.environment.api_url + path, params, body, on_sent
            )
            status = response.status_code
            if 300 <= status < 400:
                raise redirected(response)
            if not 200 <= status < 300:
                raise api_error(response)
            return response
        finally:
            record = CallRecord(method, path, status, time.monotonic() - started, self._clock())
            self._last_call = record
            if self._observer is not None:
                try:
                    self._observer(record)
                except Exception:  # the status strip must never break a booking
                    log.exception("call observer failed")

    def _send_authorised(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        body: dict[str, Any] | None,
        on_sent: Callable[[], None] | None,
    ) -> httpx.Response:
        content = None if body is None else jsonwire.dumps(body).encode("utf-8")
        headers = {} if content is None else {"Content-Type": "application/json"}
        for attempt in (1, 2):
            token = self._tokens.token()
            http = self._http()
            request = http.build_request(
                method,
                url,
                params=params,
                content=content,
                headers={**headers, "Authorization": f"Bearer {token}"},
            )
            response = send(
                http,
                request,
                retry=self._retry,
                limits=self.limits,
                on_attempt=self._attempt_hook(on_sent),
            )
            if response.status_code != 401 or attempt == 2:
                return response
            log.info("%s %s: token refused, signing in again once", method, request.url.path)
            self._tokens.invalidate(token)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt_hook(self, on_sent: Callable[[], None] | None) -> Callable[[], None]:
        """Before each attempt (after any token fetch): count it, and tell the caller a write
        leaves now (a write sent again after a 429 restarts its settle window). ``on_sent``
        may raise :class:`~errors.NotSent` to keep an attempt from going out."""
        if on_sent is None:
            return self._counter.record

        def attempt() -> None:
            self._counter.record()
            on_sent()

        return attempt

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
        self,
        *,
        page_size: int = VOUCHER_PAGE_LIMIT,
        start_offset: int = 0,
        max_codes: int | None = None,
        max_pages: int | None = None,
    ) -> Iterator[VoucherCode]:
        """Every voucher's id and code from ``start_offset`` on, one page per request.

        U18: a page shorter than asked is not the end (bookingkit caps pages, by default at
        1,000). The next page is the ``Link: rel="next"`` bookingkit sends; a Link header
        without ``next`` ends the list; without Link headers the list is paged by offset until
        an empty page. A page longer than ``page_size`` is malformed; past ``max_codes`` codes
        or ``max_pages`` pages comes :class:`~errors.ListTooLong`. An entry without a usable
        id or code is skipped (and logged); a server that repeats a page is an error.
        """
        page_size = max(1, min(page_size, VOUCHER_PAGE_LIMIT))
        max_codes = self.max_index_codes if max_codes is None else max_codes
        max_pages = self.max_index_pages if max_pages is None else max_pages
        fields = f"{VOUCHER_FIELDS.ident},{VOUCHER_FIELDS.code}"
        offset = start_offset
        params: dict[str, Any] | None = {"limit": page_size, "offset": offset, "fields": fields}
        url = self.environment.api_url + "/vouchers"
        followed: set[str] = set()
        previous_first: object = None
        codes = pages = 0
        while True:
            pages += 1
            if pages > max_pages:
                raise errors.ListTooLong(
                    f"the voucher list did not end within {max_pages:,} pages",
                    limit=max_pages,
                    unit="pages",
                )
            response = self._answer("GET", "/vouchers", params=params, url=url)
            page = parse_objects(response)
            if len(page) > page_size:
                raise errors.AnswerTooLarge(
                    f"bookingkit sent {len(page):,} vouchers on a page of at most {page_size:,}",
                    limit=page_size,
                    unit="items",
                )
            if page and pages > 1 and page[0] == previous_first:
                raise errors.MalformedResponse(
                    "bookingkit sent the same page of vouchers again (offset ignored)"
                )
            previous_first = page[0] if page else None
            for start in range(0, len(page), _CODES_AT_ONCE):
                piece = page[start : start + _CODES_AT_ONCE]
                if codes + len(piece) > max_codes:
                    raise errors.ListTooLong(
                        f"the voucher list holds more than {max_codes:,} codes",
                        limit=max_codes,
                        unit="codes",
                    )
                codes += len(piece)
                yield from _voucher_codes(piece, offset + start)
            if not page:
                return
            offset += len(page)
            linked = self._next_link(response, followed)
            if linked is None:  # a Link header without rel="next": this was the last page
                return
            if linked:
                url, params = linked, None
            else:  # no Link header at all: page on by offset
                url = self.environment.api_url + "/vouchers"
                params = {"limit": page_size, "offset": offset, "fields": fields}

    def iter_order_pages(
        self,
        *,
        placed_from: datetime,
        placed_until: datetime,
        page_size: int = ORDER_PAGE_LIMIT,
        max_pages: int | None = None,
    ) -> Iterator[OrderPage]:
        """Every order (any status) placed between the two moments (both inclusive), one
        request per page, read-only. Paged like :meth:`iter_voucher_codes` (U18): Link next
        when sent, else by offset until an empty page; a short page is not the end. The first
        request asks ``with_count`` so a progress bar can know the total."""
        page_size = max(1, min(page_size, ORDER_PAGE_LIMIT))
        max_pages = self.max_index_pages if max_pages is None else max_pages
        base = {
            "status": "ALL",
            "start_date": format_utc(placed_from),
            "end_date": format_utc(placed_until),
            "limit": page_size,
        }
        url = self.environment.api_url + "/orders"
        params: dict[str, Any] | None = {**base, "offset": 0, "with_count": "true"}
        followed: set[str] = set()
        previous_first: object = None
        offset = number = 0
        while True:
            number += 1
            if number > max_pages:
                raise errors.ListTooLong(
                    f"the order list did not end within {max_pages:,} pages",
                    limit=max_pages,
                    unit="pages",
                )
            response = self._answer("GET", "/orders", params=params, url=url)
            page = parse(response, _RAW_LIST.get())
            if len(page) > page_size:
                raise errors.AnswerTooLarge(
                    f"bookingkit sent {len(page):,} orders on a page of at most {page_size:,}",
                    limit=page_size,
                    unit="items",
                )
            if page and number > 1 and page[0] == previous_first:
                raise errors.MalformedResponse(
                    "bookingkit sent the same page of orders again (offset ignored)"
                )
            previous_first = page[0] if page else None
            orders: list[Order] = []
            for raw in page:
                try:
                    orders.append(Order.model_validate(raw))
                except ValidationError:
                    log.warning("an order on page %d could not be read", number)
            yield OrderPage(
                number=number,
                orders=tuple(orders),
                unreadable=len(page) - len(orders),
                total=_total_count(response) if number == 1 else None,
            )
            if not page:
                return
            offset += len(page)
            linked = self._next_link(response, followed)
            if linked is None:
                return
            if linked:
                url, params = linked, None
            else:
                url, params = self.environment.api_url + "/orders", {**base, "offset": offset}

    def _next_link(self, response: httpx.Response, followed: set[str]) -> str | None:
        """U18: the URL of rel="next" ("" when the answer has no Link header at all, None when
        it has one without next). Only a link to the same place is followed, never twice."""
        if "link" not in response.headers:
            return ""
        relative = response.links.get("next", {}).get("url")
        if not relative:
            return None
        import httpx

        try:
            target = str(response.request.url.join(relative))
        except httpx.InvalidURL as exc:
            raise errors.MalformedResponse("bookingkit's next-page link is not a URL") from exc
        here, there = urlsplit(str(response.request.url)), urlsplit(target)
        if (there.scheme, there.netloc, there.path.rstrip("/")) != (
            here.scheme,
            here.netloc,
            here.path.rstrip("/"),
        ):
            raise errors.MalformedResponse("bookingkit's next-page link points elsewhere")
        if target in followed:
            raise errors.MalformedResponse("bookingkit's next-page links go round in a circle")
        followed.add(target)
        return target

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

    def list_products(self, ids: tuple[str, ...] | None = None) -> list[Product]:
        """GET /v3/products: the vendor's additional products (``ids``: only these, asked with
        the common ``accept`` filter and checked here, in case the filter is not honoured)."""
        params = {"accept": ",".join(ids)} if ids else None
        found = self._call("GET", "/products", _PRODUCTS, params=params)
        if ids is None:
            return found
        wanted = set(ids)
        return [p for p in found if p.id in wanted]

    def create_order(
        self, draft: OrderDraft | PassOrderDraft, *, on_sent: Callable[[], None] | None = None
    ) -> Order:
        """POST /v3/orders, sent once. A lost answer is OutcomeUnknown: look the order up by
        its external reference before sending anything again."""
        body = draft.to_body(self._clock())
        return self._call("POST", "/orders", _ORDER, body=body, on_sent=on_sent)

    # --- open-date tickets -----------------------------------------------------------------

    def get_open_date_ticket(self, ident: str) -> OpenDateTicket:
        """GET /v3/open_date_tickets/{id}; the scanned code goes here too (guess U28)."""
        return self._call("GET", f"/open_date_tickets/{_seg(ident)}", _TICKET)

    def redeem_open_date_ticket(
        self,
        ticket_id: str,
        strategy: RedemptionStrategy,
        appointment_id: str | None = None,
        *,
        on_sent: Callable[[], None] | None = None,
    ) -> TicketRedemption:
        """POST /v3/open_date_tickets/{id}/redeem, sent once. It carries no reference of ours:
        a lost answer (OutcomeUnknown) is settled by reading the ticket again."""
        body = open_date_redeem_body(strategy, appointment_id)
        path = f"/open_date_tickets/{_seg(ticket_id)}/redeem"
        return self._call("POST", path, _TICKET_REDEMPTION, body=body, on_sent=on_sent)

    # --- passes (flexible offers) ----------------------------------------------------------

    def iter_pass_codes(
        self,
        *,
        changed_since: datetime | None = None,
        page_size: int = VOUCHER_PAGE_LIMIT,
        max_orders: int | None = None,
        max_pages: int | None = None,
    ) -> Iterator[PassCode]:
        """Every pass sold in an order (changed since ``changed_since``), with its order (U34).

        Paged like the voucher list (U18): Link next when bookingkit sends Link headers, else
        offset until an empty page; the index's caps apply. A pass without a usable id or code
        is skipped (and logged).
        """
        params: dict[str, Any] = dict(PASS_ORDER_QUERY)
        if changed_since is not None:
            params["delta_since"] = format_utc(changed_since)
        for raw in self._iter_raw(
            "/orders",
            params,
            page_size=max(1, min(page_size, VOUCHER_PAGE_LIMIT)),
            max_items=self.max_index_codes if max_orders is None else max_orders,
            max_pages=self.max_index_pages if max_pages is None else max_pages,
            what="orders",
        ):
            order_id = raw.get("id")
            passes = raw.get(PASS_ORDER_MEMBER)
            if not isinstance(order_id, str) or not isinstance(passes, list):
                continue
            for item in passes:
                try:
                    found = _FLEX.get().validate_python(item)
                except ValidationError:
                    log.warning("skipping a pass without a usable id or code in an order")
                    continue
                yield PassCode(found.code, found.id, order_id)

    def _iter_raw(
        self,
        path: str,
        params: dict[str, Any],
        *,
        page_size: int,
        max_items: int,
        max_pages: int,
        what: str,
    ) -> Iterator[dict[str, Any]]:
        """The raw items of a paged collection (U18), within caps of items and pages."""
        offset, items, pages = 0, 0, 0
        url = self.environment.api_url + path
        query: dict[str, Any] | None = {**params, "limit": page_size, "offset": 0}
        followed: set[str] = set()
        previous_first: object = None
        while True:
            pages += 1
            if pages > max_pages:
                raise errors.ListTooLong(
                    f"the {what} list did not end within {max_pages:,} pages",
                    limit=max_pages,
                    unit="pages",
                )
            response = self._answer("GET", path, params=query, url=url)
            page = parse(response, _RAW_LIST.get())
            if len(page) > page_size:
                raise errors.AnswerTooLarge(
                    f"bookingkit sent {len(page):,} {what} on a page of at most {page_size:,}",
                    limit=page_size,
                    unit="items",
                )
            if page and pages > 1 and page[0] == previous_first:
                raise errors.MalformedResponse(f"bookingkit sent the same page of {what} again")
            previous_first = page[0] if page else None
            items += len(page)
            if items > max_items:
                raise errors.ListTooLong(
                    f"the {what} list holds more than {max_items:,} items",
                    limit=max_items,
                    unit="items",
                )
            yield from page
            if not page:
                return
            offset += len(page)
            linked = self._next_link(response, followed)
            if linked is None:
                return
            if linked:
                url, query = linked, None
            else:
                url = self.environment.api_url + path
                query = {**params, "limit": page_size, "offset": offset}

    def get_raw_list(self, path: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A collection as bookingkit sends it, untyped: for checking our guesses about its
        shape (``guess_check.py``). Always a GET."""
        return self._call("GET", path, _RAW_LIST, params=params)

    def get_raw_page(
        self, path: str, params: dict[str, Any] | None = None
    ) -> tuple[list[dict[str, Any]], frozenset[str]]:
        """Like :meth:`get_raw_list`, plus the ``rel`` names of the answer's Link header (U18)."""
        response = self._answer("GET", path, params=params)
        rels = (
            frozenset(str(rel) for rel in response.links)
            if "link" in response.headers
            else frozenset()
        )
        return parse(response, _RAW_LIST.get()), rels

    def get_order(self, order_id: str) -> Order:
        return self._call("GET", f"/orders/{_seg(order_id)}", _ORDER)

    def find_orders_by_external_reference(self, ref: str) -> list[Order]:
        params = {"accept_external_reference": ref, "status": "ALL"}
        return self._call("GET", "/orders", _ORDERS, params=params)

    def add_payment(
        self,
        order_id: str,
        amount: Money,
        method: str,
        *,
        code: str | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> Payment:
        """Record a top-up taken at the counter; sent once, like every write.

        ``code`` is the caller's key for this payment (the desk's journal key); without one the
        order id stands in, so the body is valid under both payment schemas (U23).
        """
        body = top_up_payment_body(
            amount.amount, method, code or f"topup-{order_id}", format_utc(self._clock())
        )
        path = f"/orders/{_seg(order_id)}/payments"
        return self._call("POST", path, _PAYMENT, body=body, on_sent=on_sent)

    def list_payments(self, order_id: str) -> list[Payment]:
        return self._call("GET", f"/orders/{_seg(order_id)}/payments", _PAYMENTS)

    def cancel_order(self, order_id: str, *, on_sent: Callable[[], None] | None = None) -> Order:
        body = {"status": "CANCELED"}
        path = f"/orders/{_seg(order_id)}"
        return self._call("PATCH", path, _ORDER, body=body, on_sent=on_sent)


_VOUCHER_CODES: Validator[list[VoucherCode]] = Validator(list[VoucherCode])
_VOUCHER_CODE: Validator[VoucherCode] = Validator(VoucherCode)
_CODES_AT_ONCE = 500  # validated in one call: fast, and short enough not to stall other threads


def _voucher_codes(raws: list[dict[str, Any]], offset: int) -> list[VoucherCode]:
    """The usable codes of a piece of a page; an entry without a usable id or code is
    skipped (and logged), the others kept."""
    try:
        return _VOUCHER_CODES.get().validate_python(raws)
    except ValidationError:
        kept = []
        for n, raw in enumerate(raws):
            try:
                kept.append(_VOUCHER_CODE.get().validate_python(raw))
            except ValidationError:
                log.warning("skipping a voucher without a usable id or code at %d", offset + n)
        return kept


def _total_count(response: httpx.Response) -> int | None:
    """bookingkit's ``X-Total_Count`` (sic), when it is a plausible count."""
    raw = response.headers.get("X-Total_Count", "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def _seg(ident: str) -> str:
    """An id as one path segment; ids come from bookingkit, but never trust them into a path."""
    if not ident or "/" in ident or ident in (".", ".."):
        raise errors.NotFound(404, f"not a valid id: {ident!r}")
    return quote(ident, safe="")
