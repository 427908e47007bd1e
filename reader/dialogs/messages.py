"""The one way the reader shows a dialog, so tests can stub it in one place."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Dialogs:
    """Shows messages in plain words. Tests replace ``show`` to answer without a window."""

    def show(self, parent: QWidget | None, title: str, text: str, *, ask: bool = False) -> bool:
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setText(text)
        box.setIcon(QMessageBox.Icon.Question if ask else QMessageBox.Icon.Information)
        if ask:
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        return box.exec() == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.show(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return self.show(parent, title, text, ask=True)
