"""The meaning of a glossary word, in a small window that can read it aloud."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QIcon, QShowEvent
    from PySide6.QtWidgets import QWidget

GLOSSARY_WIDTH_PX = 560
# At big text sizes the pop-up grows to about this many characters a line...
COMFORTABLE_CHARACTERS = 32
# ...but never past this share of the reader's window; a meaning longer than
# the room left scrolls.
ROOM_SHARE = 0.9
CARD_MARGIN_PX = 20
CARD_SPACING_PX = 12
# The card's border on both sides, with a little to spare so a line never just misses.
CARD_BORDERS_PX = 16
# WCAG 1.4.8: at least one and a half lines between the lines of a paragraph.
MEANING_LINE_HEIGHT_PERCENT = 150
# Close and Read aloud: a crisp picture with the words, in a full touch target.
BUTTON_ICON_PX = 36


class GlossaryPopup(QDialog):
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
        super().__init__(parent)
        # The title bar says only what kind of window this is, never book words.
        self.setWindowTitle("What does it mean?")
        self.setMinimumWidth(GLOSSARY_WIDTH_PX)
        self.word = QLabel(word)
        # The word is the book's text: shown as it is, never as HTML.
        self.word.setTextFormat(Qt.TextFormat.PlainText)
        # Never smaller than the meaning under it, at any text size.
        self.word.setProperty("role", "term")
        self.word.setWordWrap(True)
        # The meaning is reading, not a control: it is as big as the page's
        # words, with the same room between lines. Escaped: it is the book's text.
        self.meaning = QLabel(
            f'<p style="line-height: {MEANING_LINE_HEIGHT_PERCENT}%">{html.escape(meaning)}</p>'
        )
        self.meaning.setProperty("role", "reading")
        self.meaning.setWordWrap(True)
        self.meaning.setTextFormat(Qt.TextFormat.RichText)
        self.meaning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meaning_area = QScrollArea()
        self.meaning_area.setWidget(self.meaning)
        self.meaning_area.setWidgetResizable(True)
        self.meaning_area.setFrameShape(QFrame.Shape.NoFrame)
        self.meaning_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox()
        # Reader's own buttons, not the standard Close, which some desktops draw
        # as a small blurry × from their own icon theme.
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.read_button = QPushButton("Read aloud")
        self.read_button.setToolTip("Hear this word and what it means.")
        self.read_button.setAccessibleDescription("Hear this word and what it means.")
        self.read_button.setEnabled(speak is not None)
        if speak is not None:
            self.read_button.clicked.connect(lambda: speak(f"{word}. {meaning}"))
        buttons.addButton(self.read_button, QDialogButtonBox.ButtonRole.ActionRole)
        if icon is not None:
            self.close_button.setIcon(icon("close"))
            self.read_button.setIcon(icon("listen"))
        for button in (self.close_button, self.read_button):
            button.setIconSize(QSize(BUTTON_ICON_PX, BUTTON_ICON_PX))
        self.close_button.setToolTip("Close this and go back to the page. (Key: Esc)")
        # A framed card, so the pop-up stands apart from the page under it even
        # where the desktop draws no border or shadow round its windows.
        card = QFrame()
        card.setProperty("role", "popup")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX)
        layout.setSpacing(CARD_SPACING_PX)
        layout.addWidget(self.word)
        layout.addWidget(self.meaning_area, 1)
        layout.addWidget(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        self.setAccessibleName(f"{word}: what it means")
        self.setAccessibleDescription(meaning)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """Wide enough for comfortable lines and tall enough for the whole meaning, if it fits."""
        self.ensurePolished()
        owner = self.parentWidget()
        room = owner.window().size() if owner is not None else self.screen().availableSize()
        max_width = int(room.width() * ROOM_SHARE)
        max_height = int(room.height() * ROOM_SHARE)
        comfortable = self.meaning.fontMetrics().averageCharWidth() * COMFORTABLE_CHARACTERS
        width = min(max_width, max(GLOSSARY_WIDTH_PX, comfortable))
        # Measured as if the scroll bar were showing: if the meaning fits at that
        # width it fits without one, and no scroll bar appears.
        scroll_bar = self.meaning_area.verticalScrollBar().sizeHint().width()
        text_width = width - 2 * CARD_MARGIN_PX - CARD_BORDERS_PX - scroll_bar
        text_height = self.meaning.heightForWidth(text_width)
        others = self.sizeHint().height() - self.meaning_area.sizeHint().height()
        height = min(max_height, others + text_height)
        self.resize(width, height)
        # When the meaning has to scroll, the keyboard can reach it to scroll it.
        scrolls = others + text_height > height
        self.meaning_area.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if scrolls else Qt.FocusPolicy.NoFocus
        )
