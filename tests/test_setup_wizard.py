"""The setup wizard against the stand-in over real HTTP, with a real Qt event loop.

The GUI tests use an in-memory keyring backend defined here (so they run without a Secret
Service); the real keyring is covered by test_keyring_credentials.py.
"""

from __future__ import annotations

import socket
from pathlib import Path

import keyring.backends.fail
import pytest
from helpers.keyrings import MemoryKeyring
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QLineEdit, QPushButton, QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.credentials import CredentialStore
from voucherdesk.settings import Settings, load_settings
from voucherdesk.setup_check import SetupFailed, SetupProblem, verify_and_store
from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.setup.wizard import PAGE_CHECK, PAGE_NO_KEYRING, SetupWizard


@pytest.fixture
def ring() -> MemoryKeyring:
    return MemoryKeyring()


def _wizard(qtbot: QtBot, ring: KeyringBackend, tmp_path: Path) -> SetupWizard:
    runner = TaskRunner()
    wizard = SetupWizard(
        Settings(), runner=runner, backend=ring, settings_path=tmp_path / "settings.json"
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill(wizard: SetupWizard, url: str, client_id: str, secret: str) -> None:
    wizard.findChild(QRadioButton, "env_custom").setChecked(True)
    wizard.findChild(QLineEdit, "custom_url").setText(url)
    wizard.next()
    wizard.findChild(QLineEdit, "client_id").setText(client_id)
    wizard.findChild(QLineEdit, "client_secret").setText(secret)


def test_right_credentials_are_tested_and_stored(
    qtbot: QtBot, ring: MemoryKeyring, standin: StandinServer, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, ring, tmp_path)
    _fill(wizard, standin.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.credentials_saved, timeout=10_000) as saved:
        wizard.next()
    assert saved.args == ["custom"]
    assert wizard.currentId() == PAGE_CHECK
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    vendor = standin.state.vendors()[0]["name"]
    assert vendor
    # the page says where it connected and as whom
    assert "Connected to bookingkit" in wizard.check_page.status_text()
    assert f"as {vendor}." in wizard.check_page.status_text()
    assert wizard.findChild(QLineEdit, "client_secret").text() == ""  # not kept in the window
    store = CredentialStore(environment_named("custom", standin.base_url), ring)
    assert store.load() == Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    token = store.token_store(DEMO_CLIENT_ID).load()
    assert token is not None
    # The test call's token is kept, so the app needs no second one (bookingkit allows one).
    assert standin.state.token_requests == 1
    saved_settings = load_settings(tmp_path / "settings.json").settings
    assert saved_settings.environment == "custom"
    assert saved_settings.custom_url == standin.base_url
    # Nothing secret in the settings file.
    assert DEMO_CLIENT_SECRET not in (tmp_path / "settings.json").read_text()


def test_wrong_secret_says_so_and_stores_nothing(
    qtbot: QtBot, ring: MemoryKeyring, standin: StandinServer, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, ring, tmp_path)
    _fill(wizard, standin.base_url, DEMO_CLIENT_ID, "not-the-secret")
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000) as failed:
        wizard.next()
    assert failed.args[0].problem is SetupProblem.WRONG_CREDENTIALS
    text = wizard.check_page.status_text()
    assert "refused this client id or client secret" in text
    assert "Nothing was stored" in text
    assert "not-the-secret" not in text
    assert ring.items == {}
    assert not (tmp_path / "settings.json").exists()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.findChild(QPushButton, "try_again").isVisible()


def test_no_keyring_refuses_with_a_fix(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, keyring.backends.fail.Keyring(), tmp_path)
    assert wizard.currentId() == PAGE_NO_KEYRING
    assert "never in a file" in wizard.no_keyring_page.findChild(object, "help").text()
    for dead_end in ("FinishButton", "NextButton", "BackButton"):
        assert not wizard.button(getattr(QWizard.WizardButton, dead_end)).isVisible()
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    wizard.findChild(QPushButton, "check_again").click()
    assert wizard.currentId() == PAGE_NO_KEYRING


def test_no_keyring_is_found_before_any_token_is_spent(standin: StandinServer) -> None:
    environment = environment_named("custom", standin.base_url)
    with pytest.raises(SetupFailed) as caught:
        verify_and_store(
            environment,
            Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            backend=keyring.backends.fail.Keyring(),
        )
    assert caught.value.problem is SetupProblem.NO_KEYRING
    assert DEMO_CLIENT_SECRET not in str(caught.value) + caught.value.detail
    assert standin.state.token_requests == 0  # bookingkit's one token is not used up


