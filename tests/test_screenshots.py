"""Renders every screen state of the counter window to artifacts/screens/<lang>/<state>.png.

The pictures are for people to look at (size, contrast, clipping, German text lengths); the
test itself checks that each state renders into a non-empty image and the words changed
language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.desk_factories import make_outcome
from helpers.screens import save, themed
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_ui_flows import open_session, ready_to_confirm, wait_state

from voucherdesk.bookingkit.errors import ServerError, TransportError
from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    Idle,
    Redeeming,
    ResultShown,
)
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterSession
from voucherdesk.ui.common.i18n import install_translations

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


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    with themed(qapp, "en"):
        yield qapp


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
    )
    return ResultShown(booking.ticket, quote, outcome=outcome)


def render_all(qtbot: QtBot, session: CounterSession, lang: str) -> list[Path]:
    window = session.window
    window.resize(1180, 760)
    window.demo_banner.hide()
    shots = []
    window.show_state(Idle())
    shots.append(save(window, lang, "idle"))
    window.show_state(Checking(1, DEMO_CODES["fresh"]))
    shots.append(save(window, lang, "checking"))
    window.show_state(CheckFailed(1, DEMO_CODES["fresh"], TransportError("refused")))
    shots.append(save(window, lang, "check_offline"))
    for name, code in CARD_CODES.items():
        window.show_state(CardShown(1, session.context.desk.check(code)))
        shots.append(save(window, lang, name))

    window.on_scan(DEMO_CODES["small"])
    booking = wait_state(qtbot, session, ready_to_confirm)
    assert isinstance(booking, Booking)
    shots.append(save(window, lang, "booking_quote_top_up"))
    window.show_state(replace(booking, quote=None))
    window.show_state(booking)
    assert booking.quote is not None
    window.show_state(Redeeming(booking.ticket, booking.check, booking.quote))
    shots.append(save(window, lang, "redeeming"))

    window.show_state(result(booking, OutcomeCase.BOOKED, top_up=False))
    shots.append(save(window, lang, "result_booked"))
    for case in OutcomeCase:  # every result the desk can return
        window.show_state(result(booking, case))
        shots.append(save(window, lang, f"result_{case.value}"))
    quote = booking.quote
    assert quote is not None
    window.show_state(ResultShown(booking.ticket, quote, error=ServerError(503, "down")))
    shots.append(save(window, lang, "result_error"))

    window.show_state(Idle())
    window.demo_banner.show()
    shots.append(save(window, lang, "demo_banner"))
    shots.append(save(window.status, lang, "status_strip"))
    return shots


@pytest.mark.parametrize("lang", ["en", "de"])
def test_render_every_screen_state(qtbot: QtBot, styled_app: QApplication, lang: str) -> None:
    install_translations(styled_app, lang)  # type: ignore[arg-type]
    session = open_session(qtbot)
    try:
        shots = render_all(qtbot, session, lang)
        assert len(shots) == 17 + len(OutcomeCase)  # 16 screens, booked without top-up, every case
        heading = session.window.result.headline.text()
        assert heading  # the last result's words were rendered
        if lang == "de":
            assert session.window.windowTitle() == "VoucherDesk"
    finally:
        session.shutdown()
