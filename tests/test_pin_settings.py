"""The PIN in the settings dialog: set, change, remove; the settings file keeps only a hash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from voucherdesk.desk.pin import verify_pin
from voucherdesk.settings import Settings, load_settings, save_settings
from voucherdesk.ui.settings.dialog import SettingsDialog


def _pin_fields(dialog: SettingsDialog) -> tuple[QLineEdit, QLineEdit, QLineEdit, QCheckBox]:
    return (
        dialog.findChild(QLineEdit, "current_pin"),
        dialog.findChild(QLineEdit, "new_pin"),
        dialog.findChild(QLineEdit, "repeat_pin"),
        dialog.findChild(QCheckBox, "remove_pin"),
    )


def test_settings_set_change_remove_pin_and_the_file_holds_only_the_hash(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    dialog = SettingsDialog(Settings(counter_id="till1"))
    qtbot.addWidget(dialog)
    current, new, repeat, remove = _pin_fields(dialog)
    assert not current.isEnabled()
    assert not remove.isEnabled()
    new.setText("97531")
    repeat.setText("97532")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "not the same" in dialog.findChild(QLabel, "problem").text()
    repeat.setText("97531")
    dialog.findChild(QSpinBox, "lock_after_idle").setValue(7)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    first = dialog.settings
    assert first.pin_hash is not None
    assert verify_pin("97531", first.pin_hash)
    assert first.lock_after_idle_min == 7
    save_settings(first, path)
    text = path.read_text(encoding="utf-8")
    assert "97531" not in text
    assert load_settings(path).settings.pin_hash == first.pin_hash

    # changing needs the current PIN
    change = SettingsDialog(first)
    qtbot.addWidget(change)
    current, new, repeat, remove = _pin_fields(change)
    new.setText("1111")
    repeat.setText("1111")
    current.setText("0000")
    change.accept()
    assert change.result() != change.DialogCode.Accepted
    current.setText("97531")
    change.accept()
    second = change.settings
    assert second.pin_hash is not None
    assert verify_pin("1111", second.pin_hash)
    save_settings(second, path)
    assert "1111" not in path.read_text(encoding="utf-8").replace(second.pin_hash, "")

    # removing needs it too
    drop = SettingsDialog(second)
    qtbot.addWidget(drop)
    current, _new, _repeat, remove = _pin_fields(drop)
    remove.setChecked(True)
    drop.accept()
    assert drop.result() != drop.DialogCode.Accepted
    current.setText("1111")
    drop.accept()
    assert drop.settings.pin_hash is None
