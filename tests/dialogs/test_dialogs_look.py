"""Every dialog in Reader's text size, colours and icons, as a person sees it (issue 14, item 7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QFileInfo, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFontInfo, QIcon, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSizeGrip,
    QToolButton,
    QWidget,
)

from reader.core.settings import TEXT_SIZES, Settings
from reader.core.themes import TEXT_CONTRAST, THEMES, contrast_ratio
from reader.dialogs.glossary import GlossaryPopup
from reader.dialogs.message_card import MessageCard
from reader.dialogs.messages import SOUND_FILES, Dialogs
from reader.gui.icons import IconLibrary
from tests.gui.test_screenshot_contrast import most_common, text_colour

MIN_TARGET_PX = 44
ICON_SIZE = 36


def page_letters(window: Any) -> int:
    """How tall the page's words are, in pixels: what every dialog's words should match."""
    window.show_page(0)
    return QFontInfo(window.reading.view.document().defaultFont()).pixelSize()


def readers_icon(name: str, theme: str) -> QImage:
    return IconLibrary().icon(name, THEMES[theme].button_text).pixmap(ICON_SIZE).toImage()


def shows_icon(button: QAbstractButton, name: str, theme: str) -> bool:
    """The button's picture is Reader's own icon ``name`` (assets/icons), in the theme's colour."""
    return button.icon().pixmap(ICON_SIZE).toImage() == readers_icon(name, theme)


def when_shown(qtbot: Any, look_at: Callable[[QWidget], None]) -> list[QWidget]:
    """Calls ``look_at`` with the dialog once it is up (the dialogs wait for an answer)."""
    seen: list[QWidget] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, check)
            return
        seen.append(dialog)
        look_at(dialog)

    QTimer.singleShot(0, check)
    return seen


def reader_dialogs(window: Any) -> Dialogs:
    dialogs = Dialogs()
    dialogs.set_look(window.look)
    return dialogs


LOOKS = [(100, "light"), (300, "light"), (100, "high-contrast"), (300, "dark")]
LOOK_IDS = [f"{size}%-{theme}" for size, theme in LOOKS]


@pytest.mark.parametrize(("size", "theme"), LOOKS, ids=LOOK_IDS)
def test_a_message_is_in_the_pages_text_size_colours_and_icons(
    make_window: Any, qtbot: Any, size: int, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=size, theme=theme))
    letters = page_letters(window)
    found: dict[str, Any] = {}

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, MessageCard)
        found["letters"] = QFontInfo(dialog.words.font()).pixelSize()
        found["heading"] = QFontInfo(dialog.heading.font()).pixelSize()
        found["buttons"] = [(b.text(), b) for b in dialog.findChildren(QPushButton)]
        found["picture"] = dialog.heading_icon.pixmap().toImage()
        found["fits"] = dialog.width() <= window.width() and dialog.height() <= window.height()
        found["shown"] = dialog.grab().toImage()
        ok = found["buttons"][0][1]
        found["ok_shows_check"] = shows_icon(ok, "check", theme)
        found["ok_size"] = (ok.width(), ok.height())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_shown(qtbot, look_at)
    reader_dialogs(window).inform(window, "Saved", "The book was saved as a sound file.")
    assert found["letters"] == letters and found["heading"] >= letters
    assert [text for text, _button in found["buttons"]] == ["OK"]
    assert found["ok_shows_check"]
    assert min(found["ok_size"]) >= MIN_TARGET_PX
    # Reader's "i" in a circle, not the desktop's stock picture.
    info = IconLibrary().icon("info", THEMES[theme].button_text)
    picture = found["picture"]
    assert picture == info.pixmap(picture.size()).toImage()
    assert found["fits"]
    shown = found["shown"]
    background = most_common(shown)
    # A card, like the glossary's, in the theme's card colour.
    assert background == THEMES[theme].card_background
    assert contrast_ratio(text_colour(shown, background), background) >= TEXT_CONTRAST


@pytest.mark.parametrize(("press", "answer"), [("Yes", True), ("No", False), ("Esc", False)])
def test_a_question_has_yes_and_no_with_readers_icons(
    window: Any, qtbot: Any, press: str, answer: bool
) -> None:
    found: dict[str, Any] = {}

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, MessageCard)
        found["focus"] = dialog.focusWidget().text()
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        found["words"] = sorted(buttons)
        found["icons"] = [
            shows_icon(buttons["Yes"], "check", "light"),
            shows_icon(buttons["No"], "close", "light"),
        ]
        if press == "Esc":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(buttons[press], Qt.MouseButton.LeftButton)

    when_shown(qtbot, look_at)
    said = reader_dialogs(window).confirm(window, "Open this link?", "https://example.org")
    assert said is answer
    assert found["words"] == ["No", "Yes"] and found["icons"] == [True, True]
    # Saying yes takes a choice: the keyboard starts on No.
    assert found["focus"] == "No"


