"""Screens of open-date tickets and passes, in English and German at 1366 x 768 and 1920 x 1080.

Written to artifacts/screens/<lang>/<size>/kinds_*.png for people to look at: the card and
panel of a ticket (each way of finding its appointment, a full current appointment), of a pass
(entries, too few entries, any experience), every state that cannot be redeemed, the results,
the history and the report with all three kinds, and the slips. Each picture must show every
label and button whole (``Shots.take``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.kinds_setup import TicketTour
from helpers.screens import SCREENS, SIZES, sized, themed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from test_screenshots import Shots
from test_ui_flows import WAIT_MS, open_session, wait_state

from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.clock import utc_now
from voucherdesk.desk.flow import CardShown, ResultShown
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.slip import slip_for
from voucherdesk.standin.seed import DEMO_PASSES, DEMO_TICKETS
from voucherdesk.ui.history import slip_printer
from voucherdesk.ui.session import CounterSession


def _ticket_ready(state: object) -> bool:
    return isinstance(state, TicketBooking) and (
        state.quote is not None or state.refusal is not None
    )


def _pass_ready(state: object) -> bool:
    return isinstance(state, PassBooking) and (state.quote is not None or state.refusal is not None)


def ticket_screens(qtbot: QtBot, shots: Shots) -> list[RedemptionOutcome]:
    session = shots.session
    window, controller = session.window, session.controller
    window.on_scan(DEMO_TICKETS["open"])
    wait_state(qtbot, session, _ticket_ready)
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_ticket_this_tour_now")
    controller.choose_strategy(RedemptionStrategy.CURRENT_WITH_OVERBOOKING)
    shots.take("kinds_ticket_overbook")
    controller.choose_strategy(RedemptionStrategy.NEXT_AVAILABLE)
    shots.take("kinds_ticket_next_free")
    window.ticket_panel.dates_list.setCurrentRow(window.ticket_panel.dates_list.count() - 1)
    shots.take("kinds_ticket_picked_date")
    controller.choose_strategy(RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING)
    qtbot.keyClick(window.ticket_panel.ways, Qt.Key.Key_Return)
    done = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
    assert isinstance(done, ResultShown)
    assert done.outcome is not None
    shots.take("kinds_result_ticket_redeemed")
    window.show_state(
        ResultShown(
            done.ticket,
            done.quote,
            outcome=RedemptionOutcome(
                case=OutcomeCase.REDEEMED_NO_CODE, key=done.outcome.key, quote=done.quote
            ),
        )
    )
    shots.take("kinds_result_ticket_no_code")
    for case in (OutcomeCase.NOT_BOOKED, OutcomeCase.BOOKINGKIT_REFUSED):
        outcome = RedemptionOutcome(
            case=case, key=done.outcome.key, quote=done.quote, server_message="No free place."
        )
        window.show_state(ResultShown(done.ticket, done.quote, outcome=outcome))
        shots.take(f"kinds_result_ticket_{case.value}")

    standin = session.context.standin
    assert standin is not None
    full = TicketTour.add_to(standin, "ODT-FULL-NOW", running_free=0)
    window.on_scan(full.code)
    wait_state(qtbot, session, _ticket_ready)
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_ticket_current_full")
    for role in ("depleted", "expired", "inactive"):
        window.on_scan(DEMO_TICKETS[role])
        wait_state(qtbot, session, lambda s: isinstance(s, CardShown))
        shots.take(f"kinds_card_ticket_{role}")
    return [done.outcome]


def pass_screens(qtbot: QtBot, shots: Shots) -> list[RedemptionOutcome]:
    session = shots.session
    window = session.window
    window.on_scan(DEMO_PASSES["pass"])
    wait_state(qtbot, session, _pass_ready)
    window.pass_panel.entries.setValue(2)
    wait_state(qtbot, session, lambda s: _pass_ready(s) and s.entries == 2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_pass_booking")
    qtbot.keyClick(window.pass_panel.dates_list, Qt.Key.Key_Return)
    done = wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
    assert isinstance(done, ResultShown)
    assert done.outcome is not None
    shots.take("kinds_result_pass_booked")
    mismatch = RedemptionOutcome(
        case=OutcomeCase.DRAWN_MISMATCH,
        key=done.outcome.key,
        quote=done.quote,
        booking_code=done.outcome.booking_code,
        entries=0,
        entries_left=7,
    )
    window.show_state(ResultShown(done.ticket, done.quote, outcome=mismatch))
    shots.take("kinds_result_pass_attention")
    changed = RedemptionOutcome(
        case=OutcomeCase.BALANCE_CHANGED, key=done.outcome.key, quote=done.quote, entries_left=4
    )
    window.show_state(ResultShown(done.ticket, done.quote, outcome=changed))
    shots.take("kinds_result_pass_entries_changed")

    window.on_scan(DEMO_PASSES["one_left"])
    wait_state(qtbot, session, _pass_ready)
    window.pass_panel.entries.setValue(2)
    wait_state(qtbot, session, lambda s: isinstance(s, PassBooking) and s.refusal is not None)
    shots.take("kinds_pass_too_few_entries")
    window.on_scan(DEMO_PASSES["any_event"])
    wait_state(qtbot, session, _pass_ready)
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_pass_any_experience")
    for role in ("no_entries", "cancelled", "pending"):
        window.on_scan(DEMO_PASSES[role])
        wait_state(qtbot, session, lambda s: isinstance(s, CardShown))
        shots.take(f"kinds_card_pass_{role}")
    return [done.outcome]


def journal_screens(qtbot: QtBot, shots: Shots) -> None:
    session = shots.session
    window = session.window
    window.controller.back()
    session.open_history()
    history = next(d for d in window.findChildren(QDialog) if d.isVisible())
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_history", history)
    history.reject()
    session.open_report()
    report = next(d for d in window.findChildren(QDialog) if d.isVisible())
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("kinds_report", report)
    report.reject()


def save_slips(shots: Shots, outcomes: list[RedemptionOutcome]) -> None:
    for name, outcome in zip(("ticket", "pass"), outcomes, strict=True):
        content = slip_for(outcome, counter_id="till1", top_up_method="Cash", printed_at=utc_now())
        image = slip_printer.slip_image(content)
        path = SCREENS / shots.lang / f"kinds_slip_{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        assert image.save(str(path))
        shots.paths.append(path)


@pytest.fixture(params=["en", "de"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    with themed(qapp, str(request.param)) as chosen:
        yield chosen


@pytest.mark.parametrize("size", list(SIZES))
def test_render_every_kind(qtbot: QtBot, lang: str, size: str) -> None:
    session: CounterSession = open_session(qtbot)
    try:
        session.window.demo_banner.hide()
        sized(session.window, size)
        shots = Shots(session, lang, size)
        done = ticket_screens(qtbot, shots)
        done += pass_screens(qtbot, shots)
        journal_screens(qtbot, shots)
        save_slips(shots, done)
        assert len(shots.paths) == 25
        if lang == "de":
            assert session.window.ticket_panel.confirm_button.text() != "Redeem ticket (Enter)"
    finally:
        session.shutdown()
