"""The reading ruler, as seen: one whole line bright, every other line dimmed, no letter cut.

Each check looks at the page as drawn: the letters of the caret's line must be
in their own colours, the letters of every other line dimmed, and no line of
letters half one and half the other (the ruler's edge across it). It looks at a
line in the content note's box, the heading, the place of the picture between
them, and the words below, at small and big text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QTextCursor

from reader.core.settings import Settings
from reader.gui.page_view import PAGE_PICTURE_PX, RULER_DIM

HELP_PAGE = 5  # "Where can I get help?": a content note, a picture, a heading and words
# How near (per colour channel) a pixel must be to a text colour to count as a letter's ink.
INK_TOLERANCE = 16


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def ink(plain: np.ndarray, colours: list[str]) -> np.ndarray:
    """Where the page without the ruler has letters: pixels of a text colour."""
    found = np.zeros(plain.shape[:2], bool)
    for name in colours:
        colour = QColor(name)
        target = np.array([colour.red(), colour.green(), colour.blue()])
        found |= np.abs(plain - target).max(axis=2) <= INK_TOLERANCE
    return found


def lines_of_ink(letters: np.ndarray) -> list[tuple[int, int]]:
    """The runs of rows with letters in them (first row, last row): the lines one sees."""
    rows = letters.any(axis=1)
    runs: list[tuple[int, int]] = []
    start = None
    for y, has in enumerate(rows):
        if has and start is None:
            start = y
        if not has and start is not None:
            runs.append((start, y - 1))
            start = None
    if start is not None:
        runs.append((start, len(rows) - 1))
    return runs


def places(view: Any) -> dict[str, int]:
    """Caret positions to try, found in the page itself."""
    document = view.document()
    found: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        text = block.text()
        if block.position() == 0 and not text:
            found["just before the note's box"] = 0
        elif block.blockFormat().headingLevel() == 1:
            found["heading"] = block.position() + 3
            following = block.next()
            found["words below the heading"] = following.position() + 2
        elif text.startswith("Before you read"):
            found["first line of the note"] = block.position() + 2
            layout = block.layout()
            assert layout.lineCount() >= 2, "the note fills two lines"
            found["second line of the note"] = block.position() + layout.lineAt(1).textStart() + 2
        elif text.strip() == "\ufffc" and "note" in " ".join(found):
            found["the picture between the note and the heading"] = block.position()
        block = block.next()
    return found


def dimmed(colour: str, background: str) -> str:
    """A colour under the ruler's dimming: the page's background laid over it."""
    over, under = QColor(background), QColor(colour)
    mix = [
        round(RULER_DIM * a + (1 - RULER_DIM) * b)
        for a, b in zip(over.getRgb()[:3], under.getRgb()[:3], strict=True)
    ]
    return QColor(*mix).name()


@pytest.mark.parametrize(("text_size", "line_spacing"), [(100, 150), (200, 200), (300, 150)])
def test_the_ruler_holds_the_whole_line_and_never_cuts_letters(
    make_window: Any, qtbot: Any, text_size: int, line_spacing: int
) -> None:
    settings = replace(
        Settings(), text_size=text_size, line_spacing=line_spacing, reading_ruler=True
    )
    window = make_window(settings=settings)
    window.show_page(HELP_PAGE)
    view = window.reading.view
    window.reading.next.setFocus()  # the page without its caret
    theme = window.look.theme
    # Not the link colour: dimmed, it is too near the note box's dimmed edge.
    colours = [theme.text, theme.heading]
    edge = QColor(theme.button_border)
    edge_rgb = np.array([edge.red(), edge.green(), edge.blue()])
    wanted = places(view)
    assert len(wanted) == 6, f"the help page has a note, a picture and a heading: {wanted}"
    for name, position in wanted.items():
        cursor = QTextCursor(view.document())
        cursor.setPosition(position)
        view.setTextCursor(cursor)
        whole_band_seen = view.ruler_band().bottom() < view.viewport().height()
        if view.verticalScrollBar().value() != 0 or not whole_band_seen:
            continue  # below the first screen at big text: looked at only at the top
        ruled = pixels(view.viewport().grab().toImage())
        full = ink(ruled, colours)
        dim = ink(ruled, [dimmed(colour, theme.background) for colour in colours])
        # The page's picture floats at the right, beside the heading: its outline is not letters.
        for found in (full, dim):
            found[:, ruled.shape[1] - 2 * PAGE_PICTURE_PX :] = False
        letters = full | dim
        edges = [y for y in range(ruled.shape[0]) if (np.abs(ruled[y, :8] - edge_rgb) <= 8).all()]
        # An edge drawn over letters hides them in its rows: a line it crosses stays one line.
        crossed = letters.copy()
        crossed[edges, :] = True
        runs = [(t, b) for t, b in lines_of_ink(crossed) if letters[t : b + 1].any()]
        assert len(runs) >= 4, f"{name}: the page's lines of letters are found ({runs})"
        band = view.ruler_band()
        assert not full[: band.top()].any() and not full[band.bottom() + 1 :].any(), (
            f"{name}: every line outside the band is dimmed"
        )
        inside = []
        for top, bottom in runs:
            assert bottom < band.top() or top > band.bottom() or band.top() <= top, (
                f"{name}: the band's top edge cuts the letters at rows {top}-{bottom}"
            )
            assert bottom < band.top() or top > band.bottom() or bottom <= band.bottom(), (
                f"{name}: the band's bottom edge cuts the letters at rows {top}-{bottom}"
            )
            if band.top() <= top and bottom <= band.bottom():
                inside.append((top, bottom))
        assert len(inside) == 1, f"{name}: one line is in the band, not {len(inside)} ({inside})"
        top, bottom = inside[0]
        assert full[top : bottom + 1].any(), f"{name}: the line in the band is in full colour"
        caret = view.cursorRect(cursor)
        # No words there: the ruler is on the next line of words.
        if "picture" in name:
            caret = view.cursorRect(QTextCursor(view.document().findBlock(wanted["heading"])))
        if "before" in name:
            note = view.document().findBlock(wanted["first line of the note"])
            caret = view.cursorRect(QTextCursor(note))
        assert top <= caret.bottom() and caret.top() <= bottom, (
            f"{name}: the line in the band ({top}-{bottom}) is the caret's ({caret.top()}-"
            f"{caret.bottom()})"
        )
        for y in edges:
            assert not letters[y].any(), f"{name}: the ruler's edge at row {y} crosses letters"
