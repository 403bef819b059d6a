"""The local quote: refusals and exact arithmetic."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from helpers.desk_factories import NOW, event, event_date, voucher
from hypothesis import given, settings
from hypothesis import strategies as st

from voucherdesk.desk.quote import Quote, QuoteProblem, QuoteRefused, make_quote
from voucherdesk.money import Money


def _at(delta: timedelta) -> str:
    return (NOW + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_full_voucher_covers_the_booking() -> None:
    q = make_quote(
        voucher(),
        event(),
        event_date(),
        {"p-adult": 2, "p-child": 1},
        now=NOW,
        counter_currency="EUR",
    )
    assert q.total == Money(Decimal("90.99"), "EUR")
    assert q.drawn == q.total
    assert q.top_up == Money.zero("EUR")
    assert q.value_left == Money(Decimal("9.01"), "EUR")
    assert [(ln.title, ln.count) for ln in q.lines] == [("Adult", 2), ("Child", 1)]
    assert q.lines[0].subtotal == Money(Decimal("71.00"), "EUR")
    assert q.participants == (("p-adult", 2), ("p-child", 1))
    assert q.starts_at == event_date().date


def test_small_voucher_needs_top_up() -> None:
    v = voucher(remaining_value=Decimal("20"))
    q = make_quote(
        v, event(), event_date(), {"p-adult": 1, "p-child": 0}, now=NOW, counter_currency="EUR"
    )
    assert q.drawn == Money(Decimal("20"), "EUR")
    assert q.top_up == Money(Decimal("15.50"), "EUR")
    assert q.value_left.is_zero
    assert q.participants == (("p-adult", 1),)


def test_quote_survives_json_round_trip() -> None:
    q = make_quote(
        voucher(), event(), event_date(), {"p-child": 3}, now=NOW, counter_currency="EUR"
    )
    assert Quote.from_json(q.to_json()) == q


@pytest.mark.parametrize(
    ("kwargs", "participants", "problem"),
    [
        ({"date": {"date": _at(-timedelta(minutes=1))}}, {"p-adult": 1}, QuoteProblem.PAST),
        ({"date": {"date": _at(timedelta(minutes=59))}}, {"p-adult": 1}, QuoteProblem.LEAD_TIME),
        ({"date": {"available_slots": 0}}, {"p-adult": 1}, QuoteProblem.FULL),
        ({"date": {"available_slots": 2}}, {"p-adult": 3}, QuoteProblem.NOT_ENOUGH_PLACES),
        ({}, {}, QuoteProblem.NO_PARTICIPANTS),
        ({}, {"p-adult": 0}, QuoteProblem.NO_PARTICIPANTS),
        ({}, {"p-adult": -1}, QuoteProblem.NO_PARTICIPANTS),
        ({}, {"p-senior": 1}, QuoteProblem.UNKNOWN_PRICE),
        (
            {
                "event": {
                    "prices": [{"id": "p-adult", "title": "A", "value": 10, "currency": "CHF"}]
                }
            },
            {"p-adult": 1},
            QuoteProblem.WRONG_CURRENCY,
        ),
        ({"voucher": {"status": "cancelled"}}, {"p-adult": 1}, QuoteProblem.VOUCHER_NOT_USABLE),
        ({"voucher": {"remaining_value": 0}}, {"p-adult": 1}, QuoteProblem.VOUCHER_NOT_USABLE),
        (
            {"voucher": {"valid_until": _at(-timedelta(days=1))}},
            {"p-adult": 1},
            QuoteProblem.VOUCHER_NOT_USABLE,
        ),
    ],
)
def test_refusals(
    kwargs: dict[str, dict[str, Any]], participants: dict[str, int], problem: QuoteProblem
) -> None:
    with pytest.raises(QuoteRefused) as caught:
        make_quote(
            voucher(**kwargs.get("voucher", {})),
            event(**kwargs.get("event", {})),
            event_date(**kwargs.get("date", {})),
            participants,
            now=NOW,
            counter_currency="EUR",
        )
    assert caught.value.problem is problem
    assert caught.value.refusal.problem is problem


def test_lead_time_boundary() -> None:
    # Exactly at the lead time limit the booking is still allowed.
    d = event_date(date=_at(timedelta(minutes=60)))
    assert make_quote(
        voucher(), event(), d, {"p-adult": 1}, now=NOW, counter_currency="EUR"
    ).total.amount == Decimal("35.50")


def test_date_of_another_event_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="belongs to event"):
        make_quote(
            voucher(),
            event(),
            event_date(event_id="e2"),
            {"p-adult": 1},
            now=NOW,
            counter_currency="EUR",
        )


CENTS = st.integers(min_value=1, max_value=50_000).map(lambda c: Decimal(c) / 100)


@settings(max_examples=300, deadline=None)
@given(
    remaining=CENTS,
    adult=CENTS,
    child=CENTS,
    adults=st.integers(0, 8),
    children=st.integers(0, 8),
)
def test_quote_arithmetic(
    remaining: Decimal, adult: Decimal, child: Decimal, adults: int, children: int
) -> None:
    ev = event(
        prices=[
            {"id": "a", "title": "Adult", "value": adult, "currency": "EUR"},
            {"id": "c", "title": "Child", "value": child, "currency": "EUR"},
        ]
    )
    v = voucher(value=Decimal(600), remaining_value=remaining)
    d = event_date(available_slots=20)
    if adults + children == 0:
        with pytest.raises(QuoteRefused):
            make_quote(v, ev, d, {"a": adults, "c": children}, now=NOW, counter_currency="EUR")
        return
    q = make_quote(v, ev, d, {"a": adults, "c": children}, now=NOW, counter_currency="EUR")
    moneys = [q.total, q.drawn, q.top_up, q.remaining_before, q.value_left]
    assert {m.currency for m in moneys} == {"EUR"}
    assert all(m.amount == m.amount.quantize(Decimal("0.01")) for m in moneys)
    assert q.total.amount == adult * adults + child * children
    assert q.drawn + q.top_up == q.total
    assert q.drawn <= q.remaining_before
    assert q.remaining_before == Money(remaining, "EUR")
    assert q.value_left == q.remaining_before - q.drawn
    assert not q.value_left.is_negative
    assert not q.top_up.is_negative
    assert q.top_up.is_zero or q.value_left.is_zero
