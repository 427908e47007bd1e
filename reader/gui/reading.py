"""The reading screen: one page, with big Back and Next buttons underneath."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from reader.gui.accessibility import describe
from reader.gui.buttons import action_button
from reader.gui.page_view import PageContent, PageView
from reader.gui.style import Look


class ReadingScreen(QWidget):
    def __init__(self, look: Look, actions: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reading")
        self.view = PageView(look)
        self.back = action_button(actions["back"], "back", big=True)
        self.next = action_button(actions["next"], "next", big=True)
        self.position = QLabel()
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        describe(self.progress, "Reading progress", "How far through the book you are.")

        middle = QVBoxLayout()
        middle.addWidget(self.position)
        middle.addWidget(self.progress)
        bar = QHBoxLayout()
        bar.setContentsMargins(16, 8, 16, 16)
        bar.setSpacing(16)
        bar.addWidget(self.back, 2)
        bar.addLayout(middle, 3)
        bar.addWidget(self.next, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def show_page(self, content: PageContent, number: int, total: int) -> None:
        self.view.show_content(content)
        text = f"Page {number} of {total}"
        self.position.setText(text)
        describe(self.position, text, f"You are on page {number}. The book has {total} pages.")
        self.progress.setRange(0, total)
        self.progress.setValue(number)
        self.progress.setAccessibleDescription(f"Page {number} of {total}.")

    def set_look(self, look: Look) -> None:
        self.view.set_look(look)
