"""Esc leaves a screen opened to look something up, and Page Down scrolls any screen."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QRadioButton

from reader.core.settings import Settings

OPENERS = {
    "Settings": lambda window: window.show_look(),
    "Keys": lambda window: window.show_keys(),
    "About": lambda window: window.show_about(),
    "Get help": lambda window: window.show_help(),
}


def press(qtbot: Any, key: Qt.Key) -> None:
    # Where the keyboard is, as a person's key press would be.
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key)


@pytest.mark.parametrize("screen", list(OPENERS))
def test_esc_goes_back_to_the_page_you_were_on(window: Any, qtbot: Any, screen: str) -> None:
    window.show_page(1)
    OPENERS[screen](window)
    assert window.current_screen() is not window.reading
    if screen == "Settings":
        # Even from inside a group of choices.
        next(b for b in window.look_screen.findChildren(QRadioButton) if b.isVisible()).setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen() is window.reading
    assert window.reading.position.text().startswith("Page 2 of")


def test_esc_goes_back_to_the_cover_from_help_opened_there(window: Any, qtbot: Any) -> None:
    window.show_cover()
    window.show_help()
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen() is window.cover


def test_esc_on_a_page_leaves_the_page_where_it_is(window: Any, qtbot: Any) -> None:
    window.show_page(1)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_screen() is window.reading
    assert window.reading.position.text().startswith("Page 2 of")


@pytest.mark.parametrize("screen", list(OPENERS))
def test_page_down_scrolls_the_screen_wherever_the_keyboard_is(
    make_window: Any, qtbot: Any, screen: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=300))
    window.resize(1024, 700)
    window.show_page(0)
    OPENERS[screen](window)
    shown = window.current_screen()
    area = shown.view if hasattr(shown, "view") else shown
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    # The keyboard is on the screen's button (Go back or Done), not in the text.
    assert isinstance(QApplication.focusWidget(), QAbstractButton)
    press(qtbot, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    press(qtbot, Qt.Key.Key_PageUp)
    assert bar.value() == 0
