"""A deadline for the whole request, not only for each read.

httpx's timeouts bound each socket operation: a server that sends one byte every few seconds
never trips them, and a lookup could hang for good. Here every socket operation (connect, TLS
handshake, each read and write) gets the smaller of its own timeout and the time left until the
request's deadline, which :func:`deadline` sets for the calls made inside it. Past the deadline
the operation fails at once as a timeout; ``http.py`` tells that apart by the clock.

The transport is httpx's own HTTPTransport with its connection pool built on this network
backend; only the pool's construction is ours.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

_DEADLINE: ContextVar[float | None] = ContextVar("bookingkit_request_deadline", default=None)


@contextmanager
def deadline(at: float) -> Iterator[None]:
    """Socket operations in this block end no later than ``at`` (a ``time.monotonic()``)."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _bounded(timeout: float | None, expired: type[Exception]) -> float | None:
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _LazyTls:
    """The TLS context, made at the first TLS handshake, not with the client: loading the CA
    bundle takes tens of milliseconds that a window's start should not wait for (and demo
    mode, on plain loopback HTTP, never needs)."""

    def __init__(self, verify: ssl.SSLContext | bool) -> None:
        self._verify = verify
        self._context: ssl.SSLContext | None = None
        self._lock = threading.Lock()

    def get(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                try:
                    self._context = httpx.create_ssl_context(verify=self._verify)
                except (OSError, ValueError) as exc:  # an unreadable CA file or directory
                    raise httpcore.ConnectError(f"no TLS context: {exc}") from exc
                self._context.set_alpn_protocols(["http/1.1"])  # this transport speaks no h2
            return self._context


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, tls: _LazyTls) -> None:
        self._inner = inner
        self._tls = tls

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # The pool's context is a placeholder (see DeadlineTransport); ours is the real one.
        context = self._tls.get()
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(context, server_hostname, bounded), self._tls)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


SocketOptions = Iterable[
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
]


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, tls: _LazyTls) -> None:
        self._inner = httpcore.SyncBackend()
        self._tls = tls

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: SocketOptions | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream, self._tls)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: SocketOptions | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_unix_socket(path, bounded, socket_options)
        return _DeadlineStream(stream, self._tls)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's HTTP/1.1 transport whose sockets honour :func:`deadline`. TLS is verified with
    httpx's default context (certifi, ``SSL_CERT_FILE``) unless ``verify`` says otherwise."""

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        self._tls = _LazyTls(verify)
        # The pool only hands this placeholder to our streams, which use the real context
        # instead. It trusts no certificate at all: were it ever used, it would refuse.
        placeholder = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().__init__(verify=placeholder)
        limits = httpx.Limits()
        self._pool = httpcore.ConnectionPool(
            ssl_context=placeholder,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_DeadlineBackend(self._tls),
        )

    def prepare(self) -> None:
        """Make the TLS context now (start-up calls this behind the first paint)."""
        with contextlib.suppress(httpcore.ConnectError):  # the first request reports it
            self._tls.get()
