"""The customer slip as an 80 mm receipt: to a printer (QPrintDialog) or to a PDF file.

The slip is laid out once by QTextDocument in CSS pixels (96 per inch) and scaled to whatever
it is drawn on, so the PDF, the printer and the preview picture all show the same slip. The
dialogs open non-blocking and give way to a new scan, like every other dialog of the counter:
Qt's own dialogs do (Linux, and "Save as PDF…" everywhere). The print dialog on Windows and macOS
is the system's, and modal (Windows: the call returns once it is closed; macOS: a sheet on the
window): the scanner's keys go into it and a scan cannot close it. Every Windows PC has a
printer ("Microsoft Print to PDF"), so there it is always the print dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QPointF,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import QImage, QPageSize, QPaintDevice, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.slip import AnySlip, PrepaidSlip
from voucherdesk.placeholders import fill
from voucherdesk.ui.common import formatting
from voucherdesk.ui.history.slip_qr import qr_image

PAPER_MM = 80.0  # the common receipt roll
MARGIN_MM = 4.0
DOC_DPI = 96.0  # CSS pixels: the unit of every size in the slip's HTML
QR_URL = "voucherdesk:booking-qr"
QR_MM = 32.0  # the QR code's side on paper, quiet zone included: modules of about 1 mm
_MM_PER_INCH = 25.4


def method_word(method: str) -> str:
    """How the top-up was paid, in the clerk's language (setting values are bookingkit's)."""
    words = {
        "Cash": QCoreApplication.translate("Slip", "cash"),
        "ThirdParty": QCoreApplication.translate("Slip", "card or other"),
        "MobileApp": QCoreApplication.translate("Slip", "mobile app"),
    }
    return words.get(method, method)


def _row(label: str, value: str, *, size: int = 13, bold: bool = False) -> str:
    style = f"font-size:{size}px; font-weight:{'bold' if bold else 'normal'}"
    return (
        f"<tr><td style='{style}'>{html.escape(label)}</td>"
        f"<td align='right' style='{style}'>{html.escape(value)}</td></tr>"
    )


def _p(text: str, size: int, *, bold: bool = False, center: bool = True) -> str:
    style = f"font-size:{size}px; font-weight:{'bold' if bold else 'normal'}"
    return f"<p{' align=center' if center else ''} style='{style}'>{html.escape(text)}</p>"


def _footer(content: AnySlip) -> str:
    return fill(
        QCoreApplication.translate("Slip", "Counter {counter} · printed {when}"),
        counter=content.counter_id,
        when=formatting.date_time(content.printed_at),
    )


def _prepaid_html(content: PrepaidSlip) -> str:
    """A ticket's or a pass's slip: the places booked and, for a pass, the entries left."""
    table = "<table width='100%' cellspacing='0' cellpadding='2'>"
    people = f"{formatting.count(content.participants)} × {content.price_title or '–'}"
    if content.kind is VoucherKind.OPEN_DATE_TICKET:
        code_label = QCoreApplication.translate("Slip", "Open-date ticket")
        middle = ""
    else:
        code_label = QCoreApplication.translate("Slip", "Pass")
        if content.unlimited:
            left_text = QCoreApplication.translate("Slip", "unlimited")
        else:
            left_text = fill(
                QCoreApplication.translate("Slip", "{left} of {total}"),
                left=formatting.count(content.entries_left or 0),
                total=formatting.count(content.entries_total or 0),
            )
        middle = _p(QCoreApplication.translate("Slip", "Entries left on the pass"), 14) + _p(
            left_text, 24, bold=True
        )
    when = formatting.date_time(content.starts_at) if content.starts_at is not None else "–"
    return "".join(
        (
            _p(QCoreApplication.translate("Slip", "Booking confirmation"), 15, bold=True),
            _p(content.experience, 16, bold=True, center=False),
            _p(when, 14, center=False),
            f"{table}{_row(people, '')}</table><hr>",
            middle,
            f"{table}{_row(code_label, content.code, size=12)}</table><hr>",
            _p(QCoreApplication.translate("Slip", "Booking code"), 13),
            _p(content.booking_code, 30, bold=True),
            _p(QCoreApplication.translate("Slip", "Please show this code on arrival."), 12),
            _p(_footer(content), 11),
        )
    )


def slip_html(content: AnySlip) -> str:
    """The slip's words and figures; money and dates in the UI language's conventions."""
    if isinstance(content, PrepaidSlip):
        return _prepaid_html(content)
    money = formatting.money
    lines = [
        _row(f"{formatting.count(ln.count)} × {ln.title or ln.price_id}", money(ln.subtotal))
        for ln in content.lines
    ]
    lines += [
        _row(f"{formatting.count(ln.count)} × {ln.title or ln.product_id}", money(ln.subtotal))
        for ln in content.products
    ]
    customer = (
        _p(
            fill(QCoreApplication.translate("Slip", "For {name}"), name=content.customer_name),
            13,
            center=False,
        )
        if content.customer_name
        else ""
    )
    paid = [
        _row(QCoreApplication.translate("Slip", "Total"), money(content.total), bold=True),
        _row(QCoreApplication.translate("Slip", "Paid with the voucher"), money(content.drawn)),
    ]
    if not content.top_up.is_zero and content.top_up_method:
        label = QCoreApplication.translate("Slip", "Top-up paid ({method})")
        method = method_word(content.top_up_method)
        paid.append(_row(fill(label, method=method), money(content.top_up)))
    elif not content.top_up.is_zero:  # an old journal entry that did not record the method
        label = QCoreApplication.translate("Slip", "Top-up paid")
        paid.append(_row(label, money(content.top_up)))
    left = QCoreApplication.translate("Slip", "Left on the voucher")
    voucher = QCoreApplication.translate("Slip", "Voucher")
    footer = _footer(content)
    table = "<table width='100%' cellspacing='0' cellpadding='2'>"
    return "".join(
        (
            _p(QCoreApplication.translate("Slip", "Booking confirmation"), 15, bold=True),
            _p(QCoreApplication.translate("Slip", "Copy"), 12) if content.copy else "",
            _p(content.experience, 16, bold=True, center=False),
            _p(formatting.date_time(content.starts_at), 14, center=False),
            customer,
            f"{table}{''.join(lines)}</table><hr>{table}{''.join(paid)}</table><hr>",
            _p(left, 14),  # the figure the customer asked about: centred and large
            _p(money(content.value_left), 24, bold=True),
            f"{table}{_row(voucher, content.voucher_code, size=12)}</table><hr>",
            _p(QCoreApplication.translate("Slip", "Booking code"), 13),
            _p(content.booking_code, 30, bold=True),
            f"<p align=center><img src='{QR_URL}' width='{_qr_px()}' height='{_qr_px()}'></p>",
            _p(QCoreApplication.translate("Slip", "Please show this code on arrival."), 12),
            _p(footer, 11),
        )
    )


def _qr_px() -> int:
    return round(QR_MM / _MM_PER_INCH * DOC_DPI)


def slip_document(content: AnySlip) -> QTextDocument:
    """The slip laid out for the printable width of the roll, in CSS pixels, with the booking
    code also as a QR code."""
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 13px; }")
    document.setDocumentMargin(0)
    document.addResource(
        QTextDocument.ResourceType.ImageResource, QUrl(QR_URL), qr_image(content.booking_code)
    )
    document.setHtml(slip_html(content))
    document.setTextWidth((PAPER_MM - 2 * MARGIN_MM) / _MM_PER_INCH * DOC_DPI)
    return document


def slip_page_size(document: QTextDocument) -> QPageSize:
    """80 mm wide and exactly as long as the slip (receipt printers cut where the page ends)."""
    height = document.size().height() / DOC_DPI * _MM_PER_INCH + 2 * MARGIN_MM
    exact = QPageSize.SizeMatchPolicy.ExactMatch
    return QPageSize(QSizeF(PAPER_MM, height), QPageSize.Unit.Millimeter, "Slip", exact)


def _draw(
    document: QTextDocument, painter: QPainter, device: QPaintDevice, margin_mm: float
) -> None:
    dpi_x, dpi_y = device.logicalDpiX(), device.logicalDpiY()
    painter.translate(QPointF(dpi_x, dpi_y) * (margin_mm / _MM_PER_INCH))
    painter.scale(dpi_x / DOC_DPI, dpi_y / DOC_DPI)
    document.drawContents(painter)


def write_slip_pdf(content: AnySlip, path: Path | str) -> None:
    """The slip as a one-page PDF of receipt size; OSError when it cannot be written."""
    with open(path, "ab"):  # a clear OSError now if the place cannot be written to
        pass
    document = slip_document(content)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(slip_page_size(document))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))  # in mm; the slip draws its own margin
    writer.setTitle(QCoreApplication.translate("Slip", "Booking confirmation"))
    writer.setCreator("VoucherDesk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF {path} could not be started")
    _draw(document, painter, writer, MARGIN_MM)
    painter.end()
    del writer  # the file is complete once the writer is gone


def slip_image(content: AnySlip, dpi: int = 203) -> QImage:
    """The slip as a picture at a thermal printer's resolution (preview and screenshots)."""
    document = slip_document(content)
    size = slip_page_size(document).size(QPageSize.Unit.Inch)
    image = QImage(
        round(size.width() * dpi), round(size.height() * dpi), QImage.Format.Format_RGB32
    )
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(image.dotsPerMeterX())
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    _draw(document, painter, image, MARGIN_MM)
    painter.end()
    return image


