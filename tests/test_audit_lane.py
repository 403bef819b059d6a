"""The desk's audit lane: a scan's and a redemption's rows are written after the answer is
handed back (the card and the result do not wait for an fsync and a keyring write), and the
trail keeps the order in which things happened. A real desk against the stand-in over
loopback, a real trail on disk."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_setup import close_desk, make_desk
from test_audit_counter import rows_of

from voucherdesk.audit.chain import AuditRow
from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.audit.head import MemoryHeadStore
from voucherdesk.audit.trail import AuditTrail
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.desk.desk import Desk
from voucherdesk.standin.server import StandinServer


class HeldTrail(AuditTrail):
    """A trail whose writes wait until the test lets them go (a slow disk or keyring)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, MemoryHeadStore())
        self.go = threading.Event()

    def record(
        self, event: AuditEvent, *, clerk: str | None, environment: Environment | None
    ) -> AuditRow | None:
        assert self.go.wait(30), "the test never let the write go"
        return super().record(event, clerk=clerk, environment=environment)


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till")
    d.audit = HeldTrail(tmp_path / "till" / "audit-trail.jsonl").open()
    yield d
    assert isinstance(d.audit, HeldTrail)
    d.audit.go.set()
    d.close()  # closing twice is harmless: the tests close it to see every row written
    close_desk(d)


def test_a_scan_is_answered_before_its_row_is_written_and_the_row_follows(
    standin: StandinServer, desk: Desk
) -> None:
    standin.state.add_voucher("LANE-SCAN-1", Decimal("30"))
    trail = desk.audit
    assert isinstance(trail, HeldTrail)

    check = desk.check("LANE-SCAN-1")  # returns although the trail cannot write yet

    assert check.verdict.usable
    assert not trail.path.exists() or rows_of(trail.path) == []
    trail.go.set()
    desk.close()
    rows = rows_of(trail.path)
    assert [(r.event.kind, r.event.voucher_code) for r in rows] == [(RowKind.SCAN, "LANE-SCAN-1")]


def test_rows_keep_their_order_when_a_waited_row_follows_handed_over_ones(
    standin: StandinServer, desk: Desk
) -> None:
    for code in ("LANE-A", "LANE-B", "LANE-C"):
        standin.state.add_voucher(code, Decimal("10"))
    trail = desk.audit
    assert isinstance(trail, HeldTrail)
    for code in ("LANE-A", "LANE-B"):
        desk.check(code)
    trail.go.set()

    desk.record_sign_in("Ada")  # waits for its own row, and so for the two before it

    rows = rows_of(trail.path)
    assert [(r.event.kind, r.event.voucher_code, r.clerk) for r in rows] == [
        (RowKind.SCAN, "LANE-A", None),
        (RowKind.SCAN, "LANE-B", None),
        (RowKind.SIGN_IN, None, "Ada"),
    ]
    desk.check("LANE-C")
    desk.close()
    assert [r.event.voucher_code for r in rows_of(trail.path)][-1] == "LANE-C"
    assert trail.verify().ok
