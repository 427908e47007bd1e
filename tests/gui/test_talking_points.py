"""Reading together: the talking points in the page's text size, beside or below the page,
and saved for the whole book as a PDF (issue 14, item 16)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetricsF
from PySide6.QtPdf import QPdfDocument

from reader.core.loader import load_book
from reader.core.settings import Settings
from tests.conftest import write_book

# The page keeps lines at least this many of its own characters long beside the points.
PAGE_MIN_CHARACTERS = 40
BELOW_SHARE = 0.4


def open_together(make_window: Any, qtbot: Any, size: int, window_size: tuple[int, int]) -> Any:
    window = make_window(settings=replace(Settings(), text_size=size, reading_together=True))
    window.resize(*window_size)
    window.show_page(0)
    panel = window.reading.talking_points
    qtbot.waitUntil(panel.isVisible)
    settle(window)
    return window


def settle(window: Any) -> None:
    """Lay the reading screen out now, as it is before it is next drawn."""
    window.reading.layout().activate()


def page_character(window: Any) -> float:
    return QFontMetricsF(window.reading.view.document().defaultFont()).averageCharWidth()


@pytest.mark.parametrize("size", [100, 200, 300])
def test_the_talking_points_are_as_big_as_the_pages_words(
    make_window: Any, qtbot: Any, size: int
) -> None:
    window = open_together(make_window, qtbot, size, (1366, 768))
    page = QFontInfo(window.reading.view.document().defaultFont()).pixelSize()
    points = window.reading.talking_points.points
    assert QFontInfo(points.font()).pixelSize() == page
    assert "Ask which way of reading they like best" in points.text()


@pytest.mark.parametrize("window_size", [(1024, 700), (1366, 768)])
def test_at_100_percent_the_points_sit_beside_a_page_of_full_lines(
    make_window: Any, qtbot: Any, window_size: tuple[int, int]
) -> None:
    window = open_together(make_window, qtbot, 100, window_size)
    view, panel = window.reading.view, window.reading.talking_points
    assert not panel.below
    assert panel.geometry().left() >= view.geometry().right()
    assert panel.geometry().top() == view.geometry().top()
    assert view.width() >= PAGE_MIN_CHARACTERS * page_character(window)
    # The whole panel is on screen.
    assert panel.geometry().right() < window.reading.width()


@pytest.mark.parametrize(
    ("size", "window_size"),
    [(150, (1024, 700)), (200, (1366, 768)), (300, (1024, 700)), (300, (1366, 768))],
)
def test_at_big_sizes_the_points_go_below_and_the_page_keeps_its_width(
    make_window: Any, qtbot: Any, size: int, window_size: tuple[int, int]
) -> None:
    window = open_together(make_window, qtbot, size, window_size)
    reading = window.reading
    view, panel = reading.view, reading.talking_points
    qtbot.waitUntil(lambda: panel.below)
    assert panel.geometry().top() >= view.geometry().bottom()
    assert view.width() == reading.width() and panel.width() == reading.width()
    # Beside the points, the page would have had fewer than 40 characters a line.
    assert reading.width() < (PAGE_MIN_CHARACTERS + 24) * page_character(window) + 32
    # The page keeps most of the height; the points scroll in their band.
    assert panel.height() <= round(reading.height() * BELOW_SHARE)
    assert view.height() > panel.height()
    assert panel.save.isVisible() and panel.save.geometry().bottom() <= panel.height()


def test_the_points_come_back_beside_the_page_when_the_window_widens(
    make_window: Any, qtbot: Any
) -> None:
    window = open_together(make_window, qtbot, 125, (1024, 700))
    panel = window.reading.talking_points
    qtbot.waitUntil(lambda: panel.below)
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: not panel.below)
    settle(window)
    assert panel.geometry().left() >= window.reading.view.geometry().right()


BOOK_WITH_POINTS = """\
title = "A test book"
language = "en-GB"

[[pages]]
id = "p1"
file = "pages/one.md"
title = "The first page"
talking_points = ["Ask what they think a promise is.", "Talk about who keeps promises."]

[[pages]]
id = "p2"
file = "pages/two.md"
title = "The second page"

[[pages]]
id = "p3"
file = "pages/three.md"
title = "The third page"
talking_points = ["Ask who they would tell if something felt wrong."]

[[pages]]
id = "p4"
file = "pages/four.md"
title = "The fourth page"
talking_points = ["Look at the Get help page together."]
"""


def pdf_pages(path: Path) -> list[str]:
    """The words on each page of the PDF, read back by Qt's own PDF reader."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [
        re.sub(r"\s+", " ", document.getAllText(number).text())
        for number in range(document.pageCount())
    ]
    document.close()
    return pages


@pytest.fixture
def book_with_points(tmp_path: Path) -> Any:
    pages = {name: "Some words." for name in ("one.md", "two.md", "three.md", "four.md")}
    return load_book(write_book(tmp_path / "book", pages, manifest=BOOK_WITH_POINTS))


def test_the_adult_saves_every_pages_talking_points_as_a_pdf(
    make_window: Any, qtbot: Any, dialogs: Any, tmp_path: Path, private_home: Path
) -> None:
    pages = {name: "Some words." for name in ("one.md", "two.md", "three.md", "four.md")}
    book = load_book(write_book(tmp_path / "book", pages, manifest=BOOK_WITH_POINTS))
    window = make_window(book, replace(Settings(), reading_together=True))
    window.show_page(0)
    save = window.reading.talking_points.save
    qtbot.waitUntil(save.isVisible)
    assert save.text() == "Save as PDF"
    out = tmp_path / "points.pdf"
    dialogs.save_path = out
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    # Asked where, with a name that says nothing of what was read.
    assert ("Save the talking points as a PDF", private_home / "Reader talking points.pdf") in (
        dialogs.shown
    )
    assert dialogs.shown[-1] == ("Saved", f"The talking points were saved as a PDF:\n{out}")
    assert out.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(out)
    # One sheet for each page that has talking points, in order; none for page 2.
    assert len(pages) == 3
    assert "Page 1: The first page" in pages[0]
    assert "Ask what they think a promise is." in pages[0]
    assert "Talk about who keeps promises." in pages[0]
    assert "Page 3: The third page" in pages[1] and "felt wrong." in pages[1]
    assert "Page 4: The fourth page" in pages[2] and "Get help page together." in pages[2]
    assert not any("The second page" in page for page in pages)


def test_an_existing_pdf_is_replaced_whole(
    make_window: Any, dialogs: Any, tmp_path: Path, book_with_points: Any
) -> None:
    window = make_window(book_with_points)
    out = tmp_path / "points.pdf"
    out.write_bytes(b"an older file")
    dialogs.save_path = out
    window.save_talking_points()
    assert out.read_bytes().startswith(b"%PDF") and len(pdf_pages(out)) == 3
    # No part file left beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "home", "points.pdf"]


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/folder/points.pdf", "That folder is not there any more."),
        ("a-file/points.pdf", "That folder is not there any more."),
        ("a-folder", "That is a folder, not a file name."),
    ],
)
def test_an_unwritable_place_gets_plain_words_and_nothing_is_left_behind(
    make_window: Any, dialogs: Any, tmp_path: Path, where: str, reason: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    window = make_window()
    dialogs.save_path = tmp_path / where
    window.save_talking_points()
    title, text = dialogs.shown[-1]
    assert title == "The talking points were not saved"
    assert reason in text and "choose another place" in text
    assert "Errno" not in text and "Traceback" not in text
    assert sorted(p.name for p in (tmp_path / "a-folder").iterdir()) == []
    assert (tmp_path / "a-file").read_text() == "not a folder"
