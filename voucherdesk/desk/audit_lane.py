"""Audit rows written on a thread of their own, one after another in the order recorded.

A row costs an fsync and, with the trail's chain head in the OS keyring, a keyring write:
milliseconds a customer would wait for between bookingkit's answer and the voucher card or
the result, if the scan's or the redemption's row were written before them. Those rows are
handed over here and written moments later; every other row waits for its own write (and so
for the rows before it), so the trail keeps the order in which things happened. The journal,
not the trail, is what settles a redemption: a crash in those moments can cost a row, as a
crash between the journal's last mark and the row always could.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.audit.events import AuditEvent
    from voucherdesk.audit.trail import AuditTrail
    from voucherdesk.bookingkit.environments import Environment


class AuditLane:
    """One writer thread, started at the first row; :meth:`close` waits for the rows handed
    over (the window's close, the end of a CLI command)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None

    def write(
        self,
        trail: AuditTrail,
        event: AuditEvent,
        *,
        clerk: str | None,
        environment: Environment,
        wait: bool,
    ) -> None:
        """Append ``event`` after every row handed over before it; ``wait``: return only once
        it is written."""
        with self._lock:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")
            written = self._writer.submit(trail.record, event, clerk=clerk, environment=environment)
        if wait:
            written.result()

    def close(self) -> None:
        with self._lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)
