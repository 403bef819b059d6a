"""Connects the Qt-free counter flow to the Desk: every Desk call runs on the TaskRunner.

The GUI thread only moves the flow from state to state and emits `state_changed`; anything
that touches the network or the journal runs on a worker lane. Scans carry a ticket: answers
for an older scan are dropped by the runner and, again, by the flow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from voucherdesk.bookingkit.models import Event, EventDate
from voucherdesk.desk.desk import CheckResult, Desk
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CounterFlow,
    Redeeming,
    ResultShown,
    State,
)
from voucherdesk.desk.key_timing import KeyTimeline, deliberate
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common.tasks import TaskRunner


class CounterController(QObject):
    state_changed = Signal(object)  # flow State
    events_loaded = Signal(list)  # list[Event]
    accepting_changed = Signal(bool)  # False while open redemptions are reconciled at start
    checking_again = Signal(bool)
    notice = Signal(str)  # a short non-modal message for the status strip
    scan_refused = Signal()  # a scan arrived while a redemption was on its way, or locked

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        *,
        result_delay_s: Callable[[], int] = lambda: 6,
        keys: KeyTimeline | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._keys = keys  # the scan capture's key timing: a confirm must be deliberate
        self._flow = CounterFlow(desk.quote)
        self._result_delay_s = result_delay_s
        self._accepting = True
        self.locked = False  # the PIN lock screen is up (set by the window's LockGuard)
        self._queued_scan: str | None = None
        self._events: list[Event] = []
        self._last_event_id: str | None = None
        self._result_timer = QTimer(self)
        self._result_timer.setSingleShot(True)
        self._result_timer.timeout.connect(self._result_timeout)

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

    def _show(self, state: State) -> None:
        self._result_timer.stop()
        if isinstance(state, ResultShown) and not state.unknown:
            self._result_timer.start(max(1, self._result_delay_s()) * 1000)
        self.state_changed.emit(state)

    def _for_scan(self, ticket: int) -> Callable[[], bool]:
        """Whether an answer for scan ``ticket`` is still wanted (the flow's ticket is the one
        count of scans: a newer scan or "Stop waiting" drops the older answers)."""
        return lambda: self._flow.ticket == ticket

    # -- start-up ---------------------------------------------------------------------------

    def start(self) -> None:
        """Settle unfinished journal entries before the first scan is taken."""
        self._set_accepting(False)
        self.notice.emit(QCoreApplication.translate("Controller", "Checking open redemptions…"))
        self._runner.run(
            self._desk.reconcile_pending,
            on_done=self._started,
            on_error=self._start_failed,
            lane="writes",
        )

    def _started(self, outcomes: list[RedemptionOutcome]) -> None:
        open_ones = sum(1 for o in outcomes if o.kind == OutcomeKind.UNKNOWN)
        if open_ones:
            text = fill(
                QCoreApplication.translate(
                    "Controller",
                    "Earlier redemptions still unknown: {count}. See History before booking again.",
                ),
                count=str(open_ones),
            )
        elif outcomes:
            text = fill(
                QCoreApplication.translate("Controller", "Open redemptions settled: {count}."),
                count=str(len(outcomes)),
            )
        else:
            text = ""
        self.notice.emit(text)
        self._set_accepting(True)

    def _start_failed(self, error: BaseException) -> None:
        words = wording.error(error)
        self.notice.emit(
            fill(
                QCoreApplication.translate("Controller", "Open redemptions not checked: {problem}"),
                problem=words.title,
            )
        )
        self._set_accepting(True)

    def _set_accepting(self, accepting: bool) -> None:
        self._accepting = accepting
        self.accepting_changed.emit(accepting)
        if accepting and self._queued_scan is not None:
            raw, self._queued_scan = self._queued_scan, None
            self.scan(raw)

    # -- scanning ---------------------------------------------------------------------------

    def scan(self, raw: str) -> None:
        if self.locked:
            self.notice.emit(
                QCoreApplication.translate("Controller", "Locked — enter the PIN first")
            )
            self.scan_refused.emit()
            return
        if not self._accepting:
            self._queued_scan = raw  # taken as soon as the start-up check is done
            self.notice.emit(
                QCoreApplication.translate("Controller", "Scan received: checked in a moment.")
            )
            return
        if not self._flow.accepts_scans:
            self.notice.emit(
                QCoreApplication.translate(
                    "Controller",
                    "Still booking for the previous customer: scan again when its result shows.",
                )
            )
            self.scan_refused.emit()
            return
        dropped = self._flow.state
        state = self._flow.scan(raw)
        ticket = state.ticket
        # Ask bookingkit first, then draw "checking…": the drawing overlaps the round trip.
        self._runner.run(
            lambda: self._desk.check(raw),
            on_done=lambda check: self._checked(ticket, check),
            on_error=lambda exc: self._show(self._flow.check_failed(ticket, exc)),
            wanted=self._for_scan(ticket),
        )
        self._show(state)
        if isinstance(dropped, Booking):
            # The new voucher wins; the open booking was never sent, and the clerk is told.
            self.notice.emit(
                fill(
                    QCoreApplication.translate(
                        "Controller", "Booking for {code} dropped: nothing booked."
                    ),
                    code=dropped.check.code or dropped.check.raw,
                )
            )

    def _checked(self, ticket: int, check: CheckResult) -> None:
        state = self._flow.check_done(ticket, check)
        if isinstance(state, CardShown) and check.verdict.usable:
            state = self._flow.start_booking()
            self._show(state)
            self._load_events(ticket)
            return
        self._show(state)

    def cancel_wait(self) -> None:
        """Stop waiting for a slow check: back to scanning; a late answer is dropped."""
        self._runner.cancel_pending()
        self._show(self._flow.cancel())

    # -- booking ----------------------------------------------------------------------------

    def _load_events(self, ticket: int) -> None:
        self._runner.run(
            self._desk.events,
            on_done=lambda events: self._events_ready(ticket, events),
            on_error=lambda exc: self.notice.emit(wording.error(exc).title),
            wanted=self._for_scan(ticket),
        )

    def _events_ready(self, ticket: int, events: list[Event]) -> None:
        self._events = list(events)
        self.events_loaded.emit(self._events)
        state = self._flow.state
        if not isinstance(state, Booking) or state.ticket != ticket or state.event is not None:
            return
        preferred = next((e for e in events if e.id == self._last_event_id), None)
        if preferred is None and events:
            preferred = events[0]
        if preferred is not None:
            self.pick_event(preferred)

    def pick_event(self, event: Event) -> None:
        state = self._flow.pick_event(event)
        self._show(state)
        if isinstance(state, Booking) and state.loading_dates:
            self._load_dates(state.ticket, event.id)

    def refresh_dates(self) -> None:
        state = self._flow.state
        if isinstance(state, Booking) and state.event is not None:
            self._load_dates(state.ticket, state.event.id)

    def _load_dates(self, ticket: int, event_id: str) -> None:
        self._runner.run(
            lambda: self._desk.dates(event_id),
            on_done=lambda dates: self._show(self._flow.dates_loaded(ticket, event_id, dates)),
            on_error=lambda exc: self._show(self._flow.dates_failed(ticket, event_id, exc)),
            wanted=self._for_scan(ticket),
        )

    def pick_date(self, date: EventDate) -> None:
        self._show(self._flow.pick_date(date))

    def set_participants(self, counts: dict[str, int]) -> None:
        self._show(self._flow.set_participants(counts))

    def confirm(self) -> None:
        quiet = self._keys.quiet_ms if self._keys is not None else math.inf
        state = self._flow.confirm(quiet_ms=quiet)
        if not isinstance(state, Redeeming):
            if isinstance(state, Booking) and state.can_confirm and not deliberate(quiet):
                self.notice.emit(
                    QCoreApplication.translate(
                        "Controller", "Not booked: Enter came too soon after a key."
                    )
                )
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
        if outcome.kind is OutcomeKind.DONE:
            # The voucher's new balance (one more round trip), read while the result is drawn.
            self._runner.run(
                lambda: self._desk.confirm_balance(outcome),
                on_done=self._balance_checked,
                on_error=lambda exc: None,  # unread: the order's own answer already agreed
                lane="writes",
            )
        state = self._flow.redeemed(ticket, outcome)
        if isinstance(state, ResultShown) and state.outcome is outcome:
            self._show(state)
        else:  # the clerk scanned on meanwhile: say what became of the earlier booking
            self.notice.emit(self._late_note(outcome))

    def _balance_checked(self, checked: RedemptionOutcome) -> None:
        before = self._flow.state
        after = self._flow.balance_checked(checked)
        if after is not before:
            self._show(after)  # the alarm, with its sound
        elif checked.kind is OutcomeKind.ATTENTION:
            self.notice.emit(self._late_note(checked))

    def _redeem_failed(self, ticket: int, error: BaseException) -> None:
        state = self._flow.redeem_failed(ticket, error)
        if isinstance(state, ResultShown) and state.error is error:
            self._show(state)
        else:
            self.notice.emit(wording.error(error).title)

    @staticmethod
    def _late_note(outcome: RedemptionOutcome) -> str:
        words = wording.outcome(outcome)
        code = f" {outcome.booking_code}" if outcome.booking_code else ""
        return (
            fill(
                QCoreApplication.translate("Controller", "Earlier booking: {result}"),
                result=words.title,
            )
            + code
        )

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
            self.notice.emit(
                QCoreApplication.translate("Controller", "Still unknown. Try again in a moment.")
            )

    def _recheck_failed(self, error: BaseException) -> None:
        self.checking_again.emit(False)
        self.notice.emit(wording.error(error).title)

    def _result_timeout(self) -> None:
        state = self._flow.state
        if isinstance(state, ResultShown):
            self._show(self._flow.dismiss(state.ticket))

    def hold_result(self) -> None:
        """Keep the result on screen (a slip is being printed); a scan or Esc still ends it."""
        self._result_timer.stop()

    def back(self) -> None:
        """Esc: one step back (a redemption in flight stays)."""
        self._show(self._flow.back())
