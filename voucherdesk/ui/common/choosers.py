"""Widgets that choose what is booked: counts and lists of choices, safe against a stray key
or a wheel flick. Built with the booking panels, after the first paint (issue #13: defining a
subclass makes PySide build its Qt base classes' Python types at import)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QSpinBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QWheelEvent


class CountBox(QSpinBox):
    """A count the clerk sets (people, add-ons, entries). The mouse wheel changes it only
    while it has the keyboard focus: a wheel flick on the way to another control must not
    change what is booked (found in review: 1 person became 3, and the next Enter booked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not take the focus

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the scrolling area around it


class ChoiceList(QListWidget):
    """A list whose choice changes what is booked (a date, an experience, a ticket's way),
    without type-ahead: a letter or digit typed or scanned into it never moves the choice.

    Dates start alike ("Mon 3 Dec …"), experiences are found with their search field, and
    a stray key would change the booking without the clerk noticing (found in review: one
    "t" switched an open-date ticket to overbooking).
    """

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt API)
        return
