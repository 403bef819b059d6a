"""What the counter records in its audit trail: a real desk against the stand-in over loopback,
the configured counter (AppContext), the command line and the window."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import keyring
import keyring.errors
import pytest
from helpers.desk_setup import Booking, close_desk, make_desk
from helpers.keyrings import MemoryKeyring
from pytestqt.qtbot import QtBot

from voucherdesk import cli, logs
from voucherdesk.app_context import AppContext, open_configured
from voucherdesk.audit.chain import AuditRow, parse_row
from voucherdesk.audit.events import RowKind
from voucherdesk.audit.head import SERVICE_PREFIX, MemoryHeadStore
from voucherdesk.audit.trail import AuditProblem, AuditTrail
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.pin import hash_pin
from voucherdesk.desk.undo import UndoCase
from voucherdesk.money import Money
from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings, save_settings
from voucherdesk.standin import StandinServer
from voucherdesk.ui import wording

SECRET = "s3cret-audit-5c1e0f77a2"
CLIENT = "till-audit"
PIN = "815290"


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def rows_of(path: Path) -> list[AuditRow]:
    return [parse_row(line)[0] for line in path.read_bytes().splitlines()]


# --- the desk against the stand-in ----------------------------------------------------------


@pytest.fixture
def desk(standin: StandinServer, tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(standin.base_url, tmp_path / "till1")
    d.audit = AuditTrail(tmp_path / "till1" / "audit-trail.jsonl", MemoryHeadStore()).open()
    yield d
    close_desk(d)


def test_a_redemption_with_top_up_and_its_undo_are_recorded_exactly(
    standin: StandinServer, desk: Desk
) -> None:
    booking = Booking.add_to(standin)
    vid = standin.state.add_voucher("AUDIT-2005", Decimal("50"), remaining=Decimal("20.05"))
    desk.record_sign_in("Anna")
    desk.clerk = "Anna"  # what the staff sign-in sets
    check = desk.check(" audit-2005 ")
    assert check.voucher is None  # codes are matched exactly: an unknown-code verdict
    assert desk.check("AUDIT-2005").verdict.usable
    out = desk.redeem(booking.quote(desk, vid, adults=1))
    assert out.case is OutcomeCase.BOOKED
    assert (out.drawn, out.top_up) == (eur("20.05"), eur("9.95"))
    undone = desk.undo(out.key)
    assert undone.case is UndoCase.CANCELLED

    assert desk.audit is not None
    rows = rows_of(desk.audit.path)
    assert [(r.event.kind, r.event.outcome) for r in rows] == [
        (RowKind.SIGN_IN, None),
        (RowKind.SCAN, "unknown_code"),
        (RowKind.SCAN, "partly_used"),
        (RowKind.REDEMPTION, "booked"),
        (RowKind.UNDO, "cancelled"),
    ]
    assert {r.clerk for r in rows} == {"Anna"}
    assert {(r.environment, r.base_url) for r in rows} == {("demo", standin.base_url)}
    assert rows[2].event.voucher_code == "AUDIT-2005"
    assert rows[2].event.amounts == {"remaining": eur("20.05"), "value": eur("50")}
    redeemed = rows[3].event
    assert (redeemed.key, redeemed.voucher_code, redeemed.booking_code) == (
        out.key,
        "AUDIT-2005",
        out.booking_code,
    )
    assert redeemed.amounts == {
        "total": eur("30.00"),
        "quoted_draw": eur("20.05"),
        "drawn": eur("20.05"),
        "top_up": eur("9.95"),
        "value_left": eur("0"),
    }
    assert redeemed.detail["top_up_method"] == "Cash"
    assert redeemed.detail["order_id"] == out.order_id
    back = rows[4].event
    assert (back.key, back.booking_code) == (out.key, out.booking_code)
    assert back.amounts["drawn"] == eur("20.05")
    assert back.amounts["top_up"] == eur("9.95")  # to be paid back by hand
    assert desk.audit.verify().ok


def test_reconciled_and_acknowledged_entries_are_recorded(
    standin: StandinServer, desk: Desk
) -> None:
    from voucherdesk.standin import Fault

    state = standin.state
    booking = Booking.add_to(standin)
    vid = state.add_voucher("AUDIT-OPEN", Decimal("100"))
    # The order lands, its answer is lost, and bookingkit cannot be asked about it: open.
    state_faults = standin.faults
    state_faults.add(Fault("drop_after_commit", method="POST", path="/v3/orders"))
    state_faults.add(Fault("error", method="GET", path="/v3/orders", times=-1, status=503))
    first = desk.redeem(booking.quote(desk, vid, adults=1))
    assert first.case is OutcomeCase.LOOKUP_FAILED
    state_faults.clear()
    settled = desk.reconcile_pending()
    assert [(o.key, o.case) for o in settled] == [(first.key, OutcomeCase.BOOKED)]

    wrong = state.add_voucher("AUDIT-U1", Decimal("50"))
    state.ignores_voucher_payment = True  # bookingkit ignores the voucher: the alarm
    alarm = desk.redeem(booking.quote(desk, wrong, adults=1))
    assert alarm.case is OutcomeCase.DRAWN_MISMATCH
    desk.clerk = "Chef"
    desk.acknowledge(alarm.key)

    assert desk.audit is not None
    rows = rows_of(desk.audit.path)
    assert [(r.event.kind, r.event.key, r.event.outcome) for r in rows] == [
        (RowKind.REDEMPTION, first.key, "lookup_failed"),
        (RowKind.RECONCILE, first.key, "booked"),
        (RowKind.REDEMPTION, alarm.key, "drawn_mismatch"),
        (RowKind.ACKNOWLEDGE, alarm.key, "done"),
    ]
    assert rows[1].event.amounts["drawn"] == eur("30.00")
    assert rows[2].event.amounts["drawn"] == eur("0")  # what bookingkit really drew
    assert rows[3].clerk == "Chef"
    assert rows[3].event.detail == {"state_before": "attention"}
    assert desk.audit.verify().ok


# --- the configured counter: settings, the command line, no secrets -------------------------


class AuditRefusingKeyring(MemoryKeyring):
    """Keeps the credentials but refuses the audit trail's entry (a locked item, a policy)."""

    # Never picked by keyring's own chainer for later tests (subclasses register themselves).
    viable = False

    def get_password(self, service: str, username: str) -> str | None:
        if service.startswith(SERVICE_PREFIX):
            raise keyring.errors.KeyringLocked("locked")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if service.startswith(SERVICE_PREFIX):
            raise keyring.errors.KeyringLocked("locked")
        super().set_password(service, username, password)


