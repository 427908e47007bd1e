"""The text caret Reader draws itself, in the page text and in the Find box.

Qt's own caret is one pixel wide and drawn inverted: not the theme's colour (white,
not yellow, on a high-contrast page), and it blinks. Reader's is a steady bar,
3 px wide, in the theme's text colour (7:1 against the page and every highlight).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QPaintEvent
    from PySide6.QtWidgets import QWidget

CARET_WIDTH_PX = 3


def caret_bar(left: int, top: int, height: int) -> QRect:
    """The caret's bar, from the place Qt's caret is drawn, as tall as its line."""
    return QRect(left, top, CARET_WIDTH_PX, height)


def paint_caret(surface: QWidget, bar: QRect, colour: QColor) -> None:
    painter = QPainter(surface)
    painter.fillRect(bar, colour)
    painter.end()


class CaretLineEdit(QLineEdit):
    """A one-line box with Reader's caret, in the colour of its words.

    Qt's own 1 px caret is drawn first and Reader's bar over it, so it is hidden
    whether it is blinking on or off.
    """

    def caret_rect(self) -> QRect:
        line = self.cursorRect()
        # Qt's cursorRect is its caret's place with room either side: the caret is
        # at its middle.
        return caret_bar(line.left() + line.width() // 2, line.top(), line.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        super().paintEvent(event)
        if self.hasFocus():
            paint_caret(self, self.caret_rect(), self.palette().color(QPalette.ColorRole.Text))
