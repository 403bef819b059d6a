"""The top-ups a counter still has to collect besides the one on screen.

A booking answered after the clerk moved on, one settled away from its customer's screen (at
start-up, by "Check again" for another) and one the journal owes from before this start (a
crash while it was on screen) each wait here until the result on screen is done. Qt-free: the
counter's controller keeps one queue and brings up what it says comes next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from voucherdesk.desk.flow import ResultShown, State, leaves_top_up, top_up_to_collect

if TYPE_CHECKING:
    from voucherdesk.desk.outcomes import RedemptionOutcome
    from voucherdesk.money import Money


class TopUpQueue:
    def __init__(self) -> None:
        self._waiting: list[RedemptionOutcome] = []
        self._shown: set[str] = set()  # keys whose top-up was on screen in this session
        self._from_earlier: set[str] = set()  # keys owed from before this start
        self._taken: set[str] = set()  # keys whose top-up the clerk confirmed in this session

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def drawn(self, state: State) -> None:
        """``state`` is on screen: a top-up it asks for counts as seen (a later check of the
        journal must not bring it back, even if its "taken" could not be written)."""
        owed = top_up_to_collect(state)
        if owed is not None:
            self._shown.add(owed.key)

    def answered_late(self, outcome: RedemptionOutcome) -> bool:
        """A booking answered after the clerk moved on; True when it leaves money to collect."""
        if not leaves_top_up(outcome):
            return False
        self._waiting.append(outcome)
        return True

    def owed(
        self, owed: Sequence[RedemptionOutcome], on_screen: State, *, from_earlier: bool
    ) -> None:
        """The journal's bookings whose top-up nobody confirmed as taken: each waits, unless
        it is on screen, waiting already, or was on screen in this session."""
        shown = (
            on_screen.outcome.key
            if isinstance(on_screen, ResultShown) and on_screen.outcome
            else None
        )
        seen = {late.key for late in self._waiting} | self._shown | {shown}
        for outcome in owed:
            if leaves_top_up(outcome) and outcome.key not in seen:
                self._waiting.append(outcome)
                seen.add(outcome.key)
                if from_earlier:
                    self._from_earlier.add(outcome.key)

    def next(self) -> RedemptionOutcome | None:
        return self._waiting[0] if self._waiting else None

    def from_earlier(self, key: str) -> bool:
        """Owed from before this start (the clerk is told why it is back, and may leave it
        unpaid when its customer is gone)."""
        return key in self._from_earlier

    def came_up(self, outcome: RedemptionOutcome) -> None:
        """``outcome`` (``next()``) is on screen now."""
        self._waiting.remove(outcome)

    def taken(self, key: str) -> None:
        """The clerk confirmed the top-up of ``key`` (its journal write may still wait)."""
        self._taken.add(key)

    def was_taken(self, key: str) -> bool:
        return key in self._taken

    def release(self, key: str) -> None:
        """The booking was undone: its top-up is collected no more."""
        self._waiting = [late for late in self._waiting if late.key != key]

    def to_collect(self, on_screen: State) -> list[RedemptionOutcome]:
        """Every top-up still to collect here: on screen first, then those waiting."""
        shown = top_up_to_collect(on_screen)
        return [shown, *self._waiting] if shown is not None else list(self._waiting)

    def amounts(self, on_screen: State) -> list[Money]:
        return [o.top_up for o in self.to_collect(on_screen) if o.top_up is not None]

    def collecting_for(self, on_screen: State, key: str) -> bool:
        return any(o.key == key for o in self.to_collect(on_screen))
