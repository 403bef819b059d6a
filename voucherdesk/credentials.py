"""The one module that touches the OS keyring.

API credentials and the current access token live only in the keyring (Windows Credential
Manager, macOS Keychain, Secret Service on Linux). If no real keyring is usable we refuse and say
how to fix it; there is deliberately no plaintext fallback.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from voucherdesk.bookingkit.environments import PRODUCTION, SANDBOX, Environment
from voucherdesk.bookingkit.tokens import Credentials, StoredToken

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring (and the backend it picks, with its D-Bus or OS libraries) is imported on first use,
# not with this module: demo mode never needs it, and a counter's window is painted before the
# credentials are read.

log = logging.getLogger(__name__)

SERVICE = "VoucherDesk"

# Backends that keep secrets in a plain file or nowhere: never acceptable.
_REFUSED_BACKENDS = ("fail", "null", "PlaintextKeyring", "EncryptedKeyring", "Uncrypted")

# The codes the OS keyrings fail with, in words an admin can act on. Windows reports Win32 error
# numbers (pywin32's error.winerror), macOS OSStatus numbers (keyring's macOS api.Error).
_WINDOWS_ERRORS = {
    5: "access denied",
    1312: "no signed-in user session (a service or a task without the user's profile)",
    1783: "the entry is too large for the Credential Manager",
}
_MACOS_ERRORS = {
    -128: "the Keychain prompt was answered with Deny",
    -25293: "the Keychain does not accept this copy's signature (use the signed release)",
    -25308: "the Keychain is locked and cannot ask to be unlocked (no user session)",
    -67030: "the Keychain does not accept this copy's signature (use the signed release)",
}


def os_keyring_name(platform: str | None = None) -> str:
    """The keyring this operating system offers, as its users know it."""
    platform = platform or sys.platform
    if platform == "win32":
        return "Windows Credential Manager"
    if platform == "darwin":
        return "macOS Keychain"
    return "Secret Service (GNOME Keyring or KWallet)"


def no_keyring_help(platform: str | None = None) -> str:
    platform = platform or sys.platform
    if platform == "win32":
        fix = (
            "The Windows Credential Manager is missing only when VoucherDesk runs without a "
            "signed-in user (as a service or scheduled task) or the installation is incomplete."
        )
    elif platform == "darwin":
        fix = "Unlock the macOS login Keychain."
    else:
        fix = "Start a Secret Service (GNOME Keyring or KWallet) in your desktop session."
    return (
        "No usable OS keyring was found, so VoucherDesk cannot store the bookingkit credentials "
        f"safely and will not store them anywhere else. {fix} Then try again."
    )


def refused_help(detail: str, platform: str | None = None) -> str:
    return (
        f"The {os_keyring_name(platform)} refused to read or store the bookingkit credentials "
        f"({detail}). VoucherDesk will not store them anywhere else. Unlock the keyring or "
        "allow VoucherDesk access to it, then try again."
    )


def failure_detail(exc: BaseException) -> str:
    """The error's type, and the OS code with its meaning where there is one. Never the error's
    text: it could quote what was being stored."""
    name = type(exc).__name__
    for error in (exc, exc.__cause__):
        code, words = _os_code(error)
        if code is not None:
            return f"{name}, code {code}: {words}" if words else f"{name}, code {code}"
    from keyring.errors import KeyringLocked

    if isinstance(exc, KeyringLocked):
        return f"{name}: the keyring is locked"
    return name


def _os_code(error: BaseException | None) -> tuple[int | None, str | None]:
    if error is None:
        return None, None
    winerror = getattr(error, "winerror", None)
    if isinstance(winerror, int):
        return winerror, _WINDOWS_ERRORS.get(winerror)
    macos = type(error).__module__ == "keyring.backends.macOS.api"
    if macos and error.args and isinstance(error.args[0], int):
        return error.args[0], _MACOS_ERRORS.get(error.args[0])
    return None, None


class KeyringUnavailable(RuntimeError):
    """No safe keyring backend, or the keyring refused to work (locked, no D-Bus, ...)."""

    def __init__(self, detail: str | None = None, *, refused: bool = False) -> None:
        if refused:
            message = refused_help(detail or "no reason given")
        else:
            message = no_keyring_help() + (f" ({detail})" if detail else "")
        super().__init__(message)


def _active_backend() -> KeyringBackend:
    import keyring

    return keyring.get_keyring()


def backend_name(backend: KeyringBackend | None = None) -> str:
    backend = backend or _active_backend()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable(backend: KeyringBackend | None = None) -> bool:
    """True when the active backend is a real OS keyring."""
    from keyring.backends.chainer import ChainerBackend

    backend = backend or _active_backend()
    name = backend_name(backend)
    if any(word in name for word in _REFUSED_BACKENDS):
        return False
    if "keyrings.alt" in name:
        return False
    try:
        if float(backend.priority) <= 0:
            return False
    except Exception:  # a backend whose priority check fails is not usable
        return False
    if isinstance(backend, ChainerBackend):
        # Picked when several keyrings are viable (GNOME Keyring and KWallet, or a plaintext
        # one from keyrings.alt): it writes to whichever takes the entry, so all must be safe.
        chained = list(backend.backends)
        return bool(chained) and all(keyring_usable(each) for each in chained)
    return True


# wincred.h; given as a number because pywin32-ctypes (keyring's first choice) has no name for it.
CRED_PERSIST_LOCAL_MACHINE = 2


def _local_to_this_computer(backend: KeyringBackend) -> None:
    """Windows: keep the entries on this computer. keyring's default persistence (enterprise)
    lets them roam with a roaming profile to every counter the same Windows user signs in to,
    and one bookingkit API client shared by two counters locks one of them out."""
    from keyring.backends.Windows import WinVaultKeyring

    if isinstance(backend, WinVaultKeyring):
        backend.persist = CRED_PERSIST_LOCAL_MACHINE


class CredentialStore:
    """Credentials and tokens of one bookingkit environment *at one address* in the OS keyring.

    Entries are keyed by environment name and normalised base URL, so a changed custom address
    finds nothing: its secret must be typed again, and neither the old secret nor the old
    token ever travels to the new host. Tokens are kept per API client id, with the client they
    were issued to, so a setup that fails after bookingkit granted a token still keeps it (the
    next try needs no new one: bookingkit allows one per API client an hour).

    Entries of older versions were keyed by the environment name alone. Production and sandbox
    have fixed addresses, so theirs are moved over on first use; a custom one cannot be proven
    to belong to the address now set and is never reused (``forget`` removes it).
    """

    def __init__(self, environment: Environment, backend: KeyringBackend | None = None) -> None:
        self._environment = environment
        self._backend = backend

    @property
    def environment(self) -> Environment:
        return self._environment

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or _active_backend()
        if not keyring_usable(backend):
            raise KeyringUnavailable(f"backend {type(backend).__name__}")
        _local_to_this_computer(backend)
        return backend

    def _user(self, item: str) -> str:
        return f"{self._environment.name}@{self._environment.base_url}:{item}"

    def _legacy_user(self, item: str) -> str:
        return f"{self._environment.name}:{item}"

    def _get(self, user: str) -> str | None:
        try:
            return self._keyring().get_password(SERVICE, user)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: never the payload
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None

    def _set(self, user: str, value: str) -> None:
        try:
            self._keyring().set_password(SERVICE, user, value)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: never the payload
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None

    def _delete(self, user: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._keyring().delete_password(SERVICE, user)
        except PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: never the payload
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None

    # --- credentials ---------------------------------------------------------------------

    def load(self) -> Credentials | None:
        raw = self._get(self._user("credentials"))
        if raw is None:
            return self._migrate()
        try:
            data = json.loads(raw)
            client_id, secret = str(data["client_id"]), str(data["client_secret"])
            bound = data.get("base_url", self._environment.base_url)
        except (ValueError, KeyError, TypeError, RecursionError):
            log.warning(
                "stored credentials for %s are unreadable; ignoring them", self._environment.name
            )
            return None
        if bound != self._environment.base_url:
            log.warning("stored credentials name another address; ignoring them")
            return None
        return Credentials(client_id, secret, bound_to=self._environment.base_url)

    def save(self, credentials: Credentials) -> None:
        payload = {
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
            "base_url": self._environment.base_url,
        }
        self._set(self._user("credentials"), json.dumps(payload))

    def forget(self) -> None:
        """Remove credentials and token of this environment and address (and old entries)."""
        known = self.load()
        if known is not None:
            self._delete(self._user(f"token:{known.client_id}"))
        self._delete(self._user("credentials"))
        self._delete(self._legacy_user("credentials"))
        self._delete(self._legacy_user("token"))

    def _migrate(self) -> Credentials | None:
        """Entries of older versions (keyed by name only), for the two fixed addresses only."""
        fixed = {PRODUCTION.name: PRODUCTION, SANDBOX.name: SANDBOX}
        if fixed.get(self._environment.name) != self._environment:
            return None
        raw = self._get(self._legacy_user("credentials"))
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            credentials = Credentials(
                str(data["client_id"]),
                str(data["client_secret"]),
                bound_to=self._environment.base_url,
            )
        except (ValueError, KeyError, TypeError, RecursionError):
            return None
        self.save(credentials)
        old_token = self._get(self._legacy_user("token"))
        if old_token is not None:
            try:
                token = StoredToken.from_json(old_token)
                self.token_store(credentials.client_id).save(
                    replace(token, client_id=credentials.client_id)
                )
            except ValueError:
                pass  # an unreadable old token is simply not carried over
        self._delete(self._legacy_user("credentials"))
        self._delete(self._legacy_user("token"))
        log.info("moved the %s credentials to entries bound to its address", self._environment.name)
        return credentials

    # --- tokens (TokenStore protocol) -----------------------------------------------------

    def token_store(self, client_id: str) -> KeyringTokenStore:
        return KeyringTokenStore(self, client_id)


class KeyringTokenStore:
    """Keeps the bearer token of one API client in the keyring, so it survives restarts and
    failed setups (bookingkit issues one per API client an hour)."""

    def __init__(self, store: CredentialStore, client_id: str) -> None:
        self._store = store
        self._client_id = client_id
        self._user = store._user(f"token:{client_id}")

    def load(self) -> StoredToken | None:
        raw = self._store._get(self._user)
        if raw is None:
            return None
        try:
            token = StoredToken.from_json(raw)
        except ValueError:
            return None
        if token.client_id not in ("", self._client_id):
            return None
        return token

    def save(self, token: StoredToken) -> None:
        self._store._set(self._user, token.to_json())

    def clear(self) -> None:
        self._store._delete(self._user)


class KeyringEntry:
    """One entry of VoucherDesk's own in the keyring that is not a bookingkit credential (the
    audit trail's chain head). Same rules as the credentials: a real OS keyring or nothing."""

    def __init__(self, service: str, user: str, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._user = user
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or _active_backend()
        if not keyring_usable(backend):
            raise KeyringUnavailable(f"backend {type(backend).__name__}")
        _local_to_this_computer(backend)
        return backend

    def get(self) -> str | None:
        try:
            return self._keyring().get_password(self._service, self._user)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None

    def set(self, value: str) -> None:
        try:
            self._keyring().set_password(self._service, self._user, value)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus, locked collection, ...: never the payload
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None

    def delete(self) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._keyring().delete_password(self._service, self._user)
        except PasswordDeleteError:
            pass
        except KeyringUnavailable:
            raise
        except Exception as exc:
            raise KeyringUnavailable(failure_detail(exc), refused=True) from None
