"""One counter of the soak test (tests/test_soak.py) in its own process.

    python -m helpers.soak_desk PLAN HOME COUNTER COUNT SEED TOP_UP_METHOD [--settle]

PLAN is the JSON file the soak wrote: the stand-in's address, each counter's API client, the
vouchers and events, the client timeout and how often this counter does what. The counter
first reconciles its journal (as the window does on start-up), then redeems until COUNT
redemptions have ended, in between stepping its own wall clock, undoing one of its bookings
or reconciling its open entries ("Check again"). With --settle it only reconciles until
nothing is open (the end of the soak, faults off).

Every step prints one JSON line (``phase``: ready, reconciled, redeeming, outcome, undo,
clock, read_failed, skipped, error, settled, finished), so the soak can count and check what
the clerk was told. The access token is kept in a file beside the journal, as the keyring
keeps it in the app: a restarted counter goes on with it instead of meeting 42901.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, StoredToken
from voucherdesk.clock import utc_now
from voucherdesk.desk.codes import ScanRules
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, Journal
from voucherdesk.desk.outcomes import RedemptionOutcome
from voucherdesk.desk.quote import QuoteRefused
from voucherdesk.desk.voucher_index import VoucherIndex

# Wall clock steps this counter takes (seconds): NTP corrections and a person's hour.
CLOCK_STEPS = (-7200, -900, -30, 0, 0, 30, 900, 7200)


def emit(phase: str, **facts: Any) -> None:
    print(json.dumps({"phase": phase, **facts}), flush=True)


class FileTokenStore:
    """The keyring's part in the soak: the token survives a SIGKILL (written whole or not)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> StoredToken | None:
        try:
            return StoredToken.from_json(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, t: StoredToken) -> None:
        part = self.path.with_suffix(".part")
        part.write_text(t.to_json(), "utf-8")
        os.replace(part, self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class SteppedClock:
    """This counter's wall clock: the machine's, stepped by ``offset`` (never the machine's)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return utc_now() + self.offset


@dataclass(frozen=True)
class Plan:
    base_url: str
    timeout: float
    clients: dict[str, list[str]]
    pool: list[str]
    hot: list[str]
    events: list[dict[str, Any]]
    hot_share: float
    undo_share: float
    clock_share: float
    check_share: float

    @classmethod
    def read(cls, path: Path) -> Plan:
        return cls(**json.loads(path.read_text("utf-8")))


def open_desk(plan: Plan, home: Path, counter: str, method: str, clock: SteppedClock) -> Desk:
    client_id, secret = plan.clients[counter]
    client = BookingkitClient(
        Environment("demo", plan.base_url),
        Credentials(client_id, secret),
        token_store=FileTokenStore(home / "token.json"),
        timeout=plan.timeout,
        clock=clock,
        retry=RetryPolicy(base_delay=0.01, max_delay=0.05),
    )
    home.mkdir(parents=True, exist_ok=True)
    return Desk(
        client,
        VoucherIndex(home / "index.sqlite"),
        Journal(home / "journal.sqlite", clock=clock),
        rules=ScanRules(),
        currency="EUR",
        counter_id=counter,
        top_up_method=method,
        clock=clock,
    )


def outcome_facts(out: RedemptionOutcome) -> dict[str, Any]:
    def amount(money: Any) -> str | None:
        return None if money is None else str(money.amount)

    return {
        "case": out.case.value,
        "kind": out.kind.value,
        "key": out.key,
        "voucher": out.quote.voucher_id,
        "booking_code": out.booking_code,
        "order_id": out.order_id,
        "drawn": amount(out.drawn),
        "top_up": amount(out.top_up),
        "top_up_method": out.top_up_method,
        "quoted_drawn": amount(out.quote.drawn),
        "quoted_top_up": amount(out.quote.top_up),
    }


def failed(where: str, exc: BaseException) -> None:
    """Anything the desk raised instead of returning an outcome: the soak counts it as wrong."""
    emit(
        "error",
        where=where,
        error=f"{type(exc).__name__}: {exc}",
        trace=traceback.format_exc()[-1500:],
    )


def reconcile(desk: Desk) -> None:
    try:
        for out in desk.reconcile_pending():
            emit("reconciled", **outcome_facts(out))
    except Exception as exc:
        failed("reconcile", exc)


def redeem_one(desk: Desk, plan: Plan, rng: random.Random) -> bool:
    """Quote and redeem one booking; False when nothing was redeemed (a read failed, or the
    voucher cannot pay for it)."""
    vid = rng.choice(plan.hot) if rng.random() < plan.hot_share else rng.choice(plan.pool)
    event = rng.choice(plan.events)
    client = desk.client
    try:
        voucher = client.get_voucher(vid)
        ev = client.get_event(event["event_id"])
        date = client.get_date(event["date_id"])
    except errors.BookingkitError as exc:
        emit("read_failed", error=type(exc).__name__)
        time.sleep(0.05)
        return False
    first, second = event["price_ids"]
    participants = {first: rng.randint(1, 3), second: rng.randint(0, 2)}
    try:
        quote = desk.quote(voucher, ev, date, participants)
    except QuoteRefused as exc:
        emit("skipped", voucher=vid, problem=exc.problem.value)
        return False
    emit("redeeming", voucher=vid, drawn=str(quote.drawn.amount))
    try:
        out = desk.redeem(quote)
    except Exception as exc:
        failed("redeem", exc)
        return True
    emit("outcome", **outcome_facts(out))
    return True


def undo_one(desk: Desk, rng: random.Random) -> None:
    done = [
        e
        for e in desk.history()[:30]
        if e.state is EntryState.DONE and e.counter_id == desk.counter_id
    ]
    if not done:
        return
    key = rng.choice(done).key
    try:
        out = desk.undo(key)
    except Exception as exc:
        failed("undo", exc)
        return
    emit("undo", key=key, case=out.case.value)


def run(plan: Plan, desk: Desk, clock: SteppedClock, count: int, rng: random.Random) -> int:
    reconcile(desk)
    ended = 0
    tries = 0
    # Every process steps its clock once early on, so even a short run sees a step.
    first_step = rng.randint(1, max(1, min(count, 10)))
    while ended < count:
        tries += 1
        if tries > 40 * count:
            emit("gave_up", ended=ended)
            return 1
        if tries == first_step or rng.random() < plan.clock_share:
            clock.offset = timedelta(seconds=rng.choice(CLOCK_STEPS))
            emit("clock", offset=clock.offset.total_seconds())
        if rng.random() < plan.undo_share:
            undo_one(desk, rng)
        if desk.journal.unfinished(desk.environment) and rng.random() < plan.check_share:
            reconcile(desk)
        if redeem_one(desk, plan, rng):
            ended += 1
    return 0


def settle(desk: Desk) -> int:
    """Reconcile until nothing is open; each round waits out one settle window."""
    window = desk.client.deadline + desk.client.timeout
    for _ in range(30):
        reconcile(desk)
        still = desk.journal.unfinished(desk.environment)
        if not still:
            emit("settled", open=0)
            return 0
        time.sleep(window + 0.05)
    emit("settled", open=len(desk.journal.unfinished(desk.environment)))
    return 1


def main(argv: list[str]) -> int:
    plan_path, home, counter, count, seed, method = argv[:6]
    plan = Plan.read(Path(plan_path))
    clock = SteppedClock()
    desk = open_desk(plan, Path(home), counter, method, clock)
    emit("ready", pid=os.getpid(), top_up_method=method)
    try:
        if "--settle" in argv:
            return settle(desk)
        code = run(plan, desk, clock, int(count), random.Random(seed))
        emit("finished")
        return code
    finally:
        desk.client.close()
        desk.journal.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
