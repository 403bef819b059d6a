"""PySide6 reads the source of every module imported after it (its ``__feature__`` switch);
importing ``voucherdesk.ui`` first turns that scan off, as the app uses no feature switch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, linecache, sys
sys.path.insert(0, {folder!r})
{first}
import probe_module_after_qt
import shibokensupport.feature as feature
print(json.dumps({{
    "source_read": any(name.endswith("probe_module_after_qt.py") for name in linecache.cache),
    "flag": feature.pyside_feature_dict.get("probe_module_after_qt"),
}}))
"""


def _import_after(first: str, tmp_path: Path) -> dict[str, object]:
    (tmp_path / "probe_module_after_qt.py").write_text("ANSWER = 42\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(folder=str(tmp_path), first=first)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pyside_alone_reads_each_later_module_source(tmp_path: Path) -> None:
    """What the app avoids: without voucherdesk.ui, PySide6 reads the module's file."""
    seen = _import_after("import PySide6.QtCore", tmp_path)
    assert seen == {"source_read": True, "flag": -1}


def test_the_window_package_stops_the_source_scan(tmp_path: Path) -> None:
    seen = _import_after("import voucherdesk.ui", tmp_path)
    # Not read, and flagged as a module using PySide6 with no feature selected.
    assert seen == {"source_read": False, "flag": 0}
