"""Small widget helpers every screen part uses: theme states, state icons, rebuilt rows."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLayout, QWidget

from voucherdesk.resources import resource_path
from voucherdesk.ui.common import theme


def set_state(widget: QWidget, key: str) -> None:
    """Switch a widget's theme state (stylesheet `*[state=...]`); "" means neutral."""
    widget.setProperty("state", key)
    # Descendant rules (`*[state=..] QLabel`) only re-apply when each child is re-polished.
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)
        each.update()


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


def state_icon(key: str) -> QIcon:
    try:
        return QIcon(str(resource_path(theme.state_style(key).icon)))
    except FileNotFoundError:
        return QIcon()
