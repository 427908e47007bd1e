"""The command line: what each command takes, and the commands that need no window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.editions import EDITIONS_FILE, edition_problems, load_editions
from reader.core.themes import THEMES

if TYPE_CHECKING:
    from reader.core.editions import Edition, Editions

SCREENS = ("cover", "contents", "edition")
DEFAULT_SIZE = (1366, 768)
EDITION_HELP = "which edition of the book, by its id in editions.toml (default: the first)"


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
    shot.add_argument("--edition", metavar="ID", help=EDITION_HELP)
    export = commands.add_parser("export-audio", help="save the book read aloud as a WAV file")
    export.add_argument("output", type=Path, metavar="OUT.wav")
    export.add_argument("--book", type=Path, dest="book", help="the book folder")
    export.add_argument("--page", type=int, metavar="N", help="just this page, counting from 1")
    export.add_argument("--edition", metavar="ID", help=EDITION_HELP)
    return parser


def run_check(folder: Path) -> int:
    """Print every problem with every edition of the book in ``folder``; 0 when clean, else 1."""
    editions = load_editions(folder)
    problems = list(editions.problems)
    for problem in problems:
        print(problem)
    for edition in editions:
        found = edition_problems(editions, edition)
        pages = len(editions.book(edition.id).pages)
        name = f"{folder}, edition “{edition.id}”" if editions.choosable else str(folder)
        if found:
            for problem in found:
                print(problem)
            count = len(found)
            print(f"{name}: {count} problem{'s' if count != 1 else ''} found.")
        else:
            print(f"{name}: the book looks fine ({pages} pages).")
        problems += found
    if editions.problems:
        count = len(editions.problems)
        print(f"{folder}: {count} problem{'s' if count != 1 else ''} in {EDITIONS_FILE}.")
    return 1 if problems else 0


def choose_edition(editions: Editions, edition_id: str | None) -> Edition | None:
    """The edition asked for on the command line (the first when none was); None if unknown."""
    if edition_id is None:
        return editions.first
    found = editions.find(edition_id)
    if found is None:
        known = ", ".join(edition.id for edition in editions)
        print(f"There is no edition “{edition_id}”: this book has {known}.", file=sys.stderr)
    return found
