"""Settings tab: which bookingkit, this counter's name and money rules, forgetting credentials."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from voucherdesk.bookingkit.guesses import TOP_UP_PAYMENT_METHODS
from voucherdesk.settings import COUNTER_ID_PATTERN, Settings

_ENVIRONMENTS = ("production", "sandbox", "custom")


class ConnectionPage(QWidget):
    forget_clicked = Signal()

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, allow_forget: bool = True
    ) -> None:
        super().__init__(parent)
        self.environment = QComboBox(self)
        self.environment.setObjectName("environment")
        for name in _ENVIRONMENTS:
            self.environment.addItem("", name)
        self.custom_url = QLineEdit(settings.custom_url or "", self)
        self.custom_url.setObjectName("custom_url")
        self.counter_id = QLineEdit(settings.counter_id, self)
        self.counter_id.setObjectName("counter_id")
        self.counter_id.setValidator(  # it becomes part of every booking's reference
            QRegularExpressionValidator(QRegularExpression(COUNTER_ID_PATTERN), self.counter_id)
        )
        self.currency = QLineEdit(settings.currency, self)
        self.currency.setObjectName("currency")
        self.currency.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), self.currency)
        )
        self.top_up = QComboBox(self)
        self.top_up.setObjectName("top_up_method")
        for method in TOP_UP_PAYMENT_METHODS:
            self.top_up.addItem("", method)
        self.forget = QPushButton(self)
        self.forget.setObjectName("forget")
        self.forget.setVisible(allow_forget)
        self.forget.clicked.connect(self.forget_clicked)
        self._note = QLabel(self)
        self._note.setWordWrap(True)
        self._note.setProperty("role", "muted")
        self._labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout(self)
        for label, field in zip(
            self._labels,
            (self.environment, self.custom_url, self.counter_id, self.currency, self.top_up),
            strict=True,
        ):
            form.addRow(label, field)
        form.addRow("", self.forget)
        form.setAlignment(self.forget, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self._note)

        self.environment.setCurrentIndex(max(0, self.environment.findData(settings.environment)))
        self.top_up.setCurrentIndex(max(0, self.top_up.findData(settings.top_up_method)))
        self.environment.currentIndexChanged.connect(self._on_environment)
        self._on_environment()
        self._retranslate()

    def _retranslate(self) -> None:
        for index, text in enumerate(
            (self.tr("Production"), self.tr("Sandbox (test system)"), self.tr("Another address"))
        ):
            self.environment.setItemText(index, text)
        for index, text in enumerate(
            (self.tr("Cash"), self.tr("Card or other (third party)"), self.tr("Mobile app"))
        ):
            self.top_up.setItemText(index, text)
        texts = (
            self.tr("bookingkit"),
            self.tr("Address"),
            self.tr("Counter name"),
            self.tr("Currency"),
            self.tr("Top-up paid by"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.custom_url.setPlaceholderText(self.tr("https://…"))
        self.forget.setText(self.tr("Forget credentials…"))
        self._note.setText(
            self.tr(
                "The counter name goes into every booking's reference, so bookings can be "
                "traced to this counter. A new bookingkit choice takes effect after setup."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _on_environment(self, *_: object) -> None:
        self.custom_url.setEnabled(self.environment.currentData() == "custom")

    def values(self) -> dict[str, object]:
        environment = str(self.environment.currentData())
        return {
            "environment": environment,
            "custom_url": self.custom_url.text().strip() or None,
            "counter_id": self.counter_id.text().strip(),
            "currency": self.currency.text().strip().upper(),
            "top_up_method": self.top_up.currentData(),
        }
