"""Camera scanning in the real counter window (offscreen) on the demo stand-in, without a camera.

Frames made from pictures go into the camera reader's video sink, as a capture session would
put them there; from there on everything is the app's own path: decode lane, repeat guard,
``CounterApp._on_scan``, the controller and the desk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import pytest
from helpers.barcode_frames import (
    FRAME_MAKERS,
    LOOKS,
    LOOKS_1D,
    code128_scene,
    empty_scene,
    qr_scene,
)
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from voucherdesk.desk.camera_reads import Found, Frame, zxing_decoder
from voucherdesk.desk.camera_state import CameraState
from voucherdesk.desk.flow import Booking, CardShown, Idle, Redeeming, ResultShown, State
from voucherdesk.paths import app_paths
from voucherdesk.settings import load_settings
from voucherdesk.standin.faults import Fault
from voucherdesk.standin.seed import DEMO_CODES
from voucherdesk.ui.app import CounterApp
from voucherdesk.ui.camera.service import CameraService
from voucherdesk.ui.camera.sizes import PREVIEW_SIZE
from voucherdesk.ui.common.i18n import install_translations
from voucherdesk.ui.session import CounterSession

WAIT_MS = 15_000
CODES = list(DEMO_CODES.values())


class CountingDecoder:
    """zxing-cpp, counting its calls (they come from the decode lane's thread)."""

    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, frame: Frame) -> Sequence[Found]:
        with self._lock:
            self.calls += 1
        return zxing_decoder(frame)


@dataclass
class Counter:
    app: CounterApp
    session: CounterSession
    decoder: CountingDecoder
    qtbot: QtBot

    @property
    def state(self) -> State:
        return self.session.controller.state

    def show(
        self, frame: Callable[[], QVideoFrame], until: Callable[[], bool], limit_ms: int = WAIT_MS
    ) -> None:
        """Hold a picture in front of the "camera": a new frame of it 30 times a second."""
        sink = self.app.camera.reader.sink
        timer = QTimer()
        timer.setInterval(33)
        timer.timeout.connect(lambda: sink.setVideoFrame(frame()))
        sink.setVideoFrame(frame())
        timer.start()
        try:
            self.qtbot.waitUntil(until, timeout=limit_ms)
        finally:
            timer.stop()
            self.app.camera.reader.wait_idle()
            QApplication.processEvents()


@pytest.fixture
def counter(qtbot: QtBot) -> Iterator[Counter]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    decoder = CountingDecoder()
    camera = CameraService(decoder=decoder)
    desk = CounterApp(app, demo=True, camera=camera)
    try:
        session = desk.open()
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda: session.controller.accepting, timeout=WAIT_MS)
        yield Counter(desk, session, decoder, qtbot)
    finally:
        app.removeEventFilter(desk.capture)
        desk.shutdown()
        camera.deleteLater()


def card_for(code: str) -> Callable[[State], bool]:
    def test(state: State) -> bool:
        check = getattr(state, "check", None)
        return isinstance(state, CardShown | Booking) and check is not None and check.code == code

    return test


SCENES = [("qr", name, qr_scene, look) for name, look in LOOKS.items()] + [
    ("code128", name, code128_scene, look) for name, look in LOOKS_1D.items()
]


def test_camera_frames_of_every_kind_scan_to_the_right_card(counter: Counter) -> None:
    makers = list(FRAME_MAKERS.items())
    for n, (kind, look_name, make, look) in enumerate(SCENES):
        code = CODES[n % len(CODES)]  # never the same code twice in a row
        fmt, to_frame = makers[n % len(makers)]
        image = make(code, look)
        counter.show(
            lambda: to_frame(image),  # noqa: B023 (used before the loop moves on)
            lambda: card_for(code)(counter.state),  # noqa: B023
        )
        state = counter.state
        assert isinstance(state, CardShown | Booking), (kind, look_name, fmt)
        assert state.check.voucher is not None
        assert state.check.voucher.code == code, (kind, look_name, fmt)
        assert counter.session.window.card.code.text() == code


