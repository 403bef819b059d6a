"""One process at a time works on a journal: an OS file lock beside it, held while it is open.

The counter window holds it for its whole life; a CLI command that writes (redeem, reconcile,
undo, acknowledge) takes it for its run and refuses while someone else has it. The OS drops the
lock when its process ends, even by SIGKILL or a power cut, so a crash never leaves it stuck.
Within one process the lock is shared (counted): the window's parts and the tests may open the
same journal more than once; the desk's own write lock orders them.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import IO

from voucherdesk.local_files import OWNER_ONLY_FILE, private_dir


class LockHeld(Exception):
    """Another process works on this journal now."""


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


_guard = threading.Lock()
_held: dict[Path, tuple[IO[bytes], int]] = {}


def lock_path(journal: Path) -> Path:
    return journal.with_name(journal.name + ".lock")


def acquire(journal: Path) -> None:
    """Take the journal's lock for this process; raises LockHeld if another process has it."""
    path = lock_path(journal).resolve()
    with _guard:
        if path in _held:
            handle, count = _held[path]
            _held[path] = (handle, count + 1)
            return
        private_dir(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY_FILE)
        handle = os.fdopen(fd, "r+b")
        if not _try_lock(handle):
            handle.close()
            raise LockHeld(str(path))
        _held[path] = (handle, 1)


def release(journal: Path) -> None:
    path = lock_path(journal).resolve()
    with _guard:
        if path not in _held:
            return
        handle, count = _held[path]
        if count > 1:
            _held[path] = (handle, count - 1)
            return
        del _held[path]
        handle.close()  # closing the file drops the OS lock


def held_elsewhere(journal: Path) -> bool:
    """Whether another process holds the journal now (a quick probe that takes nothing)."""
    path = lock_path(journal).resolve()
    with _guard:
        if path in _held:
            return False
    if not path.exists():
        return False
    with open(path, "r+b") as handle:
        return not _try_lock(handle)  # closing releases a lock the probe took
