"""The desk's facts as audit rows: a scan's verdict, a redemption's outcome case, an undo, an
acknowledgement. Only facts: codes, cases, exact amounts, the type of an error (never its text,
which might quote a server's answer or a path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voucherdesk.audit.events import AuditEvent, DetailValue, RowKind
from voucherdesk.desk.any_quote import AnyQuote, item_code, quote_kind
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.ticket_quote import TicketQuote

if TYPE_CHECKING:
    from voucherdesk.desk.desk import CheckResult
    from voucherdesk.desk.journal import JournalEntry
    from voucherdesk.desk.outcomes import RedemptionOutcome
    from voucherdesk.desk.undo import UndoOutcome
    from voucherdesk.money import Money


def _amounts(**values: Money | None) -> dict[str, Money]:
    return {name: value for name, value in values.items() if value is not None}


def _error(error: BaseException | None) -> dict[str, DetailValue]:
    return {} if error is None else {"error": type(error).__name__}


def scan(check: CheckResult) -> AuditEvent:
    verdict = check.verdict
    detail: dict[str, DetailValue] = {}
    if check.rejected is not None:
        detail["rejected"] = check.rejected.reason.value  # never the raw input: it may be a link
    if check.voucher is not None:
        detail["voucher_id"] = check.voucher.id
        if verdict.status is not None:
            detail["status"] = verdict.status
    if check.suggestions:
        detail["suggestions"] = len(check.suggestions)
    return AuditEvent(
        kind=RowKind.SCAN,
        outcome=verdict.kind.value,
        voucher_code=check.code,
        amounts=_amounts(remaining=verdict.remaining, value=verdict.value),
        detail=detail,
    )


def scan_failed(raw_code: str | None, error: BaseException) -> AuditEvent:
    return AuditEvent(
        kind=RowKind.SCAN, outcome="check_failed", voucher_code=raw_code, detail=_error(error)
    )


def _booked(quote: AnyQuote) -> tuple[dict[str, DetailValue], dict[str, Money | None]]:
    """What a quote of any kind booked, and its amounts."""
    detail: dict[str, DetailValue] = {"kind": quote_kind(quote).value, "event_id": quote.event_id}
    if quote.starts_at is not None:
        detail["starts_at"] = quote.starts_at.isoformat()
    if isinstance(quote, Quote):
        detail["date_id"] = quote.date_id
        detail["participants"] = sum(count for _price, count in quote.participants)
        return detail, {"total": quote.total, "quoted_draw": quote.drawn}
    if isinstance(quote, TicketQuote):
        detail["strategy"] = quote.strategy.value
        if quote.appointment_id is not None:
            detail["date_id"] = quote.appointment_id
        return detail, {"price": quote.price}
    detail["date_id"] = quote.date_id
    detail["entries"] = quote.entries
    return detail, {"unit": quote.unit}


def redemption(outcome: RedemptionOutcome, kind: RowKind = RowKind.REDEMPTION) -> AuditEvent:
    quote = outcome.quote
    detail, quoted = _booked(quote)
    detail["result"] = outcome.kind.value
    if outcome.order_id is not None:
        detail["order_id"] = outcome.order_id
    if outcome.top_up_method is not None:
        detail["top_up_method"] = outcome.top_up_method
    if outcome.order_codes:
        detail["order_codes"] = " ".join(outcome.order_codes)
    detail.update(_error(outcome.error))
    return AuditEvent(
        kind=kind,
        outcome=outcome.case.value,
        key=outcome.key,
        voucher_code=item_code(quote),
        booking_code=outcome.booking_code,
        amounts=_amounts(
            **quoted,
            drawn=outcome.drawn,
            top_up=outcome.top_up,
            value_left=outcome.value_left,
            balance_now=outcome.balance_now,
        ),
        detail=detail,
    )


def undo(outcome: UndoOutcome) -> AuditEvent:
    detail: dict[str, DetailValue] = {"restored": outcome.restored}
    if outcome.order_id is not None:
        detail["order_id"] = outcome.order_id
    detail.update(_error(outcome.error))
    return AuditEvent(
        kind=RowKind.UNDO,
        outcome=outcome.case.value,
        key=outcome.key,
        voucher_code=outcome.voucher_code,
        booking_code=outcome.booking_code,
        amounts=_amounts(drawn=outcome.drawn, top_up=outcome.top_up, value_left=outcome.value_left),
        detail=detail,
    )


def acknowledge(before: JournalEntry, after: JournalEntry) -> AuditEvent:
    return AuditEvent(
        kind=RowKind.ACKNOWLEDGE,
        outcome=after.state.value,
        key=after.key,
        voucher_code=after.voucher_code,
        booking_code=after.booking_code,
        amounts=_amounts(drawn=after.drawn, top_up=after.top_up, value_left=after.value_left),
        detail={"state_before": before.state.value},
    )


def top_up_taken(entry: JournalEntry, kind: RowKind = RowKind.TOP_UP_TAKEN) -> AuditEvent:
    """The clerk took a booking's top-up (or left it unpaid: ``TOP_UP_LEFT``): the row's
    clerk says who."""
    return AuditEvent(
        kind=kind,
        key=entry.key,
        voucher_code=entry.voucher_code,
        booking_code=entry.booking_code,
        amounts=_amounts(top_up=entry.top_up),
        detail={"top_up_method": entry.top_up_method or ""},
    )


def top_up_left(entry: JournalEntry) -> AuditEvent:
    return top_up_taken(entry, RowKind.TOP_UP_LEFT)


def sign(*, signed_in: bool) -> AuditEvent:
    """A clerk signed in or out: the row's clerk says who."""
    return AuditEvent(kind=RowKind.SIGN_IN if signed_in else RowKind.SIGN_OUT)
