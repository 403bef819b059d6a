"""API clients, their tokens and the vendor's monthly quota (bookingkit's access rules).

``Access`` shares the state's lock, so a token check and the quota count happen in one step
with everything else.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from voucherdesk.standin.problems import (
    MISSING_SCOPE,
    UNAUTHORIZED,
    ApiProblem,
    OAuthProblem,
    quota_exhausted,
    token_still_valid,
)
from voucherdesk.standin.store import Client, Token


class Access:
    def __init__(
        self,
        lock: threading.RLock,
        clock: Callable[[], datetime],
        token_lifetime: int,
        monthly_quota: int,
    ) -> None:
        self._lock = lock
        self._clock = clock
        self.token_lifetime = token_lifetime
        self.monthly_quota = monthly_quota
        self._clients: dict[str, Client] = {}
        self._tokens: dict[str, Token] = {}
        self.token_requests = 0
        self.api_requests = 0
        self._quota_used = 0
        self._quota_month = self._month()

    def _month(self) -> str:
        return self._clock().strftime("%Y-%m")

    def add_client(self, client_id: str, secret: str, scopes: Sequence[str]) -> None:
        with self._lock:
            self._clients[client_id] = Client(client_id, secret, tuple(scopes))

    def issue_token(self, client_id: str, secret: str, scope: str | None) -> dict[str, Any]:
        """POST /oauth/token: one valid token per client at a time (42901 otherwise)."""
        with self._lock:
            self.token_requests += 1
            client = self._clients.get(client_id)
            if client is None or not secrets.compare_digest(client.secret, secret):
                raise OAuthProblem(401, "invalid_client", "Client authentication failed")
            granted = client.scopes
            if scope:
                granted = tuple(s for s in client.scopes if s in scope.split())
                if not granted:
                    raise OAuthProblem(400, "invalid_scope", "None of the scopes is granted")
            now = self._clock()
            for token in self._tokens.values():
                if token.client_id == client_id and token.expires_at > now:
                    raise token_still_valid()
            value = secrets.token_hex(20)
            expires = now + timedelta(seconds=self.token_lifetime)
            self._tokens[value] = Token(client_id, expires, granted)
            return {
                "access_token": value,
                "token_type": "Bearer",
                "expires_in": self.token_lifetime,
                "scope": " ".join(granted),
            }

    def issued_tokens(self) -> list[str]:
        """Every token value issued so far (tests search files and logs for them)."""
        with self._lock:
            return list(self._tokens)

    def expire_tokens(self) -> int:
        """End every token now; how many were still valid."""
        with self._lock:
            now = self._clock()
            live = [token for token in self._tokens.values() if token.expires_at > now]
            for token in self._tokens.values():
                token.expires_at = now - timedelta(seconds=1)
            return len(live)

    def _token(self, token_value: str | None) -> Token:
        token = self._tokens.get(token_value or "")
        if token is None or token.expires_at <= self._clock():
            raise ApiProblem(401, UNAUTHORIZED, "Unauthorized", "invalid or expired token")
        return token

    def authorize(self, token_value: str | None) -> None:
        """Check a bearer token, then count the request against the vendor's monthly quota."""
        with self._lock:
            self._token(token_value)
            month = self._month()
            if month != self._quota_month:
                self._quota_month, self._quota_used = month, 0
            if self._quota_used >= self.monthly_quota:
                raise quota_exhausted(self.monthly_quota)
            self._quota_used += 1
            self.api_requests += 1

    def holder(self, token_value: str | None) -> tuple[str, tuple[str, ...]]:
        """The API client a valid token was issued to, and the scopes it carries."""
        with self._lock:
            token = self._token(token_value)
            return token.client_id, token.scopes

    def check_scope(self, token_value: str | None, needs: Iterable[str]) -> None:
        """U5: a token without one of the scopes ``needs`` gets a 401 (403 is undocumented)."""
        with self._lock:
            token = self._token(token_value)
            wanted = tuple(needs)
            if wanted and not any(s in token.scopes for s in wanted):
                raise ApiProblem(
                    401, MISSING_SCOPE, "Unauthorized", f"token lacks scope {' or '.join(wanted)}"
                )

    def set_quota_used(self, n: int) -> None:
        with self._lock:
            self._quota_month, self._quota_used = self._month(), n
