"""#12.6, file level: whatever bytes sit in a local file, reading it ends in a value or a typed
problem (never another exception), within a time and a memory bound, and the bytes survive.

Hypothesis writes the files: arbitrary bytes, arbitrary JSON, JSON nested far past the
recursion limit, huge numbers, and valid files cut short. Each reader is the real one on a
real file: settings, request count, lock state, voucher index, journal.
"""

from __future__ import annotations

import json
import sqlite3
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.desk.journal import Journal, JournalUnavailable
from voucherdesk.desk.lock_state import LockState, LockStateFile
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.local_files import FileKind, FileTrouble
from voucherdesk.settings import Settings, load_settings, save_settings

SECONDS = 2.0
PEAK_MB = 32.0
NOW = datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)


def nested(depth: int, opener: str) -> bytes:
    closer = {"[": "]", "{": "}"}[opener]
    inner = '{"a":' * depth + "1" + "}" * depth if opener == "{" else "[" * depth + "]" * depth
    del closer
    return inner.encode()


hostile_bytes = st.one_of(
    st.binary(max_size=4096),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(min_value=1_000, max_value=300_000).map(lambda d: nested(d, "[")),
    st.integers(min_value=1_000, max_value=150_000).map(lambda d: nested(d, "{")),
    st.integers(min_value=4_400, max_value=20_000).map(lambda n: ("9" * n).encode()),  # big int
    st.just(b"\xef\xbb\xbf{}"),  # a byte-order mark
    st.just(b"x" * 1_100_000),  # larger than any of our JSON files
)

CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@contextmanager
def bounded() -> Iterator[None]:
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        seconds = time.monotonic() - started
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert seconds < SECONDS, seconds
    assert peak / 2**20 < PEAK_MB, peak / 2**20


def kept_somewhere(folder: Path, name: str, content: bytes) -> bool:
    return any(p.is_file() and p.read_bytes() == content for p in folder.glob(f"{name}*"))


@pytest.fixture
def fresh(tmp_path: Path) -> Callable[[], Path]:
    """A new empty folder per hypothesis example."""
    counter = iter(range(10**6))

    def make() -> Path:
        folder = tmp_path / f"x{next(counter)}"
        folder.mkdir()
        return folder

    return make


@CHECKS
@given(content=hostile_bytes)
def test_settings_file_with_any_content(fresh: Callable[[], Path], content: bytes) -> None:
    folder = fresh()
    path = folder / "settings.json"
    path.write_bytes(content)
    with bounded():
        loaded = load_settings(path)
    assert isinstance(loaded.settings, Settings)
    if loaded.problem is not None:
        assert loaded.problem.kind is FileKind.SETTINGS
        assert loaded.needs_setup  # never production defaults by surprise
        assert loaded.problem.kept_as is not None
        assert loaded.problem.kept_as.read_bytes() == content
        assert load_settings(path).needs_setup  # and at the next start too
    else:
        assert path.read_bytes() == content


@CHECKS
@given(data=st.data())
def test_a_damaged_settings_file_keeps_what_can_be_read(
    fresh: Callable[[], Path], data: st.DataObject
) -> None:
    """The environment, address and PIN hash of a file with one bad field are kept."""
    folder = fresh()
    path = folder / "settings.json"
    good = Settings(
        environment="sandbox", pin_hash="pbkdf2$1$00$00", counter_id="till-3", language="de"
    )
    save_settings(good, path)
    stored = json.loads(path.read_text(encoding="utf-8"))
    bad = {
        "result_delay_s": [-5, "soon", 10**40],
        "theme": ["purple", None, [1]],
        "currency": ["EURO", 42, ""],
        "scan": [{"min_length": 0}, "fast", [1, 2]],
    }
    bad_field = data.draw(st.sampled_from(sorted(bad)))
    stored[bad_field] = data.draw(st.sampled_from(bad[bad_field]))
    path.write_text(json.dumps(stored), encoding="utf-8")
    with bounded():
        loaded = load_settings(path)
    assert loaded.problem is not None
    assert loaded.needs_setup
    kept = loaded.settings
    assert (kept.environment, kept.pin_hash, kept.counter_id, kept.language) == (
        "sandbox",
        "pbkdf2$1$00$00",
        "till-3",
        "de",
    )


@CHECKS
@given(content=hostile_bytes)
def test_request_count_with_any_content(fresh: Callable[[], Path], content: bytes) -> None:
    folder = fresh()
    path = folder / "requests.json"
    path.write_bytes(content)
    with bounded():
        counter = RequestCounter(path, clock=lambda: NOW)
        before = counter.this_month()
        counter.record()
    assert counter.this_month() == before + 1
    assert 0 <= before < 10**12
    if counter.problem is not None:
        assert counter.problem.trouble is FileTrouble.DAMAGED
        assert counter.problem.kept_as is not None
        assert counter.problem.kept_as.read_bytes() == content
    assert RequestCounter(path, clock=lambda: NOW).this_month() == before + 1


@CHECKS
@given(content=hostile_bytes)
def test_lock_state_with_any_content(fresh: Callable[[], Path], content: bytes) -> None:
    folder = fresh()
    path = folder / "counter-lock.json"
    path.write_bytes(content)
    with bounded():
        state, problem = LockStateFile(path, clock=lambda: NOW).load()
    assert isinstance(state, LockState)
    if problem is not None:
        assert state.locked  # in doubt, locked
        assert kept_somewhere(folder, "counter-lock.json.damaged-", content)
    assert 0 <= state.failures <= 1_000_000


def sqlite_bytes(folder: Path) -> bytes:
    """A small valid SQLite file (to be cut short or flipped)."""
    path = folder / "valid.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [(f"row {i}",) for i in range(200)])
    data = path.read_bytes()
    path.unlink()
    return data


@CHECKS
@given(content=hostile_bytes, cut=st.floats(min_value=0.0, max_value=1.0), use_sqlite=st.booleans())
def test_voucher_index_with_any_content(
    fresh: Callable[[], Path], content: bytes, cut: float, use_sqlite: bool
) -> None:
    folder = fresh()
    path = folder / "index.sqlite"
    if use_sqlite:
        whole = sqlite_bytes(folder)
        content = whole[: int(len(whole) * cut)]
    path.write_bytes(content)
    with bounded():
        index = VoucherIndex(path, clock=lambda: NOW)
        assert index.lookup("ANY") is None
        assert index.count >= 0
    if index.problem is not None:
        assert index.problem.kind is FileKind.INDEX
        assert kept_somewhere(folder, "index.sqlite.corrupt-", content)


@CHECKS
@given(content=hostile_bytes, cut=st.floats(min_value=0.0, max_value=1.0), use_sqlite=st.booleans())
def test_journal_with_any_content(
    fresh: Callable[[], Path], content: bytes, cut: float, use_sqlite: bool
) -> None:
    folder = fresh()
    path = folder / "journal.sqlite"
    if use_sqlite:
        whole = sqlite_bytes(folder)
        content = whole[: int(len(whole) * cut)]
    path.write_bytes(content)
    problem = None
    with bounded():
        try:
            journal: Journal | None = Journal(path, clock=lambda: NOW)
        except JournalUnavailable as exc:
            problem, journal = exc.problem.value, None
    assert problem in (None, "damaged", "cannot_open")
    if journal is not None:
        journal.close()
        if content:
            return  # an empty file is a new journal; anything else SQLite read as one
    assert path.read_bytes() == content or not content  # never replaced, never emptied
