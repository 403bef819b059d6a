"""Words for what a scan shows: the verdict on a voucher, a refused input, a refused quote."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.bookingkit import guesses
from voucherdesk.desk.codes import MAX_CODE_LENGTH, Rejected, RejectReason
from voucherdesk.desk.quote import QuoteProblem, QuoteRefusal
from voucherdesk.desk.verdict import Verdict, VerdictKind
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import Words, fill, money, translate
from voucherdesk.ui.wording.kinds import pass_verdict, ticket_verdict


def _pick_experience() -> str:
    return translate("Wording", "Pick the experience and the date.")


def _ask_other_payment() -> str:
    return translate("Wording", "Ask for another voucher or another way to pay.")


def verdict(facts: Verdict) -> Words:
    kind = facts.kind
    if kind is VerdictKind.USABLE:
        return Words(
            translate("Wording", "Good"),
            fill(translate("Wording", "{left} available."), left=money(facts.remaining)),
            _pick_experience(),
        )
    if kind is VerdictKind.PARTLY_USED:
        return Words(
            translate("Wording", "Partly used"),
            fill(
                translate("Wording", "{left} left of {value}."),
                left=money(facts.remaining),
                value=money(facts.value),
            ),
            _pick_experience(),
        )
    if kind is VerdictKind.USED_UP:
        return Words(
            translate("Wording", "Used up"),
            translate("Wording", "Nothing is left on this voucher."),
            _ask_other_payment(),
        )
    if kind is VerdictKind.NO_VALUE:
        return Words(
            translate("Wording", "No value"),
            translate(
                "Wording",
                "bookingkit shows no value for this voucher, so nothing can be drawn from it.",
            ),
            translate("Wording", "Check the voucher in bookingkit's admin pages."),
        )
    if kind is VerdictKind.CANCELLED:
        return Words(
            translate("Wording", "Cancelled"),
            translate("Wording", "This voucher was cancelled in bookingkit."),
            _ask_other_payment(),
        )
    if kind is VerdictKind.EXPIRED:
        return Words(
            translate("Wording", "Expired"),
            fill(
                translate("Wording", "This voucher expired on {day}."),
                day=formatting.date_only(facts.valid_until),
            ),
            _ask_other_payment(),
        )
    if kind is VerdictKind.WRONG_CURRENCY:
        return Words(
            translate("Wording", "Other currency"),
            fill(
                translate(
                    "Wording", "This voucher is in {voucher}; this counter sells in {counter}."
                ),
                voucher=facts.currency or "?",
                counter=facts.counter_currency or "?",
            ),
            _ask_other_payment(),
        )
    if kind is VerdictKind.UNKNOWN_STATUS:
        return Words(
            translate("Wording", "Status not known"),
            fill(
                translate(
                    "Wording",
                    "bookingkit marks this voucher as \u201c{status}\u201d, which VoucherDesk "
                    "does not redeem.",
                ),
                status=facts.status or "",
            ),
            translate("Wording", "Check the voucher in bookingkit's admin pages."),
        )
    if kind is VerdictKind.UNKNOWN_CODE:
        return Words(
            translate("Wording", "Unknown code"),
            translate("Wording", "bookingkit has no voucher, ticket or pass with this code."),
            translate("Wording", "Check the code for typing errors or scan it again."),
        )
    if kind in (
        VerdictKind.TICKET_OPEN,
        VerdictKind.TICKET_DEPLETED,
        VerdictKind.TICKET_EXPIRED,
        VerdictKind.TICKET_INACTIVE,
        VerdictKind.TICKET_UNKNOWN_STATUS,
    ):
        return ticket_verdict(facts)
    if kind in (
        VerdictKind.PASS_USABLE,
        VerdictKind.PASS_NO_ENTRIES,
        VerdictKind.PASS_CANCELLED,
        VerdictKind.PASS_PENDING,
        VerdictKind.PASS_UNKNOWN_STATUS,
    ):
        return pass_verdict(facts)
    assert_never(kind)


def rejected(facts: Rejected) -> Words:
    reason = facts.reason
    if reason is RejectReason.EMPTY:
        detail = translate("Wording", "Nothing was scanned.")
    elif reason is RejectReason.TOO_LONG:
        detail = fill(
            translate(
                "Wording",
                "The scan is {length} characters long; a voucher code has at most {most}.",
            ),
            length=formatting.count(facts.length),
            most=formatting.count(MAX_CODE_LENGTH),
        )
    elif reason is RejectReason.CONTROL_CHARACTERS:
        detail = translate(
            "Wording", "The scan contains control characters; check the scanner's settings."
        )
    elif reason is RejectReason.NOT_PRINTABLE:
        detail = translate("Wording", "The scan contains characters no voucher code has.")
    elif reason is RejectReason.NO_CODE_IN_LINK:
        return Words(
            translate("Wording", "No code in this link"),
            translate(
                "Wording",
                "The scan is a web link, but the voucher code is not where the scanner "
                "settings look for it.",
            ),
            translate(
                "Wording",
                "Type the code printed on the voucher, or set where links carry the code "
                "(Settings, QR codes and links).",
            ),
        )
    elif reason is RejectReason.OTHER_LINK:
        detail = translate(
            "Wording",
            "The scan is a link or data of another kind (an e-mail address, a phone number, "
            "Wi-Fi access), not a voucher.",
        )
    else:
        assert_never(reason)
    return Words(
        translate("Wording", "Not a voucher code"),
        detail,
        translate("Wording", "Scan again, or type the code."),
    )


def quote_refusal(facts: QuoteRefusal) -> str:
    problem = facts.problem
    if problem is QuoteProblem.PAST:
        return translate("Wording", "This date has already started.")
    if problem is QuoteProblem.FULL:
        return translate("Wording", "This date is fully booked. Pick another date.")
    if problem is QuoteProblem.LEAD_TIME:
        return fill(
            translate(
                "Wording", "Bookings for this date close {minutes} minutes before the start."
            ),
            minutes=formatting.count(facts.lead_minutes or 0),
        )
    if problem is QuoteProblem.NOT_ENOUGH_PLACES:
        return fill(
            translate("Wording", "Only {free} places are free for {wanted} participants."),
            free=formatting.count(facts.free_places or 0),
            wanted=formatting.count(facts.wanted_places or 0),
        )
    if problem is QuoteProblem.NO_PARTICIPANTS:
        return translate("Wording", "Choose at least one participant.")
    if problem is QuoteProblem.UNKNOWN_PRICE:
        return translate("Wording", "This experience has no such price category.")
    if problem is QuoteProblem.WRONG_CURRENCY:
        return fill(
            translate("Wording", "{price} costs {price_currency}; the voucher is in {currency}."),
            price=facts.price_title,
            price_currency=facts.price_currency,
            currency=facts.voucher_currency,
        )
    if problem is QuoteProblem.VOUCHER_NOT_USABLE:
        if facts.verdict is None:
            return translate("Wording", "This voucher cannot be used.")
        return verdict(facts.verdict).detail
    if problem is QuoteProblem.PRODUCT_NOT_OFFERED:
        if facts.product_title:
            return fill(
                translate("Wording", "{product} goes only with other price categories."),
                product=facts.product_title,
            )
        return translate("Wording", "This add-on is not offered with this experience.")
    if problem is QuoteProblem.PRODUCT_STOCK:
        return fill(
            translate("Wording", "Only {available} of {product} are left, not {wanted}."),
            available=formatting.count(facts.product_available or 0),
            product=facts.product_title,
            wanted=formatting.count(facts.product_wanted or 0),
        )
    if problem is QuoteProblem.NAME_TOO_SHORT:
        return fill(
            translate("Wording", "The name needs at least {count} characters, or leave it empty."),
            count=formatting.count(facts.name_min or 2),
        )
    if problem is QuoteProblem.EMAIL_INVALID:
        return translate("Wording", "This is not an e-mail address. Correct it or leave it empty.")
    if problem is QuoteProblem.TOO_MANY_ANSWERS:
        return fill(
            translate(
                "Wording", "There are more answers ({answers}) than participants ({participants})."
            ),
            answers=formatting.count(facts.answers or 0),
            participants=formatting.count(facts.participants or 0),
        )
    assert_never(problem)


def voucher_status(raw: str | None) -> str:
    """bookingkit's status word in the clerk's language; an unknown word is shown as it is."""
    if not raw:
        return "–"
    if raw in guesses.VOUCHER_STATUS_ACTIVE:
        return translate("Wording", "active")
    if raw in guesses.VOUCHER_STATUS_USED_UP:
        return translate("Wording", "inactive (used up)")
    if raw in guesses.VOUCHER_STATUS_CANCELLED:
        return translate("Wording", "cancelled")
    return raw


def top_up_method(method: str | None) -> str:
    """How the customer pays the top-up, as the clerk says it."""
    if method == "Cash":
        return translate("Wording", "cash")
    if method == "ThirdParty":
        return translate("Wording", "card or other payment")
    if method == "MobileApp":
        return translate("Wording", "mobile app")
    return method or "–"
