"""Injected failures: what a flaky network or a struggling bookingkit does to a request.

A fault matches on the HTTP method and an fnmatch pattern over the path (without the query).
It fires ``times`` times (zero or negative: every time until cleared). Admin paths
(``/_standin``) are never faulted, so a test can always clear a plan it made.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from fnmatch import fnmatchcase
from typing import Any

FAULT_KINDS = frozenset(
    {
        "error",  # answer `status` with a bookingkit error body, nothing processed
        "rate_limit",  # plain 429 (not 42910); Retry-After when seconds > 0
        "malformed",  # 200 with a body that is not JSON, nothing processed
        "drop_before",  # close the connection without processing or answering
        "drop_after_commit",  # process fully, then close without answering
        "error_after_commit",  # process fully (store the order, payment, cancel), answer `status`
        "delay_after_commit",  # process, sleep `seconds`, then answer (after a client's timeout)
        "latency",  # sleep `seconds`, then process and answer normally
    }
)


@dataclass
class Fault:
    kind: str
    method: str = "*"
    path: str = "*"
    times: int = 1
    status: int = 500
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")

    def matches(self, method: str, path: str) -> bool:
        method_ok = self.method == "*" or self.method.upper() == method.upper()
        return method_ok and fnmatchcase(path, self.path)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Fault:
        if not isinstance(data, dict) or "kind" not in data:
            raise ValueError("a fault needs at least a kind")
        allowed = {"kind", "method", "path", "times", "status", "seconds"}
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        return cls(
            kind=str(data["kind"]),
            method=str(data.get("method", "*")),
            path=str(data.get("path", "*")),
            times=int(data.get("times", 1)),
            status=int(data.get("status", 500)),
            seconds=float(data.get("seconds", 0.0)),
        )


@dataclass
class FaultPlan:
    """The faults still to fire, first match wins; thread-safe."""

    _faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return [Fault(**asdict(f)) for f in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        """The fault this request suffers, if any; uses up one of its ``times``."""
        if path.startswith("/_standin"):
            return None
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.times > 0:
                        fault.times -= 1
                        if fault.times == 0:
                            self._faults.remove(fault)
                    return Fault(**asdict(fault))
        return None
