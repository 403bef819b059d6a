"""Every client call and every error type, over real HTTP against the stand-in."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.calls import CallRecord, OrderDraft
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.http import RetryPolicy
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, StoredToken
from voucherdesk.bookingkit.usage import SAVE_EVERY_S, RequestCounter
from voucherdesk.clock import utc_now
from voucherdesk.money import Money
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.standin.faults import Fault

CREDENTIALS = Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)


@dataclass
class Shop:
    """One event with one date and one voucher in an otherwise empty stand-in."""

    server: StandinServer
    client: BookingkitClient
    sleeps: list[float]
    calls: list[CallRecord]
    event_id: str
    date_id: str
    adult: str  # price id
    child: str
    voucher_id: str
    baseline: int  # requests counted while setting up

    def requests(self) -> int:
        return self.client.requests_this_month - self.baseline

    def draft(self, ref: str, adults: int = 2, amount: Decimal = Decimal("50")) -> OrderDraft:
        return OrderDraft(
            date_id=self.date_id,
            event_id=self.event_id,
            participants=((self.adult, adults), (self.child, 1)),
            currency="EUR",
            external_reference=ref,
            voucher_id=self.voucher_id,
            voucher_amount=amount,
        )


@pytest.fixture
def shop(empty_standin: StandinServer, tmp_path: Path) -> Iterator[Shop]:
    state = empty_standin.state
    event_id = state.add_event(
        "Kayak", [("Adult", Decimal("40.00")), ("Child", Decimal("15.50"))], duration=90
    )
    date_id = state.add_date(event_id, utc_now() + timedelta(days=3), slots=10)
    voucher_id = state.add_voucher("KAYAK-100", Decimal("100"))
    sleeps: list[float] = []
    calls: list[CallRecord] = []
    client = BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        CREDENTIALS,
        token_store=MemoryTokenStore(),
        counter=RequestCounter(tmp_path / "requests.json"),
        timeout=2.0,
        retry=RetryPolicy(sleep=sleeps.append, jitter=lambda: 1.0),
        observer=calls.append,
    )
    with client:
        prices = {p.title: p.id for p in client.get_event(event_id).prices}
        calls.clear()
        yield Shop(
            empty_standin, client, sleeps, calls, event_id, date_id,
            prices["Adult"], prices["Child"], voucher_id, client.requests_this_month,
        )  # fmt: skip


def test_reading_calls(shop: Shop) -> None:
    client = shop.client
    vendors = client.check_connection()
    assert [v.currency for v in vendors] == ["EUR"]
    voucher = client.get_voucher(shop.voucher_id)
    assert (voucher.code, voucher.remaining, voucher.currency) == ("KAYAK-100", Decimal(100), "EUR")
    assert [v.id for v in client.list_vouchers(limit=5)] == [shop.voucher_id]
    assert [c.code for c in client.iter_voucher_codes()] == ["KAYAK-100"]
    events = client.list_events()
    assert [e.id for e in events] == [shop.event_id]
    assert client.list_events(match="nothing like it") == []
    event = client.get_event(shop.event_id)
    assert event.duration == 90
    assert {p.title: p.value for p in event.prices} == {"Adult": 40, "Child": Decimal("15.5")}
    now = utc_now()
    dates = client.list_dates(shop.event_id, start=now, end=now + timedelta(days=28))
    assert [d.id for d in dates] == [shop.date_id]
    assert client.list_dates(shop.event_id, start=now, end=now + timedelta(days=1)) == []
    assert client.get_date(shop.date_id).available_slots == 10


def test_full_dates_are_listed_unless_asked_not_to(shop: Shop) -> None:
    when = utc_now() + timedelta(days=5)
    full = shop.server.state.add_date(shop.event_id, when, slots=0)
    start, end = utc_now(), utc_now() + timedelta(days=28)
    every = shop.client.list_dates(shop.event_id, start=start, end=end)
    free = shop.client.list_dates(shop.event_id, start=start, end=end, available_only=True)
    assert full in [d.id for d in every]
    assert full not in [d.id for d in free]


def test_order_lifecycle(shop: Shop) -> None:
    client = shop.client
    order = client.create_order(shop.draft("desk1-0001"))
    assert order.status == "ACCEPTED"
    assert order.external_reference == "desk1-0001"
    assert order.drawn_from(shop.voucher_id) == Decimal("50.00")
    assert len(order.tickets[0].participants) == 3
    assert client.get_voucher(shop.voucher_id).remaining == Decimal("50.00")
    assert client.get_order(order.id).code == order.code
    assert [o.id for o in client.find_orders_by_external_reference("desk1-0001")] == [order.id]
    assert client.find_orders_by_external_reference("desk1-9999") == []
    payment = client.add_payment(order.id, Money(Decimal("45.50"), "EUR"), "Cash", code="ref-1")
    assert payment.value == Decimal("45.50")
    assert any(p.value == Decimal("45.50") for p in client.list_payments(order.id))
    assert client.cancel_order(order.id).status == "CANCELED"
    # A cancelled order is still found by its reference (status=ALL).
    found = client.find_orders_by_external_reference("desk1-0001")
    assert [o.status for o in found] == ["CANCELED"]


def test_top_up_body_is_valid_under_both_payment_schemas(shop: Shop) -> None:
    """Case #9.13: the stand-in enforces payment_post.json and payments.json together."""
    client = shop.client
    order = client.create_order(shop.draft("desk1-0013"))
    paid = client.add_payment(order.id, Money(Decimal("5.50"), "EUR"), "Cash", code="desk1-0013")
    assert paid.value == Decimal("5.50")
    (stored,) = [p for p in shop.server.state.payments(order.id) if p["payment_method"] == "Cash"]
    assert stored["code"] == "desk1-0013"
    assert stored["name"]
    # Until the desk passes its journal key, a call without a code still sends one.
    client.add_payment(order.id, Money(Decimal("1.00"), "EUR"), "ThirdParty")
    codes = [p["code"] for p in shop.server.state.payments(order.id)]
    assert all(codes)


