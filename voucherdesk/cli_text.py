"""The command line's edge: the desk's facts as plain-text lines, in the counter's language.

The sentences about vouchers, outcomes and errors are the window's own (``ui/wording``), so
the CLI and the window never tell two stories; this module lays them out as lines and adds
what only a terminal needs (which command settles an open redemption). Call
:func:`start_language` once before printing anything.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from voucherdesk.bookingkit.environments import AddressRefused
from voucherdesk.bookingkit.models import Voucher
from voucherdesk.desk.desk import CheckResult
from voucherdesk.desk.journal import JournalEntry
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.desk.quote import Quote, QuoteRefusal
from voucherdesk.desk.shift_report import ShiftReport
from voucherdesk.desk.undo import UndoOutcome
from voucherdesk.money import Money
from voucherdesk.placeholders import fill
from voucherdesk.setup_check import SetupFailed
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.i18n import LanguageChoice, install_translations

translate = QCoreApplication.translate


def start_language(choice: LanguageChoice, *, gui: bool = False) -> str:
    """A headless Qt application (for translations and locale formats) in ``choice``.

    ``gui``: a QGuiApplication, for commands that lay out a PDF.
    """
    app = QCoreApplication.instance()
    if app is None:
        args = ["voucherdesk", "-platform", "offscreen"]
        app = QGuiApplication(args) if gui else QCoreApplication(args)
    return install_translations(app, choice)


def money(value: Money | None) -> str:
    return formatting.money(value)


def _field(label: str, value: str) -> str:
    return f"{label + ':':<21}{value}"


def voucher_lines(voucher: Voucher) -> list[str]:
    lines = [
        _field(translate("Cli", "Code"), voucher.code),
        _field(translate("Cli", "Title"), voucher.title or "–"),
        _field(translate("Cli", "Value"), formatting.money_of(voucher.value, voucher.currency)),
        _field(
            translate("Cli", "Remaining"),
            formatting.money_of(voucher.remaining, voucher.currency),
        ),
        _field(translate("Cli", "Status"), wording.voucher_status(voucher.status)),
        _field(translate("Cli", "Created"), formatting.date_only(voucher.creation_date)),
    ]
    if voucher.valid_until:
        lines.append(
            _field(translate("Cli", "Valid until"), formatting.date_only(voucher.valid_until))
        )
    if not voucher.redemptions:
        lines.append(_field(translate("Cli", "Redemptions"), translate("Cli", "none")))
        return lines
    lines.append(translate("Cli", "Redemptions:"))
    for used in voucher.redemptions:
        order = used.order_code or used.order_id or "?"
        lines.append(
            "  "
            + "  ".join(
                (
                    formatting.date_time(used.usage_date),
                    formatting.money_of(used.redeemed_value, voucher.currency),
                    fill(translate("Cli", "order {code}"), code=order),
                )
            )
        )
    return lines


def words_lines(words: wording.Words) -> list[str]:
    lines = [_field(translate("Cli", "Verdict"), words.title)]
    if words.detail:
        lines.append(_field(translate("Cli", "Details"), words.detail))
    if words.next_step:
        lines.append(_field(translate("Cli", "Next step"), words.next_step))
    return lines


def ticket_lines(result: CheckResult) -> list[str]:
    """An open-date ticket: experience, price, customer, status."""
    ticket = result.ticket
    assert ticket is not None
    lines = [
        _field(translate("Cli", "Code"), ticket.code or ticket.id),
        _field(translate("Cli", "Kind"), wording.kind_name(result.kind)),
        _field(
            translate("Cli", "Experience"), result.event.title if result.event is not None else "–"
        ),
        _field(translate("Cli", "Price"), ticket.price_title or "–"),
    ]
    if ticket.customer_name:
        lines.append(_field(translate("Cli", "Customer"), ticket.customer_name))
    lines.append(
        _field(translate("Cli", "Status"), wording.status_word(result.kind, ticket.status))
    )
    return lines


def pass_lines(result: CheckResult) -> list[str]:
    """A pass: title, experience, entries left of the total, status."""
    sold = result.sold_pass
    assert sold is not None
    flex = sold.flex
    left = wording.entries_left(
        flex.redemption_available, flex.redemption_total, unlimited=flex.unlimited
    )
    return [
        _field(translate("Cli", "Code"), flex.code),
        _field(translate("Cli", "Kind"), wording.kind_name(result.kind)),
        _field(translate("Cli", "Title"), flex.title or "–"),
        _field(
            translate("Cli", "Experience"), result.event.title if result.event is not None else "–"
        ),
        _field(translate("Cli", "Entries"), left),
        _field(translate("Cli", "Status"), wording.status_word(result.kind, flex.status)),
    ]


def check_lines(result: CheckResult) -> list[str]:
    if result.rejected is not None:
        return words_lines(wording.rejected(result.rejected))
    lines = voucher_lines(result.voucher) if result.voucher is not None else []
    if result.ticket is not None:
        lines = ticket_lines(result)
    elif result.sold_pass is not None:
        lines = pass_lines(result)
    lines += words_lines(wording.verdict(result.verdict))
    if result.suggestions:
        lines.append(_field(translate("Cli", "Did you mean"), ", ".join(result.suggestions)))
    return lines


def refusal_line(refusal: QuoteRefusal) -> str:
    return fill(translate("Cli", "Cannot book: {reason}"), reason=wording.quote_refusal(refusal))


def quote_lines(quote: Quote) -> list[str]:
    lines = [f"{quote.event_title}, {formatting.date_time(quote.starts_at)}"]
    for line in quote.lines:
        lines.append(f"  {line.count} x {line.title:<20} {money(line.subtotal)}")
    lines += [
        _field(translate("Cli", "Total"), money(quote.total)),
        _field(translate("Cli", "Drawn from voucher"), money(quote.drawn)),
        _field(translate("Cli", "Top-up due"), money(quote.top_up)),
        _field(translate("Cli", "Value left after"), money(quote.value_left)),
    ]
    return lines


def _settle_hint() -> str:
    return translate(
        "Cli",
        "Do not book again. Run `voucherdesk journal --reconcile` until the outcome is known.",
    )


def redeem_at_counter() -> str:
    """``redeem`` books value vouchers; tickets and passes are redeemed in the window."""
    return translate(
        "Cli",
        "This is not a value voucher: redeem open-date tickets and passes at the counter window.",
    )


def outcome_lines(outcome: RedemptionOutcome) -> list[str]:
    words = wording.outcome(outcome)
    next_step = _settle_hint() if outcome.kind is OutcomeKind.UNKNOWN else words.next_step
    lines = [_field(translate("Cli", "Result"), words.title)]
    if words.detail:
        lines.append(_field(translate("Cli", "Details"), words.detail))
    if outcome.booking_code:
        lines.append(_field(translate("Cli", "Booking"), outcome.booking_code))
    if outcome.drawn is not None and outcome.kind is OutcomeKind.DONE:
        lines.append(_field(translate("Cli", "Drawn"), money(outcome.drawn)))
    if outcome.top_up is not None and not outcome.top_up.is_zero:
        lines.append(_field(translate("Cli", "Top-up due"), money(outcome.top_up)))
    if outcome.value_left is not None and outcome.kind is OutcomeKind.DONE:
        lines.append(_field(translate("Cli", "Value left"), money(outcome.value_left)))
    if next_step:
        lines.append(_field(translate("Cli", "Next step"), next_step))
    lines.append(_field(translate("Cli", "Journal key"), outcome.key))
    return lines


def reconciled_line(outcome: RedemptionOutcome) -> str:
    return fill(
        translate("Cli", "Settled {key}: {result}"),
        key=outcome.key,
        result=wording.outcome(outcome).title,
    )


def undo_lines(outcome: UndoOutcome) -> list[str]:
    return [wording.undo_result(outcome)]


def error_text(exc: BaseException) -> str:
    """An error that stopped a command, in one or two sentences."""
    words = wording.error(exc, during_write=True)
    return " ".join(part for part in (words.title + ":", words.detail, words.next_step) if part)


def journal_line(entry: JournalEntry) -> str:
    return (
        f"{formatting.date_time(entry.created_at)}  {wording.entry_state(entry.state):<20} "
        f"{entry.voucher_code:<20} {wording.entry_used(entry):>12}  "
        f"{entry.booking_code or '-':<10} {entry.key}"
    )


def _totals(values: tuple[Money, ...]) -> str:
    return " + ".join(money(v) for v in values) if values else money(None)


def report_lines(report: ShiftReport) -> list[str]:
    """The end-of-shift summary: open entries first, then counts and per-currency totals."""
    lines = [
        fill(
            translate("Cli", "End-of-shift report {day}, counter {counter}"),
            day=formatting.day(report.day),
            counter=report.counter_id,
        )
    ]
    if report.needs_checking:
        lines.append(
            fill(
                translate("Cli", "NEEDS CHECKING in bookingkit ({count}):"),
                count=len(report.needs_checking),
            )
        )
        lines += [f"  {journal_line(entry)}" for entry in report.needs_checking]
    else:
        lines.append(translate("Cli", "Every redemption of this day is settled."))
    lines += [
        _field(translate("Cli", "Redemptions done"), formatting.count(report.redemptions)),
        _field(translate("Cli", "Drawn from vouchers"), _totals(report.drawn)),
        _field(translate("Cli", "Top-ups taken"), _totals(report.top_ups)),
        _field(translate("Cli", "Open-date tickets"), formatting.count(report.tickets)),
        _field(
            translate("Cli", "Bookings with a pass"),
            fill(
                translate("Cli", "{count} ({entries})"),
                count=formatting.count(report.pass_bookings),
                entries=wording.entries(report.pass_entries),
            ),
        ),
        _field(translate("Cli", "Undone (not counted)"), formatting.count(len(report.undone))),
        _field(translate("Cli", "Refused"), formatting.count(report.refused)),
        _field(translate("Cli", "Stopped before send"), formatting.count(report.abandoned)),
    ]
    undone = translate("Cli", "undone")
    for entry in report.undone:
        top_up = entry.top_up
        back = (
            fill(translate("Cli", "hand back {amount}"), amount=money(top_up))
            if top_up is not None and not top_up.is_zero
            else ""
        )
        lines.append(f"  {undone} {journal_line(entry)} {back}".rstrip())
    return lines


# --- messages of single commands ------------------------------------------------------------


def confirm_question() -> str:
    return translate("Cli", "Book and pay with the voucher? [y/N] ")


def yes_words() -> set[str]:
    """What counts as "yes" at a prompt, in English and the counter's language."""
    return {"y", "yes", *translate("Cli", "y,yes").split(",")}


