"""Benchmark part: the voucher index (desk/voucher_index.py) against a stand-in in another process.

  lookup at 1,000 and at 100,000 vouchers (flat)           budgets 1.50 ms and 1.25 ms
  full refresh of 100,000 vouchers at a page cap of 10,000  budget 11 requests
  peak memory of that refresh above the idle process        budget 100 MB
  a lookup while a full refresh runs                        budget 1.25 ms (scan speed)

Run in a process of its own: the idle memory is this process's before the refresh.

    uv run python tests/benchmarks/index.py [--vouchers 100000] [--smoke]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import Row, StandinProcess, emit, median, peak_kb, resident_kb

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.standin.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

PAGE_CAP = 10_000
MB = 1024  # KiB per MiB


def client_for(standin: StandinProcess) -> BookingkitClient:
    return BookingkitClient(
        environment_named("custom", standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    )


def lookups(index: VoucherIndex, codes: list[str], n: int) -> list[float]:
    picked = random.Random(7).sample(codes, min(n, len(codes)))
    times = []
    for code in picked:
        t0 = time.perf_counter()
        found = index.lookup(code)
        times.append(time.perf_counter() - t0)
        assert found is not None, code
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vouchers", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    large = 5_000 if args.smoke else args.vouchers
    small = 1_000
    home = Path(tempfile.mkdtemp(prefix="voucherdesk-index-bench-"))

    with StandinProcess(seed="empty", page_cap=PAGE_CAP) as standin:
        big_codes = standin.add_vouchers(large, "IDX", 50)
        with client_for(standin) as client:
            client.check_connection()  # the token, so the refresh counts only its own pages
            index = VoucherIndex(home / "large.sqlite3")
            index.count  # noqa: B018 (opens the file as a scan would)
            idle = resident_kb()
            before = standin.api_requests()
            started = time.perf_counter()
            index.refresh(client, full=True)
            took = time.perf_counter() - started
            requests = standin.api_requests() - before
            peak = peak_kb() - idle
            assert index.count == large
            emit(
                Row(
                    f"full index refresh, {large:,} vouchers, page cap {PAGE_CAP:,}",
                    requests,
                    large // PAGE_CAP + 1,
                    "requests",
                    f"took {took:.1f} s on loopback",
                )
            )
            emit(
                Row(
                    "peak memory of that refresh above idle",
                    peak / MB,
                    100,
                    "MB",
                    f"idle {idle / MB:.0f} MB",
                )
            )
            at_large = median(lookups(index, big_codes, 500))

            # Lookups while the whole list is read again on another thread.
            during: list[float] = []
            refresh = threading.Thread(target=lambda: index.refresh(client, full=True))
            refresh.start()
            while refresh.is_alive():
                during += lookups(index, big_codes, 20)
                time.sleep(0.005)
            refresh.join()

        with StandinProcess(seed="empty", page_cap=PAGE_CAP) as other:
            small_codes = other.add_vouchers(small, "SML", 50)
            with client_for(other) as client:
                few = VoucherIndex(home / "small.sqlite3")
                few.refresh(client, full=True)
                at_small = median(lookups(few, small_codes, 500))

    emit(Row(f"index lookup at {small:,} vouchers", at_small * 1000, 1.50, "ms"))
    emit(Row(f"index lookup at {large:,} vouchers", at_large * 1000, 1.25, "ms"))
    emit(
        Row(
            "index lookup during a full refresh",
            median(during) * 1000,
            1.25,
            "ms",
            f"{len(during)} lookups while it ran",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
