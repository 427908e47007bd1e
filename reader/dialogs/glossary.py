"""The meaning of a glossary word, in a small window that can read it aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from reader.dialogs.card import CardDialog, WordsLabel, card_button

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget


class GlossaryPopup(CardDialog):
    def __init__(
        self,
        parent: QWidget | None,
        word: str,
        meaning: str,
        speak: Callable[[str], None] | None = None,
        *,
        icon: Callable[[str], QIcon] | None = None,
    ) -> None:
        """``icon`` draws one of Reader's icons by name (Dialogs.icon) for the buttons."""
        self.word = QLabel(word)
        # The word is the book's text: shown as it is, never as HTML.
        self.word.setTextFormat(Qt.TextFormat.PlainText)
        # Never smaller than the meaning under it, at any text size.
        self.word.setProperty("role", "term")
        # The meaning is reading, not a control: it is as big as the page's
        # words, with the same room between lines.
        self.meaning = WordsLabel(meaning)
        # Reader's own buttons, not the standard Close, which some desktops draw
        # as a small blurry × from their own icon theme.
        self.close_button = card_button("Close", icon("close") if icon else None)
        self.read_button = card_button("Read aloud", icon("listen") if icon else None)
        super().__init__(
            parent,
            self.word,
            self.meaning,
            [
                (self.read_button, QDialogButtonBox.ButtonRole.ActionRole),
                (self.close_button, QDialogButtonBox.ButtonRole.RejectRole),
            ],
        )
        self.meaning_area = self.words_area
        # The title bar says only what kind of window this is, never book words.
        self.setWindowTitle("What does it mean?")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)
        self.close_button.setToolTip("Close this and go back to the page. (Key: Esc)")
        self.read_button.setToolTip("Hear this word and what it means.")
        self.read_button.setAccessibleDescription("Hear this word and what it means.")
        self.read_button.setEnabled(speak is not None)
        if speak is not None:
            self.read_button.clicked.connect(lambda: speak(f"{word}. {meaning}"))
        self.setAccessibleName(f"{word}: what it means")
        self.setAccessibleDescription(meaning)
