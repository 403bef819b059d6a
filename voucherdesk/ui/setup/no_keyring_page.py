"""Setup wizard page shown instead of the others when no OS keyring is usable.

VoucherDesk never falls back to a plaintext file, so the only way on is to fix the keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget, QWizardPage


class NoKeyringPage(QWizardPage):
    keyring_found = Signal()

    def __init__(self, check: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        layout = QVBoxLayout(self)
        self._text = QLabel(wordWrap=True)
        self._text.setObjectName("help")
        layout.addWidget(self._text)
        self._again = QPushButton(self)
        self._again.setObjectName("check_again")
        self._again.clicked.connect(self._check_again)
        layout.addWidget(self._again, 0, Qt.AlignmentFlag.AlignLeft)
        self._still = QLabel(wordWrap=True)
        layout.addWidget(self._still)
        layout.addStretch(1)
        self.setFinalPage(True)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("No keyring found"))
        self._text.setText(
            self.tr(
                "VoucherDesk keeps the bookingkit credentials only in the operating system's "
                "keyring, never in a file. No usable keyring was found.\n\n"
                "Windows: the Credential Manager must be available (it normally is).\n"
                "macOS: the login Keychain must be unlocked.\n"
                "Linux: start a Secret Service in your desktop session (GNOME Keyring or "
                "KWallet) and unlock it, then click “Check again”."
            )
        )
        self._again.setText(self.tr("Check again"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _check_again(self) -> None:
        if self._check():
            self._still.clear()
            self.keyring_found.emit()
        else:
            self._still.setText(self.tr("Still no usable keyring."))

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return False  # there is no way forward without a keyring
