"""Managing the clerks (an admin's dialog): add, remove, reset a PIN, the admin role, kiosk mode.

Changes are kept in the dialog until OK; ``settings`` then holds the new clerks (PIN hashes
only) and kiosk mode, for ``AppContext.change_settings``. Typed PINs are cleared once used.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.pin import MAX_DIGITS
from voucherdesk.desk.staff import MAX_NAME_LENGTH, Staff, StaffRefusal
from voucherdesk.settings import Settings, staff_of, with_staff
from voucherdesk.ui import wording


def _pin_field(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(MAX_DIGITS)
    digits = QRegularExpression(f"[0-9]{{0,{MAX_DIGITS}}}")
    field.setValidator(QRegularExpressionValidator(digits, field))
    return field


class StaffDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_dialog")
        self.setProperty("keepOnScan", True)  # typed names and PINs must not vanish on a scan
        self._settings = settings
        self.staff = staff_of(settings)
        self.clerk_list = QListWidget(self)
        self.clerk_list.setObjectName("clerk_list")
        self.clerk_list.setMinimumHeight(5 * self.clerk_list.fontMetrics().height() + 12)
        self.name = QLineEdit(self)
        self.name.setObjectName("clerk_name")
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.pin = _pin_field("clerk_pin", self)
        self.repeat = _pin_field("clerk_pin_again", self)
        self.is_admin = QCheckBox(self)
        self.is_admin.setObjectName("clerk_admin")
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_clerk")
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("reset_pin")
        self.admin_button = QPushButton(self)
        self.admin_button.setObjectName("toggle_admin")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_clerk")
        self.kiosk = QCheckBox(self)
        self.kiosk.setObjectName("kiosk")
        self.kiosk.setChecked(settings.kiosk)
        self._kiosk_note = QLabel(self)
        self._kiosk_note.setWordWrap(True)
        self._kiosk_note.setProperty("role", "muted")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self._labels = [QLabel(self) for _ in range(3)]
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)

        self._clerks_box = QGroupBox(self)
        form = QFormLayout()
        form.addRow(self._labels[0], self.name)
        form.addRow(self._labels[1], self.pin)
        form.addRow(self._labels[2], self.repeat)
        form.addRow(self.is_admin)
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.admin_button, self.remove_button):
            buttons_row.addWidget(button)
        clerks = QVBoxLayout(self._clerks_box)
        clerks.addWidget(self._intro)
        clerks.addWidget(self.clerk_list, 1)
        clerks.addLayout(form)
        clerks.addLayout(buttons_row)
        self._kiosk_box = QGroupBox(self)
        kiosk = QVBoxLayout(self._kiosk_box)
        kiosk.addWidget(self.kiosk)
        kiosk.addWidget(self._kiosk_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._clerks_box, 1)
        layout.addWidget(self._kiosk_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self.add_clerk)
        self.reset_button.clicked.connect(self.reset_pin)
        self.admin_button.clicked.connect(self.toggle_admin)
        self.remove_button.clicked.connect(self.remove_clerk)
        self.clerk_list.currentRowChanged.connect(self._chosen)
        self.clerk_list.setMinimumWidth(560)  # not the dialog's: that would fix its height
        self._retranslate()
        self._show_staff()
        # The theme's padding is known only once polished: the fields keep their full height.
        self.ensurePolished()
        for field in (self.name, self.pin, self.repeat):
            field.ensurePolished()
            field.setMinimumHeight(field.sizeHint().height())
        self.resize(self.sizeHint())  # the word-wrapped notes make the minimum too low

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Clerks and kiosk mode"))
        self._clerks_box.setTitle(self.tr("Clerks"))
        self._intro.setText(
            self.tr(
                "With clerks set up, each clerk signs in with their name and their own PIN, "
                "and the journal records who did what. Without clerks nobody signs in."
            )
        )
        self._labels[0].setText(self.tr("Name"))
        self._labels[1].setText(self.tr("PIN (4 to 8 digits)"))
        self._labels[2].setText(self.tr("PIN again"))
        self.is_admin.setText(self.tr("Admin: manages clerks, opens a kiosk"))
        self.add_button.setText(self.tr("Add clerk"))
        self.reset_button.setText(self.tr("Set new PIN"))
        self.admin_button.setText(self.tr("Admin on/off"))
        self.remove_button.setText(self.tr("Remove"))
        self._kiosk_box.setTitle(self.tr("Kiosk mode"))
        self.kiosk.setText(self.tr("Settings, setup and quitting need an admin PIN"))
        self._kiosk_note.setText(
            self.tr(
                "An admin PIN is the PIN of an admin clerk, or the counter's PIN when no "
                "clerk is an admin."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show_staff()
        super().changeEvent(event)

    # --- the list ----------------------------------------------------------------------------

    def _show_staff(self) -> None:
        row = self.clerk_list.currentRow()
        self.clerk_list.clear()
        admin = self.tr("admin")
        for clerk in self.staff.clerks:
            self.clerk_list.addItem(f"{clerk.name}  ·  {admin}" if clerk.admin else clerk.name)
        if self.staff.clerks:
            self.clerk_list.setCurrentRow(min(max(row, 0), len(self.staff.clerks) - 1))
        has_admin_pin = bool(self.staff.admins) or self._settings.pin_hash is not None
        self.kiosk.setEnabled(has_admin_pin)
        if not has_admin_pin:
            self.kiosk.setChecked(False)
        chosen = self.staff.active
        for button in (self.reset_button, self.admin_button, self.remove_button):
            button.setEnabled(chosen)

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.staff.clerks):
            self.name.setText(self.staff.clerks[row].name)

    def _selected(self) -> str:
        row = self.clerk_list.currentRow()
        return self.staff.clerks[row].name if 0 <= row < len(self.staff.clerks) else ""

    def _typed_pin(self) -> str:
        pin, again = self.pin.text(), self.repeat.text()
        self.pin.clear()
        self.repeat.clear()
        return pin if pin == again else ""

    def _apply(self, result: Staff | StaffRefusal, done: str) -> None:
        if isinstance(result, StaffRefusal):
            self.message.setText(wording.staff_refusal(result))
            return
        self.staff = result
        self.message.setText(done)
        self._show_staff()

    # --- an admin's actions ------------------------------------------------------------------

    def add_clerk(self) -> None:
        result = self.staff.add(
            self.name.text(), self._typed_pin(), admin=self.is_admin.isChecked()
        )
        self._apply(result, self.tr("Clerk added. OK keeps the change."))
        if isinstance(result, Staff):
            self.clerk_list.setCurrentRow(len(self.staff.clerks) - 1)

    def reset_pin(self) -> None:
        self._apply(
            self.staff.reset_pin(self._selected(), self._typed_pin()),
            self.tr("New PIN set. OK keeps the change."),
        )

    def toggle_admin(self) -> None:
        name = self._selected()
        clerk = self.staff.find(name)
        self._apply(
            self.staff.set_admin(name, not (clerk is not None and clerk.admin)),
            self.tr("Admin role changed. OK keeps the change."),
        )

    def remove_clerk(self) -> None:
        self._apply(
            self.staff.remove(self._selected()), self.tr("Clerk removed. OK keeps the change.")
        )

    @property
    def settings(self) -> Settings:
        """The counter's settings with the clerks and kiosk mode of this dialog."""
        chosen = self._settings.model_copy(update={"kiosk": self.kiosk.isChecked()})
        return with_staff(chosen, self.staff)
