"""The camera's small live picture and what the camera is doing, in a dock beside the counter.

The window adds ``CameraDock`` and puts its ``switch`` action in a menu; the app binds the dock
to its CameraService. The dock shows while the camera is on (or says why it cannot be), and
hides when the clerk switches the camera off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from voucherdesk.desk.camera_state import CameraState
from voucherdesk.ui import wording
from voucherdesk.ui.camera.sizes import PREVIEW_SIZE

if TYPE_CHECKING:
    from voucherdesk.ui.camera.service import CameraService


class PreviewView(QWidget):
    """Paints the newest preview picture (already small); dark when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self.setFixedSize(PREVIEW_SIZE)
        self._image = QImage()

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    @property
    def image(self) -> QImage:
        return self._image

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(PREVIEW_SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(24, 24, 28))
        image = self._image
        if not image.isNull():
            target = QRect(0, 0, image.width(), image.height())
            target.moveCenter(self.rect().center())
            painter.drawImage(target, image)
            # A thin frame in the middle: where to hold the code.
            aim = self.rect().adjusted(self.width() // 4, self.height() // 6, 0, 0)
            aim.setSize(QSize(self.width() // 2, self.height() * 2 // 3))
            painter.setPen(QColor(255, 255, 255, 150))
            painter.drawRect(aim)
        painter.end()


class CameraPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = PreviewView(self)
        self.title = QLabel(self)
        self.title.setObjectName("camera_title")
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("camera_detail")
        self.detail.setWordWrap(True)
        self.next_step = QLabel(self)
        self.next_step.setObjectName("camera_next_step")
        self.next_step.setWordWrap(True)
        self.next_step.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.next_step)
        layout.addStretch(1)
        self.setFixedWidth(PREVIEW_SIZE.width() + 24)
        self._state = CameraState.OFF
        self._device = ""
        self.show_state(CameraState.OFF)

    def show_state(self, state: CameraState, device: str = "") -> None:
        self._state, self._device = state, device
        words = wording.camera_state(state, device=device)
        self.title.setText(words.title)
        self.detail.setText(words.detail)
        self.detail.setVisible(bool(words.detail))
        self.next_step.setText(words.next_step)
        self.next_step.setVisible(bool(words.next_step))
        self.preview.setVisible(state in (CameraState.STARTING, CameraState.LOOKING))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.show_state(self._state, self._device)
        super().changeEvent(event)


class CameraDock(QDockWidget):
    """The panel in a dock, and the menu action that switches the camera on and off."""

    switched = Signal(bool)  # the clerk used the menu action (the app turns the camera on/off)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_dock")
        self._camera: CameraService | None = None
        self._covered = False  # behind the counter's lock
        # The menu action is the one switch: the dock has no close button of its own.
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.panel = CameraPanel(self)
        self.setWidget(self.panel)
        self.switch = QAction(self)
        self.switch.setObjectName("camera_switch")
        self.switch.setCheckable(True)
        self.switch.setShortcut(QKeySequence("Ctrl+K"))
        self.switch.triggered.connect(self.switched)
        self._retranslate()
        self.hide()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Camera"))
        self.switch.setText(self.tr("Scan with the camera"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def bind(self, camera: CameraService) -> None:
        """Show ``camera``'s state and pictures; the switch follows it."""
        camera.state_changed.connect(self._on_state)
        camera.preview_changed.connect(self.panel.preview.set_image)
        self._camera = camera
        self._on_state(camera.state)

    def _on_state(self, state: CameraState) -> None:
        camera = self._camera
        device = camera.device_name if camera is not None else ""
        self.panel.show_state(state, device)
        on = state is not CameraState.OFF
        self.switch.setChecked(on)
        self._show_if(on)

    def cover(self, covered: bool) -> None:
        """Behind the counter's lock the live picture is out of view (it may show a
        customer's voucher); it comes back with the unlock if the camera is still on."""
        self._covered = covered
        self._show_if(self._camera is not None and self._camera.enabled)

    def _show_if(self, on: bool) -> None:
        self.setVisible(on and not self._covered)
