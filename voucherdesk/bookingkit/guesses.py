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

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal, get_args

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
