"""Logging set-up with a filter that keeps secrets out of every log line.

Known secrets (the client secret, tokens) are registered at runtime and replaced wherever they
appear; bearer headers, token-like hex strings and ``secret=``/``token=`` pairs are masked by
pattern as a second line of defence.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from io import TextIOWrapper
from pathlib import Path

from voucherdesk.local_files import (
    OWNER_ONLY_FILE,
    FileKind,
    FileProblem,
    FileTrouble,
    make_private,
    private_dir,
)

MASK = "***"
_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)((?:client_secret|access_token|token|password)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"\b[0-9a-f]{40}\b"),  # bookingkit access tokens are 40 hex characters
)

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(value: str) -> None:
    """Mask ``value`` in every later log line (ignored when too short to be a secret)."""
    if len(value) >= 6:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message (and exception text) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.msg = redact(message)
        record.args = None
        return True


class PrivateLogFile(logging.FileHandler):
    """The app's log, owner-only (0600), moved to ``.1`` ... ``.<backups>`` when the next
    line would take it past ``max_bytes``. A log that cannot be written or rotated (read-only
    folder, disk full) never breaks a command or prints a traceback: writing stops or goes on
    in the same file, and :func:`file_problem` says so.

    Its own rotation on ``logging.FileHandler``: ``logging.handlers`` would load socket, pickle
    and queue before the first window is painted (about 40 M instructions of the cold start).
    """

    def __init__(
        self, filename: Path, *, max_bytes: int, backups: int, encoding: str = "utf-8"
    ) -> None:
        self.max_bytes = max_bytes
        self.backups = backups
        super().__init__(filename, mode="a", encoding=encoding)

    def _open(self) -> TextIOWrapper:
        path = Path(self.baseFilename)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, OWNER_ONLY_FILE)
        make_private(path)  # a log written by an older version
        return open(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self.rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0:
            return False
        if self.stream is None:
            self.stream = self._open()
        size = self.stream.seek(0, os.SEEK_END)  # where an appended line lands, on every OS
        line = self.format(record) + self.terminator
        # An empty log is never moved away, however long its first line.
        return size > 0 and size + len(line.encode(self.encoding or "utf-8")) > self.max_bytes

    def rotate(self) -> None:
        """Move the log to ``.1`` (and each older one a number up); the oldest is dropped."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        try:
            base = self.baseFilename
            for n in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{n}"):
                    os.replace(f"{base}.{n}", f"{base}.{n + 1}")
            if self.backups > 0:
                os.replace(base, f"{base}.1")
            self.stream = self._open()
        except OSError:
            _note_problem(Path(self.baseFilename))
            self.max_bytes = 0  # no more rotation tries; keep writing where we can
            if self.stream is None:
                try:
                    self.stream = self._open()
                except OSError:
                    self.stream = None

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        _note_problem(Path(self.baseFilename))  # no traceback on the clerk's terminal


_problem: FileProblem | None = None


def _note_problem(path: Path) -> None:
    global _problem
    _problem = FileProblem(kind=FileKind.LOG, trouble=FileTrouble.UNWRITABLE, path=path)


def file_problem() -> FileProblem | None:
    """Why the log file cannot be written, when it cannot (for the window and the CLI)."""
    return _problem


_installed: list[logging.Handler] = []


def setup_logging(
    log_file: Path | None, *, level: int = logging.INFO, console_level: int | None = None
) -> None:
    """Log to a rotating file (when given) and stderr, every handler behind the redactor.

    Calling it again replaces the handlers it installed before (CLI, then the GUI it starts).
    ``console_level`` quietens stderr (the CLI prints its own messages) without the file.
    Raises OSError when the log file cannot be opened.
    """
    root = logging.getLogger()
    root.setLevel(level)
    while _installed:
        old = _installed.pop()
        root.removeHandler(old)
        old.close()
    stream = logging.StreamHandler()
    if console_level is not None:
        stream.setLevel(console_level)
    handlers: list[logging.Handler] = [stream]
    if log_file is not None:
        private_dir(log_file.parent)
        handlers.append(PrivateLogFile(log_file, max_bytes=1_000_000, backups=3))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
        _installed.append(handler)
    # httpx logs each request line at INFO; keep it, the redactor guards it.
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def setup_app_logging(log_file: Path, *, console_level: int | None = None) -> FileProblem | None:
    """Logging for the app and the CLI: the log file when it can be written, else stderr only
    (and the problem, returned and kept for :func:`file_problem`)."""
    global _problem
    _problem = None
    try:
        setup_logging(log_file, console_level=console_level)
    except OSError as exc:
        setup_logging(None, console_level=console_level)
        _note_problem(log_file)
        logging.getLogger(__name__).info("no log file (%s): %s", log_file, type(exc).__name__)
    return _problem
