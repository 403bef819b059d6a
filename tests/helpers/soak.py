"""The soak test's parts: the world it books in, the chaos it makes, and the final reckoning.

Two counters (``helpers.soak_desk``), each in its own process with its own API client and
journal, redeem against one stand-in on loopback. Meanwhile the chaos loop injects one random
fault at a time into the stand-in's fault plan (every kind, on every step of a redemption),
lets tokens run out, steps the stand-in's clock, and SIGKILLs a counter now and then and
starts it again (it reconciles first). At the end the faults stop, both counters settle what
is open, and :func:`reckon` compares both journals, what the counters reported and
bookingkit's orders, payments and vouchers.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.guesses import VOUCHER_PAYMENT_METHOD
from voucherdesk.desk.journal import EntryState, Journal, JournalEntry
from voucherdesk.standin import Fault, FaultPlan, StandinServer

TESTS_DIR = Path(__file__).resolve().parent.parent
COUNTERS = ("till-a", "till-b")
TOP_UP_METHODS = ("Cash", "ThirdParty")

# Voucher balances: small ones need a top-up, 10.005 must be drawn as 10.00 (never rounded up).
BALANCES = tuple(
    Decimal(v)
    for v in ("5.00", "10.005", "12.50", "20.00", "29.99", "30.00", "45.55", "60.00", "100.00")
)
HOT_BALANCE = Decimal("3000.00")  # spent by both counters all the time
HOT_VOUCHERS = 6

# (method, path) of every step of a redemption, an undo and a sign-in, with a weight: the
# writes and the lookups that settle them get more faults.
STEPS: tuple[tuple[str, str, int], ...] = (
    ("POST", "/oauth/token", 1),
    ("GET", "/v3/vouchers/*", 2),
    ("GET", "/v3/events/*", 1),
    ("GET", "/v3/dates/*", 1),
    ("POST", "/v3/orders", 4),
    ("GET", "/v3/orders", 2),  # the lookup by external reference
    ("GET", "/v3/orders/*", 2),  # an order, or its payments
    ("POST", "/v3/orders/*/payments", 4),
    ("PATCH", "/v3/orders/*", 1),  # the undo's cancel
)
KINDS = (
    "error",
    "rate_limit",
    "malformed",
    "drop_before",
    "drop_after_commit",
    "error_after_commit",
    "delay_after_commit",
    "latency",
)
# A lost token answer leaves a token this counter never saw, and bookingkit refuses another
# for an hour (42901): real, but it stops the counter rather than testing the money path.
TOKEN_KINDS = ("error", "rate_limit", "drop_before", "latency")


class CountingFaultPlan(FaultPlan):
    """The stand-in's fault plan, counting the faults that actually fired."""

    def __init__(self) -> None:
        super().__init__()
        self.fired: Counter[str] = Counter()
        self.fired_on: Counter[str] = Counter()
        self._count_lock = threading.Lock()

    def take(self, method: str, path: str) -> Fault | None:
        fault = super().take(method, path)
        if fault is not None:
            with self._count_lock:
                self.fired[fault.kind] += 1
                self.fired_on[f"{fault.method} {fault.path}"] += 1
        return fault


@dataclass
class World:
    """What the counters book: vouchers (with their first balance) and events."""

    initial: dict[str, Decimal]
    pool: list[str]
    hot: list[str]
    events: list[dict[str, Any]]