def not_confirmed() -> str:
    return translate("Cli", "Not confirmed (use --yes when there is no terminal).")


def nothing_booked() -> str:
    return translate("Cli", "Nothing booked.")


def nothing_cancelled() -> str:
    return translate("Cli", "Nothing cancelled.")


def undo_question(entry: JournalEntry) -> str:
    return wording.undo_question(entry) + "\n" + translate("Cli", "Cancel it? [y/N] ")


def no_redemptions() -> str:
    return translate("Cli", "No redemptions.")


def pin_prompt() -> str:
    return translate("Cli", "Counter PIN: ")


def pin_needed() -> str:
    return translate("Cli", "This step needs the counter's PIN: run it in a terminal.")


def acknowledged_line(entry: JournalEntry) -> str:
    return fill(
        translate("Cli", "Acknowledged {key}: redemptions go on."),
        key=entry.booking_code or entry.key,
    )


def alarm_line(entry: JournalEntry) -> str:
    return fill(
        translate(
            "Cli",
            "REDEMPTIONS STOPPED: booking {code} drew otherwise than quoted. Check it in "
            "bookingkit, then run `voucherdesk journal --acknowledge {key}`.",
        ),
        code=entry.booking_code or "–",
        key=entry.key,
    )


def assigned_line(count: int, environment: str) -> str:
    return fill(
        translate("Cli", "{count} entries now belong to {environment}."),
        count=formatting.count(count),
        environment=environment,
    )


