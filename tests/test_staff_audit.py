"""Clerks and the audit trail together: a configured counter with clerks in the real window
(pytest-qt), the stand-in over loopback, the trail's chain head in a keyring.

Every sign-in, switch of clerk and sign-out is a row naming its clerk; the counter's own rows
carry the clerk signed in (Desk.clerk, kept by the journal); the command line's
``audit verify`` holds afterwards. A change of the clerks is recorded by name, never with a
clerk's PIN hash.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from decimal import Decimal

import pytest
from helpers.keyrings import MemoryKeyring
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_audit_counter import _configure, rows_of
from test_staff_ui import CLERKS, PINS, sign_in
from test_ui_flows import WAIT_MS

from voucherdesk import cli, logs
from voucherdesk.app_context import open_configured
from voucherdesk.audit.events import RowKind
from voucherdesk.desk.pin import hash_pin
from voucherdesk.exit_codes import Exit
from voucherdesk.paths import app_paths
from voucherdesk.settings import ClerkSettings
from voucherdesk.standin import StandinServer
from voucherdesk.ui.counter.status_strip import CallFeed
from voucherdesk.ui.session import CounterSession

WHO = (RowKind.SIGN_IN, RowKind.SIGN_OUT, RowKind.SCAN)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    yield backend
    keyring.set_keyring(previous)


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


def who_rows() -> list[tuple[RowKind, str | None]]:
    trail = app_paths().data_dir / "audit-trail.jsonl"
    if not trail.exists():
        return []
    return [(r.event.kind, r.clerk) for r in rows_of(trail) if r.event.kind in WHO]


@pytest.mark.usefixtures("restore_logging")
def test_sign_ins_and_switches_are_in_the_trail_with_their_clerks_and_it_verifies(
    qtbot: QtBot,
    standin: StandinServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _configure(standin, memory_keyring, clerks=CLERKS)
    standin.state.add_voucher("STAFF-AUDIT-1", Decimal("25"))
    feed = CallFeed()
    session = CounterSession(open_configured(observer=feed.observe), feed)
    closed = False
    try:
        window = session.window
        qtbot.addWidget(window)
        window.show()
        session.start()
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        assert window.lock.locked
        assert who_rows() == []

        sign_in(qtbot, session, "Ben", PINS["Cy"])  # a wrong PIN signs nobody in
        assert window.lock.locked
        assert who_rows() == []

        sign_in(qtbot, session, "Ben", PINS["Ben"])
        assert not window.lock.locked
        assert session.context.desk.journal.clerk == "Ben"  # Desk.clerk is the journal's
        assert who_rows() == [(RowKind.SIGN_IN, "Ben")]

        # The counter's own rows name the clerk signed in.
        session.on_scan("STAFF-AUDIT-1")
        qtbot.waitUntil(lambda: len(who_rows()) == 2, timeout=WAIT_MS)
        assert who_rows()[1] == (RowKind.SCAN, "Ben")
        session.controller.back()

        # Ben locks; his own PIN opens it again: no new sign-in.
        window.lock.lock_now()
        sign_in(qtbot, session, "Ben", PINS["Ben"])
        assert not window.lock.locked
        assert len(who_rows()) == 2

        # Ben locks; an admin opens it: Ben is signed out, Ada in.
        window.lock.lock_now()
        sign_in(qtbot, session, "Ada", PINS["Ada"])
        assert not window.lock.locked
        assert who_rows()[2:] == [(RowKind.SIGN_OUT, "Ben"), (RowKind.SIGN_IN, "Ada")]

        # Switching clerk with Ctrl+Shift+L: Ada is signed out at once, Cy signs in.
        window.activateWindow()
        window.code_entry.setFocus()
        qtbot.keyClick(
            window.code_entry,
            Qt.Key.Key_L,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert window.lock.locked
        assert session.context.desk.clerk is None
        assert who_rows()[4:] == [(RowKind.SIGN_OUT, "Ada")]
        sign_in(qtbot, session, "Cy", PINS["Cy"])
        assert session.context.desk.clerk == "Cy"
        assert who_rows()[5:] == [(RowKind.SIGN_IN, "Cy")]

        # Closing the counter signs Cy out.
        session.shutdown()
        closed = True
        assert who_rows() == [
            (RowKind.SIGN_IN, "Ben"),
            (RowKind.SCAN, "Ben"),
            (RowKind.SIGN_OUT, "Ben"),
            (RowKind.SIGN_IN, "Ada"),
            (RowKind.SIGN_OUT, "Ada"),
            (RowKind.SIGN_IN, "Cy"),
            (RowKind.SIGN_OUT, "Cy"),
        ]
    finally:
        if not closed:
            session.shutdown()

    capsys.readouterr()
    assert cli.main(["audit", "verify"]) == Exit.OK
    assert "Audit trail OK:" in capsys.readouterr().out


@pytest.mark.usefixtures("restore_logging")
def test_a_change_of_clerks_is_recorded_by_name_without_any_pin_hash(
    standin: StandinServer, memory_keyring: MemoryKeyring
) -> None:
    _configure(standin, memory_keyring, clerks=CLERKS)
    context = open_configured()
    try:
        new_ben = hash_pin("5555")
        dan = ClerkSettings(name="Dan", pin_hash=hash_pin("6666"))
        clerks = [CLERKS[0], CLERKS[1].model_copy(update={"pin_hash": new_ben}), dan]  # no Cy
        context.desk.clerk = "Ada"
        context.change_settings(context.settings.model_copy(update={"clerks": clerks}))
        assert context.desk.audit is not None
        trail = context.desk.audit.path
        row = rows_of(trail)[-1]
        assert (row.event.kind, row.clerk) == (RowKind.SETTINGS, "Ada")
        assert row.event.detail == {
            "clerks.Ben.pin_hash:before": "set",
            "clerks.Ben.pin_hash:after": "set",
            "clerks.Cy.admin:before": False,
            "clerks.Cy.admin:after": None,
            "clerks.Cy.pin_hash:before": "set",
            "clerks.Cy.pin_hash:after": "none",
            "clerks.Dan.admin:before": None,
            "clerks.Dan.admin:after": False,
            "clerks.Dan.pin_hash:before": "none",
            "clerks.Dan.pin_hash:after": "set",
        }
        data = trail.read_bytes()
        for clerk in [*CLERKS, dan, clerks[1]]:
            for part in (clerk.pin_hash, *clerk.pin_hash.split("$")[-2:]):
                assert part.encode() not in data, clerk.name
        assert context.desk.audit.verify().ok
    finally:
        context.close()
