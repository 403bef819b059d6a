"""Words for the counter's own files that could not be used, and for a counter that cannot
open for real (not set up, settings damaged or lost). The CLI uses the same sentences."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.audit.trail import AuditProblem
from voucherdesk.local_files import FileKind, FileProblem, FileTrouble
from voucherdesk.not_configured import NotConfigured, NotConfiguredReason
from voucherdesk.ui.wording.base import Words, fill, translate
from voucherdesk.ui.wording.setup import address_refused


def file_problem(problem: FileProblem) -> str:
    """One or two sentences: which file, what happened to it, what follows."""
    kind, trouble = problem.kind, problem.trouble
    kept = problem.kept_as.name if problem.kept_as is not None else ""
    folder = str(problem.path.parent)
    if kind is FileKind.SETTINGS:
        if trouble is FileTrouble.UNWRITABLE:
            return fill(
                translate("Files", "The settings could not be saved in {folder}."), folder=folder
            )
        if kept:
            return fill(
                translate(
                    "Files",
                    "The settings file could not be read; it was kept as {name}. What could be "
                    "read of it is used, but real redemptions stay off until the bookingkit "
                    "connection is set up again.",
                ),
                name=kept,
            )
        return fill(
            translate(
                "Files",
                "The settings file {path} could not be read, nor moved aside. Real redemptions "
                "stay off until it is readable or removed and the setup is run.",
            ),
            path=str(problem.path),
        )
    if kind is FileKind.INDEX:
        if trouble is FileTrouble.UNWRITABLE:
            return fill(
                translate(
                    "Files",
                    "The voucher index cannot be written in {folder}; it is kept in memory "
                    "until VoucherDesk closes, so the first scan after each start takes longer.",
                ),
                folder=folder,
            )
        return fill(
            translate(
                "Files",
                "The voucher index could not be used; it was kept as {name} and is built again "
                "from bookingkit.",
            ),
            name=kept or problem.path.name,
        )
    if kind is FileKind.PASS_INDEX:
        if trouble is FileTrouble.UNWRITABLE:
            return fill(
                translate(
                    "Files",
                    "The pass index cannot be written in {folder}; it is kept in memory until "
                    "VoucherDesk closes, so the first pass scanned after each start takes longer.",
                ),
                folder=folder,
            )
        return fill(
            translate(
                "Files",
                "The pass index could not be used; it was kept as {name} and is built again "
                "from bookingkit.",
            ),
            name=kept or problem.path.name,
        )
    if kind is FileKind.USAGE:
        if trouble is FileTrouble.UNWRITABLE:
            return fill(
                translate(
                    "Files", "The count of this month's requests cannot be saved in {folder}."
                ),
                folder=folder,
            )
        if kept:
            return fill(
                translate(
                    "Files",
                    "The count of this month's requests could not be read; it was kept as "
                    "{name} and counting starts again at 0.",
                ),
                name=kept,
            )
        return translate(
            "Files",
            "The count of this month's requests could not be read; counting starts again at 0.",
        )
    if kind is FileKind.LOG:
        return fill(
            translate("Files", "The log file {path} cannot be written; nothing is logged there."),
            path=str(problem.path),
        )
    if kind is FileKind.LOCK_STATE:
        if trouble is FileTrouble.UNWRITABLE:
            return fill(
                translate(
                    "Files",
                    "The lock state cannot be saved in {folder}: after a restart the counter "
                    "would not be locked and the PIN pause would start again.",
                ),
                folder=folder,
            )
        return fill(
            translate(
                "Files",
                "The saved lock state could not be read; it was kept as {name}. A counter with a "
                "PIN starts locked.",
            ),
            name=kept or problem.path.name,
        )
    if kind is FileKind.JOURNAL:
        return fill(
            translate(
                "Files",
                "The redemption journal {path} cannot be used; real redemptions are off.",
            ),
            path=str(problem.path),
        )
    assert_never(kind)


def not_configured(exc: NotConfigured) -> Words:
    """Why the real counter did not open, and what to do (the window's next step)."""
    reason = exc.reason
    if reason is NotConfiguredReason.NO_CREDENTIALS:
        return Words(
            translate("Files", "Not set up"),
            fill(
                translate(
                    "Files", "No bookingkit credentials are stored for {environment} here yet."
                ),
                environment=exc.environment,
            ),
            translate("Files", "Run the setup."),
        )
    if reason is NotConfiguredReason.ADDRESS_REFUSED:
        problem = exc.address_problem
        why = address_refused(problem) if problem is not None else ""
        return Words(
            translate("Files", "Address refused"),
            fill(
                translate("Files", "The bookingkit address in the settings cannot be used: {why}"),
                why=why,
            ),
            translate("Files", "Run the setup with a valid address."),
        )
    setup = translate("Files", "Run the setup to confirm which bookingkit this counter works with.")
    if reason is NotConfiguredReason.SETTINGS_DAMAGED:
        damaged = exc.settings_problem
        detail = (
            file_problem(damaged)
            if damaged is not None
            else translate("Files", "The settings file was damaged.")
        )
        return Words(translate("Files", "Settings damaged"), detail, setup)
    if reason is NotConfiguredReason.SETTINGS_MISSING:
        return Words(
            translate("Files", "Settings missing"),
            translate(
                "Files",
                "The settings file is missing, but this counter has redeemed before: which "
                "bookingkit it used is not known. Real redemptions are off until the setup is run.",
            ),
            setup,
        )
    assert_never(reason)


def audit_problem(problem: AuditProblem) -> str:
    """Why the audit trail is not kept as it should be; the counter works on either way."""
    if problem is AuditProblem.KEYRING_UNAVAILABLE:
        return translate(
            "Files",
            "The audit trail is written, but its chain head cannot be kept in the OS keyring: "
            "rows cut off the end of the trail would go unnoticed. Unlock the keyring and "
            "restart VoucherDesk.",
        )
    if problem is AuditProblem.CANNOT_WRITE:
        return translate(
            "Files",
            "The audit trail cannot be written in the data folder: what is done now is in the "
            "journal, but not in the audit trail.",
        )
    if problem is AuditProblem.BROKEN:
        return translate(
            "Files",
            "The audit trail does not match the chain head kept in the keyring: rows were cut "
            "off or rewritten. Run `voucherdesk audit verify` and have an admin look.",
        )
    assert_never(problem)
