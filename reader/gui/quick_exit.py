"""Shift pressed three times hides the reader: the GOV.UK "Exit this page" convention."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QGuiApplication, QWindow
    from PySide6.QtWidgets import QWidget

PRESSES_TO_EXIT = 3
# How long Quick exit waits for the desktop to take the keyboard from the minimised
# window before it goes on anyway (on a desktop that never minimises it).
HIDDEN_WAIT_MS = 1000
# The presses must come within this many seconds of each other.
MAX_GAP_SECONDS = 3.0
# The window losing the keyboard, or being shown again.
_HIDING_EVENTS = frozenset({QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange})
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


class WhenHidden(QObject):
    """Does something once ``window`` has lost the keyboard, so a screen reader hears none of it.

    Minimising is only a request: the desktop takes the keyboard from the window a
    moment later. A focus move before then is a focus move in the active window, and
    Orca said it ("Start reading push button") as Reader went away. Once the window is
    no longer active, Qt moves its focus without telling a screen reader; it hears
    where the focus is when Reader is shown again. Shown again first (or never
    minimised by the desktop), the window gets it done then (or a moment later).
    """

    def __init__(self, window: QWidget, action: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._waiting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HIDDEN_WAIT_MS)
        self._timer.timeout.connect(self._run)

    def start(self) -> None:
        """Run the action now if the window has no keyboard, else as soon as it loses it."""
        if not self._window.isActiveWindow():
            self._run()
            return
        if not self._waiting:
            self._waiting = True
            # Only while waiting: a filter on the window sees each of its own events.
            self._window.installEventFilter(self)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's API)
        if event.type() in _HIDING_EVENTS and (
            not self._window.isActiveWindow() or not self._window.isMinimized()
        ):
            self._run()
        return False

    def _run(self) -> None:
        self._timer.stop()
        if self._waiting:
            self._waiting = False
            self._window.removeEventFilter(self)
        self._action()


def drop_focus_unheard(window: QWidget) -> None:
    """Take the keyboard off whatever has it in ``window``, giving it to nothing.

    With no widget focused, a screen switch hands the focus to nothing either, so a
    screen reader hears no focus move. Qt tells it the widget is focused once more,
    which Orca takes for the focus staying where it was, and says nothing.
    """
    focus = window.focusWidget()
    if focus is not None:
        focus.clearFocus()
