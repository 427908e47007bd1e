"""The command line as a person runs it: exit codes, words printed, files written."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from reader import __version__
from reader.cli import run_check
from reader.resources import default_book_dir
from tests.conftest import run_reader, write_book


def test_version() -> None:
    result = run_reader("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Reader {__version__}"


def test_check_a_clean_book_exits_0() -> None:
    result = run_reader("check", str(default_book_dir()))
    assert result.returncode == 0
    assert "looks fine" in result.stdout


def test_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", {"one.md": "Fine.", "two.md": "", "three.md": "x"})
    (root / "pages" / "three.md").write_bytes(b"ok\n\xff\n")
    (root / "pages" / "one.md").write_text("![](../../escape.png)")
    result = run_reader("check", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "pages/two.md: this page is empty" in lines
    assert "pages/three.md:2: this file is not UTF-8 text; save it as UTF-8" in lines
    assert any(line.startswith("pages/one.md:1:") and "alt text" in line for line in lines)
    assert any(line.startswith("pages/one.md:1:") and "outside the book" in line for line in lines)
    assert lines[-1].endswith("4 problems found.")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("setup", ["missing", "empty", "garbage"])
def test_check_never_shows_a_traceback(tmp_path: Path, setup: str) -> None:
    root = tmp_path / "book"
    if setup != "missing":
        root.mkdir()
    if setup == "garbage":
        (root / "book.toml").write_bytes(os.urandom(2048))
    result = run_reader("check", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "problem" in result.stdout


def test_check_checks_every_edition_and_names_the_folder_of_a_problem(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b")
    write_book(root / "short", {"one.md": "", "two.md": "Words."})
    (root / "editions.toml").write_text(
        '[[editions]]\nid = "long"\nfolder = "."\nlabel = "Long"\ntaste = "All of it."\n'
        '[[editions]]\nid = "short"\nfolder = "short"\nlabel = "Short"\ntaste = "Less."\n',
        encoding="utf-8",
    )
    result = run_reader("check", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{root}, edition “long”: the book looks fine (2 pages)." in lines
    assert "short/pages/one.md: this page is empty" in lines
    assert f"{root}, edition “short”: 1 problem found." in lines


def test_check_reports_a_broken_list_of_editions(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b")
    (root / "editions.toml").write_text("[[editions]]\nid = 3\n", encoding="utf-8")
    result = run_reader("check", str(root))
    assert result.returncode == 1
    assert "editions.toml:2: edition 1: “id” must be some words in quotes" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_run_check_counts_one_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_book(tmp_path / "b", {"a.md": "", "b.md": "Words."})
    assert run_check(root) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("1 problem found.")


def distinct_colours(path: Path) -> set[int]:
    image = QImage(str(path))
    return {
        image.pixel(x, y) for x in range(0, image.width(), 11) for y in range(0, image.height(), 11)
    }


def test_screenshot_of_a_page(tmp_path: Path, qapp: object) -> None:
    out = tmp_path / "page.png"
    env_display = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = run_reader(
        "screenshot", str(out), "--page", "2", "--theme", "high-contrast",
        "--text-size", "200", "--size", "900x700", env=env_display,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 700)
    colours = distinct_colours(out)
    assert len(colours) > 3, "the picture must not be blank"
    black, yellow = 0xFF000000, 0xFFFFFF00
    assert black in colours and yellow in colours


@pytest.mark.parametrize("screen", ["cover", "contents"])
def test_screenshot_of_a_screen(tmp_path: Path, screen: str, qapp: object) -> None:
    out = tmp_path / f"{screen}.png"
    result = run_reader("screenshot", str(out), "--screen", screen)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert len(distinct_colours(out)) > 3


def test_screenshot_of_the_find_screen_shows_the_pages_found(tmp_path: Path, qapp: object) -> None:
    found, empty = tmp_path / "found.png", tmp_path / "empty.png"
    result = run_reader("screenshot", str(found), "--find", "consent", "--size", "1024x720")
    assert result.returncode == 0, result.stderr
    run_reader("screenshot", str(empty), "--find", "", "--size", "1024x720")
    assert QImage(str(found)).size() == QImage(str(empty)).size()
    # Cards fill the screen below the box where there were none.
    assert len(distinct_colours(found)) > len(distinct_colours(empty))


def test_screenshot_screens_differ(tmp_path: Path, qapp: object) -> None:
    run_reader("screenshot", str(tmp_path / "a.png"), "--screen", "cover")
    run_reader("screenshot", str(tmp_path / "b.png"), "--screen", "contents")
    assert (tmp_path / "a.png").read_bytes() != (tmp_path / "b.png").read_bytes()


def test_screenshot_of_the_choice_of_edition_and_of_an_edition(tmp_path: Path) -> None:
    choice, older, younger = tmp_path / "choice.png", tmp_path / "older.png", tmp_path / "y.png"
    assert run_reader("screenshot", str(choice), "--screen", "edition").returncode == 0
    assert run_reader("screenshot", str(older), "--edition", "older").returncode == 0
    assert run_reader("screenshot", str(younger), "--edition", "younger").returncode == 0
    pictures = {path.read_bytes() for path in (choice, older, younger)}
    assert len(pictures) == 3, "the choice, and each edition's cover, look different"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--edition", "adults"], "There is no edition “adults”: this book has younger, older."),
        (["--page", "99"], "There is no page 99"),
        (["--text-size", "130"], "Text size must be one of"),
        (["--size", "big"], "is not a size"),
        (["--theme", "purple"], "invalid choice"),
    ],
)
def test_screenshot_with_bad_options_says_why(tmp_path: Path, args: list[str], words: str) -> None:
    result = run_reader("screenshot", str(tmp_path / "x.png"), *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.espeak
def test_the_reader_closes_cleanly_when_the_computer_asks(tmp_path: Path) -> None:
    import signal
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "reader"], env=env, stderr=subprocess.PIPE, text=True
    )
    # Once the window is up it starts the speech worker, a child process: wait until
    # that has loaded espeak-ng, so the worker is running, not still being spawned.
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")

    def worker_running() -> bool:
        for child in children.read_text().split():
            with contextlib.suppress(OSError):
                if "espeak" in Path(f"/proc/{child}/maps").read_text():
                    return True
        return False

    deadline = time.monotonic() + 60
    while not worker_running():
        assert process.poll() is None, "the reader stopped before it was asked to"
        assert time.monotonic() < deadline, "the reader never started its speech worker"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _out, errors = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "leaked" not in errors and "Traceback" not in errors
