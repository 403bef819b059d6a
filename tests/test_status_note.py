"""The counter's status note (Qt-free): how long a note applies, and what shows behind the lock.

Found in review: at a locked start the note naming an owed top-up's booking was readable in
the status strip below the lock screen before anyone signed in."""

from __future__ import annotations

from voucherdesk.desk.flow import Idle
from voucherdesk.ui.counter.status_note import StatusNote


def board() -> tuple[StatusNote, list[str]]:
    shown: list[str] = []
    return StatusNote(shown.append), shown


def test_a_customers_note_behind_the_lock_waits_for_the_unlock() -> None:
    note, shown = board()
    idle = Idle(3)
    note.lock(True)
    note.say("booking ABC12 owes €34.00", "state", ticket=3, state=idle)
    assert shown == []  # nothing in view behind the lock
    assert note.text == "booking ABC12 owes €34.00"  # held, not dropped
    note.lock(False)
    assert shown == ["booking ABC12 owes €34.00"]


def test_a_note_in_view_leaves_with_the_lock_and_comes_back() -> None:
    note, shown = board()
    idle = Idle(1)
    note.say("scan TINY6B1J again", "ticket", ticket=1, state=idle)
    note.lock(True)
    note.lock(True)  # said twice: nothing more
    note.lock(False)
    assert shown == ["scan TINY6B1J again", "", "scan TINY6B1J again"]


def test_notes_about_this_pc_and_the_locks_own_show_behind_it() -> None:
    note, shown = board()
    idle = Idle(1)
    note.lock(True)
    note.say("Checking open redemptions…", "ticket", ticket=1, state=idle, of_pc=True)
    note.say("Unlock first", "lock", ticket=1, state=idle)
    assert shown == ["Checking open redemptions…", "Unlock first"]
    note.lock(False)  # the lock's note is done with the lock; the check's still applies
    assert shown[-1] == "Checking open redemptions…"
    assert note.text == "Checking open redemptions…"


def test_the_locks_own_note_never_takes_the_place_of_a_held_one() -> None:
    """Found in review: a scan at the locked counter ("enter the PIN first") replaced the
    owed top-up's held note, and the unlock cleared it: the clerk never learnt which booking
    the money on screen was for."""
    note, shown = board()
    owed = Idle(4)
    note.lock(True)
    note.say("booking ABC12 owes €34.00", "state", ticket=4, state=owed)
    note.say("Locked — enter the PIN first", "lock", ticket=4, state=owed)
    assert shown == ["Locked — enter the PIN first"]
    note.lock(False)
    assert shown == ["Locked — enter the PIN first", "booking ABC12 owes €34.00"]


def test_a_pc_note_stays_in_view_when_the_counter_locks() -> None:
    note, shown = board()
    note.say("Start-up check done.", "ticket", ticket=1, state=Idle(1), of_pc=True)
    note.lock(True)
    note.lock(False)
    assert shown == ["Start-up check done."]


def test_a_note_held_behind_the_lock_that_no_longer_applies_never_shows() -> None:
    note, shown = board()
    first = Idle(1)
    note.lock(True)
    note.say("booking ABC12 owes €34.00", "state", ticket=1, state=first)
    note.follow(Idle(2))  # the screen changed meanwhile
    note.lock(False)
    assert "booking ABC12 owes €34.00" not in shown
    assert note.text == ""


def test_scopes_end_with_their_screen_or_their_scan() -> None:
    note, shown = board()
    screen = Idle(1)
    note.say("for this screen", "state", ticket=1, state=screen)
    note.follow(screen)
    assert note.text == "for this screen"
    note.follow(Idle(1))  # another screen, same scan
    assert note.text == ""
    note.say("for this scan", "ticket", ticket=1, state=screen)
    note.follow(Idle(1))
    assert note.text == "for this scan"
    note.follow(Idle(2))  # the next scan
    assert note.text == ""
    assert shown == ["for this screen", "", "for this scan", ""]


def test_a_note_said_again_is_shown_again() -> None:
    """The lock guard writes file problems to the strip directly: a note said again after that
    must show again, not be taken for one already in view."""
    note, shown = board()
    idle = Idle(1)
    note.say("Top-up of €34.00 taken", "state", ticket=1, state=idle)
    note.say("Top-up of €34.00 taken", "state", ticket=1, state=idle)
    assert shown == ["Top-up of €34.00 taken", "Top-up of €34.00 taken"]
