"""The ONE place where the window's words are made from the desk's facts (translated).

The desk and the client return kinds with typed fields; these modules turn them into a
headline, the facts and the next step, in the clerk's language. The CLI has its own edge
(``voucherdesk/cli_text.py``). Every kind has words here: a test walks the enums.
"""

from voucherdesk.ui.wording.base import Words
from voucherdesk.ui.wording.errors import error
from voucherdesk.ui.wording.files import file_problem, not_configured
from voucherdesk.ui.wording.history import entry_state, undo_question, undo_result
from voucherdesk.ui.wording.outcome import outcome
from voucherdesk.ui.wording.setup import address_refused, connected, setup_failed
from voucherdesk.ui.wording.voucher import (
    quote_refusal,
    rejected,
    top_up_method,
    verdict,
    voucher_status,
)

__all__ = [
    "Words",
    "address_refused",
    "connected",
    "entry_state",
    "error",
    "file_problem",
    "not_configured",
    "outcome",
    "quote_refusal",
    "rejected",
    "setup_failed",
    "top_up_method",
    "undo_question",
    "undo_result",
    "verdict",
    "voucher_status",
]
