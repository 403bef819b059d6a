"""The words at the edges: the result screen and the CLI say exactly what the desk's facts say,
in English and German, and every kind the desk can return has words in both edges."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.desk_factories import NOW, event, event_date, voucher
from helpers.screens import themed
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from voucherdesk import cli_text
from voucherdesk.bookingkit import errors
from voucherdesk.desk.codes import Rejected, RejectReason
from voucherdesk.desk.flow import ResultShown
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.outcomes import OutcomeCase, PriceChange, RedemptionOutcome
from voucherdesk.desk.quote import Quote, QuoteProblem, QuoteRefusal, make_quote
from voucherdesk.desk.undo import UndoCase, UndoOutcome
from voucherdesk.desk.verdict import VerdictKind, judge
from voucherdesk.money import Money
from voucherdesk.placeholders import names
from voucherdesk.resources import resources_dir
from voucherdesk.ui import wording
from voucherdesk.ui.counter.result_view import ResultView

EUR = "EUR"


def small_voucher_quote() -> Quote:
    """A 20.00 voucher for a 35.50 booking: 15.50 top-up due."""
    return make_quote(
        voucher(remaining_value=Decimal("20")),
        event(),
        event_date(),
        {"p-adult": 1},
        now=NOW,
        counter_currency=EUR,
    )


def outcome_of(case: OutcomeCase, **facts: object) -> RedemptionOutcome:
    return RedemptionOutcome(case=case, key="k1", quote=small_voucher_quote(), **facts)  # type: ignore[arg-type]


def shown(qtbot: QtBot, outcome: RedemptionOutcome) -> ResultView:
    view = ResultView()
    qtbot.addWidget(view)
    view.show_result(ResultShown(1, outcome.quote, outcome=outcome), delay_s=None)
    return view


# --- the result screen tells no more and no less than is known ------------------------------


def test_booked_with_top_up_unknown_says_booked(qtbot: QtBot) -> None:
    outcome = outcome_of(
        OutcomeCase.TOP_UP_UNCONFIRMED,
        order_id="order-1",
        booking_code="BK123456",
        top_up=Money(Decimal("15.50"), EUR),
    )
    view = shown(qtbot, outcome)
    assert view.booking_code.text() == "BK123456"
    assert "Booked" in view.headline.text()
    assert "may or may not" not in view.detail.text()
    assert "top-up" in view.detail.text()
    assert not view.check_again_button.isHidden()  # the top-up is still settled later


def test_a_rate_limited_top_up_is_said_to_be_not_recorded_yet(qtbot: QtBot) -> None:
    """The top-up itself was rate-limited: nothing recorded, for certain (no "not known"), and
    the check records it later; the clerk collects it now."""
    outcome = outcome_of(
        OutcomeCase.TOP_UP_LATER,
        order_id="order-1",
        booking_code="BK123456",
        top_up=Money(Decimal("15.50"), EUR),
        error=errors.RateLimited(429, "Too many requests"),
    )
    view = shown(qtbot, outcome)
    assert "Booked" in view.headline.text()
    detail = view.detail.text()
    assert "has not recorded the top-up of €15.50 yet" in detail
    assert "not known" not in detail
    assert "next check" in detail
    assert "Collect €15.50" in view.next_step.text()
    assert not view.check_again_button.isHidden()


@pytest.mark.parametrize(
    "case",
    [
        OutcomeCase.TOP_UP_LATER,
        OutcomeCase.TOP_UP_UNCONFIRMED,
        OutcomeCase.BOOKED_TOP_UP_REFUSED,
        OutcomeCase.BOOKED_NOT_RECORDED,
    ],
)
def test_a_top_up_confirmed_as_taken_is_not_asked_for_again(
    qtbot: QtBot, case: OutcomeCase
) -> None:
    """The clerk took the money and said so; the result may stay (an open outcome has no
    timer) but never asks for the money a second time."""
    outcome = outcome_of(
        case,
        order_id="order-1",
        booking_code="BK123456",
        top_up=Money(Decimal("15.50"), EUR),
        top_up_method="Cash",
    )
    result = ResultShown(1, outcome.quote, outcome=outcome)
    assert result.collecting
    taken = replace(result, top_up_taken=True)
    assert not taken.collecting
    view = ResultView()
    qtbot.addWidget(view)
    view.show_result(taken, delay_s=None)
    assert view.top_up_button.isHidden()
    assert "Collect" not in view.next_step.text(), view.next_step.text()
    assert view.next_step.text()


def test_cancelled_order_is_not_reported_as_nothing_drawn(qtbot: QtBot) -> None:
    outcome = outcome_of(OutcomeCase.ORDER_CANCELLED, order_id="o-2", order_codes=("BK2",))
    view = shown(qtbot, outcome)
    assert "cancelled" in view.headline.text()
    assert "BK2" in view.detail.text()
    assert "Nothing was drawn" not in view.detail.text()


def test_refusal_by_bookingkit_says_nothing_was_drawn(qtbot: QtBot) -> None:
    outcome = outcome_of(OutcomeCase.BOOKINGKIT_REFUSED, server_message="Date is full.")
    view = shown(qtbot, outcome)
    assert view.headline.text() == "Refused by bookingkit"
    assert "Date is full." in view.detail.text()
    assert "Nothing was drawn" in view.detail.text()


def test_no_answer_then_no_order_is_not_called_a_refusal(qtbot: QtBot) -> None:
    view = shown(qtbot, outcome_of(OutcomeCase.NOT_BOOKED))
    assert "refused" not in view.detail.text().lower()
    assert "did not answer" in view.detail.text()
    assert "another date" not in view.next_step.text()


def test_local_failures_have_words_not_class_names() -> None:
    from pathlib import Path

    from voucherdesk.credentials import KeyringUnavailable
    from voucherdesk.desk.journal import JournalProblem, JournalUnavailable

    failed = JournalUnavailable(Path("j.sqlite3"), "disk full", JournalProblem.CANNOT_WRITE)
    journal = wording.error(failed, during_write=True)
    assert journal.title == "Journal unavailable"
    assert "nothing is sent" in journal.detail
    keyring = wording.error(KeyringUnavailable())
    assert keyring.title == "No OS keyring"
    assert "KeyringUnavailable" not in keyring.detail


def test_voucher_status_words_follow_the_guessed_status_sets() -> None:
    assert wording.voucher_status("active") == "active"
    assert wording.voucher_status("inactive") == "inactive (used up)"
    assert wording.voucher_status("CANCELED") == "cancelled"
    assert wording.voucher_status("frozen") == "frozen"  # unknown words are shown as they are
    assert wording.voucher_status(None) == "–"


# --- the untrue sentences found in review, in both edges and both languages -----------------

LANGUAGES = ("en", "de")


def cli_outcome(outcome: RedemptionOutcome) -> str:
    return "\n".join(cli_text.outcome_lines(outcome))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_status_word_is_not_called_cancelled(qapp: QApplication, lang: str) -> None:
    facts = judge(voucher(status="frozen-by-support"), now=NOW, currency=EUR)
    assert facts.kind is VerdictKind.UNKNOWN_STATUS
    with themed(qapp, lang):
        window = wording.verdict(facts)
        cancelled = wording.verdict(judge(voucher(status="cancelled"), now=NOW, currency=EUR))
        cli = "\n".join(cli_text.words_lines(window))
    assert window.title != cancelled.title
    assert "frozen-by-support" in window.detail
    assert "frozen-by-support" in cli
    assert cancelled.title not in cli


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_price_change_is_headed_as_a_price_change(qapp: QApplication, lang: str) -> None:
    change = PriceChange(
        "p-adult", "Adult", Money(Decimal("35.50"), EUR), Money(Decimal("39"), EUR)
    )
    outcome = outcome_of(OutcomeCase.PRICE_CHANGED, price_changes=(change,))
    with themed(qapp, lang):
        words = wording.outcome(outcome)
        balance = wording.outcome(
            outcome_of(OutcomeCase.BALANCE_CHANGED, balance_now=Money(Decimal("5"), EUR))
        )
        cli = cli_outcome(outcome)
    assert words.title != balance.title  # not "the voucher's value changed"
    assert words.title in cli
    for figure in ("35", "39", "Adult"):
        assert figure in words.detail
        assert figure in cli
    if lang == "en":
        assert words.title == "Price changed"
        assert "value" not in words.title.lower()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_too_few_places_keeps_its_numbers(qapp: QApplication, lang: str) -> None:
    refusal = QuoteRefusal(problem=QuoteProblem.NOT_ENOUGH_PLACES, free_places=3, wanted_places=5)
    with themed(qapp, lang):
        window = wording.quote_refusal(refusal)
        cli = cli_text.refusal_line(refusal)
    for text in (window, cli):
        assert re.search(r"\b3\b", text), text
        assert re.search(r"\b5\b", text), text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_several_orders_tell_the_clerk_to_cancel_all_but_one(qapp: QApplication, lang: str) -> None:
    outcome = outcome_of(OutcomeCase.SEVERAL_ORDERS, order_codes=("BKAAA1", "BKBBB2"))
    with themed(qapp, lang):
        view = ResultView()  # not added to qtbot: themed() flushes deleted widgets on exit
        view.show_result(ResultShown(1, outcome.quote, outcome=outcome), delay_s=None)
        detail, next_step = view.detail.text(), view.next_step.text()
        view.deleteLater()
        cli = cli_outcome(outcome)
        expected = wording.outcome(outcome).next_step
    for code in ("BKAAA1", "BKBBB2"):
        assert code in detail
        assert code in cli
    assert next_step == expected
    assert expected in cli
    if lang == "en":
        assert "Cancel all but one" in expected
    else:
        assert "bis auf eine " in expected


# --- every kind the desk returns has words in both edges --------------------------------------


def _facts_for(case: OutcomeCase) -> RedemptionOutcome:
    money = Money(Decimal("12.50"), EUR)
    return outcome_of(
        case,
        order_id="o1",
        booking_code="BKCODE1",
        drawn=money,
        top_up=money,
        top_up_method="Cash",
        value_left=money,
        order_codes=("BK1", "BK2"),
        balance_now=money,
        server_message="bookingkit says no.",
        verdict=judge(voucher(status="cancelled"), now=NOW, currency=EUR),
    )


@pytest.mark.parametrize("case", list(OutcomeCase))
def test_every_outcome_case_has_words_in_both_edges_and_languages(
    qapp: QApplication, case: OutcomeCase
) -> None:
    outcome = _facts_for(case)
    titles = {}
    for lang in LANGUAGES:
        with themed(qapp, lang):
            words = wording.outcome(outcome)
            cli = cli_outcome(outcome)
        assert words.title, case
        assert words.detail or words.next_step, case
        assert words.title in cli
        assert "{" not in words.title + words.detail + words.next_step  # all filled in
        titles[lang] = words.title
    assert titles["de"] != titles["en"], f"{case} has no German words"


@pytest.mark.parametrize("kind", list(VerdictKind))
def test_every_verdict_has_words(qapp: QApplication, kind: VerdictKind) -> None:
    from voucherdesk.desk.verdict import Verdict

    facts = Verdict(kind=kind, currency=EUR, remaining=Money(Decimal(5), EUR), status="x")
    for lang in LANGUAGES:
        with themed(qapp, lang):
            words = wording.verdict(facts)
        assert words.title
        assert words.detail
        assert words.next_step


@pytest.mark.parametrize("problem", list(QuoteProblem))
def test_every_quote_problem_has_words(problem: QuoteProblem) -> None:
    assert wording.quote_refusal(QuoteRefusal(problem=problem))


@pytest.mark.parametrize("reason", list(RejectReason))
def test_every_rejected_input_has_words(reason: RejectReason) -> None:
    words = wording.rejected(Rejected(reason=reason, length=300))
    assert words.title
    assert words.detail
    assert "{" not in words.detail


@pytest.mark.parametrize("case", list(UndoCase))
def test_every_undo_case_has_words(case: UndoCase) -> None:
    outcome = UndoOutcome(case=case, key="k", booking_code="BK1", error=RuntimeError())
    assert wording.undo_result(outcome)
    assert "BK1" in wording.undo_result(outcome) or case in (
        UndoCase.NO_SUCH_ENTRY,
        UndoCase.OTHER_COUNTER,
        UndoCase.OTHER_ENVIRONMENT,
        UndoCase.NOT_UNDOABLE,
    )


@pytest.mark.parametrize("state", list(EntryState))
def test_every_journal_state_has_a_word(state: EntryState) -> None:
    assert wording.entry_state(state) != state.value


# --- the German catalogue -----------------------------------------------------------------


def _messages() -> list[ET.Element]:
    tree = ET.parse(resources_dir() / "i18n" / "voucherdesk_de.ts")
    return list(tree.iter("message"))


def test_every_text_is_translated() -> None:
    missing = [
        m.findtext("source")
        for m in _messages()
        if (m.find("translation") is None)
        or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not (m.findtext("translation") or "").strip()
    ]
    assert missing == []


def test_the_catalogue_holds_every_text_of_the_code(tmp_path: Path) -> None:
    """pyside6-lupdate over the code (as packaging/update_translations.sh runs it) finds no
    text the German catalogue lacks: a text moved or added without a translation would show
    in English at a German counter."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    root = resources_dir().parent
    files = sorted(
        str(p.relative_to(root))
        for p in [
            *(root / "voucherdesk" / "ui").rglob("*.py"),
            root / "voucherdesk" / "cli_text.py",
            root / "voucherdesk" / "cli_audit_text.py",
        ]
    )
    ts = tmp_path / "voucherdesk_de.ts"
    shutil.copyfile(resources_dir() / "i18n" / "voucherdesk_de.ts", ts)
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-target-language", "de_DE", *files, "-ts", str(ts)],
        cwd=root,
        check=True,
        capture_output=True,
    )

    def texts(path: Path) -> set[tuple[str, str]]:
        return {
            (context.findtext("name") or "", message.findtext("source") or "")
            for context in ET.parse(path).iter("context")
            for message in context.iter("message")
        }

    committed = texts(resources_dir() / "i18n" / "voucherdesk_de.ts")
    assert texts(ts) - committed == set()  # new in the code, missing in the catalogue
    assert committed - texts(ts) == set()  # gone from the code, still in the catalogue


def test_the_binary_catalogue_is_built_from_the_committed_one(tmp_path: Path) -> None:
    """The .qm the app loads is what pyside6-lrelease makes of the committed .ts."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    i18n = resources_dir() / "i18n"
    built = tmp_path / "voucherdesk_de.qm"
    subprocess.run(
        [str(lrelease), "-silent", str(i18n / "voucherdesk_de.ts"), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == (i18n / "voucherdesk_de.qm").read_bytes()


def test_translations_keep_the_placeholders() -> None:
    broken = [
        (m.findtext("source"), m.findtext("translation"))
        for m in _messages()
        if names(m.findtext("source") or "") != names(m.findtext("translation") or "")
    ]
    assert broken == []


def test_one_placeholder_style() -> None:
    """Qt's %1 style is gone: every text uses named {placeholders}."""
    assert [m.findtext("source") for m in _messages() if "%1" in (m.findtext("source") or "")] == []
