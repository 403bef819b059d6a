"""The end-of-shift report as words (for the dialog) and as an A4 PDF (QtGui only, no new deps).

The summary HTML is shared by the dialog and the PDF so both say the same thing. Open entries
come first and in red: their money may have moved in bookingkit without the counter knowing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from voucherdesk.clock import utc_now
from voucherdesk.desk.hourly import redemptions_per_hour
from voucherdesk.desk.journal import EntryState, JournalEntry
from voucherdesk.desk.shift_report import ClerkTotals, ShiftReport, booked_items, customer_of
from voucherdesk.placeholders import fill
from voucherdesk.ui.common import formatting
from voucherdesk.ui.history.hourly_chart import chart_image, chart_title
from voucherdesk.ui.wording import entries, entry_left, entry_state, entry_used, top_up_method

if TYPE_CHECKING:
    from voucherdesk.money import Money

_RED = "#b00020"
CHART_URL = "voucherdesk:hourly-chart"
# The chart in the PDF: its size in the document's layout pixels, drawn 3x finer than that.
_CHART_SIZE = (600, 170)
_CHART_SCALE = 3


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def totals_text(values: tuple[Money, ...]) -> str:
    """Per-currency totals, "€40.00" or "€40.00 + CHF 12.00"; zero when nothing was drawn."""
    if not values:
        return formatting.amount(Decimal(0))
    return " + ".join(formatting.money(value) for value in values)


def _entry_line(entry_time: datetime, code: str, state: str, extra: str) -> str:
    parts = [formatting.time_only(entry_time), code, state]
    if extra:
        parts.append(extra)
    return _e(" · ".join(parts))


def _undone_money(entry: JournalEntry) -> str:
    """What an undone redemption drew, and the top-up the customer gets back by hand."""
    drawn = entry_used(entry)
    if not entry.top_up_was_taken:
        return drawn  # a top-up never taken is not handed back
    back = fill(
        QCoreApplication.translate("ShiftReport", "top-up to hand back: {amount}"),
        amount=formatting.money(entry.top_up),
    )
    return f"{drawn} · {back}"


def _not_taken(entry: JournalEntry) -> str:
    """A top-up not taken: its amount, and who left it unpaid (its customer gone)."""
    amount = formatting.money(entry.top_up) if entry.top_up is not None else ""
    if entry.top_up_left_at is None:
        return amount
    left = QCoreApplication.translate("ShiftReport", "left unpaid")
    if entry.top_up_left_by:
        left = f"{left} ({entry.top_up_left_by})"
    return f"{amount} · {left}"


def _red_list(heading: str, lines: Iterable[str]) -> str:
    """A red paragraph: a bold heading over entry lines (already escaped)."""
    return f"<p style='color:{_RED}'><b>{_e(heading)}</b><br>" + "<br>".join(lines) + "</p>"


def summary_html(report: ShiftReport) -> str:
    """The readable summary: open entries, counts, totals, undone redemptions."""
    rows: list[str] = []
    if report.needs_checking:
        heading = QCoreApplication.translate(
            "ShiftReport", "{n} redemption(s) need checking in bookingkit:"
        )
        rows.append(
            _red_list(
                fill(heading, n=len(report.needs_checking)),
                (
                    _entry_line(e.created_at, e.voucher_code, entry_state(e.state), e.key)
                    for e in report.needs_checking
                ),
            )
        )
    if report.top_ups_not_taken:
        heading = QCoreApplication.translate(
            "ShiftReport", "{n} top-up(s) not confirmed as taken (bookingkit counts them as paid):"
        )
        rows.append(
            _red_list(
                fill(heading, n=len(report.top_ups_not_taken)),
                (
                    _entry_line(e.created_at, e.voucher_code, e.booking_code or "–", _not_taken(e))
                    for e in report.top_ups_not_taken
                ),
            )
        )
    attention = [e for e in report.entries if e.state is EntryState.ATTENTION]
    if attention:
        heading = QCoreApplication.translate(
            "ShiftReport", "{n} booking(s) drew otherwise than quoted and await acknowledgement:"
        )
        rows.append(
            _red_list(
                fill(heading, n=len(attention)),
                (
                    _entry_line(e.created_at, e.voucher_code, e.booking_code or "–", entry_used(e))
                    for e in attention
                ),
            )
        )
    if report.all_settled and not attention:
        rows.append(
            "<p>"
            + _e(
                QCoreApplication.translate(
                    "ShiftReport", "Every redemption of this day is settled."
                )
            )
            + "</p>"
        )
    figures = [
        (
            QCoreApplication.translate("ShiftReport", "Redemptions done"),
            formatting.count(report.redemptions),
        ),
        (
            QCoreApplication.translate("ShiftReport", "Drawn from vouchers"),
            totals_text(report.drawn),
        ),
        (QCoreApplication.translate("ShiftReport", "Top-ups taken"), totals_text(report.top_ups)),
        *(
            [
                (
                    QCoreApplication.translate("ShiftReport", "Open-date tickets redeemed"),
                    formatting.count(report.tickets),
                )
            ]
            if report.tickets
            else []
        ),
        *(
            [
                (
                    QCoreApplication.translate("ShiftReport", "Bookings with a pass"),
                    fill(
                        QCoreApplication.translate("ShiftReport", "{count} ({entries})"),
                        count=formatting.count(report.pass_bookings),
                        entries=entries(report.pass_entries),
                    ),
                )
            ]
            if report.pass_bookings
            else []
        ),
        (
            QCoreApplication.translate("ShiftReport", "Undone (not in the totals)"),
            formatting.count(len(report.undone)),
        ),
        (
            QCoreApplication.translate("ShiftReport", "Refused by bookingkit"),
            formatting.count(report.refused),
        ),
        (
            QCoreApplication.translate("ShiftReport", "Stopped before sending"),
            formatting.count(report.abandoned),
        ),
    ]
    rows.append(
        "<table cellspacing='0' cellpadding='3'>"
        + "".join(
            f"<tr><td>{_e(label)}</td><td align='right'><b>{_e(value)}</b></td></tr>"
            for label, value in figures
        )
        + "</table>"
    )
    if report.per_clerk:
        rows.append(per_clerk_html(report.per_clerk))
    if report.undone:
        rows.append(
            "<p>"
            + _e(
                QCoreApplication.translate(
                    "ShiftReport", "Undone redemptions (refund by hand where needed):"
                )
            )
            + "<br>"
            + "<br>".join(
                _entry_line(
                    e.created_at,
                    e.voucher_code,
                    e.booking_code or "–",
                    _undone_money(e),
                )
                for e in report.undone
            )
            + "</p>"
        )
    return "".join(rows)


def _clerk_top_ups(totals: ClerkTotals) -> str:
    if not totals.top_ups:
        return "–"
    return ", ".join(
        f"{formatting.money(amount)} {top_up_method(method or None)}"
        for method, amount in totals.top_ups
    )


def per_clerk_html(per_clerk: tuple[ClerkTotals, ...]) -> str:
    """The shift per clerk: redemptions, drawn, top-ups per method, undos, open entries."""
    headers = (
        QCoreApplication.translate("ShiftReport", "Clerk"),
        QCoreApplication.translate("ShiftReport", "Redemptions"),
        QCoreApplication.translate("ShiftReport", "Drawn"),
        QCoreApplication.translate("ShiftReport", "Top-ups by method"),
        QCoreApplication.translate("ShiftReport", "Undos"),
        QCoreApplication.translate("ShiftReport", "Open"),
    )
    nobody = QCoreApplication.translate("ShiftReport", "(nobody signed in)")
    lines = []
    for totals in per_clerk:
        cells = (
            totals.clerk or nobody,
            formatting.count(totals.redemptions),
            totals_text(totals.drawn),
            _clerk_top_ups(totals),
            formatting.count(totals.undos),
            formatting.count(len(totals.open_entries)),
        )
        style = f" style='color:{_RED}'" if totals.open_entries else ""
        lines.append(
            f"<tr{style}>"
            + "".join(
                f"<td{' align=right' if i in (1, 2, 4, 5) else ''}>{_e(cell)}</td>"
                for i, cell in enumerate(cells)
            )
            + "</tr>"
        )
    title = QCoreApplication.translate("ShiftReport", "Per clerk")
    return (
        f"<p><b>{_e(title)}</b></p>"
        "<table border='1' cellspacing='0' cellpadding='3'>"
        "<tr>"
        + "".join(f"<th align='left'>{_e(h)}</th>" for h in headers)
        + "</tr>"
        + "".join(lines)
        + "</table>"
    )


def table_headers() -> list[str]:
    return [
        QCoreApplication.translate("ShiftReport", "Time"),
        QCoreApplication.translate("ShiftReport", "State"),
        QCoreApplication.translate("ShiftReport", "Voucher"),
        QCoreApplication.translate("ShiftReport", "Booking code"),
        QCoreApplication.translate("ShiftReport", "Booked"),
        QCoreApplication.translate("ShiftReport", "Drawn"),
        QCoreApplication.translate("ShiftReport", "Top-up"),
        QCoreApplication.translate("ShiftReport", "Value left"),
    ]


def table_cells(report: ShiftReport) -> list[list[str]]:
    """One row per entry, in the same order as the CSV."""
    return [
        [
            formatting.time_only(e.created_at),
            entry_state(e.state),
            e.voucher_code,
            e.booking_code or "–",
            _booked(e),
            entry_used(e),
            formatting.money(e.top_up) if e.top_up is not None and e.top_up.amount else "–",
            entry_left(e),
        ]
        for e in report.entries
    ]


MONEY_COLUMNS = range(5, 8)  # drawn, top-up, value left: right-aligned


def _booked(entry: JournalEntry) -> str:
    """Participants per price and add-ons, then the customer's name when one was taken."""
    items = ", ".join(f"{formatting.count(n)} × {t}" for n, t in booked_items(entry))
    name = customer_of(entry)
    return " · ".join(part for part in (items, name) if part) or "–"


