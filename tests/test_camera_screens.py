"""Renders the camera's screens to artifacts/screens/<lang>/camera_*.png for people to look at:
the live preview beside the counter, the "no camera" message, the camera and link settings,
the scanner check showing the code it took from a link, and a link without a code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.barcode_frames import LOOKS, qr_scene
from helpers.screens import save, themed
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from test_settings_dialog import KeyClock, _scan
from test_ui_flows import open_session, wait_state

from voucherdesk.desk.camera_state import CameraState
from voucherdesk.desk.flow import Booking, CardShown
from voucherdesk.settings import Settings
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.camera.service import CameraService
from voucherdesk.ui.settings.dialog import SettingsDialog
from voucherdesk.ui.settings.scanner_check_dialog import ScannerCheckDialog

LINK = f"https://shop.example/gutschein?code={DEMO_CODES['fresh']}"
NO_CAMERA_WORDS = {"en": "No camera found", "de": "Keine Kamera gefunden"}


@pytest.fixture
def styled_app(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[QApplication]:
    with themed(qapp, request.param):
        yield qapp


@pytest.mark.parametrize("styled_app", ["en", "de"], indirect=True)
def test_render_the_camera_screens(qtbot: QtBot, styled_app: QApplication) -> None:
    lang = "de" if styled_app.translate("Wording", "Camera off") == "Kamera aus" else "en"
    camera = CameraService()
    session = open_session(qtbot)
    shots: list[Path] = []
    try:
        window = session.window
        window.resize(1280, 760)
        window.demo_banner.hide()
        window.camera.bind(camera)

        # The live preview while a voucher is being read (no camera here: the frames are fed).
        image = qr_scene(LINK, LOOKS["phone_glare"])
        window.camera.panel.show_state(CameraState.LOOKING, "Integrated Camera")
        window.camera.show()
        camera.reader.sink.setVideoFrame(QVideoFrame(image))
        qtbot.waitUntil(lambda: not window.camera.panel.preview.image.isNull(), timeout=10_000)
        window.on_scan(LINK)
        wait_state(qtbot, session, lambda s: isinstance(s, Booking | CardShown))
        shots.append(save(window, lang, "camera_window_preview"))
        shots.append(save(window.camera, lang, "camera_preview"))

        # A link whose code is not where the settings look.
        window.on_scan("https://shop.example/?ref=qr")
        wait_state(qtbot, session, lambda s: isinstance(s, CardShown))
        shots.append(save(window, lang, "camera_card_link_without_code"))

        if not QMediaDevices.videoInputs():
            camera.set_enabled(True)
            qtbot.waitUntil(lambda: camera.state is CameraState.NO_CAMERA, timeout=10_000)
            assert window.camera.panel.title.text() == NO_CAMERA_WORDS[lang]
            shots.append(save(window, lang, "camera_no_camera_window"))
            shots.append(save(window.camera, lang, "camera_no_camera"))

        dialog = SettingsDialog(Settings(), window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.show_tab("camera")
        shots.append(save(dialog, lang, "camera_settings"))
        dialog.show_tab("links")
        dialog.findChild(QLineEdit, "payload_sample").setText(LINK)
        shots.append(save(dialog, lang, "camera_settings_links"))

        clock = KeyClock()
        check = ScannerCheckDialog(clock=clock, rules=dialog.scan_rules, parent=window)
        qtbot.addWidget(check)
        check.show()
        printed = check.findChild(QLineEdit, "printed")
        _scan(printed, clock, LINK, end="\r", gap=5)  # a 2D scanner types the whole link
        printed.setText(DEMO_CODES["fresh"])  # the code printed under the QR code
        taken = check.findChild(QLabel, "code_taken").text()
        assert taken.startswith(DEMO_CODES["fresh"])
        assert check.check is not None
        assert check.check.prefix == ""  # the link is the payload, not a scanner prefix
        assert not check.check.issues
        shots.append(save(check, lang, "camera_scanner_check_link"))
        check.reject()
        dialog.reject()
    finally:
        camera.close()
        session.shutdown()
    assert all(path.stat().st_size > 1000 for path in shots)
