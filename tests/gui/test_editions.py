"""Choosing an edition, and switching between them, as a reader does it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.editions import Editions, load_editions, same_place
from reader.core.settings import Managed, Settings, SettingsStore
from reader.gui.settings_screen import LOCKED_REASON
from reader.resources import default_book_dir
from tests.conftest import SAMPLE_BOOK_DIR, FakeDialogs, cut_off, press_key, shown

YOUNGER = "Younger readers (about 9 to 12)"
OLDER = "Older readers (13 and over)"
OLDER_SUBTITLE = "A version for young people (13 and over)"

Opener = Callable[..., Any]


@pytest.fixture(scope="module")
def bundled() -> Editions:
    # Loaded once: every page of both editions is rendered as the tests go.
    return load_editions(default_book_dir())


@pytest.fixture
def open_reader(
    qtbot: Any, tmp_path: Path, families: Mapping[str, str], dialogs: FakeDialogs
) -> Iterator[Opener]:
    """Open Reader as it starts for real: settings from a folder, the book's editions."""
    from reader.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def opener(
        editions: Editions, managed: Managed | None = None, folder: Path | None = None
    ) -> MainWindow:
        store = SettingsStore(folder or tmp_path / "settings", managed)
        settings = store.load()
        window = MainWindow(
            editions.book(settings.edition),
            store,
            settings,
            families,
            dialogs,  # type: ignore[arg-type]
            editions=editions,
        )
        windows.append(shown(qtbot, window))
        return window

    yield opener
    for window in windows:
        window.close()


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def card(window: Any, label: str) -> Any:
    return next(card for card in window.editions.screen.cards if card.label.text() == label)


def shown_title(window: Any) -> str:
    """The page's title as shown: the first big heading in the page's text."""
    block = window.reading.view.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 1:
            return str(block.text()).strip()
        block = block.next()
    return ""


def choose_in_settings(window: Any, qtbot: Any, label: str) -> None:
    """Settings, then Choose a version, then the card, as a reader presses them."""
    click(qtbot, window.toolbar_buttons["look"])
    assert window.current_screen() is window.look_screen
    click(qtbot, window.look_screen.edition)
    assert window.current_screen() is window.editions.screen
    click(qtbot, card(window, label))


# --- The first run -----------------------------------------------------------------------


def test_the_first_run_asks_which_version_with_a_taste_of_each(
    open_reader: Opener, bundled: Editions
) -> None:
    window = open_reader(bundled)
    screen = window.editions.screen
    assert window.current_screen() is screen
    assert screen.heading.text() == "Which version would you like to read?"
    words = [(c.label.text(), c.taste.text()) for c in screen.cards]
    assert words == [(edition.label, edition.taste) for edition in bundled]
    assert [label for label, _taste in words] == [YOUNGER, OLDER]
    # Nothing is marked as being read yet, and the keyboard is on the first choice.
    assert not any(c.current.isVisible() for c in screen.cards)
    assert QApplication.focusWidget() is screen.cards[0]
    # Help and Quick exit are there as on every screen.
    assert window.toolbar_buttons["help"].isVisible()
    assert window.toolbar_buttons["quick-exit"].isVisible()


def test_the_choice_has_names_a_screen_reader_says_and_big_targets(
    open_reader: Opener, bundled: Editions
) -> None:
    window = open_reader(bundled)
    for choice, edition in zip(window.editions.screen.cards, bundled, strict=True):
        assert choice.accessibleName() == edition.label
        assert edition.taste in choice.accessibleDescription()
        assert choice.height() >= 44 and choice.width() >= 44
        assert choice.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_choice_is_made_with_the_keyboard_and_asked_only_once(
    open_reader: Opener, bundled: Editions, qtbot: Any, tmp_path: Path
) -> None:
    window = open_reader(bundled)
    screen = window.editions.screen
    press_key(qtbot, screen.cards[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.cards[1]
    press_key(qtbot, screen.cards[1], Qt.Key.Key_Return)
    # The cover of the chosen version, with its own words.
    assert window.current_screen() is window.cover
    assert window.cover.subtitle.text() == OLDER_SUBTITLE
    assert window.last_announcement == f"Now reading: {OLDER}"
    window.close()
    again = open_reader(bundled, folder=tmp_path / "settings")
    assert again.current_screen() is again.cover
    assert again.cover.subtitle.text() == OLDER_SUBTITLE


def shown_buttons(screen: Any) -> list[str]:
    """The words on the screen's buttons that a person can see, cards aside."""
    from PySide6.QtWidgets import QToolButton

    return [b.text() for b in screen.findChildren(QToolButton) if b.isVisibleTo(screen)]


def test_on_the_first_run_the_way_out_says_it_goes_to_the_cover(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled)
    screen = window.editions.screen
    # Reader opened here: there is nowhere to go back to, so no "Go back".
    assert shown_buttons(screen) == ["Go to the cover"]
    click(qtbot, screen.later)
    assert window.current_screen() is window.cover
    assert "children and young people" in window.cover.subtitle.text()
    # Asked for from the cover, it can go back there.
    click(qtbot, window.cover.edition)
    assert window.current_screen() is screen
    assert shown_buttons(screen) == ["Go back"]
    click(qtbot, screen.back)
    assert window.current_screen() is window.cover


def test_a_locked_administrator_choice_skips_the_question_and_cannot_be_changed(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "older"}, frozenset({"edition"})))
    assert window.current_screen() is window.cover
    assert window.cover.subtitle.text() == OLDER_SUBTITLE
    assert not window.cover.edition.isEnabled()
    click(qtbot, window.toolbar_buttons["look"])
    button = window.look_screen.edition
    assert not button.isEnabled() and button.toolTip() == LOCKED_REASON
    assert window.look_screen.edition_label.text() == f"You are reading: {OLDER}"


