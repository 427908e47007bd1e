"""What the reader shows for a page, as plain data, and the rich text laid out from it. No Qt.

The page view (reader/gui/page_view.py) shows a ``PageContent``; the same
content gives read-aloud its words (reader/core/speech_text.py) and the
exported audio its sentences, so each is built here, once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.book import IMAGE_SCHEME, NOTE_LEAD

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.book import Page

# The page's own picture, beside its title; the book's pictures have keys of their own.
PICTURE_KEY = f"{IMAGE_SCHEME}:__page-picture__"

# What a picture (or a box) is in a laid-out block's text.
OBJECT_REPLACEMENT = "\ufffc"

BROKEN_PAGE_HTML = (
    "<p>Sorry, this page could not be shown.</p>"
    "<p>Press <strong>Next</strong> to keep reading, or <strong>Contents</strong> "
    "to choose another page.</p>"
)


@dataclass
class PageContent:
    """A page to show: ``images`` and ``image_alts`` are the renderer's, by picture key."""

    title: str
    body_html: str
    images: dict[str, Path] = field(default_factory=dict)
    picture: Path | None = None
    picture_alt: str = ""
    note: str = ""
    image_alts: dict[str, str] = field(default_factory=dict)

    def alt_for(self, key: str) -> str:
        """The words that describe the picture with this key ("" if it has none)."""
        return self.picture_alt if key == PICTURE_KEY else self.image_alts.get(key, "")


def page_content(page: Page) -> PageContent:
    """What the reader shows for a page of the book (a plain notice if it is broken)."""
    picture = page.picture
    return PageContent(
        title=page.title,
        body_html=page.html if page.html is not None else BROKEN_PAGE_HTML,
        images=dict(page.images),
        picture=picture.path if picture else None,
        picture_alt=picture.alt if picture else "",
        note=page.content_note,
        image_alts=dict(page.image_alts),
    )


def page_html(content: PageContent) -> str:
    """The whole page as Qt rich text: note, picture, title, then the book's own HTML."""
    parts = []
    if content.note:
        # A boxed note, e.g. before pages about abuse; a table is Qt's box.
        parts.append(
            '<table class="note" width="100%" border="2" cellpadding="12" cellspacing="0">'
            f"<tr><td><strong>{NOTE_LEAD}</strong> {html.escape(content.note)}"
            "</td></tr></table>"
        )
    if content.picture is not None:
        parts.append(
            f'<img src="{PICTURE_KEY}" style="float: right" '
            f'alt="{html.escape(content.picture_alt)}">'
        )
    if content.title:
        parts.append(f"<h1>{html.escape(content.title)}</h1>")
    parts.append(content.body_html)
    return "".join(parts)
