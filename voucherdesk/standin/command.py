"""``voucherdesk standin``: run the stand-in in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import signal
import threading
from types import FrameType

from voucherdesk.standin.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_CODES
from voucherdesk.standin.server import StandinServer


def run(host: str, port: int, seed: str) -> int:
    """Serve until a signal arrives; returns the process exit code."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with StandinServer(seed=seed, host=host, port=port) as server:
            print(f"bookingkit stand-in listening on {server.base_url}", flush=True)
            print(f"  API: {server.base_url}/v3   token: {server.base_url}/oauth/token")
            print(f"  demo client id:     {DEMO_CLIENT_ID}")
            print(f"  demo client secret: {DEMO_CLIENT_SECRET}")
            if seed == "demo":
                for role, code in DEMO_CODES.items():
                    print(f"  voucher {role:<15} {code}")
            print("Stop with Ctrl+C.", flush=True)
            stop.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
