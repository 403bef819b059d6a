"""Two counters redeem the same voucher at the same moment for more than it holds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers.counter_process import read_phase, start_counter
from helpers.desk_setup import Booking

from voucherdesk.standin import Fault, StandinServer


@pytest.mark.slow
@pytest.mark.parametrize("both_read_first", [False, True])
def test_only_one_counter_wins(
    standin: StandinServer, tmp_path: Path, both_read_first: bool
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
            # Both re-reads see 50.00 before either order lands: the server must refuse one.
            # Held 2 s (under the counters' 5 s timeout): two processes told "go" together
            # may start over a second apart on a loaded machine.
            standin.faults.add(
                Fault("latency", method="GET", path="/v3/vouchers/*", times=2, seconds=2.0)
            )
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outcomes = [read_phase(proc, "outcome") for proc in procs]
        assert standin.faults.pending() == []
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
