"""Where the ruler lies, worked out from laid-out lines (no window needed)."""

from __future__ import annotations

from reader.gui.ruler import Line, band, ruled_line

NOTE = Line(1, 40, 36, 70, words=True)
NOTE_2 = Line(40, 60, 87, 121, words=True)
PICTURE = Line(61, 62, 177, 189, words=False)
HEADING = Line(62, 84, 177, 223, words=True)
WORDS = Line(85, 140, 250, 284, words=True)
PAGE = [NOTE, NOTE_2, PICTURE, HEADING, WORDS]


def test_a_caret_with_no_words_on_its_line_rules_the_next_line_of_words() -> None:
    assert ruled_line(PAGE, PICTURE.start) == HEADING
    assert ruled_line(PAGE, 0) == NOTE, "just before the note's box: the note's first line"
    assert ruled_line(PAGE, 500) == WORDS, "after the last line: the last line"
    assert ruled_line([PICTURE], 0) is None


def test_the_band_reaches_half_way_into_the_gaps_and_holds_the_line_whole() -> None:
    ruled = band(PAGE, HEADING, edge=2)
    assert ruled.top == (NOTE_2.bottom + HEADING.top) / 2
    assert ruled.bottom == (HEADING.bottom + WORDS.top) / 2
    assert ruled.edge_above and ruled.edge_below


def test_at_the_top_it_reaches_as_far_as_below_and_lines_beside_it_are_whole() -> None:
    ruled = band(PAGE, NOTE, edge=2)
    assert NOTE.top - ruled.top == ruled.bottom - NOTE.bottom
    beside = Line(200, 210, 30, 66, words=True)  # another cell of a table, a little higher
    ruled = band([*PAGE, beside], NOTE, edge=2)
    assert ruled.top < beside.top and ruled.bottom > NOTE.bottom


def test_no_edge_is_drawn_where_lines_touch() -> None:
    tight = [Line(0, 10, 0, 40, words=True), Line(10, 20, 40, 80, words=True)]
    ruled = band(tight, tight[1], edge=2)
    assert (ruled.top, ruled.edge_above) == (40, False)
