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
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import guesses
from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import OpenDateTicket, Voucher


class VerdictKind(StrEnum):
    USABLE = "usable"
    PARTLY_USED = "partly_used"
    USED_UP = "used_up"  # nothing left, or bookingkit marks it used up (inactive)
    NO_VALUE = "no_value"  # bookingkit sends no value at all: nothing can be drawn
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    WRONG_CURRENCY = "wrong_currency"
    UNKNOWN_STATUS = "unknown_status"  # a status word the desk does not know: refused
    UNKNOWN_CODE = "unknown_code"  # no voucher, ticket or pass has this code
    # open-date tickets (documented statuses OPEN, DEPLETED, EXPIRED, INACTIVE)
    TICKET_OPEN = "ticket_open"
    TICKET_DEPLETED = "ticket_depleted"
    TICKET_EXPIRED = "ticket_expired"
    TICKET_INACTIVE = "ticket_inactive"
    TICKET_UNKNOWN_STATUS = "ticket_unknown_status"
    # passes (documented statuses ACCEPTED, CANCELED, PENDING; entries left)
    PASS_USABLE = "pass_usable"
    PASS_NO_ENTRIES = "pass_no_entries"
    PASS_CANCELLED = "pass_cancelled"
    PASS_PENDING = "pass_pending"
    PASS_UNKNOWN_STATUS = "pass_unknown_status"


_USABLE_KINDS = frozenset(
    {VerdictKind.USABLE, VerdictKind.PARTLY_USED, VerdictKind.TICKET_OPEN, VerdictKind.PASS_USABLE}
)
_TICKET_KINDS = frozenset(k for k in VerdictKind if k.value.startswith("ticket_"))
_PASS_KINDS = frozenset(k for k in VerdictKind if k.value.startswith("pass_"))


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
    entries_left: int | None = None  # a pass's entries still available
    entries_total: int | None = None  # ... of how many it was sold with
    unlimited: bool = False  # a pass without a limit of entries

    @property
    def usable(self) -> bool:
        return self.kind in _USABLE_KINDS

    @property
    def voucher_kind(self) -> VoucherKind:
        """What was judged (an unknown code counts as a value voucher: the card's default)."""
        if self.kind in _TICKET_KINDS:
            return VoucherKind.OPEN_DATE_TICKET
        if self.kind in _PASS_KINDS:
            return VoucherKind.PASS
        return VoucherKind.VALUE_VOUCHER


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


def judge_ticket(ticket: OpenDateTicket) -> Verdict:
    """An open-date ticket can be redeemed while bookingkit says OPEN; any other word (or one
    the desk does not know) refuses it."""
    facts = Verdict(kind=VerdictKind.TICKET_OPEN, status=ticket.status, currency=ticket.currency)
    status = ticket.status.upper()
    if status == guesses.OPEN_DATE_TICKET_OPEN:
        return facts
    if status == guesses.OPEN_DATE_TICKET_DEPLETED:
        return replace(facts, kind=VerdictKind.TICKET_DEPLETED)
    if status == guesses.OPEN_DATE_TICKET_EXPIRED:
        return replace(facts, kind=VerdictKind.TICKET_EXPIRED)
    if status == guesses.OPEN_DATE_TICKET_INACTIVE:
        return replace(facts, kind=VerdictKind.TICKET_INACTIVE)
    return replace(facts, kind=VerdictKind.TICKET_UNKNOWN_STATUS)


def judge_pass(found: SoldPass) -> Verdict:
    """A pass can be used while it is paid (U35) and has an entry left (or no limit)."""
    flex = found.flex
    facts = Verdict(
        kind=VerdictKind.PASS_USABLE,
        status=flex.status,
        currency=flex.currency,
        entries_left=flex.redemption_available,
        entries_total=flex.redemption_total,
        unlimited=flex.unlimited,
    )
    status = flex.status.upper()
    if status in guesses.PASS_STATUS_CANCELLED:
        return replace(facts, kind=VerdictKind.PASS_CANCELLED)
    if status in guesses.PASS_STATUS_PENDING:
        return replace(facts, kind=VerdictKind.PASS_PENDING)
    if status not in guesses.PASS_STATUS_USABLE:
        return replace(facts, kind=VerdictKind.PASS_UNKNOWN_STATUS)
    if not flex.unlimited and flex.redemption_available <= 0:
        return replace(facts, kind=VerdictKind.PASS_NO_ENTRIES)
    return facts
