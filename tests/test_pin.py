"""PIN hashing, checking and the back-off after wrong PINs (Qt-free)."""

from __future__ import annotations

import pytest

from voucherdesk.desk.pin import ITERATIONS, Attempt, LockPolicy, hash_pin, valid_pin, verify_pin


class FakeClock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


def test_hash_has_the_documented_form_and_verifies() -> None:
    encoded = hash_pin("4711")
    scheme, iterations, salt, digest = encoded.split("$")
    assert scheme == "pbkdf2"
    assert int(iterations) == ITERATIONS >= 200_000
    assert len(bytes.fromhex(salt)) == 16
    assert len(bytes.fromhex(digest)) == 32
    assert "4711" not in encoded
    assert verify_pin("4711", encoded)


def test_wrong_pins_do_not_verify() -> None:
    encoded = hash_pin("12345678")
    for wrong in ("1234567", "123456789", "87654321", "", "12345678 "):
        assert not verify_pin(wrong, encoded)


def test_each_hash_has_its_own_salt() -> None:
    first, second = hash_pin("0000"), hash_pin("0000")
    assert first != second
    assert first.split("$")[2] != second.split("$")[2]
    assert verify_pin("0000", first)
    assert verify_pin("0000", second)


@pytest.mark.parametrize(
    "encoded", ["", "pbkdf2$x$00$00", "md5$1000$aa$bb", "pbkdf2$1000$zz$00", "pbkdf2$0$aa$bb"]
)
def test_damaged_hash_never_matches(encoded: str) -> None:
    assert not verify_pin("1234", encoded)


@pytest.mark.parametrize(
    ("pin", "ok"),
    [
        ("1234", True),
        ("12345678", True),
        ("123", False),
        ("123456789", False),
        ("12a4", False),
        ("12 34", False),
        ("١٢٣٤", False),  # Arabic-Indic digits: isdigit() but not what a keypad types
        ("", False),
    ],
)
def test_valid_pin(pin: str, ok: bool) -> None:
    assert valid_pin(pin) is ok


def test_invalid_pin_is_not_hashed() -> None:
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin("12")


def test_back_off_after_five_wrong_pins() -> None:
    clock = FakeClock()
    policy = LockPolicy(clock=clock)
    encoded = hash_pin("2468")
    for _ in range(4):
        assert policy.attempt("1111", encoded) is Attempt.WRONG
        assert policy.wait_left() == 0
    assert policy.attempt("1111", encoded) is Attempt.WRONG  # the fifth
    assert policy.wait_left() == pytest.approx(30.0)
    # during the pause even the right PIN is not checked
    clock.now += 29.0
    assert policy.attempt("2468", encoded) is Attempt.WAIT
    assert policy.wait_left() == pytest.approx(1.0)
    clock.now += 1.0
    assert policy.wait_left() == 0
    # another wrong one starts a pause twice as long; the right one after it clears all
    assert policy.attempt("1111", encoded) is Attempt.WRONG
    assert policy.wait_left() == pytest.approx(60.0)
    clock.now += 60.0
    assert policy.attempt("2468", encoded) is Attempt.UNLOCKED
    assert policy.failures == 0
    assert policy.attempt("1111", encoded) is Attempt.WRONG
    assert policy.wait_left() == 0


def test_idle_timeout_in_ms() -> None:
    assert LockPolicy().idle_ms is None
    assert LockPolicy(idle_minutes=0).idle_ms is None
    assert LockPolicy(idle_minutes=3).idle_ms == 180_000


def test_settings_keep_a_hash_and_an_idle_range() -> None:
    from pydantic import ValidationError

    from voucherdesk.settings import Settings

    settings = Settings()
    assert settings.pin_hash is None
    assert settings.lock_after_idle_min == 0
    assert Settings(lock_after_idle_min=240).lock_after_idle_min == 240
    for bad in (-1, 241):
        with pytest.raises(ValidationError):
            Settings(lock_after_idle_min=bad)


def test_the_pause_doubles_up_to_its_cap_and_a_restored_pause_is_capped() -> None:
    clock = FakeClock()
    policy = LockPolicy(clock=clock)
    assert [policy.pause_after(n) for n in (4, 5, 6, 7, 8, 9, 10, 50, 10**6)] == [
        0,
        30,
        60,
        120,
        240,
        480,
        900,
        900,
        900,
    ]
    policy.restore(7, 10**9)  # a wall clock set back must not lock the counter for good
    assert policy.failures == 7
    assert policy.wait_left() == pytest.approx(120.0)
    policy.restore(2, 50)  # below the threshold there is no pause to restore
    assert policy.wait_left() == 0
