"""The booking code as a QR code on the customer slip, decoded back with zxing-cpp from the
picture and from the PDF; the slip printed again from the history (marked as a copy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.screens import SCREENS, themed
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.slip import can_reprint, slip_for, slip_from_entry
from voucherdesk.standin import StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.history import slip_printer
from voucherdesk.ui.history.panel import HistoryPanel
from voucherdesk.ui.history.slip_qr import QUIET_MODULES, qr_image

PRINTED = datetime(2026, 11, 25, 17, 40, tzinfo=UTC)
DOTS_PER_MM = 203 / 25.4


def decode(image: QImage) -> list[zxingcpp.Barcode]:
    """Every QR code zxing-cpp reads in ``image`` (as the camera's decoder would)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(gray.constBits())  # type: ignore[call-overload]
    view = zxingcpp.ImageView(
        pixels, gray.width(), gray.height(), zxingcpp.ImageFormat.Lum, gray.bytesPerLine(), 1
    )
    return list(zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode))


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(standin.base_url, tmp_path / "till", counter_id="till2")
    yield made
    close_desk(made)


@pytest.fixture
def done(standin: StandinServer, desk: Desk) -> RedemptionOutcome:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("GIFT-2026-QR12", Decimal("50"))
    outcome = desk.redeem(booking.quote(desk, vid, adults=2, children=1))
    assert outcome.kind is OutcomeKind.DONE
    return outcome


def test_qr_image_reads_back_for_many_codes(qapp: QApplication) -> None:
    for text in ("A", "5SP5AS5M", "BK-2026-0001", "x" * 60, "Zürich 7"):
        image = qr_image(text)
        (found,) = decode(image)
        assert found.text == text
        assert found.format == zxingcpp.BarcodeFormat.QRCode
        # the quiet zone is there: the code starts QUIET_MODULES modules in
        modules = image.width() // 12 - 2 * QUIET_MODULES
        assert found.position.top_left.x == pytest.approx(QUIET_MODULES * 12, abs=2)
        assert modules in range(21, 60, 4)  # a real QR version size, never Micro QR


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_slip_picture_carries_the_booking_code(
    qapp: QApplication, done: RedemptionOutcome, lang: str
) -> None:
    with themed(qapp, lang):
        content = slip_for(done, counter_id="till2", top_up_method="Cash", printed_at=PRINTED)
        image = slip_printer.slip_image(content)
        assert image.save(str(SCREENS / lang / "slip_with_qr.png"))
    (found,) = decode(image)
    assert found.text == done.booking_code
    corners = found.position
    side_mm = (corners.top_right.x - corners.top_left.x) / DOTS_PER_MM
    assert 18 < side_mm < 32  # about 1 mm per module: a phone reads it at arm's length
    assert corners.top_left.y > image.height() / 2  # under the booking code, near the end


def test_the_slip_pdf_carries_the_booking_code(
    qapp: QApplication, done: RedemptionOutcome, tmp_path: Path
) -> None:
    content = slip_for(done, counter_id="till2", top_up_method="Cash", printed_at=PRINTED)
    path = tmp_path / "slip.pdf"
    slip_printer.write_slip_pdf(content, path)
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    size = document.pagePointSize(0)
    page = document.render(0, QSize(round(size.width() * 3), round(size.height() * 3)))
    document.close()
    assert [f.text for f in decode(page)] == [done.booking_code]


def test_slip_from_the_journal_matches_the_slip_of_the_result(
    qapp: QApplication, desk: Desk, done: RedemptionOutcome
) -> None:
    entry = desk.journal.get(done.key)
    assert can_reprint(entry)
    again = slip_from_entry(entry, printed_at=PRINTED)
    first = slip_for(done, counter_id="till2", top_up_method="Cash", printed_at=PRINTED)
    assert again == replace(first, copy=True)
    assert "Copy" in slip_printer.slip_html(again)
    assert "Copy" not in slip_printer.slip_html(first)
    for state in set(EntryState) - {EntryState.DONE}:
        assert not can_reprint(replace(entry, state=state))
        with pytest.raises(ValueError, match="no slip"):
            slip_from_entry(replace(entry, state=state), printed_at=PRINTED)
    without_method = replace(entry, top_up_method=None)
    text = slip_printer.slip_html(slip_from_entry(without_method, printed_at=PRINTED))
    assert "Top-up paid" in text
    assert "()" not in text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_reprint_from_the_history(
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    standin: StandinServer,
    desk: Desk,
    done: RedemptionOutcome,
    tmp_path: Path,
    lang: str,
) -> None:
    monkeypatch.setattr(slip_printer.QPrinterInfo, "availablePrinters", staticmethod(list))
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("GIFT-UNDO-1", Decimal("80"))
    undone = desk.redeem(booking.quote(desk, vid, adults=1))
    assert desk.undo(undone.key).cancelled
    runner = TaskRunner()
    try:
        with themed(qapp, lang):
            panel = HistoryPanel(desk, runner)
            panel.resize(1100, 500)
            panel.show()
            with qtbot.waitSignal(panel.loaded, timeout=5_000):
                panel.refresh()
            button = panel.findChild(QPushButton, "print_slip")
            action = next(
                a for a in panel.findChildren(object) if a.objectName() == "print_slip_action"
            )
            assert panel.select_key(undone.key)
            assert not button.isEnabled()
            assert not action.isEnabled()  # an undone redemption has no slip
            assert panel.select_key(done.key)
            assert button.isEnabled()
            assert action.isEnabled()

            button.click()
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QFileDialog)
            assert dialog.property("keepOnScan") is False
            target = tmp_path / lang / f"slip-{done.booking_code}.pdf"  # the suggested name
            target.parent.mkdir()
            dialog.setDirectory(str(target.parent))
            dialog.accept()
            assert target.read_bytes().startswith(b"%PDF")
            assert str(target) in panel.message()
            entry = desk.journal.get(done.key)
            picture = slip_printer.slip_image(slip_from_entry(entry, printed_at=PRINTED))
            assert picture.save(str(SCREENS / lang / "slip_copy.png"))
            assert [f.text for f in decode(picture)] == [done.booking_code]
            # The panel's other read (entries of other environments) lands before the panel
            # is deleted when the theme is restored; late, it would find its table gone.
            qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    finally:
        runner.wait_for_done(5_000)
