"""Light and dark themes for a counter: large type, high contrast, colour-blind-safe states.

State colours come from the Okabe-Ito set (bluish green, orange, vermillion, blue), darkened
where needed so text on them reaches WCAG AA (4.5:1). Refusals are red or amber; blue is a
top-up still to collect, never confused with the green of a booking that needs nothing more.
Colour is never the only signal: every state also has an icon with its own shape and a word
(see `StateStyle`).
Widgets opt in to state colours with the dynamic property `state` (e.g. "ok") and to text
roles with `role` ("heading", "reason", "code", "big", "figure", "huge", "small", "note",
"muted"; buttons: "action");
the counter window re-sizes the roles with the window (``scaling.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleFactory

from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.verdict import VerdictKind

ThemeName = Literal["light", "dark", "system"]


@dataclass(frozen=True)
class StateStyle:
    """How one voucher/result state looks: colour pair and icon (the words say the rest)."""

    key: str
    background: str
    foreground: str
    icon: str  # resource name, for voucherdesk.resources.resource_path


_GOOD, _CAUTION, _BAD = "#00735A", "#E69F00", "#B04A00"
_COLLECT = "#005A8C"  # Okabe-Ito blue, darkened: money still to take, unlike "done" green

STATE_STYLES: dict[str, StateStyle] = {
    s.key: s
    for s in (
        StateStyle("ok", _GOOD, "#FFFFFF", "states/ok.svg"),
        StateStyle("partly", _CAUTION, "#000000", "states/partly.svg"),
        StateStyle("used_up", _BAD, "#FFFFFF", "states/used-up.svg"),
        StateStyle("cancelled", _BAD, "#FFFFFF", "states/cancelled.svg"),
        StateStyle("expired", _BAD, "#FFFFFF", "states/expired.svg"),
        StateStyle("unknown", _CAUTION, "#000000", "states/unknown.svg"),
        StateStyle("warning", _CAUTION, "#000000", "states/warning.svg"),
        StateStyle("error", _BAD, "#FFFFFF", "states/cancelled.svg"),
        StateStyle("top_up", _COLLECT, "#FFFFFF", "states/top-up.svg"),
    )
}

StateKey = Literal[
    "ok", "partly", "used_up", "cancelled", "expired", "unknown", "warning", "error", "top_up"
]

# Faces for codes, where O/0 and I/1/l must differ: DejaVu Sans Mono (dotted zero; Linux),
# Consolas (slashed zero; every Windows since Vista), Menlo (slashed zero; every macOS since
# 10.6), then Cascadia Mono, Liberation Mono and Noto Sans Mono where those are installed.
CODE_FONTS = (
    "DejaVu Sans Mono",
    "Consolas",
    "Menlo",
    "Cascadia Mono",
    "Liberation Mono",
    "Noto Sans Mono",
)


def verdict_state(kind: VerdictKind) -> StateKey:
    """The look of a voucher card; a new kind without a look fails type checking."""
    if kind is VerdictKind.USABLE:
        return "ok"
    if kind is VerdictKind.PARTLY_USED:
        return "partly"
    if kind in (VerdictKind.USED_UP, VerdictKind.NO_VALUE):
        return "used_up"
    if kind in (VerdictKind.CANCELLED, VerdictKind.UNKNOWN_STATUS):
        return "cancelled"
    if kind is VerdictKind.EXPIRED:
        return "expired"
    if kind is VerdictKind.WRONG_CURRENCY:
        return "warning"
    if kind is VerdictKind.UNKNOWN_CODE:
        return "unknown"
    if kind in (VerdictKind.TICKET_OPEN, VerdictKind.PASS_USABLE):
        return "ok"
    if kind in (VerdictKind.TICKET_DEPLETED, VerdictKind.PASS_NO_ENTRIES):
        return "used_up"
    if kind in (
        VerdictKind.TICKET_INACTIVE,
        VerdictKind.TICKET_UNKNOWN_STATUS,
        VerdictKind.PASS_CANCELLED,
        VerdictKind.PASS_UNKNOWN_STATUS,
    ):
        return "cancelled"
    if kind is VerdictKind.TICKET_EXPIRED:
        return "expired"
    if kind is VerdictKind.PASS_PENDING:
        return "warning"
    assert_never(kind)


def outcome_state(case: OutcomeCase, *, top_up_due: bool = False) -> StateKey:
    """The look of a result: green only for a booking that needs nothing more; blue for a
    booking whose top-up is still to be collected."""
    if case is OutcomeCase.BOOKED:
        return "top_up" if top_up_due else "ok"
    if case is OutcomeCase.REDEEMED_NO_CODE:
        return "warning"  # redeemed, but the clerk has no booking code to hand over
    if case in (
        OutcomeCase.BOOKED_TOP_UP_REFUSED,
        OutcomeCase.BOOKED_NOT_RECORDED,
        OutcomeCase.TOP_UP_UNCONFIRMED,
        OutcomeCase.TOP_UP_LATER,
        OutcomeCase.NO_ANSWER_YET,
        OutcomeCase.LOOKUP_FAILED,
        OutcomeCase.EARLIER_UNSETTLED,
        OutcomeCase.PRICE_CHANGED,
        OutcomeCase.BALANCE_CHANGED,
    ):
        return "warning"
    if case in (
        OutcomeCase.SEVERAL_ORDERS,
        OutcomeCase.DRAWN_MISMATCH,
        OutcomeCase.REDEMPTIONS_STOPPED,
        OutcomeCase.REREAD_FAILED,
        OutcomeCase.VOUCHER_NOT_USABLE,
        OutcomeCase.BOOKINGKIT_REFUSED,
        OutcomeCase.INTERRUPTED,
        OutcomeCase.NOT_BOOKED,
        OutcomeCase.ORDER_CANCELLED,
    ):
        return "error"
    assert_never(case)


def state_style(key: str) -> StateStyle:
    """The style for a state key; unknown keys get the "unknown" look rather than an error."""
    return STATE_STYLES.get(key, STATE_STYLES["unknown"])


@dataclass(frozen=True)
class _Colours:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    button: str
    border: str
    highlight: str
    highlight_text: str
    link: str


_LIGHT = _Colours(
    window="#F6F6F3", base="#FFFFFF", alt_base="#EEEEEA", text="#111111", muted="#4A4A4A",
    button="#E4E4DF", border="#6B6B6B", highlight="#0072B2", highlight_text="#FFFFFF",
    link="#005A8C",
)  # fmt: skip
_DARK = _Colours(
    window="#1C1D20", base="#26282C", alt_base="#2F3136", text="#F2F2F2", muted="#BDBDBD",
    button="#34373C", border="#9A9A9A", highlight="#56B4E9", highlight_text="#000000",
    link="#8CCBF0",
)  # fmt: skip


def _palette(c: _Colours) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alt_base),
        (role.Text, c.text),
        (role.Button, c.button),
        (role.ButtonText, c.text),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Highlight, c.highlight),
        (role.HighlightedText, c.highlight_text),
        (role.Link, c.link),
        (role.BrightText, "#FFFFFF"),
    ):
        pal.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor(c.muted))
    return pal


def stylesheet(c: _Colours) -> str:
    """Large type and strong focus rings for keyboard use; state and role rules."""
    rules = [
        "QWidget { font-size: 15pt; }",
        "QLabel[role='heading'] { font-size: 22pt; font-weight: 600; }",
        f"QLabel[role='code'] {{ font-family: {code_families()};"
        " font-size: 26pt; font-weight: 600; }",
        "QLabel[role='big'] { font-size: 44pt; font-weight: 700; }",
        "QLabel[role='figure'] { font-size: 28pt; font-weight: 700; }",
        "QLabel[role='reason'] { font-size: 26pt; font-weight: 600; }",
        "QLabel[role='huge'] { font-size: 48pt; font-weight: 800; }",
        "QLabel[role='small'] { font-size: 11pt; }",
        "QLabel[role='note'] { font-size: 13pt; font-weight: 600; }",
        f"QLabel[role='muted'] {{ color: {c.muted}; }}",
        # Spin boxes and combo boxes keep Fusion's own frame: styling it hides their arrows.
        f"QLineEdit {{ padding: 6px; border: 2px solid {c.border};"
        f" border-radius: 6px; background: {c.base}; color: {c.text}; }}",
        f"QPushButton {{ padding: 8px 18px; border: 2px solid {c.border}; border-radius: 6px;"
        f" background: {c.button}; color: {c.text}; min-height: 1.6em; }}",
        f"QPushButton:default {{ border-color: {c.highlight}; }}",
        f"QPushButton:focus, QLineEdit:focus {{ border: 3px solid {c.highlight}; }}",
        f"QPushButton:disabled {{ color: {c.muted}; }}",
    ]
    for s in STATE_STYLES.values():
        rules.append(f"*[state='{s.key}'] {{ background: {s.background}; color: {s.foreground}; }}")
        rules.append(
            f"*[state='{s.key}'] QLabel {{ color: {s.foreground}; background: transparent; }}"
        )
    return "\n".join(rules)


def code_families() -> str:
    """The code faces as a style sheet font-family list."""
    return ", ".join(f"'{name}'" for name in CODE_FONTS) + ", monospace"


def resolve_theme(name: ThemeName) -> Literal["light", "dark"]:
    """ "system" follows the desktop's colour scheme where Qt can tell; light otherwise."""
    if name != "system":
        return name
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


