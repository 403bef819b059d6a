"""The audit trail as CSV: one line per row, voucher codes masked unless asked for in full.

Every whole line that reads as a row is exported, also after a broken link (an auditor wants to
see them); the ``verified`` column says whether the chain holds up to that row. Amounts are
exact (as recorded), with the row's one currency in its own column. Text that a spreadsheet
would run as a formula gets a leading apostrophe. The file is created owner-only: with full
codes it holds what the trail holds.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from voucherdesk.desk.slip import mask_code
from voucherdesk.local_files import OWNER_ONLY_FILE

if TYPE_CHECKING:
    from voucherdesk.audit.chain import AuditRow

AMOUNT_COLUMNS = (
    "total",
    "quoted_draw",
    "drawn",
    "top_up",
    "value_left",
    "balance_now",
    "remaining",
    "value",
)
COLUMNS = (
    "row",
    "verified",
    "time_utc",
    "kind",
    "outcome",
    "clerk",
    "environment",
    "base_url",
    "key",
    "voucher_code",
    "booking_code",
    "currency",
    *AMOUNT_COLUMNS,
    "detail",
    "hash",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(row: AuditRow, *, verified: bool, full_codes: bool) -> list[str]:
    event = row.event
    code = event.voucher_code
    if code is not None and not full_codes:
        code = mask_code(code)
    amounts = [
        f"{event.amounts[name].amount:f}" if name in event.amounts else ""
        for name in AMOUNT_COLUMNS
    ]
    extra = {
        name: f"{money.amount:f} {money.currency}"
        for name, money in event.amounts.items()
        if name not in AMOUNT_COLUMNS
    }
    detail = {**event.detail, **extra}
    return [
        str(row.n),
        "yes" if verified else "no",
        row.at.isoformat(),
        event.kind.value,
        _text(event.outcome),
        _text(row.clerk),
        _text(row.environment),
        _text(row.base_url),
        _text(event.key),
        _text(code),
        _text(event.booking_code),
        event.currency or "",
        *amounts,
        _text(json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else ""),
        row.hash,
    ]


def csv_text(rows: list[tuple[int, AuditRow]], *, verified_rows: int, full_codes: bool) -> str:
    """``rows``: (line in the file, row); ``verified_rows``: how many lines from the first
    the chain holds for."""
    out = io.StringIO(newline="")
    out.write("\ufeff")  # Excel reads the file as UTF-8 only with this mark
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for line, row in rows:
        writer.writerow(csv_row(row, verified=line <= verified_rows, full_codes=full_codes))
    return out.getvalue()


def write_csv(
    rows: list[tuple[int, AuditRow]], target: Path, *, verified_rows: int, full_codes: bool
) -> None:
    """Raises OSError."""
    text = csv_text(rows, verified_rows=verified_rows, full_codes=full_codes)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY_FILE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
