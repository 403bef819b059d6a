"""The release pieces agree with each other: what the workflow runs and uploads, what the scripts
build, what the spec keeps, and what the bundle's self-test demands on each OS. A mismatch here
would otherwise first show on a tag build (actionlint checks the workflow's syntax; this checks
that its names and secrets are the ones the scripts use).
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import pytest

import voucherdesk.selftest as selftest

ORIGINAL_PLATFORM = sys.platform
ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
SPEC = (ROOT / "packaging" / "voucherdesk.spec").read_text(encoding="utf-8")
ISS = (ROOT / "packaging" / "windows" / "voucherdesk.iss").read_text(encoding="utf-8")
BUILD_DMG = (ROOT / "packaging" / "macos" / "build_dmg.sh").read_text(encoding="utf-8")
BUILD_LINUX = (ROOT / "packaging" / "build_linux.sh").read_text(encoding="utf-8")
OS_KEYRING_MODULES = {
    "win32": "keyring.backends.Windows",
    "darwin": "keyring.backends.macOS",
    "linux": "keyring.backends.SecretService",
}


def spec_constant(name: str) -> object:
    """A literal assigned at the spec's top level (the spec itself only runs in PyInstaller)."""
    for node in ast.parse(SPEC).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise KeyError(name)


def job(name: str) -> str:
    """The text of one job of the workflow."""
    match = re.search(rf"^  {name}:\n(.*?)(?=^  [\w-]+:\n|\Z)", WORKFLOW, re.M | re.S)
    assert match, f"no job {name} in ci.yml"
    return match.group(1)


SelftestOn = Callable[[str], ModuleType]


@pytest.fixture
def selftest_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[SelftestOn]:
    """The self-test module as it would be set up on another OS."""

    def load(platform: str) -> ModuleType:
        monkeypatch.setattr(sys, "platform", platform)
        return importlib.reload(selftest)

    yield load
    monkeypatch.setattr(sys, "platform", ORIGINAL_PLATFORM)
    importlib.reload(selftest)


@pytest.mark.parametrize("platform", OS_KEYRING_MODULES)
def test_spec_keeps_what_the_self_test_demands(platform: str, selftest_on: SelftestOn) -> None:
    module = selftest_on(platform)
    kept_platforms = spec_constant("KEEP_PLATFORMS")
    assert isinstance(kept_platforms, tuple)
    for plugin in module.PLATFORM_PLUGINS:
        assert f"q{plugin}" in kept_platforms, (platform, plugin)
    # svg and ico need their plugins (png is built into QtGui)
    kept_formats = spec_constant("KEEP_IMAGEFORMATS")
    assert isinstance(kept_formats, tuple)
    assert {"qsvg", "qico"} <= set(kept_formats)


@pytest.mark.parametrize("platform", OS_KEYRING_MODULES)
def test_self_test_asks_for_each_os_keyring_by_its_registered_name(
    platform: str, selftest_on: SelftestOn
) -> None:
    """keyring finds backends by entry point; the bundle must carry that OS's one."""
    module = selftest_on(platform)
    registered = {ep.name: ep.value for ep in entry_points(group="keyring.backends")}
    assert registered[module.KEYRING_BACKEND] == OS_KEYRING_MODULES[platform]


def test_macos_job_passes_exactly_the_secrets_build_dmg_needs() -> None:
    match = re.search(r"^SECRETS=\(([^)]*)\)", BUILD_DMG, re.M)
    assert match
    needed = set(match.group(1).split())
    passed = set(re.findall(r"^\s+(\w+): \$\{\{ secrets\.(\w+) \}\}", job("macos-dmg"), re.M))
    assert passed == {(name, name) for name in needed}


def test_windows_job_builds_with_the_compiler_the_wine_test_checks() -> None:
    windows = job("windows-installer")
    assert "packaging/windows/tools/package-lock.json" in windows
    assert "innosetup\\bin\\ISCC.exe" in windows
    assert '"/DAppVersion=$env:VERSION" packaging\\windows\\voucherdesk.iss' in windows
    # The console twin the spec builds on Windows runs the self-tests.
    assert 'name="voucherdesk-cli"' in SPEC
    assert "voucherdesk-cli.exe --self-test" in windows
    assert "/CURRENTUSER" in windows  # the per-user install Wine cannot do
    # What is uploaded is what the script writes: OutputDir dist, OutputBaseFilename.
    assert "OutputBaseFilename={#AppName}-Setup-{#AppVersion}" in ISS
    assert "path: dist/VoucherDesk-Setup-*.exe" in windows


def test_linux_and_macos_uploads_match_what_the_scripts_write() -> None:
    assert 'TARBALL="dist/VoucherDesk-${VERSION}-linux-${ARCH}.tar.gz"' in BUILD_LINUX
    assert "path: dist/VoucherDesk-*-linux-*.tar.gz" in job("linux-bundle")
    assert 'DMG="dist/VoucherDesk-${VERSION}-macos-${ARCH}.dmg"' in BUILD_DMG
    assert "path: dist/VoucherDesk-*-macos-*.dmg" in job("macos-dmg")


def test_release_waits_for_every_installer_and_checks_the_tag() -> None:
    release = job("release")
    needs = re.search(r"needs: \[(.*)\]", release)
    assert needs
    assert {n.strip() for n in needs.group(1).split(",")} == {
        "version",
        "linux-bundle",
        "windows-installer",
        "macos-dmg",
    }
    assert "does not match pyproject version" in job("version")
    arches = set(re.findall(r"^\s+arch: (\w+)", job("macos-dmg"), re.M))
    assert arches == {"x86_64", "arm64"}  # pydantic-core has no universal2 wheel
