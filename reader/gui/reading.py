"""The reading screen: one page, with big Back and Next buttons underneath."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.gui.accessibility import QuietProgress, describe
from reader.gui.buttons import action_button
from reader.gui.page_view import PageView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QResizeEvent

    from reader.core.page_content import PageContent
    from reader.gui.style import Look

# Qt's "no limit" for a widget's size (QWIDGETSIZE_MAX), which PySide6 does not export.
QWIDGETSIZE_MAX = (1 << 24) - 1
NO_TALKING_POINTS = "There are no talking points for this page."
# Beside the page, the talking points are a column about this many of the page's
# characters wide...
PANEL_CHARACTERS = 24
# ...and they go there only while the page keeps lines of at least this many
# characters beside them; in a narrower window they go below the page.
PAGE_MIN_CHARACTERS = 40
# Below the page, they take at most this share of the height, and scroll.
BELOW_SHARE = 0.4
PANEL_MARGIN_PX = 16


class TalkingPoints(QFrame):
    """Ideas for an adult reading alongside, in the page's text size, shown when asked for."""

    def __init__(self, save: QWidget, parent: QWidget | None = None) -> None:
        """``save`` is the button that saves every page's talking points as a PDF."""
        super().__init__(parent)
        self.setObjectName("talking-points")
        self.setProperty("panel", True)
        self.heading = QLabel("For the adult: things to talk about")
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.points = QLabel()
        self.points.setProperty("role", "reading")
        self.points.setWordWrap(True)
        self.points.setTextFormat(Qt.TextFormat.PlainText)
        self.points.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.points.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._words = words = QWidget()
        inner = QVBoxLayout(words)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.heading)
        inner.addWidget(self.points, 1)
        # The points are as big as the page's words, so at big sizes they scroll.
        self.area = QScrollArea()
        self.area.setWidget(words)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Reached with Tab, so the points scroll with the arrow keys too.
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.save = save
        self._layout = layout = QVBoxLayout(self)
        margin = PANEL_MARGIN_PX
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.area, 1)
        layout.addWidget(save)
        # Beside the page to begin with; polished when first shown, not at start-up.
        self.setProperty("below", False)

    def set_below(self, below: bool) -> None:
        """Beside the page (a column with its edge on the left) or below it (a band)."""
        self.setProperty("below", below)
        self.style().unpolish(self)
        self.style().polish(self)

    @property
    def below(self) -> bool:
        return bool(self.property("below"))

    def height_for(self, width: int) -> int:
        """The height that shows every point at ``width``, with no scrolling."""
        self.ensurePolished()
        bar = self.area.verticalScrollBar().sizeHint().width()
        words = self._words.heightForWidth(width - 2 * PANEL_MARGIN_PX - bar)
        save = self.save.sizeHint().height()
        return words + self._layout.spacing() + save + 2 * PANEL_MARGIN_PX

    def show_points(self, points: tuple[str, ...]) -> None:
        text = "\n\n".join(f"• {point}" for point in points) if points else NO_TALKING_POINTS
        self.points.setText(text)
        describe(self.points, "Talking points", text)


class ReadingScreen(QWidget):
    def __init__(self, look: Look, actions: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reading")
        self.view = PageView(look)
        self._look = look
        self.save_points = action_button(actions["save-points"], "save-points")
        self.talking_points = TalkingPoints(self.save_points)
        self.talking_points.hide()
        self.back = action_button(actions["back"], "back", big=True)
        self.next = action_button(actions["next"], "next", big=True)
        self.together = action_button(actions["together"], "together")
        self.position = QLabel()
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position.setWordWrap(True)
        self.progress = QuietProgress()
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

        self._page = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._page.setSpacing(0)
        self._page.addWidget(self.view, 1)
        self._page.addWidget(self.talking_points)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._page, 1)
        layout.addLayout(bar)

    def show_page(
        self, content: PageContent, number: int, total: int, talking_points: tuple[str, ...]
    ) -> None:
        self.view.show_content(content)
        self.talking_points.show_points(talking_points)
        self._place_talking_points()
        text = f"Page {number} of {total}"
        self.position.setText(text)
        describe(self.position, text, f"You are on page {number}. The book has {total} pages.")
        self.progress.setRange(0, total)
        self.progress.setValue(number)
        self.progress.setAccessibleDescription(f"Page {number} of {total}.")

    def set_reading_together(self, on: bool) -> None:
        self.talking_points.setVisible(on)
        self._place_talking_points()

    def set_look(self, look: Look) -> None:
        self._look = look
        self.view.set_look(look)
        self._place_talking_points()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self._place_talking_points()

    def _place_talking_points(self) -> None:
        """Beside the page when the window has room for both, in the page's characters; else below.

        Measured in the page's own letters, so the rule holds at every text size:
        at 100% the points go beside the page in a 1024-wide window, at 300% below it.
        Only while they are shown: a hidden panel is placed when it is next shown, so
        start-up does not lay out (and style) a panel nobody sees.
        """
        if self.talking_points.isHidden():
            return
        character = QFontMetricsF(self._look.body_font()).averageCharWidth()
        panel_width = round(character * PANEL_CHARACTERS) + 2 * PANEL_MARGIN_PX
        beside = self.width() >= character * PAGE_MIN_CHARACTERS + panel_width
        panel = self.talking_points
        panel.set_below(not beside)
        if beside:
            self._page.setDirection(QBoxLayout.Direction.LeftToRight)
            panel.setFixedWidth(panel_width)
            panel.setMaximumHeight(QWIDGETSIZE_MAX)
            panel.setMinimumHeight(0)
        else:
            self._page.setDirection(QBoxLayout.Direction.TopToBottom)
            panel.setMinimumWidth(0)
            panel.setMaximumWidth(QWIDGETSIZE_MAX)
            room = round(self.height() * BELOW_SHARE)
            panel.setFixedHeight(min(room, panel.height_for(self.width())))
