"""#12.6: every local file damaged in every way ends in words or a correct result, in bounded
time and memory, and nothing on disk is lost.

The real `voucherdesk` command in its own process (unprivileged, so read-only really is
read-only even for root), on a counter set up against the stand-in over loopback: settings,
voucher index, pass index, request count, log and journal, each damaged in each way of
``helpers.damage.WAYS``; the lock state (read by the window) is in ``test_lock_kept.py`` and
below at the file level.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli_child import ChildRun, run_child, unprivileged_prefix
from helpers.damage import WAYS, Damage, damage, still_there, undo_modes

from voucherdesk.paths import AppPaths
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.standin.seed import DEMO_CODES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="read-only folders are POSIX modes"),
]

SECONDS = 30.0  # each run, start-up of Python and Qt included
MAX_RSS_MB = 250.0  # each run's own peak resident memory (Python + Qt + the app)
CODE = DEMO_CODES["partly_used"]


@pytest.fixture(scope="module")
def server() -> Iterator[StandinServer]:
    with StandinServer(seed="demo") as standin:
        yield standin


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory, server: StandinServer) -> Path:
    """A home after `login` and one `lookup`: every file of the counter exists and is sound."""
    if unprivileged_prefix() is None:
        pytest.skip("running as root without setpriv: read-only cannot be made to hold")
    home = tmp_path_factory.mktemp("healthy")
    login = run_child(
        [
            "login",
            "--environment",
            "custom",
            "--url",
            server.base_url,
            "--client-id",
            DEMO_CLIENT_ID,
            "--client-secret-stdin",
        ],
        home,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )
    assert login.returncode == 0, login.stderr
    first = lookup(home, server)
    assert first.returncode == 0, first.stderr
    paths = files(home)
    for path in (
        paths.settings_file,
        paths.index_file,
        paths.pass_index_file,
        paths.usage_file,
        paths.log_file,
    ):
        assert path.is_file(), path
    assert paths.journal_file.is_file()
    return home


def files(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data")


def lookup(home: Path, server: StandinServer, *extra: str) -> ChildRun:
    # Each process has its own in-memory keyring: the last one's token went with it.
    server.state.expire_tokens()
    return run_child(
        ["lookup", CODE, *extra],
        home,
        url=server.base_url,
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_CLIENT_SECRET,
    )


@pytest.fixture
def home(healthy: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "counter"
    shutil.copytree(healthy, copy)
    yield copy
    undo_modes(copy)


def bounded(run: ChildRun) -> None:
    assert "Traceback" not in run.stderr + run.stdout
    assert "Something went wrong" not in run.stderr  # the CLI's last net was not needed
    assert run.seconds < SECONDS, run.seconds
    assert 0 < run.max_rss_mb < MAX_RSS_MB, run.max_rss_mb  # 0: the child never told its peak


def looked_up(run: ChildRun) -> None:
    assert run.returncode == 0, run.stderr
    assert CODE in run.stdout
    assert "Remaining:" in run.stdout


# What each damage gets. "ok" = the lookup works; else (exit code, words on stderr).
SETTINGS = {
    "nested_json": (3, "Settings damaged"),
    "garbage": (3, "Settings damaged"),
    "truncated": (3, "Settings damaged"),
    "read_only_file": "ok",
    "read_only_folder": "ok",
    "missing_folder": (3, "Settings missing"),
    "file_is_directory": (3, "Settings damaged"),
}
DATA_FOLDER_READ_ONLY = (3, "Journal cannot be opened")
INDEX = {
    "nested_json": ("ok", "voucher index could not be used; it was kept as"),
    "garbage": ("ok", "voucher index could not be used; it was kept as"),
    "truncated": ("ok", "voucher index could not be used; it was kept as"),
    "read_only_file": ("ok", ""),  # read as it is; a refresh would set it aside
    "read_only_folder": DATA_FOLDER_READ_ONLY,
    "missing_folder": ("ok", ""),
    "file_is_directory": ("ok", "voucher index could not be used; it was kept as"),
}
PASSES = {
    "nested_json": ("ok", "pass index could not be used; it was kept as"),
    "garbage": ("ok", "pass index could not be used; it was kept as"),
    "truncated": ("ok", "pass index could not be used; it was kept as"),
    "read_only_file": ("ok", ""),  # read as it is; a refresh would set it aside
    "read_only_folder": DATA_FOLDER_READ_ONLY,
    "missing_folder": ("ok", ""),
    "file_is_directory": ("ok", "pass index could not be used; it was kept as"),
}
USAGE = {
    "nested_json": ("ok", "requests could not be read; it was kept as"),
    "garbage": ("ok", "requests could not be read; it was kept as"),
    "truncated": ("ok", "requests could not be read; it was kept as"),
    "read_only_file": ("ok", ""),  # counted on: the folder is writable, the file replaced
    "read_only_folder": DATA_FOLDER_READ_ONLY,
    "missing_folder": ("ok", ""),
    "file_is_directory": ("ok", "requests could not be read; it was kept as"),
}
LOG = {
    "nested_json": ("ok", ""),  # a log is only appended to
    "garbage": ("ok", ""),
    "truncated": ("ok", ""),
    "read_only_file": ("ok", "The log file"),
    "read_only_folder": DATA_FOLDER_READ_ONLY,
    "missing_folder": ("ok", ""),
    "file_is_directory": ("ok", "The log file"),
}
JOURNAL = {
    "nested_json": (3, "Journal damaged"),
    "garbage": (3, "Journal damaged"),
    "truncated": (3, "Journal damaged"),
    "read_only_file": ("ok", ""),  # a lookup only reads it; a redemption: see below
    "read_only_folder": DATA_FOLDER_READ_ONLY,
    "missing_folder": ("ok", ""),
    "file_is_directory": (3, "Journal cannot be opened"),
}
CASES = [
    (kind, way, expected)
    for kind, table in (
        ("settings", SETTINGS),
        ("index", INDEX),
        ("passes", PASSES),
        ("usage", USAGE),
        ("log", LOG),
        ("journal", JOURNAL),
    )
    for way, expected in table.items()
]


def target(home: Path, kind: str) -> Path:
    paths = files(home)
    return {
        "settings": paths.settings_file,
        "index": paths.index_file,
        "passes": paths.pass_index_file,
        "usage": paths.usage_file,
        "log": paths.log_file,
        "journal": paths.journal_file,
    }[kind]


def test_every_way_is_tried_on_every_file() -> None:
    assert {(kind, way) for kind, way, _ in CASES} == {
        (kind, way)
        for kind in ("settings", "index", "passes", "usage", "log", "journal")
        for way in WAYS
    }


@pytest.mark.parametrize(("kind", "way", "expected"), CASES, ids=[f"{k}-{w}" for k, w, _ in CASES])
def test_damaged_file_gets_words_and_loses_nothing(
    home: Path, server: StandinServer, kind: str, way: str, expected: object
) -> None:
    path = target(home, kind)
    count_before = json.loads(path.read_text()) if kind == "usage" else None
    done: Damage = damage(path, way)
    run = lookup(home, server)
    bounded(run)
    if expected == "ok":
        looked_up(run)
    else:
        assert isinstance(expected, tuple)
        outcome, words = expected
        if outcome == "ok":
            looked_up(run)
        else:
            assert run.returncode == outcome, run.stderr
        assert words in run.stderr, run.stderr
    undo_modes(home)
    if kind == "usage" and way == "read_only_file":  # rewritten with this run's requests
        assert isinstance(count_before, dict)
        count_after = json.loads(path.read_text())
        assert all(count_after[month] > n for month, n in count_before.items())
        return
    assert still_there(done, home), f"{kind} {way}: the damaged content is gone"


def test_a_read_only_journal_stops_redemptions_before_anything_is_sent(
    home: Path, server: StandinServer
) -> None:
    journal = files(home).journal_file
    before = journal.read_bytes()
    journal.chmod(0o444)
    orders = len(server.state.orders())
    server.state.expire_tokens()
    run = run_child(
        ["redeem", CODE, "--event", "Kayak", "--date", "2099-01-01", "--participants", "Adult=1"],
        home,
        url=server.base_url,
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_CLIENT_SECRET,
    )
    bounded(run)
    assert run.returncode == 3
    assert "Journal cannot be opened" in run.stderr
    undo_modes(home)
    assert journal.read_bytes() == before
    assert len(server.state.orders()) == orders


def test_after_damaged_settings_the_counter_stays_off_until_login(
    home: Path, server: StandinServer
) -> None:
    """The next run after a damaged settings file still refuses (the file was set aside and a
    salvaged copy marked), and `login` without an environment does not guess one."""
    damage(files(home).settings_file, "garbage")
    first = lookup(home, server)
    assert first.returncode == 3
    again = lookup(home, server)
    bounded(again)
    assert again.returncode == 3
    assert "Settings damaged" in again.stderr
    assert "settings.json.damaged-" in again.stderr
    login = run_child(
        ["login", "--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"],
        home,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )
    bounded(login)
    assert login.returncode == 2
    assert "--environment" in login.stderr
    server.state.expire_tokens()
    login = run_child(
        ["login", "--url", server.base_url, "--client-id", DEMO_CLIENT_ID, "--client-secret-stdin"],
        home,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )
    assert login.returncode == 0, login.stderr
    looked_up(lookup(home, server))


def test_a_redemption_with_a_read_only_data_folder_is_refused_with_words(
    home: Path, server: StandinServer
) -> None:
    """The writer's lock file cannot be made: no redemption, words, no index "corruption"."""
    paths = files(home)
    index_before = paths.index_file.read_bytes()
    paths.data_dir.chmod(0o555)
    server.state.expire_tokens()
    run = run_child(
        ["redeem", CODE, "--event", "Kayak", "--date", "2099-01-01", "--participants", "Adult=1"],
        home,
        url=server.base_url,
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_CLIENT_SECRET,
    )
    bounded(run)
    assert run.returncode == 3
    assert "Journal cannot be opened" in run.stderr
    undo_modes(home)
    assert paths.index_file.read_bytes() == index_before
    assert not list(paths.data_dir.glob("*.corrupt-*"))


def test_a_login_whose_settings_cannot_be_saved_says_so(home: Path, server: StandinServer) -> None:
    files(home).config_dir.chmod(0o555)
    server.state.expire_tokens()
    run = run_child(
        [
            "login",
            "--environment",
            "custom",
            "--url",
            server.base_url,
            "--client-id",
            DEMO_CLIENT_ID,
            "--client-secret-stdin",
        ],
        home,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )
    bounded(run)
    assert run.returncode == 1
    assert "the settings could not be saved" in run.stderr
    assert "The credentials were not stored" in run.stderr
