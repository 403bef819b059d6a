"""The counter's PIN lock, without Qt: PIN hashing and when the next unlock try is allowed.

Only a salted PBKDF2 hash of the PIN is kept (in the settings file). A 4–8 digit PIN is
weak against someone holding that file, so the hash is a guard against reading the PIN off
the disk at a glance; the real protection at the counter is the back-off after wrong tries.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
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


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """``pbkdf2$<iterations>$<salt hex>$<hash hex>`` with a fresh random 16-byte salt."""
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 8 digits")
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
    return hmac.compare_digest(_derive(pin, salt, iterations), expected)


class Attempt(Enum):
    UNLOCKED = "unlocked"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong PINs lately: this try was not even checked


@dataclass
class LockPolicy:
    """Idle timeout and the back-off after wrong PINs.

    After ``max_failures`` wrong PINs in a row every further try waits ``backoff_s`` seconds
    after the last wrong one; a right PIN clears the count.
    """

    idle_minutes: int = 0  # 0 = never lock by itself
    max_failures: int = 5
    backoff_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    failures: int = field(default=0, init=False)
    _last_failure: float | None = field(default=None, init=False, repr=False)

    @property
    def idle_ms(self) -> int | None:
        """The idle timeout in milliseconds, or None when the counter never locks by itself."""
        return self.idle_minutes * 60_000 if self.idle_minutes > 0 else None

    def wait_left(self) -> float:
        """Seconds until the next try is taken (0 when it is taken now)."""
        if self.failures < self.max_failures or self._last_failure is None:
            return 0.0
        return max(0.0, self._last_failure + self.backoff_s - self.clock())

    def attempt(self, pin: str, encoded: str) -> Attempt:
        if self.wait_left() > 0:
            return Attempt.WAIT
        if verify_pin(pin, encoded):
            self.reset()
            return Attempt.UNLOCKED
        self.failures += 1
        self._last_failure = self.clock()
        return Attempt.WRONG

    def reset(self) -> None:
        self.failures = 0
        self._last_failure = None
