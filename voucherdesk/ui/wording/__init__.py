"""The ONE place where the window's words are made from the desk's facts (translated).

The desk and the client return kinds with typed fields; these modules turn them into a
headline, the facts and the next step, in the clerk's language. The CLI has its own edge
(``voucherdesk/cli_text.py``). Every kind has words here: a test walks the enums.
"""

from voucherdesk.ui.wording.base import Words
from voucherdesk.ui.wording.camera import camera_state
from voucherdesk.ui.wording.errors import error
from voucherdesk.ui.wording.files import audit_problem, file_problem, not_configured
from voucherdesk.ui.wording.history import (
    acknowledge_question,
    alarm,
    entry_state,
    environment_name,
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
from voucherdesk.ui.wording.outcome import collect, outcome, stopped_waiting
from voucherdesk.ui.wording.payload import pattern_refusal, payload_source
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

__all__ = [
    "AdminPurpose",
    "Words",
    "acknowledge_question",
    "address_refused",
    "admin_purpose",
    "alarm",
    "audit_problem",
    "booking_figure",
    "booking_line",
    "camera_state",
    "collect",
    "connected",
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
    "kind_name",
    "not_configured",
    "outcome",
    "pass_refusal",
    "pattern_refusal",
    "payload_source",
    "quote_refusal",
    "rejected",
    "setup_failed",
    "signed_in_as",
    "staff_refusal",
    "status_word",
    "stopped_waiting",
    "strategy",
    "ticket_refusal",
    "top_up_method",
    "undo_question",
    "undo_result",
    "verdict",
    "voucher_status",
]
