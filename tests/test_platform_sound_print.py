"""Sound and printing as the other platforms meet them, faked where this machine differs:
a headset plugged in or pulled at the counter (audio outputs come and go), and a PC that has a
printer, as every Windows PC has ("Microsoft Print to PDF" is always installed).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from voucherdesk.desk.quote import QuoteLine
from voucherdesk.desk.slip import SlipContent
from voucherdesk.money import Money
from voucherdesk.ui.common.sound import SOUND_NAMES, SoundPlayer
from voucherdesk.ui.history import slip_printer


@pytest.fixture
def outputs(monkeypatch: pytest.MonkeyPatch) -> list[QAudioDevice]:
    """The audio outputs the OS reports; a test adds or removes one, then says so."""
    found: list[QAudioDevice] = []
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: list(found)))
    return found


def test_sound_follows_outputs_coming_and_going(
    qapp: QApplication, outputs: list[QAudioDevice]
) -> None:
    player = SoundPlayer()
    devices = player._devices
    assert devices is not None
    assert not player.available  # a counter PC started with no speaker
    outputs.append(QAudioDevice())  # a headset is plugged in
    devices.audioOutputsChanged.emit()
    assert player.available
    assert set(player._effects) == set(SOUND_NAMES)  # every sound loaded for the new output
    for name in SOUND_NAMES:
        player.play(name)  # whether this fake device plays depends on the machine; never raises
    outputs.clear()  # and pulled out again
    devices.audioOutputsChanged.emit()
    assert not player.available
    assert player.play("success") is False  # silence, never an error
    player.deleteLater()


# Windows and macOS put up their own modal print dialog: it would wait for a click forever.
qt_print_dialog = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the system's modal print dialog"
)


def slip() -> SlipContent:
    def eur(amount: str) -> Money:
        return Money(amount=Decimal(amount), currency="EUR")

    return SlipContent(
        experience="Escape room",
        starts_at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
        lines=(
            QuoteLine(
                price_id="p1", title="Adult", count=2, unit=eur("25.00"), subtotal=eur("50.00")
            ),
        ),
        total=eur("50.00"),
        drawn=eur("40.00"),
        top_up=eur("10.00"),
        top_up_method="Cash",
        value_left=eur("0.00"),
        voucher_code="•••AB12",
        booking_code="BK-7Q2X",
        counter_id="till2",
        printed_at=datetime(2026, 12, 3, 13, 40, tzinfo=UTC),
    )


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def open_dialog(parent: QWidget, notes: list[str]) -> QPrintDialog | QFileDialog:
    dialog = slip_printer.open_slip_dialog(slip(), parent, notes.append)
    assert isinstance(dialog, QPrintDialog | QFileDialog)
    return dialog


@qt_print_dialog
def test_with_a_printer_the_print_dialog_prints_the_slip(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))
    notes: list[str] = []
    dialog = open_dialog(parent, notes)
    assert isinstance(dialog, QPrintDialog)
    assert dialog.property("keepOnScan") is False  # a scan closes it where Qt draws it
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    printer = dialog.printer()
    assert printer.docName() == "Booking confirmation"
    size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    assert size.width() == pytest.approx(80, abs=0.5)  # the receipt roll, cut where it ends
    # The clerk picks a printer and presses Print: here a PDF stands in for the printer.
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    dialog.done(QDialog.DialogCode.Accepted)  # as the native dialogs end, too
    assert notes == ["Slip printed."]
    data = target.read_bytes()
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert float(box.group(1)) / 72 * 25.4 == pytest.approx(80, abs=0.5)
    dialog.close()


def test_without_a_printer_the_slip_is_saved_as_pdf(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(list))
    notes: list[str] = []
    dialog = open_dialog(parent, notes)
    assert isinstance(dialog, QFileDialog)
    assert dialog.defaultSuffix() == "pdf"
    assert dialog.selectedFiles()[0].endswith("slip-BK-7Q2X.pdf")
    dialog.close()


@qt_print_dialog
@pytest.mark.parametrize("printers", [lambda: [QPrinterInfo()], list])
def test_print_dialogs_never_block_here(
    qtbot: QtBot,
    parent: QWidget,
    monkeypatch: pytest.MonkeyPatch,
    printers: Callable[[], list[QPrinterInfo]],
) -> None:
    """Qt's own dialogs (Linux) open without blocking, so a scan can close them. Windows and
    macOS show their native, modal print dialog instead (see packaging/README.md)."""
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(printers))
    dialog = open_dialog(parent, [])  # returns at once: no nested event loop
    qtbot.waitUntil(dialog.isVisible)
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
