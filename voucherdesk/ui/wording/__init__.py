"""The ONE place where the window's words are made from the desk's facts (translated).

The desk and the client return kinds with typed fields; these modules turn them into a
headline, the facts and the next step, in the clerk's language. The CLI has its own edge
(``voucherdesk/cli_text.py``). Every kind has words here: a test walks the enums.

Each part loads on first use (PEP 562 ``__getattr__`` below): the first screen needs a few
words only, and the parts for history, undo and setup bring the desk's journal and the
audit trail with them (issue #13, cold start). A test checks that every name resolves.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.ui.wording.base import Words
    from voucherdesk.ui.wording.camera import camera_state
    from voucherdesk.ui.wording.counter import (
        acknowledged,
        already_open,
        booking_dropped,
        close_with_top_up,
        collect_first,
        date_gone,
        earlier_booking,
        not_deliberate,
        scan_again_after_top_up,
        scan_kept,
        scan_waits,
        scan_while_locked,
        start_check_done,
        start_check_failed,
        start_check_running,
        still_unknown,
        top_up_left,
        top_up_not_confirmed_earlier,
        top_up_released,
        top_up_taken_not_written,
        top_up_to_pay_back,
    )
    from voucherdesk.ui.wording.errors import error
    from voucherdesk.ui.wording.files import audit_problem, file_problem, not_configured
    from voucherdesk.ui.wording.history import (
        acknowledge_question,
        alarm,
        entry_state,
        environment_name,
        history_top_up,
        top_up_taken_later,
        top_up_taken_question,
        undo_question,
        undo_result,
    )
    from voucherdesk.ui.wording.kinds import (
        booking_figure,
        booking_line,
        entries,
        entries_left,
        entries_of,
        entry_left,
        entry_used,
        kind_name,
        pass_refusal,
        status_word,
        strategy,
        ticket_refusal,
    )
    from voucherdesk.ui.wording.payload import pattern_refusal, payload_source
    from voucherdesk.ui.wording.results import collect, outcome, stopped_waiting
    from voucherdesk.ui.wording.setup import address_refused, connected, setup_failed
    from voucherdesk.ui.wording.staff import (
        AdminPurpose,
        admin_purpose,
        entry_clerks,
        signed_in_as,
        staff_refusal,
    )
    from voucherdesk.ui.wording.voucher import (
        quote_refusal,
        rejected,
        top_up_method,
        verdict,
        voucher_status,
    )

# Which part of the wording holds each name.
_PARTS: dict[str, tuple[str, ...]] = {
    "base": ("Words",),
    "camera": ("camera_state",),
    "counter": (
        "acknowledged",
        "already_open",
        "booking_dropped",
        "close_with_top_up",
        "collect_first",
        "date_gone",
        "earlier_booking",
        "not_deliberate",
        "scan_kept",
        "scan_waits",
        "scan_while_locked",
        "start_check_done",
        "start_check_failed",
        "start_check_running",
        "still_unknown",
        "scan_again_after_top_up",
        "top_up_left",
        "top_up_not_confirmed_earlier",
        "top_up_released",
        "top_up_taken_not_written",
        "top_up_to_pay_back",
    ),
    "errors": ("error",),
    "files": (
        "audit_problem",
        "file_problem",
        "not_configured",
    ),
    "history": (
        "acknowledge_question",
        "alarm",
        "entry_state",
        "environment_name",
        "history_top_up",
        "top_up_taken_later",
        "top_up_taken_question",
        "undo_question",
        "undo_result",
    ),
    "kinds": (
        "booking_figure",
        "booking_line",
        "entries",
        "entries_left",
        "entries_of",
        "entry_left",
        "entry_used",
        "kind_name",
        "pass_refusal",
        "status_word",
        "strategy",
        "ticket_refusal",
    ),
    "results": (
        "collect",
        "outcome",
        "stopped_waiting",
    ),
    "payload": (
        "pattern_refusal",
        "payload_source",
    ),
    "setup": (
        "address_refused",
        "connected",
        "setup_failed",
    ),
    "staff": (
        "AdminPurpose",
        "admin_purpose",
        "entry_clerks",
        "signed_in_as",
        "staff_refusal",
    ),
    "voucher": (
        "quote_refusal",
        "rejected",
        "top_up_method",
        "verdict",
        "voucher_status",
    ),
}
_WHERE = {name: part for part, names in _PARTS.items() for name in names}


def __getattr__(name: str) -> object:
    part = _WHERE.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{part}"), name)
    globals()[name] = value  # looked up once
    return value


__all__ = [
    "AdminPurpose",
    "Words",
    "acknowledge_question",
    "acknowledged",
    "address_refused",
    "admin_purpose",
    "alarm",
    "already_open",
    "audit_problem",
    "booking_dropped",
    "booking_figure",
    "booking_line",
    "camera_state",
    "close_with_top_up",
    "collect",
    "collect_first",
    "connected",
    "date_gone",
    "earlier_booking",
    "entries",
    "entries_left",
    "entries_of",
    "entry_clerks",
    "entry_left",
    "entry_state",
    "entry_used",
    "environment_name",
    "error",
    "file_problem",
    "history_top_up",
    "kind_name",
    "not_configured",
    "not_deliberate",
    "outcome",
    "pass_refusal",
    "pattern_refusal",
    "payload_source",
    "quote_refusal",
    "rejected",
    "scan_again_after_top_up",
    "scan_kept",
    "scan_waits",
    "scan_while_locked",
    "setup_failed",
    "signed_in_as",
    "staff_refusal",
    "start_check_done",
    "start_check_failed",
    "start_check_running",
    "status_word",
    "still_unknown",
    "stopped_waiting",
    "strategy",
    "ticket_refusal",
    "top_up_left",
    "top_up_method",
    "top_up_not_confirmed_earlier",
    "top_up_released",
    "top_up_taken_later",
    "top_up_taken_not_written",
    "top_up_taken_question",
    "top_up_to_pay_back",
    "undo_question",
    "undo_result",
    "verdict",
    "voucher_status",
]
