"""Order rules: what bookingkit checks before it books, and what one booking changes.

``create`` validates everything first and only then writes, so a refused order leaves no
trace. The caller (StandinState) holds the lock, which makes the voucher deduction, the slot
decrement and the new order one atomic step.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from voucherdesk.bookingkit.guesses import (
    ORDER_VOUCHER_PAYMENT_MEMBER,
    TOP_UP_PAYMENT_METHODS,
    VOUCHER_PAYMENT_METHOD,
    VOUCHER_PAYS_PRODUCTS,
    VOUCHER_STATUS_ACTIVE,
    VOUCHER_STATUS_CANCELLED,
)
from voucherdesk.bookingkit.guesses import VOUCHER_FIELDS as VF
from voucherdesk.money import to_decimal
from voucherdesk.standin import order_products, prepaid
from voucherdesk.standin.problems import (
    BAD_JSON,
    BAD_ORDER,
    DATE_NOT_BOOKABLE,
    DUPLICATE_REFERENCE,
    PAYMENT_REFUSED,
    VOUCHER_REFUSED,
    bad_request,
    not_found,
)
from voucherdesk.standin.store import Record, Store, parse_wire_time, wire_time

CREATE_STATUSES = frozenset({"ACCEPTED", "PENDING", "OPEN", "RESERVED"})
# The ``status`` filter of GET /orders (trait ordersCollection); the default is ACCEPTED.
LIST_STATUSES = frozenset({"ACCEPTED", "CANCELED", "PENDING", "DECLINED", "OPEN", "ALL"})
CANCELED = "CANCELED"
# order.json marks ``email`` with format "email"; this is the stand-in's reading of it.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PERSON_TEXTS = ("name", "email", "phone", "comment")


def _text(body: Record, key: str) -> str:
    value = body.get(key)
    return value.strip() if isinstance(value, str) else ""


def _amount(value: Any, what: str, code: int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise bad_request(code, f"{what} must be a number")
    try:
        return to_decimal(value)
    except ValueError as exc:
        raise bad_request(code, f"{what} must be a number") from exc


def _check_header(body: Any) -> Record:
    if not isinstance(body, dict):
        raise bad_request(BAD_JSON, "The order must be a JSON object")
    if len(_text(body, "name")) < 2:
        raise bad_request(BAD_ORDER, "name must have at least 2 characters")
    if len(_text(body, "lang")) != 2:
        raise bad_request(BAD_ORDER, "lang must be a 2-letter language code")
    if len(_text(body, "currency")) != 3:
        raise bad_request(BAD_ORDER, "currency must be a 3-letter currency code")
    if body.get("status", "ACCEPTED") not in CREATE_STATUSES:
        raise bad_request(BAD_ORDER, "status is not valid for a new order")
    for member in ("email", "comment"):
        if body.get(member) is not None and not isinstance(body[member], str):
            raise bad_request(BAD_ORDER, f"{member} must be a string")
    if body.get("email") and not _EMAIL.match(body["email"]):
        raise bad_request(BAD_ORDER, "email is not a valid e-mail address")
    tickets = body.get("tickets")
    if not isinstance(tickets, list) or not tickets:
        raise bad_request(BAD_ORDER, "Orders MUST contain at least one ticket")
    return body


def _check_tickets(store: Store, body: Record, now: datetime) -> list[tuple[Record, list[Record]]]:
    """Each ticket's date and the price records of its participants."""
    currency = _text(body, "currency").upper()
    planned: list[tuple[Record, list[Record]]] = []
    seats: Counter[str] = Counter()
    for ticket in body["tickets"]:
        if not isinstance(ticket, dict):
            raise bad_request(BAD_ORDER, "Each ticket must be an object")
        date_id = ticket.get("date_id") or ticket.get("event_date_id")
        date = store.dates.get(str(date_id)) if date_id else None
        if date is None or not date["active"]:
            raise bad_request(DATE_NOT_BOOKABLE, f"The date {date_id!r} does not exist")
        event = store.events[date["event_id"]]
        starts = parse_wire_time(date["date"])
        if starts <= now:
            raise bad_request(DATE_NOT_BOOKABLE, "The date is in the past")
        lead = int(event.get("latest_booking_time") or 0)
        if now > starts - timedelta(minutes=lead):
            raise bad_request(
                DATE_NOT_BOOKABLE,
                f"The date can no longer be booked ({lead} minutes lead time)",
            )
        participants = ticket.get("participants")
        if not isinstance(participants, list) or not participants:
            raise bad_request(BAD_ORDER, "Each ticket needs at least one participant")
        prices: list[Record] = []
        for person in participants:
            if not isinstance(person, dict):
                raise bad_request(BAD_ORDER, "Each participant must be an object")
            for member in _PERSON_TEXTS:
                if person.get(member) is not None and not isinstance(person[member], str):
                    raise bad_request(BAD_ORDER, f"participant {member} must be a string")
            if person.get("email") and not _EMAIL.match(person["email"]):
                raise bad_request(BAD_ORDER, "participant email is not a valid e-mail address")
            if person.get("price_id") is None:
                raise bad_request(BAD_ORDER, "You MUST provide a price_id for each participant")
            found = store.prices.get(str(person["price_id"]))
            if found is None or found[0] != event["id"]:
                raise bad_request(BAD_ORDER, f"price_id {person['price_id']} is not of this event")
            if found[1]["currency"] != currency:
                raise bad_request(BAD_ORDER, "The order currency differs from the price currency")
            prices.append(found[1])
        seats[date["id"]] += len(participants)
        if seats[date["id"]] > date["available_slots"]:
            raise bad_request(
                DATE_NOT_BOOKABLE,
                f"Not enough free places: {date['available_slots']} left on this date",
            )
        planned.append((date, prices))
    return planned


