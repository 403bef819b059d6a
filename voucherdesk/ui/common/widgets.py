"""Small widget helpers every screen part uses: theme states, state icons, rebuilt rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QWidget

from voucherdesk.resources import resource_path
from voucherdesk.ui.common import theme


def set_state(widget: QWidget, key: str) -> None:
    """Switch a widget's theme state (stylesheet `*[state=...]`); "" means neutral."""
    if widget.property("state") == key:
        return  # re-polishing costs milliseconds per scan and changes nothing
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


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout (rows that are rebuilt per voucher)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # gone from the screen now, not only after the next event loop turn
            widget.setParent(None)
            widget.deleteLater()


def visible(raw: str) -> str:
    """What was scanned, control characters in caret notation (^G, ^I), never empty boxes."""
    shown = []
    for ch in raw.strip():
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
