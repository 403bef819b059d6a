"""Sending requests to bookingkit and turning every answer into data or one of our errors.

This is the boundary: httpx exceptions and raw statuses stop here (see ``errors.py``).
GETs are retried with exponential backoff and jitter; writes never are, because bookingkit has
no idempotency key and a repeated POST could book twice.

Every request has an overall deadline (``transport.py`` bounds each socket operation by it)
and its answer is read as a stream under two caps: raw bytes on the wire and bytes after
decompression (we decode gzip/deflate ourselves, a piece at a time, so a gzip bomb stops at the
cap instead of filling memory). Past a cap or the deadline comes a typed error, never a hang.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from voucherdesk.bookingkit import errors, jsonwire
from voucherdesk.bookingkit.guesses import (
    ERROR_CODE_MONTHLY_QUOTA,
    ERROR_CODE_TOKEN_STILL_VALID,
    RETRY_AFTER_HEADER,
)
from voucherdesk.bookingkit.wire_values import LONG_TEXT, MESSAGE_TEXT, clean_text

if TYPE_CHECKING:
    import httpx

# httpx (with httpcore, h11 and the TLS stack) is imported by the first request, not by
# importing this module: the counter window is painted before any request goes out.

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_ANSWER_BYTES = 20_000_000  # on the wire; a 10,000-voucher page is about 1 MB
MAX_DECODED_BYTES = 50_000_000  # after gzip/deflate
ACCEPT_ENCODING = "gzip, deflate"  # what _Decoder reads; anything else is refused
_PIECE = 256 * 1024  # most bytes one decompression step may produce


@dataclass(frozen=True)
class AnswerLimits:
    """What one request may take: ``deadline_s`` for the whole exchange, and bytes."""

    deadline_s: float = 20.0
    max_bytes: int = MAX_ANSWER_BYTES
    max_decoded_bytes: int = MAX_DECODED_BYTES


@dataclass(frozen=True)
class RetryPolicy:
    """How requests are sent again (reads after failures, writes after a plain 429 only).
    ``sleep`` and ``jitter`` are injectable so tests need not wait."""

    max_attempts: int = 3
    base_delay: float = 0.2
    max_delay: float = 5.0
    max_retry_after: float = 30.0  # a longer Retry-After is reported, not waited out
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False)

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return retry_after
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return float(backoff * (0.5 + self.jitter() / 2))  # "equal jitter": between half and full


NO_RETRY = RetryPolicy(max_attempts=1)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After in seconds (numeric form only; an HTTP date is ignored)."""
    raw = response.headers.get(RETRY_AFTER_HEADER)
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        return None
    return max(0.0, seconds)


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = jsonwire.loads(response.content)
    except (ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def error_code(response: httpx.Response) -> int | None:
    """bookingkit's numeric error code from either error body shape."""
    body = _error_body(response)
    return _as_int(body.get("error_code", body.get("code")))


def api_error(response: httpx.Response) -> errors.ApiError:
    """The error for a non-success answer; the message is bookingkit's user-facing text,
    cleaned of control characters and cut to a sane length (it may reach a clerk)."""
    status = response.status_code
    body = _error_body(response)
    code = _as_int(body.get("error_code", body.get("code")))
    internal = body.get("internal_message")
    internal = clean_text(str(internal), LONG_TEXT) if internal is not None else None
    message = clean_text(
        str(
            body.get("user_message")
            or body.get("error_description")
            or body.get("error")
            or response.reason_phrase
            or "error"
        ),
        MESSAGE_TEXT,
    )
    kwargs: dict[str, Any] = {"code": code, "internal_message": internal}
    if status == 400:
        return errors.BadRequest(status, message, **kwargs)
    if status in (401, 403):
        return errors.Unauthorized(status, message, **kwargs)
    if status == 404:
        return errors.NotFound(status, message, **kwargs)
    if status == 429:
        if code == ERROR_CODE_TOKEN_STILL_VALID:
            return errors.TokenStillValid(status, message, **kwargs)
        if code == ERROR_CODE_MONTHLY_QUOTA:
            return errors.QuotaExhausted(status, message, **kwargs)
        return errors.RateLimited(
            status, message, retry_after=retry_after_seconds(response), **kwargs
        )
    if status >= 500:
        return errors.ServerError(status, message, **kwargs)
    return errors.ApiError(status, message, **kwargs)


def redirected(response: httpx.Response) -> errors.Redirected:
    what = f"{response.request.method} {response.request.url.path}"
    return errors.Redirected(
        f"{what}: bookingkit answered with a redirect (HTTP {response.status_code}), which is "
        "never followed; check the address",
        status=response.status_code,
    )


def _retryable(response: httpx.Response, *, idempotent: bool) -> bool:
    """A read may be sent again after any 5xx; a write only after a plain 429 (guess U13:
    bookingkit processed nothing), as a 5xx may come after the write was stored."""
    if response.status_code >= 500:
        return idempotent
    if response.status_code == 429:
        return error_code(response) not in (ERROR_CODE_TOKEN_STILL_VALID, ERROR_CODE_MONTHLY_QUOTA)
    return False


# --- reading one answer ---------------------------------------------------------------------


class _Decoder:
    """Content-Encoding undone piece by piece, each piece at most ``_PIECE`` bytes."""

    def __init__(self, encoding: str, what: str) -> None:
        self._what = what
        self._started = False
        self._raw_deflate_next = encoding == "deflate"  # some servers send it without header
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()  # zlib-wrapped, as RFC 9110 means by deflate
        else:
            raise errors.MalformedResponse(f"{what}: answer in an unknown encoding {encoding!r}")

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._zlib is None:
            yield data
            return
        pending = data
        try:
            while pending and not self._zlib.eof:
                try:
                    piece = self._zlib.decompress(pending, _PIECE)
                except zlib.error:
                    if self._started or not self._raw_deflate_next:
                        raise
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_deflate_next = False
                    continue
                self._started = True
                pending = self._zlib.unconsumed_tail
                if piece:
                    yield piece
        except zlib.error as exc:
            raise errors.MalformedResponse(f"{self._what}: answer cannot be decoded") from exc

    def finish(self) -> None:
        if self._zlib is not None and not self._zlib.eof:
            raise errors.MalformedResponse(f"{self._what}: compressed answer was cut short")


def _read_body(response: httpx.Response, limits: AnswerLimits, at: float, what: str) -> bytes:
    """The decoded body, read under the byte caps and the deadline ``at``."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(what, limits.max_bytes, "bytes")
    if response.is_stream_consumed:  # a transport that hands over a read body (MockTransport)
        if len(response.content) > limits.max_decoded_bytes:
            raise _too_large(what, limits.max_decoded_bytes, "decoded bytes")
        return response.content
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    decoder = _Decoder(encoding, what)
    parts: list[bytes] = []
    raw = decoded = 0
    for chunk in response.iter_raw():
        raw += len(chunk)
        if raw > limits.max_bytes:
            raise _too_large(what, limits.max_bytes, "bytes")
        for piece in decoder.feed(chunk):
            decoded += len(piece)
            if decoded > limits.max_decoded_bytes:
                raise _too_large(what, limits.max_decoded_bytes, "decoded bytes")
            parts.append(piece)
        if time.monotonic() >= at:
            raise _LateAnswer
    decoder.finish()
    return b"".join(parts)


class _LateAnswer(Exception):
    """The deadline passed while the answer was still coming in."""


def _too_large(what: str, limit: int, unit: str) -> errors.AnswerTooLarge:
    return errors.AnswerTooLarge(
        f"{what}: answer larger than {limit:,} {unit}; not read further", limit=limit, unit=unit
    )


def _rebuilt(response: httpx.Response, content: bytes) -> httpx.Response:
    """The answer with its decoded body, as an ordinary (closed, fully read) httpx Response."""
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
    ]
    import httpx

    return httpx.Response(
        response.status_code, headers=headers, content=content, request=response.request
    )


def _certificate_refused(exc: BaseException) -> bool:
    import ssl  # loaded by then: the connection that failed used it

    seen: BaseException | None = exc
    for _ in range(10):  # the cause chain is short; never loop on a cycle
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _exchange(
    http: httpx.Client, request: httpx.Request, limits: AnswerLimits, at: float, what: str
) -> httpx.Response:
    """One request and its whole answer before ``at``; raises httpx errors or ours."""
    from voucherdesk.bookingkit.transport import deadline

    with deadline(at):
        response = http.send(request, stream=True)
        try:
            content = _read_body(response, limits, at, what)
        finally:
            response.close()
    return _rebuilt(response, content)


def send(
    http: httpx.Client,
    request: httpx.Request,
    *,
    retry: RetryPolicy,
    limits: AnswerLimits | None = None,
    on_attempt: Callable[[], None] | None = None,
) -> httpx.Response:
    """Send ``request`` and return the final answer, whatever its status, fully read.

    A GET is retried on transport errors, 5xx and plain 429 up to ``retry.max_attempts``, but
    not after missing its deadline. A write is sent again only after a plain 429 (nothing was
    processed); ``on_attempt`` runs before every attempt, so a caller's settle window starts
    with the last one. Otherwise a write fails at once: before sending with
    :class:`~errors.TransportError`, after sending (a lost or late answer) with
    :class:`~errors.OutcomeUnknown`. An answer over a cap is :class:`~errors.AnswerTooLarge`.
    """
    import httpx

    # Nothing reached the server: safe to report as "not sent", even for a write.
    not_sent = (
        httpx.ConnectError,
        httpx.ConnectTimeout,
        httpx.PoolTimeout,
        httpx.UnsupportedProtocol,
    )
    limits = limits or AnswerLimits()
    idempotent = request.method in ("GET", "HEAD")
    attempts = retry.max_attempts
    what = f"{request.method} {request.url.path}"
    for attempt in range(1, attempts + 1):
        if on_attempt is not None:
            on_attempt()
        at = time.monotonic() + limits.deadline_s
        try:
            response = _exchange(http, request, limits, at, what)
        except not_sent as exc:
            if _certificate_refused(exc):
                raise errors.CertificateRefused(
                    f"bookingkit's TLS certificate was refused ({what}); nothing was sent"
                ) from exc
            failure: errors.TransportError = errors.TransportError(
                f"cannot reach bookingkit ({what}): {type(exc).__name__}"
            )
            cause: Exception = exc
            if time.monotonic() >= at:
                raise errors.DeadlineExceeded(
                    f"no connection to bookingkit within {limits.deadline_s:g} s ({what})",
                    deadline_s=limits.deadline_s,
                ) from exc
        except httpx.DecodingError as exc:  # an answer came, but its encoding is broken
            raise errors.MalformedResponse(f"{what}: answer cannot be decoded") from exc
        except (httpx.HTTPError, _LateAnswer) as exc:
            late = isinstance(exc, _LateAnswer) or time.monotonic() >= at
            name = "deadline" if late else type(exc).__name__
            if not idempotent:
                raise errors.OutcomeUnknown(
                    f"no complete answer to {what} after sending it ({name}); "
                    "it may or may not have taken effect"
                ) from exc
            if late:
                raise errors.DeadlineExceeded(
                    f"bookingkit did not answer {what} within {limits.deadline_s:g} s",
                    deadline_s=limits.deadline_s,
                ) from exc
            failure = errors.TransportError(f"no answer from bookingkit ({what}): {name}")
            cause = exc
        else:
            if attempt == attempts or not _retryable(response, idempotent=idempotent):
                return response
            wait = retry.delay(attempt, retry_after_seconds(response))
            if wait > retry.max_retry_after:
                return response
            log.info(
                "%s answered %s; retry %d in %.2f s", what, response.status_code, attempt, wait
            )
            retry.sleep(wait)
            continue
        if attempt == attempts or not idempotent:
            raise failure from cause
        wait = retry.delay(attempt, None)
        log.info("%s failed (%s); retry %d in %.2f s", what, failure, attempt, wait)
        retry.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def parse_objects(response: httpx.Response) -> list[dict[str, Any]]:
    """A success answer that must be a JSON list of objects (a page of a long list), parsed
    one item at a time so a large page never holds the interpreter lock in one piece; errors
    as :func:`parse` gives them."""
    what = f"{response.request.method} {response.request.url.path}"
    try:
        items = list(jsonwire.iter_array(jsonwire.text_of(response.content)))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise errors.MalformedResponse(f"{what}: answer is not JSON") from exc
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise errors.MalformedResponse(
                f"{what}: unexpected answer shape (1 problem(s), first at {n}: not an object)"
            )
    return items


def parse(response: httpx.Response, adapter: TypeAdapter[T]) -> T:
    """The body of a success answer as ``T``; anything unreadable is MalformedResponse."""
    what = f"{response.request.method} {response.request.url.path}"
    try:
        data = jsonwire.loads(response.content)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise errors.MalformedResponse(f"{what}: answer is not JSON") from exc
    try:
        return adapter.validate_python(data)
    except (ValidationError, RecursionError) as exc:
        problems = (
            exc.errors(include_input=False, include_url=False)
            if isinstance(exc, ValidationError)
            else []
        )
        where = clean_text(".".join(str(p) for p in problems[0]["loc"]), 80) if problems else ""
        reason = clean_text(problems[0]["msg"], 120) if problems else "invalid"
        raise errors.MalformedResponse(
            f"{what}: unexpected answer shape ({len(problems)} problem(s), first at "
            f"{where or 'top level'}: {reason})"
        ) from exc
