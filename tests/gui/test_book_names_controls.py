"""The book names controls in bold (**Get help**, **A+**): each is one a reader can see.

A bold name is taken as a control's name when it starts with a capital or a sign
(emphasis such as **listen** or **believe** is in small letters), holds no number
(**Article 12**), is not a link (**Childline**) and is not a key the Keys screen
lists (**Shift**). It must be the words of a control on the screen showing that
page, or on a screen the same paragraph names in bold (**Settings**).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton

from reader.core.editions import load_editions
from reader.core.settings import SettingsStore
from reader.gui.actions import keys_html
from reader.resources import default_book_dir

PARAGRAPHS = frozenset({"p", "li", "td", "dd", "blockquote"})
KEY_SEPARATORS = re.compile(r",\s*|\s+or\s+|\s+and\s+|\+")


class _Bold(HTMLParser):
    """Each paragraph's bold words, with whether each sat inside a link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[tuple[str, bool]]] = [[]]
        self._bold = 0
        self._link = 0
        self._words = ""
        self._linked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in PARAGRAPHS:
            self.paragraphs.append([])
        elif tag in ("strong", "b"):
            self._bold += 1
            self._words = ""
            self._linked = self._link > 0
        elif tag == "a":
            self._link += 1
            self._linked = self._linked or self._bold > 0

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b") and self._bold:
            self._bold -= 1
            self.paragraphs[-1].append((self._words.strip(), self._linked))
        elif tag == "a" and self._link:
            self._link -= 1

    def handle_data(self, data: str) -> None:
        if self._bold:
            self._words += data


class _Keys(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.keys: set[str] = set()
        self._in_key = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_key = tag == "th"

    def handle_endtag(self, tag: str) -> None:
        self._in_key = False

    def handle_data(self, data: str) -> None:
        if self._in_key:
            self.keys.update(part.strip() for part in KEY_SEPARATORS.split(data) if part.strip())


def listed_keys() -> set[str]:
    parser = _Keys()
    parser.feed(keys_html())
    return parser.keys


def control_names(html: str, keys: set[str]) -> list[list[str]]:
    """Per paragraph, the bold words that name a control."""
    parser = _Bold()
    parser.feed(html)
    parser.close()
    return [
        [
            words
            for words, linked in paragraph
            if words
            and not words[0].islower()
            and not any(character.isdigit() for character in words)
            and not linked
            and words not in keys
        ]
        for paragraph in parser.paragraphs
    ]


def visible_labels(window: Any) -> set[str]:
    screen = window.current_screen()
    found = set()
    for button in window.findChildren(QAbstractButton):
        shown = screen.isAncestorOf(button) or window.toolbar.isAncestorOf(button)
        if button.isVisible() and shown:
            found.update({button.text(), button.accessibleName()})
    return found


def editions_and_pages() -> list[tuple[str, int]]:
    editions = load_editions(default_book_dir())
    return [
        (edition.id, index)
        for edition in editions.editions
        for index in range(len(editions.book(edition.id).pages))
    ]


@pytest.fixture(scope="module")
def keys(qapp: Any) -> set[str]:
    return listed_keys()


@pytest.mark.parametrize(("edition", "index"), editions_and_pages())
def test_every_control_the_book_names_in_bold_is_on_screen(
    qtbot: Any, *, families: Any, dialogs: Any, keys: set[str], edition: str, index: int
) -> None:
    from reader.gui.main_window import MainWindow

    editions = load_editions(default_book_dir())
    book = editions.book(edition)
    store = SettingsStore(None)
    window = MainWindow(book, store, store.load(), families, dialogs, editions=editions)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page(index)
    html = book.pages[index].html or ""
    on_page = visible_labels(window)
    window.show_look()
    in_settings = visible_labels(window)
    # The screens a paragraph's bold words open, and what shows on them.
    opened = {"Settings": in_settings}
    missing = []
    for paragraph in control_names(html, keys):
        shown = set(on_page)
        for words in paragraph:
            shown |= opened.get(words, set())
        missing += [words for words in paragraph if words not in shown]
    assert not missing, f"page {index + 1} of '{edition}' names controls no one can see: {missing}"
    window.close()


def test_the_rule_finds_control_names_and_leaves_emphasis_alone(keys: set[str]) -> None:
    html = (
        "<p>Press <strong>Get help</strong> or the <strong>Shift</strong> key, "
        "and read <strong>Article 12</strong>.</p>"
        "<ul><li><strong>listen</strong> to you</li>"
        '<li>Call <strong><a href="glossary:Childline">Childline</a></strong>, or press '
        "<strong>Play</strong>.</li></ul>"
    )
    assert [names for names in control_names(html, keys) if names] == [["Get help"], ["Play"]]
