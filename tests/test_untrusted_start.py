"""Reader started for real on hostile books and files: it opens, it does not freeze,
and it opens nothing outside the book (watched with strace, as an attacker would).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PIXEL_PNG, run_reader, write_book

STRACE = shutil.which("strace")
TIMEOUT_S = 120


def opened_paths(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run ``python -m reader ARGS`` under strace; what it printed, and every file it opened."""
    assert STRACE is not None
    trace = tmp_path / "strace.txt"
    watched = "trace=open,openat,openat2,stat,newfstatat"
    command = [STRACE, "-f", "-qq", "-e", watched, "-o", str(trace), sys.executable]
    result = subprocess.run(
        [*command, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    return result, trace.read_text(errors="replace")


def hostile_book(root: Path, secret: Path) -> Path:
    """A book whose every shown string tries to draw ``secret``, a file outside the book.

    (Not /dev/zero: if a regression let Qt read that, it would eat all memory.)
    """
    tag = f"<img src='{secret}'>"
    write_book(
        root,
        {"one.md": "Words.", "two.md": "More words."},
        manifest=(
            f'title = "{tag}Title"\nsubtitle = "{tag}"\nauthor = "{tag}"\nlanguage = "en-GB"\n'
            f'cover = "images/cover.svg"\ncover_alt = "{tag}"\n'
            f'[[pages]]\nid = "p1"\nfile = "pages/one.md"\ntitle = "{tag} one"\n'
            'picture = "images/dot.png"\npicture_alt = "<b>A dot</b>"\n'
            f'content_note = "{tag}"\n'
            f'[[pages]]\nid = "p2"\nfile = "pages/two.md"\ntitle = "{tag} two"\n'
        ),
    )
    (root / "images").mkdir()
    (root / "images" / "dot.png").write_bytes(PIXEL_PNG)
    (root / "images" / "cover.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<image href="{secret}" width="10" height="10"/></svg>'
    )
    return root


@pytest.mark.skipif(STRACE is None, reason="needs strace to watch which files are opened")
@pytest.mark.parametrize(
    "where", [["--screen", "cover"], ["--screen", "contents"], ["--page", "1"]]
)
def test_book_text_never_makes_qt_open_a_file(tmp_path: Path, where: list[str]) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PIXEL_PNG)
    book = hostile_book(tmp_path / "book", secret)
    out = tmp_path / "shot.png"
    result, trace = opened_paths(tmp_path, "screenshot", str(out), "--book", str(book), *where)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0, "the window was drawn"
    assert str(secret) not in trace, "a file outside the book was opened"


@pytest.mark.skipif(STRACE is None, reason="needs strace to watch which files are opened")
def test_reader_check_names_the_svg_that_reaches_out_without_opening_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PIXEL_PNG)
    book = hostile_book(tmp_path / "book", secret)
    result, trace = opened_paths(tmp_path, "check", str(book))
    assert result.returncode == 1
    assert "images/cover.svg” was left out: it uses a file or address outside" in result.stdout
    assert str(secret) not in trace


def fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("which", ["pages/one.md", "glossary.toml", "book.toml", "images/dot.png"])
def test_a_named_pipe_in_the_book_freezes_neither_check_nor_screenshot(
    tmp_path: Path, which: str
) -> None:
    book = write_book(
        tmp_path / "book",
        {"one.md": "![A dot.](images/dot.png)", "two.md": "Still readable."},
        glossary='word = "A meaning."\n',
        extra='glossary = "glossary.toml"',
    )
    fifo(book / which)
    checked = run_reader("check", str(book))  # run_reader's timeout fails a freeze
    assert checked.returncode == 1 and "named pipe" in checked.stdout
    shot = run_reader("screenshot", str(tmp_path / "s.png"), "--book", str(book))
    assert shot.returncode == 0, shot.stderr


def test_settings_and_log_that_are_pipes_do_not_stop_the_window(
    private_home: Path, tmp_path: Path, qtbot: Any
) -> None:
    """The real start-up code, with a pipe for settings.json and for the log."""
    from reader.app import build_window
    from reader.folders import config_dir, log_dir
    from reader.logs import LOG_FILE, setup_logging

    fifo(config_dir() / "settings.json")
    fifo(log_dir() / LOG_FILE)
    setup_logging()
    _app, window = build_window(write_book(tmp_path / "book"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert list(config_dir().glob("settings.json.damaged-*")), "the pipe was moved aside"


def test_deep_settings_are_kept_aside_and_the_window_opens_every_time(
    private_home: Path, tmp_path: Path, qtbot: Any
) -> None:
    from reader.app import build_window
    from reader.folders import config_dir

    config_dir().mkdir(parents=True)
    (config_dir() / "settings.json").write_text("[" * 5_000 + "]" * 5_000)
    for _run in range(2):
        _app, window = build_window(write_book(tmp_path / f"book{_run}"))
        qtbot.addWidget(window)
        window.show()
        assert window.isVisible()
        window.close()
    assert len(list(config_dir().glob("settings.json.damaged-*"))) == 1
