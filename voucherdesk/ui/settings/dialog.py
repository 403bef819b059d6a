"""The settings dialog: connection, scanner, links, camera, display. Language and colours apply
live.

``SettingsDialog(settings, parent)``; ``exec()`` -> Accepted with the new values in
``.settings`` (the caller saves them and rebuilds what depends on them). Cancel puts a live
language or theme change back. "Forget credentials" removes this environment's credentials
and token from the OS keyring after a confirmation and says so with ``credentials_forgotten``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.credentials import CredentialStore, KeyringUnavailable
from voucherdesk.placeholders import fill
from voucherdesk.settings import Settings
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.common.questions import ask_yes_no
from voucherdesk.ui.common.theme import apply_theme
from voucherdesk.ui.settings.camera_page import CameraPage
from voucherdesk.ui.settings.connection_page import ConnectionPage
from voucherdesk.ui.settings.display_page import DisplayPage
from voucherdesk.ui.settings.links_page import LinksPage
from voucherdesk.ui.settings.scanner_check_dialog import ScannerCheckDialog
from voucherdesk.ui.settings.scanner_page import ScannerPage

if TYPE_CHECKING:  # keyring loads on use: it is slow to import
    from keyring.backend import KeyringBackend

    from voucherdesk.desk.codes import ScanRules
    from voucherdesk.ui.common.scanner import ScanCapture


def _exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class SettingsDialog(QDialog):
    credentials_forgotten = Signal(str)  # environment name

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        capture: ScanCapture | None = None,
        backend: KeyringBackend | None = None,
        allow_forget: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self._original = settings
        self.settings = settings.model_copy(deep=True)
        self._capture = capture
        self._backend = backend
        # Tests answer these questions instead of a person; each returns True for "yes".
        self.confirm: Callable[[str], bool] | None = None
        self.run_scanner_check: Callable[[ScannerCheckDialog], bool] | None = None

        self.connection = ConnectionPage(settings, self, allow_forget=allow_forget)
        self.scanner = ScannerPage(settings.scan, self)
        self.links = LinksPage(settings.scan, self)
        self.links.set_base(self.scanner.tidy_rules)
        self.scanner.rules_changed.connect(self.links.refresh)
        self.camera = CameraPage(settings.camera, self)
        self.display = DisplayPage(settings, self)
        self._tabs = QTabWidget(self)
        self._tabs.addTab(self.connection, "")
        self._tabs.addTab(self.scanner, "")
        self._tabs.addTab(self.links, "")
        self._tabs.addTab(self.camera, "")
        self._tabs.addTab(self.display, "")
        self._problem = QLabel(self)
        self._problem.setObjectName("problem")
        self._problem.setWordWrap(True)
        self._problem.setProperty("role", "muted")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)

        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.connection.forget_clicked.connect(self.forget_credentials)
        self.scanner.check_clicked.connect(self.check_scanner)
        self.display.language_changed.connect(self._apply_language)
        self.display.theme_changed.connect(self._apply_theme)
        self.setMinimumSize(860, 660)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self._tabs.setTabText(0, self.tr("Connection"))
        self._tabs.setTabText(1, self.tr("Scanner"))
        self._tabs.setTabText(2, self.tr("QR codes and links"))
        self._tabs.setTabText(3, self.tr("Camera"))
        self._tabs.setTabText(4, self.tr("Display"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def show_tab(self, name: str) -> None:
        """ "connection", "scanner", "links", "camera" or "display"."""
        pages = {
            "connection": self.connection,
            "scanner": self.scanner,
            "links": self.links,
            "camera": self.camera,
            "display": self.display,
        }
        self._tabs.setCurrentWidget(pages[name])

    # --- live language and theme ------------------------------------------------------------
    def _apply_language(self, choice: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_translations(app, choice)  # type: ignore[arg-type]

    def _apply_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)  # type: ignore[arg-type]

    def reject(self) -> None:
        values = self.display.values()
        if values["language"] != self._original.language:
            self._apply_language(self._original.language)
        if values["theme"] != self._original.theme:
            self._apply_theme(self._original.theme)
        super().reject()

    # --- accept -------------------------------------------------------------------------------
    def collect(self) -> Settings:
        """The settings as entered; raises ValueError with a clerk-readable message."""
        data: dict[str, Any] = self._original.model_dump()
        data.update(self.connection.values())
        data.update(self.display.values())
        data.update(self.display.pin.values())  # ValueError when a PIN entry is not right
        data["scan"] = {**data["scan"], **self.scanner.values(), **self.links.values()}
        data["camera"] = {**data["camera"], **self.camera.values()}
        link_problem = self.links.problem()
        if link_problem is not None:
            self.show_tab("links")
            raise ValueError(link_problem)
        if data["environment"] == "custom":
            try:
                environment_named("custom", data["custom_url"])
            except ValueError:
                raise ValueError(
                    self.tr("The address must be a web address starting with https:// or http://.")
                ) from None
        if not data["counter_id"]:
            raise ValueError(self.tr("The counter needs a name."))
        if len(data["currency"]) != 3:
            raise ValueError(self.tr("The currency is a three-letter code such as EUR."))
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            where = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
            message = fill(self.tr("Some values are out of range: {where}"), where=where)
            raise ValueError(message) from None

    def accept(self) -> None:
        try:
            self.settings = self.collect()
        except ValueError as exc:
            self._problem.setText(str(exc))
            return
        super().accept()

    # --- actions --------------------------------------------------------------------------------
    def _ask(self, question: str) -> bool:
        return ask_yes_no(self, self.tr("Forget credentials"), question)

    def forget_credentials(self) -> None:
        name = self._original.environment
        question = fill(
            self.tr(
                "Remove the bookingkit client id, secret and access token of “{name}” from this "
                "computer's keyring? This counter cannot redeem until the setup is run again."
            ),
            name=name,
        )
        if not (self.confirm or self._ask)(question):
            return
        try:
            environment = environment_named(name, self._original.custom_url)
            CredentialStore(environment, self._backend).forget()
        except ValueError:
            pass  # an address that cannot be used never had credentials stored for it
        except KeyringUnavailable:
            self._problem.setText(
                self.tr("The keyring could not be reached, so nothing was removed.")
            )
            return
        self._problem.setText(self.tr("The credentials were removed from the keyring."))
        self.credentials_forgotten.emit(name)

    def scan_rules(self) -> ScanRules | None:
        """The rules as they stand in the dialog; None while the link rule is refused."""
        return self.links.rules(self.scanner.tidy_rules())

    def check_scanner(self) -> None:
        dialog = ScannerCheckDialog(capture=self._capture, rules=self.scan_rules, parent=self)
        try:
            run = self.run_scanner_check or _exec_dialog
            if run(dialog) and dialog.check is not None:
                self.scanner.apply_check(dialog.check)
                self._problem.setText(self.tr("The scanner check's findings were taken over."))
        finally:
            dialog.deleteLater()
