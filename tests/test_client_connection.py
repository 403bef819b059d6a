"""The client's connection (httpx with its TLS stack) is made on first use, once (issue #13).

Importing the client and building it make no connection, so the counter window is painted
before httpx is loaded; ``prepare`` (on a worker, after the first paint) or the first call
makes it. Threads that ask at once share one connection; a closed client makes no new one.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from decimal import Decimal

import pytest

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer


def _client(server: StandinServer) -> BookingkitClient:
    return BookingkitClient(
        environment_named("custom", server.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    )


def _a_voucher(server: StandinServer) -> str:
    return server.state.add_voucher("CONN-0001", Decimal("20"))


def test_building_a_client_loads_no_http_library() -> None:
    code = (
        "import sys\n"
        "from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore\n"
        "from voucherdesk.bookingkit.client import BookingkitClient\n"
        "from voucherdesk.bookingkit.environments import SANDBOX\n"
        "client = BookingkitClient(SANDBOX, Credentials('id', 'secret'),"
        " token_store=MemoryTokenStore())\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'h11', 'ssl') if m in sys.modules))\n"
        "client.prepare()\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'h11', 'ssl') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = out.stdout.strip().splitlines()[-2:]
    assert before == "[]"
    assert after == "['h11', 'httpcore', 'httpx', 'ssl']"


def test_prepare_makes_the_connection_the_calls_then_use(standin: StandinServer) -> None:
    client = _client(standin)
    try:
        client.prepare()
        prepared = client._http()
        voucher = client.get_voucher(_a_voucher(standin))
        assert voucher.id
        assert client._http() is prepared
    finally:
        client.close()


def test_threads_asking_at_once_share_one_connection(standin: StandinServer) -> None:
    client = _client(standin)
    ready = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        ready.wait()
        seen.append(client._http())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(seen) == 8
        assert len({id(connection) for connection in seen}) == 1
    finally:
        client.close()


def test_a_client_closed_before_any_call_makes_no_connection(standin: StandinServer) -> None:
    client = _client(standin)
    client.close()  # nothing to close yet: no error
    with pytest.raises(RuntimeError, match="closed"):
        client._http()


def test_a_client_closed_after_a_call_sends_nothing_more(standin: StandinServer) -> None:
    client = _client(standin)
    voucher_id = _a_voucher(standin)
    client.get_voucher(voucher_id)
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.get_voucher(voucher_id)
