"""The front cover: the book's title and the big first choices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reader.gui.accessibility import describe
from reader.gui.actions import relabel
from reader.gui.buttons import action_button
from reader.gui.pictures import load_picture
from reader.gui.plain_text import plain_label
from reader.gui.screen import ScrollScreen

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.core.book import Book

COVER_PICTURE_PX = 144
COLUMN_MAX_PX = 720


class CoverScreen(ScrollScreen):
    def __init__(
        self,
        book: Book,
        actions: dict[str, QAction],
        parent: QWidget | None = None,
        *,
        editions: bool = False,
    ):
        # ``editions``: the book has more than one, so the cover offers the choice.
        super().__init__("cover", parent)
        inner = QWidget()
        # The column is a widget of its own, centred, no wider than COLUMN_MAX_PX: its
        # labels' heights are then worked out for the width they get. (Labels with a
        # maximum width in a full-width layout were given the height their words
        # need across the whole window, and a two-line title was cut off.)
        centre = QHBoxLayout(inner)
        centre.setContentsMargins(24, 24, 24, 24)
        holder = QWidget()
        holder.setMaximumWidth(COLUMN_MAX_PX)
        centre.addWidget(holder)
        column = QVBoxLayout(holder)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.setSpacing(12)
        column.setContentsMargins(0, 0, 0, 0)

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if book.cover is not None:
            image = load_picture(book.cover.path, COVER_PICTURE_PX)
            if not image.isNull():
                self.picture.setPixmap(QPixmap.fromImage(image))
                describe(self.picture, book.cover.alt, book.cover.alt)
        if self.picture.pixmap().isNull():
            self.picture.hide()

        self.title = self._label(book.title or "This book could not be opened", "title")
        self.subtitle = self._label(book.subtitle, "subtitle")
        self.author = self._label(f"From {book.author}" if book.author else "", "subtitle")
        self.note = self._label("", "note")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.start = action_button(actions["start"], "start", big=True)
        self.contents = action_button(actions["contents"], "contents", big=True)
        self.listen = action_button(actions["listen"], "listen", big=True)
        self.listen_start = action_button(actions["listen-start"], "listen-start", big=True)
        self.help = action_button(actions["help"], "help", big=True)
        self.edition = action_button(actions["edition"], "edition", big=True)
        self.edition.setVisible(editions)

        for widget in (self.picture, self.title, self.subtitle, self.author, self.note):
            column.addWidget(widget)
        for button in (
            self.start,
            self.contents,
            self.listen,
            self.listen_start,
            self.help,
            self.edition,
        ):
            button.setMaximumWidth(COLUMN_MAX_PX)
            column.addWidget(button)
        column.addStretch(1)
        self.setWidget(inner)

    def _label(self, text: str, role: str) -> QLabel:
        # The title, subtitle and author are the book's words: never HTML.
        label = plain_label(text)
        label.setProperty("role", role)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMaximumWidth(COLUMN_MAX_PX)
        label.setVisible(bool(text))
        return label

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_listen_from(self, index: int) -> None:
        """Listen says where it starts; from page 2 on, "from the start" is offered too."""
        label = f"Listen from page {index + 1}" if index > 0 else "Listen from the start"
        relabel(self.listen.defaultAction(), label)
        self.listen_start.setVisible(index > 0)

    def set_start_label(self, text: str) -> None:
        self.start.defaultAction().setText(text)
        self.start.setAccessibleName(text)
