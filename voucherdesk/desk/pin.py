"""The counter's PIN lock, without Qt: PIN hashing and when the next unlock try is allowed.

Only a salted PBKDF2 hash of the PIN is kept (in the settings file). A 4–8 digit PIN is
weak against someone holding that file, so the hash is a guard against reading the PIN off
the disk at a glance; the real protection at the counter is the back-off after wrong tries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

ITERATIONS = 240_000
_SCHEME = "pbkdf2"
MIN_DIGITS, MAX_DIGITS = 4, 8


def valid_pin(pin: str) -> bool:
    """4 to 8 ASCII digits (no other digit scripts: a keypad types ASCII)."""
    return MIN_DIGITS <= len(pin) <= MAX_DIGITS and pin.isascii() and pin.isdigit()


# hashlib, hmac and secrets are imported where a PIN is hashed or checked: the first window
# knows the clerks and whether a PIN is set, and would wait for OpenSSL's libcrypto for
# nothing (16 M instructions of the cold start).


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    import hashlib

    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """``pbkdf2$<iterations>$<salt hex>$<hash hex>`` with a fresh random 16-byte salt."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 8 digits")
    import secrets

    salt = secrets.token_bytes(16)
    digest = _derive(pin, salt, iterations)
    return f"{_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, encoded: str) -> bool:
    """True when ``pin`` matches; a damaged or foreign ``encoded`` never matches."""
    try:
        scheme, iterations_text, salt_hex, hash_hex = encoded.split("$")
        iterations = int(iterations_text)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if scheme != _SCHEME or not 1 <= iterations <= 10_000_000 or not salt or not expected:
        return False
    import hmac

    return hmac.compare_digest(_derive(pin, salt, iterations), expected)


class Attempt(Enum):
    UNLOCKED = "unlocked"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong PINs lately: this try was not even checked


@dataclass
class LockPolicy:
    """Idle timeout and the back-off after wrong PINs.

    From the ``max_failures``-th wrong PIN in a row on, every wrong PIN starts a pause in which
    no try is checked: ``backoff_s`` after the first, doubling with each further one up to
    ``max_backoff_s``. A right PIN clears the count. The count and the pause are kept across
    restarts by ``lock_state.py``, so quitting is no way around them.

    ``attempt`` checks in one go (the CLI); the window checks the PIN on a worker and calls
    ``record`` with the answer on the GUI thread.
    """

    idle_minutes: int = 0  # 0 = never lock by itself
    max_failures: int = 5
    backoff_s: float = 30.0
    max_backoff_s: float = 900.0
    clock: Callable[[], float] = time.monotonic
    failures: int = field(default=0, init=False)
    _until: float | None = field(default=None, init=False, repr=False)

    @property
    def idle_ms(self) -> int | None:
        """The idle timeout in milliseconds, or None when the counter never locks by itself."""
        return self.idle_minutes * 60_000 if self.idle_minutes > 0 else None

    def pause_after(self, failures: int) -> float:
        """The pause that follows the ``failures``-th wrong PIN in a row."""
        if failures < self.max_failures:
            return 0.0
        doublings = min(failures - self.max_failures, 32)
        return float(min(self.max_backoff_s, self.backoff_s * 2**doublings))

    def wait_left(self) -> float:
        """Seconds until the next try is taken (0 when it is taken now)."""
        if self._until is None:
            return 0.0
        return max(0.0, self._until - self.clock())

    def attempt(self, pin: str, encoded: str) -> Attempt:
        """Check ``pin`` now (blocking: about 50 ms) unless a pause runs."""
        if self.wait_left() > 0:
            return Attempt.WAIT
        return self.record(verify_pin(pin, encoded))

    def record(self, right: bool) -> Attempt:
        """The answer of a check made elsewhere (the caller asked ``wait_left`` first)."""
        if right:
            self.reset()
            return Attempt.UNLOCKED
        self.failures += 1
        pause = self.pause_after(self.failures)
        self._until = self.clock() + pause if pause > 0 else None
        return Attempt.WRONG

    def restore(self, failures: int, wait_s: float) -> None:
        """Take over a count and a pause kept from an earlier run; the pause is never longer
        than its count allows (a clock set back cannot lock the counter for good)."""
        self.failures = max(0, failures)
        wait = min(max(0.0, wait_s), self.pause_after(self.failures))
        self._until = self.clock() + wait if wait > 0 else None

    def reset(self) -> None:
        self.failures = 0
        self._until = None
