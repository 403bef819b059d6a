"""Credentials and the one access token bookingkit allows per API client.

bookingkit answers 429/42901 when a token is requested while another one of the same API client
is still valid, and it has no refresh token. So a token is kept in a :class:`TokenStore`
(the OS keyring in the app), reused across client instances and restarts, and used to its very
end: no early refresh (that would meet 42901 every hour). When bookingkit answers 42901 while
we hold a token of our own it has not refused, that token is still alive there, and we use it.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.guesses import ERROR_CODE_TOKEN_STILL_VALID, REQUIRED_SCOPES
from voucherdesk.bookingkit.http import (
    NO_RETRY,
    AnswerLimits,
    api_error,
    error_code,
    parse,
    redirected,
    send,
)
from voucherdesk.bookingkit.models import TokenGrant, Validator
from voucherdesk.bookingkit.tokens import Credentials, StoredToken, TokenStore, secret_check
from voucherdesk.clock import Clock, utc_now
from voucherdesk.logs import register_secret

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from voucherdesk.bookingkit.environments import Environment

log = logging.getLogger(__name__)

TOKEN_LIFETIME_BOUND = timedelta(hours=1)  # documented lifetime: the longest anyone waits
_GRANT: Validator[TokenGrant] = Validator(TokenGrant)


_REFUSED = frozenset({"invalid_client", "unauthorized_client", "invalid_grant"})


def _oauth_error(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return None
    return str(body.get("error")) if isinstance(body, dict) else None


# One lock for every token refresh in the process: clients that share a store must not both
# ask for a token (the second would get 42901). Refreshes are rare, so one lock is enough.
_REFRESH_LOCK = threading.Lock()


def still_valid_message(busy_until: datetime) -> str:
    """For logs: the edges word TokenStillValid from its type and ``busy_until``."""
    return f"another token of this API client is valid until {busy_until:%Y-%m-%d %H:%M} UTC"


class TokenManager:
    """Hands out a valid access token, asking bookingkit for one only when none is valid."""

    def __init__(
        self,
        environment: Environment,
        credentials: Credentials,
        store: TokenStore,
        http: Callable[[], httpx.Client],
        *,
        clock: Clock = utc_now,
        limits: AnswerLimits | None = None,
    ) -> None:
        self._environment = environment
        self._credentials = credentials
        self._store = store
        self._http = http  # the client's connection, made when first needed
        self._clock = clock
        self._limits = limits or AnswerLimits()
        self._cached: StoredToken | None = None  # our latest token, even if run out by our clock
        self._refused: set[str] = set()  # tokens bookingkit answered 401 to
        self._alive: str | None = None  # our token that bookingkit's 42901 showed still alive

    def _usable(self, token: StoredToken | None, now: datetime) -> bool:
        if token is None or token.access_token in self._refused:
            return False
        if not token.issued_to(self._credentials):
            return False
        if token.access_token == self._alive:  # bookingkit itself said it lives
            return True
        return token.earned_with(self._credentials) and token.is_valid(now)

    def known(self) -> StoredToken | None:
        """The valid token held in memory; never asks the store (the keyring may block)."""
        cached = self._cached
        return cached if self._usable(cached, self._clock()) else None

    def current(self) -> StoredToken | None:
        """The valid token we hold, if any (without asking bookingkit)."""
        now = self._clock()
        cached = self._cached
        if self._usable(cached, now):
            return cached
        stored = self._store.load()
        if self._usable(stored, now):
            assert stored is not None
            register_secret(stored.access_token)
            self._cached = stored
            return stored
        return None

    def token(self) -> str:
        """A valid access token; requests a new one only if none is held."""
        found = self.current()
        if found is not None:
            return found.access_token
        with _REFRESH_LOCK:
            found = self.current()  # another thread may have fetched one meanwhile
            if found is not None:
                return found.access_token
            try:
                fresh = self._request_token()
            except errors.TokenStillValid as exc:
                return self._own_token_alive(exc)
            register_secret(fresh.access_token)
            # Held in memory first: bookingkit issues no other token for an hour, so a store
            # that fails now (a locked keyring) must not cost us this one.
            self._cached, self._alive = fresh, None
            self._refused.clear()
            try:
                self._store.save(fresh)
            except Exception as exc:
                log.warning(
                    "access token kept in memory only; store failed: %s", type(exc).__name__
                )
            return fresh.access_token

    def _latest_own(self) -> StoredToken | None:
        """Our latest token of this API client, valid by our clock or not."""
        try:
            stored = self._store.load()
        except Exception:  # the keyring may be locked; memory still counts
            stored = None
        candidates = [t for t in (self._cached, stored) if t is not None]
        candidates = [t for t in candidates if t.issued_to(self._credentials)]
        return max(candidates, key=lambda t: t.expires_at, default=None)

    def _own_token_alive(self, exc: errors.TokenStillValid) -> str:
        """42901: a token of this API client is alive at bookingkit. If it may be ours, keep
        using it; otherwise another counter or program holds it."""
        own = self._latest_own()
        now = self._clock()
        if own is None:
            raise exc
        if own.access_token not in self._refused:
            # Our clock says it ran out (or this process never used it), bookingkit says a
            # token lives: ours. Use it until bookingkit itself refuses it.
            log.info("bookingkit still holds our access token (42901); using it")
            register_secret(own.access_token)
            self._cached, self._alive = own, own.access_token
            return own.access_token
        if own.is_valid(now):
            # bookingkit refused our token with a 401 although it is still alive there: the
            # 401 was about something else, most likely a missing scope. Keep the token
            # rather than lock this counter out for an hour, and say what is wrong.
            self._refused.discard(own.access_token)
            self._cached = own
            try:
                self._store.save(own)
            except Exception as store_exc:
                log.warning("access token not stored again: %s", type(store_exc).__name__)
            raise errors.Unauthorized(
                401,
                "bookingkit refused the request although our access token is still valid; "
                "the API client probably lacks a permission (scope) for it",
            ) from None
        raise exc

    def invalidate(self, rejected: str) -> None:
        """bookingkit refused ``rejected`` (401): never offer it again."""
        with _REFRESH_LOCK:
            self._refused.add(rejected)
            if self._alive == rejected:
                self._alive = None
            try:
                stored = self._store.load()
                if stored is not None and stored.access_token == rejected:
                    self._store.clear()
            except Exception as exc:  # the keyring may be locked: memory knows it anyway
                log.warning("refused token not cleared from the store: %s", type(exc).__name__)

    def _request_token(self) -> StoredToken:
        if self._credentials.bound_to not in (None, self._environment.base_url):
            # Stored for another address: the secret is never sent anywhere else, and must be
            # typed again for this one.
            raise errors.CredentialsRefused(
                401, "the stored credentials belong to another bookingkit address"
            )
        form = {
            "grant_type": "client_credentials",
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
            "scope": " ".join(REQUIRED_SCOPES),
        }
        http = self._http()
        request = http.build_request("POST", self._environment.token_url, data=form)
        # Sent once: if the answer is lost, bookingkit may have issued a token we never saw,
        # and asking again would only meet 42901.
        requested_at = self._clock()
        response = send(http, request, retry=NO_RETRY, limits=self._limits)
        log.info("token request answered %s", response.status_code)
        status = response.status_code
        if status in (401, 403) or (status == 400 and _oauth_error(response) in _REFUSED):
            raise errors.CredentialsRefused(status, "client id or secret refused")
        if status == 429 and error_code(response) == ERROR_CODE_TOKEN_STILL_VALID:
            busy_until = requested_at + TOKEN_LIFETIME_BOUND
            raise errors.TokenStillValid(
                status,
                still_valid_message(busy_until),
                code=ERROR_CODE_TOKEN_STILL_VALID,
                busy_until=busy_until,
            )
        if 300 <= status < 400:
            raise redirected(response)
        if status != 200:
            raise api_error(response)
        grant = parse(response, _GRANT.get())
        return StoredToken(
            access_token=grant.access_token,
            expires_at=requested_at + timedelta(seconds=grant.expires_in),
            scope=grant.scope,
            client_id=self._credentials.client_id,
            secret_check=secret_check(self._credentials.client_secret),
        )
