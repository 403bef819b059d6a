"""Small widget helpers every screen part uses: theme states, state icons, rebuilt rows."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QSizePolicy, QStackedWidget, QWidget

from voucherdesk.resources import resource_path
from voucherdesk.ui.common import theme


def set_state(widget: QWidget, key: str) -> None:
    """Switch a widget's theme state (stylesheet `*[state=...]`); "" means neutral."""
    if widget.property("state") == key:
        return  # re-polishing every child costs milliseconds on the GUI thread
    widget.setProperty("state", key)
    # Descendant rules (`*[state=..] QLabel`) only re-apply when each label is re-polished;
    # no other descendant has a rule that depends on the state.
    for each in (widget, *widget.findChildren(QLabel)):
        each.style().unpolish(each)
        each.style().polish(each)
        each.update()


@contextmanager
def laid_out_once(widget: QWidget) -> Iterator[None]:
    """Show and hide parts of ``widget`` at the cost of one layout of the window.

    Showing a part while its widget is on screen lays out every widget up to the window at
    once, each time (a millisecond or so per part in the counter window). With ``widget``
    briefly hidden, its parts change for free and showing it again lays out once; nothing is
    painted in between. The keyboard focus stays where it was.
    """
    if not widget.isVisible():
        yield
        return
    focus = QApplication.focusWidget()
    widget.hide()
    try:
        yield
    finally:
        widget.show()
        if focus is not None and focus.isVisible() and QApplication.focusWidget() is not focus:
            focus.setFocus()


class PageStack(QStackedWidget):
    """A stack of screen parts that each lay out their own wrapped text.

    A stack of pages with word-wrapped labels would answer its parent's height-for-width
    question by asking every page, shown or hidden, and every layout up to the window asks
    it again on each change: one switch of the counter's page cost some 500 text layouts of
    the same labels (10-30 ms on the GUI thread). The stack fills the room its parent gives
    it, so it answers from its size hints; each page still wraps its text to the width it
    gets, in its own layout.
    """

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return -1


def size_by_current_page(stack: QStackedWidget) -> None:
    """A stack is as large as its largest page; this one asks only for the room of the page it
    shows, so a full booking panel does not make the waiting screen taller than the display.
    Call it once every page is added."""

    pages = [page for i in range(stack.count()) if (page := stack.widget(i)) is not None]
    own = {page: page.sizePolicy() for page in pages}
    ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def follow(current: int) -> None:
        for index, page in enumerate(pages):
            wanted = own[page] if index == current else ignored
            if page.sizePolicy() != wanted:
                page.setSizePolicy(wanted)
        stack.updateGeometry()

    stack.currentChanged.connect(follow)
    follow(stack.currentIndex())


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout (rows that are rebuilt per voucher)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # gone from the screen now, not only after the next event loop turn
            widget.setParent(None)
            widget.deleteLater()


# A scan longer than this (a 2D scanner's or a QR code's whole link) is shown with its middle
# left out: the start and the end say what it was, and the card keeps its size.
SHOWN_SCAN_LENGTH = 90


def visible(raw: str) -> str:
    """What was scanned, control characters in caret notation (^G, ^I), never empty boxes."""
    text = raw.strip()
    if len(text) > SHOWN_SCAN_LENGTH:
        text = text[: SHOWN_SCAN_LENGTH * 2 // 3] + "\u2026" + text[-(SHOWN_SCAN_LENGTH // 3) :]
    shown = []
    for ch in text:
        if ord(ch) < 32:
            shown.append("^" + chr(ord(ch) + 64))
        elif ord(ch) == 127:
            shown.append("^?")
        elif not ch.isprintable():
            shown.append("\ufffd")
        else:
            shown.append(ch)
    return "".join(shown) or "…"


@cache
def state_icon(key: str) -> QIcon:
    """One icon per state, made once: a new QIcon renders its SVG again and fills Qt's pixmap
    cache with a copy per call."""
    try:
        return QIcon(str(resource_path(theme.state_style(key).icon)))
    except FileNotFoundError:
        return QIcon()


class FitLabel(QLabel):
    """One line that is never cut and never wraps (a code): drawn smaller when its role's size
    would not fit the width, so a long code never widens the window or loses characters."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 4 * self.fontMetrics().averageCharWidth()), hint.height())

    def shown_font(self) -> QFont:
        """The font the text is drawn in: the label's own, or smaller to fit the width."""
        font = QFont(self.font())
        width = self.contentsRect().width()
        need = QFontMetrics(font).horizontalAdvance(self.text())
        if 0 < width < need:
            size = QFontMetrics(font).height()
            pixels = font.pixelSize() if font.pixelSize() > 0 else size
            font.setPixelSize(max(8, math.floor(pixels * width / need)))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setFont(self.shown_font())
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.text(),
            self.foregroundRole(),
        )


def fit_to(dialog: QWidget, screen: QSize, share: float = 0.85) -> None:
    """Size a dialog (history, report, setup) to a share of the counter window's size, so its
    columns and words have room on a large screen; never below its own minimum."""
    least = dialog.minimumSize()
    dialog.resize(
        max(least.width(), 760, round(screen.width() * share)),
        max(least.height(), 520, round(screen.height() * share)),
    )
