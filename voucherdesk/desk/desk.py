"""The counter's one entry point for the UI and the CLI. Blocking: call it from worker threads.

Redemptions, reconciliation and undo run one at a time (a lock), so two clicks can never race
each other through the journal; checks and reads run in parallel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.guesses import RedemptionStrategy, open_date_ticket_matches
from voucherdesk.clock import Clock, utc_now
from voucherdesk.desk import audit_rows, reconcile
from voucherdesk.desk.audit_lane import AuditLane
from voucherdesk.desk.codes import Rejected, ScanRules, normalise, same_code, suggestions
from voucherdesk.desk.journal import ACKNOWLEDGED, EntryState, Journal, JournalEntry
from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.pass_index import PassIndex
from voucherdesk.desk.pass_quote import PassQuote, make_pass_quote
from voucherdesk.desk.pass_redeem import confirm_pass_balance, redeem_pass
from voucherdesk.desk.quote import NO_DETAILS, BookingDetails, Quote, make_quote
from voucherdesk.desk.redeem import redeem
from voucherdesk.desk.steps import RedemptionSteps, done_outcome
from voucherdesk.desk.ticket_quote import TicketQuote, make_ticket_quote
from voucherdesk.desk.ticket_redeem import redeem_ticket
from voucherdesk.desk.undo import UndoOutcome, undo
from voucherdesk.desk.venue_report import Progress, VenueReport, read_venue_report
from voucherdesk.desk.verdict import Verdict, VerdictKind, judge, judge_pass, judge_ticket

if TYPE_CHECKING:
    from voucherdesk.audit.trail import AuditTrail
    from voucherdesk.bookingkit.calls import PassCode
    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import Environment
    from voucherdesk.bookingkit.models import Event, EventDate, OpenDateTicket, Product, Voucher
    from voucherdesk.desk.any_quote import AnyQuote
    from voucherdesk.desk.voucher_index import VoucherIndex

EVENTS_CACHE_SECONDS = 300
# After a doubtful send, an order may still be on its way inside bookingkit. "No order carries
# our key" only counts as certain once the request's whole deadline has passed since it left,
# plus this many request timeouts for bookingkit to finish what reached it late.
SETTLE_MARGIN_TIMEOUTS = 1


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    """What one scan found: a value voucher (``voucher``), an open-date ticket (``ticket``) or
    a pass (``sold_pass``), judged by ``verdict``; ``event`` is the experience a ticket or a
    pass is for, when it says (None when it could not be read)."""

    raw: str
    code: str | None
    voucher: Voucher | None
    verdict: Verdict
    suggestions: tuple[str, ...] = ()
    rejected: Rejected | None = None
    ticket: OpenDateTicket | None = None
    sold_pass: SoldPass | None = None
    event: Event | None = None

    @property
    def kind(self) -> VoucherKind:
        return self.verdict.voucher_kind


@dataclass(frozen=True)
class _Found:
    """What looking beyond the voucher index found (at most one is used: voucher first)."""

    voucher_id: str | None
    sold: PassCode | None
    ticket: OpenDateTicket | None


T = TypeVar("T")


def _attempt(call: Callable[[], T]) -> tuple[T | None, errors.BookingkitError | None]:
    try:
        return call(), None
    except errors.BookingkitError as exc:
        return None, exc


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
        passes: PassIndex | None = None,
        audit: AuditTrail | None = None,
    ) -> None:
        """``passes``: the pass index (default: a file beside the journal)."""
        self.client = client
        self.audit = audit  # None: nothing is recorded (tests that build a bare desk)
        self._audit_lane = AuditLane()
        self.index = index
        self.journal = journal
        self.passes = (
            passes
            if passes is not None
            else PassIndex(journal.path.with_name("pass-index.sqlite3"))
        )
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
        self._products: tuple[datetime, list[Product]] | None = None
        self._event_by_id: dict[str, tuple[datetime, Event]] = {}
        self.clerk = None  # nobody signed in (a counter without clerks never signs anyone in)

    def close(self) -> None:
        """Write the audit rows handed over, stop the helper threads and close the index (the
        journal stays with its owner)."""
        self._audit_lane.close()
        self._steps.close()
        self.index.close()

    # --- who works at the counter -----------------------------------------------------------

    @property
    def clerk(self) -> str | None:
        """The clerk signed in now; every journal step records it (None: no clerk)."""
        return self.journal.clerk

    @clerk.setter
    def clerk(self, name: str | None) -> None:
        self.journal.clerk = name

    # --- scan -------------------------------------------------------------------------------

    def record(self, event: AuditEvent, *, clerk: str | None = None, wait: bool = True) -> None:
        """One row in the audit trail, for the clerk signed in (never raises). ``wait=False``:
        written moments later on the audit lane (a scan's or a redemption's row, so the card
        or the result is not kept waiting for it); rows keep their order either way."""
        if self.audit is not None:
            who = clerk if clerk is not None else self.clerk
            self._audit_lane.write(
                self.audit, event, clerk=who, environment=self.environment, wait=wait
            )

    def record_sign_in(self, clerk: str) -> None:
        """The staff sign-in's hook: ``clerk`` signed in at this counter."""
        self.record(audit_rows.sign(signed_in=True), clerk=clerk)

    def record_sign_out(self, clerk: str) -> None:
        self.record(audit_rows.sign(signed_in=False), clerk=clerk)

    def reads_as(self, raw: str, check: CheckResult) -> bool:
        """Whether ``raw`` is a scan of what ``check`` found: the same input, or the same code
        however spelt."""
        if raw.strip() == check.raw.strip():
            return True
        code = normalise(raw, self.rules)
        return isinstance(code, str) and check.code is not None and same_code(code, check.code)

    def check(self, raw: str) -> CheckResult:
        """normalise -> voucher index -> fresh GET -> verdict; the verdict is recorded."""
        try:
            result = self._check(raw)
        except Exception as exc:
            code = normalise(raw, self.rules)
            self.record(
                audit_rows.scan_failed(code if isinstance(code, str) else None, exc), wait=False
            )
            raise
        self.record(audit_rows.scan(result), wait=False)
        return result

    def _check(self, raw: str) -> CheckResult:
        """A code the voucher index does not know is looked for in the pass index, then (all
        at once) in the refreshed voucher and pass indexes and as an open-date ticket (guesses
        U3, U34, U28)."""
        code = normalise(raw, self.rules)
        if isinstance(code, Rejected):
            verdict = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=None, voucher=None, verdict=verdict, rejected=code)
        with self.index.serving_scan():  # a refresh running meanwhile waits for this scan
            ident = self.index.lookup(code)
        if ident is None:
            sold = self.passes.lookup(code)
            if sold is not None:
                return self._check_pass(raw, code, sold)
            found = self._look_further(code)
            if found.voucher_id is None and found.sold is not None:
                return self._check_pass(raw, code, found.sold)
            if found.voucher_id is None and found.ticket is not None:
                return self._check_ticket(raw, code, found.ticket)
            ident = found.voucher_id
        if ident is None:
            known = self.index.codes() + self.passes.codes()
            near = tuple(suggestions(code, known))
            unknown = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown, suggestions=near)
        try:
            with self.index.serving_scan():
                voucher = self.client.get_voucher(ident)
        except errors.NotFound:
            unknown = Verdict(kind=VerdictKind.UNKNOWN_CODE)
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown)
        verdict = judge(voucher, now=self._clock(), currency=self.currency)
        return CheckResult(raw=raw, code=code, voucher=voucher, verdict=verdict)

    def _look_further(self, code: str) -> _Found:
        """Refresh both indexes (a voucher or pass sold minutes ago) and ask for an open-date
        ticket, in parallel: one round trip. An error counts only when nothing was found."""

        def voucher() -> str | None:
            self.index.refresh(self.client, for_scan=True)  # this scan waits for it
            return self.index.lookup(code)

        def sold() -> PassCode | None:
            self.passes.refresh(self.client)
            return self.passes.lookup(code)

        def ticket() -> OpenDateTicket | None:
            try:
                found = self.client.get_open_date_ticket(code)
            except errors.NotFound:
                return None
            return found if open_date_ticket_matches(found.id, found.code, code) else None

        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="look") as pool:
            passes, tickets = pool.submit(sold), pool.submit(ticket)
            voucher_id, voucher_error = _attempt(voucher)
            pass_code, pass_error = _attempt(passes.result)
            found_ticket, ticket_error = _attempt(tickets.result)
        found = _Found(voucher_id, pass_code, found_ticket)
        failed = voucher_error or pass_error or ticket_error
        if failed is not None and found == _Found(None, None, None):
            raise failed
        return found

    def _check_pass(self, raw: str, code: str, sold: PassCode) -> CheckResult:
        unknown = Verdict(kind=VerdictKind.UNKNOWN_CODE)
        try:
            order = self.client.get_order(sold.order_id)
        except errors.NotFound:
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown)
        flex = order.flex_ticket(sold.pass_id)
        if flex is None:
            return CheckResult(raw=raw, code=code, voucher=None, verdict=unknown)
        found = SoldPass(flex=flex, order_id=order.id)
        offer = flex.flex_offer
        event = self._event_or_none(offer.event_id if offer is not None else None)
        return CheckResult(
            raw=raw,
            code=code,
            voucher=None,
            verdict=judge_pass(found),
            sold_pass=found,
            event=event,
        )

    def _check_ticket(self, raw: str, code: str, ticket: OpenDateTicket) -> CheckResult:
        event = self._event_or_none(ticket.event_id)
        return CheckResult(
            raw=raw,
            code=code,
            voucher=None,
            verdict=judge_ticket(ticket),
            ticket=ticket,
            event=event,
        )

    def _event_or_none(self, event_id: str | None) -> Event | None:
        """The experience for a card: a failed read leaves it out, it never fails the scan."""
        if event_id is None:
            return None
        try:
            return self.event(event_id)
        except errors.BookingkitError:
            return None

    # --- booking choices --------------------------------------------------------------------

    def events(self, match: str = "") -> list[Event]:
        cached = self.cached_events(match)
        if cached is not None:
            return cached
        now = self._clock()
        found = self.client.list_events(match=match or None)
        with self._events_lock:
            self._events[match] = (now, found)
        return list(found)

    def cached_events(self, match: str = "") -> list[Event] | None:
        """The experiences as read less than EVENTS_CACHE_SECONDS ago, or None: no request,
        so the window may ask on its own thread and draw a booking with them at once."""
        with self._events_lock:
            cached = self._events.get(match)
        return list(cached[1]) if cached is not None and self._fresh(cached[0]) else None

    def products(self) -> list[Product]:
        """The vendor's add-on products, cached like the experiences (their prices are read
        again before an order goes out)."""
        cached = self.cached_products()
        if cached is not None:
            return cached
        now = self._clock()
        found = self.client.list_products()
        with self._events_lock:
            self._products = (now, found)
        return list(found)

    def cached_products(self) -> list[Product] | None:
        """The add-on products as read less than EVENTS_CACHE_SECONDS ago, or None (no
        request, like :meth:`cached_events`)."""
        with self._events_lock:
            cached = self._products
        return list(cached[1]) if cached is not None and self._fresh(cached[0]) else None

    def _fresh(self, read_at: datetime) -> bool:
        return self._clock() - read_at < timedelta(seconds=EVENTS_CACHE_SECONDS)

    def event(self, event_id: str) -> Event:
        """One experience (cached like the list: prices are read fresh before every booking)."""
        now = self._clock()
        with self._events_lock:
            cached = self._event_by_id.get(event_id)
        if cached is not None and self._fresh(cached[0]):
            return cached[1]
        found = self.client.get_event(event_id)
        with self._events_lock:
            self._event_by_id[event_id] = (now, found)
        return found

    def dates(self, event_id: str, *, days: int = 28) -> list[EventDate]:
        now = self._clock()
        return self.client.list_dates(event_id, start=now, end=now + timedelta(days=days))

    def ticket_dates(self, event: Event, *, days: int = 28) -> list[EventDate]:
        """An open-date ticket's choices: from the appointment running now (it started up to
        the event's duration ago) to four weeks ahead, full ones included."""
        now = self._clock()
        begun = now - timedelta(minutes=event.duration or 0)
        return self.client.list_dates(event.id, start=begun, end=now + timedelta(days=days))

    def quote(
        self,
        voucher: Voucher,
        event: Event,
        date: EventDate,
        participants: Mapping[str, int],
        *,
        products: Mapping[str, int] | None = None,
        catalog: Sequence[Product] = (),
        details: BookingDetails = NO_DETAILS,
    ) -> Quote:
        return make_quote(
            voucher,
            event,
            date,
            participants,
            now=self._clock(),
            counter_currency=self.currency,
            products=products,
            catalog=catalog,
            details=details,
        )

    def quote_ticket(
        self,
        ticket: OpenDateTicket,
        event: Event,
        dates: Sequence[EventDate],
        strategy: RedemptionStrategy,
        picked: EventDate | None = None,
    ) -> TicketQuote:
        """Raises TicketRefused when bookingkit would not redeem it so."""
        return make_ticket_quote(
            ticket,
            event,
            dates,
            strategy,
            now=self._clock(),
            counter_currency=self.currency,
            picked=picked,
        )

    def quote_pass(self, sold: SoldPass, event: Event, date: EventDate, entries: int) -> PassQuote:
        """Raises PassRefused when the pass cannot pay these entries."""
        return make_pass_quote(sold, event, date, entries, now=self._clock())

    # --- writes -----------------------------------------------------------------------------

    def redeem(self, quote: AnyQuote) -> RedemptionOutcome:
        """Redeem a value voucher, an open-date ticket or a pass, journalled first."""
        with self._write_lock:
            self._steps.stopped.clear()
            if isinstance(quote, TicketQuote):
                outcome = redeem_ticket(
                    self._steps, quote, self.counter_id, counter_currency=self.currency
                )
            elif isinstance(quote, PassQuote):
                outcome = redeem_pass(
                    self._steps, quote, self.counter_id, counter_currency=self.currency
                )
            else:
                outcome = redeem(self._steps, quote, self.counter_id)
            self.record(audit_rows.redemption(outcome), wait=False)
        if outcome.kind is OutcomeKind.REQUOTE:
            with self._events_lock:  # the next quote must see bookingkit's current prices
                self._events.clear()
                self._products = None
        return outcome

    def confirm_balance(self, outcome: RedemptionOutcome) -> RedemptionOutcome:
        """Read the voucher after a booked result is on screen: ``outcome`` as it was, or the
        alarm when the balance is not what the booking left (real redemptions then stop).
        A pass's entries are checked alike; an open-date ticket has no balance."""
        with self._write_lock:
            if isinstance(outcome.quote, PassQuote):
                checked = confirm_pass_balance(self._steps, outcome)
            else:
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
            self._steps.stopped.clear()  # a stop was for the redemption in flight then, not this
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
            done = self.journal.mark(entry, EntryState.DONE, note=f"{ACKNOWLEDGED}{entry.note}")
            self.record(audit_rows.acknowledge(entry, done))
            return done

    def top_up_taken(self, key: str, *, by: str | None) -> None:
        """Clerk ``by`` (signed in when they confirmed it: the write may wait behind others)
        collected the top-up of ``key``: journaled, and an audit row the first time.
        KeyError for an unknown key."""
        with self._write_lock:
            if self.journal.top_up_taken(key, by):
                self.record(audit_rows.top_up_taken(self.journal.get(key)), clerk=by)

    def top_up_left(self, key: str, *, by: str | None) -> None:
        """Clerk ``by`` left the top-up of ``key`` unpaid (owed from an earlier run, its
        customer gone): journaled, and an audit row the first time."""
        with self._write_lock:
            if self.journal.top_up_left(key, by):
                self.record(audit_rows.top_up_left(self.journal.get(key)), clerk=by)

    def top_ups_owed(self) -> list[RedemptionOutcome]:
        """This PC's bookings whose top-up nobody confirmed as taken (VoucherDesk closed while
        it was on screen): their results, to bring up to collect."""
        return [
            done_outcome(entry, entry.quote, entry.top_up_method or self._steps.top_up_method)
            for entry in self.journal.top_ups_owed(self.environment)
            if entry.kind is VoucherKind.VALUE_VOUCHER
        ]

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
