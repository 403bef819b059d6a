"""Words for what a redemption ended in: one headline, the facts, and the next step per case."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.desk.outcomes import OutcomeCase, PriceChange, RedemptionOutcome
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import Words, fill, money, translate
from voucherdesk.ui.wording.errors import error
from voucherdesk.ui.wording.voucher import top_up_method, verdict


def _do_not_book_again() -> str:
    return translate(
        "Wording", "Do not book again. Use \u201cCheck again\u201d until the outcome is known."
    )


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(codes) or "–"


def _error_title(exc: Exception | None) -> str:
    return error(exc).title if exc is not None else "–"


def _price_change(change: PriceChange) -> str:
    if change.now is None:
        return fill(
            translate("Wording", "{price} is no longer offered."), price=change.title or "–"
        )
    return fill(
        translate("Wording", "{price}: {quoted} before, {now} now."),
        price=change.title or "–",
        quoted=money(change.quoted),
        now=money(change.now),
    )


def _collect(outcome: RedemptionOutcome) -> str:
    return fill(
        translate("Wording", "Collect {amount} ({method}), then hand over the booking code."),
        amount=money(outcome.top_up),
        method=top_up_method(outcome.top_up_method),
    )


def outcome(o: RedemptionOutcome, *, top_up_taken: bool = False) -> Words:
    """The words for one outcome; every case has its own (a test checks it). After the clerk
    confirmed the top-up as taken (``top_up_taken``), a booking needs nothing more."""
    case = o.case
    if case is OutcomeCase.BOOKED:
        if o.top_up is not None and top_up_taken:
            return Words(
                translate("Wording", "Booked — top-up taken"),
                next_step=translate("Wording", "Hand over the booking code."),
            )
        if o.top_up is not None:
            return Words(translate("Wording", "Booked — top-up due"), next_step=_collect(o))
        return Words(
            translate("Wording", "Booked"),
            next_step=translate("Wording", "Hand over the booking code."),
        )
    if case is OutcomeCase.BOOKED_TOP_UP_REFUSED:
        return Words(
            translate("Wording", "Booked — top-up not recorded"),
            fill(
                translate("Wording", "bookingkit did not record the top-up: {message}"),
                message=o.server_message or "–",
            ),
            fill(
                translate(
                    "Wording",
                    "Collect {amount} and record the payment in bookingkit by hand.",
                ),
                amount=money(o.top_up),
            ),
        )
    if case is OutcomeCase.BOOKED_NOT_RECORDED:
        collect = (
            fill(translate("Wording", "Collect {amount}."), amount=money(o.top_up))
            if o.top_up is not None
            else ""
        )
        return Words(
            translate("Wording", "Booked — not recorded on this computer"),
            translate(
                "Wording",
                "The booking went through, but this computer could not write it to its "
                "journal. VoucherDesk checks it again when the journal works.",
            ),
            " ".join(
                part
                for part in (
                    collect,
                    translate("Wording", "Hand over the booking code and note it down."),
                )
                if part
            ),
        )
    if case is OutcomeCase.TOP_UP_UNCONFIRMED:
        return Words(
            translate("Wording", "Booked — top-up not confirmed"),
            fill(
                translate(
                    "Wording",
                    "The booking went through. Whether bookingkit recorded the top-up of "
                    "{amount} is not known yet.",
                ),
                amount=money(o.top_up),
            ),
            fill(
                translate(
                    "Wording",
                    "Collect {amount} and hand over the booking code. Do not book again.",
                ),
                amount=money(o.top_up),
            ),
        )
    if case is OutcomeCase.NO_ANSWER_YET:
        return Words(
            translate("Wording", "Outcome unknown"),
            translate(
                "Wording",
                "The booking was sent but no answer came back. It may or may not have been made.",
            ),
            _do_not_book_again(),
        )
    if case is OutcomeCase.LOOKUP_FAILED:
        return Words(
            translate("Wording", "Outcome unknown"),
            fill(
                translate(
                    "Wording",
                    "bookingkit could not be asked whether the booking was made ({problem}).",
                ),
                problem=_error_title(o.error),
            ),
            _do_not_book_again(),
        )
    if case is OutcomeCase.EARLIER_UNSETTLED:
        return Words(
            translate("Wording", "Earlier booking still open"),
            translate(
                "Wording",
                "An earlier redemption of this voucher has no known outcome yet, so nothing "
                "was sent now.",
            ),
            _do_not_book_again(),
        )
    if case is OutcomeCase.SEVERAL_ORDERS:
        return Words(
            translate("Wording", "Needs attention — several orders"),
            fill(
                translate(
                    "Wording",
                    "bookingkit holds {count} orders for this one redemption ({codes}); the "
                    "voucher may have been drawn more than once.",
                ),
                count=formatting.count(len(o.order_codes)),
                codes=_codes(o.order_codes),
            ),
            translate(
                "Wording", "Cancel all but one of these orders in bookingkit, then check again."
            ),
        )
    if case is OutcomeCase.DRAWN_MISMATCH:
        return Words(
            translate("Wording", "Needs attention — voucher drawn differently"),
            fill(
                translate(
                    "Wording",
                    "{quoted} was to be drawn from the voucher; bookingkit's order shows "
                    "{drawn}. The voucher now holds {left}.",
                ),
                quoted=money(o.quote.drawn),
                drawn=money(o.drawn),
                left=money(o.value_left),
            ),
            translate(
                "Wording",
                "Check this booking in bookingkit. Real redemptions stay stopped until someone "
                "with the counter's PIN acknowledges it.",
            ),
        )
    if case is OutcomeCase.REDEMPTIONS_STOPPED:
        return Words(
            translate("Wording", "Redemptions stopped"),
            fill(
                translate(
                    "Wording",
                    "Booking {code} drew otherwise from its voucher than quoted. Nothing was "
                    "sent now.",
                ),
                code=o.booking_code or o.key,
            ),
            translate(
                "Wording",
                "Someone with the counter's PIN checks that booking in bookingkit and "
                "acknowledges it in the history; then redeem again.",
            ),
        )
    if case is OutcomeCase.PRICE_CHANGED:
        changes = " ".join(_price_change(c) for c in o.price_changes)
        return Words(
            translate("Wording", "Price changed"),
            changes + " " + translate("Wording", "Nothing was booked."),
            translate("Wording", "Show the customer the new price and confirm again."),
        )
    if case is OutcomeCase.BALANCE_CHANGED:
        return Words(
            translate("Wording", "Voucher balance changed"),
            fill(
                translate(
                    "Wording",
                    "The voucher now holds {now} instead of {before} (it was used elsewhere "
                    "meanwhile). Nothing was booked.",
                ),
                now=money(o.balance_now),
                before=money(o.quote.remaining_before),
            ),
            translate("Wording", "Show the customer the new quote and confirm again."),
        )
    if case is OutcomeCase.REREAD_FAILED:
        return Words(
            translate("Wording", "Not booked"),
            fill(
                translate(
                    "Wording",
                    "The voucher or its prices could not be read again ({problem}). Nothing "
                    "was sent to bookingkit.",
                ),
                problem=_error_title(o.error),
            ),
            translate("Wording", "Try again in a moment."),
        )
    if case is OutcomeCase.VOUCHER_NOT_USABLE:
        said = verdict(o.verdict) if o.verdict is not None else None
        return Words(
            fill(
                translate("Wording", "Not booked — {verdict}"),
                verdict=said.title if said else "–",
            ),
            (said.detail + " " if said else "") + translate("Wording", "Nothing was sent."),
            said.next_step if said else "",
        )
    if case is OutcomeCase.BOOKINGKIT_REFUSED:
        return Words(
            translate("Wording", "Refused by bookingkit"),
            fill(
                translate(
                    "Wording",
                    "bookingkit refused the booking: {message} Nothing was drawn from the voucher.",
                ),
                message=o.server_message or "–",
            ),
            translate("Wording", "Change the booking, or ask for another way to pay."),
        )
    if case is OutcomeCase.INTERRUPTED:
        return Words(
            translate("Wording", "Not booked"),
            translate(
                "Wording",
                "The redemption was interrupted before it was sent. Nothing was booked.",
            ),
            translate("Wording", "Book again if the customer is still here."),
        )
    if case is OutcomeCase.NOT_BOOKED:
        return Words(
            translate("Wording", "Not booked"),
            translate(
                "Wording",
                "bookingkit did not answer, and it holds no order for this redemption: nothing "
                "was booked and nothing was drawn from the voucher.",
            ),
            translate("Wording", "Book again if the customer is still here."),
        )
    if case is OutcomeCase.ORDER_CANCELLED:
        return Words(
            translate("Wording", "Not booked — order cancelled"),
            fill(
                translate(
                    "Wording",
                    "bookingkit holds an order for this redemption ({codes}), but it was "
                    "cancelled there. The voucher may have been drawn.",
                ),
                codes=_codes(o.order_codes),
            ),
            translate("Wording", "Check the voucher's balance in bookingkit before booking again."),
        )
    assert_never(case)


def stopped_waiting() -> Words:
    """The clerk stopped waiting for a slow booking; its answer has not come yet."""
    return Words(
        translate("Wording", "Outcome unknown"),
        translate(
            "Wording",
            "You stopped waiting for bookingkit's answer. The booking may or may not have been "
            "made; VoucherDesk sends nothing again.",
        ),
        _do_not_book_again(),
    )


def collect(o: RedemptionOutcome) -> Words:
    """A top-up still to collect: how (``title``) and what to do (``next_step``)."""
    return Words(
        fill(translate("Wording", "to collect ({method})"), method=top_up_method(o.top_up_method)),
        next_step=translate(
            "Wording",
            "Take the money, then confirm it with Enter. Then hand over the booking code.",
        ),
    )
