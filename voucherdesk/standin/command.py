"""``voucherdesk standin``: run the stand-in in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from types import FrameType

from voucherdesk.standin.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_CODES
from voucherdesk.standin.server import StandinServer
from voucherdesk.standin.store import PAGE_CAP


@dataclass(frozen=True)
class StandinOptions:
    host: str = "127.0.0.1"
    port: int = 8765
    seed: str = "demo"
    # Extra API clients (id, secret), each with bookingkit's one-token rule of its own, so
    # two counters (or an outside tool) can each sign in with their own client.
    clients: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    page_cap: int = PAGE_CAP
    clock_offset_s: float = 0.0
    owned_orders_only: bool = False  # guess U5 played the other way (state.owned_orders_only)


def pair_clients(ids: Sequence[str] | None, secrets: Sequence[str] | None) -> list[tuple[str, str]]:
    """``--client-id`` and ``--client-secret`` given as pairs, in order."""
    ids, secrets = list(ids or ()), list(secrets or ())
    if len(ids) != len(secrets):
        raise ValueError("give one --client-secret for every --client-id, in the same order")
    if any(not i.strip() or not s.strip() for i, s in zip(ids, secrets, strict=True)):
        raise ValueError("a client id or secret is empty")
    return list(zip(ids, secrets, strict=True))


def run(options: StandinOptions) -> int:
    """Serve until a signal arrives; returns the process exit code."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server = StandinServer(seed=options.seed, host=options.host, port=options.port)
        for client_id, secret in options.clients:
            server.state.add_client(client_id, secret)
        server.state.page_cap = options.page_cap
        server.state.set_clock_offset(timedelta(seconds=options.clock_offset_s))
        server.state.owned_orders_only = options.owned_orders_only
        with server:
            print(f"bookingkit stand-in listening on {server.base_url}", flush=True)
            print(f"  API: {server.base_url}/v3   token: {server.base_url}/oauth/token")
            print(f"  demo client id:     {DEMO_CLIENT_ID}")
            print(f"  demo client secret: {DEMO_CLIENT_SECRET}")
            for client_id, _secret in options.clients:  # their secrets were typed by the caller
                print(f"  client id:          {client_id}")
            print(f"  at most {options.page_cap} items per page")
            if options.owned_orders_only:
                print("  orders_read_owned reads only the API client's own orders (U5)")
            if options.clock_offset_s:
                print(f"  clock offset: {options.clock_offset_s:+g} s")
            if options.seed == "demo":
                for role, code in DEMO_CODES.items():
                    print(f"  voucher {role:<15} {code}")
            print("Stop with Ctrl+C.", flush=True)
            stop.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
