"""The app's own files on disk: kept to their owner, read without ever blowing up, and set
aside (renamed, never deleted) when they cannot be used.

Every file VoucherDesk writes - settings, journal, voucher index, request count, log, lock
state - holds something worth keeping private (voucher codes are money; the settings hold the
PIN hash), so on macOS and Linux folders are created 0700 and files 0600. Windows keeps a
user's profile folder to that user already.

A file that cannot be used becomes a :class:`FileProblem`: a fact (which file, what is wrong,
where it was set aside), never a sentence. The window and the CLI put it into words.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)

OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm")  # beside a database in WAL mode
# Our JSON files are a few KB. Anything far larger is not ours: refuse it unread.
MAX_JSON_BYTES = 1_000_000


def has_modes() -> bool:
    """POSIX modes mean nothing to Windows' ACLs (asked each time: tests fake the platform)."""
    return sys.platform != "win32"


class FileKind(StrEnum):
    SETTINGS = "settings"
    JOURNAL = "journal"
    INDEX = "index"
    PASS_INDEX = "pass_index"
    USAGE = "usage"
    LOG = "log"
    LOCK_STATE = "lock_state"


class FileTrouble(StrEnum):
    DAMAGED = "damaged"  # the content is not what it should be: garbage, cut off, too deep
    UNREADABLE = "unreadable"  # the system refused to read it (permissions, a folder there)
    UNWRITABLE = "unwritable"  # it cannot be written (read-only file or folder, disk full)


@dataclass(frozen=True, kw_only=True)
class FileProblem:
    """One of our files cannot be used as it is; ``kept_as`` is where it was set aside (None:
    it was left where it is, e.g. because its folder cannot be written)."""

    kind: FileKind
    trouble: FileTrouble
    path: Path
    kept_as: Path | None = None


class FileDamaged(Exception):
    """The file's content cannot be used (``reason`` is English, for the log)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


def trouble_of(exc: BaseException) -> FileTrouble:
    """How to describe a failure to read a file."""
    return FileTrouble.DAMAGED if isinstance(exc, FileDamaged) else FileTrouble.UNREADABLE


def read_json(path: Path, *, limit: int = MAX_JSON_BYTES) -> object:
    """The JSON value in ``path``.

    Raises FileNotFoundError when there is none, FileDamaged when the content is not JSON we
    can hold (garbage, cut off, not UTF-8, too large, nested too deep, absurd numbers), and
    OSError when the system refuses to read it (permissions, a folder in its place).
    """
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileDamaged(path, f"larger than {limit} bytes")
    try:
        text = data.decode("utf-8")
        return json.loads(text)
    except UnicodeDecodeError:
        raise FileDamaged(path, "not UTF-8 text") from None
    except RecursionError:
        raise FileDamaged(path, "nested too deep") from None
    except ValueError as exc:  # JSONDecodeError, and integers of thousands of digits
        raise FileDamaged(path, f"not JSON ({type(exc).__name__})") from None


def set_aside(path: Path, moment: datetime, *, label: str = "damaged") -> Path | None:
    """Rename ``path`` (file or folder) to ``<name>.<label>-<stamp>`` beside it, never over
    an earlier one; None when it cannot be moved (it then stays exactly as it was)."""
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 100):
        suffix = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.name}.{label}-{stamp}{suffix}")
        if target.exists() or target.is_symlink():
            continue
        try:
            os.rename(path, target)
        except OSError:
            return None
        return target
    return None


def set_aside_database(path: Path, moment: datetime) -> Path | None:
    """:func:`set_aside` for an SQLite file, labelled "corrupt": its -wal (which may hold the
    newest rows) and -shm go along, so a new file does not start with the old one's."""
    aside = set_aside(path, moment, label="corrupt")
    if aside is not None:
        for suffix in SQLITE_SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                try:
                    side.rename(Path(f"{aside}{suffix}"))
                except OSError:
                    log.warning("cannot move %s aside", side.name)
    return aside


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) and keep it to its owner where the OS has modes.

    Also tightens a folder an older version (or the log set-up) made with the umask's mode;
    a folder that belongs to someone else stays as it is. Raises OSError when it cannot be
    created."""
    path.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    if has_modes():
        _drop_group_and_other(path)
    return path


def _drop_group_and_other(path: Path) -> None:
    """Take away what group and others may do; the owner's own bits stay (a folder made
    read-only on purpose stays read-only)."""
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & ~0o077)


def make_private(path: Path) -> None:
    """Keep an existing file to its owner (files written by older versions); quiet on
    failure: a file we cannot change we cannot fix either."""
    if has_modes() and path.is_file():
        _drop_group_and_other(path)


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 when it does not exist, or tighten it when it does.

    SQLite gives its -wal and -shm files the mode of the database file, so creating the
    database this way keeps all three private. Raises OSError when it cannot be created."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    except FileExistsError:
        make_private(path)
    else:
        os.close(fd)
    return path


def write_private_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` atomically with ``text`` (mode 0600): a crash mid-write leaves the old
    file, never half a file. Raises OSError."""
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
