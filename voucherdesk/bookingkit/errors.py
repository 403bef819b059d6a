"""The errors the bookingkit client raises, as one tree.

    BookingkitError
    ├── TransportError            no answer at all: connection refused, DNS, TLS
    │   ├── CertificateRefused    the server's TLS certificate failed verification
    │   ├── DeadlineExceeded      a read's whole answer did not arrive within its deadline
    │   └── OutcomeUnknown        a request was sent and we cannot tell if it took effect
    │                             (timeout, deadline or dropped connection after a write)
    ├── MalformedResponse         an answer we cannot read (not JSON, wrong shape, a value
    │   │                         out of range, an encoding we cannot decode)
    │   ├── Redirected            a 3xx: never followed, never read as success
    │   └── AnswerTooLarge        one answer (bytes, decoded bytes, items) over its cap
    │       └── ListTooLong       the voucher list ran past the index's cap (codes or pages)
    └── ApiError                  bookingkit answered with an error status
        ├── BadRequest            400, with bookingkit's ``user_message``
        ├── Unauthorized          401 (token rejected, or a permission missing)
        │   └── CredentialsRefused  the token endpoint refused the client id or secret
        ├── NotFound              404
        ├── TokenStillValid       429 / 42901: another token of this API client is still valid
        ├── QuotaExhausted        429 / 42910: the vendor's monthly request quota is used up
        ├── RateLimited           any other 429
        └── ServerError           5xx

Lower-level httpx errors are translated at the boundary (``http.py``); nothing above the API
layer sees an httpx type. Messages never contain a token or a secret.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeGuard


class BookingkitError(Exception):
    """Base of every error raised by the bookingkit client."""


class TransportError(BookingkitError):
    """bookingkit could not be reached (offline, refused, DNS, TLS)."""


class CertificateRefused(TransportError):
    """TLS: the server's certificate did not verify (wrong host, self-signed, expired, or a
    proxy that intercepts TLS). Nothing was sent."""


class DeadlineExceeded(TransportError):
    """No whole answer within the request's overall deadline (a server that trickles its
    answer, or no connection in time). For a write that was sent, the deadline ends in
    :class:`OutcomeUnknown` instead; this type then only means nothing was sent."""

    def __init__(self, message: str, *, deadline_s: float) -> None:
        super().__init__(message)
        self.deadline_s = deadline_s


class NotSent(TransportError):
    """The caller withdrew the request before it left (``on_sent`` raised it): nothing was
    sent this time."""


class OutcomeUnknown(TransportError):
    """A write was sent but no answer came back: it may or may not have taken effect."""


class MalformedResponse(BookingkitError):
    """bookingkit answered, but with something we cannot read."""


class Redirected(MalformedResponse):
    """A 3xx answer. bookingkit does not redirect API calls, so this is most likely a wrong
    custom address; redirects are never followed (a token must not travel to another host)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class AnswerTooLarge(MalformedResponse):
    """An answer over one of our caps; ``limit`` is the cap and ``unit`` what it counts
    ("bytes", "decoded bytes", "items")."""

    def __init__(self, message: str, *, limit: int, unit: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.unit = unit


class ListTooLong(AnswerTooLarge):
    """The voucher list did not end within the index's cap (``unit`` "codes" or "pages")."""


class ApiError(BookingkitError):
    """bookingkit answered with an error status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: int | None = None,
        internal_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.internal_message = internal_message

    def __str__(self) -> str:
        return f"HTTP {self.status}: {self.message}"


class BadRequest(ApiError):
    """400: bookingkit refused the request; ``message`` is its ``user_message``."""


class Unauthorized(ApiError):
    """401: the token or the credentials were refused."""


class CredentialsRefused(Unauthorized):
    """The token endpoint refused the client id or secret (or they belong to another
    address and were not sent at all): the setup must be run again."""


class NotFound(ApiError):
    """404: no such item."""


class TokenStillValid(ApiError):
    """429 / 42901: bookingkit keeps one token per API client and ours is not it.

    When we hold no token ourselves, another counter (or program) uses the same API client.
    ``busy_until`` is when that other token runs out at the latest, if we can tell.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: int | None = None,
        internal_message: str | None = None,
        busy_until: datetime | None = None,
    ) -> None:
        super().__init__(status, message, code=code, internal_message=internal_message)
        self.busy_until = busy_until


class QuotaExhausted(ApiError):
    """429 / 42910: the monthly request quota is used up until the 1st of next month."""


class RateLimited(ApiError):
    """Any other 429; ``retry_after`` seconds when bookingkit says so."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: int | None = None,
        internal_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, message, code=code, internal_message=internal_message)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx from bookingkit."""


def may_have_landed(exc: BaseException) -> bool:
    """After a write failed with ``exc``, may bookingkit have stored it all the same?

    A lost answer, a 5xx (bookingkit may store before failing to answer) and an unreadable
    answer all may have. A plain TransportError should mean "not sent", but it counts too:
    one lookup is cheaper than a wrong guess. A 4xx refusal stored nothing, and neither did a
    write its caller withdrew (:class:`NotSent`: every attempt before it was answered with a
    429 or a 401).
    """
    if isinstance(exc, NotSent):
        return False
    return isinstance(exc, TransportError | ServerError | MalformedResponse)


def is_refusal(exc: BaseException) -> TypeGuard[ApiError]:
    """bookingkit answered a write with a refusal (4xx): it certainly stored nothing."""
    return isinstance(exc, ApiError) and not may_have_landed(exc)
