"""A counter in its own process: quote one booking and redeem it (crash and race tests).

    python -m helpers.redeem_once BASE_URL HOME CLIENT_ID SECRET COUNTER VOUCHER EVENT DATE
        PRICE COUNT [--wait-go]

Prints one JSON line per phase: {"phase": "quoted"}, then the outcome. With --wait-go it
reads one line from stdin between quoting and redeeming, so a test can start two at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers.desk_setup import close_desk, make_desk


def main(argv: list[str]) -> int:
    base_url, home, client_id, secret, counter, voucher_id, event_id, date_id, price, count = argv[
        :10
    ]
    desk = make_desk(
        base_url, Path(home), counter_id=counter, client_id=client_id, secret=secret, timeout=5.0
    )
    try:
        client = desk.client
        quote = desk.quote(
            client.get_voucher(voucher_id),
            client.get_event(event_id),
            client.get_date(date_id),
            {price: int(count)},
        )
        print(json.dumps({"phase": "quoted", "drawn": str(quote.drawn.amount)}), flush=True)
        if "--wait-go" in argv:
            sys.stdin.readline()
        out = desk.redeem(quote)
        print(
            json.dumps(
                {
                    "phase": "outcome",
                    "kind": out.kind.value,
                    "key": out.key,
                    "case": out.case.value,
                }
            ),
            flush=True,
        )
    finally:
        close_desk(desk)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
