"""Open-date tickets and passes: what bookingkit checks before it redeems, and what changes.

An open-date ticket is redeemed by ``POST /v3/open_date_tickets/{id}/redeem``: the stand-in
picks the appointment by the strategy (guess U30, the same rule the desk shows), books one
participant on it in a new order and marks the ticket DEPLETED, all in one step under the
state's lock. A pass (``flexTickets[]`` of the order that sold it) is used by an ordinary
order whose participants carry ``redeemed_flexTicket`` (guess U36): ``check_passes`` refuses
before anything is written, ``use_passes`` lowers the entries when the order is booked.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from voucherdesk.bookingkit.guesses import (
    OPEN_DATE_TICKET_DEPLETED,
    OPEN_DATE_TICKET_OPEN,
    PASS_PARTICIPANT_MEMBER,
    PASS_STATUS_USABLE,
    RedemptionStrategy,
    current_appointment,
    next_available_appointment,
)
from voucherdesk.standin.problems import (
    BAD_JSON,
    DATE_NOT_BOOKABLE,
    PASS_REFUSED,
    TICKET_REFUSED,
    bad_request,
    not_found,
)
from voucherdesk.standin.store import Record, Store, parse_wire_time, wire_time

# --- open-date tickets -----------------------------------------------------------------------


def find_ticket(store: Store, ident: str) -> Record:
    """A ticket by its id, or by its code in the id's place (guess U28)."""
    ticket = store.open_date_tickets.get(ident)
    if ticket is None and ident in store.ticket_codes:
        ticket = store.open_date_tickets[store.ticket_codes[ident]]
    if ticket is None:
        raise not_found("Open date ticket")
    return ticket


def _event_dates(store: Store, event_id: str) -> list[Record]:
    found = [d for d in store.dates.values() if d["event_id"] == event_id and d["active"]]
    return sorted(found, key=lambda d: str(d["date"]))


def _appointment(store: Store, ticket: Record, body: Record, now: datetime) -> tuple[Record, bool]:
    """The date the strategy picks, and whether it may be overbooked."""
    raw = body.get("redemption_strategy")
    try:
        strategy = RedemptionStrategy(str(raw))
    except ValueError as exc:
        allowed = ", ".join(s.value for s in RedemptionStrategy)
        raise bad_request(BAD_JSON, f"redemption_strategy must be one of {allowed}") from exc
    event = store.events[ticket["event_id"]]
    dates = _event_dates(store, event["id"])
    starts = [parse_wire_time(d["date"]) for d in dates]
    if strategy is RedemptionStrategy.SELECTED:
        wanted = body.get("appointment_id")
        if not isinstance(wanted, str) or not wanted:
            raise bad_request(BAD_JSON, "selected_appointment needs an appointment_id")
        chosen = next((d for d in dates if d["id"] == wanted), None)
        if chosen is None:
            raise bad_request(DATE_NOT_BOOKABLE, "The appointment is not one of this event")
        if parse_wire_time(chosen["date"]) <= now:
            raise bad_request(DATE_NOT_BOOKABLE, "The appointment is in the past")
        return chosen, False
    if strategy is RedemptionStrategy.NEXT_AVAILABLE:
        index = next_available_appointment(starts, [d["available_slots"] for d in dates], now)
        if index is None:
            raise bad_request(DATE_NOT_BOOKABLE, "No appointment with a free place")
        return dates[index], False
    duration = timedelta(minutes=int(event.get("duration") or 0))
    index = current_appointment(starts, duration, now)
    if index is None:
        raise bad_request(DATE_NOT_BOOKABLE, "No current appointment")
    return dates[index], strategy is RedemptionStrategy.CURRENT_WITH_OVERBOOKING


def redeem_ticket(store: Store, ident: str, body: Any, now: datetime) -> Record:
    """Redeem one open-date ticket: a new order for the chosen appointment (lock held)."""
    ticket = store.open_date_tickets.get(ident)
    if ticket is None:
        raise not_found("Open date ticket")
    if not isinstance(body, dict):
        raise bad_request(BAD_JSON, "The redemption must be a JSON object")
    status = ticket["status"]
    if status != OPEN_DATE_TICKET_OPEN:
        raise bad_request(TICKET_REFUSED, f"The ticket cannot be redeemed: it is {status}")
    date, overbook = _appointment(store, ticket, body, now)
    if date["available_slots"] <= 0 and not overbook:
        raise bad_request(DATE_NOT_BOOKABLE, "The appointment has no free place")
    order = _ticket_order(store, ticket, date, now)
    date["available_slots"] = max(0, date["available_slots"] - 1)
    ticket["status"] = OPEN_DATE_TICKET_DEPLETED
    ticket["_order_id"] = order["id"]
    return {
        "id": ticket["id"],
        "order_id": order["id"],
        "appointment_id": date["id"],
        "redemption_strategy": body["redemption_strategy"],
    }


