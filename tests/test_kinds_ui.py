"""The counter window with every kind: scan, card, choices, Enter, result (issue #15).

The real window (offscreen) on the demo stand-in: an open-date ticket shows the appointment
its preselected way gives before Enter and is redeemed with one key; a pass books N entries
and shows the entries left before and after; every state that cannot be redeemed fills the
window with its words.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_ui_flows import open_session, wait_state

from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.desk.flow import CardShown, ResultShown
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind
from voucherdesk.desk.pass_quote import PassProblem
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_PASSES, DEMO_TICKETS
from voucherdesk.ui.common import formatting
from voucherdesk.ui.main_window import PAGE_CARD, PAGE_REFUSAL, PAGE_RESULT, SIDE_PASS, SIDE_TICKET
from voucherdesk.ui.session import CounterSession


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[CounterSession]:
    session = open_session(qtbot)
    yield session
    session.shutdown()


def ticket_ready(state: object) -> bool:
    return isinstance(state, TicketBooking) and state.quote is not None


def pass_ready(state: object) -> bool:
    return isinstance(state, PassBooking) and state.quote is not None


def test_an_open_date_ticket_is_redeemed_with_one_key(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_TICKETS["open"])
    state = wait_state(qtbot, counter, ticket_ready)
    assert isinstance(state, TicketBooking)
    assert state.quote is not None
    # The card: kind, experience, price title, customer, status.
    card = window.card
    assert card.state_word.text() == "Ticket open"
    assert card.title.text() == "Harbour Kayak Tour"
    facts = card.findChildren(type(card.state_word))
    texts = {label.text() for label in facts}
    assert {"Open-date ticket", "Erika Mustermann", "open"} <= texts
    # Preselected: the appointment running or starting next, without overbooking, shown.
    assert state.strategy is RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING
    assert window.pages.currentIndex() == PAGE_CARD
    assert window.side.currentIndex() == SIDE_TICKET
    panel = window.ticket_panel
    assert state.quote.starts_at is not None
    assert panel.appointment.text() == formatting.slot(state.quote.starts_at)
    assert panel.way_line.text() == "This tour, now"
    assert panel.confirm_button.isEnabled()

    qtbot.keyClick(panel.ways, Qt.Key.Key_Return)
    result = wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.kind is OutcomeKind.DONE, result.outcome.case
    assert window.pages.currentIndex() == PAGE_RESULT
    assert window.result.headline.text() == "Ticket redeemed"
    assert window.result.booking_code.text() == result.outcome.booking_code
    standin = counter.context.standin
    assert standin is not None
    ticket = standin.state.open_date_ticket(DEMO_TICKETS["open"])
    assert ticket["status"] == "DEPLETED"
    assert standin.state.order(ticket["order_id"])["code"] == result.outcome.booking_code


def test_the_clerk_chooses_the_next_free_appointment_by_keyboard(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_TICKETS["open_no_name"])
    wait_state(qtbot, counter, ticket_ready)
    panel = window.ticket_panel
    qtbot.keyClick(panel.ways, Qt.Key.Key_Down)
    qtbot.keyClick(panel.ways, Qt.Key.Key_Down)
    state = counter.controller.state
    assert isinstance(state, TicketBooking)
    assert state.strategy is RedemptionStrategy.NEXT_AVAILABLE
    assert state.quote is not None
    assert panel.way_line.text() == "Next free appointment"
    # Picking a date in the list redeems for that date.
    qtbot.keyClick(panel.dates_list, Qt.Key.Key_End)
    picked = counter.controller.state
    assert isinstance(picked, TicketBooking)
    assert picked.strategy is RedemptionStrategy.SELECTED
    assert picked.picked is not None
    assert panel.ways.currentRow() == -1


@pytest.mark.parametrize(
    ("role", "headline"),
    [
        ("depleted", "Ticket already redeemed"),
        ("expired", "Ticket expired"),
        ("inactive", "Ticket deactivated"),
    ],
)
def test_tickets_that_cannot_be_redeemed_fill_the_window(
    qtbot: QtBot, counter: CounterSession, role: str, headline: str
) -> None:
    counter.window.on_scan(DEMO_TICKETS[role])
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    refusal = counter.window.refusal
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL
    assert refusal.headline.text() == headline
    assert refusal.reason.text()
    assert refusal.next_step.text()
    assert "Harbour Kayak Tour" in refusal.facts.text()


def test_a_pass_books_entries_and_shows_them_before_and_after(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_PASSES["pass"])
    state = wait_state(qtbot, counter, pass_ready)
    assert isinstance(state, PassBooking)
    assert window.side.currentIndex() == SIDE_PASS
    assert window.card.remaining.text() == "7 of 10 entries left"
    panel = window.pass_panel
    assert panel.before.text() == "7 of 10"
    assert panel.after.text() == "6 of 10"
    panel.entries.setValue(3)
    state = wait_state(qtbot, counter, lambda s: pass_ready(s) and s.entries == 3)  # type: ignore[attr-defined]
    assert panel.after.text() == "4 of 10"

    qtbot.keyClick(panel.dates_list, Qt.Key.Key_Return)
    result = wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.kind is OutcomeKind.DONE, result.outcome.case
    assert window.result.headline.text() == "Booked with the pass"
    figures = [label.text() for label in window.result.amount_labels]
    assert "3" in figures
    assert "4 of 10" in figures
    standin = counter.context.standin
    assert standin is not None
    (order,) = standin.state.orders_with_reference(result.outcome.key)
    assert len(order["tickets"][0]["participants"]) == 3


def test_too_few_entries_are_refused_with_the_numbers(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_PASSES["one_left"])
    wait_state(qtbot, counter, pass_ready)
    window.pass_panel.entries.setValue(2)
    state = wait_state(
        qtbot,
        counter,
        lambda s: isinstance(s, PassBooking) and s.refusal is not None,
    )
    assert isinstance(state, PassBooking)
    assert state.refusal is not None
    assert state.refusal.problem is PassProblem.TOO_FEW_ENTRIES
    panel = window.pass_panel
    assert not panel.confirm_button.isEnabled()
    assert panel.refusal_label.text() == "Only 1 entries are left on this pass, not 2."
    qtbot.keyClick(panel.dates_list, Qt.Key.Key_Return)  # Enter books nothing
    assert isinstance(counter.controller.state, PassBooking)


@pytest.mark.parametrize(
    ("role", "headline"),
    [
        ("no_entries", "No entries left"),
        ("cancelled", "Pass cancelled"),
        ("pending", "Pass not paid yet"),
    ],
)
def test_passes_that_cannot_be_used_fill_the_window(
    qtbot: QtBot, counter: CounterSession, role: str, headline: str
) -> None:
    counter.window.on_scan(DEMO_PASSES[role])
    wait_state(qtbot, counter, lambda s: isinstance(s, CardShown))
    refusal = counter.window.refusal
    assert counter.window.pages.currentIndex() == PAGE_REFUSAL
    assert refusal.headline.text() == headline
    assert refusal.reason.text()
    assert "Pass" in refusal.facts.text()


def test_a_pass_for_any_experience_lets_the_clerk_pick_one(
    qtbot: QtBot, counter: CounterSession
) -> None:
    window = counter.window
    window.on_scan(DEMO_PASSES["any_event"])
    state = wait_state(qtbot, counter, pass_ready)
    assert isinstance(state, PassBooking)
    assert not state.fixed_event
    assert window.pass_panel.events_list.isVisibleTo(window)
    assert state.event is not None
    window.pass_panel.events_list.setCurrentRow(2)
    chosen = wait_state(
        qtbot,
        counter,
        lambda s: pass_ready(s) and s.event is not None and s.event.id != state.event.id,  # type: ignore[attr-defined, union-attr]
    )
    assert isinstance(chosen, PassBooking)


def test_esc_from_a_ticket_keeps_the_choice(qtbot: QtBot, counter: CounterSession) -> None:
    window = counter.window
    window.on_scan(DEMO_TICKETS["open"])
    wait_state(qtbot, counter, ticket_ready)
    qtbot.keyClick(window.ticket_panel.ways, Qt.Key.Key_Down)
    counter.controller.back()
    card = counter.controller.state
    assert isinstance(card, CardShown)
    assert isinstance(card.kept, TicketBooking)
    assert window.next_step.kept.text()
    counter.controller.go_on_booking()
    back = wait_state(qtbot, counter, ticket_ready)
    assert isinstance(back, TicketBooking)
    assert back.strategy is RedemptionStrategy.CURRENT_WITH_OVERBOOKING


def test_a_ticket_redeemed_without_a_code_offers_no_slip(
    qtbot: QtBot, counter: CounterSession
) -> None:
    standin = counter.context.standin
    assert standin is not None
    standin.state.tickets_name_order = False
    standin.faults.add(Fault("drop_after_commit", method="POST", path="/v3/open_date_tickets/*"))
    window = counter.window
    window.on_scan(DEMO_TICKETS["open"])
    wait_state(qtbot, counter, ticket_ready)
    qtbot.keyClick(window.ticket_panel.ways, Qt.Key.Key_Return)
    result = wait_state(qtbot, counter, lambda s: isinstance(s, ResultShown))
    assert isinstance(result, ResultShown)
    assert result.outcome is not None
    assert result.outcome.case is OutcomeCase.REDEEMED_NO_CODE
    assert window.result.property("state") == "warning"
    assert window.result.print_button.isHidden()
    assert "booking code not known" in window.result.headline.text()
