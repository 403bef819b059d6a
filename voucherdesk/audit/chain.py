"""The row format and the check of a whole trail.

One row is one line of canonical JSON (keys sorted, no spaces, UTF-8) ending in a newline. Each
row carries its number ``n`` (from 1), the hash of the row before it (``prev``; the first row
carries ``GENESIS``) and its own ``hash``: SHA-256 over ``prev`` and the row's canonical bytes
without the hash. So an edited row no longer matches its hash, and a deleted, inserted or moved
row no longer sits at its number or after its ``prev``. Cutting rows off the end leaves a
consistent chain: that is caught by the head kept outside the file (``head``).

The check reports the first broken link only: everything after it cannot be trusted anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from voucherdesk.audit.events import AuditEvent, DetailValue, RowKind
from voucherdesk.money import Money

GENESIS = hashlib.sha256(b"VoucherDesk audit trail v1").hexdigest()
# A row is a few hundred bytes; a line far longer is not one of ours.
MAX_LINE_BYTES = 64 * 1024


class BreakKind(StrEnum):
    UNREADABLE = "unreadable"  # the line is not a row (garbage, a field missing)
    EDITED = "edited"  # the row's content does not match its hash
    OUT_OF_PLACE = "out_of_place"  # another row's number here: rows deleted, added or moved
    NOT_LINKED = "not_linked"  # the row does not follow the one before it (that one changed)
    CUT_OFF = "cut_off"  # the keyring's head counts more rows than the file holds
    HEAD_DIFFERS = "head_differs"  # the row the head points at is not the one it recorded
    HEAD_MISSING = "head_missing"  # the keyring holds no head for a trail that has rows


@dataclass(frozen=True, kw_only=True)
class ChainBreak:
    """The first broken link: ``row`` is the row number where the trail stops being trusted."""

    kind: BreakKind
    row: int
    found_row: int | None = None  # OUT_OF_PLACE: the number the row there carries
    head_rows: int | None = None  # CUT_OFF: how many rows the head counts


@dataclass(frozen=True, kw_only=True)
class ChainHead:
    """How many rows the trail has and the last row's hash, kept outside the file."""

    count: int
    hash: str

    @classmethod
    def empty(cls) -> ChainHead:
        return cls(count=0, hash=GENESIS)


@dataclass(frozen=True, kw_only=True)
class AuditRow:
    """One chained row, as written and read back."""

    n: int
    at: datetime
    clerk: str | None
    environment: str | None
    base_url: str | None
    event: AuditEvent
    prev: str
    hash: str


