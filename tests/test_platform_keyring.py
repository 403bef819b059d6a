"""The keyring on Windows, macOS and Linux, with each OS's backend faked where this machine has
another: stand-in classes carry the real backends' module and class names (which is what
credentials.py goes by) and raise the errors those backends raise.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable

import keyring.backend
import keyring.backends.fail
import keyring.backends.macOS
import keyring.backends.null
import pytest
from helpers.keyrings import MemoryKeyring
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.backends.Windows import WinVaultKeyring
from keyring.errors import KeyringLocked, PasswordSetError

from voucherdesk.bookingkit.environments import PRODUCTION
from voucherdesk.bookingkit.tokens import Credentials
from voucherdesk.credentials import (
    CRED_PERSIST_LOCAL_MACHINE,
    CredentialStore,
    KeyringUnavailable,
    failure_detail,
    keyring_usable,
    no_keyring_help,
)

SECRET = "s3cret-" + uuid.uuid4().hex
OS_BACKENDS = {
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "linux": "keyring.backends.SecretService.Keyring",
    "linux-kwallet": "keyring.backends.kwallet.DBusKeyring",
    "linux-libsecret": "keyring.backends.libsecret.Keyring",
}


# keyring registers every backend class it sees and picks the best viable one as the default:
# the stand-ins here say they are not viable, so they never become the suite's keyring.
NOT_VIABLE = {"viable": False}


def named(dotted: str, base: type[MemoryKeyring] = MemoryKeyring, **attrs: object) -> MemoryKeyring:
    """A working in-memory backend that carries a real backend's module and class name."""
    module, _, name = dotted.rpartition(".")
    cls = type(name, (base,), {"__module__": module, **NOT_VIABLE, **attrs})
    return cls()  # type: ignore[no-any-return]


@pytest.mark.parametrize("dotted", OS_BACKENDS.values(), ids=OS_BACKENDS.keys())
def test_each_os_keyring_is_accepted_and_keeps_credentials(dotted: str) -> None:
    backend = named(dotted)
    assert keyring_usable(backend)
    store = CredentialStore(PRODUCTION, backend)
    store.save(Credentials("client-abc", SECRET))
    assert CredentialStore(PRODUCTION, backend).load() == Credentials("client-abc", SECRET)


@pytest.mark.parametrize(
    "dotted",
    [
        "keyrings.alt.file.PlaintextKeyring",
        "keyrings.alt.file.EncryptedKeyring",
        "keyrings.alt.Windows.RegistryKeyring",
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
    ],
)
def test_file_and_null_keyrings_are_refused_whatever_their_priority(dotted: str) -> None:
    backend = named(dotted, priority=50)
    assert not keyring_usable(backend)
    with pytest.raises(KeyringUnavailable):
        CredentialStore(PRODUCTION, backend).save(Credentials("client-abc", SECRET))
    assert backend.items == {}


def test_the_real_fail_and_null_backends_are_refused() -> None:
    assert not keyring_usable(keyring.backends.fail.Keyring())
    assert not keyring_usable(keyring.backends.null.Keyring())


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the backend is real there")
@pytest.mark.parametrize(
    "backend",
    [WinVaultKeyring, keyring.backends.macOS.Keyring],
    ids=["Windows", "macOS"],
)
def test_another_os_keyring_is_not_usable_here(backend: Callable[[], KeyringBackend]) -> None:
    """Their priority check raises off their own OS: refused, with this OS's words."""
    instance = backend()
    assert not keyring_usable(instance)
    with pytest.raises(KeyringUnavailable) as refused:
        CredentialStore(PRODUCTION, instance).load()
    assert type(instance).__name__ in str(refused.value)
    assert "Secret Service" in str(refused.value)


