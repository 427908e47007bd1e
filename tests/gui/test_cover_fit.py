"""The cover's and the end's words are shown whole: no label gets less height than it needs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from reader.core.editions import load_editions
from reader.core.settings import TEXT_SIZES, Settings
from reader.resources import default_book_dir

# The window Reader opens on a 1366×768 screen, and a 1024×700 one, title bar included.
WINDOWS = ((1280, 740), (1024, 672))


@pytest.mark.parametrize("screen", ["cover", "end"])
@pytest.mark.parametrize("size", WINDOWS)
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_every_line_of_the_title_is_shown_whole(
    make_window: Any, qtbot: Any, size: tuple[int, int], text_size: int, screen: str
) -> None:
    # Found walking the screens: at 300% in a 1280-wide window the two-line title
    # was given the height of one and a half, so the tops of its first line and the
    # bottoms of its last were cut off. Its column is 720 wide; its height was
    # worked out for the whole window's width.
    book = load_editions(default_book_dir()).book("younger")
    window = make_window(book=book, settings=replace(Settings(), text_size=text_size))
    window.resize(*size)
    if screen == "cover":
        window.show_cover()
    else:
        window.show_end()
    shown = window.current_screen()
    labels = [label for label in shown.widget().findChildren(QLabel) if label.wordWrap()]
    qtbot.waitUntil(lambda: all(label.width() > 0 for label in labels))
    for label in labels:
        if label.isVisible():
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, f"“{label.text()}”: {label.height()} < {needed}"
