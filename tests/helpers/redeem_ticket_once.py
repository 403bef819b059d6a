"""A counter in its own process: quote one open-date ticket and redeem it (crash tests).

    python -m helpers.redeem_ticket_once BASE_URL HOME CLIENT_ID SECRET COUNTER TICKET_CODE

Redeems "this tour, now" and prints one JSON line per phase: {"phase": "quoted"}, then the
outcome.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers.desk_setup import close_desk, make_desk
from voucherdesk.bookingkit.guesses import RedemptionStrategy


def main(argv: list[str]) -> int:
    base_url, home, client_id, secret, counter, code = argv[:6]
    desk = make_desk(
        base_url, Path(home), counter_id=counter, client_id=client_id, secret=secret, timeout=5.0
    )
    try:
        check = desk.check(code)
        assert check.ticket is not None, check
        assert check.event is not None, check
        dates = desk.ticket_dates(check.event)
        quote = desk.quote_ticket(
            check.ticket, check.event, dates, RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING
        )
        print(json.dumps({"phase": "quoted", "appointment": quote.appointment_id}), flush=True)
        out = desk.redeem(quote)
        print(json.dumps({"phase": "outcome", "case": out.case.value, "key": out.key}), flush=True)
    finally:
        close_desk(desk)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
