"""The one way the reader shows a dialog, so tests can stub it in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Each dialog's Qt classes are imported when it is first shown: none is
# needed to open the book, and importing them all costs start-up time.
if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QProgressDialog, QWidget


class Dialogs:
    """Shows messages in plain words. Tests replace this class to answer without a window."""

    def show(self, parent: QWidget | None, title: str, text: str, *, ask: bool = False) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setWindowTitle(title)
        # A message may hold a book's words (a link's address): never HTML.
        box.setTextFormat(Qt.TextFormat.PlainText)
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

    def choose_save_path(self, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        """Ask where to save a file, starting at ``suggested``; None if they changed their mind."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            parent, title, str(suggested), "Sound files (*.wav)"
        )
        return Path(path) if path else None

    def progress(self, parent: QWidget | None, text: str, maximum: int) -> QProgressDialog:
        """A progress bar with Cancel, shown until the work is done."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressBar, QProgressDialog

        dialog = QProgressDialog(text, "Cancel", 0, maximum, parent)
        # A thin bar, like the page's: the bar shows how far, and a percentage
        # written on it would be cut short and sit on the bar's own colour.
        bar = QProgressBar()
        bar.setTextVisible(False)
        # A new bar counts to 100 until told otherwise: give it the dialog's range.
        bar.setRange(0, maximum)
        dialog.setBar(bar)
        dialog.setWindowTitle("Please wait")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAccessibleName(text)
        dialog.show()
        return dialog

    def glossary(
        self,
        parent: QWidget | None,
        word: str,
        meaning: str,
        speak: Callable[[str], None] | None = None,
    ) -> None:
        """A word and what it means, in big text, read aloud on request; Esc or Close shuts it."""
        from reader.dialogs.glossary import GlossaryPopup

        GlossaryPopup(parent, word, meaning, speak).exec()
