"""Find as a person uses it: type a word, see the pages, open one at the word, go back."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.core.book import Book
from reader.core.loader import load_book
from reader.core.page_content import page_content
from reader.core.page_text import shown_blocks
from reader.core.settings import Settings
from reader.gui.page_view import document_blocks
from reader.resources import default_book_dir
from tests.conftest import SAMPLE_BOOK_DIR, cut_off, press_key, write_book


@pytest.fixture
def real_book() -> Book:
    return load_book(default_book_dir())


@pytest.fixture
def reader(make_window: Any, real_book: Book, qtbot: Any) -> Any:
    window = make_window(book=real_book)
    # The index is built in the background once the window is up.
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    return window


def open_find(window: Any, qtbot: Any) -> Any:
    press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_screen() is window.find_screen)
    return window.find_screen


def type_words(screen: Any, qtbot: Any, words: str) -> None:
    qtbot.keyClicks(screen.box, words)
    # Results come a moment after the last key, with no Enter.
    qtbot.waitUntil(lambda: screen.results is not None and screen.results.query == words)


def card_words(card: Any) -> list[str]:
    from reader.gui.find_screen import FoundCard

    if isinstance(card, FoundCard):
        return [card.heading.text(), card.page.text(), card.sentence.text()]
    return [card.heading.text(), card.meaning.text()]


def found_on_screen(window: Any) -> str:
    """The words marked as found, if they are inside the part of the page on screen."""
    view = window.reading.view
    found = view.found_range()
    if found is None:
        return ""
    cursor = QTextCursor(view.document())
    cursor.setPosition(found[0])
    start = view.cursorRect(cursor)
    cursor.setPosition(found[1])
    end = view.cursorRect(cursor)
    viewport = view.viewport().rect()
    if not (viewport.contains(start.topLeft()) and viewport.contains(end.bottomLeft())):
        return ""
    cursor.setPosition(found[0])
    cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
    return str(cursor.selectedText())


def test_typing_shows_a_card_for_each_page_with_the_words_a_person_reads(
    reader: Any, qtbot: Any
) -> None:
    reader.show_page(0)
    screen = open_find(reader, qtbot)
    assert screen.box.hasFocus()
    assert screen.status.text() == "Type a word. The pages that have it are shown here as you type."
    type_words(screen, qtbot, "consent")
    assert screen.status.text() == "2 pages have this word."
    meaning, first, second = screen.cards
    assert card_words(meaning) == [
        "What “consent” means",
        "Saying yes by choice, knowing what it means, without being pushed, tricked or scared.",
    ]
    assert card_words(first) == [
        "What were the six reports about?",
        "Page 7",
        "One looked at what young people understand about <b>consent</b>.",
    ]
    assert card_words(second)[1] == "Page 12"
    assert "<b>Consent</b>" in card_words(second)[2]
    qtbot.waitUntil(lambda: all(card.isVisible() for card in screen.cards))


def test_the_book_s_own_words_are_never_taken_as_markup(
    tmp_path: Path, make_window: Any, qtbot: Any
) -> None:
    book = load_book(
        write_book(tmp_path / "b", {"one.md": "Use 5 &lt; 6 and <i>x</i> &amp; y.", "two.md": "."})
    )
    window = make_window(book=book)
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    screen = open_find(window, qtbot)
    type_words(screen, qtbot, "use")
    (card,) = screen.cards
    assert card.sentence.text() == "<b>Use</b> 5 &lt; 6 and x &amp; y."


def test_a_slip_says_did_you_mean_and_the_count_is_announced(
    reader: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr("reader.gui.find_screen.announce", lambda _widget, text: heard.append(text))
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "consnet")
    assert screen.status.text() == "Did you mean “consent”? 2 pages have this word."
    assert heard[-1] == screen.status.text()
    screen.box.clear()
    type_words(screen, qtbot, "social workers")
    assert heard[-1] == "4 pages have these words."
    screen.box.clear()
    type_words(screen, qtbot, "xylophone")
    assert heard[-1] == "No page has this word."
    assert screen.cards == []


def test_enter_opens_the_right_page_with_the_words_marked_on_screen(
    reader: Any, qtbot: Any
) -> None:
    reader.show_page(0)
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "social workers")
    press_key(qtbot, reader, Qt.Key.Key_Return)
    assert reader.current_screen() is reader.reading
    assert reader.reading.position.text() == "Page 2 of 14"
    qtbot.waitUntil(lambda: found_on_screen(reader) == "social workers")
    # The mark is there until the next page turn.
    press_key(qtbot, reader, Qt.Key.Key_Right)
    assert reader.reading.position.text() == "Page 3 of 14"
    assert reader.reading.view.found_range() is None


def test_a_click_opens_a_page_far_down_scrolled_to_the_words(
    reader: Any, qtbot: Any, real_book: Book
) -> None:
    reader.resize(800, 500)
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "Childline")
    card = next(card for card in screen.cards if card_words(card)[1].startswith("Page 11"))
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert reader.reading.position.text() == "Page 11 of 14"
    assert real_book.pages[reader.index].id == card.match.page_id
    qtbot.waitUntil(lambda: found_on_screen(reader) == "Childline")
    assert reader.reading.view.verticalScrollBar().value() > 0


def test_esc_closes_find_and_goes_back_to_where_the_reader_was(reader: Any, qtbot: Any) -> None:
    reader.show_page(5)
    assert QApplication.focusWidget() is reader.reading.next
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "law")
    press_key(qtbot, reader, Qt.Key.Key_Escape)
    assert reader.current_screen() is reader.reading
    assert reader.reading.position.text() == "Page 6 of 14"
    # The keyboard is back where it was, so Enter carries on reading.
    assert QApplication.focusWidget() is reader.reading.next
    reader.show_contents()
    open_find(reader, qtbot)
    press_key(qtbot, reader, Qt.Key.Key_Escape)
    assert reader.current_screen() is reader.contents


def test_quick_exit_clears_the_box_and_the_results(reader: Any, qtbot: Any) -> None:
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "gangs")
    assert screen.cards
    reader.quick_exit()
    assert screen.box.text() == ""
    assert screen.cards == []
    # Nor can the words be brought back.
    screen.box.undo()
    assert screen.box.text() == ""
    reader.showNormal()
    reader.activateWindow()
    reader.show_page(0)
    screen = open_find(reader, qtbot)
    assert screen.box.text() == ""
    assert screen.cards == []


def test_nothing_typed_is_written_anywhere(
    reader: Any, qtbot: Any, private_home: Path, store: Any
) -> None:
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "consent")
    press_key(qtbot, reader, Qt.Key.Key_Return)
    reader.save_settings()
    written = [path for path in (*private_home.rglob("*"), *store.folder.rglob("*"))]
    for path in written:
        if path.is_file():
            assert b"consent" not in path.read_bytes(), path


def test_keyboard_alone_finds_opens_and_reads_a_card(
    reader: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spoken: list[str] = []
    monkeypatch.setattr(reader.read_aloud, "preview", spoken.append)
    reader.show_page(0)
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "social worker")
    press_key(qtbot, reader, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is screen.cards[0]
    press_key(qtbot, reader, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.read_buttons[0]
    press_key(qtbot, reader, Qt.Key.Key_Space)
    assert spoken == [
        "social worker: A person whose job is to help keep children safe and well looked after."
    ]
    press_key(qtbot, reader, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.cards[1]
    # From the box, Tab goes to the cards first, and Go back comes after them.
    screen.box.setFocus()
    press_key(qtbot, reader, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.cards[0]
    screen.read_buttons[-1].setFocus()
    press_key(qtbot, reader, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.back
    screen.cards[1].setFocus()
    press_key(qtbot, reader, Qt.Key.Key_Return)
    assert reader.reading.position.text() == "Page 2 of 14"
    qtbot.waitUntil(lambda: found_on_screen(reader) == "social workers")


def test_the_meaning_card_opens_the_meaning(reader: Any, qtbot: Any, dialogs: Any) -> None:
    screen = open_find(reader, qtbot)
    type_words(screen, qtbot, "inquiry")
    qtbot.mouseClick(screen.cards[0], Qt.MouseButton.LeftButton)
    assert dialogs.meanings == [("inquiry", "A careful look at something, to find out the facts.")]


def test_the_box_and_the_cards_have_names_a_screen_reader_says(reader: Any, qtbot: Any) -> None:
    screen = open_find(reader, qtbot)
    assert screen.box.accessibleName() == "Words to find"
    type_words(screen, qtbot, "consent")
    names = [card.accessibleName() for card in screen.cards]
    assert names == [
        "What consent means: Saying yes by choice, knowing what it means, without being "
        "pushed, tricked or scared.",
        "Page 7, What were the six reports about? One looked at what young people "
        "understand about consent.",
        names[2],
    ]
    assert names[2].startswith("Page 12, ")
    assert all(button.accessibleName().startswith("Read aloud: ") for button in screen.read_buttons)
    assert screen.status.accessibleName() == "2 pages have this word."


def test_cards_use_the_reader_s_text_size(make_window: Any, real_book: Book, qtbot: Any) -> None:
    window = make_window(book=real_book, settings=replace(Settings(), text_size=200))
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    screen = open_find(window, qtbot)
    type_words(screen, qtbot, "consent")
    qtbot.waitUntil(lambda: all(card.isVisible() for card in screen.cards))
    body = window.look.body_points
    assert screen.box.font().pointSizeF() == pytest.approx(body)
    assert screen.cards[1].sentence.font().pointSizeF() == pytest.approx(body)


def test_find_is_on_the_toolbar_of_the_reading_and_contents_screens(
    reader: Any, qtbot: Any
) -> None:
    reader.resize(1366, 768)
    button = reader.toolbar_buttons["find"]
    assert button.text() == "Find" and button.accessibleName() == "Find"
    # At this width every toolbar button has room for its words.
    words = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    qtbot.waitUntil(lambda: button.toolButtonStyle() == words)
    for show in (lambda: reader.show_page(0), reader.show_contents):
        show()
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert reader.current_screen() is reader.find_screen
        assert screen_has_focus_in_box(reader)
        press_key(qtbot, reader, Qt.Key.Key_Escape)


def screen_has_focus_in_box(window: Any) -> bool:
    return QApplication.focusWidget() is window.find_screen.box


def test_the_keys_page_lists_find(reader: Any) -> None:
    reader.show_keys()
    text = reader.keys.view.plain_text()
    assert "Ctrl+F" in text
    assert "Find: Find a word in the book" in text


def test_the_index_is_built_off_the_ui_thread_after_the_window_shows(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, real_book: Book
) -> None:
    from reader.core.search import SearchIndex

    threads: list[threading.Thread] = []
    build = SearchIndex.build.__func__  # type: ignore[attr-defined]

    def watched(cls: type[SearchIndex], book: Book) -> SearchIndex:
        threads.append(threading.current_thread())
        return build(cls, book)

    monkeypatch.setattr(SearchIndex, "build", classmethod(watched))
    window = make_window(book=real_book)
    assert window.find_index.index is None
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()


def test_find_searches_the_book_being_read(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    first = load_book(write_book(tmp_path / "one", {"a.md": "Apples grow.", "b.md": "Pears."}))
    second = load_book(write_book(tmp_path / "two", {"a.md": "Bananas grow.", "b.md": "Figs."}))
    window = make_window(book=first)
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    screen = open_find(window, qtbot)
    type_words(screen, qtbot, "apples")
    assert [card_words(card)[1] for card in screen.cards] == ["Page 1"]
    # Another edition is opened: Find never shows the old book's pages for it.
    window.find_index.start(second)
    assert screen.cards == []
    assert screen.status.text() == "Getting the book ready to search…"
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    assert screen.cards == []
    assert screen.status.text() == "No page has this word."
    screen.box.clear()
    type_words(screen, qtbot, "bananas")
    assert [card_words(card)[1] for card in screen.cards] == ["Page 1"]


@pytest.mark.parametrize("book_dir", [default_book_dir(), SAMPLE_BOOK_DIR], ids=["real", "sample"])
def test_the_index_holds_the_words_the_page_shows(window: Any, book_dir: Path) -> None:
    # What Find searches is what the reader shows and reads aloud, block by block.
    book = load_book(book_dir)
    view = window.reading.view
    for page in book.pages:
        view.show_content(page_content(page))
        shown = [
            " ".join(block.text.split())
            for block, start in document_blocks(view.document(), page_content(page))
            if start is not None
        ]
        assert [block.text for block in shown_blocks(page)] == shown, page.id


def test_find_leaves_room_for_the_safety_buttons_words_at_300_percent(
    make_window: Any, qtbot: Any, real_book: Book
) -> None:
    window = make_window(book=real_book, settings=replace(Settings(), text_size=300))
    window.resize(1024, 700)

    def safety_buttons_keep_their_words() -> None:
        find = window.toolbar_buttons["find"]
        # On the toolbar, or in More when there is no room for it.
        assert find.isVisible() or window.toolbar.more.isVisible()
        for key in ("help", "quick-exit"):
            button = window.toolbar_buttons[key]
            assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, key
        for key, button in window.toolbar_buttons.items():
            if button.isVisible():
                assert button.width() >= button.sizeHint().width() - 1, f"{key} is squeezed"
                assert button.width() >= 44 and button.height() >= 44, key

    for show in (lambda: window.show_page(6), window.show_contents):
        show()
        qtbot.waitUntil(safety_buttons_keep_their_words)


def test_keys_that_turn_pages_elsewhere_edit_the_words_in_the_box(reader: Any, qtbot: Any) -> None:
    reader.show_page(3)
    screen = open_find(reader, qtbot)
    for key in (Qt.Key.Key_S, Qt.Key.Key_Question, Qt.Key.Key_O):
        press_key(qtbot, reader, key)
    press_key(qtbot, reader, Qt.Key.Key_Home)
    press_key(qtbot, reader, Qt.Key.Key_Right)
    press_key(qtbot, reader, Qt.Key.Key_Backspace)
    press_key(qtbot, reader, Qt.Key.Key_End)
    press_key(qtbot, reader, Qt.Key.Key_Left)
    press_key(qtbot, reader, Qt.Key.Key_Space)
    # "?" (the Keys page), Home (the cover), Left and Right (page turns) and Space
    # (read aloud) all stayed in the box.
    assert reader.current_screen() is screen
    assert screen.box.text() == "? o"
    assert reader.index == 3


def test_nothing_on_the_find_screen_is_cut_short_at_300_percent(
    make_window: Any, qtbot: Any, real_book: Book
) -> None:
    window = make_window(book=real_book, settings=replace(Settings(), text_size=300))
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.find_index.index is not None, timeout=10_000)
    screen = open_find(window, qtbot)
    type_words(screen, qtbot, "social worker")
    qtbot.waitUntil(lambda: all(card.isVisible() for card in screen.cards))

    def nothing_cut_short() -> None:
        assert cut_off(window, window) == []
        # Each card is as tall as its words: the last line of its sentence is inside it.
        for card in screen.cards:
            words = card.sentence if hasattr(card, "sentence") else card.meaning
            bottom = words.mapTo(card, words.rect().bottomLeft()).y()
            assert bottom <= card.height(), card.accessibleName()
            assert words.height() >= words.heightForWidth(words.width()) - 1

    qtbot.waitUntil(nothing_cut_short)
