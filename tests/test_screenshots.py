"""Renders every screen state of the counter window to artifacts/screens/<lang>/<size>/*.png.

The pictures are for people to look at (size, contrast, clipping, German text lengths), in
English and German at 1366 x 768 and 1920 x 1080: idle, the card of every verdict, booking,
Esc back to the card, redeeming (and the offer to stop waiting), every result, the top-up to
collect and after it, an alarm and its acknowledgement, history and the shift report. The test
itself checks that each state renders, that no label or button on it is clipped, that the
window keeps the size it was given, and that German pictures carry German words; what the
screens must say and how large is checked in test_screens_*.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.desk_factories import NOW, make_outcome, voucher
from helpers.fit import clipped
from helpers.screens import SCREENS, SIZES, save, sized, themed
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from test_ui_flows import WAIT_MS, open_session, ready_to_confirm, wait_state

from voucherdesk.bookingkit.environments import Environment
from voucherdesk.bookingkit.errors import ServerError, TransportError
from voucherdesk.clock import utc_now
from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    Idle,
    Redeeming,
    ResultShown,
    bookable,
)
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.slip import slip_for
from voucherdesk.desk.verdict import judge
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.history.slip_printer import slip_html, slip_image
from voucherdesk.ui.session import CounterSession

CARD_CODES = {
    "card_good": DEMO_CODES["fresh"],
    "card_partly_used": DEMO_CODES["partly_used"],
    "card_used_up": DEMO_CODES["used_up"],
    "card_cancelled": DEMO_CODES["cancelled"],
    "card_expired": DEMO_CODES["expired"],
    "card_wrong_currency": DEMO_CODES["other_currency"],
    "card_unknown_code": DEMO_CODES["fresh"][:-1] + "X",
    "card_not_a_code": "\x07\x07",
}


def odd_checks() -> dict[str, CheckResult]:
    """Verdicts the demo data has no voucher for: no value, a status word not known."""
    no_value = voucher(code="NOVAL42K", remaining_value=None, value=None)
    frozen = voucher(code="FRZN7Q2M", status="frozen")
    return {
        "card_no_value": CheckResult(
            raw="NOVAL42K",
            code="NOVAL42K",
            voucher=no_value,
            verdict=judge(no_value, now=NOW, currency="EUR"),
        ),
        "card_unknown_status": CheckResult(
            raw="FRZN7Q2M",
            code="FRZN7Q2M",
            voucher=frozen,
            verdict=judge(frozen, now=NOW, currency="EUR"),
        ),
    }


def result(booking: Booking, case: OutcomeCase, *, top_up: bool = True) -> ResultShown:
    quote = booking.quote
    assert quote is not None
    outcome = make_outcome(
        case,
        quote,
        "demo-key",
        order_id="o1",
        booking_code="BK-7Q3XK9" if case is not OutcomeCase.NOT_BOOKED else None,
        drawn=quote.drawn,
        top_up=quote.top_up if top_up and not quote.top_up.is_zero else None,
        top_up_method="Cash",
        value_left=quote.value_left,
        balance_now=quote.remaining_before,
        server_message="Date is full.",
        order_codes=("BK-7Q3XK9", "BK-9W2LM4") if case is OutcomeCase.SEVERAL_ORDERS else (),
    )
    return ResultShown(booking.ticket, quote, outcome=outcome)


class Shots:
    def __init__(self, session: CounterSession, lang: str, size: str) -> None:
        self.session = session
        self.lang = lang
        self.size = size
        self.paths: list[Path] = []

    def take(self, name: str, widget: QWidget | None = None) -> None:
        """Save the picture; every label and button on it must show all of its text."""
        target = widget if widget is not None else self.session.window
        self.paths.append(save(target, self.lang, name, self.size))
        assert clipped(target) == [], f"{self.lang} {self.size} {name}"
        if widget is None:  # nothing forced the window larger than the screen it was sized to
            assert (target.width(), target.height()) == SIZES[self.size], name


def counter_states(qtbot: QtBot, shots: Shots) -> Booking:
    session = shots.session
    window = session.window
    desk = session.context.desk
    window.show_state(Idle())
    shots.take("idle")
    window.show_state(Checking(1, DEMO_CODES["fresh"]))
    shots.take("checking")
    window.show_state(CheckFailed(1, DEMO_CODES["fresh"], TransportError("refused")))
    shots.take("check_offline")
    for name, code in CARD_CODES.items():
        window.show_state(CardShown(1, desk.check(code)))
        shots.take(name)
    for name, check in odd_checks().items():
        window.show_state(CardShown(1, check))
        shots.take(name)

    window.on_scan(DEMO_CODES["small"])
    booking = wait_state(qtbot, session, ready_to_confirm)
    assert isinstance(booking, Booking)
    shots.take("booking_top_up")
    session.controller.back()  # Esc: the card, with the choices kept
    shots.take("card_after_esc")
    session.controller.go_on_booking()
    booking = wait_state(qtbot, session, ready_to_confirm)
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)  # fresh places read
    booking = session.controller.state
    assert isinstance(booking, Booking)
    assert booking.quote is not None
    redeeming = Redeeming(booking.ticket, booking.check, booking.quote)
    window.show_state(redeeming)
    shots.take("redeeming")
    view, timeout = window.redeeming, session.controller.request_timeout_s
    view.clock = lambda: 1000.0
    view.stop()
    view.start(redeeming, timeout)
    view.clock = lambda: 1002.0 + timeout  # two seconds past the request timeout
    view.refresh()
    shots.take("redeeming_slow")
    window.show_state(ResultShown(booking.ticket, booking.quote, stopped=True))
    shots.take("result_stopped_waiting")
    return booking


def result_states(shots: Shots, booking: Booking) -> None:
    window = shots.session.window
    window.show_state(result(booking, OutcomeCase.BOOKED, top_up=False))
    shots.take("result_booked")
    collecting = result(booking, OutcomeCase.BOOKED)
    window.show_state(collecting)
    shots.take("result_top_up_due")
    window.show_state(replace(collecting, top_up_taken=True))
    shots.take("result_top_up_taken")
    for case in OutcomeCase:  # every result the desk can return
        if case is OutcomeCase.BOOKED:
            continue
        window.show_state(result(booking, case))
        shots.take(f"result_{case.value}")
    quote = booking.quote
    assert quote is not None
    window.show_state(ResultShown(booking.ticket, quote, error=ServerError(503, "down")))
    shots.take("result_error")


def journal_states(qtbot: QtBot, shots: Shots) -> None:
    """Real redemptions for the history and the report: one undone, one alarm, one sent to
    another environment, one to an environment not recorded."""
    session = shots.session
    window, desk, controller = session.window, session.context.desk, session.controller
    standin = session.context.standin
    assert standin is not None
    event = desk.events()[0]
    date = next(
        d for d in desk.dates(event.id) if d.available_slots > 3 and bookable(event, d, utc_now())
    )
    prices = {event.prices[0].id: 1}
    for role in ("fresh", "small"):  # the second with a top-up, then undone
        check = desk.check(DEMO_CODES[role])
        assert check.voucher is not None
        done = desk.redeem(desk.quote(check.voucher, event, date, prices))
    assert desk.undo(done.key).cancelled
    foreign = desk.check(DEMO_CODES["dashes"])
    assert foreign.voucher is not None
    quote = desk.quote(foreign.voucher, event, date, prices)
    sandbox = Environment("sandbox", "https://api.sandbox.bookingkit.example")
    desk.journal.mark(desk.journal.create(quote, desk.counter_id, sandbox), EntryState.SENT)
    unknown = desk.journal.create(quote, desk.counter_id, sandbox)
    with sqlite3.connect(desk.journal.path) as db:  # written before entries recorded one
        db.execute(
            "UPDATE entries SET environment = NULL, base_url = NULL WHERE key = ?", (unknown.key,)
        )
    standin.state.ignores_voucher_payment = True  # guess U1 wrong: the alarm
    window.on_scan(DEMO_CODES["mixed_case"])
    wait_state(qtbot, session, ready_to_confirm)
    controller.confirm()
    wait_state(qtbot, session, lambda s: isinstance(s, ResultShown))
    standin.state.ignores_voucher_payment = False
    qtbot.waitUntil(lambda: bool(controller.alarms), timeout=WAIT_MS)
    shots.take("result_attention")
    window.ask_acknowledge(controller.alarms[0].key)
    dialog = window.findChild(QDialog, "acknowledge")
    assert dialog is not None
    shots.take("acknowledge", dialog)
    dialog.reject()
    controller.back()
    shots.take("idle_alarm")

    session.open_history()
    history = next(d for d in window.findChildren(QDialog) if d.isVisible())
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("history", history)
    history.reject()
    session.open_report()
    report = next(d for d in window.findChildren(QDialog) if d.isVisible())
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=WAIT_MS)
    shots.take("report", report)
    report.reject()


@pytest.fixture(params=["en", "de"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The light theme in English or German; the windows go before the look is restored."""
    with themed(qapp, str(request.param)) as chosen:
        yield chosen


