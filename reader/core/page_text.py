"""A page's words as the reader shows them, block by block, with no Qt.

The page view lays a page out as its note, its title and then the book's own
HTML; read-aloud takes its words from the blocks Qt makes of that. Search
must hold the same words, but is built off the UI thread and tested without
a window, so this reads the same HTML with the standard library's parser and
makes the same blocks: a heading, a paragraph, a list item or a table cell
each becomes one block, and a line break or a picture is a space inside it.
Pictures' descriptions are read aloud but not shown, so they are left out:
every word search finds is one a person can see on the page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

from reader.core.book import NOTE_LEAD
from reader.core.sentences import Block

if TYPE_CHECKING:
    from reader.core.book import Page
    from reader.core.sentences import BlockKind

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Tags that start and end a block of their own in Qt's rich text.
_BLOCK_TAGS = _HEADINGS | frozenset(
    {
        "p", "li", "dt", "dd", "td", "th", "pre", "blockquote", "div", "tr", "table",
        "ul", "ol", "dl", "hr",
    }
)  # fmt: skip
# A line break and a picture sit inside their block's text as a space.
_INLINE_SPACES = frozenset({"br", "img"})


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INLINE_SPACES:
            self._text.append(" ")
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in self._open:
                # Drop what was left open inside it too, as an HTML parser does.
                del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "pre":
            # Each line of preformatted text is a block of its own.
            lines = data.split("\n")
            for line in lines[:-1]:
                self._text.append(line)
                self._flush()
            self._text.append(lines[-1])
            return
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text.clear()
        if not text:
            return
        kind: BlockKind = "paragraph"
        if any(tag in _HEADINGS for tag in self._open):
            kind = "heading"
        elif "li" in self._open:
            kind = "item"
        self.blocks.append(Block(kind, text))


def html_blocks(body_html: str) -> list[Block]:
    """The blocks of shown text in a page's HTML, in reading order."""
    parser = _Blocks()
    parser.feed(body_html)
    parser.close()
    return parser.blocks


def shown_blocks(page: Page) -> list[Block]:
    """Every block of words the reader shows for ``page``: its note, title and body.

    A page that could not be read shows a notice, not the book's words, so
    it gives only its note and title.
    """
    blocks: list[Block] = []
    if page.content_note.strip():
        blocks.append(Block("paragraph", " ".join(f"{NOTE_LEAD} {page.content_note}".split())))
    if page.title.strip():
        blocks.append(Block("heading", " ".join(page.title.split())))
    if page.html is not None:
        blocks.extend(html_blocks(page.html))
    return blocks
