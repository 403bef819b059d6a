"""Words for the camera: what it is doing, and what the clerk can do about it."""

from __future__ import annotations

from typing import assert_never

from voucherdesk.desk.camera_state import CameraState
from voucherdesk.ui.wording.base import Words, translate


def camera_state(state: CameraState, *, device: str = "") -> Words:
    """``device``: the camera's name as the system gives it, when one is in use."""
    if state is CameraState.OFF:
        return Words(
            translate("Wording", "Camera off"),
            translate("Wording", "Turn it on in the Counter menu to scan with the camera."),
        )
    if state is CameraState.STARTING:
        return Words(translate("Wording", "Starting the camera…"), device)
    if state is CameraState.LOOKING:
        return Words(
            translate("Wording", "Hold the code in front of the camera"),
            device,
        )
    if state is CameraState.NO_CAMERA:
        return Words(
            translate("Wording", "No camera found"),
            translate("Wording", "This computer shows no camera VoucherDesk can use."),
            translate("Wording", "Connect a camera, or scan or type the code as usual."),
        )
    if state is CameraState.DENIED:
        return Words(
            translate("Wording", "Camera not allowed"),
            translate("Wording", "The operating system does not let VoucherDesk use the camera."),
            translate(
                "Wording",
                "Allow camera access for VoucherDesk in the system's privacy settings.",
            ),
        )
    if state is CameraState.FAILED:
        return Words(
            translate("Wording", "The camera does not work"),
            translate(
                "Wording",
                "The camera reported a problem; another program may be using it.",
            ),
            translate(
                "Wording",
                "Close other programs that use the camera, check that the system's privacy "
                "settings allow desktop apps to use it, then turn it on again.",
            ),
        )
    assert_never(state)