def test_order_body_speaks_the_guesses() -> None:
    draft = OrderDraft("d1", "e1", (("p1", 2), ("p2", 0)), "EUR", "ref-1", "v1", Decimal("12.50"))
    body = draft.to_body(datetime(2030, 5, 1, 8, 30, tzinfo=UTC))
    assert body["date"] == "2030-05-01T08:30:00Z"
    assert body["external_reference"] == "ref-1"
    assert body["tickets"][0]["participants"] == [{"price_id": "p1", "status": "ACCEPTED"}] * 2
    assert body["redeemed_vouchers"] == [{"id": "v1", "redeemed_value": Decimal("12.50")}]


def test_bad_request_carries_the_user_message(shop: Shop) -> None:
    with pytest.raises(errors.BadRequest) as caught:
        shop.client.create_order(shop.draft("desk1-0002", amount=Decimal("500")))
    assert caught.value.status == 400
    assert "exceeds" in caught.value.message
    assert shop.server.state.orders() == []


def test_not_found(shop: Shop) -> None:
    with pytest.raises(errors.NotFound):
        shop.client.get_voucher("0" * 32)
    with pytest.raises(errors.NotFound):
        shop.client.get_order("../vendors")
    assert shop.sleeps == []


def test_monthly_quota_is_not_retried(shop: Shop) -> None:
    shop.client.check_connection()
    shop.server.state.set_quota_used(500_000)
    with pytest.raises(errors.QuotaExhausted) as caught:
        shop.client.get_voucher(shop.voucher_id)
    assert caught.value.code == 42910
    assert shop.sleeps == []
    assert shop.requests() == 2


def test_plain_429_is_retried_for_get_honouring_retry_after(shop: Shop) -> None:
    shop.server.faults.add(Fault("rate_limit", path="/v3/vouchers/*", seconds=0.25))
    assert shop.client.get_voucher(shop.voucher_id).code == "KAYAK-100"
    assert shop.sleeps == [0.25]


def test_429_that_persists_is_rate_limited(shop: Shop) -> None:
    shop.server.faults.add(Fault("rate_limit", path="/v3/vouchers/*", times=3, seconds=2))
    with pytest.raises(errors.RateLimited) as caught:
        shop.client.get_voucher(shop.voucher_id)
    assert caught.value.retry_after == 2
    assert shop.sleeps == [2, 2]


def test_plain_429_on_a_write_is_sent_again_and_books_once(shop: Shop) -> None:
    """A plain 429 means bookingkit did nothing (guess U43): the write goes out again, once per
    allowed attempt, and each attempt restarts the caller's settle window (``on_sent``)."""
    shop.server.faults.add(Fault("rate_limit", method="POST", path="/v3/orders", seconds=0.25))
    sent: list[int] = []
    order = shop.client.create_order(shop.draft("desk1-0429"), on_sent=lambda: sent.append(1))
    assert shop.sleeps == [0.25]
    assert len(sent) == 2  # the settle window starts again with the second attempt
    assert [o["code"] for o in shop.server.state.orders_with_reference("desk1-0429")] == [
        order.code
    ]
    assert shop.requests() == 2


def test_plain_429_on_a_top_up_payment_is_sent_again(shop: Shop) -> None:
    order = shop.client.create_order(shop.draft("desk1-0430", amount=Decimal("30")))
    shop.server.faults.add(Fault("rate_limit", method="POST", path="/v3/orders/*/payments"))
    shop.client.add_payment(order.id, Money(Decimal("14.50"), "EUR"), "Cash", code="desk1-0430")
    assert len(shop.sleeps) == 1  # the backoff, as bookingkit sends no Retry-After
    paid = [p for p in shop.server.state.payments(order.id) if p["payment_method"] == "Cash"]
    assert [p["value"] for p in paid] == [Decimal("14.50")]


