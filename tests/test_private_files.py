"""#12.7: every file and folder the app writes is its owner's alone (0600 / 0700), where the OS
has modes: settings, journal with its -wal, -shm and .lock, voucher index (every voucher code of
the vendor) with its side files, request count, log (also after rotating), lock state."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from helpers.keyrings import MemoryKeyring

from voucherdesk import cli, logs
from voucherdesk.app_context import open_configured
from voucherdesk.desk.lock_state import LockState, LockStateFile
from voucherdesk.logs import PrivateLogFile
from voucherdesk.paths import app_paths
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.standin.seed import DEMO_CODES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows has ACLs, not modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask leaves new files readable by everyone: the app must not rely on it."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


@pytest.mark.usefixtures("qapp", "loose_umask", "memory_keyring", "restore_logging")
def test_every_file_of_a_working_counter_is_owner_only(
    app_home: Path, standin: StandinServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_CLIENT_SECRET + "\n"))
    login = ["login", "--environment", "custom", "--url", standin.base_url]
    assert cli.main([*login, "--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"]) == 0
    assert cli.main(["lookup", DEMO_CODES["fresh"]]) == 0
    paths = app_paths()
    LockStateFile(paths.lock_state_file).save(LockState(locked=True))

    context = open_configured()  # the journal open as a writer: -wal, -shm and .lock exist now
    try:
        context.desk.check(DEMO_CODES["partly_used"])
        found = sorted(p for p in app_home.rglob("*"))
        names = {p.name for p in found}
        for expected in (
            "settings.json",
            "journal.sqlite3",
            "journal.sqlite3-wal",
            "journal.sqlite3-shm",
            "journal.sqlite3.lock",
            "voucher-index.sqlite3",
            "requests-per-month.json",
            "voucherdesk.log",
            "counter-lock.json",
        ):
            assert expected in names, expected
        loose = {
            str(p.relative_to(app_home)): oct(mode(p))
            for p in found
            if mode(p) & 0o077 or (p.is_dir() and mode(p) != 0o700)
        }
        assert loose == {}
    finally:
        context.close()


@pytest.mark.usefixtures("loose_umask")
def test_files_of_an_older_version_are_tightened(app_home: Path) -> None:
    paths = app_paths()
    paths.data_dir.mkdir(parents=True, mode=0o755)
    paths.data_dir.chmod(0o755)
    for path in (paths.journal_file, paths.index_file):
        path.touch()
        path.chmod(0o644)
    from voucherdesk.desk.journal import Journal
    from voucherdesk.desk.voucher_index import VoucherIndex

    paths.ensure()
    VoucherIndex(paths.index_file)
    Journal(paths.journal_file).close()
    assert mode(paths.data_dir) == 0o700
    assert mode(paths.journal_file) == 0o600
    assert mode(paths.index_file) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_a_rotated_log_starts_owner_only(tmp_path: Path) -> None:
    handler = PrivateLogFile(tmp_path / "app.log", max_bytes=200, backups=2)
    try:
        record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 150, None, None)
        for _ in range(5):
            handler.emit(record)
    finally:
        handler.close()
    logs_written = sorted(tmp_path.glob("app.log*"))
    assert len(logs_written) == 3  # the current one and two rotated
    assert {p.name: oct(mode(p)) for p in logs_written} == {
        p.name: oct(0o600) for p in logs_written
    }


def test_the_log_rotates_by_size_keeping_the_newest_lines_and_its_backups(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    handler = PrivateLogFile(log, max_bytes=100, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for n in range(10):  # 40 bytes a line: two lines a file
            handler.emit(
                logging.LogRecord("t", logging.INFO, __file__, 1, f"{n:02d}" * 19, None, None)
            )
    finally:
        handler.close()
    lines = {p.name: p.read_text("utf-8").split() for p in tmp_path.glob("app.log*")}
    assert lines == {
        "app.log": ["08" * 19, "09" * 19],
        "app.log.1": ["06" * 19, "07" * 19],
        "app.log.2": ["04" * 19, "05" * 19],
    }
    assert logs.file_problem() is None


def test_a_log_that_cannot_rotate_goes_on_in_the_same_file(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    handler = PrivateLogFile(log, max_bytes=50, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    (tmp_path / "app.log.1").write_text("older\n", "utf-8")
    (tmp_path / "app.log.2").mkdir()  # in the way of .1 (also for root, unlike a mode)
    (tmp_path / "app.log.2" / "keep").write_text("x", "utf-8")
    try:
        for n in range(4):
            handler.emit(
                logging.LogRecord("t", logging.INFO, __file__, 1, f"line {n} " * 4, None, None)
            )
    finally:
        handler.close()
        problem = logs.file_problem()
        logs._problem = None
    assert log.read_text("utf-8").splitlines() == [f"line {n} " * 4 for n in range(4)]
    assert problem is not None
    assert problem.path == log
