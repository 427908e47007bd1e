"""The row of buttons along the top: every button keeps its words at any text size."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLayout, QVBoxLayout, QWidget, QWidgetItem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QLabel, QLayoutItem, QToolButton

MARGIN_PX = 12
# A button property: style.py pads toolbar buttons less at the sides.
TOOLBAR_BUTTON = "toolbar"
SPACING_PX = 8


class ToolbarLayout(QLayout):
    """One row: A− and A+ pinned top left, Get help and Quick exit top right, the rest between.

    A− and A+ come first, at the same place whatever the text size, so a
    pointer left over A+ stays over it as the words grow. The buttons between
    keep their words; those that do not fit go into the More panel, least
    needed first, so no button ever loses its words or is squeezed, and the
    page keeps the height it needs at 300% on a small screen.
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        pinned_left: Sequence[QWidget],
        between: Sequence[QWidget],
        more: QWidget,
        pinned_right: Sequence[QWidget],
        least_needed: Sequence[QWidget],
    ) -> None:
        super().__init__(parent)
        self._left, self._between = list(pinned_left), list(between)
        self._more, self._right = more, list(pinned_right)
        self._least_needed = list(least_needed)
        widgets = [*pinned_left, *between, more, *pinned_right]
        self._items = [QWidgetItem(widget) for widget in widgets]
        for widget in widgets:
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
        # Called as the toolbar is destroyed.
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        # Every button in the row, with no More.
        width = self._row_width([*self._left, *self._between, *self._right])
        return QSize(width + self._margin_width(), self._height())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's API)
        # The pinned buttons and More; everything else can go into More.
        width = self._row_width([*self._left, self._more, *self._right])
        return QSize(width + self._margin_width(), self._height())

    def hidden_buttons(self, width: int) -> list[QWidget]:
        """The buttons between that do not fit a toolbar ``width`` wide, in toolbar order."""
        room = width - self._margin_width()
        room -= self._row_width([*self._left, *self._right]) + 2 * SPACING_PX
        if self._row_width(self._between) <= room:
            return []
        room -= self._more.sizeHint().width() + SPACING_PX
        shown = list(self._between)
        for widget in self._least_needed:
            if self._row_width(shown) <= room:
                break
            shown.remove(widget)
        return [widget for widget in self._between if widget not in shown]

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's API)
        super().setGeometry(rect)
        hidden = self.hidden_buttons(rect.width())
        margins = self.contentsMargins()
        x, y = rect.left() + margins.left(), rect.top() + margins.top()
        height = self._tallest()
        self._more.setVisible(bool(hidden))
        row = [*self._left, *(w for w in self._between if w not in hidden)]
        if hidden:
            row.append(self._more)
        for widget in self._between:
            if widget in hidden and not widget.isHidden():
                had_focus = widget.hasFocus()
                widget.hide()
                if had_focus:
                    # Its button went into More: the keyboard goes to More, not elsewhere.
                    self._more.setFocus()
            elif widget not in hidden and widget.isHidden():
                widget.show()
        for widget in row:
            x = self._place(widget, x, y, height)
        right = rect.right() + 1 - margins.right() - self._row_width(self._right)
        for widget in self._right:
            right = self._place(widget, right, y, height)

    @staticmethod
    def _place(widget: QWidget, x: int, y: int, height: int) -> int:
        # All as tall as the tallest, from the same top edge: A− and A+ grow
        # downwards as the words grow, never away from the pointer.
        width = widget.sizeHint().width()
        widget.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
        return x + width + SPACING_PX

    def _tallest(self) -> int:
        widgets = [*self._left, *self._between, self._more, *self._right]
        return max((widget.sizeHint().height() for widget in widgets), default=0)

    def _height(self) -> int:
        margins = self.contentsMargins()
        return self._tallest() + margins.top() + margins.bottom()

    @staticmethod
    def _row_width(widgets: Sequence[QWidget]) -> int:
        if not widgets:
            return 0
        return sum(widget.sizeHint().width() for widget in widgets) + SPACING_PX * (
            len(widgets) - 1
        )

    def _margin_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right()


class MorePanel(QFrame):
    """The buttons that did not fit the toolbar, one above the other, big and with their words.

    One level only: each button does what its toolbar twin does, and the
    panel closes first, so the screen it opens gets the keyboard.
    """

    def __init__(self, buttons: list[QToolButton], parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setProperty("role", "popup")
        self.setAccessibleName("More")
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING_PX, SPACING_PX, SPACING_PX, SPACING_PX)
        layout.setSpacing(SPACING_PX)
        for button in buttons:
            button.setProperty(TOOLBAR_BUTTON, True)
            layout.addWidget(button)
            action = button.defaultAction()
            if action is not None:
                # Connected before the window's own handlers, so this runs first.
                action.triggered.connect(self.hide)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's API)
        # Tab and Shift+Tab, Down and Up (the buttons pass those on as the
        # same), go round the panel's buttons and never out of it.
        usable = [b for b in self.buttons if not b.isHidden() and b.isEnabled()]
        if not usable:
            return False
        step = 1 if next else -1
        focus = QApplication.focusWidget()
        index = usable.index(focus) if focus in usable else -step
        usable[(index + step) % len(usable)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def open_under(self, anchor: QWidget, shown: list[int]) -> None:
        """Show the buttons at ``shown`` (indexes), just under ``anchor``, and focus the first."""
        for index, button in enumerate(self.buttons):
            button.setVisible(index in shown)
        self.adjustSize()
        corner = anchor.mapToGlobal(QPoint(0, anchor.height()))
        self.move(corner)
        self.show()
        first = next((button for button in self.buttons if not button.isHidden()), None)
        enabled = [b for b in self.buttons if not b.isHidden() and b.isEnabled()]
        (enabled[0] if enabled else first or self).setFocus(Qt.FocusReason.PopupFocusReason)


class Toolbar(QWidget):
    """The text-size buttons top left, the safety buttons top right, the rest between.

    Buttons that do not fit go into the More panel. A short hint (the Shift
    count for Quick exit) floats just under the safety buttons, over the
    screen below, so it never moves a button.
    """

    def __init__(
        self,
        *,
        sizes: list[QToolButton],
        buttons: list[QToolButton],
        safety: list[QToolButton],
        hint: QLabel,
        more: QToolButton,
        panel: MorePanel,
        least_needed: list[QToolButton],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hint = hint
        self.safety = safety
        self.buttons = buttons
        self.more = more
        self.panel = panel
        everything = [*sizes, *buttons, more, *safety]
        for button in everything:
            button.setProperty(TOOLBAR_BUTTON, True)
        self._layout = ToolbarLayout(
            self,
            pinned_left=sizes,
            between=buttons,
            more=more,
            pinned_right=safety,
            least_needed=least_needed,
        )
        more.hide()
        action = more.defaultAction()
        if action is not None:
            action.triggered.connect(self.open_more)
        # Tab goes through the buttons in the order they are seen.
        for before, after in pairwise(everything):
            QWidget.setTabOrder(before, after)

    def open_more(self) -> None:
        """Open the More panel with the buttons the toolbar has no room for."""
        hidden = self._layout.hidden_buttons(self.width())
        if not hidden or not self.more.isVisible():
            return
        shown = [index for index, button in enumerate(self.buttons) if button in hidden]
        self.panel.open_under(self.more, shown)

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
