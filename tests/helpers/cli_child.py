"""The `voucherdesk` command in its own process, on a counter set up against a stand-in.

    python -m helpers.cli_child SPEC_JSON

SPEC_JSON: {"args": [...], "url": BASE_URL or null, "id": CLIENT_ID, "secret": SECRET}. The
credentials go into an in-memory keyring first (a fresh process has none of the parent's), so
the command opens the real counter against the stand-in's address.

:func:`run_child` starts it as an unprivileged process - as root, without the capabilities
that ignore file modes (``setpriv``), so read-only files and folders are read-only to it - and
measures its wall time and its own peak memory (high-water resident set).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

TESTS = Path(__file__).resolve().parents[1]


def main(spec_text: str) -> int:
    import keyring

    from helpers.keyrings import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    spec = json.loads(spec_text)
    from voucherdesk.bookingkit.environments import environment_named
    from voucherdesk.bookingkit.tokens import Credentials
    from voucherdesk.credentials import CredentialStore

    if spec.get("url"):
        environment = environment_named("custom", spec["url"])
        CredentialStore(environment).save(Credentials(spec["id"], spec["secret"]))
    from voucherdesk.cli import main as cli_main

    try:
        return cli_main(spec["args"])
    finally:
        if spec.get("memory_file"):
            Path(spec["memory_file"]).write_text(str(own_peak_memory_mb()))


def own_peak_memory_mb() -> float:
    """This process's own peak resident memory since it started Python.

    The kernel's ru_maxrss for a child carries the peak of the address space it was forked
    from (the whole pytest process) across exec; the high-water mark of the current address
    space (VmHWM) is the figure of this program alone.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    unit = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


def unprivileged_prefix() -> list[str] | None:
    """What makes a root process mind file modes; [] when not root; None when impossible."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"]


def run_child(
    args: list[str],
    home: Path,
    *,
    url: str | None = None,
    client_id: str = "",
    secret: str = "",
    stdin: str = "",
    timeout: float = 60.0,
    on_start: Callable[[int], None] | None = None,
) -> ChildRun:
    """``on_start(pid)`` is told the child's process id as soon as it runs (to signal it)."""
    prefix = unprivileged_prefix()
    if prefix is None:
        raise RuntimeError("running as root without setpriv: file modes cannot be tested")
    handle, memory_name = tempfile.mkstemp(prefix="voucherdesk-peak-")
    os.close(handle)
    memory_file = Path(memory_name)
    spec = json.dumps(
        {
            "args": args,
            "url": url,
            "id": client_id,
            "secret": secret,
            "memory_file": str(memory_file),
        }
    )
    env = {
        **os.environ,
        "VOUCHERDESK_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    started = time.monotonic()
    proc = subprocess.Popen(
        [*prefix, sys.executable, "-m", "helpers.cli_child", spec],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=TESTS,
    )
    # Read both pipes on threads so neither fills up while the child runs.
    chunks: dict[str, bytes] = {}

    def drain(name: str, pipe: IO[bytes]) -> None:
        chunks[name] = pipe.read()

    if on_start is not None:
        on_start(proc.pid)
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout)),
        threading.Thread(target=drain, args=("err", proc.stderr)),
    ]
    for reader in readers:
        reader.start()
    proc.stdin.write(stdin.encode())
    proc.stdin.close()
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        proc.wait()
    finally:
        killer.cancel()
    try:
        max_rss_mb = float(memory_file.read_text())
    except (OSError, ValueError):  # killed before it could tell: only time is bounded then
        max_rss_mb = 0.0
    memory_file.unlink(missing_ok=True)
    for reader in readers:
        reader.join()
    seconds = time.monotonic() - started
    return ChildRun(
        proc.returncode,
        chunks.get("out", b"").decode("utf-8", "replace"),
        chunks.get("err", b"").decode("utf-8", "replace"),
        seconds,
        max_rss_mb,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
