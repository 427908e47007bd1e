"""The rows of buttons along the top: every button keeps its words at any text size."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout, QWidget, QWidgetItem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QLabel, QLayoutItem, QToolButton

MARGIN_PX = 12
# A button property: style.py pads toolbar buttons less at the sides.
TOOLBAR_BUTTON = "toolbar"
SPACING_PX = 8


class ToolbarLayout(QLayout):
    """Three groups of buttons: pinned top left, pinned top right, and the rest flowing.

    The top-left group (A− and A+) is laid out first, at the same place
    whatever the text size, so a pointer left over A+ stays over it as the
    words grow. The top-right group (Get help and Quick exit) stays in the
    corner. The rest fill the first row between them, then wrap onto further
    rows: no button ever loses its words or is squeezed.
    """

    def __init__(
        self,
        parent: QWidget,
        pinned_left: list[QWidget],
        flowing: list[QWidget],
        pinned_right: list[QWidget],
    ) -> None:
        super().__init__(parent)
        self._groups = tuple(
            [QWidgetItem(widget) for widget in group]
            for group in (pinned_left, flowing, pinned_right)
        )
        self._items = [item for group in self._groups for item in group]
        for widget in (*pinned_left, *flowing, *pinned_right):
            self.addChildWidget(widget)
        self.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX // 3)
        self.setSpacing(SPACING_PX)

    # QLayout's API: the items are fixed when the toolbar is made.
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's API)
        raise TypeError("the toolbar's buttons are given when it is made")

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's API)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's API)
        # Called as the toolbar is destroyed; the groups keep their own lists.
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's API)
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        # Everything on one row, if the window is wide enough.
        shown = self._shown(self._items)
        width = sum(item.sizeHint().width() for item in shown)
        width += SPACING_PX * max(0, len(shown) - 1) + self._margin_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's API)
        # The first row must hold both pinned groups and the widest flowing button.
        left, flowing, right = (self._shown(group) for group in self._groups)
        first_row = self._row_width(left) + self._row_width(right) + SPACING_PX
        widest = max((item.sizeHint().width() for item in flowing), default=0)
        width = max(first_row, widest) + self._margin_width()
        return QSize(width, self.heightForWidth(width))

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's API)
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the buttons in ``rect`` (if ``apply``), and say how tall the toolbar is."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        left, flowing, right = (self._shown(group) for group in self._groups)
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        x = area.left()
        for item in left:
            rows[0].append((item, x))
            x += item.sizeHint().width() + SPACING_PX
        right_x = area.right() + 1 - self._row_width(right)
        # The flowing buttons may use the first row up to the safety buttons.
        end = right_x - SPACING_PX if right else area.right() + 1
        for item in flowing:
            width = item.sizeHint().width()
            if x + width > end and x > area.left():
                rows.append([])
                x, end = area.left(), area.right() + 1
            rows[-1].append((item, x))
            x += width + SPACING_PX
        for item in right:
            rows[0].append((item, right_x))
            right_x += item.sizeHint().width() + SPACING_PX
        y = area.top()
        for row in rows:
            height = max((item.sizeHint().height() for item, _x in row), default=0)
            if apply:
                # Each row's buttons are as tall as its tallest, from the same top
                # edge: A− and A+ grow downwards, never away from the pointer.
                for item, left_edge in row:
                    widget = item.widget()
                    if widget is not None:
                        size = QSize(item.sizeHint().width(), height)
                        widget.setGeometry(QRect(QPoint(left_edge, y), size))
            y += height + SPACING_PX
        return y - SPACING_PX - rect.top() + margins.bottom()

    @staticmethod
    def _shown(items: Sequence[QLayoutItem]) -> list[QLayoutItem]:
        return [item for item in items if not item.isEmpty()]

    @staticmethod
    def _row_width(items: Sequence[QLayoutItem]) -> int:
        if not items:
            return 0
        return sum(item.sizeHint().width() for item in items) + SPACING_PX * (len(items) - 1)

    def _margin_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right()


class Toolbar(QWidget):
    """The text-size buttons top left, the safety buttons top right, the rest between and below.

    A short hint (the Shift count for Quick exit) floats just under the safety
    buttons, over the screen below, so it never moves a button.
    """

    def __init__(
        self,
        sizes: list[QToolButton],
        buttons: list[QToolButton],
        safety: list[QToolButton],
        hint: QLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hint = hint
        self.safety = safety
        everything = [*sizes, *buttons, *safety]
        for button in everything:
            button.setProperty(TOOLBAR_BUTTON, True)
        ToolbarLayout(self, list(sizes), list(buttons), list(safety))
        # Tab goes through the buttons in the order they are seen.
        for before, after in pairwise(everything):
            QWidget.setTabOrder(before, after)

    def set_hint(self, text: str) -> None:
        """Show a short hint under the safety buttons, or hide it when ``text`` is empty.

        The hint is not part of the toolbar's layout: it must be a child of a
        widget that holds the toolbar (the window), so it can float over the
        screen below.
        """
        self.hint.setText(text)
        self.hint.setAccessibleName(text)
        if text:
            self.hint.adjustSize()
            self._place_hint()
            self.hint.raise_()
        self.hint.setVisible(bool(text))

    def _place_hint(self) -> None:
        holder = self.hint.parentWidget()
        if holder is None:
            return
        # Right-aligned with the safety buttons, just below the toolbar.
        anchor = self.safety[-1] if self.safety else self
        corner = anchor.mapTo(holder, QPoint(anchor.width(), 0))
        top = self.mapTo(holder, QPoint(0, self.height())).y()
        size = self.hint.sizeHint().boundedTo(holder.size())
        left = max(0, min(corner.x() - size.width(), holder.width() - size.width()))
        self.hint.setGeometry(QRect(QPoint(left, top), size))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        if self.hint.isVisible():
            self._place_hint()
