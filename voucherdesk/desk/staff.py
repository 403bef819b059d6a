"""The counter's clerks, without Qt: who may sign in, unlock, and manage the others.

Each clerk has a name and a personal PIN, kept only as the salted PBKDF2 hash of ``pin.py``
(in the owner-only settings file, next to the counter's own PIN hash). An admin manages the
clerks and answers the kiosk's admin PIN. A counter with no clerks works as it always did:
nobody signs in and nothing here is asked.

Typed text is bounded before anything is hashed: a 10,000-character paste is refused at once,
never stretched for seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from voucherdesk.desk.pin import MAX_DIGITS, hash_pin, valid_pin, verify_pin

MAX_NAME_LENGTH = 40


class StaffRefusal(StrEnum):
    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"
    PIN_INVALID = "pin_invalid"  # not 4 to 8 digits
    UNKNOWN_CLERK = "unknown_clerk"
    LAST_ADMIN = "last_admin"  # the clerks would be left without an admin
    FIRST_IS_ADMIN = "first_is_admin"  # the first clerk must be an admin


class SignInRefusal(StrEnum):
    WRONG = "wrong"  # no such clerk, or the PIN does not match (never told apart)
    NOT_PIN_SHAPED = "not_pin_shaped"  # empty, too long, not digits: no try counted
    NOT_YOURS = "not_yours"  # locked by another clerk: only they or an admin unlock


@dataclass(frozen=True, kw_only=True)
class Clerk:
    name: str
    pin_hash: str
    admin: bool = False


def clean_name(name: str) -> str:
    """One line, inner spaces kept: how names are compared and stored."""
    return " ".join(name.split())


def pin_shaped(pin: str) -> bool:
    """Worth hashing: 1 to 8 ASCII digits (checked before any hash, so it is cheap)."""
    return 0 < len(pin) <= MAX_DIGITS and pin.isascii() and pin.isdigit()


@dataclass(frozen=True)
class Staff:
    clerks: tuple[Clerk, ...] = ()

    @classmethod
    def of(cls, clerks: Iterable[Clerk]) -> Staff:
        return cls(tuple(clerks))

    @property
    def active(self) -> bool:
        """Clerks are set up: the counter asks who works at it."""
        return bool(self.clerks)

    @property
    def admins(self) -> tuple[Clerk, ...]:
        return tuple(c for c in self.clerks if c.admin)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.clerks]

    def find(self, name: str) -> Clerk | None:
        wanted = clean_name(name).casefold()
        return next((c for c in self.clerks if c.name.casefold() == wanted), None)

    # --- checks (blocking: about 50 ms per hash; call from a worker in the window) -----------

    def sign_in(self, name: str, pin: str) -> Clerk | SignInRefusal:
        """The clerk ``name`` when ``pin`` is theirs."""
        if not pin_shaped(pin):
            return SignInRefusal.NOT_PIN_SHAPED
        clerk = self.find(name)
        if clerk is None or not verify_pin(pin, clerk.pin_hash):
            return SignInRefusal.WRONG
        return clerk

    def unlock(self, locked_by: str | None, name: str, pin: str) -> Clerk | SignInRefusal:
        """Who unlocks a counter locked by ``locked_by``: that clerk or an admin (None: the
        sign-in after a switch or a start, where any clerk may)."""
        clerk = self.sign_in(name, pin)
        if isinstance(clerk, SignInRefusal) or locked_by is None or clerk.admin:
            return clerk
        owner = self.find(locked_by)
        if owner is None or owner.name == clerk.name:  # the locking clerk was removed meanwhile
            return clerk
        return SignInRefusal.NOT_YOURS

    def admin_pin(self, pin: str) -> Clerk | None:
        """The admin whose PIN this is (the kiosk asks for a PIN alone)."""
        if not pin_shaped(pin):
            return None
        return next((c for c in self.admins if verify_pin(pin, c.pin_hash)), None)

    # --- managing (an admin's actions; each returns the new staff or why not) ---------------

    def add(self, name: str, pin: str, *, admin: bool) -> Staff | StaffRefusal:
        name = clean_name(name)
        refusal = _name_refusal(name) or _pin_refusal(pin)
        if refusal is not None:
            return refusal
        if self.find(name) is not None:
            return StaffRefusal.NAME_TAKEN
        if not self.admins and not admin:
            return StaffRefusal.FIRST_IS_ADMIN
        return Staff((*self.clerks, Clerk(name=name, pin_hash=hash_pin(pin), admin=admin)))

    def remove(self, name: str) -> Staff | StaffRefusal:
        clerk = self.find(name)
        if clerk is None:
            return StaffRefusal.UNKNOWN_CLERK
        rest = tuple(c for c in self.clerks if c is not clerk)
        if rest and not any(c.admin for c in rest):
            return StaffRefusal.LAST_ADMIN
        return Staff(rest)

    def reset_pin(self, name: str, pin: str) -> Staff | StaffRefusal:
        clerk = self.find(name)
        if clerk is None:
            return StaffRefusal.UNKNOWN_CLERK
        refusal = _pin_refusal(pin)
        if refusal is not None:
            return refusal
        renewed = Clerk(name=clerk.name, pin_hash=hash_pin(pin), admin=clerk.admin)
        return Staff(tuple(renewed if c is clerk else c for c in self.clerks))

    def set_admin(self, name: str, admin: bool) -> Staff | StaffRefusal:
        clerk = self.find(name)
        if clerk is None:
            return StaffRefusal.UNKNOWN_CLERK
        changed = Clerk(name=clerk.name, pin_hash=clerk.pin_hash, admin=admin)
        clerks = tuple(changed if c is clerk else c for c in self.clerks)
        if not any(c.admin for c in clerks):
            return StaffRefusal.LAST_ADMIN
        return Staff(clerks)


def _name_refusal(name: str) -> StaffRefusal | None:
    if not name:
        return StaffRefusal.NAME_EMPTY
    if len(name) > MAX_NAME_LENGTH:
        return StaffRefusal.NAME_TOO_LONG
    return None


def _pin_refusal(pin: str) -> StaffRefusal | None:
    return None if len(pin) <= MAX_DIGITS and valid_pin(pin) else StaffRefusal.PIN_INVALID
