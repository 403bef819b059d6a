import logging
from pathlib import Path

import pytest

from voucherdesk.logs import RedactingFilter, redact, register_secret, setup_logging


def test_known_secrets_and_token_shapes_are_masked() -> None:
    register_secret("s3cr3t-client-secret")
    line = (
        "POST /oauth/token client_secret=s3cr3t-client-secret "
        "Authorization: Bearer 134e8b2683a0e3b27dbb9420062b62eaf1d66f02 "
        '{"access_token": "abc123xyz"} said s3cr3t-client-secret again'
    )
    masked = redact(line)
    assert "s3cr3t-client-secret" not in masked
    assert "134e8b2683a0e3b27dbb9420062b62eaf1d66f02" not in masked
    assert "abc123xyz" not in masked
    assert "POST /oauth/token" in masked


def test_log_file_never_holds_a_secret(tmp_path: Path) -> None:
    log_file = tmp_path / "app.log"
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging(log_file)
    try:
        register_secret("another-very-secret-value")
        log = logging.getLogger("voucherdesk.test")
        log.info("token %s for %s", "0123456789abcdef0123456789abcdef01234567", "demo")
        try:
            raise RuntimeError("failed with another-very-secret-value inside")
        except RuntimeError:
            log.exception("call failed")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert "call failed" in text
    assert "RuntimeError" in text
    assert "another-very-secret-value" not in text
    assert "0123456789abcdef0123456789abcdef01234567" not in text


@pytest.mark.parametrize("args", [("x",), None])
def test_filter_keeps_records_readable(args: tuple[str] | None) -> None:
    record = logging.LogRecord(
        "n", logging.INFO, "f", 1, "hello %s" if args else "hello", args, None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage().startswith("hello")
