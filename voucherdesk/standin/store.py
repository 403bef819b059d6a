"""The stand-in's data: plain dicts shaped as bookingkit returns them, plus the ids' order.

Only :class:`~voucherdesk.standin.state.StandinState` touches a ``Store``, always under its
lock; everything handed out is a copy.
"""

from __future__ import annotations

import copy
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from voucherdesk.bookingkit.guesses import OPEN_DATE_TICKET_ORDER_MEMBER

Record = dict[str, Any]

# bookingkit's documented limits (reference section 2): "an absolute maximum limit set to
# 10.000 entries" per response, a default ``limit`` of 1,000 for vouchers (and coupons) and of
# 100,000 (so: the cap) for every other collection.
PAGE_CAP = 10_000
VOUCHER_DEFAULT_LIMIT = 1_000
DEFAULT_LIMIT = 100_000


def wire_time(moment: datetime) -> str:
    """bookingkit's timestamp form, ``YYYY-MM-DDThh:mm:ssZ``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_wire_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass
class Client:
    client_id: str
    secret: str = field(repr=False)
    scopes: tuple[str, ...]


@dataclass
class Token:
    client_id: str
    expires_at: datetime
    scopes: tuple[str, ...]


@dataclass(repr=False)  # a repr would dump every voucher
class Store:
    rng: random.Random
    vendor: Record
    voucher_ids: list[str] = field(default_factory=list)  # creation order, for paging
    vouchers: dict[str, Record] = field(default_factory=dict)
    voucher_codes: dict[str, str] = field(default_factory=dict)  # code -> ident
    events: dict[str, Record] = field(default_factory=dict)
    dates: dict[str, Record] = field(default_factory=dict)
    prices: dict[str, tuple[str, Record]] = field(default_factory=dict)  # id -> (event, price)
    products: dict[str, Record] = field(default_factory=dict)  # in creation order
    orders: dict[str, Record] = field(default_factory=dict)
    payments: dict[str, list[Record]] = field(default_factory=dict)
    # When each order was created or last changed (``delta_since``); kept apart, not served.
    order_changed: dict[str, str] = field(default_factory=dict)
    open_date_tickets: dict[str, Record] = field(default_factory=dict)
    ticket_codes: dict[str, str] = field(default_factory=dict)  # code -> ticket id
    pass_orders: dict[str, str] = field(default_factory=dict)  # pass id -> the order selling it
    # Which API client created each order (bookingkit knows it; it is not in the order JSON).
    order_clients: dict[str, str] = field(default_factory=dict)
    next_price_id: int = 14950

    def new_id(self) -> str:
        """A 32-hex id like bookingkit's (deterministic under the seeded generator)."""
        return f"{self.rng.getrandbits(128):032x}"

    def new_code(self, length: int = 8) -> str:
        alphabet = string.ascii_uppercase + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(length))


def copy_voucher(v: Record) -> Record:
    out = dict(v)
    out["redemptions"] = [dict(r) for r in v["redemptions"]]
    return out


def copy_event(e: Record) -> Record:
    out = dict(e)
    out["prices"] = [dict(p) for p in e["prices"]]
    return out


def copy_order(o: Record) -> Record:
    out = dict(o)
    out["tickets"] = [
        {**t, "participants": [dict(p) for p in t["participants"]]} for t in o["tickets"]
    ]
    out["products"] = [dict(p) for p in o.get("products", ())]
    out["redeemed_vouchers"] = [dict(rv) for rv in o["redeemed_vouchers"]]
    out["flexTickets"] = [copy_pass(f) for f in o.get("flexTickets", [])]
    for ticket in out["tickets"]:
        for person in ticket["participants"]:
            if isinstance(person.get("redeemed_flexTicket"), dict):
                person["redeemed_flexTicket"] = dict(person["redeemed_flexTicket"])
    return out


def copy_pass(f: Record) -> Record:
    out = dict(f)
    if isinstance(f.get("flexOffer"), dict):
        out["flexOffer"] = dict(f["flexOffer"])
    return out


def copy_ticket(t: Record, *, names_order: bool) -> Record:
    """An open-date ticket as served: its internal order link only as guess U32 says."""
    out = {k: v for k, v in t.items() if not k.startswith("_")}
    if names_order and t.get("_order_id"):
        out[OPEN_DATE_TICKET_ORDER_MEMBER] = t["_order_id"]
    return out


def copy_product(p: Record) -> Record:
    return copy.deepcopy(p)


def copy_payment(p: Record) -> Record:
    out = dict(p)
    related = p.get("related_items") or {}
    out["related_items"] = {k: [dict(x) for x in v] for k, v in related.items()}
    return out
