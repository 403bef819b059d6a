"""Every guess VoucherDesk makes about bookingkit API v3, in one place.

bookingkit documents only ``ident``, ``title`` and ``code`` for a voucher, and no public source
shows the request that pays an order with a voucher (reference, section 11). What we assume
instead lives here and nowhere else: the client's models read voucher fields through these
names, the order body is built by :func:`voucher_payment_fields`, and the stand-in server speaks
the same assumptions so demo mode and tests agree with the client. After a test against
bookingkit's sandbox, change this module (and the README's list) and nothing else.

Each constant names the unknown it settles (U1 ... U22 in the reference).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

if TYPE_CHECKING:
    from voucherdesk.money import Money


@dataclass(frozen=True, slots=True)
class VoucherFieldNames:
    """U2: property names of a voucher object beyond ``ident``/``title``/``code``."""

    ident: str = "ident"
    code: str = "code"
    title: str = "title"
    value: str = "value"
    remaining: str = "remaining_value"
    currency: str = "currency"
    status: str = "status"
    created: str = "creation_date"
    valid_until: str = "valid_until"
    redemptions: str = "redemptions"
    # Fields of one entry in ``redemptions``.
    redemption_order_id: str = "order_id"
    redemption_order_code: str = "order_code"
    redemption_value: str = "redeemed_value"
    redemption_date: str = "usage_date"


VOUCHER_FIELDS: Final = VoucherFieldNames()

# U2: status words seen on a voucher, and what they mean for us. A voucher that is fully used
# becomes "inactive" in the admin UI (help centre); "cancelled" is ours.
VOUCHER_STATUS_ACTIVE: Final = frozenset({"active", "ACTIVE", "1"})
VOUCHER_STATUS_USED_UP: Final = frozenset({"inactive", "INACTIVE", "used", "redeemed", "0"})
VOUCHER_STATUS_CANCELLED: Final = frozenset({"cancelled", "canceled", "CANCELED", "CANCELLED"})

# U3: there is no filter by code; codes are matched locally, exactly and case-sensitively.
VOUCHER_CODES_CASE_SENSITIVE: Final = True
VOUCHER_PAGE_LIMIT: Final = 10_000  # bookingkit's hard cap per response

# U5/U6: the scopes a vendor client needs for the desk. Sent in the token request only to
# narrow what the client was granted; bookingkit may ignore it.
REQUIRED_SCOPES: Final = ("calendar_read", "orders_read_owned", "orders_write_owned")

# U5: does ``orders_read_owned`` read the orders of the vendor's *other* API clients (the
# other counters), or only those its own client created? Not documented. The venue report
# reads the day's orders and tells which it saw; ``orders_read_all`` reads them all for sure.
ORDERS_READ_ALL_SCOPE: Final = "orders_read_all"
ORDER_PAGE_LIMIT: Final = 10_000  # bookingkit's hard cap per response, for orders too

# U7: credentials go in the form body (documented); HTTP Basic is seen in public code only.
TOKEN_AUTH_IN_FORM_BODY: Final = True

# U1: the member of the POST /v3/orders body that pays the order with a voucher.
ORDER_VOUCHER_PAYMENT_MEMBER: Final = "redeemed_vouchers"


def voucher_payment_fields(voucher_ident: str, amount: Decimal) -> dict[str, Any]:
    """U1: the part of the create-order body that draws ``amount`` from a voucher.

    The order schema doubles as the create body, and its read side lists
    ``redeemed_vouchers[] {id, redeemed_value, ...}``, so we send the same member.
    """
    return {
        ORDER_VOUCHER_PAYMENT_MEMBER: [
            {"id": voucher_ident, "redeemed_value": amount},
        ]
    }


# U8: does cancelling an order give the drawn value back to the voucher? Not documented. In the
# admin UI a refund goes to a *new* voucher, cash or the original method, so we assume no.
CANCEL_RESTORES_VOUCHER_VALUE: Final = False

# U9: how a voucher-paid share shows in GET /v3/orders/{id}/payments.
VOUCHER_PAYMENT_METHOD: Final = "Voucher"

# Top-ups taken at the counter are recorded with one of these documented payment_method values.
TopUpMethod = Literal["Cash", "ThirdParty", "MobileApp"]
TOP_UP_PAYMENT_METHODS: Final = get_args(TopUpMethod)


def payment_body(amount: Money, method: str, code: str, paid_at: str) -> dict[str, Any]:
    """The body of POST /v3/orders/{id}/payments for a top-up.

    bookingkit's spec wires two schemas to this call (reference section 12): ``payments.json``
    needs ``code``, ``payment_method`` and ``name``; ``payment_post.json`` needs ``value`` and
    ``type``. This body satisfies both; ``code`` carries our journal key, so the payment can be
    recognised as ours later.
    """
    return {
        "value": amount.amount,
        "type": "payment",
        "payment_method": method,
        "name": method,
        "code": code,
        "payment_date": paid_at,
    }


def top_up_payment_body(amount: Decimal, method: str, code: str, paid_at: str) -> dict[str, Any]:
    """U23: the body of ``POST /v3/orders/{id}/payments`` for a top-up taken at the counter.

    bookingkit's spec wires two schemas to this call (reference section 12): ``payment_post``
    (``value``, ``type``, ``payment_method`` in ThirdParty/Cash/MobileApp) is declared, while
    ``payments`` (``code``, ``payment_method``, ``name`` required) is the one resolved. Which one
    bookingkit enforces is not known, so the body satisfies both: ``code`` carries the caller's
    key (the journal key) and ``name`` the method's English name.
    """
    return {
        "value": amount,
        "type": "payment",
        "payment_method": method,
        "name": method,
        "code": code,
        "payment_date": paid_at,
    }


# U10: order defaults we always send rather than trusting server defaults.
ORDER_STATUS_ON_CREATE: Final = "ACCEPTED"

# The order status words that mean "cancelled": the schema spells it CANCELED; we also accept
# the British spelling in any case, in case a server or a proxy normalises it.
ORDER_STATUS_CANCELLED: Final = frozenset({"CANCELED", "CANCELLED"})

# U12: bookingkit has no idempotency key; this order member carries ours.
IDEMPOTENCY_MEMBER: Final = "external_reference"

# U13: no Retry-After/X-RateLimit headers are documented; we honour Retry-After if present.
# A plain 429 (neither 42901 nor 42910) means bookingkit processed nothing, so a write answered
# with it is sent again after the backoff, as a read is; a top-up still refused that way is
# recorded by the next check, never left to the clerk.
RETRY_AFTER_HEADER: Final = "Retry-After"

# U15: error bodies are {"code", "user_message", "internal_message"}; rate limits use
# {"error_code", "error", "error_description"}. These numbers are documented.
ERROR_CODE_TOKEN_STILL_VALID: Final = 42901
ERROR_CODE_MONTHLY_QUOTA: Final = 42910

# U18: pagination. bookingkit caps a page at 10,000 items (1,000 by default for vouchers) and
# documents RFC 5988 Link headers (next, prev, first) on lists asked with ``limit``, without
# showing their exact form. We follow ``rel="next"`` when a Link header comes (a Link header
# without next ends the list); without Link headers we page by limit/offset until an empty
# page. A page shorter than asked is never taken as the end (issue #9, case 10).
PAGE_FOLLOWS_LINK_NEXT: Final = True
PAGE_UNTIL_EMPTY_WITHOUT_LINKS: Final = True

# U19: a date's end is its start plus the event's ``duration`` minutes.

# --- additional products (reference section 4: ``/v3/products``; section 5: order ``products[]``)

# U24: what a product's ``dependencies`` mean, and its stock. The schema says only "dependant
# events" (with "only for specific event price ids") and "if product is dependant on voucher".
# We read: a product whose dependencies name events goes with those events only (and, with
# ``prices``, only when a participant is booked at one of them); a product with no event
# dependency at all goes with every event; one that depends on vouchers only is sold with
# voucher purchases, not with tickets. ``available`` is the quantity that may still be bought;
# a product without it has no stock limit.
PRODUCT_WITHOUT_EVENTS_GOES_WITH_EVERY_EVENT: Final = True
PRODUCT_STOCK_UNLIMITED_WITHOUT_AVAILABLE: Final = True

# U25: a product on a new order is ``{"product_id", "status", "amount"}``; ``price`` is "not
# available for all api clients", so it is not sent: bookingkit prices the product itself (its
# ``price`` per item, times ``amount``) and counts it into the order's ``total_invoice``.
ORDER_PRODUCTS_MEMBER: Final = "products"


def order_product_fields(product_id: str, amount: int) -> dict[str, Any]:
    """U25: one entry of the create-order body's ``products``."""
    return {"product_id": product_id, "status": ORDER_STATUS_ON_CREATE, "amount": amount}


