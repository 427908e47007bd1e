"""The one way the reader shows a dialog, so tests can stub it in one place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

GLOSSARY_WIDTH_PX = 560


class Dialogs:
    """Shows messages in plain words. Tests replace this class to answer without a window."""

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

    def choose_save_path(self, parent: QWidget | None, title: str, suggested: str) -> Path | None:
        """Ask where to save a file; None if the person changed their mind."""
        path, _filter = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / suggested), "Sound files (*.wav)"
        )
        return Path(path) if path else None

    def progress(self, parent: QWidget | None, text: str, maximum: int) -> QProgressDialog:
        """A progress bar with Cancel, shown until the work is done."""
        dialog = QProgressDialog(text, "Cancel", 0, maximum, parent)
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
        GlossaryPopup(parent, word, meaning, speak).exec()


class GlossaryPopup(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        word: str,
        meaning: str,
        speak: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        # The title bar says only what kind of window this is, never book words.
        self.setWindowTitle("What does it mean?")
        self.setMinimumWidth(GLOSSARY_WIDTH_PX)
        self.word = QLabel(word)
        self.word.setProperty("role", "title")
        self.word.setWordWrap(True)
        self.meaning = QLabel(meaning)
        self.meaning.setWordWrap(True)
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        self.meaning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.read_button = QPushButton("Read aloud")
        self.read_button.setToolTip("Hear this word and what it means.")
        self.read_button.setAccessibleDescription("Hear this word and what it means.")
        self.read_button.setEnabled(speak is not None)
        if speak is not None:
            self.read_button.clicked.connect(lambda: speak(f"{word}. {meaning}"))
        buttons.addButton(self.read_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setToolTip("Close this and go back to the page. (Key: Esc)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.word)
        layout.addWidget(self.meaning)
        layout.addWidget(buttons)
        self.setAccessibleName(f"{word}: what it means")
        self.setAccessibleDescription(meaning)
