"""What every part of the window's words shares: the Words triple and the translate call.

Everything goes through QCoreApplication.translate with literal strings, called by the name
``translate`` so pyside6-lupdate finds context and text. Values go into ``{name}``
placeholders with :func:`voucherdesk.placeholders.fill`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from voucherdesk.placeholders import fill
from voucherdesk.ui.common import formatting

if TYPE_CHECKING:
    from voucherdesk.money import Money

translate = QCoreApplication.translate

__all__ = ["Words", "fill", "money", "translate"]


@dataclass(frozen=True)
class Words:
    """A headline, the facts behind it, and what the clerk does next."""

    title: str
    detail: str = ""
    next_step: str = ""


def money(value: Money | None) -> str:
    return formatting.money(value)
