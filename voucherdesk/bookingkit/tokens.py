"""An API client's credentials and the token they earned, as the counter keeps them.

Plain values with no pydantic or httpx behind them: the keyring store (``credentials.py``) and
the audit trail's head name them without loading the client (issue #13). Getting a token is
``auth.TokenManager``'s job.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

_TOKEN_TEXT = re.compile(r"[A-Za-z0-9\-._~+/]{1,4096}=*")  # RFC 6750 b64token, as TokenGrant


@dataclass(frozen=True)
class Credentials:
    """An API client's id and secret. ``bound_to`` is the base URL they were stored for (None
    when typed in just now): a client for any other address refuses to send them."""

    client_id: str
    client_secret: str = field(repr=False)
    bound_to: str | None = field(default=None, compare=False)


def secret_check(secret: str, salt: str | None = None) -> str:
    """A salted hash that tells, later, whether a secret is the one that earned a token."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()
    return f"{salt}${digest}"


def secret_matches(check: str, secret: str) -> bool:
    salt, _, _digest = check.partition("$")
    return bool(salt) and hmac.compare_digest(secret_check(secret, salt), check)


@dataclass(frozen=True)
class StoredToken:
    """A token with the earliest moment it can run out (asked-at + ``expires_in``), the API
    client it was issued to and a check of the secret that earned it."""

    access_token: str = field(repr=False)
    expires_at: datetime
    scope: str = ""
    client_id: str = ""
    secret_check: str = field(default="", repr=False)

    def is_valid(self, now: datetime) -> bool:
        """Still valid by our clock. No margin: bookingkit counted its hour from a moment no
        earlier than ours, so a token valid here is valid there."""
        return now < self.expires_at

    def issued_to(self, credentials: Credentials) -> bool:
        return self.client_id in ("", credentials.client_id)

    def earned_with(self, credentials: Credentials) -> bool:
        """Issued to this client for this very secret (a token of ours from before the secret
        check existed counts as earned with it)."""
        if not self.issued_to(credentials):
            return False
        return not self.secret_check or secret_matches(self.secret_check, credentials.client_secret)

    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token,
                "expires_at": self.expires_at.isoformat(),
                "scope": self.scope,
                "client_id": self.client_id,
                "secret_check": self.secret_check,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> StoredToken:
        """Raises ValueError for anything that is not a token we wrote."""
        try:
            data = json.loads(text)
            expires_at = datetime.fromisoformat(data["expires_at"])
            token = cls(
                str(data["access_token"]),
                expires_at,
                str(data.get("scope", "")),
                str(data.get("client_id", "")),
                str(data.get("secret_check", "")),
            )
        except (TypeError, KeyError, ValueError, RecursionError) as exc:
            raise ValueError("not a stored token") from exc
        if expires_at.tzinfo is None:
            raise ValueError("stored token expiry has no time zone")
        if not _TOKEN_TEXT.fullmatch(token.access_token):
            raise ValueError("stored token is not a plain bearer token")
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
