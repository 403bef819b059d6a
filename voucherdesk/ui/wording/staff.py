"""Words for clerks and kiosk mode: why a clerk change was refused, what an admin PIN opens."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from voucherdesk.desk.staff import MAX_NAME_LENGTH, StaffRefusal
from voucherdesk.ui.wording.base import fill, translate

if TYPE_CHECKING:
    from voucherdesk.desk.journal import JournalEntry


class AdminPurpose(StrEnum):
    """What a clerk wants to open behind the admin PIN."""

    SETTINGS = "settings"
    SETUP = "setup"
    QUIT = "quit"
    CLERKS = "clerks"


def staff_refusal(refusal: StaffRefusal) -> str:
    if refusal is StaffRefusal.NAME_EMPTY:
        return translate("Staff", "Enter the clerk's name.")
    if refusal is StaffRefusal.NAME_TOO_LONG:
        return fill(
            translate("Staff", "A name has at most {count} characters."),
            count=str(MAX_NAME_LENGTH),
        )
    if refusal is StaffRefusal.NAME_TAKEN:
        return translate("Staff", "A clerk of this name exists already.")
    if refusal is StaffRefusal.PIN_INVALID:
        return translate("Staff", "A PIN is 4 to 8 digits, typed the same twice.")
    if refusal is StaffRefusal.UNKNOWN_CLERK:
        return translate("Staff", "Choose a clerk in the list first.")
    if refusal is StaffRefusal.LAST_ADMIN:
        return translate("Staff", "At least one clerk must stay an admin.")
    if refusal is StaffRefusal.FIRST_IS_ADMIN:
        return translate("Staff", "The first clerk must be an admin: they manage the others.")
    assert_never(refusal)


def admin_purpose(purpose: AdminPurpose) -> str:
    if purpose is AdminPurpose.SETTINGS:
        return translate("Staff", "The settings are for admins: enter an admin PIN.")
    if purpose is AdminPurpose.SETUP:
        return translate("Staff", "The bookingkit access is for admins: enter an admin PIN.")
    if purpose is AdminPurpose.QUIT:
        return translate("Staff", "This counter is in kiosk mode: enter an admin PIN to close it.")
    if purpose is AdminPurpose.CLERKS:
        return translate("Staff", "Only an admin manages the clerks: enter an admin PIN.")
    assert_never(purpose)


def signed_in_as(clerk: str | None) -> str:
    if clerk is None:
        return translate("Staff", "Nobody signed in")
    return fill(translate("Staff", "Clerk: {clerk}"), clerk=clerk)


def entry_clerks(entry: JournalEntry) -> str:
    """Who redeemed an entry, and who took its last step when that was someone else."""
    if entry.clerk is None and entry.changed_by is None:
        return "–"
    if entry.changed_by is None or entry.changed_by == entry.clerk:
        return entry.clerk or "–"
    return fill(
        translate("Staff", "{clerk}, last step: {other}"),
        clerk=entry.clerk or "–",
        other=entry.changed_by,
    )
