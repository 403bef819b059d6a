"""First-run setup without Qt: prove the credentials with one test call, then keep them.

The wizard and ``voucherdesk login`` run :func:`verify_and_store`. It asks bookingkit for a
token with the new credentials (so a wrong secret is caught now, not at the first scan), reads
the vendor list, and only then stores the credentials in the OS keyring. The token goes into the
keyring the moment bookingkit grants it, bound to the address and the API client: bookingkit
allows one per API client an hour, so a test call that fails afterwards, or a setup run again
within the hour, reuses it instead of meeting 42901 ("another counter").
Failures become a :class:`SetupProblem` the UI turns into words; secrets never appear in them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.tokens import Credentials, TokenStore
from voucherdesk.clock import Clock, utc_now
from voucherdesk.credentials import CredentialStore, KeyringUnavailable
from voucherdesk.logs import register_secret

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from voucherdesk.bookingkit.client import BookingkitClient
    from voucherdesk.bookingkit.environments import Environment
    from voucherdesk.bookingkit.models import Vendor


class SetupProblem(StrEnum):
    NO_KEYRING = "no_keyring"
    WRONG_CREDENTIALS = "wrong_credentials"
    OFFLINE = "offline"
    CERTIFICATE = "certificate"  # the server's TLS certificate was refused
    TOKEN_HELD = "token_held"  # 42901: another counter holds the only token
    QUOTA = "quota"
    NO_PERMISSION = "no_permission"  # credentials fine, a scope is missing
    SERVER = "server"
    UNREADABLE = "unreadable"  # answered, but not like bookingkit (wrong custom URL?)
    SETTINGS_NOT_SAVED = "settings_not_saved"  # test passed, the settings file not written
    OTHER = "other"


@dataclass(frozen=True)
class SetupSucceeded:
    environment: str
    vendors: tuple[str, ...]
    token_valid_until: datetime | None


class SetupFailed(Exception):
    """Why setup did not finish; ``detail`` is English for logs and never holds a secret."""

    def __init__(
        self, problem: SetupProblem, *, busy_until: datetime | None = None, detail: str = ""
    ) -> None:
        super().__init__(f"setup failed: {problem.value}")
        self.problem = problem
        self.busy_until = busy_until  # for TOKEN_HELD, when known
        self.detail = detail
        # bookingkit granted a token before the failure and it stays in the keyring: a new try
        # within the hour needs none (the credentials themselves were not stored).
        self.token_kept = False


# A string, so that the wording of setup problems loads no client (issue #13).
ClientFactory: TypeAlias = "Callable[[Environment, Credentials, TokenStore], BookingkitClient]"


def _default_client(
    environment: Environment, credentials: Credentials, tokens: TokenStore
) -> BookingkitClient:
    from voucherdesk.bookingkit.client import BookingkitClient

    return BookingkitClient(environment, credentials, token_store=tokens, timeout=10.0)


def classify(exc: BaseException) -> SetupFailed:
    """Sort what went wrong into the few cases the clerk can act on."""
    if isinstance(exc, SetupFailed):
        return exc
    if isinstance(exc, KeyringUnavailable):
        return SetupFailed(SetupProblem.NO_KEYRING, detail=str(exc))
    if isinstance(exc, errors.TokenStillValid):
        return SetupFailed(SetupProblem.TOKEN_HELD, busy_until=exc.busy_until)
    if isinstance(exc, errors.QuotaExhausted):
        return SetupFailed(SetupProblem.QUOTA)
    if isinstance(exc, errors.CredentialsRefused):
        return SetupFailed(SetupProblem.WRONG_CREDENTIALS)
    if isinstance(exc, errors.Unauthorized):
        # A token was granted, so the secret is right; the API call itself was refused.
        return SetupFailed(SetupProblem.NO_PERMISSION)
    if isinstance(exc, errors.CertificateRefused):
        return SetupFailed(SetupProblem.CERTIFICATE, detail=type(exc).__name__)
    if isinstance(exc, errors.TransportError):
        return SetupFailed(SetupProblem.OFFLINE, detail=type(exc).__name__)
    if isinstance(exc, errors.MalformedResponse | errors.NotFound | errors.BadRequest):
        return SetupFailed(SetupProblem.UNREADABLE, detail=type(exc).__name__)
    if isinstance(exc, errors.ServerError | errors.RateLimited):
        return SetupFailed(SetupProblem.SERVER, detail=str(exc))
    return SetupFailed(SetupProblem.OTHER, detail=type(exc).__name__)


def verify_and_store(
    environment: Environment,
    credentials: Credentials,
    *,
    backend: KeyringBackend | None = None,
    client_factory: ClientFactory = _default_client,
    clock: Clock = utc_now,
    before_storing: Callable[[], None] | None = None,
) -> SetupSucceeded:
    """Blocking: test call, then keyring. Raises :class:`SetupFailed`.

    On failure the credentials are not stored; a token bookingkit granted is kept (bound to
    this address and client id) for the next try. ``before_storing`` runs after a successful
    test call and before the credentials are stored (``login`` saves its settings there, so
    credentials never sit in the keyring for settings that were not saved).
    """
    register_secret(credentials.client_secret)
    credentials = Credentials(credentials.client_id, credentials.client_secret)  # typed now
    store = CredentialStore(environment, backend)
    try:
        store.load()  # fails first when there is no keyring: no token is wasted
        tokens = store.token_store(credentials.client_id)
        vendors = _check(environment, credentials, tokens, client_factory)
        if before_storing is not None:
            try:
                before_storing()
            except OSError as exc:  # credentials never sit in the keyring for unsaved settings
                raise SetupFailed(
                    SetupProblem.SETTINGS_NOT_SAVED, detail=exc.strerror or type(exc).__name__
                ) from None
        store.save(credentials)
        token = tokens.load()
    except Exception as exc:
        failed = classify(exc)
        failed.token_kept = _token_kept(store, credentials.client_id, clock)
        raise failed from None
    valid_until = token.expires_at if token is not None and token.is_valid(clock()) else None
    return SetupSucceeded(environment.name, tuple(v.name or v.id for v in vendors), valid_until)


def _token_kept(store: CredentialStore, client_id: str, clock: Clock) -> bool:
    try:
        token = store.token_store(client_id).load()
    except Exception:  # no keyring: nothing can have been kept
        return False
    return token is not None and token.is_valid(clock())


def _check(
    environment: Environment,
    credentials: Credentials,
    tokens: TokenStore,
    client_factory: ClientFactory,
) -> list[Vendor]:
    with client_factory(environment, credentials, tokens) as client:
        return list(client.check_connection())
