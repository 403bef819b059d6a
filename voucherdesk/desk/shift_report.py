"""The end-of-shift report: what this counter redeemed on one day, from its journal alone.

Value vouchers, open-date tickets and passes are counted apart: money drawn from vouchers,
tickets redeemed, entries used of passes. Only finished redemptions (DONE) count towards the
totals; undone ones are listed apart so the clerk can match refunds, and every entry whose
outcome is still open is listed as "needs checking" because its money may or may not have moved
in bookingkit. Totals are kept per currency and are exact Decimal sums. The journal holds no
secrets and neither does the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from voucherdesk.desk.journal import UNFINISHED_STATES, EntryState, JournalEntry
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.desk.quote import Quote

CSV_COLUMNS = (
    "time",
    "state",
    "voucher_code",
    "booking_code",
    "drawn",
    "top_up",
    "value_left",
    "currency",
    "journal_key",
    "note",
    "booked",  # participants per price and add-ons: "2 x Adult; 1 x Photo package"
    "customer",  # the name on the booking, when the clerk took one
    "kind",
    "entries",
    "clerk",  # who started the redemption ("" with no clerks)
    "changed_by",  # who took its last step (an undo, an acknowledgement)
    "top_up_method",
    "top_up_taken_at",  # when the clerk confirmed the top-up as collected ("" if not)
    "top_up_taken_by",
    "top_up_left_at",  # left unpaid: owed from an earlier run, its customer gone
    "top_up_left_by",
)
# Spreadsheets run a cell starting with one of these as a formula; text cells get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, kw_only=True)
class ClerkTotals:
    """One clerk's part of the shift (``clerk`` None: steps taken with nobody signed in)."""

    clerk: str | None
    redemptions: int  # finished (DONE) redemptions they started
    drawn: tuple[Money, ...]  # one per currency
    top_ups: tuple[tuple[str, Money], ...]  # taken by them: (method, total) per method, currency
    undos: int  # redemptions they undid
    open_entries: tuple[JournalEntry, ...]  # they started it; its outcome is still open


@dataclass(frozen=True)
class ShiftReport:
    day: date
    counter_id: str
    entries: tuple[JournalEntry, ...]  # every entry of the day, oldest first
    redemptions: int  # finished (DONE) redemptions of every kind
    drawn: tuple[Money, ...]  # drawn from value vouchers by DONE entries, one per currency
    top_ups: tuple[Money, ...]  # top-ups of DONE entries taken at the counter, per currency
    undone: tuple[JournalEntry, ...]  # cancelled afterwards; not in the totals
    refused: int
    abandoned: int
    needs_checking: tuple[JournalEntry, ...]  # outcome still open; check in bookingkit
    tickets: int = 0  # open-date tickets redeemed (DONE)
    pass_bookings: int = 0  # bookings made with a pass (DONE)
    pass_entries: int = 0  # entries those bookings used
    per_clerk: tuple[ClerkTotals, ...] = ()  # named clerks by name, then "no clerk"; () if none
    # DONE with a top-up nobody confirmed as taken: bookingkit counts it paid, the till may not
    top_ups_not_taken: tuple[JournalEntry, ...] = ()

    @property
    def all_settled(self) -> bool:
        return not self.needs_checking and not self.top_ups_not_taken


def _add(totals: dict[str, Money], value: Money | None) -> None:
    if value is None or value.is_zero:
        return
    before = totals.get(value.currency, Money.zero(value.currency))
    totals[value.currency] = before + value


def _sorted(totals: dict[str, Money]) -> tuple[Money, ...]:
    return tuple(totals[currency] for currency in sorted(totals))


def build_shift_report(
    entries: Iterable[JournalEntry], *, day: date, counter_id: str
) -> ShiftReport:
    """Summarise ``entries`` (a day's journal, in any order) for ``counter_id``.

    Entries are not filtered by counter id: the journal file belongs to this computer, and an
    open entry written under an earlier counter id must still show up as needing a check.
    """
    ordered = tuple(sorted(entries, key=lambda e: (e.created_at, e.key)))
    drawn: dict[str, Money] = {}
    top_ups: dict[str, Money] = {}
    redemptions = tickets = pass_bookings = pass_entries = 0
    for entry in ordered:
        if entry.state is not EntryState.DONE:
            continue
        redemptions += 1
        if entry.kind is VoucherKind.OPEN_DATE_TICKET:
            tickets += 1
        elif entry.kind is VoucherKind.PASS:
            pass_bookings += 1
            pass_entries += entry.entries or 0
        else:
            _add(drawn, entry.drawn)
            if entry.top_up_taken_at is not None:
                _add(top_ups, entry.top_up)
    return ShiftReport(
        day=day,
        counter_id=counter_id,
        entries=ordered,
        redemptions=redemptions,
        drawn=_sorted(drawn),
        top_ups=_sorted(top_ups),
        undone=tuple(e for e in ordered if e.state is EntryState.UNDONE),
        refused=sum(1 for e in ordered if e.state is EntryState.REFUSED),
        abandoned=sum(1 for e in ordered if e.state is EntryState.ABANDONED),
        # PREPARED is open too (a crash right after writing it): listed rather than hidden.
        needs_checking=tuple(e for e in ordered if e.state in UNFINISHED_STATES),
        tickets=tickets,
        pass_bookings=pass_bookings,
        pass_entries=pass_entries,
        per_clerk=_per_clerk(ordered),
        top_ups_not_taken=tuple(e for e in ordered if e.top_up_not_taken),
    )


