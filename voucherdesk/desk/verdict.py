"""Whether a voucher can be redeemed now, in one word plus a reason and the next step.

The status words and field names are guesses (``bookingkit.guesses``); this module only maps them
to what the clerk must know. Anything the desk does not understand is refused, not redeemed: at a
till a wrong "no" costs a phone call, a wrong "yes" costs money.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from voucherdesk.bookingkit import guesses
from voucherdesk.bookingkit.models import Voucher


class VerdictKind(StrEnum):
    USABLE = "usable"
    PARTLY_USED = "partly_used"
    USED_UP = "used_up"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    WRONG_CURRENCY = "wrong_currency"
    UNKNOWN_CODE = "unknown_code"


_USABLE_KINDS = frozenset({VerdictKind.USABLE, VerdictKind.PARTLY_USED})


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    reason: str
    next_step: str

    @property
    def usable(self) -> bool:
        return self.kind in _USABLE_KINDS


_ASK_OTHER_PAYMENT = "Ask for another voucher or another way to pay."


def judge(voucher: Voucher | None, *, now: datetime, currency: str) -> Verdict:
    """Judge a freshly read voucher for a counter that sells in ``currency``."""
    if voucher is None:
        return Verdict(
            VerdictKind.UNKNOWN_CODE,
            "bookingkit has no voucher with this code.",
            "Check the code for typing errors or scan it again.",
        )
    status = voucher.status
    if status is not None and status in guesses.VOUCHER_STATUS_CANCELLED:
        return Verdict(
            VerdictKind.CANCELLED,
            "This voucher was cancelled in bookingkit.",
            _ASK_OTHER_PAYMENT,
        )
    if voucher.valid_until is not None and voucher.valid_until <= now:
        return Verdict(
            VerdictKind.EXPIRED,
            f"This voucher expired on {voucher.valid_until:%Y-%m-%d}.",
            _ASK_OTHER_PAYMENT,
        )
    # U2: when bookingkit sends no currency we assume the vendor's own.
    voucher_currency = (voucher.currency or currency).upper()
    if voucher_currency != currency.upper():
        return Verdict(
            VerdictKind.WRONG_CURRENCY,
            f"This voucher is in {voucher_currency}; this counter sells in {currency.upper()}.",
            _ASK_OTHER_PAYMENT,
        )
    remaining = voucher.remaining
    if status is not None and status in guesses.VOUCHER_STATUS_USED_UP:
        return Verdict(
            VerdictKind.USED_UP,
            "This voucher is used up (inactive in bookingkit).",
            _ASK_OTHER_PAYMENT,
        )
    if remaining is None:
        return Verdict(
            VerdictKind.USED_UP,
            "bookingkit shows no value for this voucher, so nothing can be drawn from it.",
            "Check the voucher in bookingkit's admin pages.",
        )
    if remaining <= 0:
        return Verdict(
            VerdictKind.USED_UP,
            "Nothing is left on this voucher.",
            _ASK_OTHER_PAYMENT,
        )
    if status is not None and status not in guesses.VOUCHER_STATUS_ACTIVE:
        return Verdict(
            VerdictKind.CANCELLED,
            f"bookingkit marks this voucher as {status!r}, which the desk cannot redeem.",
            "Check the voucher in bookingkit's admin pages.",
        )
    left = f"{remaining} {voucher_currency}"
    if voucher.value is not None and remaining < voucher.value:
        return Verdict(
            VerdictKind.PARTLY_USED,
            f"Partly used: {left} left of {voucher.value} {voucher_currency}.",
            "Pick the experience and the date.",
        )
    return Verdict(
        VerdictKind.USABLE, f"Good: {left} available.", "Pick the experience and the date."
    )
