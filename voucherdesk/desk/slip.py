"""What goes on the customer's slip after a redemption: booking, money, and the balance left.

Only a DONE outcome makes a slip. Anything else (refused, unknown, a re-quote) has no booking
that is certain, and a printed piece of paper saying otherwise would outlive any correction.
The voucher code is masked: the slip may be left on a table, the code is spendable money.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.quote import ProductLine, Quote, QuoteLine
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.desk.kinds import VoucherKind

MASK = "•"
SHOWN_TAIL = 4


@dataclass(frozen=True)
class SlipContent:
    experience: str
    starts_at: datetime
    lines: tuple[QuoteLine, ...]  # participants per price category, with their subtotal
    booking_code: str
    total: Money
    drawn: Money
    top_up: Money  # zero when the voucher covered everything
    top_up_method: str | None  # how the top-up was paid; None when nothing was due
    value_left: Money
    voucher_code: str  # already masked
    counter_id: str
    printed_at: datetime
    products: tuple[ProductLine, ...] = ()  # add-ons, with their subtotal
    customer_name: str = ""  # the name on the booking, when the clerk took one
    copy: bool = False  # printed again later from the history

    @property
    def participants(self) -> int:
        return sum(line.count for line in self.lines)


@dataclass(frozen=True, kw_only=True)
class PrepaidSlip:
    """The slip of an open-date ticket's redemption or of a booking with a pass: places and
    entries, no money (nothing was paid at the counter)."""

    kind: VoucherKind
    experience: str
    starts_at: datetime | None  # None: bookingkit's answer named no appointment time
    price_title: str
    participants: int
    entries_left: int | None  # a pass's entries after this booking (None: a ticket)
    entries_total: int | None
    unlimited: bool
    booking_code: str
    code: str  # the ticket's or the pass's code, already masked
    counter_id: str
    printed_at: datetime


AnySlip = SlipContent | PrepaidSlip


def mask_code(code: str) -> str:
    """All but the last 4 characters hidden; a short code keeps at least half of it hidden."""
    code = code.strip()
    shown = min(SHOWN_TAIL, len(code) // 2)
    return MASK * (len(code) - shown) + code[len(code) - shown :]


def slip_for(
    outcome: RedemptionOutcome, *, counter_id: str, top_up_method: str, printed_at: datetime
) -> AnySlip:
    """The slip for a finished redemption; ValueError for any outcome that is not certain."""
    if outcome.kind is not OutcomeKind.DONE:
        raise ValueError(f"no slip for a redemption that is {outcome.kind.value}, not done")
    if not outcome.booking_code:
        raise ValueError("no slip without a booking code")
    if printed_at.tzinfo is None:
        raise ValueError("printed_at must carry a time zone")
    quote = outcome.quote
    if not isinstance(quote, Quote):
        is_pass = isinstance(quote, PassQuote)
        return PrepaidSlip(
            kind=outcome.voucher_kind,
            experience=quote.event_title,
            starts_at=outcome.starts_at or quote.starts_at,
            price_title=quote.price_title,
            participants=quote.entries if isinstance(quote, PassQuote) else 1,
            entries_left=outcome.entries_left if is_pass else None,
            entries_total=quote.entries_total if isinstance(quote, PassQuote) else None,
            unlimited=quote.unlimited if isinstance(quote, PassQuote) else False,
            booking_code=outcome.booking_code,
            code=mask_code(quote.item_code),
            counter_id=counter_id,
            printed_at=printed_at,
        )
    zero = Money.zero(quote.currency)
    top_up = outcome.top_up if outcome.top_up is not None else zero
    return SlipContent(
        experience=quote.event_title,
        starts_at=quote.starts_at,
        lines=quote.lines,
        booking_code=outcome.booking_code,
        total=quote.total,
        # DONE outcomes carry what bookingkit actually drew and left; the quote is the fallback
        drawn=outcome.drawn if outcome.drawn is not None else quote.drawn,
        top_up=top_up,
        top_up_method=None if top_up.is_zero else top_up_method,
        value_left=outcome.value_left if outcome.value_left is not None else quote.value_left,
        voucher_code=mask_code(quote.voucher_code),
        counter_id=counter_id,
        printed_at=printed_at,
        products=quote.products,
        customer_name=quote.details.customer_name,
    )


def can_reprint(entry: JournalEntry) -> bool:
    """Only a finished redemption with its booking code gets a slip again."""
    return entry.state is EntryState.DONE and bool(entry.booking_code)


def slip_from_entry(entry: JournalEntry, *, printed_at: datetime) -> SlipContent:
    """The slip of a finished redemption again, from the journal (marked as a copy). The
    amounts are what the journal recorded from bookingkit; the quote fills what it lacks.
    ValueError for an entry that is not a finished redemption."""
    if not can_reprint(entry) or entry.booking_code is None:
        raise ValueError(f"no slip for an entry that is {entry.state.value}")
    if printed_at.tzinfo is None:
        raise ValueError("printed_at must carry a time zone")
    quote = entry.quote
    top_up = entry.top_up if entry.top_up is not None else Money.zero(quote.currency)
    return SlipContent(
        experience=quote.event_title,
        starts_at=quote.starts_at,
        lines=quote.lines,
        booking_code=entry.booking_code,
        total=quote.total,
        drawn=entry.drawn,
        top_up=top_up,
        top_up_method=None if top_up.is_zero else entry.top_up_method,
        value_left=entry.value_left if entry.value_left is not None else quote.value_left,
        voucher_code=mask_code(entry.voucher_code),
        counter_id=entry.counter_id,
        printed_at=printed_at,
        copy=True,
    )
