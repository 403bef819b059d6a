"""The SQLite file of an index (vouchers, passes): a cache of what bookingkit holds.

A file that cannot be used is therefore set aside (never overwritten) and made again; when no
file can be made, the index lives in memory until the app closes. Each index keeps its own
connections and its own memory fallback; this module makes, checks and recovers the file.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from voucherdesk.local_files import (
    SQLITE_SIDE_FILES,
    FileKind,
    FileProblem,
    FileTrouble,
    make_private,
    private_file,
    set_aside_database,
)

log = logging.getLogger(__name__)


def create_index_file(path: Path, schema: str) -> None:
    """Make the file (or open the one there) with ``schema``: checked before anything is
    written, in WAL mode, owner-only. Raises sqlite3.DatabaseError or OSError."""
    private_file(path)  # owner-only; SQLite gives -wal and -shm the same mode
    with closing(sqlite3.connect(path)) as db:
        ok = db.execute("PRAGMA quick_check").fetchone()  # before anything is written
        if ok is None or ok[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {ok}")
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(schema)
    for suffix in SQLITE_SIDE_FILES:
        make_private(Path(f"{path}{suffix}"))


def recover_index_file(
    path: Path, schema: str, exc: BaseException, *, kind: FileKind, moment: datetime
) -> tuple[FileProblem | None, bool]:
    """``exc`` made the file at ``path`` unusable: set it aside and make a new one.

    Returns the problem to tell (None: there was no file to set aside, a new one is made) and
    whether no file could be made, so that the index must live in memory."""
    damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.OperationalError
    )
    trouble = FileTrouble.DAMAGED if damaged else FileTrouble.UNREADABLE
    there = path.exists() or path.is_symlink()
    aside = set_aside_database(path, moment) if there else None
    if aside is not None or not path.exists():
        try:
            create_index_file(path, schema)
        except (sqlite3.DatabaseError, OSError) as again:
            log.warning("%s %s cannot be created (%s)", kind, path, again)
        else:
            log.warning("%s %s unusable (%s); set aside as %s", kind, path, exc, aside)
            if aside is None:
                return None, False
            return FileProblem(kind=kind, trouble=trouble, path=path, kept_as=aside), False
    log.warning("%s %s unusable (%s); kept in memory for now", kind, path, exc)
    return FileProblem(kind=kind, trouble=FileTrouble.UNWRITABLE, path=path, kept_as=aside), True
