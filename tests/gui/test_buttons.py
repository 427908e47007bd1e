"""Buttons as a keyboard user presses them (reader/gui/buttons.py)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tests.conftest import press_key


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
    press_key(qtbot, window, key, modifier)
    assert window.current_screen() is window.reading
    assert window.reading.position.text() == f"Page 1 of {len(sample_book.pages)}"
    window.reading.next.setFocus()
    press_key(qtbot, window, key, modifier)
    assert window.reading.position.text() == f"Page 2 of {len(sample_book.pages)}"


def test_enter_with_ctrl_held_does_not_press_a_button(window: Any, qtbot: Any) -> None:
    window.cover.start.setFocus()
    press_key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.cover


@pytest.mark.parametrize("where", ["toolbar", "settings"])
def test_a_minus_and_a_plus_show_their_words_once(window: Any, qtbot: Any, where: str) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    if where == "settings":
        window.show_look()
        buttons = {b.objectName(): b for b in window.look_screen.findChildren(QToolButton)}
        smaller, bigger = buttons["button-smaller"], buttons["button-bigger"]
    else:
        smaller, bigger = window.toolbar_buttons["smaller"], window.toolbar_buttons["bigger"]
    for button, name in ((smaller, "Smaller words"), (bigger, "Bigger words")):
        # The icon draws "A−" or "A+"; the words beside it would say it twice.
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert button.accessibleName() == name
        assert button.width() >= 44 and button.height() >= 44
    # Every other toolbar button has room for its words at this width.
    words = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    others = [b for k, b in window.toolbar_buttons.items() if k not in ("smaller", "bigger")]
    qtbot.waitUntil(lambda: all(button.toolButtonStyle() == words for button in others))
