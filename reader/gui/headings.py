"""The page's headings as a screen reader's headings: each its own object, with its level.

Qt's text control shows the page to AT-SPI as one "text" object; the headings
in it are only bigger letters (no "heading" role, no level), and Qt gives no
way to add children to its text control's accessible object from Python (the
text interface Orca reads comes through ``interface_cast``, a C++ pointer).
So each heading also gets a mark: a see-through widget lying over the heading
in the page, which AT-SPI shows as a "heading" with a ``level`` attribute. H and
Shift+H in the page text move to the next or the previous heading's mark, as
a screen reader's heading keys do on the web; the arrow keys go back into the
text at that heading.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAttributesInterface,
    QAccessibleTextInterface,
    QColor,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget
from shiboken6 import Shiboken

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QPoint
    from PySide6.QtGui import QFocusEvent, QPaintEvent, QTextDocument

# How far the mark's focus ring lies outside the heading's letters.
RING_GAP_PX = 4


@dataclass(frozen=True)
class Heading:
    """A heading in the page: its words, its level (1 the page's title) and where it starts."""

    text: str
    level: int
    position: int


def page_headings(document: QTextDocument) -> list[Heading]:
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = block.text().replace("\ufffc", "").strip()
        if level > 0 and text:
            found.append(Heading(text, level, block.position()))
        block = block.next()
    return found


class HeadingMark(QWidget):
    """Lies over one heading of the page; a screen reader meets it as that heading."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        install_heading_accessibility()
        self.heading = Heading("", 1, 0)
        self.accessible_object: QAccessibleWidget | None = None
        self.ring = QColor()
        self.ring_width = 1
        # Clicks and drags go through to the words underneath.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Reached with H and Shift+H from the page text, not by Tab.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def show_heading(self, heading: Heading, where: QRect, width: int) -> None:
        """Lie over ``where`` (the heading, in the page's viewport ``width`` px wide)."""
        self.heading = heading
        self.setAccessibleName(heading.text)
        # No description: Orca says the role and level itself ("heading level 2"),
        # and a description saying them again made it say them twice.
        out = RING_GAP_PX + self.ring_width
        around = where.adjusted(-out, -out, out, out)
        # Inside the page, so the whole ring shows when the words reach its sides.
        around.setLeft(max(0, around.left()))
        around.setRight(min(width - 1, around.right()))
        self.setGeometry(around)
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        if not self.hasFocus():
            return
        painter = QPainter(self)
        pen = QPen(self.ring, self.ring_width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = self.ring_width // 2
        painter.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's API)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self.update()


class _Level(QAccessibleAttributesInterface):
    def __init__(self, mark: HeadingMark) -> None:
        super().__init__()
        self._mark = mark

    def attributeKeys(self) -> list[QAccessible.Attribute]:  # noqa: N802 (Qt's API)
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> object:  # noqa: N802 (Qt's API)
        return self._mark.heading.level if key == QAccessible.Attribute.Level else None


class _Words(QAccessibleTextInterface):
    """The heading's words as text: Orca's Where am I reads a heading's text, not its name."""

    def __init__(self, mark: HeadingMark) -> None:
        super().__init__()
        self._mark = mark

    def text(self, start: int, end: int) -> str:
        return self._mark.heading.text[start:end]

    def characterCount(self) -> int:  # noqa: N802 (Qt's API)
        return len(self._mark.heading.text)

    def cursorPosition(self) -> int:  # noqa: N802 (Qt's API)
        return 0

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 (Qt's API)
        """The mark has no caret of its own: the page text's caret is already there."""

    def selectionCount(self) -> int:  # noqa: N802 (Qt's API)
        return 0

    def addSelection(self, start: int, end: int) -> None:  # noqa: N802 (Qt's API)
        """Nothing to select in a mark."""

    def removeSelection(self, index: int) -> None:  # noqa: N802 (Qt's API)
        """Nothing to select in a mark."""

    def setSelection(self, index: int, start: int, end: int) -> None:  # noqa: N802 (Qt's API)
        """Nothing to select in a mark."""

    def characterRect(self, offset: int) -> QRect:  # noqa: N802 (Qt's API)
        return QRect()

    def offsetAtPoint(self, point: QPoint) -> int:  # noqa: N802 (Qt's API)
        return -1

    def scrollToSubstring(self, start: int, end: int) -> None:  # noqa: N802 (Qt's API)
        """The page scrolls to the heading when the mark takes the focus."""


class _HeadingAccessible(QAccessibleWidget):
    """A heading mark to AT-SPI: role "heading", its words as its name, "level:N"."""

    def __init__(self, mark: HeadingMark) -> None:
        super().__init__(mark, QAccessible.Role.Heading)
        self._level = _Level(mark)
        self._words = _Words(mark)

    def interface_cast(self, kind: QAccessible.InterfaceType) -> int:
        # PySide's stubs say int, but Qt needs a pointer: a VoidPtr (a plain int crashes).
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return cast("int", Shiboken.VoidPtr(self._level))  # type: ignore[arg-type]
        if kind == QAccessible.InterfaceType.TextInterface:
            return cast("int", Shiboken.VoidPtr(self._words))  # type: ignore[arg-type]
        found = super().interface_cast(kind)
        # Qt reads a null pointer as "not there"; PySide gives None for one, which crashes.
        return found if found is not None else cast("int", Shiboken.VoidPtr(0))


def _heading_factory(_class_name: str, widget: QObject) -> _HeadingAccessible | None:
    if not isinstance(widget, HeadingMark):
        return None
    accessible = _HeadingAccessible(widget)
    # PySide owns what it made: kept as long as the mark, which the page reuses, never deletes.
    widget.accessible_object = accessible
    return accessible


@functools.cache
def install_heading_accessibility() -> None:
    """Teach Qt to show heading marks as headings (once; the first mark asks for it)."""
    QAccessible.installFactory(_heading_factory)
