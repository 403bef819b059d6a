"""The read-only guess check: all guesses hold against the stand-in, and a server that breaks
one (as the real bookingkit might) is reported as contradicted with words that say how."""

from __future__ import annotations

from argparse import Namespace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from helpers.cli_runs import run_cli

from voucherdesk import cli_commands
from voucherdesk.bookingkit.calls import OrderDraft
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.guess_check import GuessFinding, check_guesses
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.clock import utc_now
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer


def by_guess(findings: list[GuessFinding]) -> dict[str, GuessFinding]:
    return {f.guess: f for f in findings}


def test_every_guess_holds_against_the_standin(standin: StandinServer) -> None:
    state = standin.state
    event_id = state.add_event("Canoe", [("Adult", Decimal("30.00"))], duration=60)
    date_id = state.add_date(event_id, utc_now() + timedelta(days=2), slots=5)
    voucher_id = state.add_voucher("CHECK-VOUCHER", Decimal("50"))
    methods: list[str] = []
    with BookingkitClient(
        environment_named("custom", standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
        observer=lambda record: methods.append(record.method),
    ) as client:
        price = client.get_event(event_id).prices[0].id
        draft = OrderDraft(
            date_id, event_id, ((price, 1),), "EUR", "check-1", voucher_id, Decimal("30")
        )
        client.create_order(draft)  # U9 needs a voucher-paid order to look at
        methods.clear()
        findings = check_guesses(client)

    found = by_guess(findings)
    assert [f.guess for f in findings] == [
        *("U2", "U3", "U18", "U9", "U12", "U24", "U34", "U39", "U28", "U5", "U1", "U8"),
        *("U25", "U29", "U36"),
    ]
    for guess in ("U2", "U3", "U18", "U9", "U12", "U24", "U34", "U39", "U5"):
        assert found[guess].status == "confirmed", found[guess]
    assert found["U1"].status == found["U8"].status == found["U25"].status == "unknown"
    assert "event links seen: 4" in found["U24"].detail  # the demo's products name events
    # An unknown code is "not found"; a real ticket's code needs a real ticket.
    assert found["U28"].status == "unknown"
    assert "404" in found["U28"].detail
    assert "6 passes seen" in found["U34"].detail
    assert found["U29"].status == found["U36"].status == "unknown"
    assert "sandbox" in found["U1"].detail
    assert "cancel" in found["U8"].detail
    assert "absent: none" in found["U2"].detail
    assert "Voucher" in found["U9"].detail
    assert set(methods) == {"GET"}  # read-only, whatever happens


def test_no_values_leave_the_voucher_page(standin: StandinServer) -> None:
    """Only key names and status words are reported, never codes or amounts."""
    with BookingkitClient(
        environment_named("custom", standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    ) as client:
        first = client.list_vouchers(limit=1)[0]
        u2 = by_guess(check_guesses(client))["U2"]
    assert first.code not in u2.detail
    assert first.id not in u2.detail


class FakeBookingkit:
    """A tiny bookingkit that can break one guess at a time."""

    def __init__(self) -> None:
        self.vouchers: list[dict[str, Any]] = [
            {
                "ident": f"v{i}",
                "code": f"CODE{i}",
                "title": "Value voucher",
                "value": 50,
                "remaining_value": 50,
                "currency": "EUR",
                "status": "active",
                "creation_date": "2026-01-01T10:00:00Z",
                "valid_until": None,
                "redemptions": [],
            }
            for i in range(12)
        ]
        self.orders = [
            {
                "id": "o1",
                "status": "ACCEPTED",
                "external_reference": "desk-1",
                "flexTickets": [
                    {
                        "id": "f1",
                        "code": "PASS1",
                        "status": "ACCEPTED",
                        "redemption_total": 10,
                        "redemption_available": 4,
                    }
                ],
            }
        ]
        self.honour_delta_since = True
        self.products: list[dict[str, Any]] = [
            {
                "id": "p1",
                "vendor_id": "v",
                "name": "Photo package",
                "price": 12,
                "currency": "EUR",
                "available": 5,
                "dependencies": [{"events": [{"id": "e1", "prices": [{"id": 14951}]}]}],
            }
        ]
        self.honour_offset = True
        self.honour_reference = True
        self.refuse_prefix = ""  # paths starting with this answer 401
        self.methods: list[str] = []

    def answer(self, request: httpx.Request) -> httpx.Response:
        path, query = request.url.path, request.url.params
        if path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "t" * 40, "expires_in": 3600})
        self.methods.append(request.method)
        if self.refuse_prefix and path.startswith(self.refuse_prefix):
            return httpx.Response(401, json={"code": 40100, "user_message": "scope missing"})
        if path == "/v3/vouchers":
            limit = int(query["limit"])
            offset = int(query["offset"]) if self.honour_offset else 0
            page = self.vouchers[offset : offset + limit]
            if "fields" in query:
                keep = query["fields"].split(",")
                page = [{k: v[k] for k in keep if k in v} for v in page]
            return httpx.Response(200, json=page)
        if path == "/v3/orders":
            ref = query.get("accept_external_reference")
            orders = self.orders
            if ref is not None and self.honour_reference:
                orders = [o for o in orders if o["external_reference"] == ref]
            if "delta_since" in query and self.honour_delta_since:
                orders = []  # nothing changed after the moment asked for (tomorrow)
            return httpx.Response(200, json=orders[: int(query.get("limit", 1000))])
        if path == "/v3/products":
            return httpx.Response(200, json=self.products[: int(query.get("limit", 1000))])
        if path == "/v3/orders/o1/payments":
            return httpx.Response(
                200, json=[{"value": 20, "type": "payment", "payment_method": "Voucher"}]
            )
        return httpx.Response(404, json={"code": 40400, "user_message": "no such thing"})

    def client(self) -> BookingkitClient:
        return BookingkitClient(
            environment_named("custom", "https://bookingkit.invalid"),
            Credentials("id", "secret"),
            token_store=MemoryTokenStore(),
            transport=httpx.MockTransport(self.answer),
        )

    def check(self) -> dict[str, GuessFinding]:
        with self.client() as client:
            return by_guess(check_guesses(client))