def build_world(server: StandinServer, redemptions: int, rng: random.Random) -> World:
    state = server.state
    when = state.now() + timedelta(days=3)
    events = []
    for title, prices in (
        ("Harbour Tour", [("Adult", Decimal("30.00")), ("Child", Decimal("12.50"))]),
        ("Canoe Trip", [("Senior", Decimal("19.99")), ("Family", Decimal("64.90"))]),
    ):
        event_id = state.add_event(title, prices)
        date_id = state.add_date(event_id, when, 10**7)
        price_ids = [str(p["id"]) for p in state.event(event_id)["prices"]]
        events.append({"event_id": event_id, "date_id": date_id, "price_ids": price_ids})
    initial: dict[str, Decimal] = {}
    pool = []
    # Vouchers in proportion to the redemptions: a long soak must keep redeeming, not end in
    # vouchers spent long ago (each refused quote costs three reads and no redemption).
    for i in range(max(30, redemptions)):
        balance = rng.choice(BALANCES)
        vid = state.add_voucher(f"SOAK-{i:05d}", balance)
        initial[vid] = balance
        pool.append(vid)
    hot = []
    hot_balance = HOT_BALANCE * max(1, redemptions // 150)
    for i in range(HOT_VOUCHERS):
        vid = state.add_voucher(f"HOT-{i:02d}", hot_balance)
        initial[vid] = hot_balance
        hot.append(vid)
    return World(initial=initial, pool=pool, hot=hot, events=events)


@dataclass
class Line:
    counter: str
    generation: int
    data: dict[str, Any]


class DeskProcess:
    """One counter: its process (restarted after each kill) and everything it printed."""

    def __init__(self, counter: str, home: Path, plan: Path, quota: int, seed: int) -> None:
        self.counter = counter
        self.home = home
        self.plan = plan
        self.quota = quota
        self.seed = seed
        self.generation = 0
        self.proc: subprocess.Popen[str] | None = None
        self.lines: list[Line] = []
        self.finished = False
        self._readers: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._stderr: IO[str] | None = None

    def progress(self) -> int:
        """What the running process has done since it started: a counter is killed only after
        it got somewhere, so a slow start on a busy machine is never killed over and over."""
        done = ("outcome", "reconciled", "undo", "read_failed", "skipped")
        with self._lock:
            return sum(
                1
                for ln in self.lines
                if ln.generation == self.generation and ln.data["phase"] in done
            )

    def ended(self) -> int:
        """Redemptions that ended with an outcome the clerk saw (or a desk error)."""
        with self._lock:
            return sum(1 for ln in self.lines if ln.data["phase"] in ("outcome", "error"))

    def start(self, rng: random.Random, *, settle: bool = False) -> None:
        self.generation += 1
        method = rng.choice(TOP_UP_METHODS)  # a restart may come with another setting
        args = [
            str(self.plan),
            str(self.home),
            self.counter,
            str(max(0, self.quota - self.ended())),
            str(self.seed * 1000 + self.generation),
            method,
        ]
        if settle:
            args.append("--settle")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(TESTS_DIR), str(TESTS_DIR.parent), env.get("PYTHONPATH", "")]
        )
        self.home.mkdir(parents=True, exist_ok=True)
        if self._stderr is not None:
            self._stderr.close()
        self._stderr = open(self.home / f"stderr-{self.generation}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "helpers.soak_desk", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=env,
            cwd=TESTS_DIR,
        )
        self.proc = proc
        reader = threading.Thread(target=self._read, args=(proc, self.generation), daemon=True)
        reader.start()
        self._readers.append(reader)

    def _read(self, proc: subprocess.Popen[str], generation: int) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            try:
                data = json.loads(raw)
            except ValueError:
                continue  # a line cut by SIGKILL
            with self._lock:
                self.lines.append(Line(self.counter, generation, data))
                if data["phase"] == "finished":
                    self.finished = True

    def kill(self) -> None:
        """SIGKILL (TerminateProcess on Windows): no clean-up of any kind in the counter."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.join_readers()

    def join_readers(self) -> None:
        for reader in self._readers:
            reader.join(timeout=10)
        self._readers = [r for r in self._readers if r.is_alive()]

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stderr_tail(self) -> str:
        path = self.home / f"stderr-{self.generation}.log"
        return path.read_text("utf-8", "replace")[-3000:] if path.exists() else ""

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.join_readers()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


@dataclass
class Chaos:
    """What the chaos loop did, besides the faults the plan counts itself."""

    kills: int = 0
    token_expiries: int = 0
    standin_clock_steps: int = 0
    faults_added: int = 0
    plan_cleared: int = 0


class FaultBag:
    """Fault kinds drawn without putting back: every kind comes once in each round of
    eight, so a short run (a quiet machine does the 150 in about 5 s) still fires them all."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._left: list[str] = []

    def next_kind(self) -> str:
        if not self._left:
            self._left = list(KINDS)
            self._rng.shuffle(self._left)
        return self._left.pop()


def _random_fault(rng: random.Random, kind: str) -> Fault:
    steps = [step for step in STEPS if kind in TOKEN_KINDS or step[1] != "/oauth/token"]
    method, path, _ = rng.choices(steps, weights=[w for *_, w in steps])[0]
    seconds = 0.0
    if kind == "latency":
        # Up to 0.5 s: past the client's 0.3 s timeout, but within the settle window, as
        # bookingkit is assumed to finish what reached it within one deadline and a timeout.
        seconds = rng.uniform(0.05, 0.2 if path == "/oauth/token" else 0.5)
    elif kind == "delay_after_commit":
        seconds = rng.uniform(0.35, 1.5)  # stored at once, answered after the client gave up
    status = rng.choice((500, 502, 503)) if kind in ("error", "error_after_commit") else 500
    return Fault(kind, method=method, path=path, status=status, seconds=seconds)


