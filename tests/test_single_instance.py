"""One counter window per data folder, with real processes (offscreen Qt).

A second start for the same folder asks the running window to come to the front and exits 0
at once; the first one receives the request (its log says so) and keeps running. Another data
folder and a --demo window are other counters and never blocked. A window killed with SIGKILL
leaves no lock behind that would stop the next start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from voucherdesk.ui.common.single_instance import SingleInstance, instance_name

pytestmark = pytest.mark.slow

TESTS_DIR = Path(__file__).resolve().parent
RAISED = "asked the counter window to come to the front"


def start(home: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        VOUCHERDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        # a usable, empty keyring: the window opens in demo mode without asking anything
        PYTHON_KEYRING_BACKEND="helpers.keyrings.MemoryKeyring",
        PYTHONPATH=os.pathsep.join([str(TESTS_DIR), str(TESTS_DIR.parent)]),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "voucherdesk", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(test: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.05)
    return False


def log_of(home: Path) -> str:
    path = home / "data" / "voucherdesk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def listening(home: Path) -> bool:
    """The first window holds the folder's lock and answers on its socket."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(instance_name(home / "data"))
    connected = socket.waitForConnected(200)
    socket.abort()
    return connected


@pytest.fixture
def first(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[bytes]]]:
    home = tmp_path / "till"
    proc = start(home)
    try:
        assert wait_for(lambda: listening(home) or proc.poll() is not None), "first never listened"
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        yield home, proc
    finally:
        proc.kill()
        proc.wait(10)


def test_a_second_start_brings_the_first_to_the_front_and_exits(
    first: tuple[Path, subprocess.Popen[bytes]], qapp: object
) -> None:
    home, proc = first
    started = time.monotonic()
    second = start(home)
    assert second.wait(30) == 0
    took = time.monotonic() - started
    assert took < 15, f"the second start took {took:.1f} s"
    assert wait_for(lambda: RAISED in log_of(home), 10)
    assert proc.poll() is None  # the first window keeps running


def test_another_folder_and_a_demo_window_are_other_counters(
    first: tuple[Path, subprocess.Popen[bytes]], tmp_path: Path, qapp: object
) -> None:
    home, proc = first
    other = SingleInstance(tmp_path / "other" / "data")
    try:
        assert other.claim(wait_s=0)  # another VOUCHERDESK_HOME (or user): its own window
    finally:
        other.release()
    demo = start(home, "--demo")  # its own journal: never blocked, never asks
    try:
        time.sleep(4)
        assert demo.poll() is None
        assert RAISED not in log_of(home)
    finally:
        demo.kill()
        demo.wait(10)
    assert proc.poll() is None


def test_a_killed_window_does_not_block_the_next_start(tmp_path: Path, qapp: object) -> None:
    home = tmp_path / "till"
    crashed = start(home)
    assert wait_for(lambda: listening(home))
    crashed.kill()  # SIGKILL: no clean-up, the lock file and the socket file stay behind
    crashed.wait(10)
    again = start(home)
    try:
        assert wait_for(lambda: listening(home) or again.poll() is not None)
        assert again.poll() is None  # it is the counter window now, not a "second start"
    finally:
        again.kill()
        again.wait(10)
