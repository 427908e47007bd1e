"""Drop-down lists: an arrow that grows with the words, and a wheel that scrolls the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QWheelEvent

# The arrow is a little taller than the list's small letters and wider than it is
# tall: it grows with the words (Fusion's stays 7 px at every size) and points down at
# a glance, two x-heights wide (the room style.py leaves it, ARROW_ROOM_EMS).
ARROW_X_HEIGHTS = 1.25
ARROW_WIDTH_HEIGHTS = 1.6


def paint_arrow(box: QComboBox) -> None:
    """Draw ``box``'s arrow in the colour of its words (7:1 against it, so well over 3:1).

    The style sheet leaves the arrow's place empty (style.py, ``::drop-down``), as
    wide as the biggest arrow needs.
    """
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    place = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, box
    )
    height = box.fontMetrics().xHeight() * ARROW_X_HEIGHTS
    width = min(height * ARROW_WIDTH_HEIGHTS, float(place.width()))
    middle = QPointF(place.center()) + QPointF(0.5, 0.5)
    top = middle.y() - height / 2
    group = QPalette.ColorGroup.Active if box.isEnabled() else QPalette.ColorGroup.Disabled
    painter = QPainter(box)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(box.palette().color(group, QPalette.ColorRole.Text))
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(middle.x() - width / 2, top),
                QPointF(middle.x() + width / 2, top),
                QPointF(middle.x(), top + height),
            ]
        )
    )
    painter.end()


class ArrowPainter(QObject):
    """Gives a drop-down list that Reader did not make (the save dialog's) the same arrow."""

    def watch(self, box: QComboBox) -> None:
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() == QEvent.Type.Paint and isinstance(watched, QComboBox):
            # The list draws itself first, then the arrow goes on top.
            QComboBox.paintEvent(watched, event)  # type: ignore[arg-type]
            paint_arrow(watched)
            return True
        return super().eventFilter(watched, event)


class ChoiceBox(QComboBox):
    """Scrolling the Settings page past this list scrolls the page, never the choice.

    The wheel changes the choice only once the list has been chosen (it has
    focus), as in a browser's settings page.
    """

    def __init__(self) -> None:
        super().__init__()
        # The wheel alone never gives it focus, so it never starts taking the wheel.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's API)
        super().paintEvent(event)
        paint_arrow(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's API)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # on to the scrolling page
