"""Case #9.9 and #12.9: bookingkit's one token per API client, used to its very end.

Against the stand-in over loopback. Time is stepped through the client's clock and the
stand-in's clock offset, never the machine's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import keyring
import pytest
from helpers.keyrings import MemoryKeyring

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.clock import utc_now
from voucherdesk.credentials import CredentialStore
from voucherdesk.setup_check import SetupFailed, SetupProblem, verify_and_store
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Fault, StandinServer

CREDENTIALS = Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)


class SteppedClock:
    """The desk's clock, moved by hand."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return utc_now() + self.offset


def make_client(
    server: StandinServer, clock: SteppedClock, store: MemoryTokenStore | None = None
) -> BookingkitClient:
    return BookingkitClient(
        environment_named("custom", server.base_url),
        CREDENTIALS,
        token_store=store if store is not None else MemoryTokenStore(),
        clock=clock,
        retry=RetryPolicy(sleep=lambda _s: None),
    )


def test_token_is_used_until_it_really_expires(empty_standin: StandinServer) -> None:
    """No early refresh: 30 s before the end the old token still serves (a new one would be
    refused with 42901, which used to cost the counter a minute every hour)."""
    clock = SteppedClock()
    with make_client(empty_standin, clock) as client:
        client.check_connection()
        for step in (timedelta(minutes=59), timedelta(minutes=59, seconds=30)):
            clock.offset = step
            empty_standin.state.set_clock_offset(step)
            client.check_connection()
        assert empty_standin.state.token_requests == 1
        # Past the end, one new token, once.
        clock.offset = timedelta(hours=1, seconds=5)
        empty_standin.state.set_clock_offset(clock.offset)
        client.check_connection()
        client.check_connection()
    assert empty_standin.state.token_requests == 2


def test_42901_while_our_own_token_is_alive_keeps_using_it(empty_standin: StandinServer) -> None:
    """Our clock jumped ahead; bookingkit still holds our token. Keep using it."""
    clock = SteppedClock()
    store = MemoryTokenStore()
    with make_client(empty_standin, clock, store) as client:
        client.check_connection()
        own = store.load()
        clock.offset = timedelta(hours=2)  # the desk's clock only
        vendors = client.check_connection()
        assert vendors
        assert store.load() == own
    assert empty_standin.state.token_requests == 2  # one ask, met by 42901, no failure
    assert empty_standin.state.api_requests == 2


def test_a_token_bookingkit_refused_is_not_reused_on_42901(empty_standin: StandinServer) -> None:
    """A 401 on our token, then 42901: the live token is someone else's; say so."""
    clock = SteppedClock()
    with (
        make_client(empty_standin, clock) as ours,
        make_client(empty_standin, SteppedClock()) as other,
    ):
        ours.check_connection()
        empty_standin.state.expire_tokens()
        other.check_connection()  # another counter takes the client's only token
        clock.offset = timedelta(hours=2)  # our token has run out by our clock as well
        with pytest.raises(errors.TokenStillValid) as caught:
            ours.check_connection()
    assert caught.value.busy_until is not None  # someone else's token: when it runs out


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_failed_setup_call_keeps_the_granted_token(
    empty_standin: StandinServer, ring: MemoryKeyring
) -> None:
    environment = environment_named("custom", empty_standin.base_url)
    empty_standin.faults.add(Fault("error", method="GET", path="/v3/vendors", status=503, times=3))
    with pytest.raises(SetupFailed) as caught:
        verify_and_store(environment, CREDENTIALS, backend=ring)
    assert caught.value.problem is SetupProblem.SERVER
    assert CredentialStore(environment, ring).load() is None  # nothing proven, nothing kept
    # The token bookingkit granted is kept in the keyring: the next try needs no new one.
    done = verify_and_store(environment, CREDENTIALS, backend=ring)
    assert done.vendors
    assert empty_standin.state.token_requests == 1


def test_setup_again_within_the_hour_reuses_the_token(
    empty_standin: StandinServer, ring: MemoryKeyring
) -> None:
    environment = environment_named("custom", empty_standin.base_url)
    first = verify_and_store(environment, CREDENTIALS, backend=ring)
    again = verify_and_store(environment, CREDENTIALS, backend=ring)
    assert again.token_valid_until == first.token_valid_until
    assert empty_standin.state.token_requests == 1


def test_setup_with_a_wrong_secret_is_refused_despite_a_kept_token(
    empty_standin: StandinServer, ring: MemoryKeyring
) -> None:
    environment = environment_named("custom", empty_standin.base_url)
    verify_and_store(environment, CREDENTIALS, backend=ring)
    with pytest.raises(SetupFailed) as caught:
        verify_and_store(environment, Credentials(DEMO_CLIENT_ID, "wrong-secret-1"), backend=ring)
    assert caught.value.problem is SetupProblem.WRONG_CREDENTIALS
    stored = CredentialStore(environment, ring).load()
    assert stored is not None
    assert stored.client_secret == DEMO_CLIENT_SECRET


def _login(url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    from voucherdesk import cli

    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_CLIENT_SECRET + "\n"))
    code = cli.main(
        [
            "login",
            "--environment",
            "custom",
            "--url",
            url,
            "--client-id",
            DEMO_CLIENT_ID,
            "--client-secret-stdin",
        ]
    )
    out = capsys.readouterr()
    return f"{code}\n{out.out}\n{out.err}"


def test_second_login_within_the_hour_reuses_the_token(
    empty_standin: StandinServer,
    ring: MemoryKeyring,
    app_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = _login(empty_standin.base_url, monkeypatch, capsys)
    assert first.startswith("0\n"), first
    second = _login(empty_standin.base_url, monkeypatch, capsys)
    assert second.startswith("0\n"), second
    assert "another counter" not in second.lower()
    assert empty_standin.state.token_requests == 1


def test_failed_login_keeps_the_token_for_the_next_try(
    empty_standin: StandinServer,
    ring: MemoryKeyring,
    app_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty_standin.faults.add(Fault("error", method="GET", path="/v3/vendors", status=502, times=3))
    failed = _login(empty_standin.base_url, monkeypatch, capsys)
    assert not failed.startswith("0\n"), failed
    assert "Traceback" not in failed
    again = _login(empty_standin.base_url, monkeypatch, capsys)
    assert again.startswith("0\n"), again
    assert empty_standin.state.token_requests == 1
