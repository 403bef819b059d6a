"""One name for "a quote of any kind", and the few facts every kind's quote answers alike.

The value voucher's ``Quote`` stays as it is (``quote.py``); open-date tickets and passes have
their own (``ticket_quote.py``, ``pass_quote.py``). The journal keeps a quote as JSON with its
kind, and outcomes, results, the history and the slip read it through these functions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import assert_never

from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.quote import NO_DETAILS, Quote
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.money import Money

AnyQuote = Quote | TicketQuote | PassQuote


def quote_kind(quote: AnyQuote) -> VoucherKind:
    if isinstance(quote, Quote):
        return VoucherKind.VALUE_VOUCHER
    return quote.voucher_kind


def quote_from_json(kind: VoucherKind, text: str) -> AnyQuote:
    if kind is VoucherKind.VALUE_VOUCHER:
        return Quote.from_json(text)
    if kind is VoucherKind.OPEN_DATE_TICKET:
        return TicketQuote.from_json(text)
    if kind is VoucherKind.PASS:
        return PassQuote.from_json(text)
    assert_never(kind)


def item_id(quote: AnyQuote) -> str:
    """The id of what is redeemed: the voucher, the ticket or the pass."""
    if isinstance(quote, Quote):
        return quote.voucher_id
    if isinstance(quote, TicketQuote):
        return quote.ticket_id
    return quote.pass_id


def item_code(quote: AnyQuote) -> str:
    if isinstance(quote, Quote):
        return quote.voucher_code
    if isinstance(quote, TicketQuote):
        return quote.ticket_code
    return quote.pass_code


def starts_at(quote: AnyQuote) -> datetime | None:
    """When the booked appointment starts, as quoted (a ticket's is what bookingkit is
    expected to pick; the outcome carries the one it did)."""
    return quote.starts_at


def value_used(quote: AnyQuote, counter_currency: str) -> Money:
    """What the redemption uses, as money: drawn from a voucher, a ticket's price, the price
    of a pass's entries (zero when bookingkit gives no price)."""
    if isinstance(quote, Quote):
        return quote.drawn
    if isinstance(quote, TicketQuote):
        return quote.price if quote.price is not None else Money.zero(counter_currency)
    value = quote.value
    return value if value is not None else Money.zero(counter_currency)


def entries_used(quote: AnyQuote) -> int | None:
    """Places the redemption uses of a ticket or pass (None for a value voucher)."""
    if isinstance(quote, Quote):
        return None
    if isinstance(quote, TicketQuote):
        return 1
    return quote.entries


def what_is_booked(quote: AnyQuote) -> AnyQuote:
    """The quote without what the clerk types along (a value voucher's customer details):
    its date, counts and money. Two quotes alike here book the same thing."""
    if isinstance(quote, Quote):
        return replace(quote, details=NO_DETAILS)
    return quote