def other_environments_heading(count: int) -> str:
    return fill(
        translate(
            "Cli",
            "Open entries of another bookingkit environment ({count}), not settled from here:",
        ),
        count=formatting.count(count),
    )


def environment_of(entry: JournalEntry) -> str:
    if entry.base_url is None:
        return translate("Cli", "environment unknown")
    return f"{entry.environment or '?'} {entry.base_url}"


# --- login and logout -------------------------------------------------------------------------


def client_id_prompt() -> str:
    return translate("Cli", "Client id: ")


def secret_prompt() -> str:
    return translate("Cli", "Client secret: ")


def credentials_needed() -> str:
    return translate("Cli", "Client id and client secret are both needed.")


def address_refused(refused: AddressRefused) -> str:
    return fill(
        translate("Cli", "Cannot use this bookingkit address: {reason}"),
        reason=wording.address_refused(refused.problem),
    )


def setup_failed(failed: SetupFailed) -> str:
    return wording.setup_failed(failed)


def connected(environment: str, vendors: tuple[str, ...]) -> str:
    return (
        wording.connected(environment, vendors)
        + " "
        + translate("Cli", "The credentials are in the keyring.")
    )


def forgotten(environment: str) -> str:
    return fill(
        translate("Cli", "Forgot the bookingkit credentials for {environment}."),
        environment=environment,
    )