@pytest.mark.parametrize("window_size", [(1024, 700), (1366, 768)])
def test_a_long_message_at_300_percent_scrolls_and_keeps_its_buttons_on_screen(
    make_window: Any, qtbot: Any, window_size: tuple[int, int]
) -> None:
    window = make_window(settings=replace(Settings(), text_size=300))
    window.resize(*window_size)
    found: dict[str, Any] = {}

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, MessageCard)
        found["fits"] = dialog.width() <= window.width() and dialog.height() <= window.height()
        inside = dialog.rect()
        found["buttons inside"] = all(
            inside.contains(
                b.geometry().translated(b.parentWidget().mapTo(dialog, b.pos()) - b.pos())
            )
            for b in dialog.findChildren(QPushButton)
        )
        found["scrolls"] = dialog.words_area.verticalScrollBar().maximum() > 0
        # No words cut off at the side: the address breaks after its punctuation.
        found["words inside"] = dialog.words.width() <= dialog.words_area.viewport().width()
        found["reachable"] = dialog.words_area.focusPolicy() == Qt.FocusPolicy.StrongFocus
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_shown(qtbot, look_at)
    address = "https://www.childrenscommissioner.gov.uk/resource/a-long-address/"
    text = f"This will open your web browser at:\n\n{address}\n\nDo you want to go there?"
    assert reader_dialogs(window).confirm(window, "Open a web page?", text) is False
    assert found == {
        "fits": True,
        "buttons inside": True,
        "scrolls": True,
        "reachable": True,
        "words inside": True,
    }


@pytest.mark.parametrize(("size", "theme"), LOOKS, ids=LOOK_IDS)
def test_the_progress_dialog_is_in_the_pages_text_size_with_readers_cancel(
    make_window: Any, qtbot: Any, size: int, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=size, theme=theme))
    letters = page_letters(window)
    dialog = reader_dialogs(window).progress(window, "Saving the book as a sound file…", 40)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    words = dialog.findChild(QLabel)
    assert words.text() == "Saving the book as a sound file…"
    assert QFontInfo(words.font()).pixelSize() == letters
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel" and shows_icon(cancel, "stop", theme)
    assert min(cancel.width(), cancel.height()) >= MIN_TARGET_PX
    assert dialog.width() <= window.width() and dialog.height() <= window.height()
    # Cancel still stops the work.
    cancelled: list[bool] = []
    dialog.canceled.connect(lambda: cancelled.append(True))
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert cancelled == [True]
    assert isinstance(dialog, QProgressDialog)


@pytest.mark.parametrize(("size", "theme"), LOOKS, ids=LOOK_IDS)
def test_the_save_dialog_is_readers_own_with_the_neutral_name(
    make_window: Any, qtbot: Any, tmp_path: Path, size: int, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), text_size=size, theme=theme))
    button_letters = QFontInfo(window.toolbar.findChild(QWidget, "button-home").font()).pixelSize()
    found: dict[str, Any] = {}

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        found["qt's own"] = dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        found["name"] = name.text()
        found["letters"] = QFontInfo(name.font()).pixelSize()
        found["background"] = most_common(dialog.grab().toImage())
        found["fits"] = dialog.width() <= window.width() and dialog.height() <= window.height()
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        found["buttons"] = sorted(buttons)
        found["icons"] = [
            shows_icon(buttons["Save"], "save", theme),
            shows_icon(buttons["Cancel"], "close", theme),
            shows_icon(dialog.findChild(QToolButton, "toParentButton"), "up", theme),
            shows_icon(dialog.findChild(QToolButton, "backButton"), "back", theme),
        ]
        provider = dialog.iconProvider()
        found["folder"] = provider.icon(QFileInfo(str(tmp_path))).pixmap(ICON_SIZE).toImage()
        found["names only"] = dialog.viewMode() == QFileDialog.ViewMode.List
        # Found walking the screens: the corner grip was drawn over Cancel's corner.
        grips = [grip for grip in dialog.findChildren(QSizeGrip) if grip.isVisible()]
        found["under the grip"] = [
            button.text()
            for button in buttons.values()
            for grip in grips
            if QRect(button.mapTo(dialog, QPoint(0, 0)), button.size()).intersects(
                QRect(grip.mapTo(dialog, QPoint(0, 0)), grip.size())
            )
        ]
        dialog.accept()

    when_shown(qtbot, look_at)
    path = reader_dialogs(window).choose_save_path(
        window, "Save the book as a sound file", tmp_path / "Reader audio.wav", SOUND_FILES
    )
    assert path == tmp_path / "Reader audio.wav"
    assert found["qt's own"] and found["name"] == "Reader audio.wav"
    # The same size as Reader's buttons and the Settings screen, in the theme's colours.
    assert found["letters"] == button_letters
    assert found["background"] == THEMES[theme].background
    assert found["fits"]
    assert found["buttons"] == ["Cancel", "Save"]
    # Reader's pictures on its buttons and for its folders, not the desktop's stock ones.
    assert found["icons"] == [True, True, True, True]
    assert found["folder"] == readers_icon("folder", theme)
    assert found["names only"]
    assert found["under the grip"] == []


