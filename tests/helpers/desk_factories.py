"""Small builders for bookingkit models in desk tests (vouchers, events, dates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from voucherdesk.bookingkit.models import Event, EventDate, Voucher
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import Quote

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def voucher(**over: Any) -> Voucher:
    data: dict[str, Any] = {
        "ident": "v1",
        "code": "GIFT-1234",
        "title": "Gift voucher",
        "value": Decimal("100"),
        "remaining_value": Decimal("100"),
        "currency": "EUR",
        "status": "active",
    }
    data.update(over)
    return Voucher.model_validate(data)


def event(**over: Any) -> Event:
    data: dict[str, Any] = {
        "id": "e1",
        "title": "Canoe tour",
        "duration": 120,
        "latest_booking_time": 60,
        "prices": [
            {"id": "p-adult", "title": "Adult", "value": Decimal("35.50"), "currency": "EUR"},
            {"id": "p-child", "title": "Child", "value": Decimal("19.99"), "currency": "EUR"},
        ],
    }
    data.update(over)
    return Event.model_validate(data)


def event_date(**over: Any) -> EventDate:
    data: dict[str, Any] = {
        "id": "d1",
        "event_id": "e1",
        "date": (NOW + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "available_slots": 10,
        "total_slots": 12,
    }
    data.update(over)
    return EventDate.model_validate(data)


def make_outcome(
    case: OutcomeCase, quote: Quote, key: str = "k1", **facts: Any
) -> RedemptionOutcome:
    """A desk outcome with its facts, for screens and edges that only show one."""
    return RedemptionOutcome(case=case, key=key, quote=quote, **facts)
