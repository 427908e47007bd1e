"""The talking points of a whole book, as one document a support worker can keep."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.book import Book

DOCUMENT_TITLE = "Talking points"
INTRODUCTION = (
    "Ideas to talk about while you read this book with a young person, page by page."
    " They are the same ones Reader shows beside each page under Reading together."
)
NO_POINTS = "This book has no talking points."


def talking_points_html(book: Book, edition: str = "") -> str:
    """The book's talking points as HTML: a title, then each page that has some on its own sheet.

    ``edition`` is the version being read ("Younger readers (about 9 to 12)"),
    so the sheets say which version's pages they follow.
    """
    title = f"{DOCUMENT_TITLE}: {book.title}"
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if edition:
        parts.append(f"<p><b>{html.escape(edition)}</b></p>")
    parts.append(f"<p>{html.escape(INTRODUCTION)}</p>")
    first = True
    for number, page in enumerate(book.pages, start=1):
        if not page.talking_points:
            continue
        # Each page's points start a new sheet, so one sheet goes with one page.
        style = "" if first else ' style="page-break-before: always"'
        first = False
        parts.append(f"<h2{style}>Page {number}: {html.escape(page.title)}</h2>")
        items = "".join(f"<li>{html.escape(point)}</li>" for point in page.talking_points)
        parts.append(f"<ul>{items}</ul>")
    if first:
        parts.append(f"<p>{html.escape(NO_POINTS)}</p>")
    return "".join(parts)
