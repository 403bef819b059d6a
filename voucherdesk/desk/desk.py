"""The counter's one entry point for the UI and the CLI. Blocking: call it from worker threads.

Redemptions, reconciliation and undo run one at a time (a lock), so two clicks can never race
each other through the journal; checks and reads run in parallel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.audit.trail import AuditTrail
from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.models import Event, EventDate, Voucher
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk import audit_rows, reconcile
from voucherdesk.desk.codes import Rejected, ScanRules, normalise, suggestions
from voucherdesk.desk.journal import EntryState, Journal, JournalEntry
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.quote import Quote, make_quote
from voucherdesk.desk.redeem import redeem
from voucherdesk.desk.steps import RedemptionSteps
from voucherdesk.desk.undo import UndoOutcome, undo
from voucherdesk.desk.venue_report import Progress, VenueReport, read_venue_report
from voucherdesk.desk.verdict import Verdict, VerdictKind, judge
from voucherdesk.desk.voucher_index import VoucherIndex

EVENTS_CACHE_SECONDS = 300
# After a doubtful send, an order may still be on its way inside bookingkit. "No order carries
# our key" only counts as certain once the request's whole deadline has passed since it left,
# plus this many request timeouts for bookingkit to finish what reached it late.
SETTLE_MARGIN_TIMEOUTS = 1


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    raw: str
    code: str | None
    voucher: Voucher | None
    verdict: Verdict
    suggestions: tuple[str, ...] = ()
    rejected: Rejected | None = None


class Desk:
    def __init__(
        self,
        client: BookingkitClient,
        index: VoucherIndex,
        journal: Journal,
        *,
        rules: ScanRules,
        currency: str,
        counter_id: str,
        top_up_method: str = "Cash",
        order_language: str = "de",
        clock: Clock = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        audit: AuditTrail | None = None,
    ) -> None:
        self.client = client
        self.audit = audit  # None: nothing is recorded (tests that build a bare desk)
        self.index = index
        self.journal = journal
        self.rules = rules
        self.currency = currency.upper()
        self.counter_id = counter_id
        self._clock = clock
        self._steps = RedemptionSteps(
            client,
            journal,
            top_up_method=top_up_method,
            clock=clock,
            settle_window=client.deadline + SETTLE_MARGIN_TIMEOUTS * client.timeout,
            order_language=order_language,
            monotonic=monotonic,
        )
        self._write_lock = threading.Lock()
        self._events_lock = threading.Lock()
        self._events: dict[str, tuple[datetime, list[Event]]] = {}
        self.clerk = None  # nobody signed in (a counter without clerks never signs anyone in)

    # --- who works at the counter -----------------------------------------------------------

    @property
    def clerk(self) -> str | None:
        """The clerk signed in now; every journal step records it (None: no clerk)."""
        return self.journal.clerk

    @clerk.setter
    def clerk(self, name: str | None) -> None:
        self.journal.clerk = name

    # --- scan -------------------------------------------------------------------------------

    def record(self, event: AuditEvent, *, clerk: str | None = None) -> None:
        """One row in the audit trail, for the clerk signed in (never raises)."""
        if self.audit is not None:
            who = clerk if clerk is not None else self.clerk
            self.audit.record(event, clerk=who, environment=self.environment)

    def record_sign_in(self, clerk: str) -> None:
        """The staff sign-in's hook: ``clerk`` signed in at this counter."""
        self.record(audit_rows.sign(signed_in=True), clerk=clerk)

    def record_sign_out(self, clerk: str) -> None:
        self.record(audit_rows.sign(signed_in=False), clerk=clerk)

    def check(self, raw: str) -> CheckResult:
        """normalise -> local index -> fresh GET -> verdict; the verdict is recorded."""
        try:
            result = self._check(raw)
        except Exception as exc:
            code = normalise(raw, self.rules)
            self.record(audit_rows.scan_failed(code if isinstance(code, str) else None, exc))
            raise
        self.record(audit_rows.scan(result))
        return result

    def _check(self, raw: str) -> CheckResult:
        code = normalise(raw, self.rules)
        if isinstance(code, Rejected):
            verdict = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=None, voucher=None, verdict=verdict, rejected=code)
        ident = self.index.lookup(code)
        if ident is None:
            self.index.refresh(self.client)  # a voucher sold minutes ago is not indexed yet
            ident = self.index.lookup(code)
        if ident is None:
            near = tuple(suggestions(code, self.index.codes()))
            unknown = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown, suggestions=near)
        try:
            voucher = self.client.get_voucher(ident)
        except errors.NotFound:
            unknown = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown)
        verdict = judge(voucher, now=self._clock(), currency=self.currency)
        return CheckResult(raw=raw, code=code, voucher=voucher, verdict=verdict)

    # --- booking choices --------------------------------------------------------------------

    def events(self, match: str = "") -> list[Event]:
        now = self._clock()
        with self._events_lock:
            cached = self._events.get(match)
            if cached is not None and now - cached[0] < timedelta(seconds=EVENTS_CACHE_SECONDS):
                return list(cached[1])
        found = self.client.list_events(match=match or None)
        with self._events_lock:
            self._events[match] = (now, found)
        return list(found)

    def dates(self, event_id: str, *, days: int = 28) -> list[EventDate]:
        now = self._clock()
        return self.client.list_dates(event_id, start=now, end=now + timedelta(days=days))

    def quote(
        self, voucher: Voucher, event: Event, date: EventDate, participants: Mapping[str, int]
    ) -> Quote:
        return make_quote(
            voucher, event, date, participants, now=self._clock(), counter_currency=self.currency
        )

    # --- writes -----------------------------------------------------------------------------

    def redeem(self, quote: Quote) -> RedemptionOutcome:
        with self._write_lock:
            self._steps.stopped.clear()
            outcome = redeem(self._steps, quote, self.counter_id)
            self.record(audit_rows.redemption(outcome))
        if outcome.kind is OutcomeKind.REQUOTE:
            with self._events_lock:  # the next quote must see bookingkit's current prices
                self._events.clear()
        return outcome

    def confirm_balance(self, outcome: RedemptionOutcome) -> RedemptionOutcome:
        """Read the voucher after a booked result is on screen: ``outcome`` as it was, or the
        alarm when the balance is not what the booking left (real redemptions then stop)."""
        with self._write_lock:
            checked = self._steps.confirm_balance(outcome)
            if checked is not outcome:  # the balance disagreed: the alarm is recorded
                self.record(audit_rows.redemption(checked, RowKind.BALANCE_CHECK))
            return checked

    def stop_waiting(self) -> None:
        """The clerk stops waiting for the redemption in flight (any thread): it waits no
        longer for a doubtful answer and resends nothing; its entry stays open for "Check
        again" or the next start. A request already on the wire still ends by its deadline."""
        self._steps.stopped.set()

    def reconcile_pending(self) -> list[RedemptionOutcome]:
        with self._write_lock:
            outcomes = reconcile.reconcile_pending(self._steps)
            for outcome in outcomes:
                self.record(audit_rows.redemption(outcome, RowKind.RECONCILE))
            return outcomes

    def undo(self, key: str) -> UndoOutcome:
        with self._write_lock:
            outcome = undo(self._steps, key, self.counter_id)
            self.record(audit_rows.undo(outcome))
            return outcome

    def acknowledge(self, key: str) -> JournalEntry:
        """A person has looked at a booking that drew otherwise than quoted (the edges ask for
        the counter's PIN first): real redemptions go on."""
        with self._write_lock:
            entry = self.journal.get(key)
            if entry.state is not EntryState.ATTENTION:
                return entry
            done = self.journal.mark(entry, EntryState.DONE, note=f"acknowledged: {entry.note}")
            self.record(audit_rows.acknowledge(entry, done))
            return done

    def alarms(self) -> list[JournalEntry]:
        return self.journal.alarms(self.environment)

    # --- the journal's environments ---------------------------------------------------------

    @property
    def environment(self) -> Environment:
        return self.client.environment

    def other_environments(self) -> list[JournalEntry]:
        """Open entries sent to another bookingkit, or to one not recorded: listed apart."""
        return self.journal.other_environments(self.environment)

    def assign_environment(self, key: str | None = None) -> int:
        """An admin's decision: entries without a recorded environment belong to this one."""
        with self._write_lock:
            return self.journal.assign_environment(self.environment, key)

    def history(self, day: date | None = None, search: str = "") -> list[JournalEntry]:
        return self.journal.list(day, search, self.environment)

    def venue_report(
        self, day: date, on_page: Callable[[Progress], None] = lambda _progress: None
    ) -> VenueReport:
        """Every counter's voucher orders of ``day``, read from bookingkit (read-only)."""
        return read_venue_report(
            self.client,
            day=day,
            counter_id=self.counter_id,
            currency=self.currency,
            on_page=on_page,
        )
