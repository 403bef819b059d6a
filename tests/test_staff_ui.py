"""Clerks and kiosk mode in the real counter window against the demo stand-in (pytest-qt).

Signing in, switching clerk, the lock that opens for its clerk or an admin, who redeemed what
in the journal, kiosk mode keeping settings, setup and quitting behind an admin PIN, and the
clerk admin dialog. Screenshots of the new screens go to artifacts/screens/<lang>/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.screens import SCREENS, save, themed
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from test_staff import Shift, shift  # noqa: F401 (the seeded two-clerk shift)
from test_ui_flows import WAIT_MS, book_with_enter, open_session, wait_state

from voucherdesk.desk.flow import Idle, ResultShown
from voucherdesk.desk.pin import hash_pin
from voucherdesk.paths import app_paths
from voucherdesk.settings import ClerkSettings, Settings, staff_of
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.common.admin_pin_dialog import AdminPinDialog
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.session import CounterSession
from voucherdesk.ui.settings.staff_dialog import StaffDialog

PINS = {"Ada": "1111", "Ben": "2222", "Cy": "3333"}
CLERKS = [
    ClerkSettings(name="Ada", pin_hash=hash_pin(PINS["Ada"]), admin=True),
    ClerkSettings(name="Ben", pin_hash=hash_pin(PINS["Ben"])),
    ClerkSettings(name="Cy", pin_hash=hash_pin(PINS["Cy"])),
]
COUNTER_PIN = "2468"


@pytest.fixture
def sessions(qtbot: QtBot) -> Iterator[list[CounterSession]]:
    opened: list[CounterSession] = []
    yield opened
    for session in opened:
        session.shutdown()


def start(
    qtbot: QtBot, sessions: list[CounterSession], settings: Settings | None = None
) -> CounterSession:
    session = open_session(qtbot, settings or Settings(clerks=CLERKS))
    sessions.append(session)
    return session


def sign_in(qtbot: QtBot, session: CounterSession, name: str, pin: str) -> None:
    screen = session.window.lock_screen
    screen.clerk_box.setCurrentText(name)
    qtbot.keyClicks(screen.pin_field, pin)
    qtbot.keyClick(screen.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.checking, timeout=WAIT_MS)


def enter_admin_pin(qtbot: QtBot, dialog: AdminPinDialog, pin: str) -> bool:
    """Whether the PIN was taken (the dialog is then gone)."""
    taken: list[bool] = []
    dialog.confirmed.connect(lambda: taken.append(True))
    dialog.pin_field.setText(pin)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(taken) or dialog.ok_button.isEnabled(), timeout=WAIT_MS)
    return bool(taken)


def test_a_counter_with_clerks_opens_on_the_sign_in_and_records_who_redeemed(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions)
    window, screen = session.window, session.window.lock_screen
    assert window.lock.locked
    assert window.shell.currentWidget() is screen
    assert screen.heading.text() == "Sign in"
    assert screen.clerk_box.isVisible()
    assert [screen.clerk_box.itemText(i) for i in range(3)] == ["Ada", "Ben", "Cy"]
    assert session.context.desk.clerk is None
    window.on_scan(DEMO_CODES["fresh"])  # nobody signed in: no scan is taken
    assert isinstance(session.controller.state, Idle)

    sign_in(qtbot, session, "Ben", PINS["Cy"])  # Cy's PIN is not Ben's
    assert window.lock.locked
    assert screen.message.text().startswith("Wrong PIN")
    assert screen.policy.failures == 1

    sign_in(qtbot, session, "Ben", PINS["Ben"])
    assert not window.lock.locked
    assert session.context.desk.clerk == "Ben"
    assert window.clerk_label.text() == "Clerk: Ben"
    assert screen.policy.failures == 0

    window.on_scan(DEMO_CODES["fresh"])
    wait_state(qtbot, session, lambda s: not isinstance(s, Idle))
    state = book_with_enter(qtbot, session)
    assert isinstance(state, ResultShown)
    assert state.outcome is not None
    entry = session.context.desk.journal.get(state.outcome.key)
    assert (entry.clerk, entry.changed_by) == ("Ben", "Ben")

    # The history shows who redeemed it (a column only there when an entry names a clerk).
    from PySide6.QtWidgets import QTableWidget

    from voucherdesk.ui.history.panel import HistoryPanel

    panel = HistoryPanel(session.context.desk, session.runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.refresh()
    table = panel.findChild(QTableWidget, "entries")
    assert table.columnCount() == 8
    assert table.horizontalHeaderItem(7).text() == "Clerk"
    assert table.item(0, 7).text() == "Ben"


@pytest.mark.parametrize("pin", ["", "12ab", "9" * 10_000])
def test_empty_and_endless_pins_are_refused_without_a_try(
    qtbot: QtBot, sessions: list[CounterSession], pin: str
) -> None:
    session = start(qtbot, sessions)
    screen = session.window.lock_screen
    screen.clerk_box.setCurrentText("Ada")
    screen.pin_field.setText(pin)  # a paste: the field keeps at most 32 characters
    screen.try_unlock()
    assert not screen.checking  # refused before any hashing
    assert session.window.lock.locked
    assert screen.policy.failures == 0
    assert screen.message.text() == "Locked — choose your name and enter your PIN first"
    assert screen.pin_field.text() == ""


def test_the_lock_opens_for_its_clerk_or_an_admin_and_a_switch_for_anyone(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions)
    window, screen = session.window, session.window.lock_screen
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    window.lock.lock_now()  # Ctrl+L, or the idle timer
    assert screen.heading.text() == "Locked by Ben"
    assert screen.clerk_box.currentText() == "Ben"
    kept = json.loads(app_paths().lock_state_file.read_text(encoding="utf-8"))
    assert kept["clerk"] == "Ben"  # a restart still opens for Ben or an admin only

    sign_in(qtbot, session, "Cy", PINS["Cy"])  # a right PIN, but not Ben's
    assert window.lock.locked
    assert screen.message.text() == "Only Ben or an admin can unlock this counter."
    assert screen.policy.failures == 0
    sign_in(qtbot, session, "Ada", PINS["Ada"])  # an admin
    assert not window.lock.locked
    assert session.context.desk.clerk == "Ada"

    # Switching clerk: the shortcut, then name and PIN.
    assert window.switch_action.isVisible()
    window.activateWindow()
    window.code_entry.setFocus()
    qtbot.keyClick(
        window.code_entry,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.lock.locked
    assert screen.heading.text() == "Sign in"
    assert session.context.desk.clerk is None
    sign_in(qtbot, session, "Cy", PINS["Cy"])
    assert not window.lock.locked
    assert session.context.desk.clerk == "Cy"


def test_the_lock_kept_on_disk_opens_for_its_clerk_after_a_restart(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    first = start(qtbot, sessions)
    sign_in(qtbot, first, "Ben", PINS["Ben"])
    first.window.lock.lock_now()
    sessions.remove(first)
    first.shutdown()
    again = start(qtbot, sessions)
    screen = again.window.lock_screen
    assert again.window.lock.locked
    assert screen.heading.text() == "Locked by Ben"
    sign_in(qtbot, again, "Cy", PINS["Cy"])
    assert again.window.lock.locked
    sign_in(qtbot, again, "Ben", PINS["Ben"])
    assert not again.window.lock.locked


def test_closing_asks_for_the_clerk_signed_in_or_an_admin(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions)
    window, screen = session.window, session.window.lock_screen
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    assert not window.close()
    assert screen.closing
    assert screen.heading.text() == "Close VoucherDesk?"
    sign_in(qtbot, session, "Cy", PINS["Cy"])
    assert window.isVisible()
    assert screen.message.text() == "Only Ben or an admin can unlock this counter."
    screen.keep_open_button.click()  # back to the counter, Ben still signed in
    assert not window.lock.locked
    assert session.context.desk.clerk == "Ben"
    assert not window.close()
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


def test_without_clerks_nothing_asks_for_a_name(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions, Settings())
    window = session.window
    assert not window.lock.locked
    assert not window.switch_action.isVisible()
    assert not window.clerk_label.isVisible()
    assert not window.lock_action.isEnabled()  # no PIN, no clerks: no lock, as before
    assert session.context.desk.clerk is None


# --- kiosk mode -------------------------------------------------------------------------------


def _open_admin_dialog(window: QDialog | object) -> AdminPinDialog:
    dialog = window.admin.dialog
    assert isinstance(dialog, AdminPinDialog)
    assert dialog.isVisible()
    return dialog


def test_kiosk_keeps_settings_setup_and_quitting_behind_an_admin_pin(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions, Settings(clerks=CLERKS, kiosk=True))
    window = session.window
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    asked: list[str] = []
    window.settings_requested.disconnect()
    window.setup_requested.disconnect()
    window.settings_requested.connect(lambda: asked.append("settings"))
    window.setup_requested.connect(lambda: asked.append("setup"))
    closed: list[bool] = []
    window.closing.connect(lambda: closed.append(True))

    window.settings_action.trigger()
    dialog = _open_admin_dialog(window)
    assert dialog.question.text() == "The settings are for admins: enter an admin PIN."
    for wrong, says in (
        (PINS["Ben"], "Not an admin PIN."),  # Ben is no admin
        ("0000", "Not an admin PIN."),
        ("", "An admin PIN is 4 to 8 digits."),
        ("9" * 10_000, "An admin PIN is 4 to 8 digits."),
    ):
        assert not enter_admin_pin(qtbot, dialog, wrong)
        assert asked == []
        assert dialog.isVisible()
        assert dialog.message.text() == says
    assert enter_admin_pin(qtbot, dialog, PINS["Ada"])
    assert asked == ["settings"]
    assert window.admin.dialog is None

    window.setup_action.trigger()
    dialog = _open_admin_dialog(window)
    dialog.reject()
    assert asked == ["settings"]

    # Quitting: the close button, Alt+F4 and Ctrl+Q all land in closeEvent.
    assert not window.close()
    assert window.isVisible()
    assert closed == []
    dialog = _open_admin_dialog(window)
    assert not enter_admin_pin(qtbot, dialog, PINS["Cy"])
    assert window.isVisible()
    assert enter_admin_pin(qtbot, dialog, PINS["Ada"])
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert closed == [True]


def test_kiosk_without_clerks_takes_the_counter_pin_as_admin_pin(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions, Settings(pin_hash=hash_pin(COUNTER_PIN), kiosk=True))
    window = session.window
    assert not window.lock.locked  # no clerks: nobody signs in
    assert window.admin.kiosk
    assert not window.close()
    dialog = _open_admin_dialog(window)
    assert not enter_admin_pin(qtbot, dialog, "1357")
    assert window.isVisible()
    assert enter_admin_pin(qtbot, dialog, COUNTER_PIN)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


def test_without_kiosk_settings_open_at_once(qtbot: QtBot, sessions: list[CounterSession]) -> None:
    session = start(qtbot, sessions, Settings(clerks=CLERKS))
    window = session.window
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    asked: list[bool] = []
    window.settings_requested.disconnect()
    window.settings_requested.connect(lambda: asked.append(True))
    window.settings_action.trigger()
    assert asked == [True]
    assert window.admin.dialog is None


# --- managing clerks --------------------------------------------------------------------------


def test_managing_clerks_needs_an_admin(qtbot: QtBot, sessions: list[CounterSession]) -> None:
    session = start(qtbot, sessions)
    window = session.window
    sign_in(qtbot, session, "Ben", PINS["Ben"])
    opened: list[bool] = []
    window.clerks_requested.disconnect()
    window.clerks_requested.connect(lambda: opened.append(True))
    window.clerks_action.trigger()
    dialog = _open_admin_dialog(window)
    assert not enter_admin_pin(qtbot, dialog, PINS["Ben"])
    assert opened == []
    assert enter_admin_pin(qtbot, dialog, PINS["Ada"])
    assert opened == [True]
    window.lock.switch_clerk()
    sign_in(qtbot, session, "Ada", PINS["Ada"])
    window.clerks_action.trigger()  # an admin signed in: no PIN asked
    assert opened == [True, True]


def test_the_clerk_dialog_adds_resets_and_removes_and_keeps_only_hashes(qtbot: QtBot) -> None:
    dialog = StaffDialog(Settings())
    qtbot.addWidget(dialog)
    assert not dialog.kiosk.isEnabled()  # no admin PIN yet: no kiosk
    dialog.name.setText("Ben")
    dialog.pin.setText("2222")
    dialog.repeat.setText("2222")
    dialog.add_clerk()
    assert dialog.message.text() == "The first clerk must be an admin: they manage the others."
    assert dialog.pin.text() == ""  # typed PINs never stay
    dialog.name.setText("Ada")
    dialog.pin.setText("1111")
    dialog.repeat.setText("1112")
    dialog.is_admin.setChecked(True)
    dialog.add_clerk()
    assert dialog.message.text() == "A PIN is 4 to 8 digits, typed the same twice."
    dialog.pin.setText("1111")
    dialog.repeat.setText("1111")
    dialog.add_clerk()
    assert dialog.staff.names == ["Ada"]
    assert dialog.kiosk.isEnabled()
    dialog.is_admin.setChecked(False)
    for name, pin in (("Ben", "2222"), ("Cy", "3333")):
        dialog.name.setText(name)
        dialog.pin.setText(pin)
        dialog.repeat.setText(pin)
        dialog.add_clerk()
    assert dialog.clerk_list.count() == 3
    assert dialog.clerk_list.item(0).text().startswith("Ada")
    dialog.clerk_list.setCurrentRow(1)
    dialog.pin.setText("4444")
    dialog.repeat.setText("4444")
    dialog.reset_pin()
    dialog.clerk_list.setCurrentRow(2)
    dialog.remove_clerk()
    dialog.clerk_list.setCurrentRow(0)
    dialog.remove_clerk()
    assert dialog.message.text() == "At least one clerk must stay an admin."
    dialog.kiosk.setChecked(True)
    settings = dialog.settings
    assert settings.kiosk
    staff = staff_of(settings)
    assert staff.names == ["Ada", "Ben"]
    assert isinstance(staff.sign_in("Ben", "4444"), type(staff.clerks[1]))
    text = settings.model_dump_json()
    for pin in ("1111", "2222", "4444"):
        assert f'"{pin}"' not in text


def test_clerks_saved_from_the_dialog_take_effect_in_the_window(
    qtbot: QtBot, sessions: list[CounterSession]
) -> None:
    session = start(qtbot, sessions, Settings())
    assert not session.window.lock.locked

    def add_ada() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StaffDialog)
        dialog.name.setText("Ada")
        dialog.pin.setText("1111")
        dialog.repeat.setText("1111")
        dialog.is_admin.setChecked(True)
        dialog.add_clerk()
        dialog.accept()

    QTimer.singleShot(200, add_ada)
    session.window.clerks_action.trigger()  # no admin PIN exists yet: the dialog opens
    assert staff_of(session.context.settings).names == ["Ada"]
    assert session.window.lock.locked  # nobody is signed in now: the sign-in comes first
    assert session.window.lock_screen.heading.text() == "Sign in"
    sign_in(qtbot, session, "Ada", "1111")
    assert session.context.desk.clerk == "Ada"


# --- how it looks -----------------------------------------------------------------------------


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    with themed(qapp, "en"):
        yield qapp


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screens_of_sign_in_switch_and_clerk_admin(
    qtbot: QtBot, styled_app: QApplication, lang: str
) -> None:
    install_translations(styled_app, lang)  # type: ignore[arg-type]
    session = open_session(qtbot, Settings(clerks=CLERKS, kiosk=True))
    try:
        window = session.window
        window.resize(1366, 768)
        window.demo_banner.hide()
        save(window, lang, "staff_sign_in")
        sign_in(qtbot, session, "Ben", PINS["Ben"])
        save(window, lang, "staff_signed_in")
        window.lock.lock_now()
        sign_in(qtbot, session, "Cy", PINS["Cy"])
        save(window, lang, "staff_locked_by")
        sign_in(qtbot, session, "Ben", PINS["Ben"])
        window.lock.switch_clerk()
        save(window, lang, "staff_switch")
        sign_in(qtbot, session, "Ben", PINS["Ben"])
        window.settings_action.trigger()
        dialog = _open_admin_dialog(window)
        assert not enter_admin_pin(qtbot, dialog, PINS["Ben"])
        save(dialog, lang, "staff_admin_pin")
        dialog.reject()
        staff_dialog = StaffDialog(session.context.settings, window)
        staff_dialog.show()
        staff_dialog.clerk_list.setCurrentRow(0)
        staff_dialog.remove_clerk()  # the refusal shows
        save(staff_dialog, lang, "staff_clerks")
        staff_dialog.reject()
        install_translations(styled_app, "en")  # type: ignore[arg-type]
    finally:
        session.shutdown()


# --- the shift report per clerk, in the window and as a PDF -----------------------------------


def test_report_per_clerk_in_the_dialog_and_the_pdf(
    qtbot: QtBot,
    styled_app: QApplication,
    shift: Shift,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from voucherdesk.ui.common.tasks import TaskRunner
    from voucherdesk.ui.history.shift_report_dialog import ShiftReportDialog

    runner = TaskRunner()
    dialog = ShiftReportDialog(shift.desk, runner, environment="demo")
    try:
        dialog.resize(1100, 800)
        dialog.show()
        with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
            dialog.refresh()
        text = dialog.summary_text()
        assert "Per clerk" in text
        assert "Ada" in text
        assert "Ben" in text
        assert "card or other payment" in text  # Ben's ThirdParty top-up, by its method
        save(dialog, "en", "shift_report_per_clerk")
        pdf_path = tmp_path / "shift.pdf"
        with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
            dialog.save_pdf(str(pdf_path))
    finally:
        dialog.close()
        dialog.deleteLater()
        runner.wait_for_done(5_000)
    document = QPdfDocument()
    assert document.load(str(pdf_path)) == QPdfDocument.Error.None_
    page_text = document.getAllText(0).text()
    for expected in ("Per clerk", "Ada", "Ben", "Top-ups by method", "Undos"):
        assert expected in page_text, expected
    image = document.render(0, QSize(1240, 1754))  # A4 at 150 dpi
    assert not image.isNull()
    picture = SCREENS / "en" / "shift_report_per_clerk_pdf.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(picture))
    inked = sum(
        1
        for y in range(0, image.height(), 8)
        for x in range(0, image.width(), 8)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert inked > 200  # text and table lines, not a blank page
    document.close()
