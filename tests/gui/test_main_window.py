"""The reader as a person uses it: what is on screen after each click and key."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo, QTextCursor
from PySide6.QtWidgets import QLabel, QToolButton

from reader.core.loader import load_book
from reader.core.settings import Settings, SettingsStore
from tests.conftest import cut_off, write_book


def shown_text(window: Any) -> str:
    return str(window.reading.view.plain_text())


def start(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.cover.start, Qt.MouseButton.LeftButton)


def test_it_opens_on_the_cover(window: Any, sample_book: Any) -> None:
    assert window.current_screen() is window.cover
    assert window.cover.title.text() == sample_book.title
    assert window.windowTitle() == "Reader"
    assert window.cover.start.text() == "Start reading"
    assert window.cover.listen.isEnabled()
    assert window.cover.listen.text() == "Listen from the start"
    assert not window.cover.listen_start.isVisible(), "from the start is the only start"


def test_start_reading_shows_the_first_page(window: Any, qtbot: Any, sample_book: Any) -> None:
    start(window, qtbot)
    assert window.current_screen() is window.reading
    assert sample_book.pages[0].title in shown_text(window)
    assert "one page at a time" in shown_text(window)
    assert window.reading.position.text() == f"Page 1 of {len(sample_book.pages)}"
    assert not window.reading.back.isEnabled() and window.reading.next.isEnabled()
    assert window.windowTitle() == "Reader"


def test_next_and_back_buttons_turn_pages(window: Any, qtbot: Any, sample_book: Any) -> None:
    start(window, qtbot)
    qtbot.mouseClick(window.reading.next, Qt.MouseButton.LeftButton)
    assert sample_book.pages[1].title in shown_text(window)
    assert window.reading.position.text().startswith("Page 2 of")
    assert window.reading.progress.value() == 2
    qtbot.mouseClick(window.reading.back, Qt.MouseButton.LeftButton)
    assert sample_book.pages[0].title in shown_text(window)


def test_keys_turn_pages(window: Any, qtbot: Any, sample_book: Any) -> None:
    start(window, qtbot)
    last = len(sample_book.pages)
    for key, modifier, expected in [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, 2),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, 3),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier, 2),
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier, last),
        (Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier, 1),
    ]:
        qtbot.keyClick(window.reading.next, key, modifier)
        assert window.reading.position.text() == f"Page {expected} of {last}"
        assert sample_book.pages[expected - 1].title in shown_text(window)


def test_home_goes_to_the_cover(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Home)
    assert window.current_screen() is window.cover


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Question])
def test_f1_or_question_mark_lists_every_key(window: Any, qtbot: Any, key: Qt.Key) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, key)
    assert window.current_screen() is window.keys
    text = window.keys.view.plain_text()
    for expected in ["Next", "Back", "Quick exit", "Shift, Shift, Shift", "Ctrl++", "F1"]:
        assert expected in text
    qtbot.mouseClick(window.keys.back, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.reading


def test_page_up_and_down_turn_short_pages(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    book = load_book(write_book(tmp_path / "b", {"a.md": "A.", "b.md": "B.", "c.md": "C."}))
    window = make_window(book)
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_PageDown)
    assert window.reading.position.text() == "Page 3 of 3"
    qtbot.keyClick(window.reading.next, Qt.Key.Key_PageUp)
    assert window.reading.position.text() == "Page 2 of 3"


def test_next_on_the_last_page_says_you_have_reached_the_end(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_End)
    total = len(sample_book.pages)
    assert window.reading.position.text() == f"Page {total} of {total}"
    assert window.reading.next.isEnabled()
    qtbot.mouseClick(window.reading.next, Qt.MouseButton.LeftButton)
    end = window.current_screen()
    assert end is window.end
    words = [label.text() for label in end.findChildren(QLabel) if label.isVisible()]
    assert "You have reached the end" in words
    buttons = {b.text(): b for b in end.findChildren(QToolButton) if b.isVisible()}
    assert set(buttons) == {"Back to the cover", "Contents", "Get help"}
    assert window.focusWidget() is buttons["Back to the cover"]
    assert window.last_announcement == "You have reached the end"
    for label, screen in (
        ("Contents", lambda: window.contents),
        ("Get help", lambda: window.help),
        ("Back to the cover", lambda: window.cover),
    ):
        window.show_page(total - 1)
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
        assert window.current_screen() is window.end
        qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)
        assert window.current_screen() is screen(), label


def test_page_down_scrolls_a_long_page_before_turning(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    long_text = "\n\n".join(f"Paragraph number {n} has a few words." for n in range(60))
    book = load_book(write_book(tmp_path / "b", {"long.md": long_text, "two.md": "Second."}))
    window = make_window(book)
    start(window, qtbot)
    bar = window.reading.view.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(window.reading.next, Qt.Key.Key_PageDown)
    assert bar.value() > 0 and window.reading.position.text() == "Page 1 of 2"
    while window.reading.view.can_scroll(True):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_PageDown)
    assert window.reading.position.text() == "Page 2 of 2"


def marked(window: Any) -> list[int]:
    """The pages whose card a person sees marked "You are here", and a screen reader hears."""
    cards = window.contents.cards
    seen = [card.number for card in cards if card.here.isVisibleTo(window)]
    heard = [card.number for card in cards if "you are here" in card.accessibleName()]
    assert seen == heard
    return seen


def test_contents_from_the_cover_marks_no_page_until_one_is_opened(window: Any, qtbot: Any) -> None:
    contents = window.toolbar_buttons["contents"]
    qtbot.mouseClick(contents, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.contents
    assert marked(window) == [], "no page has been opened: the reader is not on page 1"
    qtbot.mouseClick(window.contents.cards[2], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.toolbar_buttons["home"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(contents, Qt.MouseButton.LeftButton)
    assert marked(window) == [3], "from the cover: the page the reader was last on"
    window.quick_exit()
    window.showNormal()
    qtbot.mouseClick(contents, Qt.MouseButton.LeftButton)
    assert marked(window) == [], "Quick exit forgot the place"


def test_contents_marks_a_remembered_place_from_the_cover(
    make_window: Any, qtbot: Any, sample_book: Any
) -> None:
    last = sample_book.pages[4].id
    window = make_window(settings=replace(Settings(), remember_place=True, last_page=last))
    qtbot.mouseClick(window.toolbar_buttons["contents"], Qt.MouseButton.LeftButton)
    assert marked(window) == [5]


def test_contents_marks_the_current_page_and_opens_another(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    qtbot.mouseClick(window.toolbar_buttons["contents"], Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.contents
    cards = window.contents.cards
    assert len(cards) == len(sample_book.pages)
    assert [card.here.isVisibleTo(window) for card in cards].count(True) == 1
    assert cards[1].here.isVisibleTo(window) and cards[1].here.text() == "You are here"
    assert "you are here" in cards[1].accessibleName()
    assert cards[1].hasFocus()
    qtbot.mouseClick(cards[3], Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.reading
    assert sample_book.pages[3].title in shown_text(window)


def test_enter_on_a_contents_card_opens_it(window: Any, qtbot: Any, sample_book: Any) -> None:
    qtbot.mouseClick(window.cover.contents, Qt.MouseButton.LeftButton)
    card = window.contents.cards[4]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert sample_book.pages[4].title in shown_text(window)


def test_get_help_shows_help_and_goes_back(window: Any, qtbot: Any, sample_book: Any) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    qtbot.mouseClick(window.toolbar_buttons["help"], Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.help
    assert "0800 1111" in window.help.view.plain_text()
    qtbot.mouseClick(window.help.back, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.reading
    assert window.reading.position.text().startswith("Page 2 of")


def test_help_is_there_even_when_the_book_has_none(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = make_window(load_book(write_book(tmp_path / "b")))
    qtbot.mouseClick(window.cover.help, Qt.MouseButton.LeftButton)
    assert "Childline" in window.help.view.plain_text()


def body_pixels(window: Any) -> int:
    return int(QFontInfo(window.reading.view.document().defaultFont()).pixelSize())


def test_body_text_is_large_by_default(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    assert window.reading.view.document().defaultFont().pointSizeF() >= 20


def test_a_plus_and_a_minus_change_the_text_size(window: Any, qtbot: Any, store: Any) -> None:
    start(window, qtbot)
    before = body_pixels(window)
    smaller = window.toolbar_buttons["smaller"]
    assert not smaller.isEnabled(), "A− is off at the smallest size"
    qtbot.mouseClick(window.toolbar_buttons["bigger"], Qt.MouseButton.LeftButton)
    assert body_pixels(window) > before
    assert smaller.isEnabled()
    qtbot.mouseClick(smaller, Qt.MouseButton.LeftButton)
    assert body_pixels(window) == before


def test_text_size_keys_and_limits(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    for _ in range(10):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_size == 300
    assert not window.toolbar_buttons["bigger"].isEnabled()
    qtbot.keyClick(window.reading.next, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_size == 100


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600)])
def test_300_percent_reflows_with_no_sideways_scrolling(
    make_window: Any, qtbot: Any, size: tuple[int, int]
) -> None:
    window = make_window(settings=replace(Settings(), text_size=300))
    window.resize(*size)
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)  # the page with a table
    view = window.reading.view
    assert view.horizontalScrollBar().maximum() == 0
    assert view.document().size().width() <= view.viewport().width() + 1


def line_lengths(view: Any) -> list[int]:
    lengths = []
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            lengths.append(layout.lineAt(index).textLength())
        block = block.next()
    return lengths


def test_lines_stay_under_about_70_characters_on_a_wide_screen(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    words = " ".join(["reading"] * 200)
    window = make_window(load_book(write_book(tmp_path / "b", {"wide.md": words})))
    window.resize(2400, 900)
    start(window, qtbot)

    def column_set() -> None:
        lengths = line_lengths(window.reading.view)
        assert max(lengths) <= 72
        assert max(lengths) >= 40, "the column should still use the space it has"

    qtbot.waitUntil(column_set)


def choose(window: Any, qtbot: Any, field: str, value: object) -> None:
    if isinstance(value, bool):
        qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
        box = {"reading_ruler": window.look_screen.ruler}[field]
        if box.isChecked() != value:
            box.click()
        return
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    button = window.look_screen.buttons[(field, value)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(10, button.height() // 2))


def background_at_centre(window: Any) -> str:
    image = window.grab().toImage()
    return str(image.pixelColor(image.width() // 2, image.height() // 2).name())


def test_choosing_a_theme_changes_the_colours(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    choose(window, qtbot, "theme", "high-contrast")
    qtbot.mouseClick(window.look_screen.done, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.reading
    window.reading.view.verticalScrollBar().setValue(0)
    image = window.reading.view.viewport().grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert "#000000" in colours and "#ffff00" in colours
    assert "#ffffff" not in colours


def test_settings_are_remembered_between_runs(
    make_window: Any, qtbot: Any, store: SettingsStore, families: Any, dialogs: Any
) -> None:
    window = make_window()
    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    window.look_screen.remember.click()
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    choose(window, qtbot, "theme", "dark")
    choose(window, qtbot, "font", "lexend")
    choose(window, qtbot, "line_spacing", 200)
    choose(window, qtbot, "letter_spacing", 12)
    choose(window, qtbot, "word_spacing", 16)
    qtbot.mouseClick(window.toolbar_buttons["bigger"], Qt.MouseButton.LeftButton)
    window.close()

    saved = SettingsStore(store.folder).load()
    assert (saved.theme, saved.font, saved.text_size) == ("dark", "lexend", 125)
    assert (saved.line_spacing, saved.letter_spacing, saved.word_spacing) == (200, 12, 16)
    again = make_window(settings=saved)
    assert again.cover.start.text() == "Carry on reading (page 3)"
    qtbot.mouseClick(again.cover.start, Qt.MouseButton.LeftButton)
    assert again.reading.position.text().startswith("Page 3 of")
    font = again.reading.view.document().defaultFont()
    assert font.family() == again.families["lexend"]
    assert font.letterSpacing() > 0 and font.wordSpacing() > 0


def test_a_corrupt_settings_file_still_opens_the_reader(
    make_window: Any, qtbot: Any, store: SettingsStore
) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"\x89PNG not json at all")
    window = make_window()
    assert window.settings == Settings()
    start(window, qtbot)
    assert window.reading.position.text().startswith("Page 1 of")


def test_a_broken_page_shows_a_plain_placeholder(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    too_deep = "> " * 40 + "Words."
    pages = {"one.md": "Good page.", "two.md": "", "three.md": too_deep, "four.md": "End."}
    window = make_window(load_book(write_book(tmp_path / "b", pages)))
    # An empty page is found as the book loads; one that cannot be rendered, once
    # the rest of the book has been rendered in the background.
    qtbot.waitUntil(lambda: "2 page(s) could not be shown" in window.cover.note.text())
    start(window, qtbot)
    for _ in range(2):
        qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
        assert "this page could not be shown" in shown_text(window)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    assert "End." in shown_text(window)


def test_a_book_that_cannot_open_says_so(make_window: Any, tmp_path: Path) -> None:
    window = make_window(load_book(tmp_path / "missing"))
    assert window.cover.title.text() == "This book could not be opened"
    assert not window.cover.start.isEnabled()
    assert "ask an adult" in window.cover.note.text()


def move_to_link(view: Any) -> None:
    document = view.document()
    cursor = QTextCursor(document)
    for position in range(document.characterCount()):
        cursor.setPosition(position + 1)
        if cursor.charFormat().anchorHref():
            view.setTextCursor(cursor)
            return
    raise AssertionError("no link on the page")


def test_a_link_asks_before_opening_a_browser(
    window: Any, qtbot: Any, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "reader.gui.main_window.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    qtbot.mouseClick(window.toolbar_buttons["help"], Qt.MouseButton.LeftButton)
    view = window.help.view
    move_to_link(view)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dialogs.shown and "https://www.childline.org.uk" in dialogs.shown[-1][1]
    assert opened == []
    dialogs.answer = True
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == ["https://www.childline.org.uk"]


def swipe(widget: Any, start_x: int, end_x: int) -> None:
    from PySide6.QtTest import QTest

    device = QTest.createTouchDevice()
    y = widget.height() // 2
    QTest.touchEvent(widget, device).press(0, QPoint(start_x, y)).commit()
    QTest.touchEvent(widget, device).move(0, QPoint((start_x + end_x) // 2, y)).commit()
    QTest.touchEvent(widget, device).release(0, QPoint(end_x, y)).commit()


def test_swiping_turns_pages_on_a_touch_screen(window: Any, qtbot: Any) -> None:
    start(window, qtbot)
    viewport = window.reading.view.viewport()
    swipe(viewport, 600, 200)
    assert window.reading.position.text().startswith("Page 2 of")
    swipe(viewport, 200, 600)
    assert window.reading.position.text().startswith("Page 1 of")
    swipe(viewport, 300, 330)  # a tap or a small move is not a swipe
    assert window.reading.position.text().startswith("Page 1 of")


def test_changes_are_announced_for_screen_readers(
    window: Any, qtbot: Any, sample_book: Any
) -> None:
    start(window, qtbot)
    qtbot.keyClick(window.reading.next, Qt.Key.Key_Right)
    total = len(sample_book.pages)
    assert window.last_announcement == f"Page 2 of {total}: {sample_book.pages[1].title}"
    choose(window, qtbot, "theme", "cream")
    assert window.last_announcement == "Colours: Cream"
    qtbot.mouseClick(window.toolbar_buttons["bigger"], Qt.MouseButton.LeftButton)
    assert window.last_announcement == "Size of the words: 125%"


def ink(image: Any, top: int, bottom: int) -> int:
    """How much dark text there is between two rows of a light page."""
    return sum(
        255 - image.pixelColor(x, y).lightness()
        for y in range(max(0, top), min(bottom, image.height()), 2)
        for x in range(0, image.width() - 30, 3)
    )


def test_the_reading_ruler_dims_all_but_the_line_and_follows_the_keys(
    window: Any, qtbot: Any
) -> None:
    start(window, qtbot)
    view = window.reading.view
    plain = view.viewport().grab().toImage()
    choose(window, qtbot, "reading_ruler", True)
    qtbot.mouseClick(window.look_screen.done, Qt.MouseButton.LeftButton)
    band = view.ruler_band()
    ruled = view.viewport().grab().toImage()  # without focus: no caret in the band
    view.setFocus()
    outside = (band.bottom() + 2, plain.height())
    inside = (band.top() + 2, band.bottom() - 2)
    assert ink(ruled, *outside) < 0.7 * ink(plain, *outside), "outside the band is dimmed"
    assert ink(ruled, *inside) == ink(plain, *inside), "the band itself is untouched"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.ruler_band().top() > band.top(), "the band moves down with the Down key"


def test_about_shows_the_version_and_every_licence(window: Any, qtbot: Any) -> None:
    from reader import __version__
    from reader.credits import CREDITS

    qtbot.mouseClick(window.toolbar_buttons["look"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.look_screen.about, Qt.MouseButton.LeftButton)
    text = window.about.view.plain_text()
    assert f"version {__version__}" in text
    for credit in CREDITS:
        assert credit.name in text and credit.licence in text
    qtbot.mouseClick(window.about.back, Qt.MouseButton.LeftButton)
    assert window.current_screen() is window.look_screen


@pytest.mark.parametrize("line_spacing", [150, 200])
@pytest.mark.parametrize("text_size", [100, 300])
def test_the_ruler_holds_one_whole_line_and_nothing_of_the_lines_beside_it(
    make_window: Any, qtbot: Any, text_size: int, line_spacing: int
) -> None:
    settings = replace(
        Settings(), text_size=text_size, line_spacing=line_spacing, reading_ruler=True
    )
    window = make_window(settings=settings)
    window.resize(1024, 700)
    start(window, qtbot)
    view = window.reading.view
    view.setFocus()
    checked = 0
    # The title's lines, then the first lines of the page's text.
    for _ in range(6):
        cursor = view.textCursor()
        here = view.cursorRect(cursor)
        above, below = QTextCursor(cursor), QTextCursor(cursor)
        band = view.ruler_band()
        if here.height() == 0:  # the place of a picture, not a line of words
            qtbot.keyClick(view, Qt.Key.Key_Down)
            continue
        assert band.top() <= here.top() and here.bottom() <= band.bottom(), "the line is whole"
        if above.movePosition(QTextCursor.MoveOperation.Up):
            line = view.cursorRect(above)
            if line.height() > 0 and line.top() < here.top():
                assert line.bottom() < band.top(), "the line above is outside"
                checked += 1
        if below.movePosition(QTextCursor.MoveOperation.Down):
            line = view.cursorRect(below)
            if line.height() > 0 and line.top() > here.top():
                assert band.bottom() < line.top(), "the line below is outside"
                checked += 1
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert checked >= 8


SCREENS = ("cover", "page", "contents", "help", "keys", "about", "look", "end")


@pytest.mark.parametrize("screen", SCREENS)
def test_no_control_on_any_screen_is_cut_short_or_off_the_side_at_300_percent(
    make_window: Any, qtbot: Any, screen: str
) -> None:
    settings = replace(Settings(), text_size=300, reading_together=True)
    window = make_window(settings=settings)
    window.resize(1024, 700)
    show = {
        "cover": window.show_cover,
        "page": lambda: window.show_page(3),
        "contents": window.show_contents,
        "help": window.show_help,
        "keys": window.show_keys,
        "about": window.show_about,
        "look": window.show_look,
        "end": window.show_end,
    }[screen]
    show()

    def nothing_cut_off() -> None:
        assert cut_off(window, window) == []

    qtbot.waitUntil(nothing_cut_off)


def test_the_window_is_called_reader_after_read_aloud_changes_its_button(
    window: Any, qtbot: Any
) -> None:
    from PySide6.QtGui import QAccessible

    start(window, qtbot)  # The page's Read aloud button is named for the page shown.
    assert window.toolbar_buttons["play"].accessibleName() == "Read aloud"
    named = QAccessible.queryAccessibleInterface(window).text(QAccessible.Text.Name)
    assert named == "Reader"
