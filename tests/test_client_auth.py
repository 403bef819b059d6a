"""Access tokens against the stand-in: reuse, 42901, re-authentication, refused credentials."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, StoredToken
from voucherdesk.clock import utc_now
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.standin.faults import Fault


def make_client(
    server: StandinServer,
    store: MemoryTokenStore | None = None,
    credentials: Credentials | None = None,
) -> BookingkitClient:
    return BookingkitClient(
        environment_named("custom", server.base_url),
        credentials or Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=store if store is not None else MemoryTokenStore(),
        retry=RetryPolicy(sleep=lambda _s: None),
    )


def test_two_clients_sharing_a_store_ask_for_one_token(empty_standin: StandinServer) -> None:
    store = MemoryTokenStore()
    with make_client(empty_standin, store) as first, make_client(empty_standin, store) as second:
        first.check_connection()
        second.check_connection()
        first.check_connection()
        assert empty_standin.state.token_requests == 1
        assert second.token_valid_until is not None
        assert second.token_valid_until == first.token_valid_until
    stored = store.load()
    assert stored is not None
    assert stored.expires_at - utc_now() > timedelta(minutes=55)


def test_threads_on_clients_sharing_a_store_ask_for_one_token(
    empty_standin: StandinServer,
) -> None:
    failures: list[BaseException] = []
    store = MemoryTokenStore()
    with make_client(empty_standin, store) as first, make_client(empty_standin, store) as second:
        start = threading.Barrier(8)

        def work(client: BookingkitClient) -> None:
            start.wait()
            try:
                client.check_connection()
            except BaseException as exc:  # collected and asserted below
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(c,)) for c in [first, second] * 4]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []
    assert empty_standin.state.token_requests == 1
    assert empty_standin.state.api_requests == 8


def test_token_held_elsewhere_gives_a_plain_explanation(empty_standin: StandinServer) -> None:
    with make_client(empty_standin) as other_counter, make_client(empty_standin) as this_counter:
        other_counter.check_connection()
        before = utc_now()
        with pytest.raises(errors.TokenStillValid) as caught:
            this_counter.check_connection()
    error = caught.value
    assert error.code == 42901
    assert error.busy_until is not None
    assert before + timedelta(minutes=59) <= error.busy_until <= utc_now() + timedelta(hours=1)
    assert DEMO_CLIENT_SECRET not in str(error)
    assert empty_standin.state.token_requests == 2
    # The words come from the error's facts, at the edge (tests/test_result_words.py has more).
    from voucherdesk.ui import wording

    words = wording.error(error)
    assert "same bookingkit API client" in words.detail
    assert "its own API client" in words.next_step


def test_expired_token_is_replaced_once(empty_standin: StandinServer) -> None:
    store = MemoryTokenStore()
    with make_client(empty_standin, store) as client:
        client.check_connection()
        old = store.load()
        empty_standin.state.expire_tokens()  # bookingkit says no; our clock still says yes
        assert client.check_connection()
        new = store.load()
    assert empty_standin.state.token_requests == 2
    assert old is not None
    assert new is not None
    assert new.access_token != old.access_token


def test_second_401_is_unauthorized(empty_standin: StandinServer) -> None:
    with make_client(empty_standin) as client:
        client.check_connection()
        empty_standin.state.expire_tokens()
        empty_standin.faults.add(Fault("error", path="/v3/vendors", status=401, times=2))
        with pytest.raises(errors.Unauthorized):
            client.check_connection()
    assert empty_standin.state.token_requests == 2


def test_401_for_a_missing_scope_keeps_the_token(empty_standin: StandinServer) -> None:
    empty_standin.state.add_client("calendar-only", "s3cret-calendar", scopes=("calendar_read",))
    store = MemoryTokenStore()
    credentials = Credentials("calendar-only", "s3cret-calendar")
    with make_client(empty_standin, store, credentials) as client:
        client.list_events()
        with pytest.raises(errors.Unauthorized, match="permission"):
            client.find_orders_by_external_reference("abc")
        # The token survived: the next calendar call needs no new token (which would be 42901).
        client.list_events()
    assert empty_standin.state.token_requests == 2
    assert store.load() is not None


def test_refused_credentials(
    empty_standin: StandinServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = MemoryTokenStore()
    wrong = Credentials(DEMO_CLIENT_ID, "not-the-secret-4711")
    with make_client(empty_standin, store, wrong) as client:
        with pytest.raises(errors.Unauthorized) as caught:
            client.check_connection()
        assert client.token_valid_until is None
    assert "client id or secret refused" in str(caught.value)
    assert "4711" not in str(caught.value)
    assert "4711" not in caplog.text
    assert store.load() is None
    assert empty_standin.state.api_requests == 0


def test_secrets_stay_out_of_reprs_and_logs(
    empty_standin: StandinServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = MemoryTokenStore()
    with make_client(empty_standin, store) as client:
        client.check_connection()
        empty_standin.state.expire_tokens()
        client.check_connection()
    token = store.load()
    assert token is not None
    assert DEMO_CLIENT_SECRET not in repr(Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    assert token.access_token not in repr(token)
    assert token.access_token not in caplog.text
    assert DEMO_CLIENT_SECRET not in caplog.text


def test_stored_token_round_trip_and_no_early_refresh() -> None:
    now = utc_now()
    token = StoredToken("abc123", now + timedelta(minutes=30), "calendar_read", "id-1", "s$h")
    assert StoredToken.from_json(token.to_json()) == token
    assert token.is_valid(now)
    # Used to its very end (#9.9): no margin that would ask bookingkit early and meet 42901.
    assert StoredToken("x", now + timedelta(seconds=1)).is_valid(now)
    assert not StoredToken("x", now).is_valid(now)
    older = '{"access_token": "x", "expires_at": "2030-01-01T00:00:00+00:00"}'
    assert StoredToken.from_json(older).client_id == ""  # written by an older version
    for odd in ("tök", "a b", "a\r\nX: 1", ""):
        with pytest.raises(ValueError, match="bearer token"):
            StoredToken.from_json(StoredToken(odd, now + timedelta(hours=1)).to_json())
    for bad in ("", "[]", '{"access_token": "x"}', '{"access_token": "x", "expires_at": "nope"}'):
        with pytest.raises(ValueError, match="stored token"):
            StoredToken.from_json(bad)
    naive = '{"access_token": "x", "expires_at": "2030-01-01T00:00:00"}'
    with pytest.raises(ValueError, match="time zone"):
        StoredToken.from_json(naive)