def test_a_write_that_stays_rate_limited_is_rate_limited(shop: Shop) -> None:
    shop.server.faults.add(
        Fault("rate_limit", method="POST", path="/v3/orders", times=5, seconds=1)
    )
    with pytest.raises(errors.RateLimited):
        shop.client.create_order(shop.draft("desk1-0431"))
    assert shop.sleeps == [1, 1]
    assert shop.server.state.orders_with_reference("desk1-0431") == []


def test_token_rule_and_quota_429_on_a_write_are_not_sent_again(shop: Shop) -> None:
    shop.client.check_connection()
    shop.server.state.set_quota_used(500_000)
    with pytest.raises(errors.QuotaExhausted):
        shop.client.create_order(shop.draft("desk1-0432"))
    assert shop.sleeps == []


def test_5xx_is_retried_for_get_with_growing_backoff(shop: Shop) -> None:
    shop.server.faults.add(Fault("error", method="GET", path="/v3/events", status=503, times=2))
    assert len(shop.client.list_events()) == 1
    assert shop.sleeps == [0.2, 0.4]
    assert shop.calls[-1].status == 200


def test_5xx_that_persists_is_server_error(shop: Shop) -> None:
    shop.server.faults.add(Fault("error", method="GET", path="/v3/events", status=502, times=5))
    with pytest.raises(errors.ServerError):
        shop.client.list_events()
    assert len(shop.sleeps) == 2
    assert shop.calls[-1].status == 502


def test_5xx_on_post_is_not_retried(shop: Shop) -> None:
    shop.server.faults.add(Fault("error", method="POST", path="/v3/orders", status=500, times=5))
    with pytest.raises(errors.ServerError):
        shop.client.create_order(shop.draft("desk1-0003"))
    assert shop.sleeps == []
    assert shop.requests() == 1


def test_malformed_json(shop: Shop) -> None:
    shop.server.faults.add(Fault("malformed", path="/v3/vouchers/*"))
    with pytest.raises(errors.MalformedResponse, match="not JSON"):
        shop.client.get_voucher(shop.voucher_id)


def test_wrong_shape_is_malformed() -> None:
    """No stand-in fault sends valid JSON of the wrong shape, so a transport stands in here."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        return httpx.Response(200, json={"ident": "v1"})  # a voucher without a code

    with BookingkitClient(
        environment_named("custom", "https://bookingkit.invalid"),
        CREDENTIALS,
        token_store=MemoryTokenStore(),
        transport=httpx.MockTransport(answer),
    ) as client:
        with pytest.raises(errors.MalformedResponse, match="code"):
            client.get_voucher("v1")
        with pytest.raises(errors.MalformedResponse, match="shape"):
            client.list_events()  # an object where a list belongs


def test_dropped_answer_to_post_is_outcome_unknown(shop: Shop) -> None:
    shop.server.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    with pytest.raises(errors.OutcomeUnknown):
        shop.client.create_order(shop.draft("desk1-0004"))
    assert shop.sleeps == []
    assert len(shop.server.state.orders_with_reference("desk1-0004")) == 1
    found = shop.client.find_orders_by_external_reference("desk1-0004")
    assert len(found) == 1
    assert shop.calls[-2].status is None  # the POST got no answer


def test_dropped_answer_to_cancel_is_outcome_unknown(shop: Shop) -> None:
    order = shop.client.create_order(shop.draft("desk1-0006"))
    shop.server.faults.add(Fault("drop_after_commit", method="PATCH", path="/v3/orders/*"))
    with pytest.raises(errors.OutcomeUnknown):
        shop.client.cancel_order(order.id)
    assert shop.client.get_order(order.id).status == "CANCELED"


def test_connection_dropped_before_processing_is_still_doubtful_for_a_write(shop: Shop) -> None:
    """The client cannot tell "dropped before" from "dropped after": both are doubtful."""
    shop.server.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    with pytest.raises(errors.OutcomeUnknown):
        shop.client.create_order(shop.draft("desk1-0007"))
    assert shop.client.find_orders_by_external_reference("desk1-0007") == []


def test_slow_answer_to_post_is_outcome_unknown(shop: Shop) -> None:
    shop.server.faults.add(
        Fault("delay_after_commit", method="POST", path="/v3/orders/*/payments", seconds=1)
    )
    order = shop.client.create_order(shop.draft("desk1-0005"))
    with BookingkitClient(
        shop.client.environment, CREDENTIALS, token_store=MemoryTokenStore(), timeout=0.5
    ) as impatient:
        shop.server.state.expire_tokens()  # let the second client get its own token
        with pytest.raises(errors.OutcomeUnknown):
            impatient.add_payment(order.id, Money(Decimal(10), "EUR"), "Cash", code="ref-2")
    methods = [p["payment_method"] for p in shop.server.state.payments(order.id)]
    assert methods.count("Cash") == 1  # it was recorded; only the answer came too late


def test_dropped_get_is_retried(shop: Shop) -> None:
    shop.server.faults.add(Fault("drop_before", method="GET", path="/v3/vouchers/*", times=2))
    assert shop.client.get_voucher(shop.voucher_id).code == "KAYAK-100"
    assert len(shop.sleeps) == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_transport_error_even_for_writes() -> None:
    store = MemoryTokenStore()
    store.save(StoredToken("valid-token", utc_now() + timedelta(minutes=30)))
    sleeps: list[float] = []
    with BookingkitClient(
        environment_named("custom", f"http://127.0.0.1:{_closed_port()}"),
        CREDENTIALS,
        token_store=store,
        retry=RetryPolicy(sleep=sleeps.append),
    ) as client:
        with pytest.raises(errors.TransportError) as caught:
            client.create_order(OrderDraft("d", "e", (("p", 1),), "EUR", "r", "v", Decimal(1)))
        assert type(caught.value) is errors.TransportError  # not OutcomeUnknown: nothing sent
        assert sleeps == []
        with pytest.raises(errors.TransportError) as caught:
            client.check_connection()
        assert type(caught.value) is errors.TransportError
        assert len(sleeps) == 2
        assert client.last_call is not None
        assert client.last_call.status is None


def test_no_httpx_error_escapes_a_bad_address() -> None:
    with BookingkitClient(
        environment_named("custom", "https://bookingkit.invalid"),
        CREDENTIALS,
        token_store=MemoryTokenStore(),
        retry=RetryPolicy(sleep=lambda _s: None),
    ) as client, pytest.raises(errors.TransportError):  # fmt: skip
        client.check_connection()


def test_requests_are_counted_and_kept(shop: Shop, tmp_path: Path) -> None:
    shop.client.check_connection()
    shop.client.get_voucher(shop.voucher_id)
    shop.server.faults.add(Fault("error", method="GET", path="/v3/events", status=503))
    shop.client.list_events()
    assert shop.requests() == 4  # the retry counts too; the token call not
    counted = shop.client.requests_this_month
    shop.client.close()  # the file may lag by seconds; closing writes the rest
    kept = RequestCounter(tmp_path / "requests.json").this_month()
    assert kept == counted
    assert [(c.method, c.path, c.status) for c in shop.calls] == [
        ("GET", "/vendors", 200),
        ("GET", f"/vouchers/{shop.voucher_id}", 200),
        ("GET", "/events", 200),
    ]
    assert shop.client.last_call == shop.calls[-1]


def test_counter_per_month_and_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "requests.json"
    now = [datetime(2030, 1, 31, 23, 0, tzinfo=UTC)]
    counter = RequestCounter(path, clock=lambda: now[0])
    counter.record(3)
    now[0] = datetime(2030, 2, 1, 0, 5, tzinfo=UTC)
    assert counter.this_month() == 0
    counter.record()
    counter.flush()
    assert json.loads(path.read_text()) == {"2030-01": 3, "2030-02": 1}
    path.write_text("{not json")
    again = RequestCounter(path, clock=lambda: now[0])
    assert again.this_month() == 0
    again.record(2)
    assert RequestCounter(path, clock=lambda: now[0]).this_month() == 2


def test_the_count_file_is_written_at_most_every_ten_seconds_and_at_flush(
    tmp_path: Path,
) -> None:
    """Counted before every request: writing the file each time cost every request time."""
    path = tmp_path / "requests.json"
    seconds = [100.0]
    counter = RequestCounter(path, monotonic=lambda: seconds[0])

    def kept() -> int:
        return RequestCounter(path).this_month()

    counter.record()
    assert kept() == 1  # the first count at once
    seconds[0] += 1
    counter.record()
    counter.record()
    assert (counter.this_month(), kept()) == (3, 1)
    seconds[0] += SAVE_EVERY_S
    counter.record()
    assert kept() == 4
    seconds[0] += 1
    counter.record()
    assert kept() == 4
    counter.flush()
    assert kept() == 5
    mtime = path.stat().st_mtime_ns
    counter.flush()  # nothing new: nothing written
    assert path.stat().st_mtime_ns == mtime


def test_observer_failure_does_not_break_a_call(
    empty_standin: StandinServer, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_record: CallRecord) -> None:
        raise RuntimeError("status strip gone")

    caplog.set_level(logging.ERROR)
    with BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        CREDENTIALS,
        token_store=MemoryTokenStore(),
        observer=broken,
    ) as client:
        assert client.check_connection()
    assert "observer failed" in caplog.text
