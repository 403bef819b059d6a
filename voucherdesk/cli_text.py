"""The command line's edge: the desk's facts as plain-text lines, in the counter's language.

The sentences about vouchers, outcomes and errors are the window's own (``ui/wording``), so
the CLI and the window never tell two stories; this module lays them out as lines and adds
what only a terminal needs (which command settles an open redemption). Call
:func:`start_language` once before printing anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from voucherdesk.cli_choices import Refusal, Refused, echo
from voucherdesk.desk.flow import leaves_top_up
from voucherdesk.desk.outcomes import OutcomeKind, RedemptionOutcome
from voucherdesk.not_configured import NotConfigured, NotConfiguredReason
from voucherdesk.placeholders import fill
from voucherdesk.ui import wording
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.i18n import LanguageChoice, install_translations

if TYPE_CHECKING:
    from voucherdesk.bookingkit.environments import AddressRefused
    from voucherdesk.bookingkit.models import Voucher
    from voucherdesk.desk.desk import CheckResult
    from voucherdesk.desk.journal import JournalEntry
    from voucherdesk.desk.quote import Quote, QuoteRefusal
    from voucherdesk.desk.shift_report import ShiftReport
    from voucherdesk.desk.undo import UndoOutcome
    from voucherdesk.desk.venue_report import VenueReport
    from voucherdesk.local_files import FileProblem
    from voucherdesk.money import Money
    from voucherdesk.setup_check import SetupFailed

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
    for add_on in quote.products:
        lines.append(f"  {add_on.count} x {add_on.title:<20} {money(add_on.subtotal)}")
    lines += details_lines(quote)
    lines += [
        _field(translate("Cli", "Total"), money(quote.total)),
        _field(translate("Cli", "Drawn from voucher"), money(quote.drawn)),
        _field(translate("Cli", "Top-up due"), money(quote.top_up)),
        _field(translate("Cli", "Value left after"), money(quote.value_left)),
    ]
    return lines


def details_lines(quote: Quote) -> list[str]:
    """The customer, the comment and each participant's answer, when the booking has them."""
    details = quote.details
    lines = []
    if details.customer_name:
        lines.append(_field(translate("Cli", "Name"), details.customer_name))
    if details.customer_email:
        lines.append(_field(translate("Cli", "E-mail"), details.customer_email))
    if details.comment:
        lines.append(_field(translate("Cli", "Comment"), details.comment))
    for number, (seat, answer) in enumerate(
        zip(quote.seats, details.answers, strict=False), start=1
    ):
        if answer:
            lines.append(_field(f"{formatting.count(number)}. {seat}", answer))
    return lines


def add_on_refused(spec: str, names: list[str], *, readable: bool, fits: list[str]) -> str:
    """Why ``--product spec`` was not taken, with the add-ons to choose from."""
    if not names:
        return fill(
            translate("Cli", "Cannot book {spec}: no add-ons are offered with this experience."),
            spec=spec,
        )
    if not readable:
        text = translate(
            "Cli", "Cannot read {spec} (use NAME=N). Add-ons of this experience: {names}"
        )
    elif fits:
        text = translate("Cli", "{spec} fits several add-ons: {names}. Name one of them.")
    else:
        text = translate("Cli", "No add-on of this experience is called {spec}. Add-ons: {names}")
    return fill(text, spec=spec, names=", ".join(fits or names))


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
    """One settled redemption: with its booking code, and the top-up to collect when it
    leaves one (bookingkit records it as paid: the money must not be forgotten)."""
    line = fill(
        translate("Cli", "Settled {key}: {result}"),
        key=outcome.key,
        result=wording.outcome(outcome).title,
    )
    if outcome.booking_code:
        line += " " + fill(translate("Cli", "(booking {code})"), code=outcome.booking_code)
    if outcome.kind is OutcomeKind.DONE and leaves_top_up(outcome) and outcome.top_up:
        line += " " + fill(
            translate("Cli", "Collect the top-up of {amount}."), amount=money(outcome.top_up)
        )
    return line


def undo_lines(outcome: UndoOutcome) -> list[str]:
    """A top-up the journal does not hold as taken is not paid back."""
    return [wording.undo_result(outcome, top_up_taken=outcome.top_up_taken)]


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
    if report.top_ups_not_taken:
        lines.append(
            fill(
                translate("Cli", "TOP-UPS NOT CONFIRMED AS TAKEN ({count}), paid in bookingkit:"),
                count=len(report.top_ups_not_taken),
            )
        )
        left = translate("Cli", "left unpaid")
        lines += [
            f"  {journal_line(entry)}  {money(entry.top_up)}"
            + (f"  {left} {entry.top_up_left_by or ''}".rstrip() if entry.top_up_left_at else "")
            for entry in report.top_ups_not_taken
        ]
    if report.all_settled:
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
        back = (
            fill(translate("Cli", "hand back {amount}"), amount=money(entry.top_up))
            if entry.top_up_was_taken
            else ""
        )
        lines.append(f"  {undone} {journal_line(entry)} {back}".rstrip())
    return lines