def print_slip(content: AnySlip, printer: QPrinter) -> bool:
    """Draw the slip on an already chosen printer; False when the printer refused to start."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    _draw(slip_document(content), painter, printer, 0.0)  # the printer keeps its own margins
    return painter.end()


def open_slip_dialog(
    content: AnySlip, parent: QWidget, notify: Callable[[str], None] = lambda _text: None
) -> QDialog:
    """Print dialog, or "Save as PDF…" when no printer is installed. Non-blocking where Qt
    draws the dialog; a scan closes it (keepOnScan is False). Windows and macOS show their own
    modal print dialog instead (see the module's docstring). ``notify`` gets a short line about
    what happened."""
    dialog: QDialog
    if QPrinterInfo.availablePrinters():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(slip_page_size(slip_document(content)))
        printer.setDocName(QCoreApplication.translate("Slip", "Booking confirmation"))
        dialog = QPrintDialog(printer, parent)

        done = QCoreApplication.translate("Slip", "Slip printed.")
        failed = QCoreApplication.translate("Slip", "The slip could not be printed.")
        dialog.accepted.connect(lambda: notify(done if print_slip(content, printer) else failed))
    else:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or ".") / f"slip-{content.booking_code}.pdf"
        title = QCoreApplication.translate("Slip", "Save as PDF…")
        pattern = QCoreApplication.translate("Slip", "PDF files (*.pdf)")
        files = QFileDialog(parent, title, str(suggested), pattern)
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        files.setDefaultSuffix("pdf")

        def save(path: str) -> None:
            try:
                write_slip_pdf(content, path)
            except OSError as exc:
                not_saved = QCoreApplication.translate("Slip", "Slip not saved: {reason}")
                notify(fill(not_saved, reason=str(exc)))
                return
            notify(fill(QCoreApplication.translate("Slip", "Slip saved: {path}"), path=path))

        files.fileSelected.connect(save)
        dialog = files
    dialog.setProperty("keepOnScan", False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    QDialog.open(dialog)  # non-blocking (the stubs only know QPrintDialog's two-argument form)
    return dialog
