import logging
from pathlib import Path
from typing import Any

from reader.core.loader import load_book
from reader.gui.book_check import BookCheck
from tests.conftest import write_book


def test_the_rest_of_the_book_is_checked_in_the_background_and_logged_without_its_words(
    qtbot: Any, tmp_path: Path, caplog: Any
) -> None:
    secret = "Nobody must read this sentence in a log."
    pages = {"a.md": secret, "deep.md": "> " * 40 + secret, "c.md": "Fine."}
    check = BookCheck(load_book(write_book(tmp_path / "b", pages)))
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(check.finished) as finished:
        check.start()
    assert finished.args == [1]
    assert check.broken == 1
    assert "Book problem in pages/deep.md" in caplog.text
    assert secret not in caplog.text


def test_a_screenshot_can_finish_the_check_at_once(tmp_path: Path) -> None:
    check = BookCheck(load_book(write_book(tmp_path / "b", {"a.md": "", "b.md": "Fine."})))
    check.finish()
    assert check.broken == 1
