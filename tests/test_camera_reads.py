"""Reading codes from frames, without Qt: one decoder call per frame, no backlog, no repeats."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
import zxingcpp

from voucherdesk.desk.camera_reads import (
    DecodeLane,
    Found,
    Frame,
    PixelLayout,
    RepeatGuard,
    read_frame,
    zxing_decoder,
)
from voucherdesk.standin.seed import DEMO_CODES


def luma_of(text: str, kind: zxingcpp.BarcodeFormat, scale: int = 4) -> tuple[bytes, int, int]:
    pixels = memoryview(zxingcpp.create_barcode(text, kind).to_image(scale=scale))
    height, width = pixels.shape
    return pixels.tobytes(), width, height


def on_canvas(code: tuple[bytes, int, int], width: int = 640, height: int = 360) -> Frame:
    """The code pasted on a grey 640x360 picture, a little off centre."""
    data, w, h = code
    assert w + 40 <= width
    assert h + 30 <= height
    canvas = bytearray(b"\xa0" * (width * height))
    left, top = 40, 30
    for y in range(h):
        canvas[(top + y) * width + left : (top + y) * width + left + w] = data[y * w : (y + 1) * w]
    return Frame(pixels=bytes(canvas), width=width, height=height, row_stride=width)


class CountingDecoder:
    def __init__(self, found: Sequence[Found] = ()) -> None:
        self.calls = 0
        self.found = list(found)

    def __call__(self, frame: Frame) -> Sequence[Found]:
        self.calls += 1
        return self.found


# -- the decoder ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128])
@pytest.mark.parametrize("code", list(DEMO_CODES.values()))
def test_zxing_reads_demo_codes_from_a_luma_frame(kind: zxingcpp.BarcodeFormat, code: str) -> None:
    scale = 4 if kind is zxingcpp.BarcodeFormat.QRCode else 2
    assert read_frame(on_canvas(luma_of(code, kind, scale))) == code


def test_packed_yuyv_luma_is_read_with_a_pixel_stride() -> None:
    frame = on_canvas(luma_of(DEMO_CODES["fresh"], zxingcpp.BarcodeFormat.QRCode))
    packed = bytearray(b"\x80" * (2 * len(frame.pixels)))
    packed[0::2] = frame.pixels
    yuyv = Frame(
        pixels=bytes(packed),
        width=frame.width,
        height=frame.height,
        row_stride=2 * frame.width,
        pixel_stride=2,
    )
    assert read_frame(yuyv) == DEMO_CODES["fresh"]


def test_rgb_frames_are_read_in_their_own_layout() -> None:
    frame = on_canvas(luma_of(DEMO_CODES["dashes"], zxingcpp.BarcodeFormat.QRCode))
    bgra = bytes(b for v in frame.pixels for b in (v, v, v, 255))
    rgb = Frame(
        pixels=bgra,
        width=frame.width,
        height=frame.height,
        row_stride=4 * frame.width,
        layout=PixelLayout.BGRA,
    )
    assert read_frame(rgb) == DEMO_CODES["dashes"]


def test_a_frame_without_a_code_costs_one_decoder_call() -> None:
    blank = Frame(pixels=bytes(640 * 360), width=640, height=360, row_stride=640)
    counting = CountingDecoder()
    assert read_frame(blank, counting) is None
    assert counting.calls == 1
    assert zxing_decoder(blank) == []


def test_the_code_nearest_the_centre_wins() -> None:
    frame = Frame(pixels=bytes(100 * 100), width=100, height=100, row_stride=100)
    decoder = CountingDecoder(
        [
            Found(text="EDGE", x=5, y=5),
            Found(text="MIDDLE", x=55, y=48),
            Found(text=" ", x=50, y=50),
        ]
    )
    assert read_frame(frame, decoder) == "MIDDLE"
    assert decoder.calls == 1


def test_a_frame_claiming_more_pixels_than_it_has_is_refused() -> None:
    with pytest.raises(ValueError, match="smaller"):
        Frame(pixels=bytes(10), width=640, height=360, row_stride=640)


# -- the repeat guard -------------------------------------------------------------------------


def test_a_code_in_view_is_read_once_however_long_it_stays() -> None:
    guard = RepeatGuard(hold_s=3.0)
    assert guard.admit("GV7K2M9P", 0.0)
    # seen again every 0.5 s for a minute: still the same scan
    assert not any(guard.admit("GV7K2M9P", 0.5 * n) for n in range(1, 120))
    # out of view for longer than the hold: a new scan
    assert guard.admit("GV7K2M9P", 59.5 + 3.1)


def test_another_code_in_between_lets_the_first_through_again() -> None:
    guard = RepeatGuard(hold_s=3.0)
    assert guard.admit("A", 0.0)
    assert guard.admit("B", 0.2)
    assert guard.admit("A", 0.4)
    assert not guard.admit("A", 0.6)


def test_sightings_while_paused_keep_the_hold_but_note_no_new_code() -> None:
    guard = RepeatGuard(hold_s=3.0)
    assert guard.admit("A", 0.0)
    for n in range(1, 40):  # a dialog is open for 20 s while A stays in view
        guard.renew("A", 0.5 * n)
        guard.renew("B", 0.5 * n)  # B shown meanwhile is not taken as scanned
    assert not guard.admit("A", 20.0)
    assert guard.admit("B", 20.5)


def test_forget_makes_the_next_read_new() -> None:
    guard = RepeatGuard(hold_s=3.0)
    assert guard.admit("A", 0.0)
    guard.forget()
    assert guard.admit("A", 0.1)


# -- the decode lane --------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_frames_that_arrive_while_busy_are_dropped_not_queued() -> None:
    started, release = threading.Event(), threading.Event()
    handled: list[int] = []

    def work(item: int) -> None:
        started.set()
        release.wait(5)
        handled.append(item)

    lane: DecodeLane[int] = DecodeLane(work, interval_s=0)
    try:
        assert lane.offer(1)
        assert started.wait(5)
        assert [lane.offer(n) for n in range(2, 50)] == [False] * 48  # busy: all dropped
        release.set()
        assert lane.wait_idle(5)
        assert lane.offer(50)
        assert lane.wait_idle(5)
    finally:
        lane.close()
    assert handled == [1, 50]  # nothing from the busy time was handled later
    counts = lane.counts()
    assert (counts.offered, counts.dropped, counts.handled) == (50, 48, 2)


def test_decodes_start_at_most_once_per_interval() -> None:
    clock = Clock()
    handled: list[int] = []
    lane: DecodeLane[int] = DecodeLane(handled.append, interval_s=0.1, monotonic=clock)
    try:
        assert lane.offer(1)
        assert lane.wait_idle(5)
        clock.now += 0.05
        assert not lane.offer(2)  # idle, but too soon after the last start
        clock.now += 0.06
        assert lane.offer(3)
        assert lane.wait_idle(5)
    finally:
        lane.close()
    assert handled == [1, 3]


def test_a_failing_frame_does_not_stop_the_lane() -> None:
    errors: list[BaseException] = []
    handled: list[int] = []

    def work(item: int) -> None:
        if item == 1:
            raise ValueError("broken frame")
        handled.append(item)

    lane: DecodeLane[int] = DecodeLane(work, interval_s=0, on_error=errors.append)
    try:
        assert lane.offer(1)
        assert lane.wait_idle(5)
        assert lane.offer(2)
        assert lane.wait_idle(5)
    finally:
        lane.close()
    assert handled == [2]
    assert [str(e) for e in errors] == ["broken frame"]


def test_close_ends_the_thread_and_refuses_later_frames() -> None:
    lane: DecodeLane[int] = DecodeLane(lambda item: None, interval_s=0, name="closing-lane")
    lane.close()
    assert not lane.offer(1)
    assert "closing-lane" not in {t.name for t in threading.enumerate()}