def test_saving_over_a_file_asks_in_readers_words_first(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    there = tmp_path / "Reader audio.wav"
    there.write_bytes(b"old")
    dialogs = reader_dialogs(window)
    asked: list[str] = []

    def confirm(parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return len(asked) > 1

    dialogs.confirm = confirm  # type: ignore[method-assign]

    def press_save() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            dialog.accept()
        if len(asked) < 2:
            QTimer.singleShot(10, press_save)

    QTimer.singleShot(0, press_save)
    path = dialogs.choose_save_path(window, "Save", there, SOUND_FILES)
    # The first "No" goes back to the dialog; the second answer, "Yes", saves there.
    assert path == there
    assert asked[0].startswith("There is already a file called “Reader audio.wav”")


@pytest.mark.parametrize("size", TEXT_SIZES)
def test_the_glossary_word_is_never_smaller_than_its_meaning(
    make_window: Any, qtbot: Any, size: int
) -> None:
    window = make_window(settings=replace(Settings(), text_size=size))
    popup = GlossaryPopup(window, "commissioner", "A person chosen to do a special job.")
    qtbot.addWidget(popup)
    with qtbot.waitExposed(popup):
        popup.show()
    word = QFontInfo(popup.word.font()).pixelSize()
    meaning = QFontInfo(popup.meaning.font()).pixelSize()
    assert word >= meaning
    assert popup.word.font().bold()


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_glossary_has_a_big_close_with_readers_icon(
    make_window: Any, qtbot: Any, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), theme=theme))
    found: dict[str, Any] = {}

    def look_at(dialog: QWidget) -> None:
        assert isinstance(dialog, GlossaryPopup)
        close = dialog.close_button
        found["words"] = close.text()
        found["icon"] = shows_icon(close, "close", theme)
        found["read icon"] = shows_icon(dialog.read_button, "listen", theme)
        found["size"] = (close.width(), close.height())
        found["icon size"] = close.iconSize().width()
        # Crisp: the picture is drawn at least at the size it is shown, never blown up.
        icon: QIcon = close.icon()
        found["drawn"] = icon.availableSizes()[-1].width()
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    seen = when_shown(qtbot, look_at)
    reader_dialogs(window).glossary(window, "theme", "The colours the app uses.")
    assert len(seen) == 1 and not seen[0].isVisible()
    assert found["words"] == "Close" and found["icon"] and found["read icon"]
    assert min(found["size"]) >= MIN_TARGET_PX
    assert found["icon size"] >= 32 and found["drawn"] >= found["icon size"]


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_contents_card_reached_with_tab_has_one_focus_ring_and_no_inner_box(
    make_window: Any, qtbot: Any, theme: str
) -> None:
    window = make_window(settings=replace(Settings(), theme=theme))
    window.show_contents()
    contents = window.current_screen()
    contents.focus_card(0)
    # With Tab, where Fusion draws its focus box; a click or a program never shows it.
    qtbot.keyClick(contents.cards[0], Qt.Key.Key_Tab)
    card = contents.cards[1]
    qtbot.waitUntil(card.hasFocus)
    image = card.grab().toImage()
    ring = 6
    inside = card.layout().contentsMargins().left()
    colours = THEMES[theme]
    # Clear of the rounded corners, where the ring curves in.
    corner = 3 * ring
    band = set()
    for step in range(ring + 1, inside - 1):
        for x in range(corner, image.width() - corner, 4):
            band.add(image.pixelColor(x, step).name())
            band.add(image.pixelColor(x, image.height() - 1 - step).name())
        for y in range(corner, image.height() - corner, 4):
            band.add(image.pixelColor(step, y).name())
            band.add(image.pixelColor(image.width() - 1 - step, y).name())
    # Between the ring and the card's words there is only the card's own colour.
    assert band == {colours.card_background}
    edge = image.pixelColor(2, image.height() // 2).name()
    assert edge == colours.focus
