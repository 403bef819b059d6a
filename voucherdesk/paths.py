"""Where VoucherDesk keeps its files: settings under the config dir, journal and index under the
data dir (platformdirs). ``VOUCHERDESK_HOME`` puts both under one folder (tests, portable use).

    Windows  %LOCALAPPDATA%\\VoucherDesk (both; local, never roaming: SQLite must not roam)
    macOS    ~/Library/Application Support/VoucherDesk (both)
    Linux    ~/.config/VoucherDesk and ~/.local/share/VoucherDesk (XDG variables honoured)

The journal and the index hold voucher codes, which are worth money: on macOS and Linux both
folders are kept to their owner (0700). On Windows the user's profile folder already is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from voucherdesk.local_files import private_dir

APP_NAME = "VoucherDesk"
APP_AUTHOR = "VoucherDesk"  # Qt's organisation name


@dataclass(frozen=True, slots=True)
class AppPaths:
    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def index_file(self) -> Path:
        return self.data_dir / "voucher-index.sqlite3"

    @property
    def pass_index_file(self) -> Path:
        return self.data_dir / "pass-index.sqlite3"

    @property
    def usage_file(self) -> Path:
        return self.data_dir / "requests-per-month.json"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "voucherdesk.log"

    @property
    def lock_state_file(self) -> Path:
        """Whether the counter is locked and the PIN back-off, kept across restarts."""
        return self.data_dir / "counter-lock.json"

    def ensure(self) -> AppPaths:
        """Create both folders; outside Windows also keep them to their owner, even when they
        already existed (the log set-up may have made the data folder with the umask's mode)."""
        for folder in (self.config_dir, self.data_dir):
            private_dir(folder)
        return self


def app_paths() -> AppPaths:
    home = os.environ.get("VOUCHERDESK_HOME")
    if home:
        root = Path(home)
        return AppPaths(root / "config", root / "data")
    # No author level: it would make %LOCALAPPDATA%\VoucherDesk\VoucherDesk on Windows.
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(Path(dirs.user_config_dir), Path(dirs.user_data_dir))
