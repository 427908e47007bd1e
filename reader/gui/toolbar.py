"""The row of buttons along the top, which keeps every button usable at any text size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from reader.gui.buttons import LABEL_IN_ICON

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QLabel, QToolButton

MARGIN_PX = 12
# A button property: style.py pads toolbar buttons less at the sides, so ten
# of them keep their words on a 1366-wide window.
TOOLBAR_BUTTON = "toolbar"
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
        self.left, self.right, self.hint = left, right, hint
        for button in (*left, *right):
            # style.py pads toolbar buttons less at the sides.
            button.setProperty(TOOLBAR_BUTTON, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX // 3)
        layout.setSpacing(SPACING_PX)
        for button in left:
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(hint)
        for button in right:
            layout.addWidget(button)

    def set_hint(self, text: str) -> None:
        """Show a short hint between the buttons, or hide it when ``text`` is empty.

        The buttons make room for it the same way they do for big text, so
        none of them is squeezed until its words are cut short.
        """
        self.hint.setText(text)
        self.hint.setAccessibleName(text)
        self.hint.setVisible(bool(text))
        self.fit()

    def fit(self) -> None:
        """Show words beside the icons on as many buttons as fit, dropping the least needed first.

        The left-hand buttons give up their words from the right-hand end (the
        text-size buttons first), then the safety buttons, last of all.
        """
        available = self.width() - 2 * MARGIN_PX
        if not self.hint.isHidden():
            available -= self.hint.sizeHint().width() + SPACING_PX
        everything = [*self.left, *self.right]
        fixed = [button for button in everything if button.property(LABEL_IN_ICON)]
        buttons = [button for button in everything if button not in fixed]
        wide = self._widths(buttons, Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        narrow = self._widths(buttons, Qt.ToolButtonStyle.ToolButtonIconOnly)
        needed = (
            sum(wide)
            + sum(button.sizeHint().width() for button in fixed)
            + SPACING_PX * len(everything)
        )
        left = len([button for button in self.left if button not in fixed])
        # Indexes into ``buttons``, least needed first.
        order = [*reversed(range(left)), *reversed(range(left, len(buttons)))]
        icon_only: set[int] = set()
        for index in order:
            if needed <= available:
                break
            needed -= wide[index] - narrow[index]
            icon_only.add(index)
        for index, button in enumerate(buttons):
            button.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if index in icon_only
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )

    @staticmethod
    def _widths(buttons: list[QToolButton], style: Qt.ToolButtonStyle) -> list[int]:
        for button in buttons:
            button.setToolButtonStyle(style)
        return [button.sizeHint().width() for button in buttons]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self.fit()
