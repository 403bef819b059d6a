"""CredentialStore against the real OS keyring (Secret Service under D-Bus on Linux CI).

tests/run-all.sh starts a private D-Bus session with an unlocked gnome-keyring; elsewhere the
real-keyring tests skip with the reason. The refusal without a keyring always runs.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from helpers.keyrings import MemoryKeyring

from voucherdesk.bookingkit.environments import PRODUCTION, SANDBOX, Environment
from voucherdesk.bookingkit.tokens import Credentials, StoredToken
from voucherdesk.credentials import SERVICE, CredentialStore, KeyringUnavailable, keyring_usable

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
    store = CredentialStore(Environment(f"test-{uuid.uuid4().hex[:12]}", "https://bk.example"))
    yield store
    store.forget()


@pytest.mark.keyring
def test_credentials_round_trip_and_forget(real_store: CredentialStore) -> None:
    assert real_store.load() is None
    real_store.save(Credentials("client-abc", SECRET))
    assert real_store.load() == Credentials("client-abc", SECRET)
    # A second store object (as after a restart) reads the same entry.
    again = CredentialStore(real_store.environment)
    loaded = again.load()
    assert loaded is not None
    assert loaded.client_secret == SECRET
    real_store.forget()
    assert real_store.load() is None
    assert real_store.token_store("client-abc").load() is None
    real_store.forget()  # forgetting twice is fine


@pytest.mark.keyring
def test_token_round_trip(real_store: CredentialStore) -> None:
    tokens = real_store.token_store("client-abc")
    assert tokens.load() is None
    token = StoredToken(
        "tok-" + uuid.uuid4().hex, datetime.now(UTC) + timedelta(hours=1), "a b", "client-abc"
    )
    tokens.save(token)
    assert real_store.token_store("client-abc").load() == token
    assert real_store.token_store("another-client").load() is None
    tokens.clear()
    assert tokens.load() is None


@pytest.mark.keyring
def test_environments_are_kept_apart(real_store: CredentialStore) -> None:
    env = real_store.environment
    other = CredentialStore(Environment(env.name + "-other", env.base_url))
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
        store = CredentialStore(PRODUCTION)
        with pytest.raises(KeyringUnavailable) as refused:
            store.save(Credentials("client-abc", SECRET))
        with pytest.raises(KeyringUnavailable):
            store.load()
        with pytest.raises(KeyringUnavailable):
            store.token_store("client-abc").save(
                StoredToken("tok-" + SECRET, datetime.now(UTC) + timedelta(hours=1))
            )
    finally:
        keyring.set_keyring(previous)
    message = str(refused.value)
    assert "keyring" in message.lower()
    assert SECRET not in message
    assert _files_containing(app_home, SECRET) == []


# --- credentials belong to one address (#12.1), with an in-memory keyring -----------------


def _custom(url: str) -> Environment:
    return Environment("custom", url)


def test_a_changed_custom_address_finds_no_credentials_and_no_token() -> None:
    ring = MemoryKeyring()
    old = CredentialStore(_custom("https://bk.example"), ring)
    old.save(Credentials("client-abc", SECRET))
    tokens = old.token_store("client-abc")
    tokens.save(StoredToken("tok-old", datetime.now(UTC) + timedelta(hours=1), "", "client-abc"))
    moved = CredentialStore(_custom("https://evil.example"), ring)
    assert moved.load() is None
    assert moved.token_store("client-abc").load() is None
    loaded = old.load()
    assert loaded is not None
    assert loaded.bound_to == "https://bk.example"


def test_entries_of_older_versions_move_for_the_fixed_addresses_only() -> None:
    ring = MemoryKeyring()
    legacy = {"client_id": "client-abc", "client_secret": SECRET}
    old_token = StoredToken("tok-legacy", datetime.now(UTC) + timedelta(minutes=40))
    for name in ("production", "sandbox", "custom"):
        ring.set_password(SERVICE, f"{name}:credentials", json.dumps(legacy))
        ring.set_password(SERVICE, f"{name}:token", old_token.to_json())

    production = CredentialStore(PRODUCTION, ring)
    moved = production.load()
    assert moved == Credentials("client-abc", SECRET)
    kept = production.token_store("client-abc").load()
    assert kept is not None
    assert kept.access_token == "tok-legacy"
    assert kept.client_id == "client-abc"
    assert ring.get_password(SERVICE, "production:credentials") is None  # moved, not copied
    assert CredentialStore(SANDBOX, ring).load() == Credentials("client-abc", SECRET)

    # A custom entry cannot be proven to belong to the address set now: never reused.
    custom = CredentialStore(_custom("https://bk.example"), ring)
    assert custom.load() is None
    assert ring.get_password(SERVICE, "custom:credentials") is not None
    custom.forget()
    assert ring.get_password(SERVICE, "custom:credentials") is None
    assert ring.get_password(SERVICE, "custom:token") is None


def test_forget_removes_credentials_and_the_clients_token() -> None:
    ring = MemoryKeyring()
    store = CredentialStore(SANDBOX, ring)
    store.save(Credentials("client-abc", SECRET))
    token = StoredToken("tok-1", datetime.now(UTC) + timedelta(hours=1), "", "client-abc")
    store.token_store("client-abc").save(token)
    store.forget()
    assert store.load() is None
    assert store.token_store("client-abc").load() is None
    assert ring.items == {}