def venue_report_lines(report: VenueReport) -> list[str]:
    """Every counter's voucher orders of the day, as bookingkit holds them, then all together."""
    from voucherdesk.ui.wording import venue

    lines = [
        fill(
            translate(
                "Cli", "Venue report {day}: voucher orders of every counter, from bookingkit"
            ),
            day=formatting.day(report.day),
        ),
        venue.visibility(report),
    ]
    if not report.counters:
        lines.append(translate("Cli", "No counter booked anything on this day."))
    for counter in (*report.counters, report.totals):
        lines += [
            venue.counter_name(counter),
            _field(translate("Cli", "  Orders"), formatting.count(counter.orders)),
            _field(translate("Cli", "  Drawn"), venue.totals(counter.drawn)),
            _field(translate("Cli", "  Top-ups"), venue.totals(counter.top_ups)),
            _field(translate("Cli", "  Cancelled"), venue.cancelled(counter)),
        ]
    lines.append(venue.footnote(report))
    return lines


def venue_files_refused() -> str:
    return translate("Cli", "--csv and --pdf belong to this counter's report, not to --venue.")


# --- messages of single commands ------------------------------------------------------------


def confirm_question() -> str:
    return translate("Cli", "Book and pay with the voucher? [y/N] ")


def yes_words() -> set[str]:
    """What counts as "yes" at a prompt, in English and the counter's language."""
    return {"y", "yes", *translate("Cli", "y,yes").split(",")}


def not_confirmed() -> str:
    return translate("Cli", "Not confirmed (use --yes when there is no terminal).")


def top_up_taken_question(top_up: Money) -> str:
    return fill(translate("Cli", "Top-up of {amount} taken? [y/N] "), amount=money(top_up))


def top_up_noted() -> str:
    return translate("Cli", "Top-up noted as taken.")


def top_up_not_noted() -> str:
    return translate(
        "Cli",
        "Top-up not noted as taken: the shift report lists it, and the counter window asks"
        " for it at its next start.",
    )


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


# --- what the command line named, refused ---------------------------------------------------


def _choices_heading(refusal: Refusal) -> str:
    if refusal in (Refusal.EVENT_UNKNOWN, Refusal.EVENT_AMBIGUOUS):
        return translate("Cli", "Events:")
    if refusal in (Refusal.DATE_UNREADABLE, Refusal.DATE_UNKNOWN, Refusal.DATE_AMBIGUOUS):
        return translate("Cli", "Dates (start in UTC, free places):")
    return translate("Cli", "Prices of this event:")


def _choices_tail(refused: Refused) -> str:
    if not refused.choices:
        return ""
    listed = "\n".join(f"  {choice}" for choice in refused.choices)
    more = (
        "\n" + fill(translate("Cli", "  … and {count} more"), count=formatting.count(refused.more))
        if refused.more
        else ""
    )
    return "\n" + _choices_heading(refused.refusal) + "\n" + listed + more


def refused_text(refused: Refused) -> str:
    """Why an argument was not taken, with the choices there are (never a guess)."""
    kind, given = refused.refusal, refused.given
    if kind is Refusal.EVENT_UNKNOWN:
        text = fill(translate("Cli", "No event matches --event {given}."), given=repr(given))
    elif kind is Refusal.EVENT_AMBIGUOUS:
        text = fill(
            translate("Cli", "--event {given} fits more than one event; name one exactly."),
            given=repr(given),
        )
    elif kind is Refusal.DATE_UNREADABLE:
        text = fill(
            translate(
                "Cli",
                "--date {given} is neither a date id nor a start written YYYY-MM-DDTHH:MM "
                "(UTC, digits 0-9).",
            ),
            given=repr(given),
        )
    elif kind is Refusal.DATE_UNKNOWN:
        text = fill(
            translate("Cli", "This event has no date {given} in the next weeks."),
            given=repr(given),
        )
    elif kind is Refusal.DATE_AMBIGUOUS:
        text = fill(
            translate("Cli", "--date {given} fits more than one date; give the start time."),
            given=repr(given),
        )
    elif kind is Refusal.PARTICIPANTS_UNREADABLE:
        text = fill(
            translate(
                "Cli",
                "Cannot read {given}: write PRICE=N, with N in the digits 0-9 (e.g. Adult=2).",
            ),
            given=repr(given),
        )
    elif kind is Refusal.COUNT_TOO_LARGE:
        text = fill(
            translate("Cli", "{given}: at most {limit} participants per price."),
            given=repr(given),
            limit=formatting.count(refused.limit),
        )
    elif kind is Refusal.PRICE_UNKNOWN:
        text = fill(translate("Cli", "{given}: this event has no such price."), given=repr(given))
    elif kind is Refusal.PRICE_AMBIGUOUS:
        text = fill(
            translate("Cli", "{given} names more than one price; use the price's id."),
            given=repr(given),
        )
    elif kind is Refusal.PRICE_TWICE:
        text = fill(
            translate("Cli", "{given}: this price is named twice; name each price once."),
            given=repr(given),
        )
    elif kind is Refusal.DAY_UNREADABLE:
        text = fill(
            translate("Cli", "--day {given} is not a day written YYYY-MM-DD (digits 0-9)."),
            given=repr(given),
        )
    else:
        assert_never(kind)
    return text + _choices_tail(refused)


