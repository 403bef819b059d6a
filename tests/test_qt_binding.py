"""The Qt binding must not leak or drop references on calls the app makes all day.

PySide6 6.12.0 dropped one reference to True on every Python-side signal emit() and one to None
on every static void call (processEvents, sendPostedEvents): after a few thousand signals a
long-running counter would die with "deallocating True". pyproject.toml keeps us below 6.12;
this test fails if an upgrade brings such a binding back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    happened = Signal(object)


def test_signal_emit_keeps_the_reference_counts_of_true_and_none(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.happened.connect(received.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(200):
        emitter.happened.emit(n)
    assert received == list(range(200))
    assert abs(sys.getrefcount(True) - true_before) < 20
    assert abs(sys.getrefcount(None) - none_before) < 20


def test_static_void_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    none_before = sys.getrefcount(None)
    for _ in range(200):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()
    assert abs(sys.getrefcount(None) - none_before) < 20