def test_an_administrators_default_is_where_reading_starts(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "older"}))
    assert window.current_screen() is window.cover
    assert window.cover.subtitle.text() == OLDER_SUBTITLE
    # Not locked: the reader can still choose.
    click(qtbot, window.cover.edition)
    click(qtbot, card(window, YOUNGER))
    assert "children and young people" in window.cover.subtitle.text()


def test_a_book_with_one_edition_never_asks(make_window: Any) -> None:
    window = make_window()
    assert window.current_screen() is window.cover
    assert not window.cover.edition.isVisible()
    window.show_look()
    assert not window.look_screen.edition.isVisible()


# --- Switching -----------------------------------------------------------------------------


def _switch_on_every_page(
    window: Any, qtbot: Any, bundled: Editions, *, start: str, to: str, to_label: str
) -> None:
    source, target = bundled.book(start), bundled.book(to)
    for index, page in enumerate(source.pages):
        window.show_page(index)
        assert shown_title(window) == page.title
        choose_in_settings(window, qtbot, to_label)
        landed = target.index_of(page.id)
        if landed is None:
            # The documented rule: the nearest page both have, one back first.
            landed = same_place(source.pages, index, target.pages)
            assert target.pages[landed].id == source.pages[index - 1].id
        assert window.current_screen() is window.reading
        assert shown_title(window) == target.pages[landed].title
        assert window.reading.position.text() == f"Page {landed + 1} of {len(target.pages)}"
        # And back again, for the next page.
        window.editions.choose(start)


def test_switching_to_the_older_version_on_every_page_keeps_the_page(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "younger"}))
    _switch_on_every_page(window, qtbot, bundled, start="younger", to="older", to_label=OLDER)


def test_switching_to_the_younger_version_on_every_page_keeps_the_page(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "older"}))
    _switch_on_every_page(window, qtbot, bundled, start="older", to="younger", to_label=YOUNGER)


def test_page_4_of_14_is_page_4_of_15_and_the_older_extra_page_goes_back_to_it(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "younger"}))
    window.show_page(3)
    assert window.reading.position.text() == "Page 4 of 14"
    choose_in_settings(window, qtbot, OLDER)
    assert window.reading.position.text() == "Page 4 of 15"
    assert shown_title(window) == "What is child sexual exploitation?"
    click(qtbot, window.reading.next)
    assert shown_title(window) == "Is this exploitation?"
    choose_in_settings(window, qtbot, YOUNGER)
    assert window.reading.position.text() == "Page 4 of 14"
    assert shown_title(window) == "What does “child sexual exploitation” mean?"


def test_contents_help_glossary_and_talking_points_follow_the_version(
    open_reader: Opener, bundled: Editions, qtbot: Any, dialogs: FakeDialogs
) -> None:
    window = open_reader(bundled, Managed({"edition": "younger"}))
    window.show_contents()
    assert len(window.contents.cards) == 14
    window.show_page(0)
    choose_in_settings(window, qtbot, OLDER)
    # Contents: the older version's fifteen pages, the current one marked.
    click(qtbot, window.toolbar_buttons["contents"])
    cards = window.contents.cards
    assert [c.title for c in cards] == [page.title for page in bundled.book("older").pages]
    assert cards[0].here.isVisible()
    # Help: the ways that need no phone call.
    click(qtbot, window.toolbar_buttons["help"])
    assert "1-2-1 chat" in window.help.view.plain_text()
    # The glossary has the older version's own words.
    window.show_meaning("counsellor")
    assert dialogs.meanings[-1][0] == "counsellor"
    # Talking points are the older version's.
    window.show_page(4)
    click(qtbot, window.reading.together)
    assert "not findings of the report" in window.reading.talking_points.points.text()


