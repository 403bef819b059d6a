"""Test the guesses in ``guesses.py`` against a real bookingkit account, reading only.

Run once against the sandbox (and again against production) before go-live. Every call here is
a GET: nothing is booked, paid or cancelled, so the guesses about writing (U1, U8, and for
open-date tickets and passes U29-U33, U36, U38) come back as "unknown" with the manual test
that settles them. A failing call never stops the check; it
becomes the detail of the finding it belongs to.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.guesses import (
    PASS_ORDER_MEMBER,
    PASS_STATUS_CANCELLED,
    PASS_STATUS_PENDING,
    PASS_STATUS_USABLE,
    VOUCHER_FIELDS,
    VOUCHER_PAYMENT_METHOD,
    VOUCHER_STATUS_ACTIVE,
    VOUCHER_STATUS_CANCELLED,
    VOUCHER_STATUS_USED_UP,
)
from voucherdesk.bookingkit.wire_values import format_utc

if TYPE_CHECKING:
    from voucherdesk.bookingkit.client import BookingkitClient

Status = Literal["confirmed", "contradicted", "unknown"]
T = TypeVar("T")

_VOUCHER_KEYS = (
    VOUCHER_FIELDS.ident,
    VOUCHER_FIELDS.code,
    VOUCHER_FIELDS.title,
    VOUCHER_FIELDS.value,
    VOUCHER_FIELDS.remaining,
    VOUCHER_FIELDS.currency,
    VOUCHER_FIELDS.status,
    VOUCHER_FIELDS.created,
    VOUCHER_FIELDS.valid_until,
    VOUCHER_FIELDS.redemptions,
)
_REDEMPTION_KEYS = (
    VOUCHER_FIELDS.redemption_order_id,
    VOUCHER_FIELDS.redemption_order_code,
    VOUCHER_FIELDS.redemption_value,
    VOUCHER_FIELDS.redemption_date,
)
_KNOWN_STATUSES = VOUCHER_STATUS_ACTIVE | VOUCHER_STATUS_USED_UP | VOUCHER_STATUS_CANCELLED
_PASS_KEYS = ("id", "code", "status", "redemption_total", "redemption_available")
_PASS_STATUSES = PASS_STATUS_USABLE | PASS_STATUS_PENDING | PASS_STATUS_CANCELLED
# The orders read for U9 and U34: enough to meet a voucher-paid one and a pass sale.
ORDERS_LOOKED_AT = 50

MANUAL_U1 = (
    "cannot be tested without booking. In the sandbox: create a test voucher, book one date "
    "with `voucherdesk redeem CODE --event ... --date ... --participants ...` and check in the "
    "admin UI that the order is paid with the voucher and its remaining value went down"
)
MANUAL_U25 = (
    "cannot be tested without booking. In the sandbox: redeem with an add-on "
    "(`voucherdesk redeem CODE ... --product NAME=1`) and check in the admin UI that the order "
    "lists the product at its price and that its total includes it (U26: the voucher paid "
    "for the product too, or bookingkit refused the order)"
)
MANUAL_TICKETS = (
    "cannot be tested without redeeming. In the sandbox: `voucherdesk lookup CODE` with a test "
    "open-date ticket's code (U28: found by its code), redeem it at the counter window with "
    "\u201cthis tour, now\u201d, and check in the admin UI that one order was made for the "
    "appointment shown (U29, U30), that `voucherdesk lookup CODE` now says used and the ticket "
    "names that order (U32); undo it and look the ticket up again (U33)"
)
MANUAL_PASSES = (
    "cannot be tested without booking. In the sandbox: book two entries of a test pass at the "
    "counter window, check in the admin UI that the order's participants are booked with the "
    "pass and its entries went down by two (U36); undo it and look the pass up again (U38)"
)
MANUAL_U8 = (
    "cannot be tested without booking. In the sandbox, after the U1 test: cancel that order "
    "(desk Undo or admin UI), then `voucherdesk lookup CODE`: remaining value unchanged = "
    "guess confirmed, back to the old value = contradicted"
)


@dataclass(frozen=True, slots=True)
class GuessFinding:
    """What one read-only test says about one guess (``guess`` is "U2", "U12", ...)."""

    guess: str
    title: str
    status: Status
    detail: str


class _Reader:
    """GETs only, remembering which ones bookingkit refused with 401 (U5)."""

    def __init__(self, client: BookingkitClient, page_size: int) -> None:
        self.client = client
        self.page_size = page_size
        self.refused: list[str] = []
        self.orders: list[dict[str, Any]] | None = None  # the U9 page, reused by U12

    def run(self, label: str, call: Callable[[], T]) -> T:
        try:
            return call()
        except errors.Unauthorized:
            self.refused.append(label)
            raise

    def page(self, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        # These checks need the raw objects, not the typed models.
        return self.run(f"GET {path}", lambda: self.client.get_raw_list(path, params))

    def linked_page(
        self, path: str, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], frozenset[str]]:
        return self.run(f"GET {path}", lambda: self.client.get_raw_page(path, params))


def _names(keys: Iterable[str]) -> str:
    listed = sorted(set(keys))
    return ", ".join(listed) if listed else "none"


def _failed(label: str, exc: errors.BookingkitError) -> str:
    """Plain words for a failed call; never a token, never a voucher value."""
    if isinstance(exc, errors.Unauthorized):
        return f"bookingkit refused {label} (HTTP 401): the API client may lack the scope for it"
    if isinstance(exc, errors.NotFound):
        return f"bookingkit does not know {label} (HTTP 404)"
    if isinstance(exc, errors.TransportError):
        return f"bookingkit could not be reached for {label}"
    if isinstance(exc, errors.MalformedResponse):
        return f"bookingkit's answer to {label} could not be read"
    return f"{label} failed: {exc}"


def _check_voucher_fields(reader: _Reader) -> GuessFinding:
    title = "voucher field names and status words"
    label = "GET /vouchers"
    try:
        page = reader.page("/vouchers", {"limit": reader.page_size, "offset": 0})
    except errors.BookingkitError as exc:
        return GuessFinding("U2", title, "unknown", _failed(label, exc))
    if not page:
        return GuessFinding("U2", title, "unknown", "the account has no vouchers to look at")
    keys = {k for v in page for k in v}
    absent = [k for k in _VOUCHER_KEYS if k not in keys]
    entries = [
        r
        for v in page
        if isinstance(v.get(VOUCHER_FIELDS.redemptions), list)
        for r in v[VOUCHER_FIELDS.redemptions]
        if isinstance(r, dict)
    ]
    statuses = {str(v[VOUCHER_FIELDS.status]) for v in page if VOUCHER_FIELDS.status in v}
    odd_statuses = statuses - _KNOWN_STATUSES
    parts = [
        f"{len(page)} vouchers read",
        f"present: {_names(k for k in _VOUCHER_KEYS if k in keys)}",
        f"absent: {_names(absent)}",
        f"other keys: {_names(keys - set(_VOUCHER_KEYS))}",
        f"status words: {_names(statuses)} (unrecognised: {_names(odd_statuses)})",
    ]
    if entries:
        entry_keys = {k for r in entries for k in r}
        odd_entry = [k for k in _REDEMPTION_KEYS if k not in entry_keys]
        absent += [f"{VOUCHER_FIELDS.redemptions}[].{k}" for k in odd_entry]
        parts.append(f"redemption keys: {_names(entry_keys)}")
    else:
        parts.append("no redemption entries seen (read a used voucher to check their keys)")
    status: Status = "contradicted" if absent or odd_statuses else "confirmed"
    return GuessFinding("U2", title, status, "; ".join(parts))


def _first_id(page: list[dict[str, Any]]) -> object:
    return page[0].get(VOUCHER_FIELDS.ident, page[0])


def _check_paging(reader: _Reader) -> list[GuessFinding]:
    """U3: the page size is honoured and ``fields`` keeps id and code; U18: offset moves."""
    size = reader.page_size
    u3_title, u18_title = "voucher pages honour limit and fields", "paging (Link next, offset)"
    fields = f"{VOUCHER_FIELDS.ident},{VOUCHER_FIELDS.code}"
    try:
        first, rels = reader.linked_page(
            "/vouchers", {"limit": size, "offset": 0, "fields": fields}
        )
    except errors.BookingkitError as exc:
        detail = _failed("GET /vouchers", exc)
        return [
            GuessFinding("U3", u3_title, "unknown", detail),
            GuessFinding("U18", u18_title, "unknown", detail),
        ]
    if not first:
        nothing = "the account has no vouchers to page through"
        return [
            GuessFinding("U3", u3_title, "unknown", nothing),
            GuessFinding("U18", u18_title, "unknown", nothing),
        ]
    lacking = [k for k in (VOUCHER_FIELDS.ident, VOUCHER_FIELDS.code) if k not in first[0]]
    u3_parts = [f"asked for {size}, got {len(first)}"]
    u3_parts.append(f"with fields={fields} the keys are {_names(first[0])}")
    u3_parts.append("the 10,000 cap itself is not probed (it would cost a huge answer)")
    u3_status: Status = "contradicted" if len(first) > size or lacking else "confirmed"
    u3 = GuessFinding("U3", u3_title, u3_status, "; ".join(u3_parts))
    if len(first) < size:
        few = f"only {len(first)} vouchers: paging needs more than {size}"
        return [u3, GuessFinding("U18", u18_title, "unknown", few)]
    try:
        second = reader.page("/vouchers", {"limit": size, "offset": size, "fields": fields})
    except errors.BookingkitError as exc:
        return [u3, GuessFinding("U18", u18_title, "unknown", _failed("GET /vouchers", exc))]
    if not second:
        detail = f"offset={size} gave an empty page (the account may have exactly {size})"
        return [u3, GuessFinding("U18", u18_title, "unknown", detail)]
    if _first_id(second) == _first_id(first):
        detail = f"offset={size} returned the first page again: bookingkit ignores offset"
        return [u3, GuessFinding("U18", u18_title, "contradicted", detail)]
    detail = f"offset={size} returned the next {len(second)} vouchers; " + _links_seen(rels)
    return [u3, GuessFinding("U18", u18_title, "confirmed", detail)]


def _links_seen(rels: frozenset[str]) -> str:
    if not rels:
        return "no Link header came (the index pages on until an empty page)"
    followed = "followed" if "next" in rels else "no rel=next on a full first page"
    return f"Link header with rel {_names(rels)} ({followed})"


def _check_payments(reader: _Reader) -> GuessFinding:
    title = f"voucher share shows as payment_method {VOUCHER_PAYMENT_METHOD!r}"
    params = {"limit": ORDERS_LOOKED_AT, "status": "ALL"}
    try:
        orders = reader.page("/orders", params)
    except errors.BookingkitError as exc:
        return GuessFinding("U9", title, "unknown", _failed("GET /orders", exc))
    reader.orders = orders
    listed = [o for o in orders if isinstance(o.get("id"), str)]
    if not listed:
        return GuessFinding("U9", title, "unknown", "the account has no order to look at")
    # A voucher-paid order says the most; without one, any order.
    order = next((o for o in listed if o.get("redeemed_vouchers")), listed[0])
    label = "GET /orders/{id}/payments"
    try:
        payments = reader.run(label, lambda: reader.client.list_payments(str(order["id"])))
    except errors.BookingkitError as exc:
        return GuessFinding("U9", title, "unknown", _failed(label, exc))
    methods = {p.payment_method or p.name or "(none)" for p in payments}
    voucher_paid = bool(order.get("redeemed_vouchers"))
    seen = f"{len(payments)} payments of one order, methods: {_names(methods)}"
    if VOUCHER_PAYMENT_METHOD in methods:
        return GuessFinding("U9", title, "confirmed", seen)
    if voucher_paid:
        return GuessFinding("U9", title, "contradicted", f"{seen}; the order was voucher-paid")
    return GuessFinding("U9", title, "unknown", f"{seen}; the order was not paid by voucher")


def _check_reference_filter(reader: _Reader) -> GuessFinding:
    title = "orders can be found by external_reference"
    label = "GET /orders?accept_external_reference"
    ref = f"voucherdesk-check-{uuid.uuid4()}"
    find = reader.client.find_orders_by_external_reference
    try:
        found = reader.run(label, lambda: find(ref))
    except errors.BookingkitError as exc:
        return GuessFinding("U12", title, "unknown", _failed(label, exc))
    if found:
        detail = (
            f"a reference no order carries returned {len(found)} orders: bookingkit ignores "
            "the filter, so after a lost answer the desk cannot tell whether it booked"
        )
        return GuessFinding("U12", title, "contradicted", detail)
    if not reader.orders:
        detail = "no orders came back, but the account has no orders, so this proves little"
        return GuessFinding("U12", title, "unknown", detail)
    return GuessFinding("U12", title, "confirmed", "an unused reference found no orders")


_PRODUCT_KEYS = ("id", "name", "price", "currency", "available", "dependencies")


def _check_products(reader: _Reader) -> GuessFinding:
    """U24/U27: products carry a price, and dependencies name events (with price ids)."""
    title = "add-on products: price, currency, stock and event dependencies"
    label = "GET /products"
    try:
        page = reader.page("/products", {"limit": reader.page_size, "offset": 0})
    except errors.BookingkitError as exc:
        return GuessFinding("U24", title, "unknown", _failed(label, exc))
    if not page:
        return GuessFinding("U24", title, "unknown", "the account has no products to look at")
    keys = {k for p in page for k in p}
    dependencies = [p.get("dependencies") for p in page if p.get("dependencies") is not None]
    odd = [d for d in dependencies if not isinstance(d, list)]
    links = [
        link
        for deps in dependencies
        if isinstance(deps, list)
        for dep in deps
        if isinstance(dep, dict) and isinstance(dep.get("events"), list)
        for link in dep["events"]
    ]
    link_keys = {k for link in links if isinstance(link, dict) for k in link}
    parts = [
        f"{len(page)} products read",
        f"present: {_names(k for k in _PRODUCT_KEYS if k in keys)}",
        f"absent: {_names(k for k in _PRODUCT_KEYS if k not in keys)}",
        f"event links seen: {len(links)} (keys: {_names(link_keys)})",
    ]
    if "currency" not in keys:
        parts.append("no currency: priced in the vendor's currency (U27)")
    if "available" not in keys:
        parts.append("no available: taken as no stock limit")
    unpriced = "price" not in keys
    status: Status = (
        "contradicted" if unpriced or odd or (links and "id" not in link_keys) else "confirmed"
    )
    return GuessFinding("U24", title, status, "; ".join(parts))


def _check_passes(reader: _Reader) -> GuessFinding:
    """U34/U35/U37: passes show in the orders that sold them, with the members we read."""
    title = f"passes are found in orders' {PASS_ORDER_MEMBER}"
    if reader.orders is None:
        return GuessFinding("U34", title, "unknown", "the orders could not be read (see U9)")
    sold = [
        p
        for o in reader.orders
        if isinstance(o.get(PASS_ORDER_MEMBER), list)
        for p in o[PASS_ORDER_MEMBER]
        if isinstance(p, dict)
    ]
    if not sold:
        detail = (
            f"none of the last {len(reader.orders)} orders sold a pass; sell a test pass in the "
            "sandbox and run this again"
        )
        return GuessFinding("U34", title, "unknown", detail)
    keys = {k for p in sold for k in p}
    absent = [k for k in _PASS_KEYS if k not in keys]
    statuses = {str(p["status"]) for p in sold if "status" in p}
    odd = statuses - _PASS_STATUSES
    offers = sum(1 for p in sold if isinstance(p.get("flexOffer"), dict))
    detail = "; ".join(
        (
            f"{len(sold)} passes seen",
            f"absent: {_names(absent)}",
            f"status words: {_names(statuses)} (unrecognised: {_names(odd)})",
            f"{offers} with a flexOffer (experience and price category, U37)",
        )
    )
    status: Status = "contradicted" if absent or odd else "confirmed"
    return GuessFinding("U34", title, status, detail)


def _check_delta_since(reader: _Reader, now: datetime) -> GuessFinding:
    """U39: ``delta_since`` is honoured on orders (a moment in the future lists none)."""
    title = "orders can be asked for by delta_since"
    label = "GET /orders?delta_since"
    later = format_utc(now + timedelta(days=1))
    try:
        found = reader.page("/orders", {"limit": 1, "status": "ALL", "delta_since": later})
    except errors.BookingkitError as exc:
        return GuessFinding("U39", title, "unknown", _failed(label, exc))
    if found:
        detail = (
            "orders changed after tomorrow came back: bookingkit ignores the filter, so every "
            "pass index refresh reads all orders (slow, but nothing is missed)"
        )
        return GuessFinding("U39", title, "contradicted", detail)
    if not reader.orders:
        detail = "no orders came back, but the account has no orders, so this proves little"
        return GuessFinding("U39", title, "unknown", detail)
    return GuessFinding("U39", title, "confirmed", "a moment in the future lists no orders")


def _check_ticket_lookup(reader: _Reader) -> GuessFinding:
    """U28: an unknown code sent as an open-date ticket's id is "not found" (404)."""
    title = "open-date tickets are looked up with the code in the id's place"
    probe = f"voucherdesk-check-{uuid.uuid4().hex[:12]}"
    label = "GET /open_date_tickets/{code}"
    try:
        reader.run(label, lambda: reader.client.get_open_date_ticket(probe))
    except errors.NotFound:
        detail = (
            "an unknown code is answered with 404, as the desk expects; whether a real "
            "ticket's code works in the id's place needs a real ticket: " + MANUAL_TICKETS
        )
        return GuessFinding("U28", title, "unknown", detail)
    except errors.BookingkitError as exc:
        return GuessFinding("U28", title, "unknown", _failed(label, exc))
    detail = "a made-up code found a ticket: the desk only takes one whose id or code matches"
    return GuessFinding("U28", title, "contradicted", detail)