def usage_error(detail: str) -> str:
    """argparse could not read the command line (its own detail, in English)."""
    return fill(
        translate("Cli", "Cannot read the command line: {detail}. See `voucherdesk --help`."),
        detail=echo(detail),
    )


def url_needs_custom() -> str:
    return translate("Cli", "--url is only for --environment custom.")


def environment_needed(problem: str) -> str:
    return fill(
        translate(
            "Cli",
            "{problem} Say which bookingkit to connect: --environment production, sandbox or "
            "custom --url ADDRESS.",
        ),
        problem=problem,
    )


def credentials_unusable() -> str:
    return translate(
        "Cli",
        "The client id and secret cannot hold control characters, and are at most 1,000 "
        "characters long.",
    )


def no_entry(key: str) -> str:
    return fill(translate("Cli", "This counter's journal has no entry {key}."), key=repr(echo(key)))


def written(kind: str, path: str) -> str:
    """A report file was written (``kind`` is CSV or PDF)."""
    return fill(translate("Cli", "{kind} written to {path}"), kind=kind, path=echo(path))


def not_written(exc: OSError) -> str:
    return fill(
        translate("Cli", "Could not write the report: {reason}"),
        reason=exc.strerror or type(exc).__name__,
    )


def guess_line(guess: str, status: str, title: str, detail: str) -> str:
    words = {
        "confirmed": translate("Cli", "confirmed"),
        "contradicted": translate("Cli", "contradicted"),
        "unknown": translate("Cli", "unknown"),
    }
    return f"{guess:<4} {words.get(status, status):<12} {title}: {detail}"


# --- files and a counter that cannot open ---------------------------------------------------


def file_problem_line(problem: FileProblem) -> str:
    return fill(translate("Cli", "Note: {text}"), text=wording.file_problem(problem))


def not_configured(exc: NotConfigured) -> str:
    """Why the real counter did not open, with the command that fixes it."""
    words = wording.not_configured(exc)
    reason = exc.reason
    if reason is NotConfiguredReason.NO_CREDENTIALS:
        step = translate("Cli", "Run `voucherdesk login` first (or use --demo).")
    elif reason is NotConfiguredReason.ADDRESS_REFUSED:
        step = translate(
            "Cli",
            "Run `voucherdesk login --environment custom --url ADDRESS` with a valid address.",
        )
    else:
        step = translate(
            "Cli",
            "Run `voucherdesk login --environment …` to confirm which bookingkit this counter "
            "works with; real redemptions are off until then.",
        )
    return f"{words.title}: {words.detail} {step}"


def pin_wait(seconds: int) -> str:
    return fill(
        translate("Cli", "Too many wrong PINs. Try again in {seconds} s."),
        seconds=formatting.count(seconds),
    )


def pin_wrong() -> str:
    return translate("Cli", "Wrong PIN. Nothing was changed.")


def port_out_of_range() -> str:
    return translate("Cli", "--port must be 0 to 65535.")


def page_cap_too_small() -> str:
    return translate("Cli", "--page-cap must be at least 1.")


def standin_clients(problem: str) -> str:
    return fill(translate("Cli", "Cannot read the API clients: {problem}"), problem=problem)


def standin_failed(exc: OSError) -> str:
    return fill(
        translate("Cli", "The stand-in could not start: {reason}"),
        reason=exc.strerror or type(exc).__name__,
    )


def settings_damaged_line() -> str:
    return translate(
        "Cli", "The settings were damaged, so this counter's environment is not known."
    )
