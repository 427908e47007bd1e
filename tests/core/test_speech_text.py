"""What read-aloud says for a page, from the blocks laid out and the renderer's own words. No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.page_content import (
    BROKEN_PAGE_HTML,
    OBJECT_REPLACEMENT,
    PICTURE_KEY,
    PageContent,
    page_html,
)
from reader.core.render import render_markdown
from reader.core.sentences import Block
from reader.core.speech_text import ShownBlock, speech_blocks
from tests.conftest import PIXEL_PNG

DOG_ALT = 'A "big" dog & a <small> cat, side by side.'


@pytest.fixture
def root(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    (book / "images").mkdir(parents=True)
    (book / "images" / "dog.png").write_bytes(PIXEL_PNG)
    return book


def test_the_renderer_keeps_each_pictures_own_words(root: Path) -> None:
    # Quotes, an ampersand and angle brackets: words an HTML pattern would trip over.
    markdown = f'Look:\n\n![{DOG_ALT}](images/dog.png "Friends")\n'
    page = render_markdown(markdown, root, "pages/p.md")
    (key,) = page.images
    assert page.image_alts == {key: DOG_ALT}


def test_a_picture_in_the_page_is_described_where_it_is(root: Path) -> None:
    page = render_markdown(f"Before.\n\n![{DOG_ALT}](images/dog.png)\n\nAfter.", root, "p.md")
    (key,) = page.images
    content = PageContent("Title", page.html, page.images, image_alts=page.image_alts)
    shown = [
        ShownBlock("Title", 0, "heading"),
        ShownBlock("Before.", 6),
        ShownBlock(OBJECT_REPLACEMENT, 14, pictures=(key,)),
        ShownBlock("After.", 16),
    ]
    assert speech_blocks(shown, content) == [
        (Block("heading", "Title"), 0),
        (Block("paragraph", "Before."), 6),
        (Block("picture", DOG_ALT), None),
        (Block("paragraph", "After."), 16),
    ]


def test_the_pages_own_picture_is_described_after_its_title() -> None:
    content = PageContent("Help", "<p>Words.</p>", picture=Path("x.png"), picture_alt="A phone.")
    shown = [
        ShownBlock(OBJECT_REPLACEMENT, 0, pictures=(PICTURE_KEY,)),
        ShownBlock("Help", 2, "heading"),
        ShownBlock("Words.", 7),
    ]
    assert speech_blocks(shown, content) == [
        (Block("heading", "Help"), 2),
        (Block("picture", "A phone."), None),
        (Block("paragraph", "Words."), 7),
    ]


def test_without_a_title_the_pages_picture_is_described_first() -> None:
    content = PageContent("", "<p>Words.</p>", picture=Path("x.png"), picture_alt="A phone.")
    shown = [ShownBlock("Words.", 0), ShownBlock(OBJECT_REPLACEMENT, 7, pictures=(PICTURE_KEY,))]
    assert speech_blocks(shown, content)[0] == (Block("picture", "A phone."), None)


def test_empty_blocks_and_pictures_without_words_are_not_read() -> None:
    content = PageContent("", "", image_alts={"bookimg:images/a.png": "  "})
    shown = [
        ShownBlock("", 0),
        ShownBlock(" \u2029 ", 1),
        ShownBlock(OBJECT_REPLACEMENT, 4, pictures=("bookimg:images/a.png", "bookimg:unknown")),
        ShownBlock("- one", 6, "item"),
    ]
    assert speech_blocks(shown, content) == [(Block("item", "- one"), 6)]


def test_the_page_as_rich_text_has_its_note_picture_and_title_in_order() -> None:
    content = PageContent(
        "Safe & sound", "<p>Body.</p>", picture=Path("x.png"), picture_alt='A "hug".', note="Hard."
    )
    shown = page_html(content)
    assert shown.index('class="note"') < shown.index(PICTURE_KEY) < shown.index("<h1>")
    assert "<h1>Safe &amp; sound</h1>" in shown and 'alt="A &quot;hug&quot;."' in shown
    assert shown.endswith("<p>Body.</p>")


def test_a_broken_page_says_what_to_do() -> None:
    assert "Next" in BROKEN_PAGE_HTML and "Contents" in BROKEN_PAGE_HTML
