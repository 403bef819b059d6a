"""The status strip under a burst of calls: going offline shows at once, the last call's line
once per burst (drawing it at every call slowed the booking's next request)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Fault, StandinServer
from voucherdesk.ui.counter.status_strip import CALL_LINE_DELAY_MS, CallFeed, StatusStrip


@pytest.fixture
def wired(qtbot: QtBot, standin: StandinServer) -> Iterator[tuple[BookingkitClient, StatusStrip]]:
    """A real client whose calls reach a real strip through the feed, as the session wires it."""
    feed = CallFeed()
    strip = StatusStrip()
    qtbot.addWidget(strip)
    feed.call.connect(strip.on_call)
    client = BookingkitClient(
        environment_named("custom", standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
        observer=feed.observe,
        retry=RetryPolicy(max_attempts=1),  # a dropped call fails at once
    )
    strip.bind(lambda: client.token_valid_until, lambda: 0)
    with client:
        yield client, strip


def on_worker(call: Callable[[], object]) -> None:
    """Run ``call`` on a thread of its own, as the counter's workers do."""
    worker = threading.Thread(target=call)
    worker.start()
    worker.join(10)


def test_a_burst_of_calls_draws_the_last_call_line_once_with_the_latest(
    qtbot: QtBot, wired: tuple[BookingkitClient, StatusStrip]
) -> None:
    client, strip = wired
    drawn: list[str] = []
    original = strip.last_call.setText
    strip.last_call.setText = lambda text: (drawn.append(text), original(text))  # type: ignore[method-assign]
    started = time.monotonic()

    def burst() -> None:
        client.check_connection()
        client.list_events()

    on_worker(burst)
    qtbot.waitUntil(lambda: strip.connection.text().endswith("online"), timeout=2000)
    assert strip.last_call.text() == ""  # not yet: the line waits for the burst to end
    qtbot.waitUntil(lambda: bool(strip.last_call.text()), timeout=5000)
    assert time.monotonic() - started >= CALL_LINE_DELAY_MS / 1000 * 0.9
    assert drawn == [strip.last_call.text()]  # drawn once for the token, vendor and events calls
    assert strip.last_call.text().startswith("Last call: GET /events → 200 in ")
    assert "Token until" in strip.token.text()


def test_going_offline_shows_at_once_and_the_failed_call_after(
    qtbot: QtBot, wired: tuple[BookingkitClient, StatusStrip], standin: StandinServer
) -> None:
    client, strip = wired
    on_worker(client.check_connection)
    qtbot.waitUntil(lambda: strip.last_call.text().endswith("ms"), timeout=5000)
    standin.faults.add(Fault("drop_before", times=0))

    def failing() -> None:
        with pytest.raises(errors.BookingkitError):
            client.list_events()

    on_worker(failing)
    qtbot.waitUntil(lambda: strip.connection.text().endswith("OFFLINE"), timeout=2000)
    assert "/events" not in strip.last_call.text()  # the line comes once the burst is over
    qtbot.waitUntil(lambda: "no answer" in strip.last_call.text(), timeout=5000)
    assert strip.last_call.text().startswith("Last call: GET /events → no answer")
    standin.faults.clear()
    on_worker(client.list_events)
    qtbot.waitUntil(lambda: strip.connection.text().endswith("online"), timeout=2000)
