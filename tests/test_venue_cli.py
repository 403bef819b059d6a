"""`voucherdesk report --venue` as a separate process against three counters' orders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers.cli_runs import os_keyring_usable, run_cli
from helpers.venue_orders import open_venue, seed_day

from voucherdesk.standin import StandinServer


def _login(home: Path, server: StandinServer, client_id: str, secret: str) -> None:
    server.state.add_client(client_id, secret)
    args = ["login", "--environment", "custom", "--url", server.base_url]
    args += ["--client-id", client_id, "--client-secret-stdin"]
    result = run_cli(args, home, stdin=secret + "\n")
    assert result.returncode == 0, result.stderr


@pytest.mark.keyring
@pytest.mark.slow
def test_venue_report_lists_every_counter(
    app_home: Path, empty_standin: StandinServer, tmp_path: Path
) -> None:
    if not os_keyring_usable():
        pytest.skip("no Secret Service running (tests/run-all.sh starts one)")
    with open_venue(empty_standin, tmp_path / "counters") as venue:
        seed_day(venue)
    _login(app_home, empty_standin, "office", "office-secret")
    try:
        empty_standin.state.order_list_queries.clear()
        result = run_cli(["report", "--venue", "--day", date.today().isoformat()], app_home)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "other counters' orders too" in out  # guess U5 holds on this stand-in
        blocks = out.split("\n")
        for name, drawn, top_up in (
            ("box-office-1", "€122.50", "€10.00"),
            ("till_2", "€20.00", "€10.00"),
            ("kiosk3", "€12.50", "–"),
            ("All counters", "€155.00", "€20.00"),
        ):
            at = blocks.index(name)
            assert blocks[at + 2].split() == ["Drawn:", drawn], out
            assert blocks[at + 3].split() == ["Top-ups:", top_up], out
        assert "Cancelled:         1 (had drawn €25.00)" in out
        assert "Cancelled:         2 (had drawn €55.00)" in out
        assert "not made at a counter (shop, admin): 1." in out
        assert len(empty_standin.state.order_list_queries) == 1

        refused = run_cli(["report", "--venue", "--csv", str(tmp_path / "x.csv")], app_home)
        assert refused.returncode == 2
        assert "--venue" in refused.stderr

        empty_standin.state.owned_orders_only = True
        narrow = run_cli(["report", "--venue"], app_home)
        assert narrow.returncode == 0, narrow.stderr
        assert "only this counter's orders" in narrow.stdout
        assert "orders_read_all" in narrow.stdout
    finally:
        run_cli(["logout"], app_home)
