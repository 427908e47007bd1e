"""A book's words are shown as words, everywhere: never read by Qt as HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel, QWidget

from reader.core.loader import load_book
from reader.core.render import MAX_TABLE_NESTING
from reader.dialogs.glossary import GlossaryPopup
from reader.dialogs.messages import Dialogs
from tests.conftest import write_book

MARKUP = "<b>Bold</b> & <img src='/nonexistent/picture.png'>"


def marked_up_book(root: Path) -> Path:
    return write_book(
        root,
        {"one.md": "Some words.", "two.md": "More words."},
        manifest=(
            f'title = "{MARKUP}"\nsubtitle = "{MARKUP}"\nauthor = "{MARKUP}"\n'
            'language = "en-GB"\n'
            f'[[pages]]\nid = "p1"\nfile = "pages/one.md"\ntitle = "{MARKUP}"\n'
            '[[pages]]\nid = "p2"\nfile = "pages/two.md"\ntitle = "Two"\n'
        ),
    )


def shown_text(label: QLabel) -> str:
    """The words a label draws: its text, unless Qt would read that text as HTML."""
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
    )
    assert not rich, f"{label.text()!r} would be drawn as HTML"
    return label.text()


def test_the_cover_shows_title_subtitle_and_author_exactly(
    make_window: Any, tmp_path: Path
) -> None:
    window = make_window(load_book(marked_up_book(tmp_path / "b")))
    cover = window.cover
    assert shown_text(cover.title) == MARKUP
    assert shown_text(cover.subtitle) == MARKUP
    assert shown_text(cover.author) == f"From {MARKUP}"


def test_contents_cards_show_page_titles_exactly(make_window: Any, tmp_path: Path) -> None:
    window = make_window(load_book(marked_up_book(tmp_path / "b")))
    window.show_contents()
    card = window.contents.cards[0]
    assert shown_text(card.heading) == f"1. {MARKUP}"
    # A tooltip has no plain-text switch: it is escaped, so it shows the same words.
    assert "&lt;img" in card.toolTip() and "<img" not in card.toolTip()


def test_a_glossary_word_is_shown_as_written(qtbot: Any) -> None:
    popup = GlossaryPopup(None, MARKUP, f"A meaning with {MARKUP}.")
    qtbot.addWidget(popup)
    assert shown_text(popup.word) == MARKUP
    assert "&lt;img" in popup.meaning.text()


def test_a_message_shows_an_address_as_written(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextDocumentFragment
    from PySide6.QtWidgets import QApplication

    from reader.dialogs.message_card import MessageCard

    seen: list[str] = []

    def answer() -> None:
        card = QApplication.activeModalWidget()
        if not isinstance(card, MessageCard):
            QTimer.singleShot(10, answer)
            return
        # Escaped: the address's markup is drawn as the letters it is made of.
        # (Less the invisible places to break a long address.)
        plain = QTextDocumentFragment.fromHtml(card.words.text()).toPlainText()
        seen.append(plain.replace("\u200b", ""))
        card.no.click()

    QTimer.singleShot(0, answer)
    Dialogs().confirm(None, "Open a web page?", f"https://example.com/{MARKUP}")
    assert seen == [f"https://example.com/{MARKUP}"]


def test_a_look_alike_web_address_is_shown_in_its_ascii_form(window: Any, dialogs: Any) -> None:
    dialogs.answer = False
    window.open_link(QUrl("https://xn--pple-43d.com/login"))
    title, text = dialogs.shown[-1]
    assert title == "Open a web page?"
    assert "https://xn--pple-43d.com/login" in text and "аpple" not in text


def test_tables_nested_deep_are_flattened_and_the_words_still_shown(
    make_window: Any, tmp_path: Path
) -> None:
    levels = 20  # 20 levels froze the window for more than 30 s
    page = "<table><tr><td>" * levels + "Deep words." + "</td></tr></table>" * levels
    book = load_book(write_book(tmp_path / "b", {"one.md": page, "two.md": "Next."}))
    window = make_window(book)
    window.show_page(0)
    assert "Deep words." in window.reading.view.toPlainText()
    assert (book.pages[0].html or "").count("<table") == MAX_TABLE_NESTING
    assert any("tables go more than" in str(problem) for problem in book.problems)


def test_the_progress_bar_counts_to_the_number_of_sentences(qtbot: Any) -> None:
    dialog = Dialogs().progress(None, "Saving the book as a sound file…", 227)
    qtbot.addWidget(dialog)
    dialog.setValue(150)
    assert (dialog.maximum(), dialog.value()) == (227, 150), "not stuck at 100, never -1"
    dialog.close()


def test_no_label_anywhere_draws_book_text_as_html(make_window: Any, tmp_path: Path) -> None:
    window = make_window(load_book(marked_up_book(tmp_path / "b")))
    window.show_contents()
    window.show_page(0)
    window.show_cover()
    labels = [label for label in window.findChildren(QLabel) if "<img" in label.text()]
    assert len(labels) >= 4, "the title, subtitle, author and a card hold the book's markup"
    for label in labels:
        shown_text(label)
    tips = [widget.toolTip() for widget in window.findChildren(QWidget) if widget.toolTip()]
    assert not [tip for tip in tips if "<img" in tip], "a tooltip would draw the book's markup"
