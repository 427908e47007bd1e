"""The reading screen: one page, with big Back and Next buttons underneath."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from reader.gui.accessibility import describe
from reader.gui.buttons import action_button
from reader.gui.page_view import PageView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.core.page_content import PageContent
    from reader.gui.style import Look

TALKING_POINTS_WIDTH_PX = 340
NO_TALKING_POINTS = "There are no talking points for this page."


class TalkingPoints(QFrame):
    """Ideas for an adult reading alongside, shown beside the page when asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("talking-points")
        self.setProperty("panel", True)
        self.setMaximumWidth(TALKING_POINTS_WIDTH_PX)
        heading = QLabel("For the adult: things to talk about")
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.points = QLabel()
        self.points.setWordWrap(True)
        self.points.setTextFormat(Qt.TextFormat.PlainText)
        self.points.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.points.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(heading)
        layout.addWidget(self.points, 1)

    def show_points(self, points: tuple[str, ...]) -> None:
        text = "\n\n".join(f"• {point}" for point in points) if points else NO_TALKING_POINTS
        self.points.setText(text)
        describe(self.points, "Talking points", text)


class ReadingScreen(QWidget):
    def __init__(self, look: Look, actions: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reading")
        self.view = PageView(look)
        self.talking_points = TalkingPoints()
        self.talking_points.hide()
        self.back = action_button(actions["back"], "back", big=True)
        self.next = action_button(actions["next"], "next", big=True)
        self.together = action_button(actions["together"], "together")
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
        bar.addWidget(self.together)
        bar.addWidget(self.next, 2)

        page = QHBoxLayout()
        page.setSpacing(0)
        page.addWidget(self.view, 1)
        page.addWidget(self.talking_points)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(page, 1)
        layout.addLayout(bar)

    def show_page(
        self, content: PageContent, number: int, total: int, talking_points: tuple[str, ...]
    ) -> None:
        self.view.show_content(content)
        self.talking_points.show_points(talking_points)
        text = f"Page {number} of {total}"
        self.position.setText(text)
        describe(self.position, text, f"You are on page {number}. The book has {total} pages.")
        self.progress.setRange(0, total)
        self.progress.setValue(number)
        self.progress.setAccessibleDescription(f"Page {number} of {total}.")

    def set_reading_together(self, on: bool) -> None:
        self.talking_points.setVisible(on)

    def set_look(self, look: Look) -> None:
        self.view.set_look(look)
