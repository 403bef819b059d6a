"""Credentials and the one access token bookingkit allows per API client.

bookingkit answers 429/42901 when a token is requested while another one of the same API client
is still valid, and it has no refresh token. So a token is kept in a :class:`TokenStore`
(the OS keyring in the app) and reused until it runs out, across client instances and restarts.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

import httpx
from pydantic import TypeAdapter

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.guesses import ERROR_CODE_TOKEN_STILL_VALID, REQUIRED_SCOPES
from voucherdesk.bookingkit.http import NO_RETRY, api_error, error_code, parse, send
from voucherdesk.bookingkit.models import TokenGrant
from voucherdesk.clock import Clock, utc_now
from voucherdesk.logs import register_secret

log = logging.getLogger(__name__)

SAFETY_MARGIN = timedelta(seconds=60)
TOKEN_LIFETIME_BOUND = timedelta(hours=1)  # documented lifetime: the longest anyone waits
_GRANT = TypeAdapter(TokenGrant)


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class StoredToken:
    access_token: str = field(repr=False)
    expires_at: datetime
    scope: str = ""

    def is_valid(self, now: datetime) -> bool:
        """Valid with a margin, so a token never runs out between check and use."""
        return now + SAFETY_MARGIN < self.expires_at

    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token,
                "expires_at": self.expires_at.isoformat(),
                "scope": self.scope,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> StoredToken:
        """Raises ValueError for anything that is not a token we wrote."""
        try:
            data = json.loads(text)
            expires_at = datetime.fromisoformat(data["expires_at"])
            token = cls(str(data["access_token"]), expires_at, str(data.get("scope", "")))
        except (TypeError, KeyError, ValueError) as exc:
            raise ValueError("not a stored token") from exc
        if expires_at.tzinfo is None:
            raise ValueError("stored token expiry has no time zone")
        return token


class TokenStore(Protocol):
    def load(self) -> StoredToken | None: ...
    def save(self, t: StoredToken) -> None: ...
    def clear(self) -> None: ...


class MemoryTokenStore:
    """A token store for tests, demo mode and one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._token: StoredToken | None = None

    def load(self) -> StoredToken | None:
        with self._lock:
            return self._token

    def save(self, t: StoredToken) -> None:
        with self._lock:
            self._token = t

    def clear(self) -> None:
        with self._lock:
            self._token = None


_REFUSED = frozenset({"invalid_client", "unauthorized_client", "invalid_grant"})


def _oauth_error(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return str(body.get("error")) if isinstance(body, dict) else None


# One lock for every token refresh in the process: clients that share a store must not both
# ask for a token (the second would get 42901). Refreshes are rare, so one lock is enough.
_REFRESH_LOCK = threading.Lock()


def still_valid_message(busy_until: datetime) -> str:
    return (
        "Another counter or program is using the same bookingkit API client and holds its only "
        "access token, so this counter cannot sign in now. That token runs out by "
        f"{busy_until:%Y-%m-%d %H:%M} UTC at the latest; try again then. "
        "Give every counter its own API client to avoid this."
    )


class TokenManager:
    """Hands out a valid access token, asking bookingkit for one only when none is valid."""

    def __init__(
        self,
        environment: Environment,
        credentials: Credentials,
        store: TokenStore,
        http: httpx.Client,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self._environment = environment
        self._credentials = credentials
        self._store = store
        self._http = http
        self._clock = clock
        self._cached: StoredToken | None = None
        self._dropped: StoredToken | None = None  # the last token bookingkit answered 401 to

    def known(self) -> StoredToken | None:
        """The valid token held in memory; never asks the store (the keyring may block)."""
        cached = self._cached
        return cached if cached is not None and cached.is_valid(self._clock()) else None

    def current(self) -> StoredToken | None:
        """The valid token we hold, if any (without asking bookingkit)."""
        now = self._clock()
        cached = self._cached
        if cached is not None and cached.is_valid(now):
            return cached
        stored = self._store.load()
        if stored is not None and stored.is_valid(now):
            register_secret(stored.access_token)
            self._cached = stored
            return stored
        return None

    def token(self) -> str:
        """A valid access token; requests a new one only if none is stored."""
        found = self.current()
        if found is not None:
            return found.access_token
        with _REFRESH_LOCK:
            found = self.current()  # another thread may have fetched one meanwhile
            if found is not None:
                return found.access_token
            try:
                fresh = self._request_token()
            except errors.TokenStillValid:
                self._restore_dropped()
                raise
            self._dropped = None
            register_secret(fresh.access_token)
            # Held in memory first: bookingkit issues no other token for an hour, so a store
            # that fails now (a locked keyring) must not cost us this one.
            self._cached = fresh
            try:
                self._store.save(fresh)
            except Exception as exc:
                log.warning(
                    "access token kept in memory only; store failed: %s", type(exc).__name__
                )
            return fresh.access_token

    def _restore_dropped(self) -> None:
        """42901 right after a 401: the token we dropped is still valid at bookingkit, so the
        401 was about something else (most likely a missing scope). Keep the token rather than
        lock this counter out for an hour, and say what is wrong."""
        dropped, self._dropped = self._dropped, None
        if dropped is None or not dropped.is_valid(self._clock()):
            return
        self._store.save(dropped)
        self._cached = dropped
        raise errors.Unauthorized(
            401,
            "bookingkit refused the request although our access token is still valid; "
            "the API client probably lacks a permission (scope) for it",
        )

    def invalidate(self, rejected: str) -> None:
        """bookingkit refused ``rejected``: forget it, unless a newer token replaced it already."""
        with _REFRESH_LOCK:
            if self._cached is not None and self._cached.access_token == rejected:
                self._dropped = self._cached
                self._cached = None
            stored = self._store.load()
            if stored is not None and stored.access_token == rejected:
                self._dropped = stored
                self._store.clear()

    def _request_token(self) -> StoredToken:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
            "scope": " ".join(REQUIRED_SCOPES),
        }
        request = self._http.build_request("POST", self._environment.token_url, data=form)
        # Sent once: if the answer is lost, bookingkit may have issued a token we never saw,
        # and asking again would only meet 42901.
        requested_at = self._clock()
        response = send(self._http, request, retry=NO_RETRY)
        log.info("token request answered %s", response.status_code)
        status = response.status_code
        if status in (401, 403) or (status == 400 and _oauth_error(response) in _REFUSED):
            raise errors.Unauthorized(status, "client id or secret refused")
        if status == 429 and error_code(response) == ERROR_CODE_TOKEN_STILL_VALID:
            busy_until = requested_at + TOKEN_LIFETIME_BOUND
            raise errors.TokenStillValid(
                status,
                still_valid_message(busy_until),
                code=ERROR_CODE_TOKEN_STILL_VALID,
                busy_until=busy_until,
            )
        if status != 200:
            raise api_error(response)
        grant = parse(response, _GRANT)
        return StoredToken(
            access_token=grant.access_token,
            expires_at=requested_at + timedelta(seconds=grant.expires_in),
            scope=grant.scope,
        )
