"""Whether the counter is locked, and the PIN back-off, kept across restarts (Qt-free).

A locked counter that is closed (the OS ends the session, the process is killed) starts
locked again; quitting does not end a PIN pause either. A small JSON file in the data folder,
owner-only: ``{"locked": true, "failures": 6, "wait_until": "2026-12-03T14:00:00+00:00"}``.
The pause is kept on the wall clock (a monotonic clock does not survive a restart) and capped
by the policy on the way back in. A file that cannot be read is set aside and the counter
starts locked: in doubt, locked.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from voucherdesk.clock import Clock, utc_now
from voucherdesk.local_files import (
    FileDamaged,
    FileKind,
    FileProblem,
    FileTrouble,
    read_json,
    set_aside,
    trouble_of,
    write_private_text,
)

if TYPE_CHECKING:
    from voucherdesk.desk.pin import LockPolicy

log = logging.getLogger(__name__)

_MAX_FAILURES_KEPT = 1_000_000


@dataclass(frozen=True, kw_only=True)
class LockState:
    locked: bool = False
    failures: int = 0
    wait_until: datetime | None = None  # wall clock, UTC
    clerk: str | None = None  # the clerk who locked it (None: no clerks, or the sign-in)

    def wait_s(self, now: datetime) -> float:
        if self.wait_until is None:
            return 0.0
        return max(0.0, (self.wait_until - now).total_seconds())


def _parse(data: object) -> LockState | None:
    if not isinstance(data, dict):
        return None
    locked, failures, until = data.get("locked"), data.get("failures", 0), data.get("wait_until")
    if not isinstance(locked, bool) or not isinstance(failures, int) or isinstance(failures, bool):
        return None
    if not 0 <= failures <= _MAX_FAILURES_KEPT:
        return None
    clerk = data.get("clerk")
    if clerk is not None and (not isinstance(clerk, str) or not 0 < len(clerk) <= 64):
        return None
    wait_until = None
    if until is not None:
        if not isinstance(until, str) or len(until) > 40:
            return None
        try:
            wait_until = datetime.fromisoformat(until)
        except ValueError:
            return None
        if wait_until.tzinfo is None:
            return None
    return LockState(locked=locked, failures=failures, wait_until=wait_until, clerk=clerk)


class LockStateFile:
    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self.path = path
        self._clock = clock

    def load(self) -> tuple[LockState, FileProblem | None]:
        """The kept state; a damaged file is set aside and the counter counts as locked."""
        try:
            state = _parse(read_json(self.path))
        except FileNotFoundError:
            return LockState(), None
        except (OSError, FileDamaged) as exc:
            return self._damaged(trouble_of(exc))
        if state is None:
            return self._damaged(FileTrouble.DAMAGED)
        return state, None

    def _damaged(self, trouble: FileTrouble) -> tuple[LockState, FileProblem]:
        aside = set_aside(self.path, self._clock())
        log.warning("lock state %s is %s; set aside as %s; locked", self.path, trouble, aside)
        problem = FileProblem(
            kind=FileKind.LOCK_STATE, trouble=trouble, path=self.path, kept_as=aside
        )
        return LockState(locked=True), problem

    def save(self, state: LockState) -> FileProblem | None:
        """Keep ``state`` (durable: a power cut right after locking still starts locked)."""
        until = state.wait_until.isoformat() if state.wait_until is not None else None
        kept: dict[str, object] = {
            "locked": state.locked,
            "failures": state.failures,
            "wait_until": until,
        }
        if state.clerk is not None:  # written only with clerks: older files stay as they were
            kept["clerk"] = state.clerk
        text = json.dumps(kept)
        try:
            write_private_text(self.path, text)
        except OSError as exc:
            log.warning("lock state not saved: %s", exc)
            return FileProblem(
                kind=FileKind.LOCK_STATE, trouble=FileTrouble.UNWRITABLE, path=self.path
            )
        return None

    # --- between the kept state and the running policy --------------------------------------

    def restore_into(self, state: LockState, policy: LockPolicy) -> None:
        policy.restore(state.failures, state.wait_s(self._clock()))

    def state_of(self, policy: LockPolicy, *, locked: bool, clerk: str | None = None) -> LockState:
        wait = policy.wait_left()
        until = self._clock() + _seconds(wait) if wait > 0 else None
        return LockState(locked=locked, failures=policy.failures, wait_until=until, clerk=clerk)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
