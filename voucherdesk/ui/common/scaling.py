"""Type that grows with the window, so the counter reads from two metres on a large screen.

The sizes are a function of the window's size (``type_scale``): full HD gives the verdict words,
the amounts and the codes at least 48 px; a 1366 x 768 laptop gets the same layout smaller, and
small windows stop shrinking at a floor. ``WindowScaler`` puts them on one widget (the counter
window's central widget) as a style sheet of role rules (``role`` is a dynamic property, see
theme.py), re-applied only when the sizes change. Dialogs are not children of that widget and
keep the theme's own sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from voucherdesk.ui.common.theme import code_families

FULL_HD = (1920, 1080)


@dataclass(frozen=True)
class TypeScale:
    """Pixel sizes per text role."""

    body: int  # lists, fields, buttons, facts
    small: int  # notes, the journal key, the status strip
    heading: int  # next steps, captions over figures
    reason: int  # why a voucher is refused
    figure: int  # amounts
    big: int  # verdict and result words
    code: int  # voucher and booking codes (monospace)
    huge: int  # a refusal's word; the top-up to collect, the largest figure on screen


# (size at full HD, floor) per role, in pixels
_ROLES = {
    "body": (23, 17),
    "small": (18, 13),
    "heading": (32, 20),
    "reason": (44, 24),
    "figure": (54, 26),
    "big": (60, 30),
    "code": (54, 26),
    "huge": (96, 40),
}


def type_scale(width: int, height: int) -> TypeScale:
    """The sizes for a window of ``width`` x ``height`` pixels (device independent)."""
    unit = min(width / FULL_HD[0], height / FULL_HD[1])
    sizes = {role: max(floor, round(full * unit)) for role, (full, floor) in _ROLES.items()}
    return TypeScale(**sizes)


def style_sheet(scale: TypeScale) -> str:
    """Role rules in pixels; colours and weights stay with the application's theme."""
    return "\n".join(
        (
            f"QWidget {{ font-size: {scale.body}px; }}",
            f"QLabel[role='small'] {{ font-size: {scale.small}px; }}",
            f"QLabel[role='note'] {{ font-size: {scale.body}px; font-weight: 600; }}",
            f"QLabel[role='heading'] {{ font-size: {scale.heading}px; font-weight: 600; }}",
            f"QLabel[role='reason'] {{ font-size: {scale.reason}px; font-weight: 600; }}",
            f"QPushButton[role='action'] {{ font-size: {scale.heading}px;"
            f" padding: {scale.small // 2}px {scale.small}px; }}",
            f"QLabel[role='figure'] {{ font-size: {scale.figure}px; font-weight: 700; }}",
            f"QLabel[role='big'] {{ font-size: {scale.big}px; font-weight: 700; }}",
            f"*[role='code'] {{ font-family: {code_families()};"
            f" font-size: {scale.code}px; font-weight: 700; }}",
            f"QLabel[role='huge'] {{ font-size: {scale.huge}px; font-weight: 800; }}",
        )
    )


class WindowScaler(QObject):
    """Watches the window of ``target`` and keeps ``target``'s type scaled to its size.

    A resize drag sends many events; the style sheet (which re-polishes every child) is set
    once the size has settled for a moment, and only when the sizes really change. The scaler
    is ``target``'s child and keeps no Python reference to it or its window (no cycle that
    could keep a closed window alive).
    """

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._scale: TypeScale | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(40)
        self._settle.timeout.connect(self.apply)
        target.window().installEventFilter(self)
        self.apply()

    def _target(self) -> QWidget:
        target = self.parent()
        assert isinstance(target, QWidget)
        return target

    @property
    def scale(self) -> TypeScale:
        """The sizes in use now."""
        if self._scale is None:
            self.apply()
        assert self._scale is not None
        return self._scale

    def apply(self) -> None:
        target = self._target()
        window = target.window()
        scale = type_scale(window.width(), window.height())
        if scale == self._scale:
            return
        self._scale = scale
        target.setStyleSheet(style_sheet(scale))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and obj is self._target().window():
            self._settle.start()
        return False