def test_the_fake_itself_agrees_with_every_guess() -> None:
    fake = FakeBookingkit()
    found = fake.check()
    assert {g: f.status for g, f in found.items() if g not in ("U1", "U8", "U25")} == {
        "U2": "confirmed",
        "U3": "confirmed",
        "U18": "confirmed",
        "U9": "confirmed",
        "U12": "confirmed",
        "U24": "confirmed",
        "U34": "confirmed",
        "U39": "confirmed",
        "U28": "unknown",
        "U29": "unknown",
        "U36": "unknown",
        "U5": "confirmed",
    }
    assert set(fake.methods) == {"GET"}
    assert len(fake.methods) <= 9


def test_a_pass_without_its_entries_contradicts_u30() -> None:
    fake = FakeBookingkit()
    fake.orders[0]["flexTickets"][0].pop("redemption_available")
    fake.orders[0]["flexTickets"][0]["status"] = "REDEEMABLE"
    u30 = fake.check()["U34"]
    assert u30.status == "contradicted"
    assert "absent: redemption_available" in u30.detail
    assert "unrecognised: REDEEMABLE" in u30.detail


def test_an_ignored_delta_since_contradicts_u35() -> None:
    fake = FakeBookingkit()
    fake.honour_delta_since = False
    assert fake.check()["U39"].status == "contradicted"


def test_a_voucher_without_remaining_value_contradicts_u2() -> None:
    fake = FakeBookingkit()
    for v in fake.vouchers:
        v["balance"] = v.pop("remaining_value")
        v["status"] = "open"
    u2 = fake.check()["U2"]
    assert u2.status == "contradicted"
    assert "absent: remaining_value" in u2.detail
    assert "other keys: balance" in u2.detail
    assert "unrecognised: open" in u2.detail


def test_products_without_a_price_contradict_u24() -> None:
    fake = FakeBookingkit()
    for product in fake.products:
        product["value"] = product.pop("price")
        del product["available"]
    u24 = fake.check()["U24"]
    assert u24.status == "contradicted"
    assert "absent: available, price" in u24.detail
    assert "no stock limit" in u24.detail


def test_products_with_dependencies_of_another_shape_contradict_u24() -> None:
    fake = FakeBookingkit()
    fake.products[0]["dependencies"] = {"events": ["e1"]}
    assert fake.check()["U24"].status == "contradicted"


def test_an_account_without_products_leaves_u24_unknown() -> None:
    fake = FakeBookingkit()
    fake.products.clear()
    u24 = fake.check()["U24"]
    assert u24.status == "unknown"
    assert "no products" in u24.detail


def test_an_ignored_reference_filter_contradicts_u12() -> None:
    fake = FakeBookingkit()
    fake.honour_reference = False
    u12 = fake.check()["U12"]
    assert u12.status == "contradicted"
    assert "ignores the filter" in u12.detail


def test_an_ignored_offset_contradicts_u18() -> None:
    fake = FakeBookingkit()
    fake.honour_offset = False
    found = fake.check()
    assert found["U18"].status == "contradicted"
    assert "ignores offset" in found["U18"].detail
    assert found["U3"].status == "confirmed"


def test_too_few_vouchers_leave_paging_unknown() -> None:
    fake = FakeBookingkit()
    del fake.vouchers[3:]
    found = fake.check()
    assert found["U18"].status == "unknown"
    assert "only 3 vouchers" in found["U18"].detail


def test_a_missing_scope_is_a_finding_not_a_crash() -> None:
    fake = FakeBookingkit()
    fake.refuse_prefix = "/v3/orders"
    found = fake.check()
    assert found["U5"].status == "contradicted"
    assert "GET /orders" in found["U5"].detail
    assert found["U9"].status == "unknown"
    assert "HTTP 401" in found["U9"].detail
    assert found["U2"].status == "confirmed"


def test_the_command_fails_when_a_guess_is_contradicted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeBookingkit()
    fake.honour_reference = False
    with fake.client() as client:
        context: Any = SimpleNamespace(client=client)
        code = cli_commands.check_guesses(context, Namespace())
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("U12")] == ["contradicted"]


@pytest.mark.slow
def test_cli_check_guesses_in_demo_mode(app_home: Path) -> None:
    result = run_cli(["--demo", "check-guesses"], app_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 15
    assert lines[0].startswith("U2   confirmed")
    assert {line.split()[1] for line in lines} <= {"confirmed", "unknown"}


def test_paging_check_reports_the_link_header_of_the_stand_in(empty_standin: StandinServer) -> None:
    empty_standin.state.add_vouchers_bulk(12, "LINK")
    with BookingkitClient(
        environment_named("custom", empty_standin.base_url),
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        token_store=MemoryTokenStore(),
    ) as client:
        found = by_guess(check_guesses(client))
    assert found["U18"].status == "confirmed"
    assert "rel first, next (followed)" in found["U18"].detail