# U26: a value voucher pays the whole order, products included: ``redeemed_value`` may be up to
# the order's total with its products (the help centre calls a value voucher a payment
# instrument for any of the vendor's offers; nothing says products are left out). When False,
# the voucher draws at most the tickets' part and the products are always part of the top-up.
VOUCHER_PAYS_PRODUCTS: Final = True

# U27: a product without ``currency`` is priced in the vendor's currency (as a voucher, U2).
PRODUCT_CURRENCY_DEFAULTS_TO_VENDOR: Final = True

# --- open-date tickets ----------------------------------------------------------------------
# Documented (RAML schemas open_date_ticket.json, open_date_ticket_redemption.json, 2022-23):
# GET /v3/open_date_tickets/{id}, POST /v3/open_date_tickets/{id}/redeem, the four statuses and
# the four redemption strategies. What follows the ``U`` numbers is ours.

OPEN_DATE_TICKET_OPEN: Final = "OPEN"  # ready for redemption
OPEN_DATE_TICKET_DEPLETED: Final = "DEPLETED"  # nothing left to redeem (also: redeemed by us)
OPEN_DATE_TICKET_EXPIRED: Final = "EXPIRED"
OPEN_DATE_TICKET_INACTIVE: Final = "INACTIVE"


class RedemptionStrategy(StrEnum):
    """``redemption_strategy`` of an open-date ticket's redemption (documented values)."""

    NEXT_AVAILABLE = "next_available_appointment"
    CURRENT_WITH_OVERBOOKING = "current_appointment_with_overbooking"
    CURRENT_WITHOUT_OVERBOOKING = "current_appointment_without_overbooking"
    SELECTED = "selected_appointment"


