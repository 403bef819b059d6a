"""The bookingkit stand-in over real loopback HTTP (httpx, not the app's client)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from voucherdesk.bookingkit import jsonwire
from voucherdesk.bookingkit.guesses import voucher_payment_fields
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Fault, StandinServer
from voucherdesk.standin.seed import DEMO_CODES


def fetch_token(server: StandinServer, **extra: str) -> httpx.Response:
    form = {
        "grant_type": "client_credentials",
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_CLIENT_SECRET,
        **extra,
    }
    return httpx.post(f"{server.base_url}/oauth/token", data=form)


def api(server: StandinServer, timeout: float = 10.0) -> httpx.Client:
    token = fetch_token(server).json()["access_token"]
    return httpx.Client(
        base_url=f"{server.base_url}/v3",
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    )


def body(resp: httpx.Response) -> Any:
    return jsonwire.loads(resp.content)


@dataclass
class Shop:
    """A small fixed world on the empty seed, so each rule can be hit on purpose."""

    server: StandinServer
    client: httpx.Client
    event_id: str
    adult: str
    child: str
    open_date: str
    full_date: str
    past_date: str
    lead_date: str

    def voucher(self, code: str, value: str = "50", **kw: Any) -> str:
        return self.server.state.add_voucher(code, Decimal(value), **kw)

    def order(
        self,
        voucher: str | None = None,
        amount: str = "39",
        *,
        date_id: str | None = None,
        prices: tuple[str, ...] | None = None,
        ref: str = "",
        **over: Any,
    ) -> httpx.Response:
        order: dict[str, Any] = {
            "date": "2026-01-01T00:00:00Z",
            "status": "ACCEPTED",
            "lang": "en",
            "currency": "EUR",
            "name": "Box office",
            "tickets": [
                {
                    "date_id": date_id or self.open_date,
                    "participants": [{"price_id": p} for p in (prices or (self.adult,))],
                }
            ],
        }
        if ref:
            order["external_reference"] = ref
        if voucher is not None:
            order |= voucher_payment_fields(voucher, Decimal(amount))
        order |= over
        return self.client.post("/orders", content=jsonwire.dumps(order))


@pytest.fixture
def shop(empty_standin: StandinServer) -> Iterator[Shop]:
    state = empty_standin.state
    now = state.now()
    event_id = state.add_event(
        "Kayak", [("Adult", Decimal("39.00")), ("Child", Decimal("19.50"))], latest_booking_time=60
    )
    adult, child = (p["id"] for p in state.event(event_id)["prices"])
    with api(empty_standin) as client:
        yield Shop(
            server=empty_standin,
            client=client,
            event_id=event_id,
            adult=adult,
            child=child,
            open_date=state.add_date(event_id, now + timedelta(days=2), 100),
            full_date=state.add_date(event_id, now + timedelta(days=2, hours=3), 0, total=8),
            past_date=state.add_date(event_id, now - timedelta(hours=1), 5),
            lead_date=state.add_date(event_id, now + timedelta(minutes=30), 5),
        )


# --- tokens, auth, quota ------------------------------------------------------------------


def test_one_token_per_client_until_it_expires(empty_standin: StandinServer) -> None:
    first = fetch_token(empty_standin)
    assert first.status_code == 200
    grant = first.json()
    assert len(grant["access_token"]) == 40
    assert int(grant["access_token"], 16) >= 0
    assert grant["expires_in"] == 3600
    assert grant["token_type"] == "Bearer"

    second = fetch_token(empty_standin)
    assert second.status_code == 429
    assert second.json()["error_code"] == 42901
    assert second.json()["error_description"] == "please reuse your oauth tokens"

    empty_standin.state.expire_tokens()
    third = fetch_token(empty_standin)
    assert third.status_code == 200
    assert third.json()["access_token"] != grant["access_token"]
    assert empty_standin.state.token_requests == 3
    assert empty_standin.state.api_requests == 0


def test_token_by_http_basic_and_narrowed_scope(empty_standin: StandinServer) -> None:
    resp = httpx.post(
        f"{empty_standin.base_url}/oauth/token",
        data={"grant_type": "client_credentials", "scope": "calendar_read"},
        auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
    )
    assert resp.status_code == 200
    assert resp.json()["scope"] == "calendar_read"
    token = resp.json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{empty_standin.base_url}/v3/events", headers=headers).status_code == 200
    refused = httpx.get(f"{empty_standin.base_url}/v3/vouchers", headers=headers)
    assert refused.status_code == 401
    assert set(refused.json()) == {"code", "user_message", "internal_message"}


def test_bad_credentials_are_invalid_client(empty_standin: StandinServer) -> None:
    resp = fetch_token(empty_standin, client_secret="wrong")
    assert resp.status_code == 401
    assert resp.json()["error"] == "invalid_client"
    assert fetch_token(empty_standin).status_code == 200  # a failed login holds no token


def test_unknown_missing_and_expired_tokens_get_401(empty_standin: StandinServer) -> None:
    url = f"{empty_standin.base_url}/v3/vendors"
    assert httpx.get(url).status_code == 401
    bad = httpx.get(url, headers={"Authorization": "Bearer " + "0" * 40})
    assert bad.status_code == 401
    assert bad.json()["user_message"]
    token = fetch_token(empty_standin).json()["access_token"]
    assert httpx.get(url, params={"access_token": token}).status_code == 200
    empty_standin.state.expire_tokens()
    assert httpx.get(url, params={"access_token": token}).status_code == 401


def test_monthly_quota_counts_every_v3_request() -> None:
    with StandinServer(seed="empty", monthly_quota=3) as server, api(server) as client:
        assert [client.get("/vendors").status_code for _ in range(3)] == [200] * 3
        over = client.get("/vendors")
        assert over.status_code == 429
        assert over.json()["error_code"] == 42910
        assert "3 requests per month" in over.json()["error_description"]
        assert server.state.api_requests == 3
        server.state.set_quota_used(0)
        assert client.get("/vendors").status_code == 200


# --- vouchers -----------------------------------------------------------------------------


def test_25k_vouchers_page_fast_with_cap_and_count(empty_standin: StandinServer) -> None:
    empty_standin.state.add_vouchers_bulk(25_000, "BULK")
    with api(empty_standin) as client:
        started = time.perf_counter()
        codes: list[str] = []
        offset = 0
        while True:
            page = client.get("/vouchers", params={"limit": 20_000, "offset": offset})
            assert page.status_code == 200
            items = page.json()
            assert len(items) <= 10_000  # hard cap whatever limit says
            codes += [v["code"] for v in items]
            if len(items) < 10_000:
                break
            offset += len(items)
        elapsed = time.perf_counter() - started
        assert len(codes) == len(set(codes)) == 25_000
        assert codes[0] == "BULK000000"
        assert elapsed < 3.0

        default = client.get("/vouchers/", params={"with_count": "true", "fields": "ident,code"})
        assert len(default.json()) == 1000
        assert default.headers["X-Total_Count"] == "25000"
        assert set(default.json()[0]) == {"ident", "code"}
        assert "Link" not in default.headers
        linked = client.get("/vouchers", params={"limit": 10, "offset": 10, "with_count": 1})
        assert 'rel="next"' in linked.headers["Link"]
        assert 'rel="prev"' in linked.headers["Link"]
        assert "offset=24990" in linked.headers["Link"]


def test_voucher_detail_accept_and_404(standin: StandinServer) -> None:
    ident = standin.state.voucher_by_code(DEMO_CODES["partly_used"])
    assert ident is not None
    with api(standin) as client:
        one = body(client.get(f"/vouchers/{ident['ident']}/"))
        assert one["code"] == DEMO_CODES["partly_used"]
        assert one["remaining_value"] == Decimal("35.00")
        assert len(one["redemptions"]) == 1
        accepted = client.get("/vouchers", params={"accept": ident["ident"]}).json()
        assert [v["code"] for v in accepted] == [DEMO_CODES["partly_used"]]
        missing = client.get("/vouchers/" + "f" * 32)
        assert missing.status_code == 404
        assert missing.json()["code"] == 40400


def test_demo_seed_has_every_voucher_state(standin: StandinServer) -> None:
    state = standin.state
    got = {role: state.voucher_by_code(code) for role, code in DEMO_CODES.items()}
    assert all(v is not None for v in got.values())
    assert got["used_up"]["status"] == "inactive"  # type: ignore[index]
    assert got["cancelled"]["status"] == "cancelled"  # type: ignore[index]
    assert got["other_currency"]["currency"] == "CHF"  # type: ignore[index]
    assert got["small"]["remaining_value"] < Decimal(19)  # type: ignore[index]
    assert "-" in DEMO_CODES["dashes"]
    assert len(state.events()) >= 4


# --- events and dates ---------------------------------------------------------------------


def test_events_match_dates_window_and_available(shop: Shop) -> None:
    state = shop.server.state
    state.add_event("Sunset Sailing", [("Adult", Decimal(89))])
    assert [e["title"] for e in shop.client.get("/events", params={"match": "sail"}).json()] == [
        "Sunset Sailing"
    ]
    bookable = shop.client.get(f"/events/{shop.event_id}/dates/").json()
    assert [d["id"] for d in bookable] == [shop.open_date]  # not full, past or in lead time
    ignoring = shop.client.get(
        f"/events/{shop.event_id}/dates", params={"ignore_latest_booking_time": "true"}
    )
    assert {d["id"] for d in ignoring.json()} == {shop.open_date, shop.lead_date}
    everything = shop.client.get(f"/events/{shop.event_id}/dates", params={"available": "false"})
    assert {d["id"] for d in everything.json()} == {
        shop.open_date,
        shop.full_date,
        shop.past_date,
        shop.lead_date,
    }
    now = state.now()
    window = {
        "start_date": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "available": "false",
    }
    windowed = shop.client.get(f"/events/{shop.event_id}/dates", params=window).json()
    assert {d["id"] for d in windowed} == {shop.open_date, shop.full_date}
    bad = shop.client.get(f"/events/{shop.event_id}/dates", params={"start_date": "2025-01-01"})
    assert bad.status_code == 400
    assert shop.client.get(f"/dates/{shop.open_date}").json()["available_slots"] == 100
    assert shop.client.get("/dates/nope").status_code == 404
    assert shop.client.get(f"/events/{shop.event_id}").json()["latest_booking_time"] == 60


# --- orders -------------------------------------------------------------------------------


def test_order_draws_from_voucher_and_slots(shop: Shop) -> None:
    ident = shop.voucher("FRESH50")
    resp = shop.order(ident, "39", prices=(shop.adult, shop.child), ref="desk-1")
    assert resp.status_code == 201, resp.text
    order = body(resp)
    assert len(order["id"]) == 32
    assert len(order["code"]) == 8
    assert order["code"].isalnum()
    assert order["code"] == order["code"].upper()
    assert order["total_invoice"] == Decimal("58.50")
    people = order["tickets"][0]["participants"]
    assert [p["price_value"] for p in people] == [Decimal("39.00"), Decimal("19.50")]
    assert all(p["id"] and p["code"] for p in people)
    assert order["redeemed_vouchers"][0]["id"] == ident
    assert order["redeemed_vouchers"][0]["redeemed_value"] == Decimal("39.00")
    assert order["redeemed_vouchers"][0]["usage_date"]

    voucher = body(shop.client.get(f"/vouchers/{ident}"))
    assert voucher["remaining_value"] == Decimal("11.00")
    assert voucher["status"] == "active"
    assert voucher["redemptions"][0]["order_id"] == order["id"]
    assert shop.client.get(f"/dates/{shop.open_date}").json()["available_slots"] == 98
    payments = body(shop.client.get(f"/orders/{order['id']}/payments"))
    assert [(p["payment_method"], p["value"]) for p in payments] == [("Voucher", Decimal(39))]
    assert payments[0]["related_items"]["vouchers"] == [{"id": ident}]
    assert body(shop.client.get(f"/orders/{order['id']}/"))["code"] == order["code"]


def test_order_by_voucher_code_that_uses_it_up(shop: Shop) -> None:
    shop.voucher("EXACT39", "39")
    by_code = [{"code": "EXACT39", "redeemed_value": 39}]
    assert shop.order(redeemed_vouchers=by_code).status_code == 201
    voucher = shop.server.state.voucher_by_code("EXACT39")
    assert voucher is not None
    assert voucher["remaining_value"] == 0
    assert voucher["status"] == "inactive"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("overdraw", "remaining value"),
        ("over_total", "order total"),
        ("used_up", "used up"),
        ("cancelled", "cancelled"),
        ("expired", "expired"),
        ("unknown", "does not exist"),
        ("wrong_currency", "CHF"),
        ("zero", "greater than 0"),
        ("full", "free places"),
        ("past", "past"),
        ("lead_time", "lead time"),
        ("short_name", "name"),
        ("foreign_price", "price_id"),
        ("no_tickets", "ticket"),
    ],
)
def test_every_refusal_is_a_400_that_changes_nothing(shop: Shop, case: str, message: str) -> None:
    now = shop.server.state.now()
    fresh = shop.voucher("FRESH", "50")
    args: dict[str, Any] = {"voucher": fresh, "amount": "39"}
    if case == "overdraw":
        args["voucher"] = shop.voucher("SMALL", "50", remaining=Decimal("20"))
    elif case == "over_total":
        args["amount"] = "45"
    elif case == "used_up":
        args["voucher"] = shop.voucher("USED", "50", remaining=Decimal(0), status="inactive")
    elif case == "cancelled":
        args["voucher"] = shop.voucher("CANC", "50", status="cancelled")
    elif case == "expired":
        args["voucher"] = shop.voucher("OLD", "50", valid_until=now - timedelta(days=1))
    elif case == "unknown":
        args["voucher"] = "0" * 32
    elif case == "wrong_currency":
        args["voucher"] = shop.voucher("CHF", "100", currency="CHF")
    elif case == "zero":
        args["amount"] = "0"
    elif case == "full":
        args["date_id"] = shop.full_date
    elif case == "past":
        args["date_id"] = shop.past_date
    elif case == "lead_time":
        args["date_id"] = shop.lead_date
    elif case == "short_name":
        args["name"] = "X"
    elif case == "foreign_price":
        other = shop.server.state.add_event("Other", [("Adult", Decimal(10))])
        args["prices"] = (shop.server.state.event(other)["prices"][0]["id"],)
    elif case == "no_tickets":
        args["tickets"] = []
    slots_before = {d["id"]: d["available_slots"] for d in _all_dates(shop)}
    vouchers_before = [shop.server.state.voucher(v) for v in _voucher_ids(shop)]

    resp = shop.order(**args)

    assert resp.status_code == 400
    error = resp.json()
    assert set(error) == {"code", "user_message", "internal_message"}
    assert message in error["user_message"]
    assert shop.server.state.orders() == []
    assert {d["id"]: d["available_slots"] for d in _all_dates(shop)} == slots_before
    assert [shop.server.state.voucher(v) for v in _voucher_ids(shop)] == vouchers_before


def _all_dates(shop: Shop) -> list[dict[str, Any]]:
    return shop.server.state.event_dates(shop.event_id, None, None, available=False)


def _voucher_ids(shop: Shop) -> list[str]:
    page, _ = shop.server.state.list_vouchers(10_000, 0, None, None)
    return [v["ident"] for v in page]


def test_bad_json_unknown_path_and_wrong_method(shop: Shop) -> None:
    bad = shop.client.post("/orders", content=b"{not json")
    assert bad.status_code == 400
    assert bad.json()["code"] == 40000
    unknown = shop.client.get("/nothing/here")
    assert unknown.status_code == 404
    assert set(unknown.json()) == {"code", "user_message", "internal_message"}
    assert shop.client.delete("/vouchers").status_code == 405


def test_duplicate_reference_only_refused_when_asked(shop: Shop) -> None:
    assert shop.order(ref="K1").status_code == 201
    assert shop.order(ref="K1").status_code == 201
    shop.server.state.reject_duplicate_reference = True
    again = shop.order(ref="K1")
    assert again.status_code == 400
    assert again.json()["code"] == 40050
    assert len(shop.server.state.orders_with_reference("K1")) == 2


# --- listing, cancelling, payments --------------------------------------------------------


@pytest.mark.parametrize("how", ["patch", "post_override"])
def test_cancel_releases_slots_and_keeps_voucher_value(shop: Shop, how: str) -> None:
    ident = shop.voucher("V", "50")
    order = shop.order(ident, "39", ref="ref-7").json()
    url = f"/orders/{order['id']}"
    cancel = {"status": "CANCELED"}
    if how == "patch":
        resp = shop.client.patch(url, json=cancel)
    else:
        resp = shop.client.post(url, params={"method": "PATCH"}, json=cancel)
    assert resp.status_code == 200
    assert resp.json()["status"] == "CANCELED"
    assert resp.json()["cancellation_date"]
    assert shop.client.get(f"/dates/{shop.open_date}").json()["available_slots"] == 100
    assert shop.server.state.voucher(ident)["remaining_value"] == Decimal(11)
    assert shop.client.patch(url, json=cancel).status_code == 200  # idempotent
    assert shop.client.get(f"/dates/{shop.open_date}").json()["available_slots"] == 100

    default = shop.client.get("/orders", params={"accept_external_reference": "ref-7"})
    assert default.json() == []
    every = shop.client.get(
        "/orders", params={"accept_external_reference": "ref-7", "status": "ALL"}
    ).json()
    assert [o["id"] for o in every] == [order["id"]]
    by_code = shop.client.get("/orders", params={"accept_code": order["code"], "status": "ALL"})
    assert [o["id"] for o in by_code.json()] == [order["id"]]


def test_cancel_restores_voucher_when_configured(shop: Shop) -> None:
    shop.server.state.cancel_restores_voucher = True
    ident = shop.voucher("V", "39")
    order = shop.order(ident, "39").json()
    assert shop.server.state.voucher(ident)["status"] == "inactive"
    assert shop.client.patch(f"/orders/{order['id']}", json={"status": "CANCELED"}).is_success
    voucher = shop.server.state.voucher(ident)
    assert voucher["remaining_value"] == Decimal(39)
    assert voucher["status"] == "active"
    kinds = [p["type"] for p in shop.server.state.payments(order["id"])]
    assert kinds == ["payment", "refund"]


def test_payments_accept_documented_methods_only(shop: Shop) -> None:
    order = shop.order(shop.voucher("V", "20"), "20").json()
    url = f"/orders/{order['id']}/payments"
    both = {"value": 19, "type": "payment", "payment_method": "Cash", "name": "Cash", "code": "k1"}
    paid = shop.client.post(url, json=both)
    assert paid.status_code == 201
    assert body(paid)["value"] == Decimal(19)
    assert body(paid)["code"] == "k1"
    for bad in (
        {"value": 5, "type": "payment", "payment_method": "Voucher"},
        {"value": 5, "type": "gift", "payment_method": "Cash"},
        {"value": -5, "type": "payment", "payment_method": "Cash"},
        {"type": "payment", "payment_method": "Cash"},
        {"value": 5, "type": "payment"},  # payments.json requires payment_method
    ):
        assert shop.client.post(url, json={"name": "x", "code": "k2", **bad}).status_code == 400
    # Valid under payment_post.json alone is not enough: payments.json needs code and name.
    only_post = {"value": 5, "type": "payment", "payment_method": "Cash"}
    assert shop.client.post(url, json=only_post).status_code == 400
    assert shop.client.post(url, json={**only_post, "name": "Cash"}).status_code == 400
    methods = [p["payment_method"] for p in shop.client.get(url).json()]
    assert methods == ["Voucher", "Cash"]
    assert shop.client.get("/orders/nope/payments").status_code == 404


# --- faults -------------------------------------------------------------------------------


def test_error_rate_limit_and_malformed_faults(shop: Shop) -> None:
    faults = shop.server.faults
    faults.add(Fault("error", method="GET", path="/v3/vendors*", status=503))
    faults.add(Fault("rate_limit", path="/v3/events", seconds=2))
    faults.add(Fault("malformed", path="/v3/dates/*"))
    error = shop.client.get("/vendors")
    assert error.status_code == 503
    assert set(error.json()) == {"code", "user_message", "internal_message"}
    assert shop.client.get("/vendors").status_code == 200  # times=1 used up
    limited = shop.client.get("/events")
    assert limited.status_code == 429
    assert limited.json()["error_code"] not in (42901, 42910)
    assert limited.headers["Retry-After"] == "2"
    broken = shop.client.get(f"/dates/{shop.open_date}")
    assert broken.status_code == 200
    with pytest.raises(ValueError, match="Expecting value"):
        jsonwire.loads(broken.content)


def test_drop_before_does_nothing_and_drop_after_commit_books(shop: Shop) -> None:
    ident = shop.voucher("V", "100")
    shop.server.faults.add(Fault("drop_before", method="POST", path="/v3/orders"))
    with pytest.raises(httpx.RemoteProtocolError):
        shop.order(ident, ref="before")
    assert shop.server.state.orders_with_reference("before") == []

    shop.server.faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    with pytest.raises(httpx.RemoteProtocolError):
        shop.order(ident, ref="after")
    admin = httpx.get(
        f"{shop.server.base_url}/_standin/orders", params={"external_reference": "after"}
    )
    assert len(admin.json()) == 1
    voucher = httpx.get(f"{shop.server.base_url}/_standin/vouchers/{ident}").json()
    assert voucher["remaining_value"] == 61


def test_delay_after_commit_and_latency(shop: Shop) -> None:
    faults = shop.server.faults
    faults.add(Fault("delay_after_commit", method="POST", path="/v3/orders", seconds=1.0))
    with pytest.raises(httpx.ReadTimeout):
        _post_with_timeout(shop, 0.3)
    assert len(shop.server.state.orders_with_reference("slow")) == 1

    faults.add(Fault("latency", path="/v3/vendors", seconds=0.3))
    started = time.perf_counter()
    assert shop.client.get("/vendors").status_code == 200
    assert time.perf_counter() - started >= 0.3


def _post_with_timeout(shop: Shop, seconds: float) -> httpx.Response:
    order = {
        "status": "ACCEPTED",
        "lang": "en",
        "currency": "EUR",
        "name": "Box office",
        "external_reference": "slow",
        "tickets": [{"date_id": shop.open_date, "participants": [{"price_id": shop.adult}]}],
    }
    return shop.client.post("/orders", json=order, timeout=seconds)


def test_admin_endpoints_over_http(shop: Shop) -> None:
    base = shop.server.base_url
    added = httpx.post(
        f"{base}/_standin/faults", json={"kind": "error", "path": "/v3/vendors", "times": -1}
    )
    assert added.status_code == 201
    assert [shop.client.get("/vendors").status_code for _ in range(2)] == [500, 500]
    assert httpx.delete(f"{base}/_standin/faults").status_code == 204
    assert shop.client.get("/vendors").status_code == 200
    assert httpx.post(f"{base}/_standin/faults", json={"kind": "nonsense"}).status_code == 400
    assert httpx.post(f"{base}/_standin/expire-tokens").status_code == 204
    assert shop.client.get("/vendors").status_code == 401
    assert httpx.get(f"{base}/_standin/vouchers/nope").status_code == 404


# --- concurrency and lifecycle ------------------------------------------------------------


def test_twenty_counters_racing_for_one_voucher(shop: Shop) -> None:
    ident = shop.voucher("RACE", "50")
    barrier = threading.Barrier(20)
    statuses: list[int] = []
    lock = threading.Lock()

    def spend() -> None:
        # One shared client: httpx is thread-safe and opens a connection per racing request.
        order = {
            "status": "ACCEPTED",
            "lang": "en",
            "currency": "EUR",
            "name": "Box office",
            "tickets": [{"date_id": shop.open_date, "participants": [{"price_id": shop.child}]}],
            **voucher_payment_fields(ident, Decimal("15.00")),
        }
        barrier.wait()
        resp = shop.client.post("/orders", content=jsonwire.dumps(order))
        with lock:
            statuses.append(resp.status_code)

    threads = [threading.Thread(target=spend) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    voucher = shop.server.state.voucher(ident)
    drawn = sum(r["redeemed_value"] for r in voucher["redemptions"])
    assert sorted(statuses) == [201] * 3 + [400] * 17
    assert voucher["remaining_value"] == Decimal(5)
    assert drawn == Decimal(45) <= Decimal(50)
    assert shop.client.get(f"/dates/{shop.open_date}").json()["available_slots"] == 97


def test_racing_for_the_last_places_never_oversells(shop: Shop) -> None:
    date_id = shop.server.state.add_date(
        shop.event_id, shop.server.state.now() + timedelta(days=3), 2
    )
    barrier = threading.Barrier(12)
    statuses: list[int] = []

    def book() -> None:
        order = {
            "lang": "en",
            "currency": "EUR",
            "name": "Box office",
            "tickets": [{"date_id": date_id, "participants": [{"price_id": shop.adult}]}],
        }
        barrier.wait()
        statuses.append(shop.client.post("/orders", json=order).status_code)

    threads = [threading.Thread(target=book) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] * 2 + [400] * 10
    assert shop.server.state.date(date_id)["available_slots"] == 0


def test_keep_alive_and_stop_closes_the_port() -> None:
    server = StandinServer(seed="empty").start()
    with httpx.Client(base_url=server.base_url) as client:
        first = client.post(
            "/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": DEMO_CLIENT_ID,
                "client_secret": DEMO_CLIENT_SECRET,
            },
        )
        assert first.http_version == "HTTP/1.1"
        token = first.json()["access_token"]
        for _ in range(5):
            assert client.get("/v3/vendors", params={"access_token": token}).is_success
        assert server.connections_accepted == 1  # one kept-alive connection for six requests
        server.stop()
        with pytest.raises(httpx.TransportError):
            client.get("/v3/vendors", timeout=2)


def test_clock_moves_token_expiry() -> None:
    now = [datetime(2026, 3, 1, 12, tzinfo=UTC)]
    with StandinServer(seed="empty", clock=lambda: now[0], token_lifetime=60) as server:
        assert fetch_token(server).json()["expires_in"] == 60
        assert fetch_token(server).status_code == 429
        now[0] += timedelta(seconds=61)
        assert fetch_token(server).status_code == 200


def test_expiring_tokens_counts_the_live_ones() -> None:
    """The soak counts an expiry only when a token really ended."""
    with StandinServer(seed="empty") as server:
        assert server.state.expire_tokens() == 0  # nobody signed in yet
        token = fetch_token(server).json()["access_token"]
        assert server.state.expire_tokens() == 1
        assert server.state.expire_tokens() == 0  # already ended
        with httpx.Client(base_url=server.base_url) as client:
            answer = client.get("/v3/vendors", params={"access_token": token})
        assert answer.status_code == 401


@pytest.mark.slow
def test_command_prints_url_and_stops_on_sigterm() -> None:
    code = (
        "from voucherdesk.standin.command import StandinOptions, run;"
        "raise SystemExit(run(StandinOptions(port=0)))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("bookingkit stand-in listening on http://127.0.0.1:")
        url = line.split(" on ", 1)[1].strip()
        assert httpx.get(f"{url}/v3/vendors").status_code == 401
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# --- faults, caps, clock and clients added for the money path's second pass ---------------


def test_error_after_commit_stores_then_answers_5xx(shop: Shop) -> None:
    ident = shop.voucher("V5XX", "100")
    shop.server.faults.add(
        Fault("error_after_commit", method="POST", path="/v3/orders", status=502)
    )
    answered = shop.order(ident, ref="stored-then-502")
    assert answered.status_code == 502
    assert set(answered.json()) == {"code", "user_message", "internal_message"}
    assert len(shop.server.state.orders_with_reference("stored-then-502")) == 1
    assert shop.server.state.voucher(ident)["remaining_value"] == Decimal(61)

    order = shop.server.state.orders_with_reference("stored-then-502")[0]
    url = f"/orders/{order['id']}/payments"
    shop.server.faults.add(Fault("error_after_commit", method="POST", path="/v3/orders/*/payments"))
    cash = {"value": 5, "type": "payment", "payment_method": "Cash", "name": "Cash", "code": "k"}
    assert shop.client.post(url, json=cash).status_code == 500
    assert [p["payment_method"] for p in shop.server.state.payments(order["id"])].count("Cash") == 1

    shop.server.faults.add(Fault("error_after_commit", method="PATCH", path="/v3/orders/*"))
    cancel = shop.client.patch(f"/orders/{order['id']}", json={"status": "CANCELED"})
    assert cancel.status_code == 500
    assert shop.server.state.order(order["id"])["status"] == "CANCELED"


def _codes_by_links(client: httpx.Client, limit: int) -> tuple[list[str], int]:
    """Follow rel="next" from the first page; (codes, requests)."""
    url: str | None = "/vouchers"
    params: dict[str, Any] | None = {"limit": limit, "offset": 0, "fields": "ident,code"}
    codes: list[str] = []
    requests = 0
    while url is not None:
        page = client.get(url, params=params)
        requests += 1
        codes += [v["code"] for v in page.json()]
        nxt = page.links.get("next")
        url, params = (nxt["url"], None) if nxt else (None, None)
    return codes, requests


def test_page_cap_shortens_pages_and_links_lead_on(empty_standin: StandinServer) -> None:
    empty_standin.state.add_vouchers_bulk(2_500, "CAP")
    empty_standin.state.page_cap = 1_000
    with api(empty_standin) as client:
        first = client.get("/vouchers", params={"limit": 10_000, "offset": 0})
        assert len(first.json()) == 1_000  # shorter than asked, and not the end
        assert "offset=1000" in first.links["next"]["url"]
        assert "limit=10000" in first.links["next"]["url"]
        codes, requests = _codes_by_links(client, 10_000)
        assert len(codes) == len(set(codes)) == 2_500
        assert requests == 3
        last = client.get("/vouchers", params={"limit": 10_000, "offset": 2_000})
        assert "next" not in last.links
        assert "offset=1000" in last.links["prev"]["url"]
    cap = httpx.post(f"{empty_standin.base_url}/_standin/page-cap", json={"page_cap": 7})
    assert cap.status_code == 200
    assert empty_standin.state.page_cap == 7
    assert httpx.post(f"{empty_standin.base_url}/_standin/page-cap", json={}).status_code == 400


def test_reference_defaults_for_limits(empty_standin: StandinServer) -> None:
    """Vouchers default to 1,000 a page, other lists to everything up to the 10,000 cap."""
    state = empty_standin.state
    state.add_vouchers_bulk(10_500, "DEF")
    event_id = state.add_event("Many dates", [("Adult", Decimal(10))])
    for i in range(1_200):
        state.add_date(event_id, state.now() + timedelta(days=1, minutes=i), 3)
    with api(empty_standin) as client:
        assert len(client.get("/vouchers").json()) == 1_000
        assert len(client.get("/vouchers", params={"limit": 50_000}).json()) == 10_000
        dates = client.get(f"/events/{event_id}/dates", params={"available": "false"})
        assert len(dates.json()) == 1_200


def test_order_list_status_defaults_to_accepted_and_refuses_unknown(shop: Shop) -> None:
    first = shop.order(ref="listed").json()
    shop.client.patch(f"/orders/{first['id']}", json={"status": "CANCELED"})
    by_ref = {"accept_external_reference": "listed"}
    assert shop.client.get("/orders", params=by_ref).json() == []  # default status ACCEPTED
    assert len(shop.client.get("/orders", params={**by_ref, "status": "ALL"}).json()) == 1
    assert len(shop.client.get("/orders", params={**by_ref, "status": "canceled"}).json()) == 1
    misspelt = shop.client.get("/orders", params={**by_ref, "status": "CANCELLED"})
    assert misspelt.status_code == 400
    assert "status must be one of" in misspelt.json()["user_message"]


def test_answers_are_gzipped_when_the_client_accepts_it(shop: Shop) -> None:
    with httpx.Client(timeout=10) as raw:
        token = fetch_token(shop.server)
        assert token.status_code == 429  # the shop's client holds the token; shape is enough
        zipped = raw.get(f"{shop.server.base_url}/v3/vendors", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["Content-Encoding"] == "gzip"
        plain = raw.get(
            f"{shop.server.base_url}/v3/vendors", headers={"Accept-Encoding": "identity"}
        )
        assert "Content-Encoding" not in plain.headers
        assert zipped.json() == plain.json()


def test_clock_offset_steps_token_expiry_over_http(empty_standin: StandinServer) -> None:
    base = empty_standin.base_url
    before = empty_standin.state.now()
    assert fetch_token(empty_standin).status_code == 200
    assert fetch_token(empty_standin).status_code == 429
    stepped = httpx.post(f"{base}/_standin/clock", json={"offset_seconds": 3_601})
    assert stepped.status_code == 200
    assert stepped.json()["offset_seconds"] == 3_601
    assert empty_standin.state.now() - before >= timedelta(seconds=3_601)
    assert fetch_token(empty_standin).status_code == 200  # the old token ran out meanwhile
    back = httpx.post(f"{base}/_standin/clock", json={"offset_seconds": 0}).json()
    assert back["offset_seconds"] == 0
    assert httpx.post(f"{base}/_standin/clock", json={"offset_seconds": "x"}).status_code == 400


def test_two_api_clients_each_have_their_own_token(empty_standin: StandinServer) -> None:
    empty_standin.state.add_client("counter-2", "second-secret-xyz")
    first = fetch_token(empty_standin)
    second = fetch_token(empty_standin, client_id="counter-2", client_secret="second-secret-xyz")
    assert first.status_code == second.status_code == 200
    again = fetch_token(empty_standin, client_id="counter-2", client_secret="second-secret-xyz")
    assert again.json()["error_code"] == 42901


@pytest.mark.slow
def test_command_runs_extra_clients_with_a_page_cap(app_home: Any) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "VOUCHERDESK_HOME": str(app_home)}
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "voucherdesk", "standin", "--port", "0", "--seed", "empty",
            "--client-id", "till-a", "--client-secret", "secret-a-123",
            "--client-id", "till-b", "--client-secret", "secret-b-456",
            "--page-cap", "3", "--clock-offset", "-60",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split(" on ", 1)[1].strip()
        printed = "".join(proc.stdout.readline() for _ in range(7))
        assert "till-a" in printed
        assert "till-b" in printed
        assert "secret-a-123" not in printed
        tokens = [
            httpx.post(
                f"{url}/oauth/token",
                data={"grant_type": "client_credentials", "client_id": c, "client_secret": s},
            )
            for c, s in (("till-a", "secret-a-123"), ("till-b", "secret-b-456"))
        ]
        assert [t.status_code for t in tokens] == [200, 200]
        headers = {"Authorization": f"Bearer {tokens[0].json()['access_token']}"}
        assert httpx.get(f"{url}/v3/vendors", headers=headers).status_code == 200
        clock = httpx.get(f"{url}/_standin/clock").json()
        assert clock["offset_seconds"] == -60
        assert httpx.post(f"{url}/_standin/page-cap", json={"page_cap": 2}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    unpaired = subprocess.run(
        [sys.executable, "-m", "voucherdesk", "standin", "--client-id", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert unpaired.returncode == 2
    assert "--client-secret" in unpaired.stderr


def test_order_list_filters_of_the_reference(shop: Shop) -> None:
    """ordersCollection: placed between, ticket dates, match, accept/exclude, accept_dates,
    order; times only in bookingkit's form (reference sections 2 and 5)."""
    state = shop.server.state
    anna = shop.order(name="Anna Kayak", email="anna@example.org").json()
    later = state.add_date(shop.event_id, state.now() + timedelta(days=9), 10)
    bert = shop.order(name="Bert Boat", date_id=later).json()
    state.set_clock_offset(timedelta(minutes=30))  # Carl books half an hour later
    carl = shop.order(name="Carl Canoe").json()

    def ids(**params: str) -> list[str]:
        answer = shop.client.get("/orders", params=params)
        assert answer.status_code == 200, answer.text
        return [o["id"] for o in answer.json()]

    first = (state.now() - timedelta(minutes=35)).strftime("%Y-%m-%dT%H:%M:%SZ")
    between = (state.now() - timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(start_date=first, end_date=between) == [anna["id"], bert["id"]]
    assert ids(start_date=between) == [carl["id"]]
    # an end bound is inclusive: the order placed at that very second is in
    assert ids(end_date=carl["date"]) == [anna["id"], bert["id"], carl["id"]]
    week = (state.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(start_event_date=week) == [bert["id"]]
    assert ids(end_event_date=week) == [anna["id"], carl["id"]]
    assert ids(accept_dates=later) == [bert["id"]]
    assert ids(match="ANNA@example") == [anna["id"]]
    assert ids(match="boat") == [bert["id"]]
    assert ids(exclude=f"{anna['id']},{carl['id']}") == [bert["id"]]
    assert ids(order="-name") == [carl["id"], bert["id"], anna["id"]]
    assert ids(order="+name", limit="1", offset="1") == [bert["id"]]
    for bad in ({"start_date": "2026-12-03"}, {"end_event_date": "yesterday"}, {"order": "x"}):
        assert shop.client.get("/orders", params=bad).status_code == 400


def test_owned_orders_only_plays_guess_u5_the_other_way(shop: Shop) -> None:
    state = shop.server.state
    mine = shop.order(ref="demo-counter").json()
    state.add_client("till2", "till2-secret")
    form = {
        "grant_type": "client_credentials",
        "client_id": "till2",
        "client_secret": "till2-secret",
    }
    token = httpx.post(f"{shop.server.base_url}/oauth/token", data=form).json()["access_token"]
    with httpx.Client(
        base_url=f"{shop.server.base_url}/v3", headers={"Authorization": f"Bearer {token}"}
    ) as other:
        assert [o["id"] for o in other.get("/orders").json()] == [mine["id"]]  # vendor-wide
        state.owned_orders_only = True
        assert other.get("/orders").json() == []
        assert other.get(f"/orders/{mine['id']}").status_code == 404
        assert [o["id"] for o in shop.client.get("/orders").json()] == [mine["id"]]
        assert shop.client.get(f"/orders/{mine['id']}").status_code == 200
