"""Shared parts of the benchmarks: the stand-in in a process of its own, rows of the table.

The stand-in runs as ``voucherdesk standin`` in a separate process (as bookingkit is on another
machine): the process under test never shares its interpreter lock with the server. Latency is
injected at the stand-in (``Fault("latency")`` through its ``/_standin`` admin API), so every
call pays one simulated round trip on real loopback HTTP.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    """One line of the table: ``measured`` against ``budget`` (same unit); lower is better."""

    figure: str
    measured: float
    budget: float
    unit: str
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.budget == 0 else self.measured / self.budget

    @property
    def within(self) -> bool:
        return self.measured <= self.budget

    def to_json(self) -> str:
        return json.dumps({"row": asdict(self)})


def emit(row: Row) -> None:
    """A part reports a row on stdout (run_all collects them)."""
    print(row.to_json(), flush=True)


def rows_in(output: str) -> list[Row]:
    found = []
    for line in output.splitlines():
        if line.startswith('{"row"'):
            found.append(Row(**json.loads(line)["row"]))
    return found


def bench_env(home: Path | None = None) -> dict[str, str]:
    """The environment for processes under test: offscreen Qt, a private home, and compiled
    bytecode kept (in a cache of the benchmarks' own) as an installed app would have it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "voucherdesk-bench-pycache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_LOGGING_RULES"] = "*.debug=false;qt.multimedia*=false;*.warning=false"
    env["VOUCHERDESK_HOME"] = str(home or Path(tempfile.mkdtemp(prefix="voucherdesk-bench-")))
    return env


def resident_kb(pid: int | None = None) -> int:
    """Resident memory (VmRSS) of a process in KiB."""
    return _status_kb(pid, "VmRSS:")


def peak_kb(pid: int | None = None) -> int:
    """The process's peak resident memory so far (VmHWM) in KiB."""
    return _status_kb(pid, "VmHWM:")


def _status_kb(pid: int | None, field: str) -> int:
    where = f"/proc/{pid or 'self'}/status"
    with open(where, encoding="ascii") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in {where}")


class StandinProcess:
    """``voucherdesk standin`` on a free port, in a process of its own."""

    def __init__(self, *, seed: str = "demo", page_cap: int | None = None) -> None:
        args = [sys.executable, "-m", "voucherdesk", "standin", "--port", "0", "--seed", seed]
        if page_cap is not None:
            args += ["--page-cap", str(page_cap)]
        self._proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=bench_env(),
            cwd=ROOT,
        )
        assert self._proc.stdout is not None
        first = self._proc.stdout.readline()
        found = re.search(r"(http://\S+)", first)
        if found is None:
            self.stop()
            raise RuntimeError(f"the stand-in did not start: {first!r}")
        self.base_url = found.group(1)
        self._admin = httpx.Client(base_url=self.base_url, timeout=120)

    @property
    def pid(self) -> int:
        return self._proc.pid

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        answer = self._admin.post(path, json=body)
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def latency(self, seconds: float) -> None:
        """Every later request waits ``seconds`` at the stand-in (0: none)."""
        self._admin.delete("/_standin/faults").raise_for_status()
        if seconds > 0:
            self._post("/_standin/faults", {"kind": "latency", "seconds": seconds, "times": 0})

    def api_requests(self) -> int:
        answer = self._admin.get("/_standin/requests")
        answer.raise_for_status()
        return int(answer.json()["api_requests"])

    def add_vouchers(self, count: int, prefix: str, value: float) -> list[str]:
        self._post("/_standin/vouchers", {"count": count, "prefix": prefix, "value": value})
        return [f"{prefix}{i:06d}" for i in range(count)]

    def add_event(self, title: str, price: float, slots: int) -> dict[str, Any]:
        event: dict[str, Any] = self._post(
            "/_standin/events", {"title": title, "price": price, "slots": slots}
        )
        return event

    def set_page_cap(self, cap: int) -> None:
        self._post("/_standin/page-cap", {"page_cap": cap})

    def stop(self) -> None:
        if hasattr(self, "_admin"):
            self._admin.close()
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()

    def __enter__(self) -> StandinProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def run_part(script: str, *args: str, timeout: float = 3600) -> list[Row]:
    """Run one benchmark part in a fresh process and collect its rows."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        env=bench_env(),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    rows = rows_in(done.stdout)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.splitlines()[-25:])
        raise RuntimeError(f"{script} failed ({done.returncode}):\n{tail}")
    print(f"  {script} {' '.join(args)}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows
