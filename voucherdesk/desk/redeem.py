"""Redeeming one quote: the commit protocol of design section 4.

0. a booking that drew otherwise than quoted stops every redemption until acknowledged; earlier
   unsettled entries for the same voucher are settled first (never book twice while one
   outcome is still unknown);
1. fresh reads of the event's prices, of the voucher and of the quoted add-on products, in
   parallel, while the journal entry PREPARED (durable) with a fresh key and the environment it
   goes to is written: reads change nothing in bookingkit, so they need not wait for the
   journal (one round trip, no more);
2. a changed price (of a participant or a product) or balance stops here (REQUOTE), nothing
   was sent;
3. SENT, then ``POST /v3/orders`` with ``external_reference = key``;
4. the order's own answer must show the voucher drawn as quoted (else ATTENTION, an alarm);
   a doubtful answer goes to ``reconcile.settle``;
5. top-up as a payment on that order (TOP_UP_SENT), DONE; order id and booking code are
   recorded with the first of these marks (one durable write less while the customer waits;
   an entry left SENT by a crash is found by its key); the result goes to the clerk, and
   the voucher's new balance is read after it (``Desk.confirm_balance``): a mismatch turns the
   result into the alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from voucherdesk.bookingkit import errors
from voucherdesk.desk import add_ons
from voucherdesk.desk.journal import EntryState
from voucherdesk.desk.kinds import VoucherKind
from voucherdesk.desk.outcomes import OutcomeCase, OutcomeKind, PriceChange, RedemptionOutcome
from voucherdesk.desk.reconcile import send_and_settle, settle
from voucherdesk.desk.verdict import judge
from voucherdesk.money import Money

if TYPE_CHECKING:
    from voucherdesk.bookingkit.models import Event, Product, Voucher
    from voucherdesk.desk.quote import Quote
    from voucherdesk.desk.steps import RedemptionSteps

__all__ = ["RedemptionOutcome", "price_changes", "product_changes", "redeem"]


def price_changes(quote: Quote, event: Event) -> tuple[PriceChange, ...]:
    """The quoted prices that bookingkit no longer has as quoted (empty when none moved)."""
    now = {price.id: price for price in event.prices}
    changes: list[PriceChange] = []
    for line in quote.lines:
        price = now.get(line.price_id)
        current = None if price is None else Money(price.value, price.currency)
        if current != line.unit:
            changes.append(PriceChange(line.price_id, line.title, line.unit, current))
    return tuple(changes)


def product_changes(quote: Quote, products: Sequence[Product]) -> tuple[PriceChange, ...]:
    """The quoted add-ons whose price moved or that bookingkit no longer lists."""
    now = {product.id: product for product in products}
    changes: list[PriceChange] = []
    for line in quote.products:
        product = now.get(line.product_id)
        current = None if product is None else add_ons.unit_price(product, quote.currency)
        if current != line.unit:
            changes.append(PriceChange(line.product_id, line.title, line.unit, current))
    return tuple(changes)


@dataclass(frozen=True, kw_only=True)
class _Reads:
    """The reads a redemption makes before its order, started together on helper threads."""

    event: Future[Event]
    voucher: Future[Voucher]
    products: Future[list[Product]] | None  # only when add-ons were quoted

    @classmethod
    def start(cls, steps: RedemptionSteps, quote: Quote) -> _Reads:
        client = steps.client
        ids = tuple(line.product_id for line in quote.products)
        return cls(
            event=steps.in_background(lambda: client.get_event(quote.event_id)),
            voucher=steps.in_background(lambda: client.get_voucher(quote.voucher_id)),
            products=steps.in_background(lambda: client.list_products(ids)) if ids else None,
        )

    def wait(self) -> None:
        """Until every read has ended: nothing keeps running behind a refusal."""
        running: list[Future[Any]] = [self.event, self.voucher]
        if self.products is not None:
            running.append(self.products)
        wait(running)

    def results(self) -> tuple[Event, Voucher, list[Product]]:
        """An error of any read is raised once all have ended."""
        self.wait()
        products = [] if self.products is None else self.products.result()
        return self.event.result(), self.voucher.result(), products


def redeem(steps: RedemptionSteps, quote: Quote, counter_id: str) -> RedemptionOutcome:
    alarms = steps.journal.alarms(steps.environment)
    if alarms:
        # A booking drew otherwise than quoted: no real redemption until a person has looked.
        return RedemptionOutcome(
            case=OutcomeCase.REDEMPTIONS_STOPPED,
            key=alarms[0].key,
            quote=quote,
            booking_code=alarms[0].booking_code,
        )
    for earlier in steps.journal.unfinished(steps.environment):
        if (
            earlier.kind is not VoucherKind.VALUE_VOUCHER
            or earlier.voucher_id != quote.voucher_id
            or earlier.state is EntryState.UNDOING
        ):
            continue
        settled = settle(steps, earlier, resend=False)
        if settled.kind is OutcomeKind.UNKNOWN:
            return RedemptionOutcome(
                case=OutcomeCase.EARLIER_UNSETTLED,
                key=earlier.key,
                quote=settled.quote,
                order_id=settled.order_id,
                booking_code=settled.booking_code,
                error=settled.error,
            )
    # The reads at once, and the journal written meanwhile: one round trip before the order.
    reads = _Reads.start(steps, quote)
    try:
        entry = steps.journal.create(quote, counter_id, steps.environment)
    except BaseException:
        reads.wait()
        raise
    try:
        event, voucher, products = reads.results()
    except errors.BookingkitError as exc:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"re-read failed: {exc}")
        return RedemptionOutcome(
            case=OutcomeCase.REREAD_FAILED, key=entry.key, quote=quote, error=exc
        )
    moved = price_changes(quote, event) + product_changes(quote, products)
    if moved:
        # bookingkit prices the order itself: a quote on an old price means a wrong top-up.
        steps.journal.mark(entry, EntryState.ABANDONED, note="prices changed; re-quote")
        return RedemptionOutcome(
            case=OutcomeCase.PRICE_CHANGED, key=entry.key, quote=quote, price_changes=moved
        )
    verdict = judge(voucher, now=steps.clock(), currency=quote.currency)
    if not verdict.usable:
        steps.journal.mark(entry, EntryState.ABANDONED, note=f"voucher {verdict.kind}")
        return RedemptionOutcome(
            case=OutcomeCase.VOUCHER_NOT_USABLE, key=entry.key, quote=quote, verdict=verdict
        )
    if verdict.remaining != quote.remaining_before:
        steps.journal.mark(
            entry, EntryState.ABANDONED, note=f"balance now {verdict.remaining}; re-quote"
        )
        return RedemptionOutcome(
            case=OutcomeCase.BALANCE_CHANGED,
            key=entry.key,
            quote=quote,
            balance_now=verdict.remaining,
        )
    return send_and_settle(steps, entry, quote, may_resend=True)
