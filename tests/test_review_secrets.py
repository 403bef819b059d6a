"""Review: the CLI installs the redacting log set-up, and the credentials it loads are masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from voucherdesk import logs
from voucherdesk.cli import main
from voucherdesk.paths import app_paths
from voucherdesk.standin import DEMO_CLIENT_SECRET


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


def test_cli_logs_to_the_app_log_file_through_the_redactor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_logging: None
) -> None:
    monkeypatch.setenv("VOUCHERDESK_HOME", str(tmp_path))
    main(["--demo", "lookup", "NO-SUCH-CODE"])  # signs in and pages the voucher index

    log_file = app_paths().log_file
    assert log_file.is_file()
    logging.getLogger("voucherdesk.review").warning("signed in with %s", DEMO_CLIENT_SECRET)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "signed in with ***" in text
    assert DEMO_CLIENT_SECRET not in text
    assert "HTTP Request" in text  # the demo run's own calls were logged there too


def test_setting_up_twice_does_not_double_the_handlers(
    tmp_path: Path, restore_logging: None
) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    logs.setup_logging(tmp_path / "a.log")
    logs.setup_logging(tmp_path / "a.log")
    assert len(root.handlers) == before + 2
