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


class _Note:
    """One note said. A plain class: a dataclass costs its code generation at every cold
    start, and this module loads before the first paint."""

    __slots__ = ("of_pc", "scope", "state", "text", "ticket")

    def __init__(
        self, *, text: str, scope: NoteScope, ticket: int, state: State, of_pc: bool
    ) -> None:
        self.text = text
        self.scope = scope
        self.ticket = ticket  # the scan it was said for
        self.state = state  # the screen it was said on
        self.of_pc = of_pc  # about this PC, not a customer: in view behind the lock too


class StatusNote:
    """The note that applies (one at a time, the latest said), and the lock's own note apart:
    a scan at the locked counter ("enter the PIN first") must not take the place of a note
    held for the clerk who unlocks (an owed top-up's booking)."""

    def __init__(self, show: Callable[[str], None]) -> None:
        self._show = show
        self._note: _Note | None = None
        self._lock_text = ""  # the lock's note, until the unlock
        self._locked = False

    @property
    def text(self) -> str:
        """The note that applies now (shown, or held behind the lock); "" when none."""
        return self._note.text if self._note is not None else ""

    @property
    def in_view(self) -> str:
        """What the strip shows now (for a strip made anew: a rebuilt window)."""
        return self._visible()

    def say(
        self, text: str, scope: NoteScope, *, ticket: int, state: State, of_pc: bool = False
    ) -> None:
        """``text`` applies from ``state`` (of scan ``ticket``) on, for ``scope``; "" clears."""
        before = self._visible()
        if scope == "lock":
            self._lock_text = text
        elif text:
            self._note = _Note(text=text, scope=scope, ticket=ticket, state=state, of_pc=of_pc)
        else:
            self._note = None
        after = self._visible()
        # Said again in view even when the same: the lock guard may have written over it.
        if after != before or after == text:
            self._show(after)

    def follow(self, state: State) -> None:
        """The flow moved to ``state``: a note that no longer applies is cleared."""
        if self._note is not None and self._stale(self._note, state):
            self.clear()

    def lock(self, locked: bool) -> None:
        """The lock screen went up or down; the lock's note goes with it."""
        if locked == self._locked:
            return
        before = self._visible()
        self._locked = locked
        if not locked:
            self._lock_text = ""
        after = self._visible()
        if after != before:
            self._show(after)

    def clear(self) -> None:
        """No note applies any more (the lock's own stays while locked)."""
        before = self._visible()
        self._note = None
        after = self._visible()
        if after != before or not after:
            self._show(after)

    def _visible(self) -> str:
        """What the strip should show now."""
        note = self._note
        if not self._locked:
            return note.text if note is not None else ""
        if self._lock_text:
            return self._lock_text
        return note.text if note is not None and note.of_pc else ""

    @staticmethod
    def _stale(note: _Note, state: State) -> bool:
        if note.scope == "state":
            return state is not note.state
        if note.scope == "ticket":
            # A note about this customer's scan (a dropped booking, ...) has been seen once
            # the booking is confirmed.
            confirmed = isinstance(state, Redeeming) and not isinstance(note.state, Redeeming)
            return state.ticket != note.ticket or confirmed
        return False
