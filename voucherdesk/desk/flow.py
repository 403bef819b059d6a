"""The counter's scan -> card -> book -> result flow as a Qt-free state machine.

Every state is a frozen dataclass carrying the scan ticket it belongs to. A new scan from any
state starts a new ticket (dismissing a lingering card, booking or result); an answer tagged
with an older ticket is ignored, so a slow reply can never overwrite what the clerk sees now.
The UI shows states and forwards actions; network calls stay in the Desk, on worker threads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk import add_ons, kind_flow
from voucherdesk.desk.key_timing import deliberate
from voucherdesk.desk.kind_flow import PassBooking, PassQuoter, TicketBooking, TicketQuoter
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.pass_quote import make_pass_quote
from voucherdesk.desk.quote import (
    NO_DETAILS,
    BookingDetails,
    Quote,
    QuoteRefusal,
    QuoteRefused,
    seat_titles,
)
from voucherdesk.desk.ticket_quote import make_ticket_quote

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, EventDate, Product, Voucher
    from voucherdesk.desk.any_quote import AnyQuote
    from voucherdesk.desk.desk import CheckResult


class Quoter(Protocol):
    """Prices a booking locally (``Desk.quote``); raises QuoteRefused when it cannot be made."""

    def __call__(
        self,
        voucher: Voucher,
        event: Event,
        date: EventDate,
        participants: Mapping[str, int],
        *,
        products: Mapping[str, int] | None = None,
        catalog: Sequence[Product] = (),
        details: BookingDetails = NO_DETAILS,
    ) -> Quote: ...


Participants = tuple[tuple[str, int], ...]
Counts = tuple[tuple[str, int], ...]  # (product id, count) of add-ons

# Booked, the top-up not recorded yet: it is collected all the same.
_TOP_UP_OPEN = frozenset({OutcomeCase.TOP_UP_UNCONFIRMED, OutcomeCase.TOP_UP_LATER})


@dataclass(frozen=True)
class Idle:
    ticket: int = 0  # waiting for a scan


@dataclass(frozen=True)
class Checking:
    """A code was scanned; the card shows it at once while bookingkit is asked."""

    ticket: int
    raw: str


@dataclass(frozen=True)
class CheckFailed:
    """The voucher could not be read (offline, server error, ...): nothing was booked."""

    ticket: int
    raw: str
    error: BaseException


@dataclass(frozen=True)
class CardShown:
    ticket: int
    check: CheckResult
    # the choices of a booking the clerk stepped back from
    kept: Booking | TicketBooking | PassBooking | None = None


@dataclass(frozen=True)
class Booking:
    """Picking event, date and participants, with a live quote (or the reason there is none).

    Add-on products (``add_ons``, out of the vendor's ``catalog``) and the ``details`` (the
    customer's name and e-mail, a comment, the participants' answers) are never required: the
    quote is made without them, and a missing catalog only means no add-ons are offered.
    """

    ticket: int
    check: CheckResult
    voucher: Voucher
    event: Event | None = None
    dates: tuple[EventDate, ...] | None = None  # None while the event's dates are loading
    dates_error: BaseException | None = None
    date: EventDate | None = None
    participants: Participants = ()
    quote: Quote | None = None
    refusal: QuoteRefusal | None = None
    catalog: tuple[Product, ...] | None = None  # None until the products are read
    add_ons: Counts = ()
    details: BookingDetails = NO_DETAILS

    @property
    def loading_dates(self) -> bool:
        return self.event is not None and self.dates is None and self.dates_error is None

    @property
    def offered(self) -> tuple[Product, ...]:
        """The add-on products offered with the chosen experience."""
        if self.event is None or not self.catalog:
            return ()
        return add_ons.offered(self.catalog, self.event)

    @property
    def seats(self) -> tuple[str, ...]:
        """Each participant's price title, in the order the answers follow."""
        if self.event is None:
            return ()
        return seat_titles(self.event, dict(self.participants))

    @property
    def can_confirm(self) -> bool:
        return self.quote is not None


@dataclass(frozen=True)
class Redeeming:
    """Confirmed: the Desk is writing the journal and booking in bookingkit."""

    ticket: int
    check: CheckResult
    quote: AnyQuote


