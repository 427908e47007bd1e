"""The Settings screen (reader/gui/settings_screen.py) at every text size."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from reader.core.settings import Settings
from reader.gui.wrap_row import WrapRow
from tests.conftest import cut_off


@pytest.mark.parametrize(
    "size", [(1366, 768), (1024, 700)], ids=lambda size: f"{size[0]}x{size[1]}"
)
@pytest.mark.parametrize("text_size", [100, 200, 300])
def test_nothing_on_the_settings_screen_is_cut_off_or_off_the_side(
    make_window: Any, qtbot: Any, text_size: int, size: tuple[int, int]
) -> None:
    window = make_window(settings=replace(Settings(), text_size=text_size))
    window.resize(*size)
    window.show_look()
    screen = window.look_screen

    def all_in_view() -> None:
        assert screen.widget().width() <= screen.viewport().width()
        assert cut_off(screen.widget(), screen.viewport()) == []

    qtbot.waitUntil(all_in_view)


def test_choices_sit_side_by_side_when_there_is_room(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show_look()
    rows = window.look_screen.widget().findChildren(WrapRow)
    assert rows
    # Laid out: each row has at least the room its controls ask for.
    qtbot.waitUntil(lambda: all(row.width() >= row.sizeHint().width() for row in rows))
    assert not any(row.stacked for row in rows)


def test_choices_stack_when_a_row_would_not_fit(make_window: Any, qtbot: Any) -> None:
    window = make_window(settings=replace(Settings(), text_size=300))
    window.resize(1024, 700)
    window.show_look()
    letters = window.look_screen.buttons[("font", "atkinson")].parentWidget()
    assert isinstance(letters, WrapRow)
    qtbot.waitUntil(lambda: letters.stacked)
