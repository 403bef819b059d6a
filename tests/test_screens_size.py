"""Issue 11, item 6: the type grows with the window and reads from two metres.

At 1920 x 1080 the verdict words, the amounts and the codes are at least 48 px, measured on
the real widgets after the window was resized (the scaler follows the resize event by itself);
smaller windows get smaller type that still fits (test_screenshots checks every state for
clipping at 1366 x 768 and 1920 x 1080). Codes use a face where O/0 and I/1 differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from helpers.fit import largest_text, pixel_size
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_ui_flows import WAIT_MS, open_session, ready_to_confirm, wait_state

from voucherdesk.desk.flow import Booking, CardShown, ResultShown
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common.scaling import type_scale
from voucherdesk.ui.common.theme import CODE_FONTS
from voucherdesk.ui.main_window import PAGE_REFUSAL
from voucherdesk.ui.session import CounterSession

LARGE = 48


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_session(qtbot)
    yield session
    session.shutdown()


def resize_to(qtbot: QtBot, session: CounterSession, width: int, height: int) -> None:
    """Resize like a person would, and wait for the type to follow (no direct call)."""
    window = session.window
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.scaler.scale == type_scale(width, height), timeout=WAIT_MS)
    QApplication.processEvents()


def test_full_hd_shows_verdict_amounts_and_codes_at_48_px_or_more(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    resize_to(qtbot, counter, 1920, 1080)
    window.on_scan(DEMO_CODES["small"])
    booking = wait_state(qtbot, counter, ready_to_confirm)
    assert isinstance(booking, Booking)
    card, panel = window.card, window.booking
    for widget in (card.state_word, card.remaining, card.code):
        assert pixel_size(widget) >= LARGE, widget.text()
    for widget in (panel.total_amount, panel.top_up_amount):
        assert pixel_size(widget) >= LARGE, widget.text()

    counter.controller.confirm()
    result = wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    view = window.result
    assert view.amount_labels  # from voucher, left on voucher
    for widget in (view.headline, view.booking_code, view.collect_amount, *view.amount_labels):
        assert widget.isVisible()
        assert pixel_size(widget) >= LARGE, widget.text()

    counter.controller.take_top_up()
    window.on_scan(DEMO_CODES["cancelled"])
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    assert window.pages.currentIndex() == PAGE_REFUSAL
    assert pixel_size(window.refusal.headline) >= LARGE
    assert pixel_size(window.refusal.code) >= LARGE


def test_the_type_follows_the_window_both_ways(qtbot: QtBot, counter: CounterSession) -> None:
    window = counter.window
    counter.window.on_scan(DEMO_CODES["used_up"])
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    resize_to(qtbot, counter, 1920, 1080)
    large = pixel_size(window.refusal.headline)
    resize_to(qtbot, counter, 1366, 768)
    small = pixel_size(window.refusal.headline)
    assert small < large
    resize_to(qtbot, counter, 1920, 1080)
    assert pixel_size(window.refusal.headline) == large
    assert window.refusal.size() == window.pages.size()  # the refusal fills the window


def test_a_top_up_is_the_largest_figure_and_as_large_as_the_total_before(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    resize_to(qtbot, counter, 1366, 768)
    window.on_scan(DEMO_CODES["small"])
    wait_state(qtbot, counter, ready_to_confirm)
    panel = window.booking
    assert pixel_size(panel.top_up_amount) == pixel_size(panel.total_amount)
    assert panel.top_up_amount.isVisible()
    counter.controller.confirm()
    wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    _size, text = largest_text(window)
    assert text == window.result.collect_amount.text()
    assert pixel_size(window.result.collect_amount) > pixel_size(window.result.booking_code)


def test_a_long_code_is_drawn_smaller_never_cut(qtbot: QtBot, counter: CounterSession) -> None:
    standin = counter.context.standin
    assert standin is not None
    long_code = "GIFT-2026-" + "7QX9-" * 6 + "END"
    standin.state.add_voucher(long_code, Decimal("50"))
    window = counter.window
    resize_to(qtbot, counter, 1366, 768)
    window.on_scan(long_code)
    wait_state(qtbot, counter, ready_to_confirm)
    code = window.card.code  # the card's column beside the booking panel is narrow
    assert code.text() == long_code
    natural = code.fontMetrics().horizontalAdvance(long_code)
    shown = QFontMetrics(code.shown_font()).horizontalAdvance(long_code)
    assert shown <= code.contentsRect().width() < natural
    assert window.width() == 1366  # the code did not widen the window


def _glyph(font: QFont, char: str) -> QImage:
    image = QImage(120, 150, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(10, 120), char)
    painter.end()
    return image


def _inked(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).value() < 128
    }


def _differ(font: QFont, a: str, b: str) -> float:
    """Share of the two glyphs' ink that is not common to both (0: the same shape)."""
    ink_a, ink_b = _inked(_glyph(font, a)), _inked(_glyph(font, b))
    return len(ink_a ^ ink_b) / len(ink_a | ink_b)


def test_codes_are_shown_in_a_face_where_o_0_and_i_1_differ(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    resize_to(qtbot, counter, 1920, 1080)
    window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, counter, ready_to_confirm)
    font = window.card.code.font()
    info = QFontInfo(font)
    assert info.family() in CODE_FONTS
    assert info.fixedPitch()
    # A zero with a dot or slash has ink in its middle; the letter O has none.
    assert _ink_in_middle(font, "0")
    assert not _ink_in_middle(font, "O")
    # I, 1 and l are told apart by serifs and flags (a plain sans I and l differ by ~20 %).
    for a, b in (("I", "1"), ("1", "l"), ("I", "l")):
        assert _differ(font, a, b) > 0.25, (a, b)


def _ink_in_middle(font: QFont, char: str) -> bool:
    """Ink in the middle fifth of the glyph's own box."""
    ink = _inked(_glyph(font, char))
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    width, height = right - left, bottom - top
    return any(
        left + 0.4 * width <= x <= left + 0.6 * width
        and top + 0.4 * height <= y <= top + 0.6 * height
        for x, y in ink
    )