_fusion: QStyle | None = None


def _use_fusion(app: QApplication) -> None:
    """Install Fusion once; re-applying a theme must not swap styles under live widgets.

    With a style sheet active, app.style() is Qt's style-sheet wrapper and our Fusion becomes
    its child, so "ours is in use" means: it is the app style or the wrapper's base.
    """
    global _fusion
    current = app.style()
    if _fusion is not None and shiboken6.isValid(_fusion):
        owner = _fusion.parent()
        if _same(current, _fusion) or (owner is not None and _same(current, owner)):
            return
    _fusion = QStyleFactory.create("Fusion")
    app.setStyle(_fusion)


def _same(a: QObject, b: QObject) -> bool:
    return bool(shiboken6.getCppPointer(a)[0] == shiboken6.getCppPointer(b)[0])


def apply_theme(app: QApplication, name: ThemeName = "system") -> Literal["light", "dark"]:
    """Set Fusion + our palette + stylesheet on the app; returns the theme actually used."""
    resolved = resolve_theme(name)
    colours = _DARK if resolved == "dark" else _LIGHT
    _use_fusion(app)  # the native styles ignore parts of the palette
    app.setPalette(_palette(colours))
    app.setStyleSheet(stylesheet(colours))
    return resolved


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1.0 to 21.0)."""

    def luminance(value: str) -> float:
        colour = QColor(value)
        channels = []
        for x in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