def _check_vouchers(
    store: Store, body: Record, total: Decimal, now: datetime
) -> list[tuple[Record, Decimal]]:
    entries = body.get(ORDER_VOUCHER_PAYMENT_MEMBER) or []
    if not isinstance(entries, list):
        raise bad_request(VOUCHER_REFUSED, f"{ORDER_VOUCHER_PAYMENT_MEMBER} must be a list")
    currency = _text(body, "currency").upper()
    draws: list[tuple[Record, Decimal]] = []
    drawn: dict[str, Decimal] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise bad_request(VOUCHER_REFUSED, "Each redeemed voucher must be an object")
        ident = entry.get("id")
        if ident is None and entry.get("code") is not None:
            ident = store.voucher_codes.get(str(entry["code"]))
        voucher = store.vouchers.get(str(ident)) if ident is not None else None
        if voucher is None:
            raise bad_request(VOUCHER_REFUSED, "The voucher does not exist")
        amount = _amount(entry.get("redeemed_value"), "redeemed_value", VOUCHER_REFUSED)
        status = str(voucher[VF.status])
        if status in VOUCHER_STATUS_CANCELLED:
            raise bad_request(VOUCHER_REFUSED, "The voucher has been cancelled")
        if status not in VOUCHER_STATUS_ACTIVE:
            raise bad_request(VOUCHER_REFUSED, "The voucher has already been used up")
        until = voucher[VF.valid_until]
        if until is not None and parse_wire_time(until) <= now:
            raise bad_request(VOUCHER_REFUSED, "The voucher has expired")
        # U2: a voucher without a currency is in the vendor's currency.
        voucher_currency = voucher[VF.currency] or store.vendor["currency"]
        if voucher_currency != currency:
            raise bad_request(
                VOUCHER_REFUSED,
                f"The voucher is in {voucher_currency}, the order in {currency}",
            )
        if amount <= 0:
            raise bad_request(VOUCHER_REFUSED, "redeemed_value must be greater than 0")
        ident = str(voucher[VF.ident])
        drawn[ident] = drawn.get(ident, Decimal(0)) + amount
        remaining: Decimal = voucher[VF.remaining]
        if drawn[ident] > remaining:
            raise bad_request(
                VOUCHER_REFUSED,
                f"redeemed_value exceeds the voucher's remaining value of {remaining}",
            )
        draws.append((voucher, amount))
    if sum((a for _, a in draws), Decimal(0)) > total:
        raise bad_request(VOUCHER_REFUSED, "redeemed_value exceeds the order total")
    return draws


