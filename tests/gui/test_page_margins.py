"""The page's words keep a margin from the window's edge at every text size."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from reader.core.settings import TEXT_SIZES, Settings
from reader.gui.page_view import MIN_SIDE_PADDING_PX

SCREENS = ((1024, 700), (1366, 768))


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_the_words_never_touch_the_edge_of_the_page(
    make_window: Any, qtbot: Any, size: tuple[int, int], text_size: int
) -> None:
    # Found walking the screens: from about 200% on a 1024-wide window the column's
    # side margins fell to 0 and replaced the page's padding, so every line began
    # at the very edge of the window.
    window = make_window(settings=replace(Settings(), text_size=text_size))
    window.resize(*size)
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)
    view = window.reading.view
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    layout = view.document().documentLayout()
    block = view.document().begin()
    lefts, rights = [], []
    while block.isValid():
        place = layout.blockBoundingRect(block)
        lefts.append(place.left())
        rights.append(view.viewport().width() - place.right())
        block = block.next()
    assert min(lefts) >= MIN_SIDE_PADDING_PX
    assert min(rights) >= MIN_SIDE_PADDING_PX
