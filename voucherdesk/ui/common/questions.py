"""A yes/no question to the clerk in a message box, "No" the default (a stray Enter answers
it, and nothing is cancelled, forgotten or left unpaid by it). Imported where it is asked,
not with the window: QMessageBox is not needed for the first paint."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
