"""The one module that touches the OS keyring.

API credentials and the current access token live only in the keyring (Windows Credential
Manager, macOS Keychain, Secret Service on Linux). If no real keyring is usable we refuse and say
how to fix it; there is deliberately no plaintext fallback.
"""

from __future__ import annotations

import json
import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from voucherdesk.bookingkit.auth import Credentials, StoredToken

log = logging.getLogger(__name__)

SERVICE = "VoucherDesk"

# Backends that keep secrets in a plain file or nowhere: never acceptable.
_REFUSED_BACKENDS = ("fail", "null", "PlaintextKeyring", "EncryptedKeyring", "Uncrypted")

NO_KEYRING_HELP = (
    "No usable OS keyring was found, so VoucherDesk cannot store the bookingkit credentials "
    "safely and will not store them anywhere else. On Windows use the Credential Manager, on "
    "macOS the Keychain; on Linux start a Secret Service (GNOME Keyring or KWallet) in your "
    "desktop session, then try again."
)


class KeyringUnavailable(RuntimeError):
    """No safe keyring backend, or the keyring refused to work (locked, no D-Bus, ...)."""

    def __init__(self, detail: str | None = None) -> None:
        message = NO_KEYRING_HELP if not detail else f"{NO_KEYRING_HELP} ({detail})"
        super().__init__(message)


def backend_name(backend: KeyringBackend | None = None) -> str:
    backend = backend or keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable(backend: KeyringBackend | None = None) -> bool:
    """True when the active backend is a real OS keyring."""
    backend = backend or keyring.get_keyring()
    name = backend_name(backend)
    if any(word in name for word in _REFUSED_BACKENDS):
        return False
    if "keyrings.alt" in name:
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # a backend whose priority check fails is not usable
        return False


class CredentialStore:
    """Credentials and token of one bookingkit environment in the OS keyring."""

    def __init__(self, environment: str, backend: KeyringBackend | None = None) -> None:
        self._environment = environment
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        if not keyring_usable(backend):
            raise KeyringUnavailable(f"backend {type(backend).__name__}")
        return backend

    def _user(self, item: str) -> str:
        return f"{self._environment}:{item}"

    def _get(self, item: str) -> str | None:
        try:
            return self._keyring().get_password(SERVICE, self._user(item))
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: name only, never the payload
            raise KeyringUnavailable(type(exc).__name__) from None

    def _set(self, item: str, value: str) -> None:
        try:
            self._keyring().set_password(SERVICE, self._user(item), value)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: name only, never the payload
            raise KeyringUnavailable(type(exc).__name__) from None

    def _delete(self, item: str) -> None:
        try:
            self._keyring().delete_password(SERVICE, self._user(item))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: name only, never the payload
            raise KeyringUnavailable(type(exc).__name__) from None

    # --- credentials ---------------------------------------------------------------------

    def load(self) -> Credentials | None:
        raw = self._get("credentials")
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return Credentials(str(data["client_id"]), str(data["client_secret"]))
        except (ValueError, KeyError, TypeError):
            log.warning(
                "stored credentials for %s are unreadable; ignoring them", self._environment
            )
            return None

    def save(self, credentials: Credentials) -> None:
        payload = {"client_id": credentials.client_id, "client_secret": credentials.client_secret}
        self._set("credentials", json.dumps(payload))

    def forget(self) -> None:
        """Remove credentials and token of this environment."""
        self._delete("credentials")
        self._delete("token")

    # --- token (TokenStore protocol) -----------------------------------------------------

    def token_store(self) -> KeyringTokenStore:
        return KeyringTokenStore(self)


class KeyringTokenStore:
    """Keeps the bearer token in the keyring so it survives restarts (one token per hour)."""

    def __init__(self, store: CredentialStore) -> None:
        self._store = store

    def load(self) -> StoredToken | None:
        raw = self._store._get("token")
        if raw is None:
            return None
        try:
            return StoredToken.from_json(raw)
        except (ValueError, KeyError, TypeError):
            return None

    def save(self, token: StoredToken) -> None:
        self._store._set("token", token.to_json())

    def clear(self) -> None:
        self._store._delete("token")
