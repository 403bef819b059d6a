"""Plain-text renderings for the command line (the GUI has its own widgets)."""

from __future__ import annotations

from voucherdesk.bookingkit.models import Voucher
from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.journal import JournalEntry
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.redeem import RedemptionOutcome
from voucherdesk.desk.shift_report import ShiftReport
from voucherdesk.money import Money


def money(value: Money | None) -> str:
    return "-" if value is None else f"{value.amount:.2f} {value.currency}"


def voucher_lines(voucher: Voucher) -> list[str]:
    lines = [
        f"Code:        {voucher.code}",
        f"Title:       {voucher.title or '-'}",
        f"Value:       {money(voucher.value_money())}",
        f"Remaining:   {money(voucher.remaining_money())}",
        f"Status:      {voucher.status or '-'}",
        f"Created:     {voucher.creation_date:%Y-%m-%d}"
        if voucher.creation_date
        else "Created:     -",
    ]
    if voucher.valid_until:
        lines.append(f"Valid until: {voucher.valid_until:%Y-%m-%d}")
    if voucher.redemptions:
        lines.append("Redemptions:")
        for used in voucher.redemptions:
            when = f"{used.usage_date:%Y-%m-%d %H:%M}" if used.usage_date else "?"
            order = used.order_code or used.order_id or "?"
            lines.append(f"  {when}  {used.redeemed_value:.2f}  order {order}")
    else:
        lines.append("Redemptions: none")
    return lines


def check_lines(result: CheckResult) -> list[str]:
    lines: list[str] = []
    if result.voucher is not None:
        lines.extend(voucher_lines(result.voucher))
    lines.append(f"Verdict:     {result.verdict.reason}")
    if result.verdict.next_step:
        lines.append(f"Next step:   {result.verdict.next_step}")
    if result.suggestions:
        lines.append("Did you mean: " + ", ".join(result.suggestions))
    return lines


def quote_lines(quote: Quote) -> list[str]:
    lines = [f"{quote.event_title}, {quote.starts_at:%Y-%m-%d %H:%M} UTC"]
    for line in quote.lines:
        lines.append(f"  {line.count} x {line.title:<20} {money(line.subtotal)}")
    lines += [
        f"Total:               {money(quote.total)}",
        f"Drawn from voucher:  {money(quote.drawn)}",
        f"Top-up due:          {money(quote.top_up)}",
        f"Value left after:    {money(quote.value_left)}",
    ]
    return lines


def outcome_lines(outcome: RedemptionOutcome) -> list[str]:
    lines = [f"Result:      {outcome.kind.value}  ({outcome.reason})"]
    if outcome.booking_code:
        lines.append(f"Booking:     {outcome.booking_code}")
    if outcome.drawn is not None:
        lines.append(f"Drawn:       {money(outcome.drawn)}")
    if outcome.top_up is not None and not outcome.top_up.is_zero:
        lines.append(f"Top-up due:  {money(outcome.top_up)}")
    if outcome.value_left is not None:
        lines.append(f"Value left:  {money(outcome.value_left)}")
    if outcome.next_step:
        lines.append(f"Next step:   {outcome.next_step}")
    lines.append(f"Journal key: {outcome.key}")
    return lines


def journal_line(entry: JournalEntry) -> str:
    return (
        f"{entry.created_at:%Y-%m-%d %H:%M:%S}  {entry.state.value:<11} {entry.voucher_code:<20} "
        f"{money(entry.drawn):>12}  {entry.booking_code or '-':<10} {entry.key}"
    )


def _totals(values: tuple[Money, ...]) -> str:
    return " + ".join(money(v) for v in values) if values else "0.00"


def report_lines(report: ShiftReport) -> list[str]:
    """The end-of-shift summary: open entries first, then counts and per-currency totals."""
    lines = [f"End-of-shift report {report.day.isoformat()}, counter {report.counter_id}"]
    if report.needs_checking:
        lines.append(f"NEEDS CHECKING in bookingkit ({len(report.needs_checking)}):")
        lines += [f"  {journal_line(entry)}" for entry in report.needs_checking]
    else:
        lines.append("Every redemption of this day is settled.")
    lines += [
        f"Redemptions done:     {report.redemptions}",
        f"Drawn from vouchers:  {_totals(report.drawn)}",
        f"Top-ups taken:        {_totals(report.top_ups)}",
        f"Undone (not counted): {len(report.undone)}",
        f"Refused:              {report.refused}",
        f"Stopped before send:  {report.abandoned}",
    ]
    lines += [f"  undone {journal_line(entry)}" for entry in report.undone]
    return lines
