"""`voucherdesk --self-test`: every check passes from the source tree, and a broken
installation (resources missing, as in a bundle built without them) fails loudly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from voucherdesk import selftest
from voucherdesk.standin import DEMO_CODES

CHECK_NAMES = [name for name, _check, _required in selftest.CHECKS]


def _lines(text: str) -> dict[str, str]:
    """check name -> its whole printed line."""
    found = {}
    for line in text.splitlines():
        for name in CHECK_NAMES:
            if line[5:].startswith(f"{name}:"):
                found[name] = line
    return found


def test_self_test_passes_in_process_and_prints_every_check(qtbot: QtBot) -> None:
    out = io.StringIO()

    assert selftest.run_self_test(out) == 0

    text = out.getvalue()
    lines = _lines(text)
    assert list(lines) == CHECK_NAMES
    required = [name for name, _check, is_required in selftest.CHECKS if is_required]
    assert all(lines[name].startswith("OK   ") for name in required), text
    # the lookup really went through the stand-in and the index
    assert DEMO_CODES["fresh"] in lines["demo lookup"]
    assert "voucherdesk_de.qm" in lines["translations"]
    assert text.rstrip().endswith("self-test passed")


def test_missing_resources_fail_the_self_test(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bundle whose resources/ folder was forgotten: resources_dir() follows sys._MEIPASS.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    out = io.StringIO()

    assert selftest.run_self_test(out) == 1

    lines = _lines(out.getvalue())
    assert lines["translations"].startswith("FAIL ")
    assert lines["sounds"].startswith("FAIL ")
    assert "missing resource" in lines["sounds"]
    assert lines["demo lookup"].startswith("OK   ")  # the other checks still ran
    assert out.getvalue().rstrip().endswith("self-test FAILED: translations, sounds")


def test_a_broken_sound_file_is_reported(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Path(selftest.__file__).resolve().parents[1] / "resources"
    bundle = tmp_path / "resources"
    (bundle / "sounds").mkdir(parents=True)
    (bundle / "i18n").mkdir()
    (bundle / "i18n" / "voucherdesk_de.qm").write_bytes(
        (source / "i18n" / "voucherdesk_de.qm").read_bytes()
    )
    for name in selftest.SOUNDS:
        (bundle / "sounds" / f"{name}.wav").write_bytes(
            (source / "sounds" / f"{name}.wav").read_bytes()
        )
    (bundle / "sounds" / "warning.wav").write_bytes(b"RIFF\0\0\0\0WAVEjunk")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    out = io.StringIO()

    assert selftest.run_self_test(out) == 1

    lines = _lines(out.getvalue())
    assert lines["translations"].startswith("OK   ")
    assert lines["sounds"].startswith("FAIL ")
    assert "warning.wav is not a readable WAV file" in lines["sounds"]


@pytest.mark.slow
def test_cli_self_test_exits_zero(app_home: Path) -> None:
    env = {**os.environ, "VOUCHERDESK_HOME": str(app_home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "voucherdesk", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert list(_lines(done.stdout)) == CHECK_NAMES
    assert "self-test passed" in done.stdout