def canonical(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(prev: str, body: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev.encode("ascii") + b"\n" + canonical(body)).hexdigest()


def _money(value: Money) -> dict[str, str]:
    return {"amount": f"{value.amount:f}", "currency": value.currency}


def body_of(
    *,
    n: int,
    prev: str,
    at: datetime,
    clerk: str | None,
    environment: str | None,
    base_url: str | None,
    event: AuditEvent,
) -> dict[str, Any]:
    """The row's fields without its hash: what the hash covers."""
    if at.tzinfo is None:
        raise ValueError("audit times carry a time zone (UTC)")
    return {
        "n": n,
        "prev": prev,
        "at": at.isoformat(),
        "clerk": clerk,
        "environment": environment,
        "base_url": base_url,
        "kind": event.kind.value,
        "outcome": event.outcome,
        "key": event.key,
        "voucher_code": event.voucher_code,
        "booking_code": event.booking_code,
        "amounts": {name: _money(value) for name, value in event.amounts.items()},
        "detail": dict(event.detail),
    }


def line_of(body: Mapping[str, Any]) -> tuple[bytes, str]:
    """The line to append for ``body`` (newline included) and its hash."""
    digest = row_hash(str(body["prev"]), body)
    return canonical({**body, "hash": digest}) + b"\n", digest


class _Unreadable(ValueError):
    pass


def _text(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise _Unreadable(name)
    return value


def _detail(raw: object) -> dict[str, DetailValue]:
    if not isinstance(raw, dict):
        raise _Unreadable("detail")
    for value in raw.values():
        if value is not None and not isinstance(value, str | int | bool):
            raise _Unreadable("detail")
    return dict(raw)


def _amounts(raw: object) -> dict[str, Money]:
    if not isinstance(raw, dict):
        raise _Unreadable("amounts")
    found: dict[str, Money] = {}
    for name, value in raw.items():
        if not isinstance(value, dict):
            raise _Unreadable("amounts")
        try:
            found[name] = Money(Decimal(str(value["amount"])), str(value["currency"]))
        except (KeyError, ValueError, InvalidOperation):
            raise _Unreadable("amounts") from None
    return found


def parse_row(line: bytes) -> tuple[AuditRow, dict[str, Any]]:
    """The row on one line (without its newline) and the fields its hash covers.

    Raises ValueError when the line is not a row."""
    if len(line) > MAX_LINE_BYTES:
        raise _Unreadable("too long")
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Unreadable("not JSON") from None
    if not isinstance(data, dict):
        raise _Unreadable("not an object")
    body = {name: value for name, value in data.items() if name != "hash"}
    try:
        n, prev, digest = data["n"], data["prev"], data["hash"]
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise _Unreadable("n")
        if not isinstance(prev, str) or not isinstance(digest, str):
            raise _Unreadable("hash")
        if not prev.isascii():
            raise _Unreadable("prev")
        at = datetime.fromisoformat(str(data["at"]))
        event = AuditEvent(
            kind=RowKind(data["kind"]),
            outcome=_text(data, "outcome"),
            key=_text(data, "key"),
            voucher_code=_text(data, "voucher_code"),
            booking_code=_text(data, "booking_code"),
            amounts=_amounts(data.get("amounts", {})),
            detail=_detail(data.get("detail", {})),
        )
        row = AuditRow(
            n=n,
            at=at,
            clerk=_text(data, "clerk"),
            environment=_text(data, "environment"),
            base_url=_text(data, "base_url"),
            event=event,
            prev=prev,
            hash=digest,
        )
    except (KeyError, ValueError, TypeError):
        raise _Unreadable("fields") from None
    return row, body


@dataclass(frozen=True, kw_only=True)
class Lines:
    """A trail's bytes split into whole lines and a torn tail (a write that never finished)."""

    whole: list[bytes]
    whole_end: int  # the offset just after the last whole line
    torn: bytes  # bytes after the last newline (empty when the file ends cleanly)


def split_lines(data: bytes) -> Lines:
    end = data.rfind(b"\n") + 1
    whole = data[:end].split(b"\n")[:-1] if end else []
    return Lines(whole=whole, whole_end=end, torn=data[end:])


@dataclass(frozen=True, kw_only=True)
class ChainCheck:
    """What reading the rows found, before the head is compared."""

    rows: list[AuditRow]  # the rows up to (not including) the first broken link
    whole_rows: int  # whole lines in the file
    broken: ChainBreak | None
    torn_bytes: int

    @property
    def head(self) -> ChainHead:
        """The head of the trusted rows."""
        if not self.rows:
            return ChainHead.empty()
        return ChainHead(count=len(self.rows), hash=self.rows[-1].hash)


def check_rows(data: bytes) -> ChainCheck:
    lines = split_lines(data)
    rows: list[AuditRow] = []
    prev = GENESIS
    broken: ChainBreak | None = None
    for position, line in enumerate(lines.whole, start=1):
        try:
            row, body = parse_row(line)
        except ValueError:
            broken = ChainBreak(kind=BreakKind.UNREADABLE, row=position)
            break
        try:
            digest = row_hash(row.prev, body)
        except ValueError:  # text that cannot be written back as UTF-8 (a lone surrogate)
            broken = ChainBreak(kind=BreakKind.UNREADABLE, row=position)
            break
        if digest != row.hash:
            broken = ChainBreak(kind=BreakKind.EDITED, row=position)
            break
        if row.n != position:
            broken = ChainBreak(kind=BreakKind.OUT_OF_PLACE, row=position, found_row=row.n)
            break
        if row.prev != prev:
            broken = ChainBreak(kind=BreakKind.NOT_LINKED, row=position)
            break
        rows.append(row)
        prev = row.hash
    return ChainCheck(
        rows=rows, whole_rows=len(lines.whole), broken=broken, torn_bytes=len(lines.torn)
    )


def compare_head(rows: list[AuditRow], head: ChainHead | None) -> ChainBreak | None:
    """Whether the trail's rows still reach the head kept outside the file. Rows after the
    head are fine: the head is kept just after each row, so a crash may leave one behind."""
    if head is None:
        return ChainBreak(kind=BreakKind.HEAD_MISSING, row=1) if rows else None
    if head.count > len(rows):
        return ChainBreak(kind=BreakKind.CUT_OFF, row=len(rows) + 1, head_rows=head.count)
    reached = rows[head.count - 1].hash if head.count else GENESIS
    if reached != head.hash:
        return ChainBreak(kind=BreakKind.HEAD_DIFFERS, row=max(head.count, 1))
    return None
