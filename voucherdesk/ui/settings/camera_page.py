"""Settings tab: scanning with the camera (off by default) and which camera to use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from voucherdesk.desk.camera_reads import REPEAT_HOLD_S
from voucherdesk.placeholders import fill
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.cameras import camera_choices

if TYPE_CHECKING:
    from voucherdesk.settings import CameraSettings


class CameraPage(QWidget):
    def __init__(self, camera: CameraSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("camera_enabled")
        self.enabled.setChecked(camera.enabled)
        self.device = QComboBox(self)
        self.device.setObjectName("camera_device")
        self.device.addItem("", "")  # the system's default camera
        for name, key in camera_choices():
            self.device.addItem(name, key)
        if camera.device and self.device.findData(camera.device) < 0:
            self.device.addItem("", camera.device)  # chosen before, not connected now
        self.device.setCurrentIndex(max(0, self.device.findData(camera.device)))
        self.note = QLabel(self)
        self.note.setObjectName("camera_note")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self._device_label = QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self._device_label, self.device)
        form.addRow(self.note)
        self._retranslate()

    def _retranslate(self) -> None:
        self.enabled.setText(self.tr("Scan codes with the camera"))
        self._device_label.setText(self.tr("Camera"))
        self.device.setItemText(0, self.tr("The computer's default camera"))
        for index in range(1, self.device.count()):
            if not self.device.itemText(index):
                self.device.setItemText(index, self.tr("The camera chosen before (not connected)"))
        found = self.device.count() > 1
        lines = [
            fill(
                self.tr(
                    "A code that stays in view is read once; it is read again after it was "
                    "out of view for {seconds} seconds, or after another code."
                ),
                seconds=formatting.count(int(REPEAT_HOLD_S)),
            ),
            self.tr("Scanners and typing keep working while the camera is on."),
        ]
        if not found:
            lines.insert(0, self.tr("No camera is connected to this computer right now."))
        self.note.setText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, object]:
        return {"enabled": self.enabled.isChecked(), "device": str(self.device.currentData())}
