"""Words for the venue-wide report: what bookingkit let this counter see (guess U5), and the
figures of one counter, shared by the window and the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from voucherdesk.desk.venue_report import CounterTotals, Progress, VenueReport, Visibility
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import fill, money, translate

if TYPE_CHECKING:
    from voucherdesk.money import Money


def totals(values: tuple[Money, ...]) -> str:
    """Amounts in several currencies side by side; a dash for none."""
    return " + ".join(money(v) for v in values) if values else money(None)


def visibility(report: VenueReport) -> str:
    """Whether the report holds every counter's orders, in words that name the scope."""
    kind = report.visibility
    if kind is Visibility.ALL_ORDERS:
        return fill(
            translate(
                "Venue", "Every order of the account was read (the API client holds {scope})."
            ),
            scope=report.needed_scope,
        )
    if kind is Visibility.OTHERS_SEEN:
        return translate(
            "Venue",
            "bookingkit showed the other counters' orders too: this API client may read them "
            "(guess U5 holds for this account).",
        )
    if kind is Visibility.OWN_ONLY:
        return fill(
            translate(
                "Venue",
                "bookingkit showed only this counter's orders. If other counters booked on this "
                "day, this API client may not read their orders (guess U5): a venue-wide report "
                "needs an API client with the scope {scope}.",
            ),
            scope=report.needed_scope,
        )
    assert_never(kind)


def is_complete(report: VenueReport) -> bool:
    """False when other counters' orders may be missing (shown as a warning)."""
    return report.visibility is not Visibility.OWN_ONLY


def counter_name(counter: CounterTotals) -> str:
    return counter.counter_id or translate("Venue", "All counters")


def cancelled(counter: CounterTotals) -> str:
    """How many were cancelled, and what they had drawn (not given back: guess U8)."""
    if not counter.cancelled:
        return formatting.count(0)
    return fill(
        translate("Venue", "{count} (had drawn {drawn})"),
        count=formatting.count(counter.cancelled),
        drawn=totals(counter.cancelled_drawn),
    )


def progress(step: Progress) -> str:
    if step.total is None:
        return fill(
            translate("Venue", "Reading bookingkit's orders: page {pages}, {orders} orders…"),
            pages=formatting.count(step.pages),
            orders=formatting.count(step.orders),
        )
    return fill(
        translate("Venue", "Reading bookingkit's orders: {orders} of {total}…"),
        orders=formatting.count(step.orders),
        total=formatting.count(step.total),
    )


def footnote(report: VenueReport) -> str:
    """Orders from elsewhere, unreadable entries and the requests it took."""
    parts = [
        fill(
            translate("Venue", "Voucher orders not made at a counter (shop, admin): {count}."),
            count=formatting.count(report.other_voucher_orders),
        ),
        fill(
            translate("Venue", "Requests to bookingkit: {pages}."),
            pages=formatting.count(report.pages),
        ),
    ]
    if report.unreadable:
        parts.append(
            fill(
                translate("Venue", "{count} orders could not be read and are not counted."),
                count=formatting.count(report.unreadable),
            )
        )
    return " ".join(parts)
