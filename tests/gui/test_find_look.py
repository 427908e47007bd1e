"""Find as seen: a card's title is never smaller than its words, and the box's caret is clear.

Found walking the screens (issue 14): at 300% a result's sentence was drawn
bigger than its page's title, and the box's caret was Qt's 1 px inverted line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from reader.core.loader import load_book
from reader.core.settings import Settings
from reader.resources import default_book_dir
from tests.gui.test_find import open_find, type_words
from tests.gui.test_page_keys import MIN_CARET_PX, solid_columns


def find_screen(make_window: Any, qtbot: Any, **settings: Any) -> tuple[Any, Any]:
    window = make_window(
        book=load_book(default_book_dir()), settings=replace(Settings(), **settings)
    )
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    return window, open_find(window, qtbot)


@pytest.mark.parametrize("size", [100, 200, 300])
def test_a_card_s_title_is_at_least_as_big_as_its_words_and_bold(
    make_window: Any, qtbot: Any, size: int
) -> None:
    window, screen = find_screen(make_window, qtbot, text_size=size)
    # "consent" is a word to know and on pages: a meaning card and page cards.
    type_words(screen, qtbot, "consent")
    qtbot.waitUntil(lambda: all(card.isVisible() for card in screen.cards))
    kinds = set()
    for card in screen.cards:
        words = card.sentence if hasattr(card, "sentence") else card.meaning
        kinds.add(type(card).__name__)
        title = QFontInfo(card.heading.font())
        assert title.pixelSize() >= QFontInfo(words.font()).pixelSize(), card.heading.text()
        assert title.bold() and not QFontInfo(words.font()).bold()
        # The title is above the words, and the words keep the page's size.
        assert card.heading.geometry().bottom() < words.geometry().top()
        assert words.font().pointSizeF() == pytest.approx(window.look.body_points)
    assert kinds == {"FoundCard", "MeaningCard"}


@pytest.mark.parametrize(("size", "theme"), [(100, "light"), (300, "high-contrast")])
def test_the_find_box_s_caret_is_a_steady_bar_in_the_words_colour(
    make_window: Any, qtbot: Any, size: int, theme: str
) -> None:
    window, screen = find_screen(make_window, qtbot, text_size=size, theme=theme)
    box = screen.box
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "help")
    qtbot.keyClick(box, Qt.Key.Key_Left)
    text = window.look.theme.text
    line = box.cursorRect()
    focused = box.grab().toImage()
    bar = solid_columns(focused, line.top(), line.bottom(), text)
    assert bar, "with focus, the box shows a caret as tall as its line, in the words' colour"
    assert len(bar) >= MIN_CARET_PX, f"the caret is {len(bar)} px wide"
    assert max(bar) - min(bar) + 1 == len(bar), "one bar"
    assert line.left() <= min(bar) and max(bar) <= line.right(), "where the caret is"
    again = box.grab().toImage()
    assert solid_columns(again, line.top(), line.bottom(), text) == bar, "steady: no blinking"
    screen.back.setFocus()
    qtbot.waitUntil(lambda: not box.hasFocus())
    unfocused = box.grab().toImage()
    # (The box's own edge is the words' colour in high contrast.)
    still = solid_columns(unfocused, line.top(), line.bottom(), text)
    assert not set(still) & set(bar), "only with focus"
