"""Redemptions per hour of one day, for the shift report's chart.

Counts finished (DONE) redemptions by the local hour their entry was written, the same ones the
report's "Redemptions done" counts. The hours shown always cover usual opening hours, so two
days' charts line up, and stretch to any hour that had a redemption.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from voucherdesk.desk.journal import EntryState, JournalEntry

OPENING_HOURS = (8, 18)  # shown even when empty: 08:00 up to the hour starting 18:00


@dataclass(frozen=True, kw_only=True)
class HourlyCounts:
    first_hour: int  # local hour of counts[0]
    counts: tuple[int, ...]  # one per hour, from first_hour on

    @property
    def hours(self) -> tuple[int, ...]:
        return tuple(range(self.first_hour, self.first_hour + len(self.counts)))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def peak(self) -> int:
        return max(self.counts, default=0)


def redemptions_per_hour(entries: Iterable[JournalEntry]) -> HourlyCounts:
    per_hour = [0] * 24
    for entry in entries:
        if entry.state is EntryState.DONE:
            per_hour[entry.created_at.astimezone().hour] += 1
    busy = [hour for hour, n in enumerate(per_hour) if n]
    first = min([OPENING_HOURS[0], *busy])
    last = max([OPENING_HOURS[1], *busy])
    return HourlyCounts(first_hour=first, counts=tuple(per_hour[first : last + 1]))