def create(
    store: Store,
    body: Any,
    now: datetime,
    *,
    reject_duplicates: bool,
    ignore_voucher_payment: bool = False,
    ignore_pass_payment: bool = False,
) -> Record:
    """Validate a create-order body fully, then book it (caller holds the lock).

    ``ignore_voucher_payment`` plays a bookingkit that does not take our voucher member (guess
    U1 wrong): the order is booked and draws nothing, as the desk's live guard must notice;
    ``ignore_pass_payment`` does the same to a pass (guess U36 wrong): no entry is used.
    """
    body = _check_header(body)
    planned = _check_tickets(store, body, now)
    products = order_products.check(store, body, planned)
    tickets = sum((p["value"] for _, prices in planned for p in prices), Decimal(0))
    total = tickets + order_products.total(products)
    payable = total if VOUCHER_PAYS_PRODUCTS else tickets  # U26
    draws = [] if ignore_voucher_payment else _check_vouchers(store, body, payable, now)
    if ignore_pass_payment:
        body = prepaid.without_passes(body)
    passes = prepaid.check_passes(store, body, planned)
    reference = body.get("external_reference")
    if reference is not None and not isinstance(reference, str):
        raise bad_request(BAD_ORDER, "external_reference must be a string")
    if (
        reject_duplicates
        and reference
        and any(o.get("external_reference") == reference for o in store.orders.values())
    ):
        raise bad_request(DUPLICATE_REFERENCE, "An order with this external_reference exists")
    order = _book(store, body, planned, products, draws, total, now)
    prepaid.use_passes(store, passes, now)
    return order


def _book(
    store: Store,
    body: Record,
    planned: list[tuple[Record, list[Record]]],
    products: list[tuple[Record, int]],
    draws: list[tuple[Record, Decimal]],
    total: Decimal,
    now: datetime,
) -> Record:
    order_id, code, stamp = store.new_id(), store.new_code(), wire_time(now)
    tickets: list[Record] = []
    for (date, prices), sent in zip(planned, body["tickets"], strict=True):
        date["available_slots"] -= len(prices)
        people = [
            {
                "id": store.new_id(),
                "status": "ACCEPTED",
                "name": p.get("name") or body["name"],
                "email": p.get("email"),
                "comment": p.get("comment"),
                "price_id": price["id"],
                "price_value": price["value"],
                "price_title": price["title"],
                "code": store.new_code(10),
                "redeemed_flexTicket": prepaid.flex_member(store, p, price, now),
            }
            for p, price in zip(sent["participants"], prices, strict=True)
        ]
        tickets.append(
            {
                "id": store.new_id(),
                "date_id": date["id"],
                "event_id": date["event_id"],
                "code": store.new_code(10),
                "status": "ACCEPTED",
                "participants": people,
            }
        )
    redeemed: list[Record] = []
    for voucher, amount in draws:
        voucher[VF.remaining] -= amount
        if voucher[VF.remaining] <= 0:
            voucher[VF.status] = "inactive"
        voucher[VF.redemptions].append(
            {
                VF.redemption_order_id: order_id,
                VF.redemption_order_code: code,
                VF.redemption_value: amount,
                VF.redemption_date: stamp,
            }
        )
        redeemed.append(
            {
                "id": voucher[VF.ident],
                "redeemed_value": amount,
                "usage_date": stamp,
                "creation_date": voucher[VF.created],
                "purchasing_order_id": voucher["purchasing_order_id"],
            }
        )
    order: Record = {
        "id": order_id,
        "code": code,
        "external_reference": body.get("external_reference"),
        "vendor_id": store.vendor["id"],
        "date": stamp,
        "status": body.get("status", "ACCEPTED"),
        "lang": _text(body, "lang"),
        "currency": _text(body, "currency").upper(),
        "name": _text(body, "name"),
        "email": body.get("email"),
        "comment": body.get("comment"),
        "total_invoice": total,
        "cancellation_date": None,
        "tickets": tickets,
        "products": order_products.book(products, _text(body, "currency").upper()),
        "redeemed_vouchers": redeemed,
        "flexTickets": [],
    }
    store.orders[order_id] = order
    store.order_changed[order_id] = stamp
    store.payments[order_id] = []
    for rv in redeemed:
        paid = _payment(store, order, rv["redeemed_value"], "payment", VOUCHER_PAYMENT_METHOD, now)
        paid["related_items"]["vouchers"] = [{"id": rv["id"]}]
        store.payments[order_id].append(paid)
    return order