def _check_scopes(reader: _Reader) -> GuessFinding:
    title = "the granted scopes allow every read the desk makes"
    if reader.refused:
        detail = f"refused with HTTP 401: {_names(reader.refused)}"
        return GuessFinding("U5", title, "contradicted", detail)
    detail = "no read was refused; write scopes cannot be tested without booking"
    return GuessFinding("U5", title, "confirmed", detail)


def check_guesses(
    client: BookingkitClient, *, page_size: int = 5, now: datetime | None = None
) -> list[GuessFinding]:
    """Run every read-only test once (at most nine GETs) and report one finding per guess."""
    reader = _Reader(client, max(1, page_size))
    findings = [_check_voucher_fields(reader), *_check_paging(reader)]
    findings.append(_check_payments(reader))
    findings.append(_check_reference_filter(reader))
    findings.append(_check_products(reader))
    findings.append(_check_passes(reader))
    findings.append(_check_delta_since(reader, now or datetime.now(UTC)))
    findings.append(_check_ticket_lookup(reader))
    findings.append(_check_scopes(reader))
    findings.append(GuessFinding("U1", "paying an order with a voucher", "unknown", MANUAL_U1))
    findings.append(
        GuessFinding("U8", "cancelling does not restore voucher value", "unknown", MANUAL_U8)
    )
    findings.append(
        GuessFinding("U25", "add-ons on an order, paid by the voucher", "unknown", MANUAL_U25)
    )
    findings.append(GuessFinding("U29", "redeeming an open-date ticket", "unknown", MANUAL_TICKETS))
    findings.append(GuessFinding("U36", "booking with a pass", "unknown", MANUAL_PASSES))
    return findings
