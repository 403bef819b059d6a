"""Words for open-date tickets and passes in both edges (window and CLI) and both languages:
every new fact has words, a ticket or a pass is never talked about as a voucher's money."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.desk_factories import NOW, event, event_date
from helpers.screens import themed
from PySide6.QtWidgets import QApplication

from voucherdesk import cli_text
from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.bookingkit.models import FlexTicket, OpenDateTicket
from voucherdesk.desk.kinds import SoldPass, VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, RedemptionOutcome
from voucherdesk.desk.pass_quote import PassProblem, PassRefusal, make_pass_quote
from voucherdesk.desk.ticket_quote import TicketProblem, TicketRefusal, make_ticket_quote
from voucherdesk.desk.undo import UndoCase, UndoOutcome
from voucherdesk.ui import wording

LANGUAGES = ("en", "de")


def ticket() -> OpenDateTicket:
    return OpenDateTicket.model_validate(
        {
            "id": "t1",
            "code": "ODT-1",
            "status": "OPEN",
            "event_id": "e1",
            "price_value": 35.5,
            "price_title": "Adult",
            "currency": "EUR",
            "customer_name": "Erika Mustermann",
        }
    )


def sold_pass(left: int = 4) -> SoldPass:
    flex = FlexTicket.model_validate(
        {
            "id": "f1",
            "code": "PASS-1",
            "status": "ACCEPTED",
            "title": "10-entry pass",
            "redemption_total": 10,
            "redemption_available": left,
            "price_title": "Adult",
            "flexOffer": {"id": "o", "event_id": "e1", "price_category_id": "p-adult"},
        }
    )
    return SoldPass(flex=flex, order_id="o-sold")


def outcomes() -> list[RedemptionOutcome]:
    running = event_date(date=(NOW - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    ticket_quote = make_ticket_quote(
        ticket(),
        event(),
        [running],
        RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING,
        now=NOW,
        counter_currency="EUR",
    )
    pass_quote = make_pass_quote(sold_pass(), event(), event_date(), 2, now=NOW)
    return [
        RedemptionOutcome(case=case, key="k", quote=quote, entries=1, entries_left=2)
        for quote in (ticket_quote, pass_quote)
        for case in OutcomeCase
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_outcome_of_a_ticket_or_pass_has_words_without_voucher_money(
    qapp: QApplication, lang: str
) -> None:
    with themed(qapp, lang):
        for outcome in outcomes():
            words = wording.outcome(outcome)
            cli = "\n".join(cli_text.outcome_lines(outcome))
            assert words.title, outcome.case
            assert words.detail or words.next_step, outcome.case
            assert "{" not in words.title + words.detail + words.next_step
            assert words.title in cli
            if lang == "en" and outcome.case is not OutcomeCase.PRICE_CHANGED:
                said = (words.detail + words.next_step).lower()
                assert "drawn from the voucher" not in said, outcome.case
                assert "voucher's balance" not in said, outcome.case


def test_the_same_case_is_told_per_kind(qapp: QApplication) -> None:
    by_kind = {}
    for outcome in outcomes():
        if outcome.case is OutcomeCase.BOOKINGKIT_REFUSED:
            by_kind[outcome.voucher_kind] = wording.outcome(outcome).detail
    assert "ticket was not redeemed" in by_kind[VoucherKind.OPEN_DATE_TICKET]
    assert "No entries of the pass were used" in by_kind[VoucherKind.PASS]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_refusal_and_strategy_has_words(qapp: QApplication, lang: str) -> None:
    with themed(qapp, lang):
        tickets = {wording.ticket_refusal(TicketRefusal(problem=p)) for p in TicketProblem}
        passes = {
            wording.pass_refusal(PassRefusal(problem=p, entries_left=1, entries_wanted=2))
            for p in PassProblem
        }
        ways = {wording.strategy(s) for s in RedemptionStrategy}
        kinds = {wording.kind_name(k) for k in VoucherKind}
    assert len(tickets) == len(TicketProblem)
    assert len(passes) == len(PassProblem)
    assert len(ways) == len(RedemptionStrategy)
    assert len(kinds) == len(VoucherKind)
    assert all(text and "{" not in text for text in tickets | passes | ways | kinds)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_too_few_entries_keep_their_numbers(qapp: QApplication, lang: str) -> None:
    refusal = PassRefusal(problem=PassProblem.TOO_FEW_ENTRIES, entries_left=3, entries_wanted=5)
    with themed(qapp, lang):
        text = wording.pass_refusal(refusal)
    assert "3" in text
    assert "5" in text


@pytest.mark.parametrize(
    ("kind", "restored", "expected"),
    [
        (VoucherKind.OPEN_DATE_TICKET, False, "did NOT open again"),
        (VoucherKind.OPEN_DATE_TICKET, True, "open again"),
        (VoucherKind.OPEN_DATE_TICKET, None, "stays used"),
        (VoucherKind.PASS, False, "did NOT go back onto the pass"),
        (VoucherKind.PASS, True, "went back onto the pass"),
        (VoucherKind.PASS, None, "do not go back onto it"),
    ],
)
def test_undo_says_what_came_back_per_kind(
    kind: VoucherKind, restored: bool | None, expected: str
) -> None:
    outcome = UndoOutcome(
        case=UndoCase.CANCELLED,
        key="k",
        booking_code="BK1",
        kind=kind,
        entries=2,
        entries_left=6,
        restored=restored,
    )
    text = wording.undo_result(outcome)
    assert expected in text
    assert "BK1" in text
    if kind is VoucherKind.PASS and restored is not None:
        assert "2 entries" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cli_shows_a_ticket_and_a_pass(qapp: QApplication, lang: str) -> None:
    from voucherdesk.desk.desk import CheckResult
    from voucherdesk.desk.verdict import judge_pass, judge_ticket

    with themed(qapp, lang):
        found = ticket()
        ticket_lines = cli_text.check_lines(
            CheckResult(
                raw="ODT-1",
                code="ODT-1",
                voucher=None,
                verdict=judge_ticket(found),
                ticket=found,
                event=event(),
            )
        )
        held = sold_pass(left=0)
        pass_lines = cli_text.check_lines(
            CheckResult(
                raw="PASS-1",
                code="PASS-1",
                voucher=None,
                verdict=judge_pass(held),
                sold_pass=held,
                event=event(),
            )
        )
        no_entries = wording.verdict(judge_pass(held)).title
    ticket_text, pass_text = "\n".join(ticket_lines), "\n".join(pass_lines)
    assert "Erika Mustermann" in ticket_text
    assert "Canoe tour" in ticket_text
    assert "0" in pass_text
    assert "10" in pass_text
    assert no_entries in pass_text
