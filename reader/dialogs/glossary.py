"""The meaning of a glossary word, in a small window that can read it aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import (
        QWidget,
    )

GLOSSARY_WIDTH_PX = 560


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
