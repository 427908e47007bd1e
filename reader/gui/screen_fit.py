"""Keep the main window, title bar and borders included, inside the screen's free area.

Before a window manager has framed the window, Qt does not know how tall the title
bar is: a window sized to the screen's available height then hangs its bottom edge
(Back, Next, the progress bar) below the screen. The window is sized with an
allowance for the frame, and sized again to the real frame once it is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# A typical title bar and border, used until the window manager says what its frame is.
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)
_WATCHED = frozenset({QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize})


def fitted(available: QRect, frame: QMargins, wanted: QSize, at: QPoint) -> QRect:
    """The window's own area (without frame): ``wanted`` or smaller, frame and all on screen.

    ``at`` is where the window's inside would be; it moves only as far as needed.
    """
    room = available.marginsRemoved(frame)
    size = wanted.boundedTo(room.size())
    x = min(max(at.x(), room.left()), room.left() + room.width() - size.width())
    y = min(max(at.y(), room.top()), room.top() + room.height() - size.height())
    return QRect(QPoint(x, y), size)


def frame_of(window: QWidget) -> QMargins | None:
    """The window manager's frame round ``window``, or None while it is not known."""
    outer = window.frameGeometry()
    inner = window.geometry()
    if outer == inner:
        return None
    return QMargins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )


class ScreenFit(QObject):
    """Sizes ``window`` to ``wanted`` at most, frame included, on the screen it is on."""

    def __init__(self, window: QWidget, wanted: QSize) -> None:
        super().__init__(window)
        self._window = window
        self._wanted = wanted
        self._pending = False
        self._given = QSize()
        self.fit(FRAME_ALLOWANCE)
        window.installEventFilter(self)

    def fit(self, frame: QMargins) -> None:
        window = self._window
        screen = window.screen()
        if screen is None:
            return
        # Never bigger than asked for, nor than the person has since made it.
        resized = self._given.isValid() and window.size() != self._given
        wanted = self._wanted.boundedTo(window.size()) if resized else self._wanted
        place = fitted(screen.availableGeometry(), frame, wanted, window.geometry().topLeft())
        self._given = place.size()
        if place.size() != window.size():
            window.resize(place.size())
        if window.isVisible() and place.topLeft() != window.geometry().topLeft():
            # move() places the frame's corner, not the inside's.
            window.move(place.topLeft() - QPoint(frame.left(), frame.top()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if watched is self._window and event.type() in _WATCHED and not self._pending:
            # After the event: the window manager's answer arrives as a move.
            self._pending = True
            QTimer.singleShot(0, self._refit)
        return False

    def _refit(self) -> None:
        self._pending = False
        window = self._window
        if window.isMaximized() or window.isFullScreen() or not window.isVisible():
            return
        frame = frame_of(window)
        if frame is None:
            return
        self.fit(frame)
        # The frame is known: from now on the window is the person's to size and move.
        window.removeEventFilter(self)
