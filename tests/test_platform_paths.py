"""Where the app keeps its files on Windows, macOS and Linux, with the platform faked where this
machine is not it: platformdirs' own Windows and macOS classes stand in for the detected one.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.macos
import platformdirs.unix
import platformdirs.windows
import pytest

from voucherdesk.paths import AppPaths, app_paths

LOCAL = r"C:\Users\clerk\AppData\Local"
ROAMING = r"C:\Users\clerk\AppData\Roaming"
XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME")


@pytest.fixture
def platform_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No VOUCHERDESK_HOME (the conftest sets one), no XDG overrides, HOME in tmp_path."""
    monkeypatch.delenv("VOUCHERDESK_HOME")
    for name in XDG:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "clerk"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "clerk"))  # what "~" means on Windows
    return tmp_path / "clerk"


def fake_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    # platformdirs reads these before asking Windows itself (which this machine is not).
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", LOCAL)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", ROAMING)


def test_windows_keeps_everything_in_one_local_folder(
    platform_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_windows(monkeypatch)
    paths = app_paths()
    folder = PureWindowsPath(LOCAL) / "VoucherDesk"  # not ...\VoucherDesk\VoucherDesk
    assert PureWindowsPath(paths.data_dir) == folder
    assert PureWindowsPath(paths.config_dir) == folder
    # The journal must never roam with a roaming profile: SQLite files are not for syncing.
    assert not str(PureWindowsPath(paths.journal_file)).startswith(ROAMING)
    # The uninstaller leaves this folder alone; the Wine installer test plants data there.
    installer_test = Path("packaging/windows/test_installer.sh")
    script = (Path(__file__).resolve().parents[1] / installer_test).read_text(encoding="utf-8")
    assert 'drive_c/users/$user/AppData/Local/VoucherDesk"' in script


def test_macos_keeps_everything_in_application_support(
    platform_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    paths = app_paths()
    folder = platform_home / "Library" / "Application Support" / "VoucherDesk"
    assert (paths.config_dir, paths.data_dir) == (folder, folder)


def test_linux_follows_xdg(platform_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.unix.Unix)
    paths = app_paths()
    assert paths.config_dir == platform_home / ".config" / "VoucherDesk"
    assert paths.data_dir == platform_home / ".local" / "share" / "VoucherDesk"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(platform_home / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(platform_home / "data"))
    paths = app_paths()
    assert paths.config_dir == platform_home / "cfg" / "VoucherDesk"
    assert paths.data_dir == platform_home / "data" / "VoucherDesk"


@pytest.mark.parametrize("dirs", ["windows", "macos", "unix"])
def test_files_never_collide(
    dirs: str, platform_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows and macOS config and data are one folder: every file still has its own name."""
    if dirs == "windows":
        fake_windows(monkeypatch)
    else:
        cls = platformdirs.macos.MacOS if dirs == "macos" else platformdirs.unix.Unix
        monkeypatch.setattr(platformdirs, "PlatformDirs", cls)
    paths = app_paths()
    files = [paths.settings_file, paths.journal_file, paths.index_file, paths.usage_file]
    files.append(paths.log_file)
    assert len(set(files)) == len(files)


@pytest.mark.parametrize("dirs", ["windows", "macos", "unix"])
def test_voucherdesk_home_wins_everywhere(
    dirs: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cls = {
        "windows": platformdirs.windows.Windows,
        "macos": platformdirs.macos.MacOS,
        "unix": platformdirs.unix.Unix,
    }[dirs]
    monkeypatch.setattr(platformdirs, "PlatformDirs", cls)
    monkeypatch.setenv("VOUCHERDESK_HOME", str(tmp_path / "portable"))
    paths = app_paths()
    assert paths == AppPaths(tmp_path / "portable" / "config", tmp_path / "portable" / "data")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_folders_are_kept_to_their_owner(tmp_path: Path) -> None:
    """The journal's voucher codes are worth money: no other local user may read them."""
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    # The log set-up may create the data folder first, with the umask's mode.
    paths.data_dir.mkdir(mode=0o755)
    paths.data_dir.chmod(0o755)
    paths.ensure()
    assert mode(paths.config_dir) == 0o700
    assert mode(paths.data_dir) == 0o700


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX modes to see the difference")
def test_windows_leaves_modes_to_the_profile_acl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths(tmp_path / "config", tmp_path / "data")
    paths.data_dir.mkdir(mode=0o755)
    paths.data_dir.chmod(0o755)
    with monkeypatch.context() as faked:
        faked.setattr(sys, "platform", "win32")
        paths.ensure()
    assert paths.config_dir.is_dir()
    assert mode(paths.data_dir) == 0o755  # no chmod: it would mean nothing there
