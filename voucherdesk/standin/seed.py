"""Demo data for the stand-in: a small activity vendor with vouchers in every state.

Deterministic (fixed random seed) except that dates hang off the clock's today, so the demo
always has the next four weeks to book.
"""

from __future__ import annotations

import random
import string
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from voucherdesk.bookingkit.guesses import REQUIRED_SCOPES

if TYPE_CHECKING:
    from voucherdesk.standin.state import StandinState

DEMO_CLIENT_ID = "voucherdesk-demo"
DEMO_CLIENT_SECRET = "demo-secret-not-for-production"  # public demo credential

# role -> code; the desk's demo and tests pick vouchers by role.
DEMO_CODES: dict[str, str] = {
    "fresh": "GV7K2M9P",
    "partly_used": "PART4X8Q",
    "used_up": "USED9Z3T",
    "cancelled": "CANC5R2W",
    "expired": "EXPD8H4N",
    "other_currency": "CHF3L7VK",
    "dashes": "GIFT-2024-7QX9",
    "mixed_case": "SummerGift25",
    "small": "TINY6B1J",
    "large": "BIG250XY",
}

# role -> code of the open-date tickets and passes in the demo: every state the counter shows.
DEMO_TICKETS: dict[str, str] = {
    "open": "ODT4K7Q2ZM",
    "open_no_name": "ODT9P3X5RW",
    "depleted": "ODT2D8L6NV",
    "expired": "ODT7E3H9KC",
    "inactive": "ODT5N2B8TJ",
}
DEMO_PASSES: dict[str, str] = {
    "pass": "FLEX7Q2K9M",  # 7 of 10 entries left, for one experience and price
    "one_left": "FLEX3H8W1T",
    "no_entries": "FLEX0Z5R2D",
    "any_event": "FLEX6B4N8P",  # no flexOffer: the clerk picks the experience
    "cancelled": "FLEX9C1V7X",
    "pending": "FLEX2P6J4Q",
}

# title, prices, duration (min), lead time (min), daily start hours (UTC), capacity
_EVENTS: list[tuple[str, list[tuple[str, Decimal]], int, int, tuple[int, ...], int]] = [
    (
        "Harbour Kayak Tour",
        [
            ("Adult", Decimal("39.00")),
            ("Child (6-12)", Decimal("19.00")),
            ("Senior", Decimal("29.00")),
        ],
        120,
        60,
        (9, 14),
        12,
    ),
    (
        "City Food Walk",
        [
            ("Adult", Decimal("49.00")),
            ("Student", Decimal("35.00")),
            ("Child (6-12)", Decimal("25.00")),
        ],
        180,
        120,
        (11,),
        16,
    ),
    (
        "Sunset Sailing",
        [("Adult", Decimal("89.00")), ("Youth (13-17)", Decimal("59.50"))],
        150,
        1440,
        (17,),
        8,
    ),
    (
        "Escape Room: The Lighthouse",
        [("Adult", Decimal("30.00")), ("Group (up to 6)", Decimal("150.00"))],
        60,
        30,
        (10, 13, 16, 19),
        6,
    ),
    (
        "Pottery Workshop",
        [("Adult", Decimal("65.00")), ("Senior", Decimal("55.00"))],
        180,
        0,
        (15,),
        10,
    ),
]


def apply_seed(state: StandinState, seed: str) -> None:
    """Fill ``state`` for ``seed`` ("demo" or "empty"); both have the demo API client."""
    if seed not in ("demo", "empty"):
        raise ValueError(f"unknown seed {seed!r} (use 'demo' or 'empty')")
    state.add_client(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, REQUIRED_SCOPES)
    if seed == "demo":
        rng = random.Random(20_241_125)
        _seed_events(state, rng)
        _seed_vouchers(state, rng)
        _seed_products(state)  # after the vouchers: the ids drawn before stay as they were
        _seed_tickets(state)
        _seed_passes(state)


# The question an experience asks of each participant (bookingkit's ``participant_hint``).
_HINTS = {
    "Harbour Kayak Tour": "Can the participant swim? Shoe size for the wetsuit?",
    "City Food Walk": "Food allergies or diet (vegetarian, vegan, gluten-free)?",
}

# name, price, events it goes with (titles; none: every event), stock (None: unlimited),
# only with these price titles
_PRODUCTS: list[tuple[str, Decimal, tuple[str, ...], int | None, tuple[str, ...]]] = [
    ("Photo package", Decimal("12.00"), ("Harbour Kayak Tour", "Sunset Sailing"), None, ()),
    ("Dry bag rental", Decimal("4.50"), ("Harbour Kayak Tour",), 20, ()),
    ("Wine pairing", Decimal("15.00"), ("City Food Walk",), None, ("Adult",)),
    ("Souvenir mug", Decimal("9.90"), (), 50, ()),
]


