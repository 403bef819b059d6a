"""The counter's short notes in the status strip: what became of a scan, a key, the start-up
check and an acknowledgement. The controller knows the facts; these are its words.

The start-up note is said before the first scan: the words for errors and outcomes (and what
they bring) load with the rare note that needs them, not with the window (issue #13).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from voucherdesk.desk.key_timing import Haste
from voucherdesk.ui.wording.base import fill, money, translate

if TYPE_CHECKING:
    from voucherdesk.desk.outcomes import RedemptionOutcome
    from voucherdesk.money import Money


def start_check_running() -> str:
    return translate("Wording", "Checking open redemptions…")


def start_check_done(*, unknown: int, settled: int) -> str:
    """``unknown``: redemptions whose outcome bookingkit still cannot tell; ``settled``: all
    the open ones the check went through. Nothing to say when there were none."""
    if unknown:
        return fill(
            translate(
                "Wording",
                "Earlier redemptions still unknown: {count}. See History before booking again.",
            ),
            count=str(unknown),
        )
    if settled:
        return fill(translate("Wording", "Open redemptions settled: {count}."), count=str(settled))
    return ""


def start_check_failed(problem: BaseException) -> str:
    from voucherdesk.ui.wording.errors import error

    return fill(
        translate("Wording", "Open redemptions not checked: {problem}"),
        problem=error(problem).title,
    )


def scan_while_locked() -> str:
    return translate("Wording", "Locked — enter the PIN first")


def scan_kept() -> str:
    """A scan during the start-up check: taken once the check is done."""
    return translate("Wording", "Scan received: checked in a moment.")


def already_open(code: str) -> str:
    """The voucher whose booking is open was scanned again: the booking stays as it is."""
    return fill(
        translate("Wording", "{code} is already open: its booking stays as it is."), code=code
    )


def booking_dropped(code: str) -> str:
    """A new scan over an open booking: the booking was never sent."""
    return fill(translate("Wording", "Booking for {code} dropped: nothing booked."), code=code)


def scan_waits(top_up: Money | None) -> str:
    """A scan refused while the last customer is not done: a top-up to collect, or a
    redemption still in flight (``top_up`` None)."""
    if top_up is not None:
        return fill(
            translate("Wording", "Confirm the top-up first: collect {amount}, then scan again."),
            amount=money(top_up),
        )
    return translate(
        "Wording", "Still booking for the previous customer: scan again when its result shows."
    )


def collect_first(top_up: Money | None) -> str:
    """Esc on a result whose top-up is still to be collected."""
    return fill(
        translate("Wording", "Confirm the top-up first (Enter): collect {amount}."),
        amount=money(top_up),
    )


def not_deliberate(haste: Haste, *, booking: bool) -> str:
    """A key or click that would have booked (``booking``) or confirmed a collected top-up,
    refused: it was not the clerk's decision about the screen it landed on."""
    if haste is Haste.AFTER_KEY:
        if booking:
            return translate("Wording", "Not booked: too soon after a typed key. Confirm again.")
        return translate("Wording", "Not confirmed: too soon after a typed key. Confirm again.")
    if haste is Haste.HELD:
        if booking:
            return translate(
                "Wording", "Not booked: a key held down does not book. Let go, then confirm again."
            )
        return translate(
            "Wording",
            "Not confirmed: a key held down does not confirm. Let go, then confirm again.",
        )
    if haste is Haste.AFTER_SCREEN:
        if booking:
            return translate(
                "Wording",
                "Not booked: this booking had just appeared or changed. Check it, then confirm.",
            )
        return translate(
            "Wording", "Not confirmed: the top-up had only just appeared. Collect it, then confirm."
        )
    assert_never(haste)


def earlier_booking(result: RedemptionOutcome) -> str:
    """What became of a booking whose answer came after the clerk had scanned on."""
    from voucherdesk.ui.wording.results import outcome

    text = fill(translate("Wording", "Earlier booking: {result}"), result=outcome(result).title)
    return f"{text} {result.booking_code}" if result.booking_code else text


def date_gone() -> str:
    """A refresh of the dates no longer lists the one picked (cancelled, or begun)."""
    return translate("Wording", "The date you picked is no longer bookable. Pick another.")


def top_up_released(code: str, top_up: Money) -> str:
    """The booking whose top-up was still to collect was undone before it was paid."""
    return fill(
        translate("Wording", "Booking {code} cancelled: do not collect the top-up of {amount}."),
        code=code,
        amount=money(top_up),
    )


def top_up_to_pay_back(code: str, top_up: Money) -> str:
    """The booking was undone after its top-up had been taken."""
    return fill(
        translate(
            "Wording", "Booking {code} cancelled: pay the top-up of {amount} back to the customer."
        ),
        code=code,
        amount=money(top_up),
    )


def scan_again_after_top_up(code: str) -> str:
    """A scan set aside for a top-up answered late: nothing was booked for it."""
    return fill(
        translate("Wording", "Nothing booked for {code}: scan it again once this top-up is done."),
        code=code,
    )


def top_up_not_confirmed_earlier(code: str) -> str:
    """A top-up the journal does not hold as taken from before this start (VoucherDesk closed
    while it was on screen, or the note could not be written): bookingkit counts it as paid."""
    return fill(
        translate(
            "Wording",
            "The top-up of booking {code} was not noted as taken when VoucherDesk last ran."
            " If the customer has paid it, confirm it now.",
        ),
        code=code,
    )


def top_up_left(code: str, top_up: Money | None) -> str:
    """A top-up from before this start left unpaid: its customer is gone."""
    return fill(
        translate(
            "Wording",
            "Top-up of {amount} for booking {code} left unpaid: the shift report lists it.",
        ),
        amount=money(top_up),
        code=code,
    )


def top_up_taken_not_written(top_up: Money | None, exc: BaseException) -> str:
    """The clerk took a top-up, but the journal could not record it."""
    from voucherdesk.ui.wording.errors import error

    return fill(
        translate(
            "Wording",
            "Top-up of {amount} taken, but this PC could not note it ({reason})."
            " Write it down for the shift report.",
        ),
        amount=money(top_up),
        reason=error(exc).title,
    )


def close_with_top_up(owed: list[Money]) -> str:
    """The window is being closed while top-ups are still to be collected."""
    amounts = ", ".join(money(m) for m in owed)
    return fill(
        translate(
            "Wording",
            "Still to collect: {amounts}. bookingkit counts it as paid; the next start asks for "
            "it again. Close VoucherDesk anyway?",
        ),
        amounts=amounts,
    )


def still_unknown() -> str:
    return translate("Wording", "Still unknown. Try again in a moment.")


def acknowledged() -> str:
    return translate("Wording", "Acknowledged: real redemptions go on.")
