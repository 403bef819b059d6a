"""Whether a voucher can be redeemed now: one kind, plus the facts that explain it.

The status words and field names are guesses (``bookingkit.guesses``); this module only maps them
to what the clerk must know. Anything the desk does not understand is refused, not redeemed: at a
till a wrong "no" costs a phone call, a wrong "yes" costs money. The words for each kind are made
at the edges (``ui/wording.py``, ``cli_text.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.models import Voucher
from voucherdesk.money import Money


class VerdictKind(StrEnum):
    USABLE = "usable"
    PARTLY_USED = "partly_used"
    USED_UP = "used_up"  # nothing left, or bookingkit marks it used up (inactive)
    NO_VALUE = "no_value"  # bookingkit sends no value at all: nothing can be drawn
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    WRONG_CURRENCY = "wrong_currency"
    UNKNOWN_STATUS = "unknown_status"  # a status word the desk does not know: refused
    UNKNOWN_CODE = "unknown_code"


_USABLE_KINDS = frozenset({VerdictKind.USABLE, VerdictKind.PARTLY_USED})


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """The facts behind one judgement; fields not relevant to ``kind`` stay None."""

    kind: VerdictKind
    currency: str | None = None  # the currency the voucher is judged (and quoted) in
    remaining: Money | None = None
    value: Money | None = None
    valid_until: datetime | None = None
    status: str | None = None  # bookingkit's own status word, shown as it is when unknown
    counter_currency: str | None = None

    @property
    def usable(self) -> bool:
        return self.kind in _USABLE_KINDS


def voucher_currency(voucher: Voucher, counter_currency: str) -> str:
    """U2: a voucher without a currency is in the vendor's (the counter's) currency. Judging
    and quoting both go through here, so they can never disagree."""
    return (voucher.currency or counter_currency).strip().upper()


def judge(voucher: Voucher | None, *, now: datetime, currency: str) -> Verdict:
    """Judge a freshly read voucher for a counter that sells in ``currency``."""
    if voucher is None:
        return Verdict(kind=VerdictKind.UNKNOWN_CODE)
    cur = voucher_currency(voucher, currency)
    remaining = None if voucher.remaining is None else Money(voucher.remaining, cur)
    facts = Verdict(
        kind=VerdictKind.USABLE,
        currency=cur,
        remaining=remaining,
        value=None if voucher.value is None else Money(voucher.value, cur),
        valid_until=voucher.valid_until,
        status=voucher.status,
        counter_currency=currency.upper(),
    )
    status = voucher.status
    if status is not None and status in guesses.VOUCHER_STATUS_CANCELLED:
        return replace(facts, kind=VerdictKind.CANCELLED)
    if voucher.valid_until is not None and voucher.valid_until <= now:
        return replace(facts, kind=VerdictKind.EXPIRED)
    if cur != currency.upper():
        return replace(facts, kind=VerdictKind.WRONG_CURRENCY)
    if status is not None and status in guesses.VOUCHER_STATUS_USED_UP:
        return replace(facts, kind=VerdictKind.USED_UP)
    if remaining is None:
        return replace(facts, kind=VerdictKind.NO_VALUE)
    if remaining.floored().amount <= 0:  # less than a cent left cannot be drawn
        return replace(facts, kind=VerdictKind.USED_UP)
    if status is not None and status not in guesses.VOUCHER_STATUS_ACTIVE:
        return replace(facts, kind=VerdictKind.UNKNOWN_STATUS)
    if voucher.value is not None and remaining.amount < voucher.value:
        return replace(facts, kind=VerdictKind.PARTLY_USED)
    return facts
