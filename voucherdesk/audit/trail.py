"""The audit trail file: rows appended under a file lock, each one on disk before the head.

Appending: take the lock beside the file (one writer at a time across processes: the window
and a CLI command may both record), bring the cached end up to date with what other processes
appended, write one line with O_APPEND, fsync, then keep the new head in the keyring. A crash
can therefore leave (a) a torn last line: the next append moves those bytes to
``NAME.torn-<time>`` beside the file (never deleted) and records that it did; or (b) a whole
row the head does not count yet: fine, the head is only ever moved forward along the chain.

The head is never moved to a file that does not reach it (rows cut off or rewritten): the
trail stays reported as broken until a person has looked. Recording never stops the counter:
a failure is logged and kept as ``problem`` for the edges to tell.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from voucherdesk.audit.chain import (
    GENESIS,
    AuditRow,
    ChainBreak,
    ChainHead,
    body_of,
    check_rows,
    compare_head,
    line_of,
    parse_row,
    split_lines,
)
from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.audit.head import HeadStore, HeadUnavailable
from voucherdesk.clock import Clock, utc_now
from voucherdesk.local_files import OWNER_ONLY_FILE, make_private, private_dir

if TYPE_CHECKING:
    from voucherdesk.bookingkit.environments import Environment

log = logging.getLogger(__name__)

TRAIL_NAME = "audit-trail.jsonl"


class AuditProblem(StrEnum):
    KEYRING_UNAVAILABLE = "keyring_unavailable"  # rows are written, the head is not kept
    CANNOT_WRITE = "cannot_write"  # rows cannot be written (read-only folder, disk full)
    BROKEN = "broken"  # the file does not reach the head kept: rows cut off or rewritten


@dataclass(frozen=True, kw_only=True)
class TrailReport:
    """What ``verify`` found. ``broken`` is the first broken link (None: every row holds)."""

    rows: int  # rows that hold, from the first up to the first broken link
    whole_rows: int  # whole lines in the file
    broken: ChainBreak | None
    torn_bytes: int  # a last line left half-written (a crash); not counted as a row
    head: ChainHead | None  # the head kept in the keyring (None: none kept)
    head_unavailable: bool  # the keyring could not be asked: cutting rows off goes unseen

    @property
    def ok(self) -> bool:
        return self.broken is None

    @property
    def rows_after_head(self) -> int:
        """Whole rows written after the head was last kept (a crash between the two)."""
        if self.broken is not None or self.head is None or self.head_unavailable:
            return 0
        return max(0, self.rows - self.head.count)


def _lock_file(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s, then OSError
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY_FILE)
    with os.fdopen(fd, "r+b") as handle:
        _lock_file(handle)
        yield  # closing the file drops the lock


def _read(path: Path, offset: int = 0) -> bytes:
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read()
    except FileNotFoundError:
        return b""


def _last_link(line: bytes) -> str:
    """The hash a new row chains to after ``line``: its own, or (a line that is not a row)
    a hash of its bytes, so the chain goes on and the check still stops at that line."""
    try:
        row, _body = parse_row(line)
    except ValueError:
        return hashlib.sha256(line).hexdigest()
    return row.hash


class AuditTrail:
    def __init__(self, path: Path, heads: HeadStore, *, clock: Clock = utc_now) -> None:
        self.path = path
        self._heads = heads
        self._clock = clock
        self._lock = threading.Lock()
        self._size: int | None = None  # bytes of the file as last seen (None: read it again)
        self._count = 0
        self._last = GENESIS
        self._keep_head: bool | None = None  # decided once, at the first look
        self.problem: AuditProblem | None = None

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    # --- appending ------------------------------------------------------------------------

    def open(self) -> AuditTrail:
        """Look at the file and the head once (at start), so a problem is known before the
        first row; never raises."""
        try:
            with self._lock, _file_lock(self.lock_path):
                self._catch_up()
                if self._count:  # rows a crash left uncounted (or the torn-line row): count them
                    self._keep(ChainHead(count=self._count, hash=self._last))
        except OSError as exc:
            log.warning("audit trail cannot be opened: %s", type(exc).__name__)
            self.problem = AuditProblem.CANNOT_WRITE
        return self

    def record(
        self,
        event: AuditEvent,
        *,
        clerk: str | None,
        environment: Environment | None,
    ) -> AuditRow | None:
        """Append one row; never raises (the counter goes on without its row)."""
        try:
            return self.append(event, clerk=clerk, environment=environment)
        except Exception as exc:  # disk full, read-only, ...: the counter must not stop
            log.warning("audit row (%s) not written: %s", event.kind.value, type(exc).__name__)
            self.problem = self.problem or AuditProblem.CANNOT_WRITE
            return None

    def append(
        self,
        event: AuditEvent,
        *,
        clerk: str | None,
        environment: Environment | None,
    ) -> AuditRow:
        """Append one row; raises OSError when it cannot be written."""
        with self._lock, _file_lock(self.lock_path):
            try:
                self._catch_up()
                row = self._write(event, clerk=clerk, environment=environment)
            except BaseException:
                self._size = None  # whatever happened, read the file again next time
                raise
            if self.problem is AuditProblem.CANNOT_WRITE:
                self.problem = None
            self._keep(ChainHead(count=row.n, hash=row.hash))
            return row

    def _write(
        self, event: AuditEvent, *, clerk: str | None, environment: Environment | None
    ) -> AuditRow:
        body = body_of(
            n=self._count + 1,
            prev=self._last,
            at=self._clock(),
            clerk=clerk,
            environment=environment.name if environment is not None else None,
            base_url=environment.base_url if environment is not None else None,
            event=event,
        )
        line, digest = line_of(body)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, OWNER_ONLY_FILE)
        try:
            written = 0
            while written < len(line):
                written += os.write(fd, line[written:])
            os.fsync(fd)
        finally:
            os.close(fd)
        assert self._size is not None
        self._size += len(line)
        self._count += 1
        self._last = digest
        row, _body = parse_row(line[:-1])
        return row

    def _keep(self, head: ChainHead) -> None:
        if not self._keep_head:
            return
        try:
            self._heads.save(head)
        except HeadUnavailable:
            log.warning("audit trail: the keyring refused the chain head; not asked again")
            self._keep_head = False
            self.problem = AuditProblem.KEYRING_UNAVAILABLE

    def _catch_up(self) -> None:
        """Bring count, last hash and size up to the file's end (other processes append too);
        set a torn last line aside first. Called with both locks held."""
        make_private(self.path)
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if self._size is not None and size == self._size and self._keep_head is not None:
            return
        full = self._size is None or size < self._size or self._keep_head is None
        offset = 0 if full else self._size or 0
        lines = split_lines(_read(self.path, offset))
        if full:
            self._count, self._last = 0, GENESIS
        if lines.whole:
            self._count += len(lines.whole)
            self._last = _last_link(lines.whole[-1])
        self._size = offset + lines.whole_end
        if lines.torn:
            self._set_torn_aside(lines.torn)
        if full and self._keep_head is not False:
            # At the first look, and whenever the file shrank or a write failed: a file cut
            # while the counter runs must not drag the head back with it.
            self._decide_head(lines.whole)

    def _decide_head(self, lines: list[bytes]) -> None:
        """May the head be moved along this file? Only when the file reaches it."""
        try:
            head = self._heads.load()
        except HeadUnavailable:
            log.warning("audit trail: no keyring for the chain head")
            self._keep_head = False
            self.problem = AuditProblem.KEYRING_UNAVAILABLE
            return
        if head is None:
            self._keep_head = True  # a new trail, or a keyring that lost it: start keeping
            return
        reaches = head.count <= len(lines) and (
            (head.count == 0 and head.hash == GENESIS)
            or (head.count > 0 and _last_link(lines[head.count - 1]) == head.hash)
        )
        self._keep_head = reaches
        if not reaches:
            log.warning("audit trail does not reach the chain head kept: left as it is")
            self.problem = AuditProblem.BROKEN

    def _set_torn_aside(self, torn: bytes) -> None:
        """A crash left half a line: keep its bytes beside the file, cut them off, and say so
        in the next row (the chain goes on from the last whole row)."""
        kept = self._torn_copy(torn)
        assert self._size is not None
        os.truncate(self.path, self._size)
        log.warning("audit trail: a half-written last line (%d bytes) set aside", len(torn))
        self._write(
            AuditEvent(
                kind=RowKind.TORN_TAIL,
                detail={"kept_as": kept.name, "bytes": len(torn)},
            ),
            clerk=None,
            environment=None,
        )

    def _torn_copy(self, torn: bytes) -> Path:
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            suffix = "" if n == 1 else f"-{n}"
            target = self.path.with_name(f"{self.path.name}.torn-{stamp}{suffix}")
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(torn)
                handle.flush()
                os.fsync(handle.fileno())
            return target
        raise FileExistsError(str(self.path))

    # --- checking and reading -------------------------------------------------------------

    def verify(self) -> TrailReport:
        """Check every row and the head; reads only. Raises OSError when the file cannot be
        read (a missing file is an empty trail)."""
        with self._lock, _file_lock(self.lock_path):
            data = _read(self.path)
        checked = check_rows(data)
        try:
            head = self._heads.load()
            unavailable = False
        except HeadUnavailable:
            head, unavailable = None, True
        broken = checked.broken
        if broken is None and not unavailable:
            broken = compare_head(checked.rows, head)
        return TrailReport(
            rows=len(checked.rows),
            whole_rows=checked.whole_rows,
            broken=broken,
            torn_bytes=checked.torn_bytes,
            head=head,
            head_unavailable=unavailable,
        )

    def rows(self) -> tuple[list[tuple[int, AuditRow]], int]:
        """Every whole line that reads as a row (with its line number, from 1), and how many
        whole lines do not."""
        with self._lock, _file_lock(self.lock_path):
            data = _read(self.path)
        rows: list[tuple[int, AuditRow]] = []
        unreadable = 0
        for number, line in enumerate(split_lines(data).whole, start=1):
            try:
                rows.append((number, parse_row(line)[0]))
            except ValueError:
                unreadable += 1
        return rows, unreadable


def trail_at(data_dir: Path) -> Path:
    return data_dir / TRAIL_NAME
