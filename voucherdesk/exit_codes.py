"""The command line's exit codes, defined once (README: "Command line")."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # refused or failed
    USAGE = 2
    SETUP = 3  # not set up: no credentials, no keyring, journal unavailable or in use