@dataclass
class Every:
    """A chaos event due after some seconds or some ended redemptions, whichever comes first:
    a quiet machine runs the 150 in under 3 s, a busy one takes a minute, and the test wants
    every kind of trouble in both."""

    seconds: tuple[float, float]
    redemptions: tuple[int, int]
    at: float = 0.0
    after: int = 0

    def again(self, rng: random.Random, now: float, ended: int) -> None:
        self.at = now + rng.uniform(*self.seconds)
        self.after = ended + rng.randint(*self.redemptions)

    def soon(self, now: float, ended: int) -> None:
        """Not possible yet (nobody signed in, nobody to kill): try again shortly."""
        self.at = now + 0.2
        self.after = ended + 1

    def due(self, now: float, ended: int) -> bool:
        return now >= self.at or ended >= self.after


def run_chaos(
    server: StandinServer,
    desks: list[DeskProcess],
    rng: random.Random,
    *,
    fault_every: float,
    kill_every: float,
    time_limit: float,
) -> Chaos:
    """Make trouble until every counter has finished its redemptions; kills and restarts."""
    chaos = Chaos()
    kinds = FaultBag(rng)
    plan = server.faults
    state = server.state
    started = time.monotonic()
    fault = Every((0.5 * fault_every, 1.5 * fault_every), (2, 5))
    kill = Every((0.5 * kill_every, 1.5 * kill_every), (15, 40))
    expiry = Every((3, 9), (15, 40))
    clock = Every((4, 10), (15, 40))
    # The first of each comes early, so a short run has them all.
    kill.at, kill.after = started + rng.uniform(0.25, 1) * kill_every, rng.randint(3, 15)
    expiry.at, expiry.after = started + rng.uniform(0.5, 2), rng.randint(3, 20)
    clock.at, clock.after = started + rng.uniform(1, 3), rng.randint(3, 20)
    next_clear = started + 5
    offset = 0  # the stand-in's clock offset, seconds
    while not all(d.finished for d in desks):
        now = time.monotonic()
        if now - started > time_limit:
            raise AssertionError(f"the soak did not finish within {time_limit:.0f} s")
        for desk in desks:
            if not desk.finished and not desk.running():
                desk.join_readers()
                if not desk.finished:
                    code = desk.proc.returncode if desk.proc else None
                    raise AssertionError(
                        f"{desk.counter} ended by itself (exit {code}):\n{desk.stderr_tail()}"
                    )
        ended = sum(desk.ended() for desk in desks)
        if fault.due(now, ended):
            plan.add(_random_fault(rng, kinds.next_kind()))
            chaos.faults_added += 1
            fault.again(rng, now, ended)
        if now >= next_clear:
            # A fault on a rare step (an undo's cancel) may wait long for its request; keep
            # the plan short so the faults stay spread over every step.
            if len(plan.pending()) > 6:
                plan.clear()
                chaos.plan_cleared += 1
            next_clear = now + 5
        if expiry.due(now, ended):
            # Every counter's token runs out at once; counted only when a live token ended.
            if state.expire_tokens():
                chaos.token_expiries += 1
                expiry.again(rng, now, ended)
            else:
                expiry.soon(now, ended)
        if clock.due(now, ended):
            # bookingkit's clock steps (the stand-in's only); +/- 70 minutes also moves
            # every token's end past or back over "now".
            offset = rng.choice([s for s in (-4200, -600, 0, 600, 4200) if s != offset])
            state.set_clock_offset(timedelta(seconds=offset))
            chaos.standin_clock_steps += 1
            clock.again(rng, now, ended)
        if kill.due(now, ended):
            alive = [d for d in desks if d.running() and not d.finished and d.progress() >= 2]
            if alive:
                victim = rng.choice(alive)
                victim.kill()
                chaos.kills += 1
                if not victim.finished:
                    victim.start(rng)
                kill.again(rng, now, ended)
            else:
                kill.soon(now, ended)
        time.sleep(0.01)
    return chaos


def settle_all(server: StandinServer, desks: list[DeskProcess], rng: random.Random) -> None:
    """Faults off, clocks back, then each counter reconciles until nothing is open."""
    server.faults.clear()
    server.state.set_clock_offset(timedelta(0))
    server.state.expire_tokens()  # a token lost to a kill must not lock a counter out
    for desk in desks:
        desk.kill()
        desk.start(rng, settle=True)
    for desk in desks:
        assert desk.proc is not None
        code = desk.proc.wait(timeout=120)
        desk.join_readers()
        assert code == 0, f"{desk.counter} could not settle:\n{desk.stderr_tail()}"


