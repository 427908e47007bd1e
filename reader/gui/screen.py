"""The shape every scrolling screen shares: no frame, never scrolling sideways."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from reader.gui.accessibility import describe

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class ScrollScreen(QScrollArea):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The screen itself is not a stop for Tab: its buttons are.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        describe(self.verticalScrollBar(), "Scroll", "Move up and down this screen.")
