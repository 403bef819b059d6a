"""First-run setup: environment, API credentials, a test call, then the OS keyring.

The wizard holds no logic of its own: the test call and the keyring writes are
``voucherdesk.setup_check.verify_and_store``, run on the TaskRunner so the window never freezes.
When it succeeds the chosen environment is saved in the settings file and
``credentials_saved(environment)`` tells the app to (re)open its connection.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget, QWizard

from voucherdesk.credentials import CredentialStore, KeyringUnavailable, keyring_usable
from voucherdesk.paths import app_paths
from voucherdesk.settings import Settings, load_settings, save_settings
from voucherdesk.setup_check import SetupSucceeded, verify_and_store
from voucherdesk.ui.common.tasks import TaskRunner
from voucherdesk.ui.setup.check_page import CheckPage, SetupJob
from voucherdesk.ui.setup.credentials_page import CredentialsPage
from voucherdesk.ui.setup.environment_page import EnvironmentPage
from voucherdesk.ui.setup.no_keyring_page import NoKeyringPage

if TYPE_CHECKING:  # keyring loads on use: it is slow to import
    from keyring.backend import KeyringBackend

PAGE_NO_KEYRING, PAGE_ENVIRONMENT, PAGE_CREDENTIALS, PAGE_CHECK = range(4)


class SetupWizard(QWizard):
    """``SetupWizard(parent=window)`` reads and writes the app's own settings file."""

    credentials_saved = Signal(str)  # the environment name the credentials belong to

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        runner: TaskRunner | None = None,
        backend: KeyringBackend | None = None,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = settings_path or app_paths().settings_file
        self._settings = (settings or load_settings(self._path).settings).model_copy(deep=True)
        self._runner = runner or TaskRunner(self)
        self._backend = backend
        self.setObjectName("setup_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setMinimumSize(760, 520)

        self.no_keyring_page = NoKeyringPage(partial(keyring_usable, backend), self)
        self.environment_page = EnvironmentPage(
            self._settings.environment, self._settings.custom_url, self
        )
        self.credentials_page = CredentialsPage(self._known_client_id(), self)
        self.check_page = CheckPage(self._runner, self)
        self.setPage(PAGE_NO_KEYRING, self.no_keyring_page)
        self.setPage(PAGE_ENVIRONMENT, self.environment_page)
        self.setPage(PAGE_CREDENTIALS, self.credentials_page)
        self.setPage(PAGE_CHECK, self.check_page)
        self.setStartId(PAGE_ENVIRONMENT if self._keyring_ok() else PAGE_NO_KEYRING)
        self.no_keyring_page.keyring_found.connect(self._restart_with_keyring)
        self.check_page.succeeded.connect(self._on_success)
        self.currentIdChanged.connect(self._fit_buttons)
        self._retranslate()

    @property
    def settings(self) -> Settings:
        """The settings with the chosen environment (saved to disk after a successful test)."""
        return self._settings

    @property
    def outcome(self) -> SetupSucceeded | None:
        return self.check_page.result

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        current = self.currentId()
        if current == PAGE_NO_KEYRING:
            return -1
        if current == PAGE_ENVIRONMENT:
            return PAGE_CREDENTIALS
        if current == PAGE_CREDENTIALS:
            return PAGE_CHECK
        return -1

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("VoucherDesk setup"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start redeeming"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _keyring_ok(self) -> bool:
        return keyring_usable(self._backend)

    def _known_client_id(self) -> str:
        """Prefill the client id when setup runs again; the secret is never prefilled."""
        if not self._keyring_ok():
            return ""
        try:
            environment = self.environment_page.environment()
            known = CredentialStore(environment, self._backend).load()
        except (ValueError, KeyringUnavailable):
            return ""
        return known.client_id if known is not None else ""

    def _fit_buttons(self, page_id: int) -> None:
        """Without a keyring there is no way forward: offer only Cancel, no dead buttons."""
        button = QWizard.WizardButton
        if page_id == PAGE_NO_KEYRING:
            self.setButtonLayout([button.Stretch, button.CancelButton])
        else:
            self.setButtonLayout(
                [
                    button.Stretch,
                    button.BackButton,
                    button.NextButton,
                    button.FinishButton,
                    button.CancelButton,
                ]
            )

    def _restart_with_keyring(self) -> None:
        self.setStartId(PAGE_ENVIRONMENT)
        self.restart()

    def _chosen_settings(self) -> Settings:
        """The settings as they will be saved: the chosen environment, and no longer marked as
        salvaged from a damaged file (the clerk has now said which bookingkit it is)."""
        return self._settings.model_copy(
            update={
                "environment": self.environment_page.chosen(),
                "custom_url": self.environment_page.custom_url(),
                "recovered_from": None,
            }
        )

    def make_setup_job(self) -> SetupJob:
        """Called by the test page each time it starts: the values as they are now."""
        environment = self.environment_page.environment()
        credentials = self.credentials_page.credentials()
        backend = self._backend
        settings, path = self._chosen_settings(), self._path
        # The job captures plain values only: it runs on a worker thread. The settings are
        # saved before the credentials are stored, never after (a settings file that cannot be
        # written leaves nothing in the keyring).
        return lambda: verify_and_store(
            environment,
            credentials,
            backend=backend,
            before_storing=lambda: save_settings(settings, path),
        )

    def _on_success(self, done: SetupSucceeded) -> None:
        self._settings = self._chosen_settings()  # saved by the job before the keyring
        self.credentials_page.forget_secret()
        self.credentials_saved.emit(done.environment)
