"""The counter flow state machine, without a display: tickets, stale answers, quoting, back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers.desk_factories import NOW, event, event_date, voucher
from voucherdesk.bookingkit.errors import TransportError
from voucherdesk.bookingkit.models import Event, EventDate, Voucher
from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    CounterFlow,
    Idle,
    Redeeming,
    ResultShown,
)
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.quote import Quote, QuoteProblem, make_quote
from voucherdesk.desk.verdict import judge
from voucherdesk.money import Money


def quoter(v: Voucher, e: Event, d: EventDate, p: Mapping[str, int], **extras: Any) -> Quote:
    return make_quote(v, e, d, p, now=NOW, counter_currency="EUR", **extras)


def new_flow() -> CounterFlow:
    return CounterFlow(quoter, clock=lambda: NOW)


def check_of(v: Voucher | None, raw: str = "GIFT-1234") -> CheckResult:
    return CheckResult(raw=raw, code=raw, voucher=v, verdict=judge(v, now=NOW, currency="EUR"))


def outcome(quote: Quote, kind: OutcomeKind, key: str = "k1") -> RedemptionOutcome:
    if kind is OutcomeKind.DONE:
        return RedemptionOutcome(
            case=OutcomeCase.BOOKED,
            key=key,
            quote=quote,
            order_id="o1",
            booking_code="BK-1",
            drawn=quote.drawn,
            value_left=quote.value_left,
        )
    return RedemptionOutcome(case=OutcomeCase.NO_ANSWER_YET, key=key, quote=quote)


def booking_flow(v: Voucher | None = None) -> tuple[CounterFlow, int]:
    flow = new_flow()
    ticket = flow.scan("GIFT-1234").ticket
    flow.check_done(ticket, check_of(v or voucher()))
    assert isinstance(flow.start_booking(), Booking)
    return flow, ticket


def test_scan_check_book_redeem_result() -> None:
    flow, ticket = booking_flow()
    state = flow.pick_event(event())
    assert isinstance(state, Booking)
    assert state.loading_dates
    assert state.participants == (("p-adult", 1),)  # one adult preselected
    late = event_date(id="d0", date=(NOW + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    full = event_date(id="d-full", available_slots=0)
    good = event_date(id="d-good", date=(NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    state = flow.dates_loaded(ticket, "e1", [good, full, late])
    assert isinstance(state, Booking)
    # the lead time (60 min) rules out d0, d-full has no places: the first bookable is d-good
    assert state.date is not None
    assert state.date.id == "d-good"
    assert state.quote is not None
    assert state.quote.total == Money(Decimal("35.50"), "EUR")
    state = flow.set_participants({"p-adult": 2, "p-child": 1})
    assert isinstance(state, Booking)
    assert state.quote is not None
    assert state.quote.total.amount == Decimal("90.99")
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    result = flow.redeemed(ticket, outcome(state.quote, OutcomeKind.DONE))
    assert isinstance(result, ResultShown)
    assert not result.unknown
    assert result.outcome is not None
    assert result.outcome.booking_code == "BK-1"
    assert isinstance(flow.dismiss(ticket), Idle)


def test_a_new_scan_wins_and_stale_answers_are_ignored() -> None:
    flow = new_flow()
    first = flow.scan("AAAA").ticket
    second = flow.scan("BBBB").ticket
    assert second > first
    assert flow.check_done(first, check_of(voucher(), "AAAA")) == Checking(second, "BBBB")
    state = flow.check_done(second, check_of(voucher(code="BBBB"), "BBBB"))
    assert isinstance(state, CardShown)
    assert state.check.raw == "BBBB"
    # a late failure of the first scan changes nothing either
    assert flow.check_failed(first, TransportError("down")) is state


def test_new_scan_dismisses_booking_and_result() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    assert isinstance(flow.scan("NEXT1"), Checking)
    # dates and redemption answers for the old ticket are dropped
    assert isinstance(flow.dates_loaded(ticket, "e1", [event_date()]), Checking)
    assert isinstance(flow.redeem_failed(ticket, TransportError("x")), Checking)


def test_result_timer_of_an_old_ticket_does_not_dismiss_the_new_scan() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    flow.redeemed(ticket, outcome(state.quote, OutcomeKind.DONE))
    newer = flow.scan("NEXT1")
    assert flow.dismiss(ticket) is newer


def test_unusable_voucher_cannot_start_booking() -> None:
    flow = new_flow()
    ticket = flow.scan("USED").ticket
    used = voucher(remaining_value=Decimal("0"))
    state = flow.check_done(ticket, check_of(used))
    assert isinstance(state, CardShown)
    assert not state.check.verdict.usable
    assert flow.start_booking() is state
    assert isinstance(flow.check_done(ticket, check_of(None)), CardShown)  # no double answer


def test_check_failure_keeps_the_raw_scan() -> None:
    flow = new_flow()
    ticket = flow.scan(" CODE1 ").ticket
    state = flow.check_failed(ticket, TransportError("refused"))
    assert isinstance(state, CheckFailed)
    assert state.raw == " CODE1 "
    assert isinstance(flow.back(), Idle)


def test_full_date_is_refused_and_cannot_be_confirmed() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    full = event_date(id="d-full", available_slots=0)
    state = flow.dates_loaded(ticket, "e1", [full])
    assert isinstance(state, Booking)
    assert state.date is None
    state = flow.pick_date(full)
    assert isinstance(state, Booking)
    assert state.quote is None
    assert state.refusal is not None
    assert state.refusal.problem == QuoteProblem.FULL
    assert flow.confirm() is state


def test_no_participants_is_refused() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    state = flow.set_participants({"p-adult": 0})
    assert isinstance(state, Booking)
    assert state.refusal is not None
    assert state.refusal.problem == QuoteProblem.NO_PARTICIPANTS
    assert not state.can_confirm


def test_dates_of_a_previous_event_choice_are_ignored() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.pick_event(event(id="e2", title="Other"))
    state = flow.dates_loaded(ticket, "e1", [event_date()])
    assert isinstance(state, Booking)
    assert state.loading_dates
    state = flow.dates_failed(ticket, "e2", TransportError("down"))
    assert isinstance(state, Booking)
    assert state.dates_error is not None
    assert not state.loading_dates


def test_refresh_keeps_the_chosen_date_with_fresh_places() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    later = event_date(id="d2", date=(NOW + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    flow.dates_loaded(ticket, "e1", [event_date(), later])
    flow.pick_date(later)
    flow.pick_event(event())  # same event again while dates exist: no reload
    state = flow.dates_loaded(
        ticket, "e1", [event_date(), later.model_copy(update={"available_slots": 1})]
    )
    assert isinstance(state, Booking)
    assert state.date is not None
    assert state.date.id == "d2"
    assert state.date.available_slots == 1


def test_a_refresh_without_the_chosen_date_leaves_no_date_not_another() -> None:
    """Found in review: the clerk's date gone from a refresh (cancelled, begun) was silently
    replaced by the first bookable one, and Enter booked that."""
    flow, ticket = booking_flow()
    flow.pick_event(event())
    later = event_date(id="d2", date=(NOW + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    flow.dates_loaded(ticket, "e1", [event_date(), later])
    flow.pick_date(later)
    state = flow.dates_loaded(ticket, "e1", [event_date()])  # d2 is gone
    assert isinstance(state, Booking)
    assert state.date is None
    assert state.quote is None
    assert flow.confirm() is state  # nothing to book until the clerk picks a date


def test_back_steps() -> None:
    flow, ticket = booking_flow()
    assert isinstance(flow.back(), CardShown)
    assert isinstance(flow.back(), Idle)
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    assert flow.back() is state  # a redemption in flight cannot be backed out of
    assert flow.dismiss() is state


def test_unknown_outcome_is_replaced_once_reconciled() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    flow.dates_loaded(ticket, "e1", [event_date()])
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    shown = flow.redeemed(ticket, outcome(state.quote, OutcomeKind.UNKNOWN, key="k9"))
    assert isinstance(shown, ResultShown)
    assert shown.unknown
    assert flow.reconciled([outcome(state.quote, OutcomeKind.DONE, key="other")]) is shown
    settled = flow.reconciled([outcome(state.quote, OutcomeKind.DONE, key="k9")])
    assert isinstance(settled, ResultShown)
    assert not settled.unknown
    assert settled.outcome is not None
    assert settled.outcome.kind == OutcomeKind.DONE


@pytest.mark.parametrize("action", ["confirm", "start_booking", "back"])
def test_actions_in_idle_do_nothing(action: str) -> None:
    flow = new_flow()
    assert isinstance(getattr(flow, action)(), Idle)


def test_no_scan_is_taken_while_a_redemption_is_on_its_way() -> None:
    flow, ticket = booking_flow()
    flow.pick_event(event())
    good = event_date(id="d-good", date=(NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    flow.dates_loaded(ticket, "e1", [good])
    assert flow.accepts_scans
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    assert not flow.accepts_scans
    flow.redeemed(ticket, outcome(state.quote, OutcomeKind.DONE))
    assert flow.accepts_scans


@pytest.mark.parametrize(
    ("quiet_ms", "confirmed"), [(0, False), (45, False), (249, False), (250, True)]
)
def test_confirm_needs_a_deliberate_key(quiet_ms: float, confirmed: bool) -> None:
    """An Enter that follows a printable key closely ends a burst (a scan, typing): no confirm."""
    flow, ticket = booking_flow()
    flow.pick_event(event())
    date = event_date(id="d-good", date=(NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    priced = flow.dates_loaded(ticket, "e1", [date])
    assert isinstance(priced, Booking)
    assert priced.quote is not None
    state = flow.confirm(quiet_ms=quiet_ms)
    assert isinstance(state, Redeeming) is confirmed
    if not confirmed:
        assert state is priced  # nothing changed: the same booking stays on screen


# --- issue 11: kept choices, top-up to collect, stop waiting, search ------------------------


def priced_flow(v: Voucher | None = None) -> tuple[CounterFlow, int, Booking]:
    flow, ticket = booking_flow(v)
    flow.pick_event(event())
    good = event_date(id="d-good", date=(NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    later = event_date(id="d-later", date=(NOW + timedelta(days=4)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    flow.dates_loaded(ticket, "e1", [good, later])
    flow.pick_date(later)
    state = flow.set_participants({"p-adult": 2})
    assert isinstance(state, Booking)
    assert state.quote is not None
    return flow, ticket, state


def test_back_from_the_booking_keeps_the_choices_for_going_on() -> None:
    flow, ticket, booking = priced_flow()
    card = flow.back()
    assert isinstance(card, CardShown)
    assert card.kept is not None  # not a dead end: the card offers to go on booking
    again = flow.start_booking()
    assert isinstance(again, Booking)
    assert again.ticket == ticket
    assert again.event == booking.event
    assert again.date == booking.date
    assert again.participants == (("p-adult", 2),)
    assert again.quote == booking.quote
    assert isinstance(flow.back(), CardShown)
    assert isinstance(flow.back(), Idle)  # Esc twice: back to scanning


def test_dropping_the_experience_leaves_nothing_priced() -> None:
    flow, _ticket, _booking = priced_flow()
    state = flow.drop_event()
    assert isinstance(state, Booking)
    assert state.event is None
    assert state.quote is None
    assert not state.can_confirm


def top_up_outcome(quote: Quote, case: OutcomeCase = OutcomeCase.BOOKED) -> RedemptionOutcome:
    return RedemptionOutcome(
        case=case,
        key="k1",
        quote=quote,
        order_id="o1",
        booking_code="BK-1",
        drawn=quote.drawn,
        top_up=quote.top_up,
        value_left=quote.value_left,
    )


@pytest.mark.parametrize(
    "case",
    [
        OutcomeCase.BOOKED,
        OutcomeCase.BOOKED_TOP_UP_REFUSED,
        OutcomeCase.BOOKED_NOT_RECORDED,
        OutcomeCase.TOP_UP_UNCONFIRMED,
        OutcomeCase.TOP_UP_LATER,
    ],
)
def test_a_top_up_to_collect_stays_until_taken(case: OutcomeCase) -> None:
    flow, ticket, _ = priced_flow(voucher(remaining_value=Decimal("20")))
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    assert not state.quote.top_up.is_zero
    shown = flow.redeemed(ticket, top_up_outcome(state.quote, case))
    assert isinstance(shown, ResultShown)
    assert shown.collecting
    assert not shown.times_out  # no timer: it stays until the clerk says the money is taken
    assert not flow.accepts_scans
    assert flow.back() is shown
    assert flow.dismiss(ticket) is shown
    taken = flow.take_top_up(ticket)
    assert isinstance(taken, ResultShown)
    assert not taken.collecting
    assert taken.top_up_taken
    assert flow.accepts_scans
    assert isinstance(flow.back(), Idle)


def test_top_up_taken_survives_settling_and_stale_tickets_change_nothing() -> None:
    flow, ticket, _ = priced_flow(voucher(remaining_value=Decimal("20")))
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    open_top_up = top_up_outcome(state.quote, OutcomeCase.TOP_UP_UNCONFIRMED)
    shown = flow.redeemed(ticket, open_top_up)
    assert flow.take_top_up(ticket - 1) is shown
    flow.take_top_up(ticket)
    settled = flow.reconciled([top_up_outcome(state.quote)])
    assert isinstance(settled, ResultShown)
    assert settled.outcome is not None
    assert settled.outcome.case is OutcomeCase.BOOKED
    assert settled.top_up_taken
    assert not settled.collecting


def test_a_booking_without_top_up_times_out_and_an_alarm_does_not() -> None:
    flow, ticket, _ = priced_flow()
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    done = flow.redeemed(ticket, outcome(state.quote, OutcomeKind.DONE))
    assert isinstance(done, ResultShown)
    assert not done.collecting
    assert done.times_out
    flow, ticket, _ = priced_flow()
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    alarm = RedemptionOutcome(case=OutcomeCase.DRAWN_MISMATCH, key="k", quote=state.quote)
    shown = flow.redeemed(ticket, alarm)
    assert isinstance(shown, ResultShown)
    assert not shown.times_out
    assert flow.accepts_scans  # the alarm banner stays; the counter is no dead end


def test_stop_waiting_shows_unknown_and_the_late_outcome_replaces_it() -> None:
    flow, ticket, _ = priced_flow()
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    stopped = flow.stop_waiting()
    assert isinstance(stopped, ResultShown)
    assert stopped.stopped
    assert stopped.unknown
    assert stopped.outcome is None
    assert not stopped.times_out
    assert flow.accepts_scans
    late = flow.redeemed(ticket, outcome(state.quote, OutcomeKind.UNKNOWN, key="k7"))
    assert isinstance(late, ResultShown)
    assert late.outcome is not None
    assert late.outcome.key == "k7"  # "Check again" can now settle it by its key
    settled = flow.reconciled([outcome(state.quote, OutcomeKind.DONE, key="k7")])
    assert isinstance(settled, ResultShown)
    assert not settled.unknown


def test_stop_waiting_only_while_redeeming_and_a_late_answer_after_a_new_scan_is_dropped() -> None:
    flow, ticket, booking = priced_flow()
    assert flow.stop_waiting() is booking
    state = flow.confirm()
    assert isinstance(state, Redeeming)
    flow.stop_waiting()
    newer = flow.scan("NEXT1")
    assert flow.redeemed(ticket, outcome(state.quote, OutcomeKind.DONE)) is newer