def _configure(standin: StandinServer, backend: MemoryKeyring, **settings: object) -> None:
    keyring.set_keyring(backend)
    standin.state.add_client(CLIENT, SECRET)
    save_settings(
        Settings(environment="custom", custom_url=standin.base_url, **settings),  # type: ignore[arg-type]
        app_paths().settings_file,
    )
    environment = environment_named("custom", standin.base_url)
    CredentialStore(environment).save(Credentials(CLIENT, SECRET))


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def context(standin: StandinServer, memory_keyring: MemoryKeyring) -> Iterator[AppContext]:
    _configure(standin, memory_keyring)
    opened = open_configured()
    yield opened
    opened.close()


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


def test_a_settings_change_is_recorded_without_the_pin_hash(context: AppContext) -> None:
    pin_hash = hash_pin(PIN)
    after = context.settings.model_copy(
        update={
            "language": "de",
            "result_delay_s": 9,
            "pin_hash": pin_hash,
            "scan": context.settings.scan.model_copy(update={"suffix": "#"}),
        }
    )
    context.desk.clerk = "Ben"
    context.change_settings(after)
    assert context.desk.audit is not None
    row = rows_of(context.desk.audit.path)[-1]
    assert (row.event.kind, row.clerk, row.environment) == (RowKind.SETTINGS, "Ben", "custom")
    assert row.event.detail == {
        "language:before": "system",
        "language:after": "de",
        "pin_hash:before": "none",
        "pin_hash:after": "set",
        "result_delay_s:before": 6,
        "result_delay_s:after": 9,
        "scan.suffix:before": "",
        "scan.suffix:after": "#",
    }
    assert pin_hash.encode() not in context.desk.audit.path.read_bytes()