# U28: no lookup by code is documented, only by id. The scanned code is sent as the id
# (``GET /v3/open_date_tickets/{code}``); the answer counts only when it carries the scanned
# text as its ``id`` or its ``code``, exactly (case-sensitive). 404 means "no such ticket".
OPEN_DATE_TICKET_FOUND_BY_CODE_IN_PATH: Final = True


def open_date_ticket_matches(ticket_id: str, ticket_code: str | None, scanned: str) -> bool:
    """U28: whether bookingkit's answer is the ticket that was scanned."""
    return scanned in (ticket_id, ticket_code)


def open_date_redeem_body(
    strategy: RedemptionStrategy, appointment_id: str | None = None
) -> dict[str, Any]:
    """U29: the body of ``POST /v3/open_date_tickets/{id}/redeem``.

    The RAML wires the call to ``createRequest`` without naming a body schema; the redemption
    schema (``id``, ``order_id``, ``appointment_id``, ``redemption_strategy``) is the answer.
    We send its two members a caller can know; ``appointment_id`` (a date id, U31) only for
    ``selected_appointment``, as its description says.
    """
    body: dict[str, Any] = {"redemption_strategy": strategy.value}
    if strategy is RedemptionStrategy.SELECTED:
        if not appointment_id:
            raise ValueError("selected_appointment needs an appointment_id")
        body["appointment_id"] = appointment_id
    return body


# U30: bookingkit's "current appointment" is the ticket's event's date that is running now
# (start <= now < start + duration), or else the next one to start. The counter shows that date
# before Enter; the redemption's answer (``appointment_id``) says which one it really was.
CURRENT_APPOINTMENT_RUNNING_OR_NEXT: Final = True