def test_a_frame_without_a_code_costs_one_decoder_call(counter: Counter) -> None:
    reader = counter.app.camera.reader
    before = reader.counts()
    reader.sink.setVideoFrame(QVideoFrame(empty_scene()))
    assert reader.wait_idle()
    QApplication.processEvents()
    assert counter.decoder.calls == 1
    after = reader.counts()
    assert after.handled - before.handled == 1
    assert isinstance(counter.state, Idle)


def test_a_code_left_in_view_is_scanned_once(counter: Counter) -> None:
    reads: list[str] = []
    counter.app.camera.code_read.connect(reads.append)
    image = qr_scene(DEMO_CODES["partly_used"], LOOKS["straight"])
    counter.show(lambda: QVideoFrame(image), lambda: counter.decoder.calls >= 8)
    assert reads == [DEMO_CODES["partly_used"]]
    assert card_for(DEMO_CODES["partly_used"])(counter.state)
    counts = counter.app.camera.reader.counts()
    assert counts.dropped > 0  # frames came faster than the lane decodes: dropped, not queued
    assert counts.handled == counter.decoder.calls


def test_a_link_in_a_qr_code_opens_its_voucher(counter: Counter) -> None:
    link = f"https://shop.example/gutschein/einloesen?code={DEMO_CODES['dashes']}&utm=qr"
    image = qr_scene(link, LOOKS["phone_glare"])
    counter.show(lambda: QVideoFrame(image), lambda: card_for(DEMO_CODES["dashes"])(counter.state))


def test_a_camera_read_during_a_redemption_is_refused(counter: Counter) -> None:
    standin = counter.session.context.standin
    assert standin is not None
    standin.faults.add(Fault("latency", method="POST", path="/v3/orders", seconds=2.0))
    fresh = qr_scene(DEMO_CODES["fresh"], LOOKS["straight"])
    counter.show(
        lambda: QVideoFrame(fresh),
        lambda: isinstance(counter.state, Booking) and counter.state.quote is not None,
    )
    refused: list[bool] = []
    counter.session.controller.scan_refused.connect(lambda: refused.append(True))
    counter.session.controller.confirm()
    assert isinstance(counter.state, Redeeming)
    large = qr_scene(DEMO_CODES["large"], LOOKS["straight"])
    counter.show(lambda: QVideoFrame(large), lambda: bool(refused))
    assert isinstance(counter.state, Redeeming)  # the redemption goes on, the new code waits
    assert "Still booking" in counter.session.window.status.message.text()
    counter.qtbot.waitUntil(lambda: isinstance(counter.state, ResultShown), timeout=WAIT_MS)


def test_typed_links_and_codes_still_work_in_the_code_field(counter: Counter) -> None:
    field = counter.session.window.code_entry
    field.setText(f"https://shop.example/v/{DEMO_CODES['small']}")
    counter.session.window.check_button.click()
    counter.qtbot.waitUntil(lambda: card_for(DEMO_CODES["small"])(counter.state), timeout=WAIT_MS)


NO_CAMERA = pytest.mark.skipif(
    bool(QMediaDevices.videoInputs()), reason="this computer has a camera"
)


