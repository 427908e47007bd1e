"""Headings stand out but grow less than the page's words, so a big-text page still reads."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QTextBlock

from reader.core.editions import load_editions
from reader.core.settings import TEXT_SIZES, Settings
from reader.resources import default_book_dir

MAX_HEADING_SCALE = 1.5
# The window's inside on a 1024x700 screen under openbox (see test_screen_fit.py).
SMALL_WINDOW = (1022, 675)
BIGGEST = max(TEXT_SIZES)


def blocks(view: Any) -> list[QTextBlock]:
    found = []
    block = view.document().begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def has_words(block: QTextBlock) -> bool:
    # Not a picture's placeholder character, nor an empty line.
    return any(character.isalnum() for character in block.text())


def points(block: QTextBlock) -> float:
    # The size the block's letters are drawn at: its own, or the page's.
    size = block.charFormat().font().pointSizeF()
    return size if size > 0 else block.document().defaultFont().pointSizeF()


@pytest.mark.parametrize("size", TEXT_SIZES)
def test_headings_are_at_most_half_as_big_again_as_the_words(make_window: Any, size: int) -> None:
    window = make_window(settings=replace(Settings(), text_size=size))
    window.show_page(0)
    view = window.reading.view
    body = view.document().defaultFont().pointSizeF()
    headings = [b for b in blocks(view) if b.blockFormat().headingLevel() > 0]
    assert headings, "the sample page should have headings"
    for heading in headings:
        assert body < points(heading) <= body * MAX_HEADING_SCALE, heading.text()
        # The title stays the biggest: a section heading never outgrows it.
        if heading.blockFormat().headingLevel() > 1:
            assert points(heading) < points(headings[0]), heading.text()
        # Drawn at that size: its lines are no taller than half as big again.
        words = next(
            b for b in blocks(view) if b.blockFormat().headingLevel() == 0 and has_words(b)
        )
        line = heading.layout().lineAt(0).height()
        assert line <= words.layout().lineAt(0).height() * MAX_HEADING_SCALE, heading.text()


def bundled_pages() -> list[tuple[str, int]]:
    editions = load_editions(default_book_dir())
    return [
        (edition.id, number)
        for edition in editions.editions
        for number in range(len(editions.book(edition.id).pages))
    ]


@pytest.mark.parametrize(("edition", "index"), bundled_pages())
def test_the_first_screen_at_the_biggest_size_shows_the_title_and_words(
    make_window: Any, qtbot: Any, edition: str, index: int
) -> None:
    editions = load_editions(default_book_dir())
    book = editions.book(edition)
    window = make_window(book=book, settings=replace(Settings(), text_size=BIGGEST))
    window.resize(*SMALL_WINDOW)
    window.show_page(index)
    view = window.reading.view
    qtbot.waitUntil(lambda: view.viewport().height() < SMALL_WINDOW[1])
    layout = view.document().documentLayout()
    seen = view.viewport().height()
    shown = [b for b in blocks(view) if has_words(b)]
    first = shown[0]
    first_line = layout.blockBoundingRect(first).top() + first.layout().lineAt(0).height()
    # The page starts on the first screen: its note, or its title.
    assert first_line <= seen
    page = book.pages[index]
    if page.content_note:
        # A note comes first, on purpose, in the page's own size: no giant words above it.
        assert first.text().startswith("Before you read:")
        assert points(first) == view.document().defaultFont().pointSizeF()
        return
    title = next(b for b in shown if b.blockFormat().headingLevel() == 1)
    assert title.text() == page.title
    assert layout.blockBoundingRect(title).bottom() <= seen, "the whole title is on screen"
    words = shown[shown.index(title) + 1]
    start = layout.blockBoundingRect(words).top() + words.layout().lineAt(0).height()
    assert start <= seen, f"the page's words start below the first screen: {words.text()[:40]}"
