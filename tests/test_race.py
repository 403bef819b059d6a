"""Two counters redeem the same voucher at the same moment for more than it holds."""

from __future__ import annotations

import threading
from decimal import Decimal
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from helpers.counter_process import read_phase, start_counter
from helpers.desk_setup import Booking

from voucherdesk.standin import StandinServer
from voucherdesk.standin.faults import Fault, FaultPlan


class BothReadFirst(FaultPlan):
    """Once armed, holds the next two reads of a voucher until both have arrived: both
    counters' re-reads see the balance before either order lands, however far apart the two
    processes start on a loaded machine (a fixed latency could not promise that)."""

    def __init__(self) -> None:
        super().__init__()
        self._gate = threading.Barrier(2, timeout=30)
        self._left = 0
        self._count = threading.Lock()

    def arm(self) -> None:
        with self._count:
            self._left = 2

    def take(self, method: str, path: str) -> Fault | None:
        if method == "GET" and fnmatchcase(path, "/v3/vouchers/*"):
            with self._count:
                held, self._left = self._left > 0, max(0, self._left - 1)
            if held:
                self._gate.wait()
        return super().take(method, path)


@pytest.mark.slow
@pytest.mark.parametrize("both_read_first", [False, True])
def test_only_one_counter_wins(tmp_path: Path, both_read_first: bool) -> None:
    plan = BothReadFirst()
    standin = StandinServer(seed="demo")
    standin.faults = plan  # before start: the handlers take their plan from there
    with standin:
        _race(standin, plan, tmp_path, both_read_first=both_read_first)


def _race(
    standin: StandinServer, plan: BothReadFirst, tmp_path: Path, *, both_read_first: bool
) -> None:
    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("RACE-50", Decimal("50"))  # each wants 30.00, together 60.00
    procs = []
    for till in ("till-a", "till-b"):
        state.add_client(till, f"{till}-secret")  # one token per API client: one each
        procs.append(
            start_counter(
                standin.base_url,
                tmp_path / till,
                booking,
                vid,
                1,
                counter=till,
                client_id=till,
                secret=f"{till}-secret",
                wait_go=True,
            )
        )
    try:
        for proc in procs:
            assert read_phase(proc, "quoted")["drawn"] == "30.00"
        if both_read_first:
            plan.arm()  # both re-reads see 50.00 before either order lands: one is refused
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outcomes = [read_phase(proc, "outcome") for proc in procs]
        for proc in procs:
            assert proc.wait(timeout=30) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    kinds = sorted(o["kind"] for o in outcomes)
    assert kinds.count("done") == 1, outcomes
    (loser,) = [o for o in outcomes if o["kind"] != "done"]
    assert loser["kind"] in ("refused", "requote")
    if both_read_first:
        assert loser["kind"] == "refused"
        assert loser["case"] == "bookingkit_refused"
    assert loser["case"] in ("bookingkit_refused", "balance_changed", "voucher_not_usable")
    assert state.voucher(vid)["remaining_value"] == Decimal("20")
    assert not state.voucher(vid)["remaining_value"] < 0
    orders = state.orders()
    assert len(orders) == 1
    (winner,) = [o for o in outcomes if o["kind"] == "done"]
    assert orders[0]["external_reference"] == winner["key"]
    assert state.orders_with_reference(loser["key"]) == []
