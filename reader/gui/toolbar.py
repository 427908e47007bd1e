"""The row of buttons along the top, which keeps every button usable at any text size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QLabel, QToolButton

MARGIN_PX = 12
SPACING_PX = 8


class Toolbar(QWidget):
    """Buttons on the left, the Shift hint and the safety buttons on the right.

    When the words no longer fit (big text on a small screen), the left-hand
    buttons show just their icons — their names stay in the tooltip and for
    screen readers — and the safety buttons keep their words longest.
    """

    def __init__(
        self,
        left: list[QToolButton],
        hint: QLabel,
        right: list[QToolButton],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX // 3)
        layout.setSpacing(SPACING_PX)
        for button in left:
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(hint)
        for button in right:
            layout.addWidget(button)

    def fit(self) -> None:
        """Show words beside the icons on as many buttons as fit, dropping the least needed first.

        The left-hand buttons give up their words from the right-hand end (the
        text-size buttons first), then the safety buttons, last of all.
        """
        available = self.width() - 2 * MARGIN_PX
        buttons = [*self.left, *self.right]
        for button in buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for button in [*reversed(self.left), *reversed(self.right)]:
            if self._needed() <= available:
                return
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _needed(self) -> int:
        buttons = [*self.left, *self.right]
        return sum(button.sizeHint().width() for button in buttons) + SPACING_PX * len(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self.fit()