# --- the reckoning ----------------------------------------------------------------------------


@dataclass
class Reckoning:
    problems: list[str] = field(default_factory=list)
    entries: Counter[str] = field(default_factory=Counter)
    orders: int = 0
    live_orders: int = 0
    top_ups: int = 0
    shared_vouchers: int = 0
    doubled: int = 0
    lost: int = 0

    def problem(self, text: str, *, doubled: bool = False, lost: bool = False) -> None:
        self.problems.append(text)
        self.doubled += doubled
        self.lost += lost


def read_journals(desks: list[DeskProcess], environment: Environment) -> dict[str, JournalEntry]:
    entries: dict[str, JournalEntry] = {}
    for desk in desks:
        journal = Journal(desk.home / "journal.sqlite", writer=False)
        try:
            for entry in journal.list(environment=environment):
                entries[entry.key] = entry
        finally:
            journal.close()
    return entries


def _drawn_from(order: dict[str, Any], voucher_id: str) -> Decimal:
    draws = order["redeemed_vouchers"]
    mine = [Decimal(rv["redeemed_value"]) for rv in draws if rv["id"] == voucher_id]
    return sum(mine, Decimal(0))


def reckon(
    server: StandinServer, world: World, desks: list[DeskProcess], lines: list[Line]
) -> Reckoning:
    """Journals vs bookingkit vs what the clerks were told: every disagreement is a problem."""
    state = server.state
    result = Reckoning()
    entries = read_journals(desks, Environment("demo", server.base_url))
    orders = state.orders()
    result.orders = len(orders)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for order in orders:
        key = order["external_reference"]
        by_key[key].append(order)
        if key not in entries:
            result.problem(f"order {order['code']} has no journal entry ({key})", lost=True)
    for key, found in by_key.items():
        if len(found) > 1:
            result.problem(f"{key}: {len(found)} orders", doubled=True)

    for key, entry in entries.items():
        result.entries[entry.state.value] += 1
        _check_entry(result, state, key, entry, by_key.get(key, []))

    for order in orders:
        result.live_orders += order["status"] != "CANCELED"
        tops = _top_ups(state, order["id"])
        result.top_ups += len(tops)
        if len(tops) > 1:
            result.problem(f"order {order['code']}: {len(tops)} top-ups", doubled=True)

    for vid, first in world.initial.items():
        now = Decimal(state.voucher(vid)["remaining_value"])
        # A cancel gives nothing back (guess U8): every order ever made drew for good.
        drawn = sum((_drawn_from(o, vid) for o in orders), Decimal(0))
        if now != first - drawn:
            result.problem(f"voucher {vid}: holds {now}, expected {first} - {drawn}")
        journal_drawn = sum(
            (
                e.drawn.amount
                for e in entries.values()
                if e.voucher_id == vid and e.state in (EntryState.DONE, EntryState.UNDONE)
            ),
            Decimal(0),
        )
        if journal_drawn != drawn:
            result.problem(f"voucher {vid}: journals drew {journal_drawn}, bookingkit {drawn}")
        if now < 0:
            result.problem(f"voucher {vid}: below zero ({now})")
        spenders = {
            o["external_reference"].rsplit("-", 1)[0] for o in orders if _drawn_from(o, vid) > 0
        }
        result.shared_vouchers += len(spenders) > 1

    _check_told(result, lines, by_key)
    return result


def _top_ups(state: Any, order_id: str) -> list[dict[str, Any]]:
    return [
        p
        for p in state.payments(order_id)
        if p["type"] == "payment" and p["payment_method"] != VOUCHER_PAYMENT_METHOD
    ]


