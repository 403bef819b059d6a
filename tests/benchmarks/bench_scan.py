"""Benchmark: how much faster a scan is with the local code index than without it.

bookingkit cannot look a voucher up by code, so without an index every scan would page through
``GET /v3/vouchers``. This prints the ratios that matter at the counter (time per scan, requests
per scan) for an account with N vouchers, against the stand-in over loopback HTTP.

    uv run python tests/benchmarks/bench_scan.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from voucherdesk.bookingkit.auth import Credentials, MemoryTokenStore
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer

SCANS = 20


def main(count: int) -> None:
    with StandinServer(seed="empty") as server, tempfile.TemporaryDirectory() as tmp:
        server.state.add_vouchers_bulk(count, "BENCH")
        codes = _sample(server, count)
        client = BookingkitClient(
            environment_named("custom", server.base_url),
            Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            token_store=MemoryTokenStore(),
        )
        with client:
            index = VoucherIndex(Path(tmp) / "index.sqlite3")
            started = time.perf_counter()
            index.refresh(client, full=True)
            full_refresh = time.perf_counter() - started

            before = server.state.api_requests
            indexed = []
            for code in codes:
                t0 = time.perf_counter()
                ident = index.lookup(code)
                assert ident is not None
                client.get_voucher(ident)
                indexed.append(time.perf_counter() - t0)
            indexed_requests = (server.state.api_requests - before) / len(codes)

            before = server.state.api_requests
            paged = []
            for code in codes:
                t0 = time.perf_counter()
                found = next(c for c in client.iter_voucher_codes() if c.code == code)
                client.get_voucher(found.id)
                paged.append(time.perf_counter() - t0)
            paged_requests = (server.state.api_requests - before) / len(codes)

            t0 = time.perf_counter()
            index.refresh(client)
            incremental = time.perf_counter() - t0

    fast, slow = statistics.median(indexed), statistics.median(paged)
    print(f"vouchers in the account:        {count}")
    print(f"full index refresh:             {full_refresh * 1000:8.1f} ms")
    print(f"incremental refresh (no news):  {incremental * 1000:8.1f} ms")
    print(f"scan -> voucher, with index:    {fast * 1000:8.2f} ms  {indexed_requests:.1f} requests")
    print(f"scan -> voucher, paging:        {slow * 1000:8.2f} ms  {paged_requests:.1f} requests")
    print(f"ratio time   (paging / index):  {slow / fast:8.1f}x")
    print(f"ratio quota  (paging / index):  {paged_requests / indexed_requests:8.1f}x")
    print(f"ratio full / incremental:       {full_refresh / incremental:8.1f}x")


def _sample(server: StandinServer, count: int) -> list[str]:
    """Codes spread over the whole list, so paging finds them early, midway and late."""
    rows, _total = server.state.list_vouchers(count, 0, None, None)
    step = max(1, len(rows) // SCANS)
    return [str(r["code"]) for r in rows[::step][:SCANS]]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25_000)
