"""The frozen Linux bundle: packaging/build_linux.sh builds it, tars it and runs its self-test.

Building takes a while and writes dist/ and build/, so it runs only when asked for:
VOUCHERDESK_BUILD_BUNDLE=1 (CI's release job sets it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "VoucherDesk"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.bundle,
    pytest.mark.skipif(
        os.environ.get("VOUCHERDESK_BUILD_BUNDLE") != "1",
        reason="set VOUCHERDESK_BUILD_BUNDLE=1 to build the PyInstaller bundle",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle script"),
]


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_linux.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(done.stdout[-3000:])  # the figures, shown with -s or on failure
    return done


@pytest.mark.timeout(900)
def test_bundle_self_test_passes(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    assert "self-test passed" in build.stdout
    assert re.search(r"bundle: .*\(\d+ MB\)", build.stdout)
    assert re.search(r"self-test: exit 0, [\d.]+ s", build.stdout)


@pytest.mark.timeout(900)
def test_bundle_leaves_out_unused_qt(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0, build.stderr[-4000:]
    names = {path.name for path in BUNDLE.rglob("*")}
    assert not [n for n in names if re.match(r"libQt6(WebEngine|Pdf|3D|Charts|VirtualKeyboard)", n)]
    # Qt Quick and QML stay only as libraries the camera's backend plugin links: no Python
    # modules for them, no QML files.
    assert not [n for n in names if re.match(r"Qt(Quick|Qml)\w*\.(abi3|cpython)", n)]
    assert not list(BUNDLE.rglob("qml"))
    platforms = {path.name for path in BUNDLE.rglob("platforms/*")}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    # the camera's backend: the FFmpeg plugin and the FFmpeg libraries it runs on, nothing else
    multimedia = {path.name for path in BUNDLE.rglob("plugins/multimedia/*")}
    assert multimedia == {"libffmpegmediaplugin.so"}
    for library in ("avcodec", "avformat", "avutil", "swscale"):
        assert any(re.fullmatch(rf"lib{library}\.so\.\d+", n) for n in names), library
    # only German and English Qt translations remain
    langs = {m.group(1) for n in names if (m := re.match(r"qtbase_(\w+)\.qm$", n))}
    assert langs == {"de", "en"}
    # our own resources made it in
    assert (BUNDLE / "_internal" / "resources" / "i18n" / "voucherdesk_de.qm").is_file()


@pytest.mark.timeout(900)
def test_tarball_keeps_symlinks_and_the_executable(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0, build.stderr[-4000:]
    (tarball,) = (ROOT / "dist").glob("VoucherDesk-*-linux-*.tar.gz")
    with tarfile.open(tarball) as tar:
        members = {m.name: m for m in tar.getmembers()}
    exe = members["VoucherDesk/VoucherDesk"]
    assert exe.mode & 0o111
    assert any(m.issym() for m in members.values())