@NO_CAMERA
@pytest.mark.parametrize(
    ("lang", "title"), [("en", "No camera found"), ("de", "Keine Kamera gefunden")]
)
def test_switching_the_camera_on_without_one_says_so(
    counter: Counter, lang: str, title: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translations(app, lang)
    try:
        window = counter.session.window
        assert not window.camera.isVisible()  # off by default
        window.camera.switch.trigger()
        counter.qtbot.waitUntil(lambda: window.camera.isVisible(), timeout=WAIT_MS)
        assert counter.app.camera.state is CameraState.NO_CAMERA
        assert window.camera.panel.title.text() == title
        assert window.camera.panel.next_step.isVisible()
        assert load_settings(app_paths().settings_file).settings.camera.enabled
        window.camera.switch.trigger()
        assert counter.app.camera.state is CameraState.OFF
        assert not window.camera.isVisible()
        assert not load_settings(app_paths().settings_file).settings.camera.enabled
    finally:
        install_translations(app, "en")


def test_the_preview_shows_the_frames(counter: Counter) -> None:
    reader = counter.app.camera.reader
    pictures: list[QImage] = []
    reader.preview_changed.connect(pictures.append)
    image = qr_scene(DEMO_CODES["cancelled"], LOOKS["straight"])
    counter.show(lambda: QVideoFrame(image), lambda: bool(pictures))
    assert pictures[-1].width() <= PREVIEW_SIZE.width()
    assert pictures[-1].height() <= PREVIEW_SIZE.height()
    assert pictures[-1].width() == PREVIEW_SIZE.width() or pictures[-1].height() == (
        PREVIEW_SIZE.height()
    )


def test_typing_into_a_field_is_untouched_by_the_camera(counter: Counter) -> None:
    """A code read by the camera while the clerk types elsewhere does not land in the field."""
    field = QLineEdit()
    counter.qtbot.addWidget(field)
    field.setText("half typed")
    image = qr_scene(DEMO_CODES["expired"], LOOKS["straight"])
    counter.show(lambda: QVideoFrame(image), lambda: card_for(DEMO_CODES["expired"])(counter.state))
    assert field.text() == "half typed"


def test_a_camera_that_never_starts_ends_as_failed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device that vanished between listing and opening (here: no device at all) must not
    leave the clerk looking at "starting…" for ever."""
    from PySide6.QtMultimedia import QCameraDevice

    from voucherdesk.ui.camera import device

    monkeypatch.setattr(device, "cameras", lambda: [QCameraDevice()])
    monkeypatch.setattr(device, "choose_device", lambda key: QCameraDevice())
    camera = CameraService()
    try:
        camera.feed.start_timeout_ms = 300
        states: list[CameraState] = []
        camera.state_changed.connect(states.append)
        camera.set_enabled(True)
        qtbot.waitUntil(lambda: camera.state is CameraState.FAILED, timeout=WAIT_MS)
        assert states[0] is CameraState.STARTING
        assert camera.feed.problem == "the camera did not start"
        assert camera.feed._camera is None  # released
        camera.set_enabled(False)
        assert camera.state is CameraState.OFF
    finally:
        camera.close()
        camera.deleteLater()


def test_a_long_link_is_shown_shortened_on_the_card(counter: Counter) -> None:
    link = "https://shop.example/campaign/" + "x" * 1500 + "/?ref=qr"
    counter.session.window.on_scan(link)
    counter.qtbot.waitUntil(lambda: isinstance(counter.state, CardShown), timeout=WAIT_MS)
    shown = counter.session.window.card.code.text()
    assert shown.startswith("https://shop.example/campaign/")
    assert shown.endswith("/?ref=qr")
    assert "\u2026" in shown
    assert len(shown) <= 91


def test_reads_are_dropped_while_the_settings_dialog_pauses_the_camera(counter: Counter) -> None:
    reads: list[str] = []
    camera = counter.app.camera
    camera.code_read.connect(reads.append)
    camera.set_paused(True)
    image = qr_scene(DEMO_CODES["used_up"], LOOKS["straight"])
    counter.show(lambda: QVideoFrame(image), lambda: counter.decoder.calls >= 3)
    assert reads == []
    assert isinstance(counter.state, Idle)
    camera.set_paused(False)  # the dialog is closed: the code still in view is scanned now
    counter.show(lambda: QVideoFrame(image), lambda: bool(reads))
    assert reads == [DEMO_CODES["used_up"]]


def test_the_camera_picture_is_out_of_view_behind_the_lock(counter: Counter) -> None:
    """Found in review: the camera's dock sits beside the lock screen, so its live picture
    (a customer's voucher held up to it, the counter) stayed in view while locked."""
    from voucherdesk.desk.pin import hash_pin

    window = counter.session.window
    window.lock.configure(hash_pin("2468", iterations=20_000), 0)
    window.camera.switch.trigger()
    counter.qtbot.waitUntil(lambda: window.camera.isVisible(), timeout=WAIT_MS)
    window.lock.lock_now()
    assert window.lock.locked
    assert not window.camera.isVisible()
    counter.app.camera.set_enabled(False)  # it changes state behind the lock: out of view
    counter.app.camera.set_enabled(True)
    counter.qtbot.wait(100)
    assert not window.camera.isVisible()
    window.lock.unlock()
    assert window.camera.isVisible()  # the camera is still on: its picture comes back
