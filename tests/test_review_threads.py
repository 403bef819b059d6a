"""Review of the threads: no keyring on the GUI thread, no write answer lost to a cancel."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

from helpers.desk_setup import Booking, close_desk, make_desk
from pytestqt.qtbot import QtBot

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, StoredToken
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Fault, StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.counter.status_strip import StatusStrip
from voucherdesk.ui.history.panel import HistoryPanel


class WatchedStore(MemoryTokenStore):
    """A token store that notes which threads read it (the keyring stands behind it in the app)."""

    def __init__(self) -> None:
        super().__init__()
        self.readers: list[threading.Thread] = []

    def load(self) -> StoredToken | None:
        self.readers.append(threading.current_thread())
        return super().load()


def test_status_strip_refresh_never_reads_the_token_store(
    qtbot: QtBot, empty_standin: StandinServer
) -> None:
    store = WatchedStore()
    client = BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=store,
    )
    with client:
        strip = StatusStrip()
        qtbot.addWidget(strip)
        strip.bind(lambda: client.token_valid_until, lambda: 0)  # before any call: no token held
        worker = threading.Thread(target=client.check_connection)
        worker.start()
        worker.join(10)
        strip.refresh()
        assert threading.main_thread() not in store.readers
        assert client.token_valid_until is not None  # the token the worker got is shown
        assert "Token until" in strip.token.text()


def test_an_undo_in_flight_survives_cancelled_http_work(
    qtbot: QtBot, standin: StandinServer, tmp_path: Path
) -> None:
    """Esc on a slow check cancels the HTTP lane. An undo is a write (bookingkit and journal):
    its answer must still reach the clerk, and the panel must not stay stuck in "undoing"."""
    desk = make_desk(standin.base_url, tmp_path / "desk", timeout=5.0)
    runner = TaskRunner()
    try:
        booking = Booking.add_to(standin)
        vid = standin.state.add_voucher("RV-UNDO", Decimal("100.00"))
        outcome = desk.redeem(booking.quote(desk, vid, adults=1))
        assert outcome.kind is OutcomeKind.DONE
        panel = HistoryPanel(desk, runner)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.loaded, timeout=5_000):
            panel.refresh()
        assert panel.select_key(outcome.key)
        panel.confirm = lambda _question: True
        standin.faults.add(Fault("latency", method="PATCH", path="/v3/orders/*", seconds=0.3))

        with qtbot.waitSignal(panel.undone, timeout=5_000) as done:
            panel.undo_selected()
            runner.cancel_pending()  # what CounterController.cancel_wait does on Esc
        assert done.args[0].cancelled
        assert desk.journal.get(outcome.key).state is EntryState.UNDONE
    finally:
        runner.wait_for_done(5_000)
        close_desk(desk)
