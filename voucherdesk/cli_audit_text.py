"""The command line's words for the audit trail: its problems, a verify report and an export.

Split from ``cli_text`` (the same "Cli" context in the catalogue): the trail's commands are the
only ones that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QCoreApplication

from voucherdesk.audit.chain import BreakKind, ChainBreak
from voucherdesk.cli_choices import echo
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting

if TYPE_CHECKING:
    from voucherdesk.audit.trail import AuditProblem, TrailReport

translate = QCoreApplication.translate


def audit_problem_line(problem: AuditProblem) -> str:
    return fill(translate("Cli", "Note: {text}"), text=wording.audit_problem(problem))


def chain_break(broken: ChainBreak, rows: int) -> str:
    """What is wrong at the first broken link, in one sentence."""
    kind, row = broken.kind, formatting.count(broken.row)
    if kind is BreakKind.UNREADABLE:
        return fill(translate("Cli", "row {row} is not a readable audit row"), row=row)
    if kind is BreakKind.EDITED:
        return fill(
            translate(
                "Cli",
                "row {row} was changed after it was written (its content does not match its hash)",
            ),
            row=row,
        )
    if kind is BreakKind.OUT_OF_PLACE:
        return fill(
            translate("Cli", "row {row} holds row {found}: rows were deleted, added or moved here"),
            row=row,
            found=formatting.count(broken.found_row or 0),
        )
    if kind is BreakKind.NOT_LINKED:
        return fill(
            translate(
                "Cli",
                "row {row} does not follow the row before it (a row before it was replaced)",
            ),
            row=row,
        )
    if kind is BreakKind.CUT_OFF:
        return fill(
            translate(
                "Cli",
                "the chain head in the keyring counts {head} rows, the file holds {rows}: rows "
                "were cut off the end, from row {row} on",
            ),
            head=formatting.count(broken.head_rows or 0),
            rows=formatting.count(rows),
            row=row,
        )
    if kind is BreakKind.HEAD_DIFFERS:
        return fill(
            translate(
                "Cli",
                "row {row} is not the row the chain head in the keyring recorded: the rows up "
                "to it were rewritten",
            ),
            row=row,
        )
    if kind is BreakKind.HEAD_MISSING:
        return fill(
            translate(
                "Cli",
                "the keyring holds no chain head for this trail of {rows} rows: it was "
                "removed, or the file comes from elsewhere",
            ),
            rows=formatting.count(rows),
        )
    assert_never(kind)


def audit_report_lines(report: TrailReport, path: str) -> list[str]:
    """The result of `voucherdesk audit verify`: OK with the row count, or the first broken
    link with its row and what is wrong."""
    lines: list[str] = []
    if report.broken is not None:
        lines.append(
            fill(
                translate("Cli", "Audit trail BROKEN at row {row}: {what}."),
                row=formatting.count(report.broken.row),
                what=chain_break(report.broken, report.rows),
            )
        )
        if report.broken.kind is not BreakKind.HEAD_MISSING:
            before = min(report.rows, report.broken.row - 1)
            lines.append(
                fill(
                    translate("Cli", "The {rows} rows before it hold."),
                    rows=formatting.count(before),
                )
            )
    elif report.rows == 0:
        lines.append(
            fill(translate("Cli", "Audit trail OK: no rows yet ({path})."), path=echo(path))
        )
    else:
        lines.append(
            fill(
                translate("Cli", "Audit trail OK: {rows} rows, every link holds ({path})."),
                rows=formatting.count(report.rows),
                path=echo(path),
            )
        )
    if report.torn_bytes:
        lines.append(
            fill(
                translate(
                    "Cli",
                    "The last line is half-written ({bytes} bytes: a write was interrupted); "
                    "the trail holds up to the last whole row, {rows}. The next row sets those "
                    "bytes aside.",
                ),
                bytes=formatting.count(report.torn_bytes),
                rows=formatting.count(report.whole_rows),
            )
        )
    if report.rows_after_head:
        lines.append(
            fill(
                translate(
                    "Cli",
                    "{count} rows were written after the chain head was last kept (an "
                    "interruption); the next row moves the head on.",
                ),
                count=formatting.count(report.rows_after_head),
            )
        )
    if report.head_unavailable:
        lines.append(
            translate(
                "Cli",
                "The chain head could not be read from the OS keyring, so rows cut off the end "
                "of the trail would not show. Unlock the keyring and verify again.",
            )
        )
    return lines


def audit_exported(count: int, path: str, *, full_codes: bool) -> str:
    if full_codes:
        text = translate("Cli", "{count} audit rows written to {path} (voucher codes in full).")
    else:
        text = translate("Cli", "{count} audit rows written to {path} (voucher codes masked).")
    return fill(text, count=formatting.count(count), path=echo(path))


def audit_export_unverified(row: int) -> str:
    return fill(
        translate(
            "Cli",
            "The trail is broken at row {row}: that row and the rows after it are marked "
            "verified=no.",
        ),
        row=formatting.count(row),
    )


def audit_unreadable_lines(count: int) -> str:
    return fill(
        translate("Cli", "{count} lines are not readable rows and were left out."),
        count=formatting.count(count),
    )


def audit_not_written(exc: OSError) -> str:
    return fill(
        translate("Cli", "Could not write the export: {reason}"),
        reason=exc.strerror or type(exc).__name__,
    )


def audit_not_read(exc: OSError) -> str:
    return fill(
        translate("Cli", "Could not read the audit trail: {reason}"),
        reason=exc.strerror or type(exc).__name__,
    )
