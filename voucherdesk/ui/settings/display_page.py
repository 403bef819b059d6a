"""Settings tab: language, theme, how long a result stays, sounds, the PIN lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from voucherdesk.ui.common.i18n import language_names
from voucherdesk.ui.settings.pin_box import PinBox

if TYPE_CHECKING:
    from voucherdesk.settings import Settings

_LANGUAGES = ("system", "en", "de")
_THEMES = ("system", "light", "dark")


class DisplayPage(QWidget):
    """Language and theme announce each change, so the dialog can apply them live."""

    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code in _LANGUAGES:
            self.language.addItem("", code)
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        for name in _THEMES:
            self.theme.addItem("", name)
        self.result_delay = QSpinBox(self)
        self.result_delay.setObjectName("result_delay")
        self.result_delay.setRange(1, 120)
        self.sounds = QCheckBox(self)
        self.sounds.setObjectName("sounds")
        self._labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        form.addRow(self._labels[0], self.language)
        form.addRow(self._labels[1], self.theme)
        form.addRow(self._labels[2], self.result_delay)
        form.addRow(self.sounds)
        self.pin = PinBox(settings.pin_hash, settings.lock_after_idle_min, self)
        form.addRow(self.pin)

        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.result_delay.setValue(settings.result_delay_s)
        self.sounds.setChecked(settings.sounds)
        self.language.currentIndexChanged.connect(
            lambda _: self.language_changed.emit(str(self.language.currentData()))
        )
        self.theme.currentIndexChanged.connect(
            lambda _: self.theme_changed.emit(str(self.theme.currentData()))
        )
        self._retranslate()

    def _retranslate(self) -> None:
        names = language_names()
        for index, code in enumerate(_LANGUAGES):
            self.language.setItemText(index, names[code])  # type: ignore[index]
        themes = (self.tr("Same as the computer"), self.tr("Light"), self.tr("Dark"))
        for index, text in enumerate(themes):
            self.theme.setItemText(index, text)
        self._labels[0].setText(self.tr("Language"))
        self._labels[1].setText(self.tr("Colours"))
        self._labels[2].setText(self.tr("Show a result for"))
        self.result_delay.setSuffix(self.tr(" s"))
        self.sounds.setText(self.tr("Play a sound for each result"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, object]:
        return {
            "language": self.language.currentData(),
            "theme": self.theme.currentData(),
            "result_delay_s": self.result_delay.value(),
            "sounds": self.sounds.isChecked(),
        }