def _check_entry(
    result: Reckoning,
    state: Any,
    key: str,
    entry: JournalEntry,
    found: list[dict[str, Any]],
) -> None:
    live = [o for o in found if o["status"] != "CANCELED"]
    quote = entry.quote
    if not entry.finished:
        result.problem(f"{key}: still {entry.state.value} after settling")
        return
    if entry.state is EntryState.ATTENTION:
        result.problem(f"{key}: needs attention ({entry.note})")
        return
    if entry.state in (EntryState.REFUSED, EntryState.ABANDONED):
        if found:
            result.problem(f"{key}: {entry.state.value}, but bookingkit holds it", lost=True)
        return
    held = f"bookingkit holds {len(live)} live of {len(found)}"
    if entry.state is EntryState.DONE and (len(live) != 1 or len(found) != 1):
        result.problem(f"{key}: done, {held}", lost=True)
        return
    if entry.state is EntryState.UNDONE and (len(found) != 1 or live):
        result.problem(f"{key}: undone, {held}")
        return
    order = found[0]
    if entry.order_id != order["id"] or entry.booking_code != order["code"]:
        result.problem(f"{key}: journal says {entry.booking_code}, bookingkit {order['code']}")
    drawn = _drawn_from(order, quote.voucher_id)
    if drawn != entry.drawn.amount or drawn != quote.drawn.amount:
        result.problem(f"{key}: drew {drawn}, journal {entry.drawn}, quoted {quote.drawn}")
    tops = _top_ups(state, order["id"])
    if quote.top_up.is_zero:
        if tops:
            result.problem(f"{key}: a top-up on an order that needed none", doubled=True)
        return
    # No fault of the soak is a refusal (5xx, plain 429, drops, garbage, delays): every quoted
    # top-up must be recorded once, also on a redemption undone later.
    if len(tops) != 1:
        result.problem(f"{key}: {len(tops)} top-ups for a quoted {quote.top_up}", lost=not tops)
        return
    top = tops[0]
    if Decimal(top["value"]) != quote.top_up.amount:
        result.problem(f"{key}: top-up {top['value']}, quoted {quote.top_up}")
    if top["payment_method"] != entry.top_up_method:
        result.problem(f"{key}: top-up by {top['payment_method']}, journal {entry.top_up_method}")


DONE_KINDS = ("done",)
NOTHING_KINDS = ("refused", "requote")


def _check_told(
    result: Reckoning, lines: list[Line], by_key: dict[str, list[dict[str, Any]]]
) -> None:
    """What each counter told its clerk must hold in bookingkit."""
    for line in lines:
        data = line.data
        if data["phase"] not in ("outcome", "reconciled"):
            continue
        key, kind, case = data["key"], data["kind"], data["case"]
        found = by_key.get(key, [])
        if kind == "attention":
            result.problem(f"{key}: the clerk saw {case}")
        elif kind in DONE_KINDS:
            codes = [o["code"] for o in found]
            if codes != [data["booking_code"]]:
                result.problem(f"{key}: told {case} {data['booking_code']}, bookingkit {codes}")
                continue
            drawn = _drawn_from(found[0], data["voucher"])
            if data["drawn"] is None or Decimal(data["drawn"]) != drawn:
                result.problem(f"{key}: told drawn {data['drawn']}, bookingkit drew {drawn}")
        elif kind in NOTHING_KINDS and case != "order_cancelled" and found:
            result.problem(f"{key}: told {case}, but bookingkit holds it", lost=True)


# --- figures ----------------------------------------------------------------------------------


def figures(
    desks: list[DeskProcess],
    plan: CountingFaultPlan,
    chaos: Chaos,
    result: Reckoning,
    seconds: float,
) -> dict[str, Any]:
    lines = [ln for d in desks for ln in d.lines]
    phases = Counter(ln.data["phase"] for ln in lines)
    cases = Counter(ln.data["case"] for ln in lines if ln.data["phase"] == "outcome")
    settled = Counter(ln.data["case"] for ln in lines if ln.data["phase"] == "reconciled")
    undos = Counter(ln.data["case"] for ln in lines if ln.data["phase"] == "undo")
    # A counter killed while a redemption was in flight: its last line says "redeeming".
    last: dict[tuple[str, int], str] = {}
    for ln in lines:
        last[(ln.counter, ln.generation)] = ln.data["phase"]
    interrupted = sum(1 for phase in last.values() if phase == "redeeming")
    return {
        "redemptions": phases["outcome"],
        "killed_mid_redemption": interrupted,
        "seconds": round(seconds, 1),
        "outcomes": dict(cases.most_common()),
        "settled_later": dict(settled.most_common()),
        "undos": dict(undos.most_common()),
        "faults_fired": dict(plan.fired.most_common()),
        "faults_fired_total": sum(plan.fired.values()),
        "faults_by_step": dict(plan.fired_on.most_common()),
        "kills": chaos.kills,
        "token_expiries": chaos.token_expiries,
        "standin_clock_steps": chaos.standin_clock_steps,
        "desk_clock_steps": phases["clock"],
        "reads_failed": phases["read_failed"],
        "quotes_refused": phases["skipped"],
        "desk_errors": phases["error"],
        "journal_entries": dict(result.entries.most_common()),
        "orders": result.orders,
        "live_orders": result.live_orders,
        "top_ups": result.top_ups,
        "vouchers_spent_by_both": result.shared_vouchers,
        "doubled": result.doubled,
        "lost": result.lost,
        "problems": len(result.problems),
    }