# U31: an ``appointment_id`` is a date id (``GET /v3/dates/{id}``).
APPOINTMENT_IS_DATE: Final = True

# U32: a redeemed (DEPLETED) ticket names the order its redemption created in this member (not
# in the schema). Only used to settle a redemption whose answer was lost: without it, the
# redemption is known, its booking code is not.
OPEN_DATE_TICKET_ORDER_MEMBER: Final = "order_id"

# U33: cancelling the order of a redeemed open-date ticket does not open the ticket again.
# Undo reads the ticket afterwards and says what happened; this is only the fallback.
CANCEL_REOPENS_OPEN_DATE_TICKET: Final = False


# --- flexible offers (multi-entry passes) ---------------------------------------------------
# Documented (order.json ``flexTickets[]``, flex_ticket.json, a participant's
# ``redeemed_flexTicket``): a pass is sold in an order and carries ``code``, ``status``
# (ACCEPTED, CANCELED, PENDING), ``redemption_total``, ``redemption_available``,
# ``unlimited_redemptions`` and an optional ``flexOffer`` {id, price_category_id, event_id}.

# U34: there is no lookup by pass code. Passes are found in the orders that sold them: a local
# index filled by paging ``GET /v3/orders`` with these parameters. U39: it is kept up to date
# with ``delta_since`` (orders created or changed since then), asked this much before the last
# refresh began so a clock difference cannot hide a sale.
PASS_ORDER_QUERY: Final = {"status": "ALL", "fields": "id,flexTickets"}
PASS_INDEX_DELTA_MARGIN_S: Final = 600
PASS_ORDER_MEMBER: Final = "flexTickets"

# U35: only a pass with status ACCEPTED is used; PENDING is not paid yet.
PASS_STATUS_USABLE: Final = frozenset({"ACCEPTED"})
PASS_STATUS_PENDING: Final = frozenset({"PENDING"})
PASS_STATUS_CANCELLED: Final = frozenset({"CANCELED", "CANCELLED"})

# U36: a booking that uses N entries of a pass is an ordinary ``POST /v3/orders`` (so it carries
# our ``external_reference`` and is settled like a voucher booking) with N participants, each
# with a ``price_id`` and this member: the read side of the order schema, as for vouchers (U1).
# bookingkit lowers ``redemption_available`` by one per participant.
PASS_PARTICIPANT_MEMBER: Final = "redeemed_flexTicket"


def pass_participant_fields(pass_id: str, price_value: Decimal | None) -> dict[str, Any]:
    """U36: what one participant booked with a pass carries (``redeemed_value``: its price)."""
    entry: dict[str, Any] = {"id": pass_id}
    if price_value is not None:
        entry["redeemed_value"] = price_value
    return {PASS_PARTICIPANT_MEMBER: entry}


# U37: a pass's experience and price are its ``flexOffer.event_id`` and
# ``flexOffer.price_category_id`` (a price id of that event). Without a flexOffer the clerk
# picks the experience, and the price is the one titled like the pass's ``price_title``, or
# else the event's first price.
PASS_PRICE_IS_OFFER_PRICE_CATEGORY: Final = True

# U38: cancelling a booking made with a pass does not give its entries back. Undo reads the
# pass afterwards and says what happened; this is only the fallback.
CANCEL_RESTORES_PASS_ENTRIES: Final = False


def current_appointment(
    starts: Sequence[datetime], duration: timedelta, now: datetime
) -> int | None:
    """U30: the index (into ``starts``, sorted) of the date running at ``now``, else of the
    next one to start; None when there is neither."""
    running = [i for i, at in enumerate(starts) if at <= now < at + duration]
    if running:
        return running[-1]  # of two overlapping dates, the one that began last
    return next((i for i, at in enumerate(starts) if at > now), None)


def next_available_appointment(
    starts: Sequence[datetime], free: Sequence[int], now: datetime
) -> int | None:
    """U30: the index of the first date (``starts`` sorted) that starts after ``now`` and has
    a free place: what ``next_available_appointment`` books."""
    return next((i for i, at in enumerate(starts) if at > now and free[i] > 0), None)