@dataclass(frozen=True)
class ResultShown:
    """The end of one customer: an outcome, or an error that stopped the redemption.

    ``stopped``: the clerk stopped waiting for a slow answer; until the desk's outcome arrives
    (``outcome`` None) it is not known whether bookingkit took the order.
    """

    ticket: int
    quote: AnyQuote
    outcome: RedemptionOutcome | None = None
    error: BaseException | None = None
    stopped: bool = False
    top_up_taken: bool = False  # the clerk confirmed the top-up was collected
    # A top-up owed from before this start (the journal's): its customer may be gone, so it
    # may be left unpaid (listed in the shift report) instead of confirmed.
    earlier: bool = False

    @property
    def unknown(self) -> bool:
        """Not yet known whether bookingkit took the order: never show this as done or failed."""
        if self.outcome is None:
            return self.stopped and self.error is None
        return self.outcome.kind == OutcomeKind.UNKNOWN

    @property
    def collecting(self) -> bool:
        """Booked with a top-up the clerk has not yet confirmed as taken: the result stays and
        the next scan waits, so the money is never forgotten."""
        return not self.top_up_taken and self.outcome is not None and leaves_top_up(self.outcome)

    @property
    def times_out(self) -> bool:
        """Goes back to scanning by itself after a few seconds: never while something is left
        to do (an open outcome, a top-up to collect, an alarm to acknowledge)."""
        if self.unknown or self.collecting:
            return False
        return self.outcome is None or self.outcome.kind is not OutcomeKind.ATTENTION


def leaves_top_up(outcome: RedemptionOutcome) -> bool:
    """Booked, with money the customer still pays at the counter."""
    if not outcome.booked:
        return False
    if outcome.kind is not OutcomeKind.DONE and outcome.case not in _TOP_UP_OPEN:
        return False
    return outcome.top_up is not None and not outcome.top_up.is_zero


AnyBooking = Booking | TicketBooking | PassBooking
State = (
    Idle
    | Checking
    | CheckFailed
    | CardShown
    | Booking
    | TicketBooking
    | PassBooking
    | Redeeming
    | ResultShown
)


def top_up_to_collect(state: State) -> RedemptionOutcome | None:
    """The outcome of the result on screen whose top-up is still to be collected, if any."""
    if isinstance(state, ResultShown) and state.collecting:
        return state.outcome
    return None


def bookable(event: Event, date: EventDate, now: datetime) -> bool:
    """A date the clerk can pick without being refused for time or places."""
    lead = timedelta(minutes=event.latest_booking_time or 0)
    return date.available_slots > 0 and date.date - lead > now