def _payment(
    store: Store,
    order: Record,
    value: Decimal,
    kind: str,
    method: str | None,
    now: datetime,
    *,
    code: str | None = None,
    name: str | None = None,
) -> Record:
    return {
        "id": store.new_id(),
        "value": value,
        "type": kind,
        "code": code if code is not None else store.new_code(),
        "payment_method": method,
        "name": name or method or "Payment",
        "payment_date": wire_time(now),
        "related_items": {"orders": [{"id": order["id"], "code": order["code"]}], "vouchers": []},
    }


def patch(
    store: Store,
    order_id: str,
    body: Any,
    now: datetime,
    *,
    restore: bool,
    restore_passes: bool = False,
    reopen_tickets: bool = False,
) -> Record:
    """PATCH an order; the stand-in supports the status change to CANCELED and comments.

    ``restore`` (U8), ``restore_passes`` (U38) and ``reopen_tickets`` (U33) play a bookingkit
    that gives back what the cancelled order used: voucher value, pass entries, the ticket."""
    order = store.orders.get(order_id)
    if order is None:
        raise not_found("Order")
    if not isinstance(body, dict):
        raise bad_request(BAD_JSON, "The patch must be a JSON object")
    status = body.get("status")
    if status is not None and status != CANCELED and status != order["status"]:
        raise bad_request(BAD_ORDER, f"status cannot be changed to {status!r}")
    for key in ("comment", "internal_notes"):
        if isinstance(body.get(key), str):
            order[key] = body[key]
    if status == CANCELED and order["status"] != CANCELED:
        _cancel(store, order, now, restore=restore)
        if restore_passes:
            prepaid.restore_passes(store, order, now)
        if reopen_tickets:
            prepaid.reopen_ticket(store, order)
    store.order_changed[order_id] = wire_time(now)
    return order


def _cancel(store: Store, order: Record, now: datetime, *, restore: bool) -> None:
    stamp = wire_time(now)
    order["status"], order["cancellation_date"] = CANCELED, stamp
    for ticket in order["tickets"]:
        date = store.dates.get(ticket["date_id"])
        if date is not None:
            date["available_slots"] += len(ticket["participants"])
        ticket["status"], ticket["cancellation_date"] = CANCELED, stamp
        for person in ticket["participants"]:
            person["status"], person["cancellation_date"] = CANCELED, stamp
    order_products.restore(store, order, stamp)
    if not restore:
        return
    for rv in order["redeemed_vouchers"]:
        voucher = store.vouchers.get(rv["id"])
        if voucher is None:
            continue
        voucher[VF.remaining] += rv["redeemed_value"]
        if voucher[VF.status] == "inactive" and voucher[VF.remaining] > 0:
            voucher[VF.status] = "active"
        refund = _payment(store, order, rv["redeemed_value"], "refund", VOUCHER_PAYMENT_METHOD, now)
        refund["related_items"]["vouchers"] = [{"id": rv["id"]}]
        store.payments.setdefault(order["id"], []).append(refund)


