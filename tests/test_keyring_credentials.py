"""CredentialStore against the real OS keyring (Secret Service under D-Bus on Linux CI).

tests/run-all.sh starts a private D-Bus session with an unlocked gnome-keyring; elsewhere the
real-keyring tests skip with the reason. The refusal without a keyring always runs.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from voucherdesk.bookingkit.auth import Credentials, StoredToken
from voucherdesk.credentials import CredentialStore, KeyringUnavailable, keyring_usable

SECRET = "s3cret-" + uuid.uuid4().hex


def _real_keyring_reason() -> str | None:
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        session = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        why = "no D-Bus session" if not session else "no Secret Service on the D-Bus session"
        return f"no real OS keyring ({why}); run tests/run-all.sh for a Secret Service"
    if not keyring_usable(backend):
        return f"keyring backend {type(backend).__name__} is not a real OS keyring"
    return None


@pytest.fixture
def real_store() -> Iterator[CredentialStore]:
    reason = _real_keyring_reason()
    if reason:
        pytest.skip(reason)
    # A unique environment name, so the test never meets a real counter's entries.
    store = CredentialStore(f"test-{uuid.uuid4().hex[:12]}")
    yield store
    store.forget()


@pytest.mark.keyring
def test_credentials_round_trip_and_forget(real_store: CredentialStore) -> None:
    assert real_store.load() is None
    real_store.save(Credentials("client-abc", SECRET))
    assert real_store.load() == Credentials("client-abc", SECRET)
    # A second store object (as after a restart) reads the same entry.
    again = CredentialStore(real_store._environment)
    loaded = again.load()
    assert loaded is not None
    assert loaded.client_secret == SECRET
    real_store.forget()
    assert real_store.load() is None
    assert real_store.token_store().load() is None
    real_store.forget()  # forgetting twice is fine


@pytest.mark.keyring
def test_token_round_trip(real_store: CredentialStore) -> None:
    tokens = real_store.token_store()
    assert tokens.load() is None
    token = StoredToken("tok-" + uuid.uuid4().hex, datetime.now(UTC) + timedelta(hours=1), "a b")
    tokens.save(token)
    assert real_store.token_store().load() == token
    tokens.clear()
    assert tokens.load() is None


@pytest.mark.keyring
def test_environments_are_kept_apart(real_store: CredentialStore) -> None:
    other = CredentialStore(real_store._environment + "-other")
    real_store.save(Credentials("one", SECRET))
    try:
        assert other.load() is None
    finally:
        other.forget()


def _files_containing(root: Path, needle: str) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            found.append(path)
    return found


def test_no_keyring_refuses_and_writes_no_file(app_home: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        store = CredentialStore("production")
        with pytest.raises(KeyringUnavailable) as refused:
            store.save(Credentials("client-abc", SECRET))
        with pytest.raises(KeyringUnavailable):
            store.load()
        with pytest.raises(KeyringUnavailable):
            store.token_store().save(
                StoredToken("tok-" + SECRET, datetime.now(UTC) + timedelta(hours=1))
            )
    finally:
        keyring.set_keyring(previous)
    message = str(refused.value)
    assert "keyring" in message.lower()
    assert SECRET not in message
    assert _files_containing(app_home, SECRET) == []