def test_the_sound_file_is_made_from_the_version_being_read(
    open_reader: Opener, qtbot: Any, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    sample = load_editions(SAMPLE_BOOK_DIR)
    window = open_reader(sample, Managed({"edition": "full"}))
    dialogs.save_path = tmp_path / "full.wav"
    window.export_book()
    qtbot.waitUntil(
        lambda: dialogs.progress_bar is not None and dialogs.progress_bar.closed, timeout=60_000
    )
    whole = dialogs.progress_bar.maximum()
    window.editions.choose("quick")
    assert window.cover.title.text() == "How to use Reader, quickly"
    dialogs.save_path = tmp_path / "quick.wav"
    window.export_book()
    qtbot.waitUntil(lambda: dialogs.progress_bar.closed, timeout=60_000)
    # Three short pages are far fewer sentences than the whole guide's seven pages.
    assert 0 < dialogs.progress_bar.maximum() < whole / 2
    assert (tmp_path / "quick.wav").stat().st_size < (tmp_path / "full.wav").stat().st_size


def test_the_choice_is_saved_as_the_edition_setting(
    open_reader: Opener, bundled: Editions, qtbot: Any, tmp_path: Path
) -> None:
    window = open_reader(bundled)
    click(qtbot, card(window, OLDER))
    window.save_settings()
    assert SettingsStore(tmp_path / "settings").load() == Settings(edition="older")


@pytest.mark.parametrize("screen", ["choice", "cover", "settings"])
def test_nothing_is_cut_off_at_300_percent(
    open_reader: Opener, bundled: Editions, qtbot: Any, screen: str
) -> None:
    window = open_reader(bundled, Managed({"text_size": 300}))
    window.resize(1024, 700)
    if screen == "cover":
        window.show_cover()
    elif screen == "settings":
        window.show_look()
        assert window.look_screen.edition.isVisible()
    else:
        assert window.current_screen() is window.editions.screen

    def whole() -> None:
        assert cut_off(window, window) == []

    qtbot.waitUntil(whole)


@pytest.mark.parametrize("size", [100, 200, 300])
def test_every_word_on_the_choice_shows_at_every_text_size(
    open_reader: Opener, bundled: Editions, qtbot: Any, size: int
) -> None:
    # A card is a button with words inside it; at big sizes they wrap onto more
    # lines, and the card must grow to hold them rather than cut them off.
    window = open_reader(bundled, Managed({"text_size": size}))
    window.resize(1024, 700)
    screen = window.editions.screen
    labels = [label for c in screen.cards for label in (c.label, c.taste)]

    def all_shown() -> None:
        for label in labels:
            assert label.height() >= label.heightForWidth(label.width()), label.text()
            assert label.geometry().bottom() < label.parentWidget().height(), label.text()

    qtbot.waitUntil(all_shown)


@pytest.mark.espeak
def test_read_aloud_stops_on_switching_and_then_reads_the_new_version(
    open_reader: Opener, bundled: Editions, qtbot: Any
) -> None:
    window = open_reader(bundled, Managed({"edition": "younger"}))
    window.show_page(3)
    play, view = window.toolbar_buttons["play"], window.reading.view
    click(qtbot, play)
    qtbot.waitUntil(lambda: bool(view.extraSelections()), timeout=30_000)
    choose_in_settings(window, qtbot, OLDER)
    # Switching stopped the reading: nothing is highlighted, and the button says so.
    assert play.text() == "Read aloud" and view.extraSelections() == []
    click(qtbot, window.reading.next)
    assert shown_title(window) == "Is this exploitation?"
    click(qtbot, play)

    # The first sentence heard, and highlighted, is the older page's own title.
    qtbot.waitUntil(lambda: bool(view.extraSelections()), timeout=30_000)
    assert view.extraSelections()[0].cursor.selectedText() == "Is this exploitation?"
    click(qtbot, window.toolbar_buttons["stop"])


def test_the_talking_points_pdf_is_the_version_being_read(
    open_reader: Opener, bundled: Editions, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    from tests.gui.test_talking_points import pdf_pages

    window = open_reader(bundled, Managed({"edition": "older"}))
    dialogs.save_path = tmp_path / "older.pdf"
    window.save_talking_points()
    words = " ".join(pdf_pages(tmp_path / "older.pdf"))
    assert OLDER in words and "not findings of the report" in words
    dialogs.save_path = tmp_path / "younger.pdf"
    window.editions.choose("younger")
    window.save_talking_points()
    words = " ".join(pdf_pages(tmp_path / "younger.pdf"))
    assert YOUNGER in words and "not findings of the report" not in words
