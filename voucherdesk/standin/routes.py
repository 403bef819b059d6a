"""Routing and handlers: bookingkit API v3 paths on top of StandinState.

Handlers take a parsed :class:`Request` and return a :class:`Response`; refusals travel as
the exceptions of :mod:`voucherdesk.standin.problems`. Paths work with and without a trailing
slash; ``POST ...?method=PATCH`` is bookingkit's method override.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from voucherdesk.bookingkit import jsonwire
from voucherdesk.standin import orders as order_rules
from voucherdesk.standin.faults import Fault, FaultPlan
from voucherdesk.standin.problems import BAD_JSON, NOT_FOUND, ApiProblem, OAuthProblem, bad_request
from voucherdesk.standin.store import DEFAULT_LIMIT, VOUCHER_DEFAULT_LIMIT, Record

if TYPE_CHECKING:
    from voucherdesk.standin.state import StandinState

TIME_FORMAT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")
READ_ORDERS = ("orders_read_owned", "orders_read_all")
WRITE_ORDERS = ("orders_write_owned", "orders_write_all")
CALENDAR = ("calendar_read",)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    base_url: str

    def json(self) -> Any:
        try:
            return jsonwire.loads(self.body or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise bad_request(BAD_JSON, "The request body is not valid JSON") from exc

    def bearer(self) -> str | None:
        auth = self.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return self.query.get("access_token")


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    state: StandinState
    faults: FaultPlan


Handler = Callable[[Context, Request, dict[str, str]], Response]


def parse_query(raw: str) -> dict[str, str]:
    return dict(parse_qsl(raw, keep_blank_values=True))


def _int(req: Request, name: str, default: int) -> int:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise bad_request(BAD_JSON, f"{name} must be an integer") from exc
    if value < 0:
        raise bad_request(BAD_JSON, f"{name} must not be negative")
    return value


def _flag(req: Request, name: str, default: bool) -> bool:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return default
    return raw.lower() in ("1", "true", "yes")


def _ids(req: Request, name: str) -> set[str] | None:
    raw = req.query.get(name)
    return None if raw is None else {x for x in raw.split(",") if x}


def _time(req: Request, name: str) -> str | None:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return None
    if not TIME_FORMAT.match(raw):
        raise bad_request(BAD_JSON, f"{name} must be in the format YYYY-MM-DDThh:mm:ssZ")
    return raw


def _project(records: list[Record], req: Request) -> list[Record]:
    fields = req.query.get("fields", "all")
    if fields in ("", "all"):
        return records
    keep = [f for f in fields.split(",") if f]
    return [{k: r[k] for k in keep if k in r} for r in records]


def _collection(
    ctx: Context, req: Request, page: list[Record], total: int, limit: int, offset: int
) -> Response:
    """A bare JSON array, plus X-Total_Count and Link headers as bookingkit documents.

    ``limit`` is what this page was allowed to hold (the asked limit, capped); the next page
    starts after the items actually sent, so a capped page still links to the rest.
    """
    headers: dict[str, str] = {}
    with_count = _flag(req, "with_count", False)
    if with_count:
        headers["X-Total_Count"] = str(total)
    if "limit" in req.query and ctx.state.send_links:

        def link(at: int, rel: str) -> str:
            query = {k: v for k, v in req.query.items() if k != "access_token"}
            query["offset"] = str(at)
            return f'<{req.base_url}{req.path}?{urlencode(query)}>; rel="{rel}"'

        links = [link(0, "first")]
        if page and offset + len(page) < total:
            links.append(link(offset + len(page), "next"))
        if offset > 0:
            links.append(link(max(0, offset - limit), "prev"))
        if with_count and limit:
            links.append(link(max(0, (total - 1) // limit * limit), "last"))
        headers["Link"] = ", ".join(links)
    return Response(200, _project(page, req), headers)


def _limit(ctx: Context, req: Request, default_limit: int) -> int:
    """The page size: ``limit`` (or the collection's default), never above the server's cap."""
    return min(_int(req, "limit", default_limit), ctx.state.page_cap)


def _paged(ctx: Context, req: Request, records: list[Record], default_limit: int) -> Response:
    limit = _limit(ctx, req, default_limit)
    offset = _int(req, "offset", 0)
    return _collection(ctx, req, records[offset : offset + limit], len(records), limit, offset)


# --- /oauth/token -------------------------------------------------------------------------


def token(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    form = parse_query(req.body.decode("utf-8", "replace"))
    client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    auth = req.headers.get("authorization", "")
    if auth.lower().startswith("basic "):
        try:
            pair = base64.b64decode(auth[6:].strip()).decode("utf-8")
        except ValueError as exc:
            raise OAuthProblem(401, "invalid_client", "Malformed Basic credentials") from exc
        client_id, _sep, secret = pair.partition(":")
    if form.get("grant_type") != "client_credentials":
        raise OAuthProblem(400, "unsupported_grant_type", "grant_type must be client_credentials")
    return Response(200, ctx.state.issue_token(client_id, secret, form.get("scope")))


# --- /v3 ----------------------------------------------------------------------------------


def vendors(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    return _paged(ctx, req, ctx.state.vendors(), DEFAULT_LIMIT)


def vouchers(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    limit = _limit(ctx, req, VOUCHER_DEFAULT_LIMIT)
    offset = _int(req, "offset", 0)
    page, total = ctx.state.list_vouchers(limit, offset, _ids(req, "accept"), _ids(req, "exclude"))
    return _collection(ctx, req, page, total, limit, offset)


def voucher(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.voucher(p["id"]))


def events(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    return _paged(ctx, req, ctx.state.events(req.query.get("match")), DEFAULT_LIMIT)


def event(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.event(p["id"]))


def event_dates(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    found = ctx.state.event_dates(
        p["id"],
        _time(req, "start_date"),
        _time(req, "end_date"),
        _flag(req, "available", True),
        _flag(req, "ignore_latest_booking_time", False),
    )
    return _paged(ctx, req, found, DEFAULT_LIMIT)


def products(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    found = ctx.state.products(_ids(req, "accept"))
    exclude = _ids(req, "exclude") or set()
    found = [p for p in found if p["id"] not in exclude]
    if "available" in req.query and _flag(req, "available", False):
        found = [p for p in found if p["available"] is None or p["available"] > 0]
    return _paged(ctx, req, found, DEFAULT_LIMIT)


def product(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.product(p["id"]))


def date(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.date(p["id"]))


def orders_list(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    status = req.query.get("status", "ACCEPTED").upper()
    if status not in order_rules.LIST_STATUSES:
        # A misspelt status must not look like "no such order" to a client that reconciles.
        allowed = ", ".join(sorted(order_rules.LIST_STATUSES))
        raise bad_request(BAD_JSON, f"status must be one of {allowed}")
    for name in (*order_rules.PLACED_FILTERS, *order_rules.EVENT_FILTERS):
        _time(req, name)  # bookingkit refuses any other time form with a 400
    ctx.state.note_order_list(req.query)
    readable = ctx.state.readable_orders(req.bearer() or "", _time(req, "delta_since"))
    found = order_rules.select(readable, req.query, ctx.state.date_starts())
    return _paged(ctx, req, found, DEFAULT_LIMIT)


def order_create(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    body = req.json()
    return Response(201, ctx.state.create_order(body, ctx.state.token_client(req.bearer())))


def order_get(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.order(p["id"], req.bearer() or ""))


def order_patch(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.patch_order(p["id"], req.json()))


def payments_list(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.payments(p["id"]))


def payment_add(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(201, ctx.state.add_payment(p["id"], req.json()))


def open_date_ticket(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.open_date_ticket(p["id"]))


def open_date_redeem(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(201, ctx.state.redeem_open_date_ticket(p["id"], req.json()))


# --- /_standin (admin, no auth) -----------------------------------------------------------


def admin_fault_add(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    try:
        fault = Fault.from_json(req.json())
    except (ValueError, TypeError) as exc:
        raise bad_request(BAD_JSON, str(exc)) from exc
    ctx.faults.add(fault)
    return Response(201, fault.to_json())


def admin_fault_clear(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    ctx.faults.clear()
    return Response(204)


def admin_expire(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    ctx.state.expire_tokens()
    return Response(204)


def admin_clock(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    """``{"offset_seconds": x}`` steps the stand-in's clock to x seconds from its own clock."""
    if req.method == "POST":
        data = req.json()
        if not isinstance(data, dict) or not isinstance(data.get("offset_seconds"), int | Decimal):
            raise bad_request(BAD_JSON, 'send {"offset_seconds": <number>}')
        ctx.state.set_clock_offset(timedelta(seconds=float(data["offset_seconds"])))
    return Response(
        200,
        {
            "now": ctx.state.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "offset_seconds": ctx.state.clock_offset.total_seconds(),
        },
    )


def admin_page_cap(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    """``{"page_cap": n}``: the most items one response holds (bookingkit: 10,000)."""
    data = req.json()
    cap = data.get("page_cap") if isinstance(data, dict) else None
    if not isinstance(cap, int) or isinstance(cap, bool) or cap < 1:
        raise bad_request(BAD_JSON, 'send {"page_cap": <a positive integer>}')
    ctx.state.page_cap = cap
    return Response(200, {"page_cap": cap})


def admin_orders(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    ref = req.query.get("external_reference")
    found = ctx.state.orders() if ref is None else ctx.state.orders_with_reference(ref)
    return Response(200, found)


def admin_voucher(ctx: Context, req: Request, p: dict[str, str]) -> Response:
    return Response(200, ctx.state.voucher(p["id"]))


def admin_requests(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    """What the stand-in has counted: /v3 requests (bookingkit's quota) and token requests."""
    return Response(
        200,
        {"api_requests": ctx.state.api_requests, "token_requests": ctx.state.token_requests},
    )


def _admin_fields(req: Request, **kinds: type) -> dict[str, Any]:
    data = req.json()
    if not isinstance(data, dict):
        raise bad_request(BAD_JSON, "send a JSON object")
    fields: dict[str, Any] = {}
    for name, kind in kinds.items():
        value = data.get(name)
        if kind is int and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise bad_request(BAD_JSON, f"{name} must be a positive integer")
        if kind is str and (not isinstance(value, str) or not value.strip()):
            raise bad_request(BAD_JSON, f"{name} must be a non-empty text")
        if kind is Decimal and (not isinstance(value, int | Decimal) or value <= 0):
            raise bad_request(BAD_JSON, f"{name} must be a positive amount")
        fields[name] = value
    return fields


def admin_bulk_vouchers(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    """``{"count": n, "prefix": "BENCH", "value": 50}``: n active vouchers coded
    ``{prefix}{i:06d}`` (benchmarks: a large account, or vouchers enough for a long day)."""
    f = _admin_fields(req, count=int, prefix=str, value=Decimal)
    try:
        ctx.state.add_vouchers_bulk(f["count"], f["prefix"], Decimal(f["value"]))
    except ValueError as exc:
        raise bad_request(BAD_JSON, str(exc)) from exc
    return Response(201, {"count": f["count"], "prefix": f["prefix"]})


def admin_event(ctx: Context, req: Request, _: dict[str, str]) -> Response:
    """``{"title": "...", "price": 20, "slots": n}``: an experience with one price and a date
    every day of the next four weeks, each with n free places (benchmarks: a long day)."""
    f = _admin_fields(req, title=str, price=Decimal, slots=int)
    event_id = ctx.state.add_event(f["title"], [("Adult", Decimal(f["price"]))])
    today = ctx.state.now().replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(1, 29):
        ctx.state.add_date(event_id, today + timedelta(days=day, hours=10), f["slots"])
    return Response(201, ctx.state.event(event_id))


# (method, path pattern, handler, scopes needed; None = no bearer token at all)
ROUTES: list[tuple[str, re.Pattern[str], Handler, tuple[str, ...] | None]] = [
    (m, re.compile(f"^{p}$"), h, s)
    for m, p, h, s in [
        ("POST", "/oauth/token", token, None),
        ("GET", "/v3/vendors", vendors, ()),
        ("GET", "/v3/vouchers", vouchers, READ_ORDERS),
        ("GET", "/v3/vouchers/(?P<id>[^/]+)", voucher, READ_ORDERS),
        ("GET", "/v3/events", events, CALENDAR),
        ("GET", "/v3/events/(?P<id>[^/]+)", event, CALENDAR),
        ("GET", "/v3/events/(?P<id>[^/]+)/dates", event_dates, CALENDAR),
        ("GET", "/v3/dates/(?P<id>[^/]+)", date, CALENDAR),
        ("GET", "/v3/products", products, CALENDAR),
        ("GET", "/v3/products/(?P<id>[^/]+)", product, CALENDAR),
        ("GET", "/v3/orders", orders_list, READ_ORDERS),
        ("POST", "/v3/orders", order_create, WRITE_ORDERS),
        ("GET", "/v3/orders/(?P<id>[^/]+)", order_get, READ_ORDERS),
        ("PATCH", "/v3/orders/(?P<id>[^/]+)", order_patch, WRITE_ORDERS),
        ("GET", "/v3/orders/(?P<id>[^/]+)/payments", payments_list, READ_ORDERS),
        ("POST", "/v3/orders/(?P<id>[^/]+)/payments", payment_add, WRITE_ORDERS),
        ("GET", "/v3/open_date_tickets/(?P<id>[^/]+)", open_date_ticket, READ_ORDERS),
        ("POST", "/v3/open_date_tickets/(?P<id>[^/]+)/redeem", open_date_redeem, WRITE_ORDERS),
        ("POST", "/_standin/faults", admin_fault_add, None),
        ("DELETE", "/_standin/faults", admin_fault_clear, None),
        ("POST", "/_standin/expire-tokens", admin_expire, None),
        ("GET", "/_standin/clock", admin_clock, None),
        ("POST", "/_standin/clock", admin_clock, None),
        ("POST", "/_standin/page-cap", admin_page_cap, None),
        ("GET", "/_standin/orders", admin_orders, None),
        ("GET", "/_standin/vouchers/(?P<id>[^/]+)", admin_voucher, None),
        ("POST", "/_standin/vouchers", admin_bulk_vouchers, None),
        ("POST", "/_standin/events", admin_event, None),
        ("GET", "/_standin/requests", admin_requests, None),
    ]
]


def dispatch(ctx: Context, req: Request) -> Response:
    """Authorise (for /v3), route and run one request; problems propagate to the caller."""
    path = req.path.rstrip("/") or "/"
    method = req.method
    override = req.query.get("method", "").upper()
    if method == "POST" and override in ("PATCH", "DELETE"):
        method = override
    if path.startswith("/v3/") or path == "/v3":
        ctx.state.authorize(req.bearer())
    path_known = False
    for route_method, pattern, handler, scopes in ROUTES:
        match = pattern.match(path)
        if match is None:
            continue
        path_known = True
        if route_method != method:
            continue
        if scopes:
            ctx.state.check_scope(req.bearer(), scopes)
        return handler(ctx, req, match.groupdict())
    if path_known:
        raise ApiProblem(405, NOT_FOUND, f"Method {method} is not allowed here")
    raise ApiProblem(404, NOT_FOUND, "Not found", f"no resource at {path}")
