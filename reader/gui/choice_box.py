"""A drop-down list that the mouse wheel cannot change by passing over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

if TYPE_CHECKING:
    from PySide6.QtGui import QWheelEvent


class ChoiceBox(QComboBox):
    """Scrolling the Settings page past this list scrolls the page, never the choice.

    The wheel changes the choice only once the list has been chosen (it has
    focus), as in a browser's settings page.
    """

    def __init__(self) -> None:
        super().__init__()
        # The wheel alone never gives it focus, so it never starts taking the wheel.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's API)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # on to the scrolling page
