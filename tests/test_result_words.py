"""The result screen never says more or less than is known (design: a truthful screen)."""

from __future__ import annotations

from decimal import Decimal

from helpers.desk_factories import NOW, event, event_date, voucher
from pytestqt.qtbot import QtBot

from voucherdesk.desk.flow import ResultShown
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome, top_up_unknown
from voucherdesk.desk.quote import Quote, make_quote
from voucherdesk.ui.counter.result_view import ResultView


def small_voucher_quote() -> Quote:
    """A 20.00 voucher for a 35.50 booking: 15.50 top-up due."""
    return make_quote(
        voucher(remaining_value=Decimal("20")), event(), event_date(), {"p-adult": 1}, now=NOW
    )


def shown(qtbot: QtBot, outcome: RedemptionOutcome) -> ResultView:
    view = ResultView()
    qtbot.addWidget(view)
    view.show_result(ResultShown(1, outcome.quote, outcome=outcome), delay_s=None)
    return view


def test_booked_with_top_up_unknown_says_booked(qtbot: QtBot) -> None:
    quote = small_voucher_quote()
    outcome = top_up_unknown(quote, "k1", "order-1", "BK123456", "no answer")
    view = shown(qtbot, outcome)
    assert view.booking_code.text() == "BK123456"
    assert "Booked" in view.headline.text()
    assert "may or may not" not in view.detail.text()
    assert "top-up" in view.detail.text()
    assert not view.check_again_button.isHidden()  # the top-up is still settled later


def test_cancelled_order_is_not_reported_as_nothing_drawn(qtbot: QtBot) -> None:
    quote = small_voucher_quote()
    outcome = RedemptionOutcome(
        OutcomeKind.REFUSED, "k2", quote, "order-2", None, None, None, None,
        "The order for this redemption was cancelled in bookingkit.", "Check the voucher.",
    )  # fmt: skip
    view = shown(qtbot, outcome)
    assert "cancelled" in view.headline.text()
    assert "Nothing was drawn" not in view.detail.text()


def test_plain_refusal_says_nothing_was_drawn(qtbot: QtBot) -> None:
    quote = small_voucher_quote()
    outcome = RedemptionOutcome(
        OutcomeKind.REFUSED, "k3", quote, None, None, None, None, None,
        "bookingkit refused the booking: date is full.", "",
    )  # fmt: skip
    view = shown(qtbot, outcome)
    assert view.headline.text() == "Not booked"
    assert "Nothing was drawn" in view.detail.text()


def test_local_failures_have_words_not_class_names() -> None:
    from voucherdesk.credentials import KeyringUnavailable
    from voucherdesk.desk.journal import JournalUnavailable
    from voucherdesk.ui import wording

    journal = wording.error(JournalUnavailable("disk full"), during_write=True)
    assert journal.title == "Journal unavailable"
    assert "nothing is sent" in journal.detail
    keyring = wording.error(KeyringUnavailable())
    assert keyring.title == "No OS keyring"
    assert "KeyringUnavailable" not in keyring.detail


def test_voucher_status_words_follow_the_guessed_status_sets() -> None:
    from voucherdesk.ui import wording

    assert wording.voucher_status("active") == "active"
    assert wording.voucher_status("inactive") == "inactive (used up)"
    assert wording.voucher_status("CANCELED") == "cancelled"
    assert wording.voucher_status("frozen") == "frozen"  # unknown words are shown as they are
    assert wording.voucher_status(None) == "–"
