"""#12.8: the PIN lock holds across closing, quitting and restarts, and never blocks the window.

The real counter window on the demo stand-in (pytest-qt, offscreen); the lock state file is the
real one in the test's app home.
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot
from test_lock_screen import PIN, PIN_HASH, type_pin
from test_ui_flows import WAIT_MS, open_session

from voucherdesk.clock import utc_now
from voucherdesk.desk.pin import hash_pin
from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings
from voucherdesk.ui.session import CounterSession


@pytest.fixture
def sessions(qtbot: QtBot) -> Iterator[list[CounterSession]]:
    """Counter sessions opened by a test, each shut down at its end (a restart is a second)."""
    opened: list[CounterSession] = []
    yield opened
    for session in opened:
        session.shutdown()


def start(qtbot: QtBot, sessions: list[CounterSession], pin_hash: str = PIN_HASH) -> CounterSession:
    session = open_session(qtbot, Settings(pin_hash=pin_hash))
    sessions.append(session)
    return session


def kept_state() -> dict[str, object]:
    data = json.loads(app_paths().lock_state_file.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_closing_a_locked_counter_needs_the_pin(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions)
    window = session.window
    window.lock.lock_now()
    closed: list[bool] = []
    window.closing.connect(lambda: closed.append(True))

    assert not window.close()  # the close button, Alt+F4, the quit action all land here
    assert window.isVisible()
    assert closed == []
    assert window.lock.locked
    screen = window.lock_screen
    assert screen.closing
    assert screen.heading.text() == "Close VoucherDesk?"
    assert not screen.keep_open_button.isHidden()

    type_pin(qtbot, session, "1357")  # a wrong PIN closes nothing
    assert window.isVisible()
    assert screen.message.text().startswith("Wrong PIN")

    screen.keep_open_button.click()  # the way back: still locked, as it was
    assert window.lock.locked
    assert not screen.closing
    assert screen.heading.text() == "Locked"

    window.close()
    type_pin(qtbot, session, PIN)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert closed == [True]
    assert kept_state()["locked"] is False  # closed with the PIN: the next start is open


def test_closing_an_open_counter_asks_for_the_pin_and_keep_open_goes_back(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions)
    window = session.window
    assert not window.lock.locked
    assert not window.close()
    assert window.lock.locked  # nothing of the counter shows while the PIN is asked for
    assert window.lock_screen.closing
    assert kept_state()["locked"] is True  # a kill now would start locked
    window.lock_screen.keep_open_button.click()
    assert not window.lock.locked
    assert kept_state()["locked"] is False
    assert window.isVisible()


def test_the_operating_system_ending_the_session_closes_it_and_is_logged(
    qtbot: QtBot, sessions: list[CounterSession], caplog: pytest.LogCaptureFixture
) -> None:
    session = start(qtbot, sessions)
    window = session.window
    window.lock.lock_now()
    caplog.set_level(logging.INFO)
    window.lock._os_ends_session()  # what QGuiApplication.commitDataRequest calls
    assert window.close()
    assert not window.isVisible()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "operating system ends the session (counter locked)" in logged
    assert "closes without the PIN" in logged
    assert kept_state()["locked"] is True  # so it starts locked after the reboot


def test_a_locked_counter_starts_locked(qtbot: QtBot, sessions: list[CounterSession]) -> None:
    first = start(qtbot, sessions)
    first.window.lock.lock_now()
    assert kept_state()["locked"] is True
    # the process ends without closing (killed, power cut): a new start is locked
    again = start(qtbot, sessions)
    assert again.window.lock.locked
    assert again.controller.locked
    assert again.window.shell.currentWidget() is again.window.lock_screen
    type_pin(qtbot, again, PIN)
    assert not again.window.lock.locked
    assert kept_state()["locked"] is False


def test_the_pin_back_off_survives_a_restart_and_grows(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    first = start(qtbot, sessions)
    first.window.lock.lock_now()
    for _ in range(5):
        type_pin(qtbot, first, "0000")
    assert first.window.lock_screen.message.text() == "Too many wrong PINs. Try again in 30 s."
    state = kept_state()
    assert state["failures"] == 5
    assert isinstance(state["wait_until"], str)

    again = start(qtbot, sessions)  # quitting ends no pause
    screen = again.window.lock_screen
    assert again.window.lock.locked
    assert 25 < screen.policy.wait_left() <= 30
    assert screen.message.text().startswith("Too many wrong PINs. Try again in")
    type_pin(qtbot, again, PIN)  # not even the right PIN is checked in the pause
    assert again.window.lock.locked

    # The pause has run out (kept on the wall clock): the next wrong PIN pauses twice as long.
    path = app_paths().lock_state_file
    ended = utc_now() - timedelta(seconds=1)
    path.write_text(
        json.dumps({"locked": True, "failures": 5, "wait_until": ended.isoformat()}), "utf-8"
    )
    third = start(qtbot, sessions)
    assert third.window.lock_screen.policy.wait_left() == 0
    type_pin(qtbot, third, "0000")
    assert third.window.lock_screen.message.text() == "Too many wrong PINs. Try again in 60 s."
    assert kept_state()["failures"] == 6


def test_a_damaged_lock_state_starts_locked_and_says_so(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    path = app_paths().lock_state_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"locked": fal', encoding="utf-8")
    session = start(qtbot, sessions)
    assert session.window.lock.locked  # in doubt, locked
    kept = list(path.parent.glob("counter-lock.json.damaged-*"))
    assert len(kept) == 1
    assert "lock state could not be read" in session.window.status.message.text()


def test_checking_a_pin_leaves_the_window_responsive(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    """A PIN hashed with 2,000,000 rounds takes far longer to check than the counter's own
    (about 0.4 s here): the GUI thread keeps running its timers meanwhile."""
    slow_hash = hash_pin(PIN, iterations=2_000_000)
    session = start(qtbot, sessions, slow_hash)
    window = session.window
    window.lock.lock_now()
    screen = window.lock_screen
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.keyClicks(screen.pin_field, PIN)
    pressed = time.monotonic()
    qtbot.keyClick(screen.pin_field, Qt.Key.Key_Return)
    returned = time.monotonic() - pressed
    assert screen.checking
    assert screen.message.text() == "Checking the PIN…"
    qtbot.keyClicks(screen.pin_field, "99")  # the field takes keys while the check runs
    qtbot.keyClick(screen.pin_field, Qt.Key.Key_Return)  # one try at a time: not a second
    qtbot.waitUntil(lambda: not screen.checking, timeout=WAIT_MS)
    checked = time.monotonic() - pressed
    timer.stop()
    assert not window.lock.locked
    assert screen.policy.failures == 0
    assert returned < 0.1, returned  # Enter came back at once
    assert checked > 0.2  # the check itself was slow...
    during = [t for t in ticks if pressed <= t <= pressed + checked]
    gaps = [b - a for a, b in itertools.pairwise(during)]
    print(f"\nPIN check {checked * 1000:.0f} ms; Enter returned in {returned * 1000:.1f} ms; "
          f"longest GUI gap meanwhile {max(gaps) * 1000:.1f} ms")  # fmt: skip
    assert len(during) >= 10  # ...and the event loop went on ticking meanwhile
    # On the GUI thread the longest gap would be the whole check; on a worker it stays a
    # fraction of it even on a loaded machine.
    assert max(gaps) < min(0.3, checked / 3), max(gaps)
