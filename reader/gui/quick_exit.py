"""Shift pressed three times hides the reader: the GOV.UK "Exit this page" convention."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

PRESSES_TO_EXIT = 3
# The presses must come within this many seconds of each other.
MAX_GAP_SECONDS = 3.0


class ShiftCounter(QObject):
    """Counts Shift presses anywhere in the app; any other key starts the count again.

    Emits ``remainingChanged(n)`` after each counted press (0 when the count
    is reset) and ``exitRequested`` on the third press.
    """

    remainingChanged = Signal(int)
    exitRequested = Signal()

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._count = 0
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        # An application filter sees a key press once for its window and again
        # for each widget it bubbles up through: count it at the widget that
        # first receives it, and only there.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched is (QApplication.focusWidget() or QApplication.activeWindow())
        ):
            self.key_pressed(event.key(), event.isAutoRepeat())
        return False

    def key_pressed(self, key: int, auto_repeat: bool = False) -> None:
        if key != Qt.Key.Key_Shift:
            self.reset()
            return
        if auto_repeat:
            return
        now = self._clock()
        if self._count and now - self._last > MAX_GAP_SECONDS:
            self._count = 0
        self._count += 1
        self._last = now
        if self._count >= PRESSES_TO_EXIT:
            self._count = 0
            self.remainingChanged.emit(0)
            self.exitRequested.emit()
        else:
            self.remainingChanged.emit(PRESSES_TO_EXIT - self._count)

    def reset(self) -> None:
        if self._count:
            self._count = 0
            self.remainingChanged.emit(0)
