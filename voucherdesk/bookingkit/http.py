"""Sending requests to bookingkit and turning every answer into data or one of our errors.

This is the boundary: httpx exceptions and raw statuses stop here (see ``errors.py``).
GETs are retried with exponential backoff and jitter; writes never are, because bookingkit has
no idempotency key and a repeated POST could book twice.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from voucherdesk.bookingkit import errors, jsonwire
from voucherdesk.bookingkit.guesses import (
    ERROR_CODE_MONTHLY_QUOTA,
    ERROR_CODE_TOKEN_STILL_VALID,
    RETRY_AFTER_HEADER,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Nothing reached the server: safe to report as "not sent", even for a write.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


@dataclass(frozen=True)
class RetryPolicy:
    """How GETs are retried. ``sleep`` and ``jitter`` are injectable so tests need not wait."""

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
    except ValueError:
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
    """The error for a non-success answer; the message is bookingkit's user-facing text."""
    status = response.status_code
    body = _error_body(response)
    code = _as_int(body.get("error_code", body.get("code")))
    internal = body.get("internal_message")
    internal = str(internal) if internal is not None else None
    message = str(
        body.get("user_message")
        or body.get("error_description")
        or body.get("error")
        or response.reason_phrase
        or "error"
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


def _retryable(response: httpx.Response) -> bool:
    if response.status_code >= 500:
        return True
    if response.status_code == 429:
        return error_code(response) not in (ERROR_CODE_TOKEN_STILL_VALID, ERROR_CODE_MONTHLY_QUOTA)
    return False


def send(
    http: httpx.Client,
    request: httpx.Request,
    *,
    retry: RetryPolicy,
    on_attempt: Callable[[], None] | None = None,
) -> httpx.Response:
    """Send ``request`` and return the final answer, whatever its status.

    A GET is retried on transport errors, 5xx and plain 429 up to ``retry.max_attempts``.
    Anything else is sent once: a failure before sending is :class:`~errors.TransportError`,
    a failure after sending is :class:`~errors.OutcomeUnknown`.
    """
    idempotent = request.method in ("GET", "HEAD")
    attempts = retry.max_attempts if idempotent else 1
    what = f"{request.method} {request.url.path}"
    for attempt in range(1, attempts + 1):
        if on_attempt is not None:
            on_attempt()
        try:
            response = http.send(request)
            response.read()
        except _NOT_SENT as exc:
            failure: errors.TransportError = errors.TransportError(
                f"cannot reach bookingkit ({what}): {type(exc).__name__}"
            )
            cause: Exception = exc
        except httpx.DecodingError as exc:  # an answer came, but its encoding is broken
            raise errors.MalformedResponse(f"{what}: answer cannot be decoded") from exc
        except httpx.HTTPError as exc:
            if not idempotent:
                raise errors.OutcomeUnknown(
                    f"no answer to {what} after sending it ({type(exc).__name__}); "
                    "it may or may not have taken effect"
                ) from exc
            failure = errors.TransportError(
                f"no answer from bookingkit ({what}): {type(exc).__name__}"
            )
            cause = exc
        else:
            if attempt == attempts or not _retryable(response):
                return response
            wait = retry.delay(attempt, retry_after_seconds(response))
            if wait > retry.max_retry_after:
                return response
            log.info(
                "%s answered %s; retry %d in %.2f s", what, response.status_code, attempt, wait
            )
            retry.sleep(wait)
            continue
        if attempt == attempts:
            raise failure from cause
        wait = retry.delay(attempt, None)
        log.info("%s failed (%s); retry %d in %.2f s", what, failure, attempt, wait)
        retry.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def parse(response: httpx.Response, adapter: TypeAdapter[T]) -> T:
    """The body of a success answer as ``T``; anything unreadable is MalformedResponse."""
    what = f"{response.request.method} {response.request.url.path}"
    try:
        data = jsonwire.loads(response.content)
    except ValueError as exc:
        raise errors.MalformedResponse(f"{what}: answer is not JSON") from exc
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        problems = exc.errors(include_input=False, include_url=False)
        where = ".".join(str(p) for p in problems[0]["loc"]) if problems else ""
        reason = problems[0]["msg"] if problems else "invalid"
        raise errors.MalformedResponse(
            f"{what}: unexpected answer shape ({len(problems)} problem(s), first at "
            f"{where or 'top level'}: {reason})"
        ) from exc