def report_html(report: ShiftReport, *, environment: str, generated_at: datetime) -> str:
    day = formatting.date_only(datetime.combine(report.day, datetime.min.time()).astimezone())
    head = fill(
        QCoreApplication.translate(
            "ShiftReport", "Counter {counter} · {environment} · generated {when}"
        ),
        counter=report.counter_id,
        environment=environment,
        when=formatting.date_time(generated_at),
    )
    headers = "".join(f"<th align='left'>{_e(h)}</th>" for h in table_headers())
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' align=right' if i in MONEY_COLUMNS else ''}>{_e(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in table_cells(report)
    )
    if not report.entries:
        none = QCoreApplication.translate("ShiftReport", "No redemptions on this day.")
        body = f"<tr><td colspan='{len(table_headers())}'>{_e(none)}</td></tr>"
    title = fill(QCoreApplication.translate("ShiftReport", "End-of-shift report {day}"), day=day)
    return (
        f"<h2>{_e(title)}</h2>"
        f"<p>{_e(head)}</p>"
        f"{summary_html(report)}"
        f"<h3>{_e(chart_title())}</h3>"
        f"<p><img src='{CHART_URL}' width='{_CHART_SIZE[0]}' height='{_CHART_SIZE[1]}'></p>"
        f"<h3>{_e(QCoreApplication.translate('ShiftReport', 'All entries'))}</h3>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{headers}</tr></thead>{body}</table>"
    )


def write_pdf(
    report: ShiftReport,
    path: Path | str,
    *,
    environment: str,
    generated_at: datetime | None = None,
) -> None:
    """Write the report as an A4 PDF. Needs a QGuiApplication (see ``ensure_gui_application``)."""
    with open(path, "ab"):  # a clear OSError now if the place cannot be written to
        pass
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("ShiftReport", "End-of-shift report"))
    writer.setCreator("VoucherDesk")
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 10pt; } th { background: #e8e8e8; }")
    width, height = _CHART_SIZE
    chart = chart_image(
        redemptions_per_hour(report.entries),
        width * _CHART_SCALE,
        height * _CHART_SCALE,
        point_size=13 * _CHART_SCALE,
    )
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart)
    document.setHtml(
        report_html(report, environment=environment, generated_at=generated_at or utc_now())
    )
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    if not Path(path).is_file():
        raise OSError(f"the PDF {path} was not written")


def ensure_gui_application() -> QGuiApplication:
    """A headless QGuiApplication for the command line, unless one is running already."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    return QGuiApplication(["voucherdesk", "-platform", "offscreen"])
