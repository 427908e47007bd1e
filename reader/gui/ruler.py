"""Where the reading ruler lies: always over one whole line of words.

The ruler is worked out from the laid-out lines themselves, in every frame of
the page (a content note's box is a table cell), not from the caret's height:
on the place of a picture or of a box the caret is a hairline, and in a box
its line is not where a paragraph's would be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.page_content import OBJECT_REPLACEMENT

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument


@dataclass(frozen=True)
class Line:
    """One laid-out line, in document coordinates, and whether it holds words."""

    start: int  # the document position of its first character
    end: int  # just after its last character
    top: float
    bottom: float
    words: bool


@dataclass(frozen=True)
class Band:
    top: float
    bottom: float
    # Whether there is room above and below for the ruler's edge without touching letters.
    edge_above: bool
    edge_below: bool


def document_lines(document: QTextDocument) -> list[Line]:
    """Every line with a height, in document order (a table cell's lines in their cell)."""
    layout = document.documentLayout()
    lines: list[Line] = []
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        origin = layout.blockBoundingRect(block).top()
        text = block.text()
        for index in range(text_layout.lineCount()):
            line = text_layout.lineAt(index)
            if line.height() <= 0:
                continue
            piece = text[line.textStart() : line.textStart() + line.textLength()]
            top = origin + line.y()
            lines.append(
                Line(
                    block.position() + line.textStart(),
                    block.position() + line.textStart() + line.textLength(),
                    top,
                    top + line.height(),
                    bool(piece.replace(OBJECT_REPLACEMENT, "").strip()),
                )
            )
        block = block.next()
    return lines


def ruled_line(lines: list[Line], caret_line_start: int) -> Line | None:
    """The line of words the ruler is on, for a caret on the line starting there.

    Where the caret's line has no words (the place of a picture, or just
    before a box) it is the next line of words, or the last one before it.
    """
    worded = [line for line in lines if line.words]
    here = next((line for line in worded if line.start == caret_line_start), None)
    if here is not None:
        return here
    after = [line for line in worded if line.start > caret_line_start]
    if after:
        return after[0]
    return worded[-1] if worded else None


def band(lines: list[Line], ruled: Line, edge: float) -> Band:
    """From half-way up the gap above the line to half-way down the gap below.

    Lines of words beside it (another cell of a table) are held whole too. Where
    there is none above or below, it reaches as far out as on the other side.
    """
    lines = [line for line in lines if line.words]
    top, bottom = ruled.top, ruled.bottom
    for line in lines:
        if line.top < bottom and line.bottom > top:
            top, bottom = min(top, line.top), max(bottom, line.bottom)
    above = [line.bottom for line in lines if line.bottom <= top]
    below = [line.top for line in lines if line.top >= bottom]
    gap_above = (top - max(above)) / 2 if above else None
    gap_below = (min(below) - bottom) / 2 if below else None
    reach = gap_above if gap_above is not None else gap_below
    reach_below = gap_below if gap_below is not None else gap_above
    return Band(
        top - (reach or 0.0),
        bottom + (reach_below or 0.0),
        edge_above=(reach or 0.0) >= edge,
        edge_below=(reach_below or 0.0) >= edge,
    )
