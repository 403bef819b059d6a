"""StandinServer: the stand-in on a real loopback socket (stdlib HTTP/1.1, keep-alive).

One daemon thread runs a ThreadingHTTPServer; each connection gets its own thread. Faults are
applied here, around the routed handler, so "drop_after_commit" really commits and then closes
the socket without a word.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from voucherdesk.bookingkit import jsonwire
from voucherdesk.standin.faults import Fault, FaultPlan
from voucherdesk.standin.problems import ApiProblem, OAuthProblem, RateLimitProblem
from voucherdesk.standin.routes import Context, Request, Response, dispatch, parse_query
from voucherdesk.standin.seed import apply_seed
from voucherdesk.standin.state import StandinState

log = logging.getLogger(__name__)

BROKEN_JSON = b'{"id": "0cc175b9c0f1b6a8", "status": '


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a burst of counters connecting at once must not be reset

    def __init__(self, address: tuple[str, int], ctx: Context) -> None:
        super().__init__(address, _Handler)
        self.ctx = ctx
        self.base_url = ""
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        self.accepted = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (timeouts, drop faults) is normal here, not a traceback."""
        log.debug("stand-in connection from %s ended with an error", client_address)

    def drop_connections(self) -> None:
        """Close idle keep-alive connections, so stop() really ends every conversation."""
        with self.connections_lock:
            open_ones = list(self.connections)
        for sock in open_ones:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bookingkit-standin/1"
    timeout = 120  # idle keep-alive connections end eventually
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms stalls
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)
            self.server.accepted += 1

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.connections_lock:
                self.server.connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines may carry an access_token query parameter."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        split = urlsplit(self.path)
        req = Request(
            method=self.command,
            path=split.path,
            query=parse_query(split.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            base_url=self.server.base_url,
        )
        fault = self.server.ctx.faults.take(req.method, req.path)
        if fault is not None and self._fault_before(fault):
            return
        response = self._run(req)
        if fault is not None and fault.kind == "drop_after_commit":
            self.close_connection = True
            return
        if fault is not None and fault.kind == "error_after_commit":
            # Whatever the handler did stays done; the client only sees a server error.
            problem = ApiProblem(fault.status, fault.status * 100, "Internal error (stand-in)")
            response = Response(fault.status, problem.body())
        if fault is not None and fault.kind == "delay_after_commit":
            time.sleep(fault.seconds)
        self._send(response)

    def _fault_before(self, fault: Fault) -> bool:
        """Apply a fault that acts before processing; True when the request ends here."""
        if fault.kind == "latency":
            time.sleep(fault.seconds)
            return False
        if fault.kind == "drop_before":
            self.close_connection = True
            return True
        if fault.kind == "error":
            problem = ApiProblem(fault.status, fault.status * 100, "Internal error (stand-in)")
            self._send(Response(fault.status, problem.body()))
            return True
        if fault.kind == "rate_limit":
            limited = RateLimitProblem(42900, "Too many requests, slow down")
            headers = {"Retry-After": f"{fault.seconds:g}"} if fault.seconds > 0 else {}
            self._send(Response(429, limited.body(), headers))
            return True
        if fault.kind == "malformed":
            self._send_raw(200, BROKEN_JSON, {"Content-Type": "application/json"})
            return True
        return False

    def _run(self, req: Request) -> Response:
        try:
            return dispatch(self.server.ctx, req)
        except ApiProblem as problem:
            return Response(problem.status, problem.body())
        except RateLimitProblem as limited:
            return Response(429, limited.body())
        except OAuthProblem as refused:
            return Response(refused.status, refused.body())
        except Exception:
            log.exception("stand-in handler failed on %s %s", req.method, req.path)
            return Response(500, ApiProblem(500, 50000, "Internal server error").body())

    def _send(self, response: Response) -> None:
        headers = dict(response.headers)
        if response.status == 204 or response.body is None:
            self._send_raw(response.status, b"", headers)
            return
        headers["Content-Type"] = "application/json; charset=utf-8"
        self._send_raw(response.status, jsonwire.dumps(response.body).encode("utf-8"), headers)

    def _accepts_gzip(self) -> bool:
        for part in (self.headers.get("Accept-Encoding") or "").split(","):
            name, _, params = part.strip().partition(";")
            if name.strip().lower() in ("gzip", "*"):
                return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00")
        return False

    def _send_raw(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
        # bookingkit documents that every response is gzipped; we do it when the client says
        # it can read gzip, so the client's decoding (and its size caps) is always exercised.
        if payload and self._accepts_gzip():
            payload = gzip.compress(payload, compresslevel=1)
            headers = {**headers, "Content-Encoding": "gzip"}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class StandinServer:
    """The bookingkit API v3 stand-in on loopback: ``with StandinServer() as s: s.base_url``."""

    def __init__(
        self,
        seed: str = "demo",
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], datetime] | None = None,
        token_lifetime: int = 3600,
        monthly_quota: int = 500_000,
    ) -> None:
        self.state = StandinState(
            clock=clock, token_lifetime=token_lifetime, monthly_quota=monthly_quota
        )
        apply_seed(self.state, seed)
        self.faults = FaultPlan()
        self._address = (host, port)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the stand-in is not running")
        return self._httpd.base_url

    @property
    def connections_accepted(self) -> int:
        """TCP connections accepted so far (shows whether clients keep connections alive)."""
        if self._httpd is None:
            return 0
        with self._httpd.connections_lock:
            return self._httpd.accepted

    def start(self) -> StandinServer:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer(self._address, Context(self.state, self.faults))
        host, port = httpd.server_address[:2]
        httpd.base_url = f"http://{host!s}:{port}"
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.5},
            daemon=True,
            name="bookingkit-standin",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        # shutdown() waits for the accept loop's next wake-up; a throwaway connection wakes
        # it at once, so stopping takes milliseconds rather than a poll interval.
        stopper = threading.Thread(target=httpd.shutdown, daemon=True)
        stopper.start()
        host, port = httpd.server_address[:2]
        while stopper.is_alive():
            with contextlib.suppress(OSError):
                socket.create_connection((str(host), int(port)), timeout=1).close()
            stopper.join(timeout=0.05)
        httpd.drop_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