def add_payment(store: Store, order_id: str, body: Any, now: datetime) -> Record:
    """POST /orders/{id}/payments: a payment or refund in a documented method.

    bookingkit's spec wires two schemas to this call (reference section 12): ``payment_post``
    (``value``, ``type``, ``payment_method`` in ThirdParty/Cash/MobileApp) and ``payments``
    (``code``, ``payment_method``, ``name`` required). Which one bookingkit enforces is not
    known, so the stand-in enforces both: a body that passes here passes either.
    """
    order = store.orders.get(order_id)
    if order is None:
        raise not_found("Order")
    if not isinstance(body, dict):
        raise bad_request(BAD_JSON, "The payment must be a JSON object")
    value = _amount(body.get("value"), "value", PAYMENT_REFUSED)
    if value <= 0:
        raise bad_request(PAYMENT_REFUSED, "value must be greater than 0")
    kind = body.get("type")
    if kind not in ("payment", "refund"):
        raise bad_request(PAYMENT_REFUSED, "type must be 'payment' or 'refund'")
    method = body.get("payment_method")
    if method not in TOP_UP_PAYMENT_METHODS:
        raise bad_request(
            PAYMENT_REFUSED, f"payment_method must be one of {', '.join(TOP_UP_PAYMENT_METHODS)}"
        )
    for member in ("code", "name"):
        if not _text(body, member):
            raise bad_request(PAYMENT_REFUSED, f"{member} is required (schema payments.json)")
    payment = _payment(
        store,
        order,
        value,
        str(kind),
        method,
        now,
        code=_text(body, "code"),
        name=_text(body, "name"),
    )
    if isinstance(body.get("payment_date"), str):
        payment["payment_date"] = body["payment_date"]
    store.payments.setdefault(order_id, []).append(payment)
    store.order_changed[order_id] = wire_time(now)
    return payment


# The list's ``order`` sort keys (trait ordersCollection); "-" sorts descending.
SORT_KEYS = frozenset({"name", "date", "vendor_id"})
# Time filters: ``start_date``/``end_date`` on when the order was placed, the event ones on
# its tickets' dates. Both ends are inclusive; values are validated by the caller.
PLACED_FILTERS = ("start_date", "end_date")
EVENT_FILTERS = ("start_event_date", "end_event_date")


def _within(stamp: str | None, low: str | None, high: str | None) -> bool:
    """Wire timestamps share one fixed form, so text order is time order."""
    if low is None and high is None:
        return True
    if not stamp:
        return False
    return (low is None or stamp >= low) and (high is None or stamp <= high)


def _sort(found: list[Record], spec: str | None) -> list[Record]:
    if not spec:
        return found
    keys = [k.strip() for k in spec.split(",") if k.strip()]
    for key in reversed(keys):  # a stable sort per key, the first key applied last
        name = key.lstrip("+-")
        if name not in SORT_KEYS:
            raise bad_request(BAD_ORDER, f"order must use {', '.join(sorted(SORT_KEYS))}")
        found = sorted(found, key=lambda o: str(o.get(name) or ""), reverse=key.startswith("-"))
    return found


def select(
    orders: list[Record], query: dict[str, str], date_starts: dict[str, str] | None = None
) -> list[Record]:
    """GET /orders filters: status (default ACCEPTED, or ALL), external reference, code, ids
    (``accept``/``exclude``), ``accept_dates``, ``match`` (name, e-mail), when the order was
    placed, its tickets' dates (``date_starts``: date id -> start), and the ``order`` sort."""
    status = query.get("status", "ACCEPTED").upper()

    def wanted(key: str) -> set[str] | None:
        raw = query.get(key)
        return None if raw is None else {x for x in raw.split(",") if x}

    refs, codes, ids, dropped, dates = (
        wanted("accept_external_reference"),
        wanted("accept_code"),
        wanted("accept"),
        wanted("exclude"),
        wanted("accept_dates"),
    )
    low, high = (query.get(k) or None for k in PLACED_FILTERS)
    event_low, event_high = (query.get(k) or None for k in EVENT_FILTERS)
    match = (query.get("match") or "").casefold()
    starts = date_starts or {}

    def ticket_dates(order: Record) -> list[str]:
        return [str(t.get("date_id")) for t in order.get("tickets") or []]

    found = [
        o
        for o in orders
        if (status == "ALL" or o["status"] == status)
        and (refs is None or o.get("external_reference") in refs)
        and (codes is None or o["code"] in codes)
        and (ids is None or o["id"] in ids)
        and (dropped is None or o["id"] not in dropped)
        and (dates is None or any(d in dates for d in ticket_dates(o)))
        and _within(o.get("date"), low, high)
        and (
            (event_low is None and event_high is None)
            or any(_within(starts.get(d), event_low, event_high) for d in ticket_dates(o))
        )
        and (
            not match
            or match in str(o.get("name") or "").casefold()
            or match in str(o.get("email") or "").casefold()
        )
    ]
    return _sort(found, query.get("order"))