@pytest.mark.parametrize(
    ("platform", "words", "not_words"),
    [
        ("win32", "Windows Credential Manager", ("Keychain", "Secret Service")),
        ("darwin", "macOS login Keychain", ("Credential Manager", "Secret Service")),
        ("linux", "Secret Service", ("Credential Manager", "Keychain")),
    ],
)
def test_help_names_this_platforms_keyring_only(
    platform: str, words: str, not_words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert words in no_keyring_help(platform)
    monkeypatch.setattr(sys, "platform", platform)
    message = str(KeyringUnavailable("backend Keyring"))
    assert words in message
    assert not [w for w in not_words if w in message]


class _Chainer(ChainerBackend):
    """keyring's chainer over a fixed list, as get_keyring() returns it when several are viable."""

    priority = 10  # type: ignore[assignment]
    viable = False  # see NOT_VIABLE

    def __init__(self) -> None:
        super().__init__()
        self.chained: list[KeyringBackend] = []

    @property
    def backends(self) -> list[KeyringBackend]:  # type: ignore[override]
        return self.chained


def test_chainer_is_accepted_only_when_every_keyring_it_chains_is() -> None:
    real = [named(OS_BACKENDS["linux"]), named(OS_BACKENDS["linux-kwallet"])]
    chainer = _Chainer()
    chainer.chained = real
    assert keyring_usable(chainer)
    chainer.chained = [*real, named("keyrings.alt.file.PlaintextKeyring", priority=0.5)]
    assert not keyring_usable(chainer)
    chainer.chained = []
    assert not keyring_usable(chainer)


# --- the errors each OS's keyring raises, in words ----------------------------------------------


def macos_error(status: int, text: str) -> Exception:
    """keyring.backends.macOS.api.Error(status, text): that module loads only on macOS."""
    cls = type("Error", (Exception,), {"__module__": "keyring.backends.macOS.api"})
    return cls(status, text)  # type: ignore[no-any-return]


def windows_error(winerror: int, funcname: str, strerror: str) -> Exception:
    """pywin32(-ctypes)'s pywintypes.error, as WinVaultKeyring lets it through."""

    def init(self: Exception, *args: object) -> None:
        Exception.__init__(self, *args)
        self.winerror, self.funcname, self.strerror = args  # type: ignore[attr-defined]

    cls = type("error", (Exception,), {"__module__": "pywintypes", "__init__": init})
    return cls(winerror, funcname, strerror)  # type: ignore[no-any-return]


def failing(dotted: str, error: Exception) -> MemoryKeyring:
    def set_password(self: MemoryKeyring, service: str, username: str, password: str) -> None:
        raise error

    return named(dotted, set_password=set_password)


def chained(outer: Exception, cause: Exception) -> Exception:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    ("platform", "error", "words"),
    [
        (
            "darwin",
            chained(
                KeyringLocked(f"Can't store password on keychain: {SECRET}"),
                macos_error(-128, "Keychain Access Denied"),
            ),
            "macOS Keychain refused to read or store the bookingkit credentials (KeyringLocked, "
            "code -128: the Keychain prompt was answered with Deny)",
        ),
        (
            "darwin",
            chained(
                PasswordSetError(f"Can't store password on keychain: {SECRET}"),
                macos_error(-25293, "Security Auth Failure"),
            ),
            "code -25293: the Keychain does not accept this copy's signature",
        ),
        (
            "darwin",
            chained(PasswordSetError("x"), macos_error(-25308, "User interaction is not allowed")),
            "code -25308: the Keychain is locked and cannot ask to be unlocked",
        ),
        (
            "win32",
            windows_error(1312, "CredWrite", f"A specified logon session does not exist {SECRET}"),
            "Windows Credential Manager refused to read or store the bookingkit credentials "
            "(error, code 1312: no signed-in user session",
        ),
        (
            "win32",
            windows_error(1783, "CredWrite", "The stub received bad data."),
            "code 1783: the entry is too large for the Credential Manager",
        ),
        ("win32", windows_error(4242, "CredWrite", "?"), "(error, code 4242)"),
        (
            "linux",
            KeyringLocked("Failed to unlock the collection!"),
            "Secret Service (GNOME Keyring or KWallet) refused to read or store the bookingkit "
            "credentials (KeyringLocked: the keyring is locked)",
        ),
        ("linux", RuntimeError(f"D-Bus said {SECRET}"), "credentials (RuntimeError)."),
    ],
    ids=[
        "macos-denied",
        "macos-unsigned",
        "macos-locked",
        "windows-no-session",
        "windows-too-large",
        "windows-other",
        "linux-locked",
        "other",
    ],
)
def test_keyring_errors_in_words_without_the_secret(
    platform: str, error: Exception, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = failing(OS_BACKENDS[platform], error)
    monkeypatch.setattr(sys, "platform", platform)
    with pytest.raises(KeyringUnavailable) as refused:
        CredentialStore(PRODUCTION, backend).save(Credentials("client-abc", SECRET))
    message = str(refused.value)
    assert words in message
    assert "No usable OS keyring was found" not in message  # there is one; it said no
    assert SECRET not in message
    assert refused.value.__cause__ is None  # the original error (and its text) stays behind


def test_detail_reads_only_codes_never_text() -> None:
    assert failure_detail(ValueError(SECRET)) == "ValueError"
    assert failure_detail(macos_error(-1, SECRET)) == "Error, code -1"


# --- Windows: entries stay on this computer -------------------------------------------------------


class _WinVault(WinVaultKeyring):
    """WinVaultKeyring with a dict for the Credential Manager: records the persistence used."""

    priority = 5  # type: ignore[assignment]
    viable = False  # see NOT_VIABLE
    persist = 3  # CRED_PERSIST_ENTERPRISE, keyring's default

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], tuple[str, int]] = {}

    def get_password(self, service: str, username: str) -> str | None:
        found = self.items.get((service, username))
        return found[0] if found else None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = (password, self.persist)

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_windows_entries_do_not_roam_to_other_counters() -> None:
    vault = _WinVault()
    CredentialStore(PRODUCTION, vault).save(Credentials("client-abc", SECRET))
    (_password, persist) = vault.items[
        ("VoucherDesk", f"production@{PRODUCTION.base_url}:credentials")
    ]
    assert persist == CRED_PERSIST_LOCAL_MACHINE == 2  # wincred.h


def test_other_keyrings_get_no_windows_setting() -> None:
    backend = named(OS_BACKENDS["darwin"])
    CredentialStore(PRODUCTION, backend).save(Credentials("client-abc", SECRET))
    assert not hasattr(backend, "persist")


def test_the_stand_ins_never_become_the_suites_keyring() -> None:
    """The real-keyring tests must still meet the Secret Service, not one of these."""
    stand_ins = [named(dotted) for dotted in OS_BACKENDS.values()]
    stand_ins += [_Chainer(), _WinVault(), named("keyrings.alt.file.PlaintextKeyring", priority=50)]
    found = {type(backend) for backend in keyring.backend.get_all_keyring()}
    assert not found & {type(backend) for backend in stand_ins}
