"""Shift pressed three times hides the reader: the GOV.UK "Exit this page" convention."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QGuiApplication, QWindow

PRESSES_TO_EXIT = 3
# The presses must come within this many seconds of each other.
MAX_GAP_SECONDS = 3.0
_KEY_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease}
)
# A click while Shift is down (Shift and click to select words) makes it a combination.
_CLICKS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
_CHORD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ShiftCounter(QObject):
    """Counts Shift presses anywhere in the app; any other key starts the count again.

    A press counts when Shift is let go with nothing else pressed meanwhile:
    Shift+Tab or a capital letter is a combination, and never shows the count.

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
        # Shift is down, and nothing else has been pressed since.
        self._shift_alone = False
        self._app: QGuiApplication | None = None

    def watch(self, app: QGuiApplication) -> None:
        """Count the keys pressed in whichever window has the keyboard: the reader or a dialog.

        A key press reaches its window once, before the window hands it to the
        widget with focus, so watching windows sees every press exactly once.
        An application-wide filter would also see it, but it makes Python look
        at every event every widget gets, which slows start-up and page turns.
        """
        if self._app is not None:
            return
        self._app = app
        app.focusWindowChanged.connect(self._watch_window)
        self._watch_window(app.focusWindow())

    def stop_watching(self) -> None:
        """Stop following the keyboard from window to window (safe to call twice)."""
        if self._app is not None:
            self._app.focusWindowChanged.disconnect(self._watch_window)
            self._app = None

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            # Installing the same filter twice keeps just one.
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        kind = event.type()
        if kind in _CLICKS:
            self._shift_alone = False
            return False
        if kind not in _KEY_EVENTS or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_Shift:
            if kind != QEvent.Type.KeyRelease:
                # Any other key starts the count again, even one a shortcut takes:
                # those never arrive as a key press, only as a shortcut override.
                self._shift_alone = False
                self.reset()
        elif event.modifiers() & _CHORD_MODIFIERS:
            # Shift with Ctrl, Alt or Meta held is part of a shortcut, such as
            # Ctrl and Shift and = for bigger words, not a press to hide Reader.
            self._shift_alone = False
            self.reset()
        elif event.isAutoRepeat():
            # A held Shift repeats its press (and, on X11, its release): one press.
            return False
        elif kind == QEvent.Type.KeyPress:
            self._shift_alone = True
        elif kind == QEvent.Type.KeyRelease and self._shift_alone:
            self._shift_alone = False
            self.shift_tapped()
        return False

    def shift_tapped(self) -> None:
        """Count one press of Shift on its own."""
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