def _seed_events(state: StandinState, rng: random.Random) -> None:
    now = state.now()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for title, prices, duration, lead, hours, capacity in _EVENTS:
        event_id = state.add_event(
            title,
            prices,
            duration=duration,
            latest_booking_time=lead,
            description=f"{title} with a local guide.",
            max_participants=capacity,
            participant_hint=_HINTS.get(title, ""),
        )
        for day in range(29):
            for hour in hours:
                when = today + timedelta(days=day, hours=hour)
                roll = rng.random()
                if roll < 0.12:
                    free = 0  # sold out
                elif roll < 0.30:
                    free = rng.randint(1, 2)  # nearly full
                else:
                    free = rng.randint(3, capacity)
                state.add_date(event_id, when, free, total=capacity)


def _seed_vouchers(state: StandinState, rng: random.Random) -> None:
    now = state.now()
    c = DEMO_CODES
    state.add_voucher(c["fresh"], Decimal("50.00"))
    partly = state.add_voucher(c["partly_used"], Decimal("100.00"))
    state.add_redemption(partly, Decimal("65.00"))
    used = state.add_voucher(c["used_up"], Decimal("40.00"))
    state.add_redemption(used, Decimal("40.00"))
    state.add_voucher(c["cancelled"], Decimal("60.00"), status="cancelled")
    state.add_voucher(c["expired"], Decimal("75.00"), valid_until=now - timedelta(days=3))
    state.add_voucher(c["other_currency"], Decimal("100.00"), currency="CHF")
    state.add_voucher(c["dashes"], Decimal("80.00"), valid_until=now + timedelta(days=365))
    state.add_voucher(c["mixed_case"], Decimal("25.00"))
    small = state.add_voucher(c["small"], Decimal("50.00"))
    state.add_redemption(small, Decimal("45.00"))
    state.add_voucher(c["large"], Decimal("250.00"))
    alphabet = string.ascii_uppercase + string.digits
    for _ in range(150):
        code = "".join(rng.choice(alphabet) for _ in range(8))
        if state.voucher_by_code(code) is not None:
            continue
        value = Decimal(rng.choice((25, 50, 75, 100, 150)))
        ident = state.add_voucher(code, value)
        if rng.random() < 0.3:
            state.add_redemption(ident, (value * Decimal(rng.randint(1, 9)) / 10))


def _seed_products(state: StandinState) -> None:
    events = {e["title"]: e for e in state.events()}
    for name, price, titles, stock, price_titles in _PRODUCTS:
        linked = [events[t] for t in titles]
        price_ids = [
            str(p["id"]) for e in linked for p in e["prices"] if p["title"] in price_titles
        ]
        state.add_product(
            name,
            price,
            events=[str(e["id"]) for e in linked],
            prices=price_ids,
            available=stock,
            description=f"{name} (demo).",
        )
    # Not offered at the counter: shipped, and sold with vouchers only.
    state.add_product("Gift box by post", Decimal("6.00"), shipping=True)
    state.add_product("Voucher card", Decimal("2.00"), vouchers_only=True)


def _event_id(state: StandinState, title: str) -> str:
    return str(next(e["id"] for e in state.events(title) if e["title"] == title))


def _seed_tickets(state: StandinState) -> None:
    kayak = _event_id(state, "Harbour Kayak Tour")
    t = DEMO_TICKETS
    adult, price = "Adult", Decimal("39.00")
    state.add_open_date_ticket(
        t["open"],
        kayak,
        customer_name="Erika Mustermann",
        customer_email="erika@example.org",
        price_value=price,
        price_title=adult,
    )
    state.add_open_date_ticket(t["open_no_name"], kayak, price_title="Child (6-12)")
    for role, status, name in (
        ("depleted", "DEPLETED", "Jonas Weber"),
        ("expired", "EXPIRED", "Lea Schmidt"),
        ("inactive", "INACTIVE", None),
    ):
        state.add_open_date_ticket(
            t[role], kayak, status=status, customer_name=name, price_value=price, price_title=adult
        )


def _seed_passes(state: StandinState) -> None:
    walk = state.event(_event_id(state, "City Food Walk"))
    adult = str(next(p["id"] for p in walk["prices"] if p["title"] == "Adult"))
    p, ten, five = DEMO_PASSES, "City Food Walk 10-entry pass", "City Food Walk 5-entry pass"
    for role, title, total, left, status in (
        ("pass", ten, 10, 7, "ACCEPTED"),
        ("one_left", ten, 10, 1, "ACCEPTED"),
        ("no_entries", ten, 10, 0, "ACCEPTED"),
        ("cancelled", five, 5, 5, "CANCELED"),
        ("pending", five, 5, 5, "PENDING"),
    ):
        state.add_pass(
            p[role],
            title=title,
            total=total,
            available=left,
            status=status,
            event_id=walk["id"],
            price_id=adult,
            price=Decimal(39 * total),
        )
    state.add_pass(p["any_event"], title="Harbour card: 5 experiences", total=5, available=4)
