"""Setup wizard, step 1: which bookingkit the counter talks to."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from voucherdesk.bookingkit.environments import Environment, environment_named

_CHOICES = ("production", "sandbox", "custom")


class EnvironmentPage(QWizardPage):
    """Production, sandbox or another address (a test server)."""

    def __init__(
        self, chosen: str = "production", url: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        self._intro = QLabel(wordWrap=True)
        layout.addWidget(self._intro)
        for index, name in enumerate(_CHOICES):
            button = QRadioButton(self)
            button.setObjectName(f"env_{name}")
            self._group.addButton(button, index)
            self._buttons[name] = button
            layout.addWidget(button)
        self._url = QLineEdit(self)
        self._url.setObjectName("custom_url")
        self._url.setText(url or "")
        layout.addWidget(self._url)
        self._problem = QLabel(wordWrap=True)
        self._problem.setObjectName("problem")
        self._problem.setStyleSheet("color: #C0392B; font-weight: bold;")
        layout.addWidget(self._problem)
        layout.addStretch(1)
        self._buttons.get(chosen, self._buttons["production"]).setChecked(True)
        self._group.idToggled.connect(self._on_choice)
        self._url.textChanged.connect(self.completeChanged)
        self._on_choice()
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Which bookingkit?"))
        self._intro.setText(
            self.tr(
                "Choose the bookingkit system this counter redeems vouchers in. Use the sandbox "
                "to try VoucherDesk without touching real bookings."
            )
        )
        self._buttons["production"].setText(self.tr("Production – your live bookingkit account"))
        self._buttons["sandbox"].setText(self.tr("Sandbox – bookingkit's test system"))
        self._buttons["custom"].setText(self.tr("Another address (a test or stand-in server)"))
        self._url.setPlaceholderText(self.tr("for example https://bookingkit.example.test"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def chosen(self) -> str:
        return next(name for name, button in self._buttons.items() if button.isChecked())

    def custom_url(self) -> str | None:
        return self._url.text().strip() or None if self.chosen() == "custom" else None

    def environment(self) -> Environment:
        """Raises ValueError for a custom address that is not http(s)."""
        return environment_named(self.chosen(), self.custom_url())

    def _on_choice(self, *_: object) -> None:
        self._url.setEnabled(self.chosen() == "custom")
        self._problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.chosen() != "custom" or bool(self._url.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        try:
            self.environment()
        except ValueError:
            self._problem.setText(
                self.tr("This is not a web address. It must start with https:// or http://.")
            )
            return False
        self._problem.clear()
        return True
