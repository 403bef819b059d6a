"""The pass index's own file (guess U34): one that cannot be used is set aside and built again
from bookingkit, or the index works in memory when no file can be made; either way passes are
found and ``problem`` says what happened. (The whole command with each damage of the file:
tests/test_damaged_files.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.desk_setup import close_desk, make_desk
from helpers.kinds_setup import PassTour

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.pass_index import PassIndex
from voucherdesk.local_files import FileKind, FileTrouble, set_aside_database
from voucherdesk.standin import StandinServer


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till1")
    yield made
    close_desk(made)


@pytest.fixture
def tour(standin: StandinServer) -> PassTour:
    return PassTour.add_to(standin, "PASS-INDEX-1")


def finds_the_pass(index: PassIndex, desk: Desk, tour: PassTour) -> None:
    assert index.refresh(desk.client) >= 1
    found = index.lookup(tour.code)
    assert found is not None
    assert (found.pass_id, found.code) == (tour.pass_id, tour.code)
    assert tour.code in index.codes()
    assert index.synced_at is not None


def test_a_sound_file_has_no_problem(tmp_path: Path, desk: Desk, tour: PassTour) -> None:
    index = PassIndex(tmp_path / "passes.sqlite3")
    finds_the_pass(index, desk, tour)
    assert index.problem is None
    again = PassIndex(tmp_path / "passes.sqlite3")  # the next start reads what was stored
    assert again.lookup(tour.code) is not None
    assert again.problem is None


def test_a_folder_where_the_file_belongs_is_set_aside_whole(
    tmp_path: Path, desk: Desk, tour: PassTour
) -> None:
    path = tmp_path / "passes.sqlite3"
    path.mkdir()
    (path / "kept.txt").write_text("someone's file", encoding="utf-8")

    index = PassIndex(path)  # it was: sqlite3.OperationalError, and no counter started

    problem = index.problem
    assert problem is not None
    assert (problem.kind, problem.trouble, problem.path) == (
        FileKind.PASS_INDEX,
        FileTrouble.UNREADABLE,
        path,
    )
    assert problem.kept_as is not None
    assert (problem.kept_as / "kept.txt").read_text(encoding="utf-8") == "someone's file"
    assert path.is_file()
    finds_the_pass(index, desk, tour)


def test_a_damaged_file_is_set_aside(tmp_path: Path, desk: Desk, tour: PassTour) -> None:
    path = tmp_path / "passes.sqlite3"
    garbage = b"not a database at all " * 300
    path.write_bytes(garbage)

    index = PassIndex(path)

    problem = index.problem
    assert problem is not None
    assert (problem.kind, problem.trouble) == (FileKind.PASS_INDEX, FileTrouble.DAMAGED)
    assert problem.kept_as is not None
    assert problem.kept_as.read_bytes() == garbage  # nothing lost
    finds_the_pass(index, desk, tour)


def test_a_database_is_set_aside_with_its_side_files(tmp_path: Path) -> None:
    """Its -wal may hold the newest rows: it goes along (and no new file starts with it)."""
    path = tmp_path / "passes.sqlite3"
    for suffix, content in (("", "main"), ("-wal", "log"), ("-shm", "shared")):
        Path(f"{path}{suffix}").write_text(content, encoding="utf-8")

    aside = set_aside_database(path, datetime(2026, 12, 3, 10, 20, tzinfo=UTC))

    assert aside == tmp_path / "passes.sqlite3.corrupt-20261203-102000"
    for suffix, content in (("", "main"), ("-wal", "log"), ("-shm", "shared")):
        assert Path(f"{aside}{suffix}").read_text(encoding="utf-8") == content
        assert not Path(f"{path}{suffix}").exists()


def test_with_no_place_for_a_file_the_index_works_in_memory(
    tmp_path: Path, desk: Desk, tour: PassTour
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    path = blocker / "passes.sqlite3"

    index = PassIndex(path)

    problem = index.problem
    assert problem is not None
    assert (problem.kind, problem.trouble, problem.kept_as) == (
        FileKind.PASS_INDEX,
        FileTrouble.UNWRITABLE,
        None,
    )
    finds_the_pass(index, desk, tour)
    assert index.refresh(desk.client) == 0  # a delta from the last refresh: nothing new
    assert index.lookup(tour.code) is not None
    assert blocker.read_text(encoding="utf-8") == "a file where the data folder should be"
