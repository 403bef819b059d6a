"""Setup wizard, step 2: the API client's id and secret (the secret is never shown)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from voucherdesk.bookingkit.tokens import Credentials


class CredentialsPage(QWizardPage):
    def __init__(self, client_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self._intro = QLabel(wordWrap=True)
        layout.addWidget(self._intro)
        form = QFormLayout()
        self._id = QLineEdit(client_id, self)
        self._id.setObjectName("client_id")
        self._secret = QLineEdit(self)
        self._secret.setObjectName("client_secret")
        self._secret.setEchoMode(QLineEdit.EchoMode.Password)
        self._id_label = QLabel(self)
        self._secret_label = QLabel(self)
        form.addRow(self._id_label, self._id)
        form.addRow(self._secret_label, self._secret)
        layout.addLayout(form)
        self._note = QLabel(wordWrap=True)
        layout.addWidget(self._note)
        layout.addStretch(1)
        self._id.textChanged.connect(self.completeChanged)
        self._secret.textChanged.connect(self.completeChanged)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("API credentials"))
        self._intro.setText(
            self.tr(
                "Enter the client id and client secret of the bookingkit API client for this "
                "counter. Each counter should have its own API client: bookingkit lets one API "
                "client hold only one access token at a time."
            )
        )
        self._id_label.setText(self.tr("Client id"))
        self._secret_label.setText(self.tr("Client secret"))
        self._note.setText(
            self.tr(
                "Next, VoucherDesk makes one test call. Only when it succeeds are the "
                "credentials stored, and only in the operating system's keyring."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def credentials(self) -> Credentials:
        return Credentials(self._id.text().strip(), self._secret.text().strip())

    def forget_secret(self) -> None:
        """After the keyring has it, the secret need not stay in this window's memory."""
        self._secret.clear()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return bool(self._id.text().strip() and self._secret.text().strip())
