"""A hostile bookingkit for tests: a loopback HTTP server that answers whatever a test tells it.

Slow and trickling answers, endless and changing lists, gzip bombs, huge pages, wrong types,
out-of-range values, odd encodings, redirects and HTML error pages. Built on the standard
library's http.server, one thread per connection, so a test can keep a bad answer going while
the client under test gives up on it.

A test sets a handler per (method, path pattern); a handler gets the request and returns an
:class:`Answer`. The token endpoint answers a valid grant unless told otherwise.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import itertools
import json
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

TOKEN = "f" * 40


@dataclass
class Seen:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    """What to send. ``body`` as bytes is sent with its Content-Length; an iterable of bytes is
    sent chunked (``Transfer-Encoding: chunked``), one chunk per item, ``pause`` seconds apart.
    ``raw_head`` replaces status line and headers with exactly these bytes, sent ``pause``
    seconds per byte (a trickle before any header is complete)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    pause: float = 0.0
    raw_head: bytes | None = None


def json_answer(data: Any, status: int = 200, **headers: str) -> Answer:
    return Answer(
        status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers}
    )


def gzip_bomb(decoded_bytes: int) -> bytes:
    """A gzip stream of ``decoded_bytes`` zero bytes, about a thousandth of that in size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(decoded_bytes >> 20)]
    parts.append(compressor.compress(bytes(decoded_bytes & ((1 << 20) - 1))))
    parts.append(compressor.flush())
    return b"".join(parts)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=5)


def endless(chunk: bytes) -> Iterator[bytes]:
    """The same chunk for ever (a body that never ends)."""
    return itertools.repeat(chunk)


Handler = Callable[[Seen], Answer]


def _grant(_: Seen) -> Answer:
    return json_answer({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: HostileServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.owner = owner

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is the point of most tests here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        seen = Seen(
            self.command,
            split.path,
            dict(parse_qsl(split.query, keep_blank_values=True)),
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        owner = self.server.owner
        owner.record(seen)
        answer = owner.handler_for(seen)(seen)
        try:
            self._send(answer)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    def _send(self, answer: Answer) -> None:
        if answer.raw_head is not None:
            for byte in answer.raw_head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(answer.pause)
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if isinstance(answer.body, bytes | bytearray):
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
            return
        if "Content-Length" in answer.headers:  # a declared length, sent as a plain stream
            self.end_headers()
            for chunk in answer.body:
                self.wfile.write(chunk)
                if answer.pause:
                    time.sleep(answer.pause)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in answer.body:
            if not chunk:
                continue
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.flush()
            if answer.pause:
                time.sleep(answer.pause)
        self.wfile.write(b"0\r\n\r\n")


class HostileServer:
    """``with HostileServer() as bad: bad.on("GET", "/v3/vouchers/*", handler)``."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, str, Handler]] = [("POST", "/oauth/token", _grant)]
        self._lock = threading.Lock()
        self.seen: list[Seen] = []
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def on(self, method: str, pattern: str, handler: Handler) -> None:
        """Answer ``method`` requests whose path matches ``pattern`` (fnmatch) with ``handler``;
        the latest matching rule wins."""
        with self._lock:
            self._routes.append((method, pattern, handler))

    def handler_for(self, seen: Seen) -> Handler:
        with self._lock:
            for method, pattern, handler in reversed(self._routes):
                if method == seen.method and fnmatch.fnmatchcase(seen.path, pattern):
                    return handler
        return lambda _s: json_answer({"code": 40400, "user_message": "not here"}, 404)

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def requests(self, method: str, pattern: str = "*") -> list[Seen]:
        with self._lock:
            return [
                s for s in self.seen if s.method == method and fnmatch.fnmatchcase(s.path, pattern)
            ]

    def start(self) -> HostileServer:
        self._httpd = _Server(self)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        stopper = threading.Thread(target=httpd.shutdown, daemon=True)
        stopper.start()
        host, port = httpd.server_address[:2]
        while stopper.is_alive():
            with contextlib.suppress(OSError):
                socket.create_connection((str(host), int(port)), timeout=1).close()
            stopper.join(timeout=0.05)
        httpd.server_close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
