"""Review: a token store that fails on save (a locked keyring) must not cost the only token."""

from __future__ import annotations

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, StoredToken
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer


class LockedStore(MemoryTokenStore):
    def save(self, t: StoredToken) -> None:
        raise RuntimeError("the keyring collection is locked")


def test_token_survives_a_failing_store(empty_standin: StandinServer) -> None:
    client = BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=LockedStore(),
        retry=RetryPolicy(sleep=lambda _s: None),
    )
    with client:
        client.check_connection()
        client.list_events()  # a second request needs the same token, not a new one (42901)
    assert empty_standin.state.token_requests == 1