def test_unreachable_server_is_offline_not_a_crash(
    qtbot: QtBot, ring: MemoryKeyring, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    wizard = _wizard(qtbot, ring, tmp_path)
    _fill(wizard, f"http://127.0.0.1:{port}", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000) as failed:
        wizard.next()
    assert failed.args[0].problem is SetupProblem.OFFLINE
    assert "could not be reached" in wizard.check_page.status_text()
    assert ring.items == {}


def test_bad_custom_address_stays_on_the_page(
    qtbot: QtBot, ring: MemoryKeyring, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, ring, tmp_path)
    wizard.findChild(QRadioButton, "env_custom").setChecked(True)
    wizard.findChild(QLineEdit, "custom_url").setText("bookingkit.example")
    start = wizard.currentId()
    wizard.next()
    assert wizard.currentId() == start


def _hold_token(server: StandinServer) -> None:
    """Another counter takes the API client's only token."""
    environment = environment_named("custom", server.base_url)
    credentials = Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with BookingkitClient(environment, credentials, token_store=MemoryTokenStore()) as other:
        other.check_connection()


def test_token_held_elsewhere_names_the_time(ring: MemoryKeyring, standin: StandinServer) -> None:
    _hold_token(standin)
    environment = environment_named("custom", standin.base_url)
    with pytest.raises(SetupFailed) as caught:
        verify_and_store(environment, Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET), backend=ring)
    assert caught.value.problem is SetupProblem.TOKEN_HELD
    assert caught.value.busy_until is not None
    assert ring.items == {}


def test_setup_again_reuses_the_token_this_counter_keeps(
    ring: MemoryKeyring, standin: StandinServer
) -> None:
    environment = environment_named("custom", standin.base_url)
    credentials = Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    first = verify_and_store(environment, credentials, backend=ring)
    again = verify_and_store(environment, credentials, backend=ring)
    assert again.token_valid_until == first.token_valid_until
    # The kept token was earned with this very secret: no second token request at all.
    assert standin.state.token_requests == 1


def test_token_held_message_in_the_wizard(
    qtbot: QtBot, ring: MemoryKeyring, standin: StandinServer, tmp_path: Path
) -> None:
    _hold_token(standin)
    wizard = _wizard(qtbot, ring, tmp_path)
    _fill(wizard, standin.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000):
        wizard.next()
    assert "holds bookingkit's only access token until" in wizard.check_page.status_text()


def test_settings_that_cannot_be_saved_leave_nothing_in_the_keyring(
    qtbot: QtBot, ring: MemoryKeyring, standin: StandinServer, tmp_path: Path
) -> None:
    """#12.6: the settings are saved before the credentials are stored; when the settings
    file cannot be written (here: a folder in its place) the wizard says so and nothing is
    stored, so the keyring never holds credentials for settings that were not saved."""
    wizard = _wizard(qtbot, ring, tmp_path)
    (tmp_path / "settings.json").mkdir()
    _fill(wizard, standin.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.check_page.failed, timeout=10_000) as failed:
        wizard.next()
    assert failed.args[0].problem is SetupProblem.SETTINGS_NOT_SAVED
    text = wizard.check_page.status_text()
    assert "the settings could not be saved" in text
    assert "The credentials were not stored" in text
    store = CredentialStore(environment_named("custom", standin.base_url), ring)
    assert store.load() is None


def test_a_successful_setup_clears_the_mark_of_damaged_settings(
    qtbot: QtBot, ring: MemoryKeyring, standin: StandinServer, tmp_path: Path
) -> None:
    runner = TaskRunner()
    path = tmp_path / "settings.json"
    wizard = SetupWizard(
        Settings(recovered_from="settings.json.damaged-1", language="de"),
        runner=runner,
        backend=ring,
        settings_path=path,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(wizard, standin.base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    with qtbot.waitSignal(wizard.credentials_saved, timeout=10_000):
        wizard.next()
    saved = load_settings(path)
    assert not saved.needs_setup
    assert saved.settings.language == "de"  # what was salvaged stays
    assert saved.settings.custom_url == standin.base_url
