"""The counter's note in the status strip: what it says, how long it applies, and whether it
may show behind the lock.

Qt-free: the controller hands it the flow's states and the function that shows a text ("" to
clear). The strip stays in view below the lock screen, and a note about a customer may name a
booking or a voucher code (worth its value to whoever reads it), so behind the lock only the
lock's own notes and those about this PC (the start-up check, its files) show; the others wait
for the unlock, and one in view when the counter locks leaves with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from voucherdesk.desk.flow import Redeeming, State

NoteScope = Literal["ticket", "state", "lock"]
"""How long a note applies: until the next scan (or the confirm of this one), until the screen
changes, or until the counter is unlocked. A note that no longer applies is cleared, never
left standing."""


class StatusNote:
    def __init__(self, show: Callable[[str], None]) -> None:
        self._show = show
        self._scope: NoteScope | None = None
        self._ticket = 0
        self._state: State | None = None
        self._text = ""
        self._of_pc = False  # about this PC, not a customer: in view behind the lock too
        self._locked = False

    @property
    def text(self) -> str:
        """The note that applies now (shown, or held behind the lock); "" when none."""
        return self._text if self._scope is not None else ""

    def say(
        self, text: str, scope: NoteScope, *, ticket: int, state: State, of_pc: bool = False
    ) -> None:
        """``text`` applies from ``state`` (of scan ``ticket``) on, for ``scope``."""
        self._scope = scope if text else None
        self._ticket = ticket
        self._state = state
        self._text = text
        self._of_pc = of_pc or scope == "lock"
        if not self._locked or self._of_pc or not text:
            self._show(text)

    def follow(self, state: State) -> None:
        """The flow moved to ``state``: a note that no longer applies is cleared."""
        if self._scope is not None and self._stale(state):
            self.clear()

    def lock(self, locked: bool) -> None:
        """The lock screen went up or down."""
        was, self._locked = self._locked, locked
        if locked == was or self._scope is None:
            return
        if self._scope == "lock":
            if not locked:
                self.clear()
        elif not self._of_pc:  # a customer's note leaves the view with the counter
            self._show("" if locked else self._text)

    def clear(self) -> None:
        self._scope = None
        self._text = ""
        self._of_pc = False
        self._show("")

    def _stale(self, state: State) -> bool:
        if self._scope == "state":
            return state is not self._state
        if self._scope == "ticket":
            # A note about this customer's scan (a dropped booking, ...) has been seen once
            # the booking is confirmed.
            confirmed = isinstance(state, Redeeming) and not isinstance(self._state, Redeeming)
            return state.ticket != self._ticket or confirmed
        return False
