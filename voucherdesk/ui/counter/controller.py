"""Connects the Qt-free counter flow to the Desk: every Desk call runs on the TaskRunner.

The GUI thread only moves the flow from state to state and emits `state_changed`; anything
that touches the network or the journal runs on a worker lane. Scans carry a ticket: answers
for an older scan are dropped by the runner and, again, by the flow.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from voucherdesk.desk.flow import (
    AnyBooking,
    Booking,
    CardShown,
    CounterFlow,
    Redeeming,
    ResultShown,
    State,
    top_up_to_collect,
)
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.pass_quote import pass_event_id
from voucherdesk.desk.screen_asks import asks_decision, chosen_date, same_decision, scan_of
from voucherdesk.desk.till import TopUpQueue
from voucherdesk.ui import wording
from voucherdesk.ui.counter.status_note import NoteScope, StatusNote

if TYPE_CHECKING:
    from voucherdesk.bookingkit.guesses import RedemptionStrategy
    from voucherdesk.bookingkit.models import Event, EventDate, Product
    from voucherdesk.desk.desk import CheckResult, Desk
    from voucherdesk.desk.journal import JournalEntry
    from voucherdesk.desk.key_timing import KeyTimeline
    from voucherdesk.desk.quote import BookingDetails
    from voucherdesk.desk.undo import UndoOutcome
    from voucherdesk.money import Money
    from voucherdesk.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)

# What a worker needs to build and send a request, alone with the interpreter (1.5-2 ms
# measured here); a clerk sees no difference in when "checking…" shows.
_REQUEST_HEAD_START_MS = 3
# One frame at 60 Hz: long enough for a result to be laid out and painted.
_FRAME_S = 1 / 60

T = TypeVar("T")


def _a_frame_later(work: Callable[[], T]) -> T:
    """On a worker: wait a frame (the interpreter is free for the GUI meanwhile), then work."""
    time.sleep(_FRAME_S)
    return work()


class _DeskSlot:
    """The controller's desk, attached once the services are open."""

    def __init__(self, desk: Desk | None) -> None:
        self.attached = desk

    @property
    def desk(self) -> Desk:
        if self.attached is None:  # scans are kept until attach, so no path gets here
            raise RuntimeError("the counter's desk is not attached yet")
        return self.attached


