"""The command line: what each command takes, and the commands that need no window."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader import __version__
from reader.core.loader import load_book
from reader.core.themes import THEMES

SCREENS = ("cover", "contents")
DEFAULT_SIZE = (1366, 768)


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a size like 1366x768") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader", description="Read a book one page at a time, in big clear text."
    )
    parser.add_argument("--version", action="version", version=f"Reader {__version__}")
    parser.add_argument(
        "--book", type=Path, help="the book folder to open (default: the bundled book)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check a book folder and list every problem")
    check.add_argument("folder", type=Path, metavar="DIR")

    shot = commands.add_parser("screenshot", help="save a picture of a page or screen")
    shot.add_argument("output", type=Path, metavar="OUT.png")
    shot.add_argument("--book", type=Path, dest="book", help="the book folder")
    where = shot.add_mutually_exclusive_group()
    where.add_argument("--page", type=int, metavar="N", help="page number, counting from 1")
    where.add_argument("--screen", choices=SCREENS)
    where.add_argument("--find", metavar="WORDS", help="the Find screen with these words typed")
    shot.add_argument("--theme", choices=tuple(THEMES), default=None)
    shot.add_argument("--text-size", type=int, metavar="PERCENT", default=None)
    shot.add_argument("--size", type=parse_size, metavar="WxH", default=DEFAULT_SIZE)
    export = commands.add_parser("export-audio", help="save the book read aloud as a WAV file")
    export.add_argument("output", type=Path, metavar="OUT.wav")
    export.add_argument("--book", type=Path, dest="book", help="the book folder")
    export.add_argument("--page", type=int, metavar="N", help="just this page, counting from 1")
    return parser


def run_check(folder: Path) -> int:
    """Print every problem with the book in ``folder``; 0 when clean, 1 otherwise."""
    book = load_book(folder)
    if not book.problems:
        print(f"{folder}: the book looks fine ({len(book.pages)} pages).")
        return 0
    for problem in book.problems:
        print(problem)
    count = len(book.problems)
    print(f"{folder}: {count} problem{'s' if count != 1 else ''} found.")
    return 1