@pytest.mark.parametrize("size", list(SIZES))
def test_render_every_screen_state(qtbot: QtBot, lang: str, size: str) -> None:
    session = open_session(qtbot)
    try:
        session.window.demo_banner.hide()
        sized(session.window, size)
        shots = Shots(session, lang, size)
        booking = counter_states(qtbot, shots)
        result_states(shots, booking)
        journal_states(qtbot, shots)
        session.window.demo_banner.show()
        session.window.show_state(Idle())
        shots.take("demo_banner")
        assert len(shots.paths) == 27 + len(OutcomeCase)
        if lang == "de":
            assert session.window.refusal.back_button.text().startswith("Zurück")
    finally:
        session.shutdown()


def pick_a_roomy_date(qtbot: QtBot, session: CounterSession) -> None:
    """Choose the first date with room for the party: the one preselected may have a single
    place left, depending on the hour the test runs."""
    state = session.controller.state
    assert isinstance(state, Booking)
    assert state.event is not None
    assert state.dates
    event, now = state.event, utc_now()
    row, roomy = next(
        (row, d)
        for row, d in enumerate(state.dates)
        if d.available_slots >= 3 and bookable(event, d, now)
    )
    session.window.booking.dates_list.setCurrentRow(row)
    qtbot.waitUntil(
        lambda: getattr(session.controller.state, "date", None) == roomy, timeout=WAIT_MS
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_render_the_booking_with_add_ons_and_questions(qtbot: QtBot, lang: str, size: str) -> None:
    """The whole booking (issue #14): the kayak tour asks each participant a question and offers
    add-ons; two adults, two add-ons, a name and an answer as a clerk would enter them."""
    session = open_session(qtbot)
    try:
        window = session.window
        window.demo_banner.hide()
        sized(window, size)
        shots = Shots(session, lang, size)
        window.on_scan(DEMO_CODES["small"])  # a top-up is due: the add-ons raise it
        wait_state(qtbot, session, ready_to_confirm)
        panel = window.booking
        qtbot.waitUntil(lambda: bool(panel.add_ons.steppers), timeout=WAIT_MS)
        pick_a_roomy_date(qtbot, session)
        panel.steppers[0].setValue(2)
        panel.add_ons.steppers[0].setValue(1)
        panel.add_ons.steppers[1].setValue(2)
        qtbot.keyClicks(panel.details.answer_lines[0], "Yes, 39" if lang == "en" else "Ja, 39")
        qtbot.keyClicks(panel.details.name, "Erika Mustermann")
        state = session.controller.state
        assert isinstance(state, Booking)
        assert state.quote is not None
        assert len(state.quote.products) == 2
        assert state.quote.details.customer_name == "Erika Mustermann"
        # the price lists the add-ons; the details sit under the dates, fitted or scrolling
        qtbot.waitUntil(
            lambda: panel.details_area.geometry().bottom() <= panel.height(), timeout=WAIT_MS
        )
        assert panel.details.questions_box.isVisible()
        assert panel.dates_list.height() >= panel.dates_list.minimumHeight()
        shots.take("booking_add_ons")
        expected = {"en": "Add-ons", "de": "Zusatzleistungen"}[lang]
        assert panel.add_ons.title() == expected
        outcome = result(state, OutcomeCase.BOOKED).outcome
        assert outcome is not None
        slip = slip_for(outcome, counter_id="demo", top_up_method="Cash", printed_at=NOW)
        picture = SCREENS / lang / "slip_add_ons.png"
        assert slip_image(slip).save(str(picture))
        text = slip_html(slip)
        assert "2 × Dry bag rental" in text
        assert {"en": "For Erika Mustermann", "de": "Für Erika Mustermann"}[lang] in text
    finally:
        session.shutdown()
