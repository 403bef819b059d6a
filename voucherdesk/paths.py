"""Where VoucherDesk keeps its files: settings under the config dir, journal and index under the
data dir (platformdirs). ``VOUCHERDESK_HOME`` puts both under one folder (tests, portable use)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "VoucherDesk"
APP_AUTHOR = "VoucherDesk"


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
    def usage_file(self) -> Path:
        return self.data_dir / "requests-per-month.json"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "voucherdesk.log"

    def demo(self) -> AppPaths:
        """Demo mode keeps its own journal and index, apart from the real counter's."""
        return AppPaths(self.config_dir / "demo", self.data_dir / "demo")

    def ensure(self) -> AppPaths:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    home = os.environ.get("VOUCHERDESK_HOME")
    if home:
        root = Path(home)
        return AppPaths(root / "config", root / "data")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
    )
