"""Window size and layout survive a restart through Settings.window_geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from voucherdesk.settings import Settings, load_settings, save_settings
from voucherdesk.ui.common.window_state import (
    decode_window_state,
    restore_window_state,
    save_window_state,
)


def _window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("counter"))
    dock = QDockWidget("History", window)
    dock.setObjectName("history_dock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(window)
    return window


def test_size_and_docks_come_back_after_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    first = _window(qtbot)
    first.resize(613, 427)
    first.show()
    dock = first.findChild(QDockWidget, "history_dock")
    dock.hide()
    settings = Settings()
    save_window_state(first, settings)
    save_settings(settings, tmp_path / "settings.json")

    again = _window(qtbot)
    loaded = load_settings(tmp_path / "settings.json").settings
    assert restore_window_state(again, loaded)
    again.show()
    assert (again.width(), again.height()) == (613, 427)
    assert again.findChild(QDockWidget, "history_dock").isHidden()


def test_missing_or_damaged_state_is_ignored(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.resize(640, 480)
    for damaged in (None, "", "v1:???:", "v2:AAAA:AAAA", "v1:only-two"):
        assert decode_window_state(damaged) is None
        assert not restore_window_state(window, Settings(window_geometry=damaged))
    assert (window.width(), window.height()) == (640, 480)
