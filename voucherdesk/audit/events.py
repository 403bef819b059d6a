"""What one audit row says, before it is chained: a kind, and its facts as typed fields.

Amounts are Money (exact Decimal and currency); one row holds amounts of one currency only, so
an export can give them one currency column. Never put a secret here (client secret, token,
PIN or its hash): rows are kept for years and exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.money import Money

DetailValue = str | int | bool | None


class RowKind(StrEnum):
    SCAN = "scan"  # a voucher was checked: its verdict
    REDEMPTION = "redemption"  # a redemption attempt ended: its outcome case
    BALANCE_CHECK = "balance_check"  # the balance read after a booking disagreed: the alarm
    RECONCILE = "reconcile"  # an open redemption was settled (start, "Check again", CLI)
    UNDO = "undo"
    ACKNOWLEDGE = "acknowledge"  # a person looked at a booking that drew otherwise than quoted
    TOP_UP_TAKEN = "top_up_taken"  # the clerk confirmed a booking's top-up as collected
    TOP_UP_LEFT = "top_up_left"  # ... or left one from an earlier run unpaid (customer gone)
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    SETTINGS = "settings"  # the clerk changed settings: which, from what to what
    COMMAND = "command"  # a command-line command was run
    EXPORT = "export"  # the trail was exported (with full codes or masked)
    TORN_TAIL = "torn_tail"  # a half-written last line (a crash) was set aside


@dataclass(frozen=True, kw_only=True)
class AuditEvent:
    kind: RowKind
    outcome: str | None = None  # the verdict kind, outcome case or undo case
    key: str | None = None  # the journal key
    voucher_code: str | None = None  # in full: the file is the owner's only
    booking_code: str | None = None
    amounts: Mapping[str, Money] = field(default_factory=dict)
    detail: Mapping[str, DetailValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        currencies = {money.currency for money in self.amounts.values()}
        if len(currencies) > 1:
            raise ValueError(f"one currency per audit row, got {sorted(currencies)}")

    @property
    def currency(self) -> str | None:
        return next((money.currency for money in self.amounts.values()), None)