def _ticket_order(store: Store, ticket: Record, date: Record, now: datetime) -> Record:
    order_id, code, stamp = store.new_id(), store.new_code(), wire_time(now)
    name = ticket.get("customer_name") or "Box office"
    person = {
        "id": store.new_id(),
        "status": "ACCEPTED",
        "name": name,
        "price_id": None,
        "price_value": ticket.get("price_value"),
        "price_title": ticket.get("price_title"),
        "code": store.new_code(10),
    }
    order: Record = {
        "id": order_id,
        "code": code,
        "external_reference": None,
        "vendor_id": store.vendor["id"],
        "date": stamp,
        "status": "ACCEPTED",
        "lang": ticket.get("customer_language") or "de",
        "currency": ticket.get("currency") or store.vendor["currency"],
        "name": name,
        "email": ticket.get("customer_email"),
        "comment": None,
        "total_invoice": ticket.get("price_value"),
        "cancellation_date": None,
        "tickets": [
            {
                "id": store.new_id(),
                "date_id": date["id"],
                "event_id": date["event_id"],
                "code": store.new_code(10),
                "status": "ACCEPTED",
                "participants": [person],
            }
        ],
        "redeemed_vouchers": [],
        "flexTickets": [],
    }
    store.orders[order_id] = order
    store.payments[order_id] = []
    store.order_changed[order_id] = stamp
    return order


def reopen_ticket(store: Store, order: Record) -> None:
    """Cancelling a ticket's order opens the ticket again (only when the stand-in is told to
    play guess U33 the other way)."""
    for ticket in store.open_date_tickets.values():
        if ticket.get("_order_id") == order["id"]:
            ticket["status"] = OPEN_DATE_TICKET_OPEN
            ticket["_order_id"] = None


# --- passes -------------------------------------------------------------------------------


def find_pass(store: Store, pass_id: str) -> Record | None:
    order_id = store.pass_orders.get(pass_id)
    if order_id is None:
        return None
    return next(
        (f for f in store.orders[order_id].get("flexTickets", []) if f["id"] == pass_id), None
    )


def check_passes(
    store: Store, body: Record, planned: list[tuple[Record, list[Record]]]
) -> Counter[str]:
    """How many participants each pass pays for; refuses what bookingkit would (lock held)."""
    used: Counter[str] = Counter()
    for (date, prices), sent in zip(planned, body["tickets"], strict=True):
        for person, price in zip(sent["participants"], prices, strict=True):
            member = person.get(PASS_PARTICIPANT_MEMBER)
            if member is None:
                continue
            if not isinstance(member, dict) or not isinstance(member.get("id"), str):
                raise bad_request(PASS_REFUSED, f"{PASS_PARTICIPANT_MEMBER} needs an id")
            found = find_pass(store, member["id"])
            if found is None:
                raise bad_request(PASS_REFUSED, "The pass does not exist")
            if found["status"] not in PASS_STATUS_USABLE:
                raise bad_request(PASS_REFUSED, f"The pass cannot be used: it is {found['status']}")
            offer = found.get("flexOffer") or {}
            if offer.get("event_id") and offer["event_id"] != date["event_id"]:
                raise bad_request(PASS_REFUSED, "The pass is for another experience")
            if offer.get("price_category_id") and offer["price_category_id"] != price["id"]:
                raise bad_request(PASS_REFUSED, "The pass is for another price category")
            used[found["id"]] += 1
    for pass_id, count in used.items():
        found = find_pass(store, pass_id)
        assert found is not None
        if not found.get("unlimited_redemptions") and count > found["redemption_available"]:
            raise bad_request(
                PASS_REFUSED,
                f"The pass has {found['redemption_available']} entries left, not {count}",
            )
    return used


def without_passes(body: Record) -> Record:
    """The body as a bookingkit that ignores ``redeemed_flexTicket`` reads it (U36 wrong)."""
    tickets = [
        {
            **t,
            "participants": [
                {k: v for k, v in p.items() if k != PASS_PARTICIPANT_MEMBER}
                for p in t.get("participants", [])
                if isinstance(p, dict)
            ],
        }
        for t in body["tickets"]
        if isinstance(t, dict)
    ]
    return {**body, "tickets": tickets}


def use_passes(store: Store, used: Counter[str], now: datetime) -> None:
    for pass_id, count in used.items():
        found = find_pass(store, pass_id)
        assert found is not None
        if not found.get("unlimited_redemptions"):
            found["redemption_available"] -= count
        store.order_changed[store.pass_orders[pass_id]] = wire_time(now)


def flex_member(store: Store, person: Record, price: Record, now: datetime) -> Record | None:
    """The ``redeemed_flexTicket`` a booked participant shows, as the order schema has it."""
    member = person.get(PASS_PARTICIPANT_MEMBER)
    if not isinstance(member, dict):
        return None
    return {
        "id": member["id"],
        "redeemed_value": member.get("redeemed_value", price["value"]),
        "creation_date": wire_time(now - timedelta(days=14)),
        "purchasing_order_id": store.pass_orders.get(member["id"], ""),
    }


def restore_passes(store: Store, order: Record, now: datetime) -> None:
    """Entries of a cancelled booking go back onto their pass (only when the stand-in is told
    to play guess U38 the other way)."""
    back: Counter[str] = Counter()
    for ticket in order["tickets"]:
        for person in ticket["participants"]:
            member = person.get(PASS_PARTICIPANT_MEMBER)
            if isinstance(member, dict):
                back[member["id"]] += 1
    for pass_id, count in back.items():
        found = find_pass(store, pass_id)
        if found is not None and not found.get("unlimited_redemptions"):
            found["redemption_available"] = min(
                found["redemption_total"], found["redemption_available"] + count
            )
            store.order_changed[store.pass_orders[pass_id]] = wire_time(now)