@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_the_cli_records_its_command_and_no_secret_reaches_the_trail(
    standin: StandinServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _configure(standin, memory_keyring, pin_hash=hash_pin(PIN))
    booking = Booking.add_to(standin)
    standin.state.add_voucher("AUDIT-CLI-1", Decimal("10"))
    start = str(standin.state.date(booking.date_id)["date"])[:16]
    assert cli.main(["lookup", "AUDIT-CLI-1"]) == 0
    redeem = ["redeem", "AUDIT-CLI-1", "--event", "Test Tour", "--date", start]
    assert cli.main([*redeem, "--participants", "Adult=1", "--yes"]) == 0
    capsys.readouterr()

    trail = app_paths().data_dir / "audit-trail.jsonl"
    rows = rows_of(trail)
    assert [(r.event.kind, r.event.outcome) for r in rows] == [
        (RowKind.COMMAND, "lookup"),
        (RowKind.SCAN, "usable"),
        (RowKind.COMMAND, "redeem"),
        (RowKind.SCAN, "usable"),
        (RowKind.REDEMPTION, "booked"),
    ]
    assert rows[-1].event.amounts["top_up"] == eur("20.00")  # 30.00 for a 10.00 voucher
    # The chain head is in the (memory) keyring, not in the file.
    heads = [v for (service, _u), v in memory_keyring.items.items() if "audit" in service]
    assert json.loads(heads[0]) == {"count": 5, "hash": rows[-1].hash}
    # No secret of any kind: client secret, access token, PIN, PIN hash (and its salt).
    data = trail.read_bytes()
    stored = [v for (service, _u), v in memory_keyring.items.items() if "audit" not in service]
    secrets = [SECRET, PIN]
    for value in stored:
        parsed = json.loads(value)
        secrets += [str(parsed[k]) for k in ("client_secret", "access_token") if k in parsed]
    settings_text = app_paths().settings_file.read_text()
    pin_hash = json.loads(settings_text)["pin_hash"]
    secrets += [pin_hash, *pin_hash.split("$")[-2:]]  # the hash, its salt and digest
    assert any("access_token" in json.loads(v) for v in stored)  # a token was there to leak
    for secret in filter(None, secrets):
        assert secret.encode() not in data, secret[:4]


# --- without a keyring for the chain head, the counter works on and says so -----------------


def test_a_refused_keyring_head_is_told_and_the_counter_works_on(
    qtbot: QtBot, standin: StandinServer, memory_keyring: MemoryKeyring
) -> None:
    from voucherdesk.ui.counter.status_strip import CallFeed
    from voucherdesk.ui.session import CounterSession

    _configure(standin, AuditRefusingKeyring())
    feed = CallFeed()
    session = CounterSession(open_configured(observer=feed.observe), feed)
    notes: list[str] = []
    session.controller.notice.connect(notes.append)
    try:
        assert session.context.audit_problem() is AuditProblem.KEYRING_UNAVAILABLE
        told = wording.audit_problem(AuditProblem.KEYRING_UNAVAILABLE)
        session.start()
        qtbot.waitUntil(lambda: any(told in note for note in notes), timeout=15_000)
        assert "cut off the end" in told
        standin.state.add_voucher("AUDIT-NOKR", Decimal("25"))
        check = session.context.desk.check("AUDIT-NOKR")
        assert check.verdict.usable  # the counter goes on
        audit = session.context.desk.audit
        assert audit is not None

        def last_code() -> str | None:
            rows = rows_of(audit.path) if audit.path.exists() else []
            return rows[-1].event.voucher_code if rows else None

        # A scan's row is written moments after its card (on the desk's audit lane).
        qtbot.waitUntil(lambda: last_code() == "AUDIT-NOKR", timeout=15_000)
        report = audit.verify()
        assert (report.ok, report.head_unavailable) == (True, True)
    finally:
        session.shutdown()


def test_a_scan_in_the_window_is_recorded_with_its_verdict(qtbot: QtBot) -> None:
    from helpers.keys import FakeKeyClock
    from helpers.scan_desk import ScanDesk

    counter = ScanDesk(qtbot, FakeKeyClock())
    try:
        audit = counter.session.context.desk.audit
        assert audit is not None

        def scanned() -> list[tuple[str | None, str | None]]:
            if not audit.path.exists():
                return []
            return [
                (r.event.voucher_code, r.event.outcome)
                for r in rows_of(audit.path)
                if r.event.kind is RowKind.SCAN
            ]

        counter.session.on_scan("USED9Z3T")
        qtbot.waitUntil(lambda: scanned() == [("USED9Z3T", "used_up")], timeout=15_000)
        counter.session.controller.back()
        counter.session.on_scan("GV7K2M9P")
        qtbot.waitUntil(lambda: len(scanned()) == 2, timeout=15_000)
        assert scanned()[1] == ("GV7K2M9P", "usable")
    finally:
        counter.close()
