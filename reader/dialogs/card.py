"""A pop-up card: a heading, words at the page's size that scroll when they must, and buttons.

The glossary's meanings and Reader's messages are both shown this way, so
their words are as big as the page's at every text size, and their buttons
stay on screen however long the words are.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from reader.gui.style import line_height_css

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QShowEvent
    from PySide6.QtWidgets import QWidget

CARD_MIN_WIDTH_PX = 560
# At big text sizes the card grows to about this many characters a line...
COMFORTABLE_CHARACTERS = 32
# ...but never past this share of the reader's window; words longer than
# the room left scroll.
ROOM_SHARE = 0.9
CARD_MARGIN_PX = 20
CARD_SPACING_PX = 12
# The card's border on both sides, with a little to spare so a line never just misses.
CARD_BORDERS_PX = 16
# WCAG 1.4.8: at least one and a half lines between the lines of a paragraph.
LINE_HEIGHT_PERCENT = 150
# A crisp picture beside the words of a button, in a full touch target.
BUTTON_ICON_PX = 36
HEADING_ICON_PX = 48


# A word longer than this (a web address) may break after its punctuation,
# and after this many letters in a row.
LONG_WORD = 16
RUN_LETTERS = 8
_BREAK_AFTER = "/.-_?&=#"
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with places to break each long word: after its punctuation, and in long runs.

    A web address has no spaces: at big sizes it is wider than the card, and
    Qt would lay out the whole paragraph that wide, cutting off the words at
    the side. (QLabel has no "wrap anywhere".)
    """
    return " ".join(_breakable_word(word) for word in text.split(" "))


def _breakable_word(word: str) -> str:
    if len(word) <= LONG_WORD:
        return word
    pieces, run = [], 0
    for letter in word:
        pieces.append(letter)
        run = 0 if letter in _BREAK_AFTER else run + 1
        if run in {0, RUN_LETTERS}:
            pieces.append(ZERO_WIDTH_SPACE)
            run = 0
    return "".join(pieces)


class WordsLabel(QLabel):
    """Words at the page's size with the page's room between lines; never read as HTML.

    The room is worked out from the size the style sheet gives the words, so it
    is set again whenever that size changes.
    """

    def __init__(self, text: str, *, break_long_words: bool = False) -> None:
        super().__init__()
        # A blank line starts a new paragraph, and a line break stays a line break.
        self._paragraphs = [
            html.escape(breakable(paragraph) if break_long_words else paragraph).replace(
                "\n", "<br>"
            )
            for paragraph in text.split("\n\n")
        ]
        self.setProperty("role", "reading")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show()

    def _show(self) -> None:
        style = line_height_css(QFontInfo(self.font()).pixelSize(), LINE_HEIGHT_PERCENT)
        self.setText("".join(f'<p style="{style}">{words}</p>' for words in self._paragraphs))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._show()


def card_button(words: str, icon: QIcon | None) -> QPushButton:
    """A button with Reader's own icon (not the desktop's stock one) beside its words."""
    button = QPushButton(words)
    if icon is not None:
        button.setIcon(icon)
    button.setIconSize(QSize(BUTTON_ICON_PX, BUTTON_ICON_PX))
    return button


class CardDialog(QDialog):
    """``heading`` over ``words`` (scrolling when they must) over ``buttons``, in a framed card."""

    def __init__(
        self,
        parent: QWidget | None,
        heading: QLabel,
        words: QLabel,
        buttons: list[tuple[QPushButton, QDialogButtonBox.ButtonRole]],
        heading_icon: QIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(CARD_MIN_WIDTH_PX)
        self.heading = heading
        self.heading.setWordWrap(True)
        self.words = words
        self.words_area = QScrollArea()
        self.words_area.setWidget(words)
        self.words_area.setWidgetResizable(True)
        self.words_area.setFrameShape(QFrame.Shape.NoFrame)
        self.words_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QDialogButtonBox()
        for button, role in buttons:
            box.addButton(button, role)
        # A framed card, so the pop-up stands apart from the page under it even
        # where the desktop draws no border or shadow round its windows.
        card = QFrame()
        card.setProperty("role", "popup")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX)
        layout.setSpacing(CARD_SPACING_PX)
        top = QHBoxLayout()
        top.setSpacing(CARD_SPACING_PX)
        self.heading_icon = QLabel()
        self._icon = heading_icon
        if heading_icon is not None:
            top.addWidget(self.heading_icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)
        layout.addLayout(top)
        layout.addWidget(self.words_area, 1)
        layout.addWidget(box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's API)
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """Wide enough for comfortable lines and tall enough for all the words, if they fit."""
        self.ensurePolished()
        if self._icon is not None:
            # As tall as the heading's letters, so it grows with them.
            letters = self.heading.fontMetrics().capHeight() * 2
            self.heading_icon.setPixmap(self._icon.pixmap(max(HEADING_ICON_PX, letters)))
        owner = self.parentWidget()
        room = owner.window().size() if owner is not None else self.screen().availableSize()
        max_width = int(room.width() * ROOM_SHARE)
        max_height = int(room.height() * ROOM_SHARE)
        comfortable = self.words.fontMetrics().averageCharWidth() * COMFORTABLE_CHARACTERS
        width = min(max_width, max(CARD_MIN_WIDTH_PX, comfortable))
        self.setMinimumWidth(min(CARD_MIN_WIDTH_PX, max_width))
        # Measured as if the scroll bar were showing: if the words fit at that
        # width they fit without one, and no scroll bar appears.
        scroll_bar = self.words_area.verticalScrollBar().sizeHint().width()
        text_width = width - 2 * CARD_MARGIN_PX - CARD_BORDERS_PX - scroll_bar
        text_height = self.words.heightForWidth(text_width)
        layout = self.layout()
        whole = layout.totalHeightForWidth(width) if layout is not None else 0
        others = whole - self.words_area.sizeHint().height()
        height = min(max_height, others + text_height)
        self.resize(width, height)
        # When the words have to scroll, the keyboard can reach them to scroll them.
        scrolls = others + text_height > height
        self.words_area.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if scrolls else Qt.FocusPolicy.NoFocus
        )
