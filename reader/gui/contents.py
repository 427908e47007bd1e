"""The Contents screen: a big card for every page, the current one marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.gui.accessibility import describe
from reader.gui.buttons import CardButton
from reader.gui.pictures import load_picture
from reader.gui.plain_text import plain_label
from reader.gui.screen import ScrollScreen

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from reader.core.book import Book

CARD_WIDTH_PX = 300
CARD_PICTURE_PX = 96
HERE_TEXT = "You are here"


class PageCard(CardButton):
    def __init__(self, number: int, title: str, picture: QPixmap | None) -> None:
        super().__init__()
        self.number = number
        self.title = title
        self.setProperty("card", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if picture is not None:
            self.picture.setPixmap(picture)
        self.heading = plain_label(f"{number}. {title}")
        self.heading.setWordWrap(True)
        self.here = QLabel(HERE_TEXT)
        self.here.setProperty("role", "heading")
        for label in (self.picture, self.heading, self.here):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.set_current(False)

    def set_current(self, current: bool) -> None:
        self.here.setVisible(current)
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)
        name = f"Page {self.number}: {self.title}" + (f", {HERE_TEXT.lower()}" if current else "")
        describe(self, name, f"Open page {self.number}, “{self.title}”.")


class ContentsScreen(ScrollScreen):
    pageRequested = Signal(int)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__("contents", parent)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(24, 16, 24, 24)
        heading = QLabel("Contents")
        heading.setProperty("role", "title")
        outer.addWidget(heading)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.cards: list[PageCard] = []
        for index, page in enumerate(book.pages):
            pixmap = None
            if page.picture is not None:
                image = load_picture(page.picture.path, CARD_PICTURE_PX)
                pixmap = None if image.isNull() else QPixmap.fromImage(image)
            card = PageCard(index + 1, page.title, pixmap)
            card.clicked.connect(lambda _checked=False, i=index: self.pageRequested.emit(i))
            self.cards.append(card)
        self._columns = 0
        self.setWidget(inner)
        self._layout_cards()

    def set_current(self, index: int | None) -> None:
        """Mark the page the reader is on: none before they have opened one."""
        for position, card in enumerate(self.cards):
            card.set_current(position == index)

    def focus_card(self, index: int) -> None:
        if 0 <= index < len(self.cards):
            self.cards[index].setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(self.cards[index])

    def _layout_cards(self) -> None:
        columns = max(1, self.viewport().width() // CARD_WIDTH_PX)
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self._layout_cards()
