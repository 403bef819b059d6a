"""The three kinds of prepaid things a customer brings to the counter, and how a pass is held.

A value voucher is money (paid into an order); an open-date ticket is one place on an
experience, the date chosen at redemption; a pass (bookingkit's "flexible offer") is a number
of entries, used one booking at a time. The customer's paper looks alike for all three: the
desk finds out which kind a code is (``Desk.check``) and every later step follows the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import FlexTicket


class VoucherKind(StrEnum):
    VALUE_VOUCHER = "value_voucher"
    OPEN_DATE_TICKET = "open_date_ticket"
    PASS = "pass"


@dataclass(frozen=True, kw_only=True)
class SoldPass:
    """A pass as read from the order that sold it (guess U34): the pass and that order's id."""

    flex: FlexTicket
    order_id: str

    @property
    def id(self) -> str:
        return self.flex.id

    @property
    def code(self) -> str:
        return self.flex.code
