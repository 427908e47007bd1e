"""A row of controls that turns into a column when the row would not fit.

At big text sizes on a small screen, a row of choices ("Light, Cream, Dark,
High contrast") can be wider than the window. Rather than cut words short or
scroll sideways (WCAG 1.4.10), the row stacks its controls one above the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

SPACING_PX = 8


class WrapRow(QWidget):
    """Controls side by side while they fit, one above the other when they don't."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACING_PX)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        self._widgets.append(widget)
        self._layout.addWidget(widget, stretch)

    def add_stretch(self) -> None:
        """Leave the rest of a side-by-side row empty, rather than spreading the controls."""
        self._layout.addStretch(1)

    @property
    def stacked(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's API)
        # As narrow as its widest control: the row can always stack to fit.
        height = super().minimumSizeHint().height()
        widest = max((widget.minimumSizeHint().width() for widget in self._widgets), default=0)
        return QSize(widest, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        shown = [widget for widget in self._widgets if not widget.isHidden()]
        needed = sum(widget.sizeHint().width() for widget in shown)
        needed += SPACING_PX * max(0, len(shown) - 1)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if needed <= width
            else QBoxLayout.Direction.TopToBottom
        )
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
            self.updateGeometry()