def quote_of(entry: JournalEntry) -> Quote | None:
    """The entry's quote; None for one that cannot be read (never stops a report)."""
    try:
        return entry.quote
    except (ValueError, KeyError, TypeError):
        return None


def booked_items(entry: JournalEntry) -> tuple[tuple[int, str], ...]:
    """What the entry booked, as (count, title): participants per price, then add-ons."""
    quote = quote_of(entry)
    if quote is None:
        return ()
    seats = tuple((ln.count, ln.title or ln.price_id) for ln in quote.lines)
    return seats + tuple((ln.count, ln.title or ln.product_id) for ln in quote.products)


def customer_of(entry: JournalEntry) -> str:
    quote = quote_of(entry)
    return "" if quote is None else quote.details.customer_name


def _per_clerk(entries: tuple[JournalEntry, ...]) -> tuple[ClerkTotals, ...]:
    """Totals per clerk; nothing when no entry names a clerk (a counter without clerks)."""
    names = {e.clerk for e in entries} | {e.changed_by for e in entries}
    names |= {e.top_up_taken_by for e in entries}
    if names <= {None}:
        return ()
    ordered_names: list[str | None] = [*sorted(n for n in names if n is not None), None]
    totals = []
    for name in ordered_names:
        own = [e for e in entries if e.clerk == name]
        undos = sum(1 for e in entries if e.state is EntryState.UNDONE and e.changed_by == name)
        # The cash is in the till of who took it (an older journal names nobody: who booked).
        took = [
            e
            for e in entries
            if e.state is EntryState.DONE
            and e.top_up_taken_at is not None
            and (e.top_up_taken_by or e.clerk) == name
        ]
        if not own and not undos and not took:
            continue
        done = [e for e in own if e.state is EntryState.DONE]
        drawn: dict[str, Money] = {}
        for entry in done:
            _add(drawn, entry.drawn)
        by_method: dict[tuple[str, str], Money] = {}
        for entry in took:
            top_up = entry.top_up
            if top_up is not None and not top_up.is_zero:
                slot = (entry.top_up_method or "", top_up.currency)
                by_method[slot] = by_method.get(slot, Money.zero(top_up.currency)) + top_up
        totals.append(
            ClerkTotals(
                clerk=name,
                redemptions=len(done),
                drawn=_sorted(drawn),
                top_ups=tuple((slot[0], by_method[slot]) for slot in sorted(by_method)),
                undos=undos,
                open_entries=tuple(e for e in own if e.state in UNFINISHED_STATES),
            )
        )
    return tuple(totals)


def _amount(value: Money | None) -> str:
    return "" if value is None else value.digits


def _text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(entry: JournalEntry) -> list[str]:
    return [
        f"{entry.created_at.astimezone():%Y-%m-%d %H:%M:%S}",
        entry.state.value,
        _text(entry.voucher_code),
        _text(entry.booking_code),
        _amount(entry.drawn),
        _amount(entry.top_up),
        _amount(entry.value_left),
        entry.drawn.currency,
        _text(entry.key),
        _text(entry.note),
        _text("; ".join(f"{count} x {title}" for count, title in booked_items(entry))),
        _text(customer_of(entry)),
        entry.kind.value,
        "" if entry.entries is None else str(entry.entries),
        _text(entry.clerk),
        _text(entry.changed_by),
        _text(entry.top_up_method),
        _moment(entry.top_up_taken_at),
        _text(entry.top_up_taken_by),
        _moment(entry.top_up_left_at),
        _text(entry.top_up_left_by),
    ]


def _moment(value: datetime | None) -> str:
    return "" if value is None else f"{value.astimezone():%Y-%m-%d %H:%M:%S}"


def csv_text(report: ShiftReport) -> str:
    """The CSV as text, BOM first: comma-separated, quoted where needed, dot decimals."""
    out = io.StringIO(newline="")
    out.write("\ufeff")  # Excel reads the file as UTF-8 only with this mark
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(entry) for entry in report.entries)
    return out.getvalue()


def write_csv(report: ShiftReport, target: Path | str | TextIO) -> None:
    """Write one header row and one row per journal entry to a file path or a text stream."""
    text = csv_text(report)
    if isinstance(target, Path | str):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    else:
        target.write(text)
