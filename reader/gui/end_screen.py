"""The screen after the last page: a clear finish, and the ways on from there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reader.gui.buttons import action_button
from reader.gui.screen import ScrollScreen

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

END_TITLE = "You have reached the end"
END_WORDS = "You have read every page of this book."
COLUMN_MAX_PX = 720


class EndScreen(ScrollScreen):
    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__("end", parent)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.setSpacing(12)
        column.setContentsMargins(24, 24, 24, 24)
        for text, role in ((END_TITLE, "title"), (END_WORDS, "subtitle")):
            label = QLabel(text)
            label.setProperty("role", role)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMaximumWidth(COLUMN_MAX_PX)
            column.addWidget(label)
        self.cover = action_button(actions["cover"], "cover", big=True)
        self.contents = action_button(actions["contents"], "contents", big=True)
        self.help = action_button(actions["help"], "help", big=True)
        for button in (self.cover, self.contents, self.help):
            button.setMaximumWidth(COLUMN_MAX_PX)
            column.addWidget(button)
        column.addStretch(1)
        self.setWidget(inner)
