"""The reading ruler, as seen: one whole line bright, every other line dimmed, no letter cut.

Each check compares the page as drawn with the ruler off and with it on: the
letters of the caret's line must be untouched, the letters of every other line
dimmed, and no line of letters half one and half the other (the ruler's edge
across it). It looks at a line in the content note's box, the heading, the place
of the picture between them, and the words below, at small and big text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

from reader.core.settings import Settings
from reader.gui.page_view import PAGE_PICTURE_PX

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


def open_page_with_and_without_ruler(make_window: Any, qtbot: Any, settings: Settings) -> Any:
    window = make_window(settings=settings)
    window.show_page(HELP_PAGE)
    view = window.reading.view
    window.reading.next.setFocus()  # the page without its caret
    plain = pixels(view.viewport().grab().toImage())
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    window.look_screen.ruler.click()
    qtbot.mouseClick(window.look_screen.done, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.reading
    window.reading.next.setFocus()
    return window, view, plain


@pytest.mark.parametrize(("text_size", "line_spacing"), [(100, 150), (200, 200), (300, 150)])
def test_the_ruler_holds_the_whole_line_and_never_cuts_letters(
    make_window: Any, qtbot: Any, text_size: int, line_spacing: int
) -> None:
    settings = replace(Settings(), text_size=text_size, line_spacing=line_spacing)
    window, view, plain = open_page_with_and_without_ruler(make_window, qtbot, settings)
    theme = window.look.theme
    letters = ink(plain, [theme.text, theme.heading, theme.link])
    # The page's picture floats at the right, beside the heading: its outline is not letters.
    letters[:, plain.shape[1] - 2 * PAGE_PICTURE_PX :] = False
    runs = lines_of_ink(letters)
    edge = QColor(theme.button_border)
    edge_rgb = np.array([edge.red(), edge.green(), edge.blue()])
    wanted = places(view)
    assert len(wanted) == 6, f"the help page has a note, a picture and a heading: {wanted}"
    for name, position in wanted.items():
        cursor = QTextCursor(view.document())
        cursor.setPosition(position)
        view.setTextCursor(cursor)
        if view.verticalScrollBar().value() != 0:
            continue  # below the first screen at big text: compared only at the top
        ruled = pixels(view.viewport().grab().toImage())
        same = (ruled == plain).all(axis=2)
        bright = []
        for top, bottom in runs:
            kept = same[top : bottom + 1][letters[top : bottom + 1]]
            assert kept.all() or not kept.any(), (
                f"{name}: the line of letters at rows {top}-{bottom} is cut by the ruler's edge"
            )
            if kept.all():
                bright.append((top, bottom))
        assert len(bright) == 1, f"{name}: one line is bright, not {len(bright)} ({bright})"
        top, bottom = bright[0]
        caret = view.cursorRect(cursor)
        # No words there: the ruler is on the next line of words.
        if "picture" in name:
            caret = view.cursorRect(QTextCursor(view.document().findBlock(wanted["heading"])))
        if "before" in name:
            note = view.document().findBlock(wanted["first line of the note"])
            caret = view.cursorRect(QTextCursor(note))
        assert top <= caret.bottom() and caret.top() <= bottom, (
            f"{name}: the bright line ({top}-{bottom}) is the caret's ({caret.top()}-"
            f"{caret.bottom()})"
        )
        band = view.ruler_band()
        assert band.top() < top and bottom < band.bottom(), f"{name}: the whole line is inside"
        edges = [y for y in range(ruled.shape[0]) if (np.abs(ruled[y, :8] - edge_rgb) <= 8).all()]
        for y in edges:
            assert not letters[y].any(), f"{name}: the ruler's edge at row {y} crosses letters"
