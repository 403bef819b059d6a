"""The queue of top-ups still to collect besides the one on screen (Qt-free)."""

from __future__ import annotations

from decimal import Decimal

from helpers.desk_factories import NOW, event, event_date, voucher

from voucherdesk.desk.flow import Idle, ResultShown
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.quote import make_quote
from voucherdesk.desk.till import TopUpQueue
from voucherdesk.money import Money

QUOTE = make_quote(
    voucher(remaining_value=Decimal("10")),
    event(),
    event_date(),
    {"p-adult": 2},
    now=NOW,
    counter_currency="EUR",
)


def booked(key: str, top_up: str | None = "20.00") -> RedemptionOutcome:
    return RedemptionOutcome(
        case=OutcomeCase.BOOKED,
        key=key,
        quote=QUOTE,
        booking_code=f"B-{key}",
        top_up=None if top_up is None else Money(Decimal(top_up), "EUR"),
    )


def on_screen(outcome: RedemptionOutcome, *, taken: bool = False) -> ResultShown:
    return ResultShown(1, QUOTE, outcome=outcome, top_up_taken=taken)


def test_only_bookings_that_leave_money_wait() -> None:
    queue = TopUpQueue()
    assert not queue.answered_late(booked("a", None))
    assert not queue
    assert queue.answered_late(booked("b"))
    assert queue.next() == booked("b")
    assert queue.amounts(Idle(0)) == [Money(Decimal("20.00"), "EUR")]


def test_owed_skips_what_is_on_screen_waiting_or_was_shown() -> None:
    queue = TopUpQueue()
    queue.drawn(on_screen(booked("shown")))  # on screen earlier in this session
    queue.answered_late(booked("late"))
    screen = on_screen(booked("now"))
    owed = [booked(k) for k in ("shown", "late", "now", "new", "new")]
    queue.owed(owed, screen, from_earlier=True)
    assert [o.key for o in queue.to_collect(screen)] == ["now", "late", "new"]
    assert queue.collecting_for(screen, "new")
    assert not queue.collecting_for(screen, "shown")


def test_a_top_up_owed_at_start_is_from_earlier_and_leaves_when_it_came_up() -> None:
    queue = TopUpQueue()
    queue.answered_late(booked("late"))
    queue.owed([booked("old")], Idle(0), from_earlier=True)
    assert not queue.from_earlier("late")
    assert queue.from_earlier("old")
    late = queue.next()
    assert late is not None
    queue.came_up(late)
    assert queue.next() == booked("old")
    queue.came_up(booked("old"))
    assert not queue


def test_a_top_up_confirmed_here_is_remembered() -> None:
    queue = TopUpQueue()
    queue.taken("a")
    assert queue.was_taken("a")
    assert not queue.was_taken("b")


def test_release_drops_an_undone_booking() -> None:
    queue = TopUpQueue()
    queue.answered_late(booked("a"))
    queue.answered_late(booked("b"))
    queue.release("a")
    assert [o.key for o in queue.to_collect(Idle(0))] == ["b"]
    taken = on_screen(booked("c"), taken=True)
    assert queue.to_collect(taken) == [booked("b")]  # a top-up taken is not to collect
