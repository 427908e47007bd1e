"""A message or a yes-or-no question, in the same card as a glossary meaning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from reader.dialogs.card import CardDialog, WordsLabel, card_button

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget


class MessageCard(CardDialog):
    """``title`` by Reader's own picture, then ``text``; accepted only by OK or Yes."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        ask: bool,
        icon: Callable[[str], QIcon],
    ) -> None:
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setProperty("role", "term")
        # A message may hold a book's words (a link's address): shown as written,
        # and broken where it must be to fit. Not for copying: the breaks would go too.
        words = WordsLabel(text, break_long_words=True)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        role = QDialogButtonBox.ButtonRole
        if ask:
            self.yes = card_button("Yes", icon("check"))
            self.no = card_button("No", icon("close"))
            buttons = [(self.yes, role.YesRole), (self.no, role.NoRole)]
            self.yes.clicked.connect(self.accept)
            self.no.clicked.connect(self.reject)
            # Saying yes takes a deliberate choice: Enter alone says no.
            default = self.no
        else:
            self.ok = card_button("OK", icon("check"))
            buttons = [(self.ok, role.AcceptRole)]
            self.ok.clicked.connect(self.accept)
            default = self.ok
        super().__init__(parent, heading, words, buttons, icon("question" if ask else "info"))
        default.setDefault(True)
        default.setFocus()
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