class CounterFlow:
    """Holds the current state; every method returns the new state (unchanged when stale)."""

    def __init__(
        self,
        quoter: Quoter,
        *,
        clock: Clock = utc_now,
        ticket_quoter: TicketQuoter | None = None,
        pass_quoter: PassQuoter | None = None,
    ) -> None:
        """The quoters price each kind (``Desk.quote``, ``quote_ticket``, ``quote_pass``);
        without a ticket or pass quoter the pure ones are used, on ``clock``, in EUR."""
        self._quoter = quoter
        self._clock = clock
        self._ticket_quoter: TicketQuoter = ticket_quoter or (
            lambda item, event, dates, strategy, picked: make_ticket_quote(
                item,
                event,
                dates,
                strategy,
                now=self._clock(),
                counter_currency="EUR",
                picked=picked,
            )
        )
        self._pass_quoter: PassQuoter = pass_quoter or (
            lambda sold, event, date, entries: make_pass_quote(
                sold, event, date, entries, now=self._clock()
            )
        )
        self._state: State = Idle()
        self._ticket = 0

    @property
    def state(self) -> State:
        return self._state

    @property
    def ticket(self) -> int:
        return self._ticket

    def _set(self, state: State) -> State:
        self._state = state
        return state

    def _current(self, ticket: int) -> bool:
        return ticket == self._ticket

    # -- scanning ----------------------------------------------------------------------------

    @property
    def accepts_scans(self) -> bool:
        """False while a redemption is on its way (its result - a top-up to collect, or an
        unknown outcome - must reach the clerk before the next customer's scan replaces it)
        and while a top-up is still to be collected."""
        state = self._state
        if isinstance(state, ResultShown):
            return not state.collecting
        return not isinstance(state, Redeeming)

    def scan(self, raw: str) -> Checking:
        """A new scan wins over whatever is on screen (check ``accepts_scans`` first)."""
        self._ticket += 1
        state = Checking(self._ticket, raw)
        self._set(state)
        return state

    def check_done(self, ticket: int, check: CheckResult) -> State:
        if not self._current(ticket) or not isinstance(self._state, Checking):
            return self._state
        return self._set(CardShown(ticket, check))

    def check_failed(self, ticket: int, error: BaseException) -> State:
        if not self._current(ticket) or not isinstance(self._state, Checking):
            return self._state
        return self._set(CheckFailed(ticket, self._state.raw, error))

    # -- booking -----------------------------------------------------------------------------

    def start_booking(self) -> State:
        """From a usable card to the booking panel (with the choices kept from an earlier
        visit, priced afresh); anything else stays where it is."""
        state = self._state
        if not isinstance(state, CardShown):
            return state  # already booking, or nothing to book with
        kept = state.kept
        if isinstance(kept, Booking):
            return self._set(self._requote(kept))
        if isinstance(kept, TicketBooking):
            return self._set(kind_flow.requote_ticket(kept, self._ticket_quoter))
        if isinstance(kept, PassBooking):
            return self._set(kind_flow.requote_pass(kept, self._pass_quoter))
        ticket_booking = kind_flow.start_ticket(state.ticket, state.check)
        if ticket_booking is not None:
            return self._set(ticket_booking)
        pass_booking = kind_flow.start_pass(state.ticket, state.check)
        if pass_booking is not None:
            return self._set(pass_booking)
        voucher = state.check.voucher
        if voucher is None or not state.check.verdict.usable:
            return state
        return self._set(Booking(state.ticket, state.check, voucher))

    def pick_event(self, event: Event) -> State:
        """Choose an experience: its dates load next (see dates_loaded). A pass for one
        experience, and a ticket, take their own (``event_loaded``)."""
        state = self._state
        if isinstance(state, PassBooking) and not state.fixed_event:
            if state.event is not None and state.event.id == event.id and state.dates is not None:
                return state
            return self._set(
                replace(
                    state,
                    event=event,
                    dates=None,
                    dates_error=None,
                    date=None,
                    quote=None,
                    refusal=None,
                )
            )
        if not isinstance(state, Booking):
            return state
        if state.event is not None and state.event.id == event.id and state.dates is not None:
            return state
        first_price = event.prices[0].id if event.prices else None
        participants = _keep_or_default(state.participants, event, first_price)
        offered = {p.id for p in add_ons.offered(state.catalog or (), event)}
        return self._set(
            replace(
                state,
                event=event,
                dates=None,
                dates_error=None,
                date=None,
                participants=participants,
                add_ons=tuple((pid, n) for pid, n in state.add_ons if pid in offered),
                quote=None,
                refusal=None,
            )
        )

    def event_loaded(self, ticket: int, event: Event) -> State:
        """The experience of a ticket or of a pass for one experience was read: its dates load
        next."""
        state = self._state
        if not self._current(ticket) or not isinstance(state, TicketBooking | PassBooking):
            return state
        if state.event is not None:
            return state
        return self._set(replace(state, event=event))

    def drop_event(self) -> State:
        """No experience chosen any more (the search hides the one picked): nothing is priced."""
        state = self._state
        if not isinstance(state, Booking | PassBooking) or state.event is None:
            return state
        if isinstance(state, PassBooking):
            if state.fixed_event:
                return state
            return self._set(
                replace(
                    state,
                    event=None,
                    dates=None,
                    dates_error=None,
                    date=None,
                    quote=None,
                    refusal=None,
                )
            )
        return self._set(
            replace(
                state, event=None, dates=None, dates_error=None, date=None, quote=None, refusal=None
            )
        )

    def dates_loaded(self, ticket: int, event_id: str, dates: Sequence[EventDate]) -> State:
        """Fresh dates arrived; the first bookable one is preselected (one action fewer). A
        refresh keeps the clerk's date with fresh places, or, when it is gone, leaves none:
        never another date in its place."""
        state = self._state
        if not self._current(ticket):
            return state
        if isinstance(state, TicketBooking | PassBooking):
            if state.event is None or state.event.id != event_id:
                return state
            if isinstance(state, TicketBooking):
                return self._set(kind_flow.ticket_dates_loaded(state, dates, self._ticket_quoter))
            return self._set(
                kind_flow.pass_dates_loaded(state, dates, self._clock(), self._pass_quoter)
            )
        if not isinstance(state, Booking):
            return state
        if state.event is None or state.event.id != event_id:
            return state  # the clerk picked another event meanwhile
        ordered = tuple(sorted(dates, key=lambda d: d.date))
        now = self._clock()
        if state.date is not None:  # a refresh: the clerk's choice with fresh places, or none
            chosen = next((d for d in ordered if d.id == state.date.id), None)
        else:
            chosen = next((d for d in ordered if bookable(state.event, d, now)), None)
        return self._set(self._requote(replace(state, dates=ordered, date=chosen)))

    def dates_failed(self, ticket: int, event_id: str, error: BaseException) -> State:
        state = self._state
        if not self._current(ticket) or not isinstance(state, AnyBooking):
            return state
        if state.event is None or state.event.id != event_id:
            return state
        return self._set(replace(state, dates_error=error, quote=None, refusal=None))

    def pick_date(self, date: EventDate) -> State:
        """A date from the list: for a ticket, "the date the clerk picks" (selected)."""
        state = self._state
        if isinstance(state, TicketBooking):
            picked = replace(state, strategy=RedemptionStrategy.SELECTED, picked=date)
            return self._set(kind_flow.requote_ticket(picked, self._ticket_quoter))
        if isinstance(state, PassBooking) and state.event is not None:
            return self._set(kind_flow.requote_pass(replace(state, date=date), self._pass_quoter))
        if not isinstance(state, Booking) or state.event is None:
            return state
        return self._set(self._requote(replace(state, date=date)))

    def choose_strategy(self, strategy: RedemptionStrategy) -> State:
        """How a ticket's appointment is found; "selected" keeps the date picked before."""
        state = self._state
        if not isinstance(state, TicketBooking) or state.strategy is strategy:
            return state
        return self._set(
            kind_flow.requote_ticket(replace(state, strategy=strategy), self._ticket_quoter)
        )

    def set_entries(self, entries: int) -> State:
        """How many entries of a pass this booking uses (one per participant)."""
        state = self._state
        if not isinstance(state, PassBooking) or state.entries == entries:
            return state
        return self._set(
            kind_flow.requote_pass(replace(state, entries=int(entries)), self._pass_quoter)
        )

    def set_participants(self, participants: Mapping[str, int]) -> State:
        """New counts; answers past the last participant go with the lines that asked them."""
        state = self._state
        if not isinstance(state, Booking):
            return state
        cleaned = tuple(sorted((pid, int(n)) for pid, n in participants.items() if n > 0))
        counted = replace(state, participants=cleaned)
        answers = state.details.answers[: len(counted.seats)]
        details = replace(state.details, answers=answers)
        return self._set(self._requote(replace(counted, details=details)))

    def products_loaded(self, ticket: int, catalog: Sequence[Product]) -> State:
        """The vendor's products arrived: the add-ons of the chosen experience can be picked."""
        state = self._state
        if not self._current(ticket) or not isinstance(state, Booking):
            return state
        return self._set(self._requote(replace(state, catalog=tuple(catalog))))

    def set_add_ons(self, counts: Mapping[str, int]) -> State:
        state = self._state
        if not isinstance(state, Booking):
            return state
        cleaned = tuple(sorted((pid, int(n)) for pid, n in counts.items() if n > 0))
        return self._set(self._requote(replace(state, add_ons=cleaned)))

    def set_details(self, details: BookingDetails) -> State:
        """The customer's name, e-mail, the comment or an answer changed (typed by the clerk)."""
        state = self._state
        if not isinstance(state, Booking) or details == state.details:
            return state
        return self._set(self._requote(replace(state, details=details)))

    def _requote(self, state: Booking) -> Booking:
        if state.event is None or state.date is None:
            return replace(state, quote=None, refusal=None)
        try:
            quote = self._quoter(
                state.voucher,
                state.event,
                state.date,
                dict(state.participants),
                products=dict(state.add_ons),
                catalog=state.catalog or (),
                details=state.details,
            )
        except QuoteRefused as refused:
            return replace(state, quote=None, refusal=refused.refusal)
        return replace(state, quote=quote, refusal=None)

    def confirm(self, *, quiet_ms: float = math.inf) -> State:
        """The clerk confirms the shown quote; only a priced booking can be confirmed.

        `quiet_ms` is the time since the last printable key before the confirming key or
        click. Too little (see key_timing.deliberate) means the Enter ended a burst of keys -
        the next voucher's scan, or typing - not a decision: nothing changes.
        """
        state = self._state
        if not isinstance(state, AnyBooking) or state.quote is None or not deliberate(quiet_ms):
            return state
        return self._set(Redeeming(state.ticket, state.check, state.quote))

    # -- results -----------------------------------------------------------------------------

    def _awaits_answer(self, ticket: int) -> Redeeming | ResultShown | None:
        """The state a redemption's answer for ``ticket`` lands in: still redeeming, or the
        clerk stopped waiting and nothing else has been shown since."""
        state = self._state
        if not self._current(ticket):
            return None
        if isinstance(state, Redeeming):
            return state
        if isinstance(state, ResultShown) and state.stopped and state.outcome is None:
            return state if state.error is None else None
        return None

    def redeemed(self, ticket: int, outcome: RedemptionOutcome) -> State:
        waiting = self._awaits_answer(ticket)
        if waiting is None:
            return self._state
        return self._set(ResultShown(ticket, waiting.quote, outcome=outcome))

    def late_top_up(self, outcome: RedemptionOutcome, *, earlier: bool = False) -> State:
        """An earlier booking answered after the clerk had moved on ("Stop waiting", then the
        next customer), with a top-up still to collect: its result comes back, so the money
        is never forgotten. A check or a booking not yet sent gives way (it is scanned
        again); a redemption in flight or a result on screen does not (ask again later)."""
        if not leaves_top_up(outcome) or isinstance(self._state, Redeeming | ResultShown):
            return self._state
        self._ticket += 1  # answers for what gave way are dropped
        return self._set(ResultShown(self._ticket, outcome.quote, outcome=outcome, earlier=earlier))

    def undone(self, key: str) -> State:
        """The booking whose top-up is on screen to collect was cancelled (undone in the
        history before the customer paid): nothing to collect, back to scanning."""
        owed = top_up_to_collect(self._state)
        if owed is not None and owed.key == key:
            return self._set(Idle(self._ticket))
        return self._state

    def redeem_failed(self, ticket: int, error: BaseException) -> State:
        waiting = self._awaits_answer(ticket)
        if waiting is None:
            return self._state
        return self._set(ResultShown(ticket, waiting.quote, error=error))

    def stop_waiting(self) -> State:
        """The clerk stops waiting for a slow redemption: "outcome unknown" until its answer
        arrives (``redeemed``) or "Check again" settles it. Nothing is sent again."""
        state = self._state
        if not isinstance(state, Redeeming):
            return state
        return self._set(ResultShown(state.ticket, state.quote, stopped=True))

    def take_top_up(self, ticket: int) -> State:
        """The clerk confirms the top-up was collected: the result may go."""
        state = self._state
        if not self._current(ticket) or not isinstance(state, ResultShown):
            return state
        if not state.collecting:
            return state
        return self._set(replace(state, top_up_taken=True))

    def leave_top_up(self, ticket: int) -> State:
        """A top-up owed from before this start whose customer is gone: left unpaid, back to
        scanning. Only such a one: this customer's top-up is taken, or the booking undone."""
        state = self._state
        if not self._current(ticket) or not isinstance(state, ResultShown):
            return state
        if not state.collecting or not state.earlier:
            return state
        return self._set(Idle(self._ticket))

    def reconciled(self, outcomes: Sequence[RedemptionOutcome]) -> State:
        """Replace an "outcome unknown" result once reconciling has settled that entry."""
        state = self._state
        if not isinstance(state, ResultShown) or not state.unknown or state.outcome is None:
            return state
        key = state.outcome.key
        settled = next((o for o in outcomes if o.key == key), None)
        if settled is None:
            return state
        return self._set(replace(state, outcome=settled))

    def balance_checked(self, outcome: RedemptionOutcome) -> State:
        """The voucher was read after the result went on screen: if that turned the booking
        into the alarm, the result on screen (same journal key) becomes the alarm."""
        state = self._state
        if not isinstance(state, ResultShown) or state.outcome is None:
            return state
        if state.outcome.key != outcome.key or state.outcome is outcome:
            return state
        return self._set(replace(state, outcome=outcome))

    # -- leaving -----------------------------------------------------------------------------

    def back(self) -> State:
        """Esc: one step back (from the booking to its card, which keeps the choices); a
        redemption in flight and a top-up still to collect cannot be backed out of."""
        state = self._state
        if isinstance(state, AnyBooking):
            return self._set(CardShown(state.ticket, state.check, kept=state))
        if isinstance(state, Redeeming | Idle):
            return state
        return self.dismiss()

    def cancel(self) -> State:
        """Stop waiting for the current scan's answers: back to waiting, under a new ticket so
        a late answer for the old one is dropped. A redemption in flight cannot be cancelled."""
        state = self._state
        if isinstance(state, Redeeming) or (isinstance(state, ResultShown) and state.collecting):
            return state
        self._ticket += 1
        return self._set(Idle(self._ticket))

    def dismiss(self, ticket: int | None = None) -> State:
        """Back to waiting for a scan (e.g. the result's timer); stale tickets change nothing."""
        if ticket is not None and not self._current(ticket):
            return self._state
        state = self._state
        if isinstance(state, Redeeming) or (isinstance(state, ResultShown) and state.collecting):
            return state
        return self._set(Idle(self._ticket))


def _keep_or_default(current: Participants, event: Event, first_price: str | None) -> Participants:
    """Keep counts whose price exists in the new event; else one of the first price category."""
    known = {p.id for p in event.prices}
    kept = tuple((pid, n) for pid, n in current if pid in known and n > 0)
    if kept:
        return kept
    return ((first_price, 1),) if first_price is not None else ()
