"""Buttons as a keyboard user presses them (reader/gui/buttons.py)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest


def press(
    window: Any, qtbot: Any, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    """Press a key as a keyboard does: the system gives it to the focused window."""
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    QTest.keyClick(window.windowHandle(), key, modifier)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    ],
    ids=["Return", "keypad Enter", "Space"],
)
def test_a_focused_button_is_pressed_with_enter_or_space(
    window: Any, qtbot: Any, sample_book: Any, key: Qt.Key, modifier: Any
) -> None:
    window.cover.start.setFocus()
    press(window, qtbot, key, modifier)
    assert window.current_screen() is window.reading
    assert window.reading.position.text() == f"Page 1 of {len(sample_book.pages)}"
    window.reading.next.setFocus()
    press(window, qtbot, key, modifier)
    assert window.reading.position.text() == f"Page 2 of {len(sample_book.pages)}"


def test_enter_with_ctrl_held_does_not_press_a_button(window: Any, qtbot: Any) -> None:
    window.cover.start.setFocus()
    press(window, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.cover
