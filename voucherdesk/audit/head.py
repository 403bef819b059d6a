"""The chain head (row count and last hash) kept outside the trail file: in the OS keyring.

With it, cutting rows off the end of the file is caught: the file no longer reaches the head.
Someone who can write both the file and this keyring entry can still rewrite the whole chain;
the README says so. Demo mode keeps its head in memory (it never touches the keyring).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from voucherdesk.audit.chain import ChainHead
from voucherdesk.credentials import KeyringEntry, KeyringUnavailable

if TYPE_CHECKING:  # keyring loads on use: it is slow to import
    from keyring.backend import KeyringBackend

SERVICE_PREFIX = "VoucherDesk audit trail"


class HeadUnavailable(Exception):
    """The head cannot be read or kept now (no keyring, or it refused)."""


class HeadStore(Protocol):
    def load(self) -> ChainHead | None:
        """The head kept, None when none is; raises HeadUnavailable."""

    def save(self, head: ChainHead) -> None:
        """Raises HeadUnavailable."""


class MemoryHeadStore:
    def __init__(self) -> None:
        self.head: ChainHead | None = None

    def load(self) -> ChainHead | None:
        return self.head

    def save(self, head: ChainHead) -> None:
        self.head = head


def service_for(trail: Path) -> str:
    """One keyring service per trail file, so each data folder keeps its own head."""
    return f"{SERVICE_PREFIX}: {trail.resolve()}"


class KeyringHeadStore:
    def __init__(self, trail: Path, backend: KeyringBackend | None = None) -> None:
        self._entry = KeyringEntry(service_for(trail), "chain-head", backend)

    def load(self) -> ChainHead | None:
        try:
            raw = self._entry.get()
        except KeyringUnavailable as exc:
            raise HeadUnavailable(str(exc)) from None
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            count, digest = data["count"], data["hash"]
        except (ValueError, KeyError, TypeError, RecursionError):
            # Unreadable is as good as rewritten: the check reports the head as differing.
            return ChainHead(count=0, hash="unreadable")
        if not isinstance(count, int) or not isinstance(digest, str) or count < 0:
            return ChainHead(count=0, hash="unreadable")
        return ChainHead(count=count, hash=digest)

    def save(self, head: ChainHead) -> None:
        try:
            self._entry.set(json.dumps({"count": head.count, "hash": head.hash}))
        except KeyringUnavailable as exc:
            raise HeadUnavailable(str(exc)) from None

    def forget(self) -> None:
        """Remove the entry (tests; a trail set aside by hand)."""
        try:
            self._entry.delete()
        except KeyringUnavailable as exc:
            raise HeadUnavailable(str(exc)) from None
