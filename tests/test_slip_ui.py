"""The slip on the result screen: the button, the dialogs, the PDF and a picture to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_factories import make_outcome
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.screens import SCREENS, themed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from test_ui_flows import book_with_enter, open_session, wait_state

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.flow import Checking, Idle, ResultShown
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, RedemptionOutcome
from voucherdesk.desk.slip import SlipContent, slip_for
from voucherdesk.standin import StandinServer
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.history import slip_printer
from voucherdesk.ui.main_window import PAGE_RESULT
from voucherdesk.ui.session import CounterSession

WAIT_MS = 15_000
PRINTED = datetime(2026, 11, 25, 17, 40, tzinfo=UTC)


@pytest.fixture
def no_printer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on most counters without a receipt printer: "Save as PDF…" is offered instead."""
    monkeypatch.setattr(slip_printer.QPrinterInfo, "availablePrinters", staticmethod(list))


@pytest.fixture
def counter(qtbot: QtBot, no_printer: None) -> Iterator[CounterSession]:
    session = open_session(qtbot)
    yield session
    session.shutdown()


@pytest.fixture
def done_outcome(standin: StandinServer, tmp_path: Path) -> Iterator[RedemptionOutcome]:
    desk: Desk = make_desk(standin.base_url, tmp_path / "till", counter_id="till2")
    try:
        booking = Booking.add_to(standin)
        vid = standin.state.add_voucher("GIFT-2026-AB12", Decimal("50"))
        outcome = desk.redeem(booking.quote(desk, vid, adults=2, children=1))
        assert outcome.kind is OutcomeKind.DONE
        yield outcome
    finally:
        close_desk(desk)


def content_of(outcome: RedemptionOutcome) -> SlipContent:
    return slip_for(outcome, counter_id="till2", top_up_method="Cash", printed_at=PRINTED)


def test_print_button_only_on_done_results(
    qtbot: QtBot, counter: CounterSession, tmp_path: Path
) -> None:
    window = counter.window
    window.activateWindow()  # window shortcuts only fire in the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.on_scan(DEMO_CODES["fresh"])
    shown = book_with_enter(qtbot, counter)
    assert shown.outcome is not None
    assert shown.outcome.kind is OutcomeKind.DONE
    button = window.result.print_button
    assert button.isVisible()
    assert button.text() == "Customer slip… (Ctrl+P)"

    # Ctrl+P keeps the result on screen and opens a non-blocking file dialog
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog)
    assert dialog.property("keepOnScan") is False
    assert not counter.controller._result_timer.isActive()  # held while printing
    target = tmp_path / "out" / f"slip-{shown.outcome.booking_code}.pdf"  # the suggested name
    target.parent.mkdir()
    dialog.setDirectory(str(target.parent))
    dialog.accept()
    assert target.read_bytes().startswith(b"%PDF")
    assert window.status.message.text() == f"Slip saved: {target}"
    assert window.pages.currentIndex() == PAGE_RESULT

    # a new scan closes the dialog and goes on with the new voucher
    button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    window.on_scan(DEMO_CODES["partly_used"])
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    wait_state(qtbot, counter, lambda s: not isinstance(s, (ResultShown, Idle, Checking)))

    # anything but a certain booking: no button
    quote = shown.quote
    for outcome in (
        make_outcome(OutcomeCase.NO_ANSWER_YET, quote, "k"),
        make_outcome(OutcomeCase.BOOKINGKIT_REFUSED, quote, "k"),
        make_outcome(OutcomeCase.BALANCE_CHANGED, quote, "k"),
    ):
        window.show_state(ResultShown(shown.ticket + 1, quote, outcome=outcome))
        assert window.pages.currentIndex() == PAGE_RESULT
        assert not button.isVisible(), outcome.kind
    window.show_state(ResultShown(shown.ticket + 1, quote, error=RuntimeError("down")))
    assert not button.isVisible()
    # Ctrl+P on a doubtful result does nothing (the hidden button's shortcut is not live)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() is None


def test_slip_pdf_is_80_mm_wide(
    qapp: QApplication, done_outcome: RedemptionOutcome, tmp_path: Path
) -> None:
    path = tmp_path / "slip.pdf"
    slip_printer.write_slip_pdf(content_of(done_outcome), path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1  # one piece of receipt
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in box.groups())
    assert width_mm == pytest.approx(80, abs=0.5)
    assert 60 < height_mm < 250  # one receipt, cut where the slip ends


def test_unwritable_pdf_place_raises(
    qapp: QApplication, done_outcome: RedemptionOutcome, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError):
        slip_printer.write_slip_pdf(content_of(done_outcome), tmp_path / "no" / "slip.pdf")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_render_slip_picture(
    qapp: QApplication, done_outcome: RedemptionOutcome, lang: str
) -> None:
    with themed(qapp, lang):
        content = content_of(done_outcome)
        text = slip_printer.slip_html(content)
        image = slip_printer.slip_image(content)
        path = SCREENS / lang / "slip.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        assert image.save(str(path))
    assert image.width() == round(80 / 25.4 * 203)
    assert image.height() > image.width()
    assert content.booking_code in text
    assert "GIFT" not in text  # the code is masked on the slip
    assert "•••AB12" in text
    expected = {
        "en": ("Left on the voucher", "€0.00", "€22.50", "Top-up paid (cash)"),
        "de": ("Rest auf dem Gutschein", "0,00 €", "22,50 €", "Zuzahlung bezahlt (bar)"),
    }[lang]
    for words in expected:
        assert words in text, words