class CounterController(QObject):
    state_changed = Signal(object)  # flow State
    events_loaded = Signal(list)  # list[Event]
    accepting_changed = Signal(bool)  # False while open redemptions are reconciled at start
    checking_again = Signal(bool)
    notice = Signal(str)  # a short non-modal message for the status strip ("": cleared)
    scan_refused = Signal()  # a scan arrived while a redemption was on its way, or locked
    # A scan started a new customer: the screens of the last one let go of the keyboard at
    # once (their drawing comes a moment later, see _show_after_request_left).
    scan_started = Signal()
    alarms_changed = Signal(list)  # list[JournalEntry]: bookings that drew otherwise than quoted
    acknowledged = Signal(str)  # the key of an alarm just acknowledged

    def __init__(
        self,
        desk: Desk | None,
        runner: TaskRunner,
        *,
        result_delay_s: Callable[[], int] = lambda: 6,
        keys: KeyTimeline | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Without ``desk`` the controller keeps scans until one is attached (a cold start
        paints the window before the desk's services are opened, issue #13)."""
        super().__init__(parent)
        self._slot = _DeskSlot(desk)
        self._runner = runner
        self._keys = keys  # the scan capture's key timing: a confirm must be deliberate
        slot = self._slot  # the flow's quoters hold the slot, not the controller: no cycle
        self._flow = CounterFlow(
            lambda *quote_of, **choices: slot.desk.quote(*quote_of, **choices),
            ticket_quoter=lambda *ticket: slot.desk.quote_ticket(*ticket),
            pass_quoter=lambda *entries: slot.desk.quote_pass(*entries),
        )
        self._result_delay_s = result_delay_s
        self._accepting = desk is not None
        self._locked = False
        self._queued_scan: str | None = None
        self._start_notes = ""  # told with what the start-up check found
        self._alarms: list[JournalEntry] = []
        self.acknowledged_keys: set[str] = set()  # alarms acknowledged while this window ran
        self._note = StatusNote(self.notice.emit)
        self._drawn: State | None = None  # the state last handed to the window
        self._top_ups = TopUpQueue()  # to collect after the result on screen
        self._events: list[Event] = []
        self._last_event_id: str | None = None
        self._result_timer = QTimer(self)
        self._result_timer.setSingleShot(True)
        self._result_timer.timeout.connect(self._result_timeout)

    @property
    def _desk(self) -> Desk:
        return self._slot.desk

    @property
    def attached(self) -> bool:
        return self._slot.attached is not None

    def attach(self, desk: Desk) -> None:
        """The desk, once its services are open; ``start`` follows (scans wait for it)."""
        self._slot.attached = desk

    @property
    def state(self) -> State:
        return self._flow.state

    @property
    def events(self) -> list[Event]:
        """The experiences last loaded (for a rebuilt window)."""
        return list(self._events)

    @property
    def accepting(self) -> bool:
        return self._accepting

    @property
    def takes_scans(self) -> bool:
        """Whether a scan now is taken (or kept until the start-up check is done), not
        refused: unlocked, and the last customer's booking and top-up are done."""
        return not self._locked and (not self._accepting or self._flow.accepts_scans)

    @property
    def locked(self) -> bool:
        """The PIN lock screen is up (set by the window's LockGuard)."""
        return self._locked

    @locked.setter
    def locked(self, locked: bool) -> None:
        self._locked = locked
        self._note.lock(locked)

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def alarms(self) -> list[JournalEntry]:
        """Open alarms of this environment, as last read (real redemptions stop meanwhile)."""
        return list(self._alarms)

    @property
    def request_timeout_s(self) -> float:
        """How long one bookingkit request may take before the clerk is offered to stop."""
        return float(self._desk.client.timeout)

    def _show(self, state: State) -> None:
        self._enter(state)
        self._draw(state)

    def revealed(self) -> None:
        """The screen up has just come into the clerk's view (an unlock, a dialog closed, a
        new window): a booking or top-up on it takes a key only after a look, as a new one."""
        if self._keys is not None and asks_decision(self._drawn):
            self._keys.screen_shown()

    def _draw(self, state: State) -> None:
        """Have ``state`` drawn; a screen that asks for a decision (a booking, a top-up to
        collect) starts the key timeline's clock once it is up (see KeyTimeline)."""
        appeared = asks_decision(state) and not same_decision(self._drawn, state)
        self._drawn = state
        self._top_ups.drawn(state)
        self.state_changed.emit(state)
        if appeared and self._keys is not None:
            self._keys.screen_shown()
        if self._top_ups:
            self._bring_up_late_top_up()

    def _bring_up_late_top_up(self) -> None:
        """A top-up an earlier booking left, answered after the clerk moved on: its result
        comes up as soon as no other result or redemption is on screen."""
        late = self._top_ups.next()
        if late is None:
            return
        before = self._flow.state
        from_earlier = self._top_ups.from_earlier(late.key)
        state = self._flow.late_top_up(late, earlier=from_earlier)
        if state is before:
            return  # after the result on screen, or the redemption in flight
        self._top_ups.came_up(late)
        self._show(state)
        set_aside = scan_of(before)
        if set_aside is not None:  # after the drawing, which clears notes of other scans
            self.note(wording.scan_again_after_top_up(set_aside), "state")
        elif from_earlier:
            self.note(wording.top_up_not_confirmed_earlier(late.booking_code or "–"), "state")

    def _enter(self, state: State) -> None:
        """What changes with the state itself, before it is drawn: the result's timer and the
        notes that no longer apply."""
        self._result_timer.stop()
        if isinstance(state, ResultShown) and state.times_out:
            self._result_timer.start(max(1, self._result_delay_s()) * 1000)
        self._note.follow(state)

    def _show_after_request_left(self, state: State) -> None:
        """Draw ``state`` once its worker has had the interpreter to itself long enough to
        send the request (drawing at once would share it: the request left 2-3 ms later, and
        the answer came as much later). Unless the flow has moved on meanwhile."""
        self._enter(state)  # at once: no earlier result goes back to Idle meanwhile
        QTimer.singleShot(_REQUEST_HEAD_START_MS, self, lambda: self._draw_if_current(state))

    def _draw_if_current(self, state: State) -> None:
        if self._flow.state is state:
            self._draw(state)

    # -- notes ------------------------------------------------------------------------------

    @property
    def note_in_view(self) -> str:
        """The status note the strip shows now ("" when none)."""
        return self._note.in_view

    def note(self, text: str, scope: NoteScope = "ticket", *, of_pc: bool = False) -> None:
        """A short note in the status strip, cleared once it no longer applies; behind the
        lock only if ``of_pc`` (see StatusNote)."""
        flow = self._flow
        self._note.say(text, scope, ticket=flow.ticket, state=flow.state, of_pc=of_pc)

    def _for_scan(self, ticket: int) -> Callable[[], bool]:
        """Whether an answer for scan ``ticket`` is still wanted (the flow's ticket is the one
        count of scans: a newer scan or "Stop waiting" drops the older answers)."""
        return lambda: self._flow.ticket == ticket

    # -- start-up ---------------------------------------------------------------------------

    def start(self, *, start_notes: str = "") -> None:
        """Settle unfinished journal entries before the first scan is taken; ``start_notes``
        (files that could not be used, ...) are told with what the check found."""
        self._start_notes = start_notes
        self._set_accepting(False)
        self.note(wording.start_check_running(), of_pc=True)
        self._runner.run(
            self._desk.reconcile_pending,
            on_done=self._started,
            on_error=self._start_failed,
            lane="writes",
        )

    def _started(self, outcomes: list[RedemptionOutcome]) -> None:
        unknown = sum(1 for o in outcomes if o.kind == OutcomeKind.UNKNOWN)
        text = wording.start_check_done(unknown=unknown, settled=len(outcomes))
        self._set_accepting(True)  # a scan kept meanwhile is taken first: the note outlives it
        self.note(self._with_start_notes(text), of_pc=True)
        self._ask_top_ups_owed(at_start=True)
        self.refresh_alarms()

    def _ask_top_ups_owed(self, *, at_start: bool = False) -> None:
        """The journal's finished bookings whose top-up nobody confirmed as taken: settled
        just now away from their customer's screen (at start-up, by "Check again" for
        another), or on screen when VoucherDesk closed. Asked on the writes lane, after any
        "taken" still being written."""
        self._runner.run(
            self._desk.top_ups_owed,
            on_done=lambda owed: self._collect_later(owed, at_start=at_start),
            on_error=lambda exc: self.note(wording.error(exc).title, "state"),
            lane="writes",
        )

    def _collect_later(self, owed: Sequence[RedemptionOutcome], *, at_start: bool) -> None:
        """Each top-up owed comes up like a late answer (see TopUpQueue.owed)."""
        self._top_ups.owed(owed, self._flow.state, from_earlier=at_start)
        self._bring_up_late_top_up()

    def _start_failed(self, error: BaseException) -> None:
        self._set_accepting(True)
        self.note(self._with_start_notes(wording.start_check_failed(error)), of_pc=True)
        self._ask_top_ups_owed(at_start=True)  # the journal still knows what is owed
        self.refresh_alarms()

    def _with_start_notes(self, text: str) -> str:
        notes, self._start_notes = self._start_notes, ""
        return f"{text} {notes}".strip()

    def _set_accepting(self, accepting: bool) -> None:
        self._accepting = accepting
        self.accepting_changed.emit(accepting)
        if accepting and self._queued_scan is not None:
            raw, self._queued_scan = self._queued_scan, None
            self.scan(raw)

    # -- scanning ---------------------------------------------------------------------------

    def scan(self, raw: str) -> None:
        if self.locked:
            self.note(wording.scan_while_locked(), "lock")
            self.scan_refused.emit()
            return
        if not self._accepting:
            self._queued_scan = raw  # taken as soon as the start-up check is done
            self.note(wording.scan_kept())
            return
        if not self._flow.accepts_scans:
            self.note(self._scan_refusal(), "state")
            self.scan_refused.emit()
            return
        dropped = self._flow.state
        if isinstance(dropped, AnyBooking) and self._desk.reads_as(raw, dropped.check):
            # The same voucher again (the camera sees the phone come back): its booking, as
            # the clerk has set it up, stays.
            self.note(wording.already_open(dropped.check.code or dropped.check.raw), "state")
            return
        state = self._flow.scan(raw)
        ticket = state.ticket
        # Ask bookingkit first, then draw "checking…": the drawing overlaps the round trip.
        self._runner.run(
            lambda: self._desk.check(raw),
            on_done=lambda check: self._checked(ticket, check),
            on_error=lambda exc: self._show(self._flow.check_failed(ticket, exc)),
            wanted=self._for_scan(ticket),
        )
        self.scan_started.emit()
        self._show_after_request_left(state)
        if isinstance(dropped, AnyBooking):
            # The new voucher wins; the open booking was never sent, and the clerk is told.
            self.note(wording.booking_dropped(dropped.check.code or dropped.check.raw))

    def _scan_refusal(self) -> str:
        owed = top_up_to_collect(self._flow.state)
        return wording.scan_waits(owed.top_up if owed is not None else None)

    def _checked(self, ticket: int, check: CheckResult) -> None:
        state = self._flow.check_done(ticket, check)
        if isinstance(state, CardShown) and check.verdict.usable:
            state = self._flow.start_booking()
            if isinstance(state, Booking):
                self._open_booking(state)
                return
            self._show(state)
            self._load_choices(state)
            return
        self._show(state)

    def _open_booking(self, booking: Booking) -> None:
        """A voucher's new booking: the experiences and add-ons the desk read minutes ago are
        taken at once, the card and the booking are drawn once, and then the dates are asked
        for. (Waiting for them on a worker cost the customer a drawing of the booking, or two,
        before the card's balance was painted. A request started before the drawing shares
        the interpreter with it: the card came later, the dates no sooner.)"""
        ticket = booking.ticket
        catalog = self._desk.cached_products()
        events = self._desk.cached_events()
        state: State = booking
        if catalog is not None:
            state = self._flow.products_loaded(ticket, catalog)
        if events is not None:
            self._events = events
            self.events_loaded.emit(self._events)
            preferred = self._preferred_event(events)
            if preferred is not None and isinstance(state, Booking) and state.event is None:
                state = self._flow.pick_event(preferred)
        self._show(state)
        if isinstance(state, Booking) and state.loading_dates and state.event is not None:
            self._load_dates(ticket, state.event.id)
        if events is None:
            self._load_events(ticket)
        if catalog is None:
            self._load_products(ticket)

    def _load_choices(self, state: State) -> None:
        """What a fresh booking needs: the experiences (a voucher, a pass for any of them), or
        the one experience of a ticket or pass and its dates; a voucher's add-ons too."""
        if isinstance(state, Booking):
            self._load_events(state.ticket)
            self._load_products(state.ticket)  # add-ons are offered with a voucher's booking
            return
        if isinstance(state, PassBooking) and not state.fixed_event and state.event is None:
            if self._events:
                self._events_ready(state.ticket, self._events)
            else:
                self._load_events(state.ticket)
            return
        if not isinstance(state, TicketBooking | PassBooking):
            return
        if state.event is not None:
            self.refresh_dates()
            return
        event_id = (
            state.item.event_id if isinstance(state, TicketBooking) else pass_event_id(state.sold)
        )
        if event_id is None:
            return
        ticket = state.ticket
        self._runner.run(
            lambda: self._desk.event(event_id),
            on_done=lambda event: self._event_read(ticket, event),
            on_error=lambda exc: self._show(self._flow.dates_failed(ticket, event_id, exc)),
            wanted=self._for_scan(ticket),
        )

    def _event_read(self, ticket: int, event: Event) -> None:
        self._show(self._flow.event_loaded(ticket, event))
        self.refresh_dates()

    def cancel_wait(self) -> None:
        """Stop waiting for a slow check: back to scanning; a late answer is dropped."""
        self._runner.cancel_pending()
        self._show(self._flow.cancel())

    # -- booking ----------------------------------------------------------------------------

    def _load_events(self, ticket: int) -> None:
        self._runner.run(
            self._desk.events,
            on_done=lambda events: self._events_ready(ticket, events),
            on_error=lambda exc: self.note(wording.error(exc).title),
            wanted=self._for_scan(ticket),
        )

    def _load_products(self, ticket: int) -> None:
        """The add-ons, next to the experiences; without them the booking goes on as before."""
        self._runner.run(
            self._desk.products,
            on_done=lambda catalog: self._products_ready(ticket, catalog),
            on_error=lambda exc: log.info("add-on products not read: %s", exc),
            wanted=self._for_scan(ticket),
        )

    def _products_ready(self, ticket: int, catalog: list[Product]) -> None:
        self._show(self._flow.products_loaded(ticket, catalog))

    def go_on_booking(self) -> None:
        """From a usable voucher's card (after Esc) back into its booking, choices kept."""
        state = self._flow.state
        if self._locked or not isinstance(state, CardShown) or not state.check.verdict.usable:
            return
        booking = self._flow.start_booking()
        if isinstance(booking, TicketBooking | PassBooking):
            self._show(booking)
            self._load_choices(booking)
            return
        if not isinstance(booking, Booking):
            return
        self._show(booking)
        if booking.catalog is None:
            self._load_products(booking.ticket)
        if not self._events:
            self._load_events(booking.ticket)
        elif booking.event is None:
            self._events_ready(booking.ticket, self._events)
        else:
            self.refresh_dates()  # the kept date with fresh places

    def _events_ready(self, ticket: int, events: list[Event]) -> None:
        self._events = list(events)
        self.events_loaded.emit(self._events)
        state = self._flow.state
        if not isinstance(state, Booking | PassBooking):
            return
        if state.ticket != ticket or state.event is not None:
            return
        preferred = self._preferred_event(events)
        if preferred is not None:
            self.pick_event(preferred)

    def _preferred_event(self, events: Sequence[Event]) -> Event | None:
        """The experience a new booking starts with: the one booked last, else the first."""
        last = next((e for e in events if e.id == self._last_event_id), None)
        return last if last is not None else next(iter(events), None)

    def pick_event(self, event: Event | None) -> None:
        """The clerk picks an experience; None when none is picked any more (a search that
        hides the one chosen), so nothing stays priced for it."""
        state = self._flow.drop_event() if event is None else self._flow.pick_event(event)
        self._show(state)
        if isinstance(state, Booking | PassBooking) and state.loading_dates and event is not None:
            self._load_dates(state.ticket, event.id)

    def refresh_dates(self) -> None:
        state = self._flow.state
        if isinstance(state, TicketBooking) and state.event is not None:
            ticket, event = state.ticket, state.event
            self._runner.run(
                lambda: self._desk.ticket_dates(event),
                on_done=lambda dates: self._dates_loaded(ticket, event.id, dates),
                on_error=lambda exc: self._show(self._flow.dates_failed(ticket, event.id, exc)),
                wanted=self._for_scan(ticket),
            )
        elif isinstance(state, Booking | PassBooking) and state.event is not None:
            self._load_dates(state.ticket, state.event.id)

    def _load_dates(self, ticket: int, event_id: str) -> None:
        self._runner.run(
            lambda: self._desk.dates(event_id),
            on_done=lambda dates: self._dates_loaded(ticket, event_id, dates),
            on_error=lambda exc: self._show(self._flow.dates_failed(ticket, event_id, exc)),
            wanted=self._for_scan(ticket),
        )

    def _dates_loaded(self, ticket: int, event_id: str, dates: list[EventDate]) -> None:
        before = self._flow.state
        after = self._flow.dates_loaded(ticket, event_id, dates)
        self._show(after)
        if chosen_date(before) is not None and chosen_date(after) is None:
            self.note(wording.date_gone(), "state")  # nothing put in its place

    def pick_date(self, date: EventDate) -> None:
        self._show(self._flow.pick_date(date))

    def set_participants(self, counts: dict[str, int]) -> None:
        self._show(self._flow.set_participants(counts))

    def set_add_ons(self, counts: dict[str, int]) -> None:
        self._show(self._flow.set_add_ons(counts))

    def set_details(self, details: BookingDetails) -> None:
        self._show(self._flow.set_details(details))

    def choose_strategy(self, strategy: RedemptionStrategy) -> None:
        """How an open-date ticket's appointment is found."""
        self._show(self._flow.choose_strategy(strategy))

    def set_entries(self, entries: int) -> None:
        """How many entries of a pass this booking uses."""
        self._show(self._flow.set_entries(entries))

    def confirm(self) -> None:
        if self._locked:
            return  # behind the lock nothing books, whatever reaches here
        quiet = self._keys.quiet_ms if self._keys is not None else math.inf
        state = self._flow.confirm(quiet_ms=quiet)
        if not isinstance(state, Redeeming):
            haste = self._keys.haste if self._keys is not None else None
            if isinstance(state, AnyBooking) and state.can_confirm and haste is not None:
                self.note(wording.not_deliberate(haste, booking=True), "state")
            return
        self._last_event_id = state.quote.event_id
        ticket, quote = state.ticket, state.quote
        # Always wanted: a redemption's answer must arrive, even after a new scan. Sent before
        # the screen is drawn, so the drawing overlaps the round trips.
        self._runner.run(
            lambda: self._desk.redeem(quote),
            on_done=lambda outcome: self._redeemed(ticket, outcome),
            on_error=lambda exc: self._redeem_failed(ticket, exc),
            lane="writes",
        )
        self._show(state)

    def _redeemed(self, ticket: int, outcome: RedemptionOutcome) -> None:
        state = self._flow.redeemed(ticket, outcome)
        if isinstance(state, ResultShown) and state.outcome is outcome:
            self._show(state)
        else:  # the clerk scanned on meanwhile: say what became of the earlier booking
            self.note(wording.earlier_booking(outcome))
            if self._top_ups.answered_late(outcome):  # never forget the money it leaves
                self._bring_up_late_top_up()
        if outcome.kind is OutcomeKind.DONE:
            # The voucher's new balance (one more round trip). Asked for now, so it keeps its
            # place among the writes, but sent a frame later by its worker: the result's
            # layout and paint need the interpreter, and building the request meanwhile would
            # slow them down.
            self._runner.run(
                lambda: _a_frame_later(lambda: self._desk.confirm_balance(outcome)),
                on_done=self._balance_checked,
                on_error=lambda exc: None,  # unread: the order's own answer already agreed
                lane="writes",
            )
        if outcome.kind is OutcomeKind.ATTENTION or self._alarms:
            self.refresh_alarms()

    def _balance_checked(self, checked: RedemptionOutcome) -> None:
        before = self._flow.state
        after = self._flow.balance_checked(checked)
        if after is not before:
            self._show(after)  # the alarm, with its sound
        elif checked.kind is OutcomeKind.ATTENTION:
            self.note(wording.earlier_booking(checked))
        if checked.kind is OutcomeKind.ATTENTION:
            self.refresh_alarms()  # the banner, and real redemptions stop

    def _redeem_failed(self, ticket: int, error: BaseException) -> None:
        state = self._flow.redeem_failed(ticket, error)
        if isinstance(state, ResultShown) and state.error is error:
            self._show(state)
        else:
            self.note(wording.error(error).title)

    def stop_waiting(self) -> None:
        """The clerk gives up waiting for a slow booking: "outcome unknown" now; the desk
        resends nothing, and its answer replaces that screen if it is still showing."""
        if not isinstance(self._flow.state, Redeeming):
            return
        self._desk.stop_waiting()  # only sets a flag: safe on the GUI thread
        self._show(self._flow.stop_waiting())

    def _top_up_to_decide(self, *, earlier_only: bool = False) -> ResultShown | None:
        """The result whose top-up the clerk decides on now (taken, or left unpaid): none
        behind the lock, and none for a key that was not deliberate (a note says why)."""
        state = self._flow.state
        if self._locked or not isinstance(state, ResultShown) or not state.collecting:
            return None
        if earlier_only and not state.earlier:
            return None
        haste = self._keys.haste if self._keys is not None else None
        if haste is not None:
            self.note(wording.not_deliberate(haste, booking=False), "state")
            return None
        return state

    def take_top_up(self) -> None:
        """The clerk confirms the top-up was collected (a deliberate key or a click)."""
        state = self._top_up_to_decide()
        if state is None:
            return
        self._show(self._flow.take_top_up(state.ticket))
        if state.outcome is not None:
            self._journal_top_up_taken(state.outcome)

    def leave_top_up(self) -> None:
        """A top-up owed from before this start whose customer is gone: left unpaid (a
        deliberate click). The journal records who left it; the shift report lists it."""
        state = self._top_up_to_decide(earlier_only=True)
        if state is None or state.outcome is None:
            return
        after = self._flow.leave_top_up(state.ticket)
        if after is state:
            return
        outcome, clerk = state.outcome, self._desk.clerk
        self._show(after)
        self.note(wording.top_up_left(outcome.booking_code or "–", outcome.top_up), "state")
        self._runner.run(
            lambda: self._desk.top_up_left(outcome.key, by=clerk),
            on_done=lambda _none: None,
            on_error=lambda exc: self.note(wording.error(exc).title, "state"),
            lane="writes",
        )

    def _journal_top_up_taken(self, outcome: RedemptionOutcome) -> None:
        """Written down with the clerk: the shift report counts it, the next start does not
        ask for it again. A write asked for always lands (the writes lane)."""
        key, top_up, clerk = outcome.key, outcome.top_up, self._desk.clerk  # who pressed
        self._top_ups.taken(key)
        self._runner.run(
            lambda: self._desk.top_up_taken(key, by=clerk),
            on_done=lambda _none: None,
            on_error=lambda exc: self.note(wording.top_up_taken_not_written(top_up, exc)),
            lane="writes",
        )

    def top_ups_to_collect(self) -> list[Money]:
        """Every top-up still to be collected here: on screen, and answered late."""
        return self._top_ups.amounts(self._flow.state)

    def collecting_for(self, key: str) -> bool:
        """Whether the top-up of redemption ``key`` is still to be collected here: on screen,
        or answered late and waiting for the result on screen to go."""
        return self._top_ups.collecting_for(self._flow.state, key)

    def top_up_taken_elsewhere(self, key: str) -> None:
        """The history noted ``key``'s top-up as taken (its customer paid later): if it waits
        to come up here, it no longer does."""
        self._top_ups.taken(key)
        self._top_ups.release(key)

    def took_top_up(self, key: str) -> bool:
        """Whether the clerk confirmed the top-up of ``key`` in this session."""
        return self._top_ups.was_taken(key)

    def undo_answered(self, outcome: UndoOutcome, unseen_words: str | None) -> None:
        """An undo in the history was answered; ``unseen_words``: its words, when nobody sees
        the history (closed, or its window rebuilt meanwhile): said here instead."""
        if unseen_words is not None:
            self.note(unseen_words)
        self.booking_undone(outcome)

    def booking_undone(self, outcome: UndoOutcome) -> None:
        """Undone in the history: a top-up still to collect for it is collected no more; one
        taken meanwhile (while bookingkit cancelled) is to be paid back, said here too."""
        if not outcome.cancelled or outcome.top_up is None or outcome.top_up.is_zero:
            return
        code = outcome.booking_code or outcome.voucher_code or "–"
        state = self._flow.state
        if self.collecting_for(outcome.key):
            self._top_ups.release(outcome.key)
            self._show(self._flow.undone(outcome.key))
            self.note(wording.top_up_released(code, outcome.top_up), "state")
        elif (
            isinstance(state, ResultShown)
            and state.top_up_taken
            and state.outcome is not None
            and state.outcome.key == outcome.key
        ):
            self.note(wording.top_up_to_pay_back(code, outcome.top_up), "state")

    # -- results ----------------------------------------------------------------------------

    def check_again(self) -> None:
        """Ask bookingkit again about an "outcome unknown" redemption (by its reference)."""
        self.checking_again.emit(True)
        self._runner.run(
            self._desk.reconcile_pending,
            on_done=self._rechecked,
            on_error=self._recheck_failed,
            lane="writes",
        )

    def _rechecked(self, outcomes: Sequence[RedemptionOutcome]) -> None:
        self.checking_again.emit(False)
        before = self._flow.state
        after = self._flow.reconciled(outcomes)
        if after is not before:
            self._show(after)
        elif isinstance(after, ResultShown) and after.unknown:
            self.note(wording.still_unknown(), "state")
        self._ask_top_ups_owed()  # the others it settled, if they leave money

    def _recheck_failed(self, error: BaseException) -> None:
        self.checking_again.emit(False)
        self.note(wording.error(error).title, "state")

    # -- alarms -----------------------------------------------------------------------------

    def acknowledged_elsewhere(self, key: str) -> None:
        """The history acknowledged ``key``: the window follows."""
        self._acknowledged(key)

    def refresh_alarms(self) -> None:
        """Read the open alarms again (after a redemption, an acknowledgement, at start)."""
        self._runner.run(self._desk.alarms, on_done=self._alarms_read)

    def _alarms_read(self, entries: list[JournalEntry]) -> None:
        if [e.key for e in entries] == [e.key for e in self._alarms]:
            self._alarms = list(entries)
            return
        self._alarms = list(entries)
        self.alarms_changed.emit(self.alarms)

    def acknowledge(self, key: str) -> None:
        """Someone with the counter's PIN (asked for by the window) has looked at the alarm."""
        self._runner.run(
            lambda: self._desk.acknowledge(key),
            on_done=lambda _entry: self._acknowledged(key),
            on_error=lambda exc: self.note(wording.error(exc).title),
            lane="writes",
        )

    def _acknowledged(self, key: str) -> None:
        self.acknowledged_keys.add(key)
        self.note(wording.acknowledged())
        self.acknowledged.emit(key)
        self.refresh_alarms()

    def _result_timeout(self) -> None:
        state = self._flow.state
        if isinstance(state, ResultShown):
            self._show(self._flow.dismiss(state.ticket))

    def hold_result(self) -> None:
        """Keep the result on screen (a slip is being printed); a scan or Esc still ends it."""
        self._result_timer.stop()

    @property
    def result_timer_running(self) -> bool:
        """Whether the result on screen goes back to scanning by itself."""
        return self._result_timer.isActive()

    def back(self) -> None:
        """Esc: one step back (a redemption in flight stays, and so does a top-up to collect)."""
        state = self._flow.state
        if self._locked or state is not self._drawn:
            # Locked; or a scan's "checking…" not drawn yet: the Esc was meant for the screen
            # still up (the last customer's), not to cancel the scan that replaces it.
            return
        owed = top_up_to_collect(state)
        if owed is not None:
            self.note(wording.collect_first(owed.top_up), "state")
            return
        self._show(self._flow.back())
