"""Words for what a redemption ended in: one headline, the facts, and the next step per case."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, PriceChange, RedemptionOutcome
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.quote import Quote
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.ui.common import formatting
from voucherdesk.ui.wording.base import Words, fill, money, translate
from voucherdesk.ui.wording.errors import error
from voucherdesk.ui.wording.kinds import entries
from voucherdesk.ui.wording.voucher import top_up_method, verdict


def _do_not_book_again() -> str:
    return translate(
        "Wording", "Do not book again. Use \u201cCheck again\u201d until the outcome is known."
    )


def _collect_no_rebooking(o: RedemptionOutcome, *, taken: bool) -> str:
    """The next step of a booking whose top-up is not confirmed yet; once the clerk took the
    money, it is not asked for again."""
    if taken:
        return translate("Wording", "Hand over the booking code. Do not book again.")
    return fill(
        translate("Wording", "Collect {amount} and hand over the booking code. Do not book again."),
        amount=money(o.top_up),
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


def _by_kind(o: RedemptionOutcome, voucher: str, ticket: str, pass_: str) -> str:
    kind = o.voucher_kind
    if kind is VoucherKind.OPEN_DATE_TICKET:
        return ticket
    if kind is VoucherKind.PASS:
        return pass_
    return voucher


def _redeemed_no_code(o: RedemptionOutcome) -> Words:
    if o.order_id is not None:
        detail = fill(
            translate(
                "Wording",
                "bookingkit redeemed the ticket (order {order}), but its booking code could not "
                "be read yet. VoucherDesk reads it at the next check.",
            ),
            order=o.order_id,
        )
    else:
        detail = translate(
            "Wording", "bookingkit redeemed the ticket but did not say which booking it made."
        )
    return Words(
        translate("Wording", "Ticket redeemed — booking code not known"),
        detail,
        translate(
            "Wording",
            "The customer may go to the tour. Do not redeem again; the booking is in bookingkit "
            "under the ticket's code.",
        ),
    )


def _pass_mismatch(o: RedemptionOutcome, quote: PassQuote) -> Words:
    return Words(
        translate("Wording", "Needs attention — pass used differently"),
        fill(
            translate(
                "Wording",
                "{quoted} were to be used of the pass; bookingkit's booking shows {used}. The "
                "pass now holds {left}.",
            ),
            quoted=entries(quote.entries),
            used=entries(o.entries or 0),
            left="–" if o.entries_left is None else entries(o.entries_left),
        ),
        translate(
            "Wording",
            "Check this booking in bookingkit. Real redemptions stay stopped until someone "
            "with the counter's PIN acknowledges it.",
        ),
    )


def outcome(o: RedemptionOutcome, *, top_up_taken: bool = False) -> Words:
    """The words for one outcome; every case has its own (a test checks it). After the clerk
    confirmed the top-up as taken (``top_up_taken``), a booking needs nothing more."""
    case = o.case
    if case is OutcomeCase.BOOKED and o.voucher_kind is not VoucherKind.VALUE_VOUCHER:
        return Words(
            _by_kind(
                o,
                "",
                translate("Wording", "Ticket redeemed"),
                translate("Wording", "Booked with the pass"),
            ),
            next_step=translate("Wording", "Hand over the booking code."),
        )
    if case is OutcomeCase.REDEEMED_NO_CODE:
        return _redeemed_no_code(o)
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
                translate("Wording", "Record the payment of {amount} in bookingkit by hand.")
                if top_up_taken
                else translate(
                    "Wording",
                    "Collect {amount} and record the payment in bookingkit by hand.",
                ),
                amount=money(o.top_up),
            ),
        )
    if case is OutcomeCase.BOOKED_NOT_RECORDED:
        collect = (
            fill(translate("Wording", "Collect {amount}."), amount=money(o.top_up))
            if o.top_up is not None and not top_up_taken
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
    if case is OutcomeCase.TOP_UP_LATER:
        return Words(
            translate("Wording", "Booked — top-up pending"),
            fill(
                translate(
                    "Wording",
                    "The booking went through. bookingkit has not recorded the top-up of "
                    "{amount} yet; VoucherDesk records it at the next check.",
                ),
                amount=money(o.top_up),
            ),
            _collect_no_rebooking(o, taken=top_up_taken),
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
            _collect_no_rebooking(o, taken=top_up_taken),
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
            _by_kind(
                o,
                translate(
                    "Wording",
                    "An earlier redemption of this voucher has no known outcome yet, so nothing "
                    "was sent now.",
                ),
                translate(
                    "Wording",
                    "An earlier redemption of this ticket has no known outcome yet, so nothing "
                    "was sent now.",
                ),
                translate(
                    "Wording",
                    "An earlier booking with this pass has no known outcome yet, so nothing "
                    "was sent now.",
                ),
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
    if case is OutcomeCase.DRAWN_MISMATCH and isinstance(o.quote, PassQuote):
        return _pass_mismatch(o, o.quote)
    if case in (OutcomeCase.DRAWN_MISMATCH, OutcomeCase.BALANCE_CHANGED) and isinstance(
        o.quote, TicketQuote
    ):
        return Words(
            translate("Wording", "Needs attention — ticket redeemed differently"),
            translate(
                "Wording",
                "bookingkit shows this ticket's redemption otherwise than the counter showed it.",
            ),
            translate("Wording", "Check the ticket and its booking in bookingkit."),
        )
    if case is OutcomeCase.DRAWN_MISMATCH:
        quoted = o.quote.drawn if isinstance(o.quote, Quote) else None
        return Words(
            translate("Wording", "Needs attention — voucher drawn differently"),
            fill(
                translate(
                    "Wording",
                    "{quoted} was to be drawn from the voucher; bookingkit's order shows "
                    "{drawn}. The voucher now holds {left}.",
                ),
                quoted=money(quoted),
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
    if case is OutcomeCase.BALANCE_CHANGED and isinstance(o.quote, PassQuote):
        return Words(
            translate("Wording", "Pass entries changed"),
            fill(
                translate(
                    "Wording",
                    "The pass now holds {now} instead of {before} (it was used elsewhere "
                    "meanwhile). Nothing was booked.",
                ),
                now=entries(o.entries_left or 0),
                before=entries(o.quote.entries_before),
            ),
            translate("Wording", "Show the customer the new quote and confirm again."),
        )
    if case is OutcomeCase.BALANCE_CHANGED:
        before = o.quote.remaining_before if isinstance(o.quote, Quote) else None
        return Words(
            translate("Wording", "Voucher balance changed"),
            fill(
                translate(
                    "Wording",
                    "The voucher now holds {now} instead of {before} (it was used elsewhere "
                    "meanwhile). Nothing was booked.",
                ),
                now=money(o.balance_now),
                before=money(before),
            ),
            translate("Wording", "Show the customer the new quote and confirm again."),
        )
    if case is OutcomeCase.REREAD_FAILED:
        return Words(
            translate("Wording", "Not booked"),
            fill(
                _by_kind(
                    o,
                    translate(
                        "Wording",
                        "The voucher or its prices could not be read again ({problem}). Nothing "
                        "was sent to bookingkit.",
                    ),
                    translate(
                        "Wording",
                        "The ticket could not be read again ({problem}). Nothing was sent to "
                        "bookingkit.",
                    ),
                    translate(
                        "Wording",
                        "The pass could not be read again ({problem}). Nothing was sent to "
                        "bookingkit.",
                    ),
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
                _by_kind(
                    o,
                    translate(
                        "Wording",
                        "bookingkit refused the booking: {message} Nothing was drawn from the "
                        "voucher.",
                    ),
                    translate(
                        "Wording",
                        "bookingkit refused the redemption: {message} The ticket was not redeemed.",
                    ),
                    translate(
                        "Wording",
                        "bookingkit refused the booking: {message} No entries of the pass were "
                        "used.",
                    ),
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
            _by_kind(
                o,
                translate(
                    "Wording",
                    "bookingkit did not answer, and it holds no order for this redemption: "
                    "nothing was booked and nothing was drawn from the voucher.",
                ),
                translate(
                    "Wording",
                    "bookingkit did not answer, and the ticket is still open: it was not redeemed.",
                ),
                translate(
                    "Wording",
                    "bookingkit did not answer, and it holds no order for this booking: nothing "
                    "was booked and no entries of the pass were used.",
                ),
            ),
            translate("Wording", "Book again if the customer is still here."),
        )
    if case is OutcomeCase.ORDER_CANCELLED:
        return Words(
            translate("Wording", "Not booked — order cancelled"),
            fill(
                _by_kind(
                    o,
                    translate(
                        "Wording",
                        "bookingkit holds an order for this redemption ({codes}), but it was "
                        "cancelled there. The voucher may have been drawn.",
                    ),
                    translate(
                        "Wording",
                        "bookingkit holds an order for this redemption ({codes}), but it was "
                        "cancelled there. The ticket may be used up all the same.",
                    ),
                    translate(
                        "Wording",
                        "bookingkit holds an order for this booking ({codes}), but it was "
                        "cancelled there. Entries of the pass may have been used.",
                    ),
                ),
                codes=_codes(o.order_codes),
            ),
            _by_kind(
                o,
                translate(
                    "Wording", "Check the voucher's balance in bookingkit before booking again."
                ),
                translate("Wording", "Check the ticket in bookingkit before redeeming again."),
                translate(
                    "Wording", "Check the pass's entries in bookingkit before booking again."
                ),
            ),
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
