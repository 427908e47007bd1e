"""How long the worst pages anyone could write take to lay out at 300% (part of ``make bench``).

Each page is built to be as slow as the page limits allow: raw-HTML tables
nested as deep as the ``<`` limit permits (Qt's layout time doubles with
each level of table nesting), hundreds of nested lists, quotes and divs, a
Markdown table with thousands of cells, and one word 50,000 letters long.
Each is opened in the real window at 300% text, and the time from
``show_page`` to the page painted is measured; the worst is reported.

Run on its own: ``python -m bench.hostile_pages``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.loader import load_book
from reader.core.render import MAX_PAGE_CHARS, MAX_PIPES, MAX_TABLE_CELLS, MAX_TAGS, MAX_WORD_CHARS
from reader.core.settings import Settings, SettingsStore
from reader.dialogs.messages import Dialogs
from reader.gui.fonts import load_fonts
from reader.gui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

BIG_TEXT = 300
WINDOW_SIZE = (1024, 700)
ROUNDS = 3
# Each opening tag is one ``<`` and so is its closing tag.
_TAG_ROOM = MAX_TAGS - 10


def _nested(opening: str, closing: str, words: str = "Deep words.") -> str:
    levels = _TAG_ROOM // (2 * opening.count("<"))
    return opening * levels + words + closing * levels


def _markdown_table(cells: int, columns: int = 20) -> str:
    def row(cell: str) -> str:
        return "|" + "|".join(cell for _ in range(columns)) + "|\n"

    return row("h") + row("-") + row("x") * (cells // columns - 1)


def hostile_pages() -> dict[str, str]:
    """File name -> Markdown, each as hard to lay out as the limits allow."""
    word = "a" * MAX_WORD_CHARS
    return {
        "tables.md": _nested("<table><tr><td>", "</td></tr></table>"),
        "tables-wide.md": _nested(
            "<table><tr><td>a</td><td>b</td><td>", "</td></tr></table>", "Deep words."
        ),
        "lists.md": _nested("<ul><li>", "</li></ul>"),
        "quotes.md": _nested("<blockquote>", "</blockquote>"),
        "divs.md": _nested("<div>", "</div>"),
        "table-cells.md": _markdown_table(MAX_TABLE_CELLS),
        # As many cells as the | limit allows: more than MAX_TABLE_CELLS, so flattened.
        "table-most-cells.md": _markdown_table(MAX_PIPES * 20 // 21 - 40),
        "long-words.md": ((word + " ") * MAX_PAGE_CHARS)[: MAX_PAGE_CHARS - 1],
        "prose.md": ("Some words in a sentence. " * MAX_PAGE_CHARS)[: MAX_PAGE_CHARS - 1],
    }


def _write_book(root: Path, pages: dict[str, str]) -> None:
    (root / "pages").mkdir(parents=True)
    entries = []
    for number, (name, text) in enumerate(pages.items(), start=1):
        (root / "pages" / name).write_text(text, encoding="utf-8")
        entries.append(f'[[pages]]\nid = "p{number}"\nfile = "pages/{name}"\ntitle = "{name}"\n')
    (root / "book.toml").write_text(
        'title = "Hostile pages"\nlanguage = "en-GB"\n\n' + "\n".join(entries), encoding="utf-8"
    )


def worst_layout_ms(app: QApplication) -> tuple[str, float]:
    """The slowest hostile page and its time, in ms, to show and paint at 300%."""
    pages = hostile_pages()
    with tempfile.TemporaryDirectory(prefix="reader-hostile-") as folder:
        root = Path(folder) / "book"
        _write_book(root, pages)
        book = load_book(root)
        settings = replace(Settings(), text_size=BIG_TEXT)
        window = MainWindow(book, SettingsStore(None), settings, load_fonts(), Dialogs())
        window.resize(*WINDOW_SIZE)
        window.show()
        app.processEvents()
        worst: dict[str, float] = {}
        for _ in range(ROUNDS):
            for index, name in enumerate(pages):
                began = time.perf_counter()
                window.show_page(index)
                window.reading.view.viewport().repaint()
                app.processEvents()
                took = (time.perf_counter() - began) * 1000
                worst[name] = max(worst.get(name, 0.0), took)
        window.close()
    name = max(worst, key=lambda key: worst[key])
    for page, took in sorted(worst.items(), key=lambda item: -item[1]):
        print(f"  {page}: {took:.0f} ms", file=sys.stderr)
    return name, worst[name]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.app import _make_app

    name, took = worst_layout_ms(_make_app())
    print(f"Worst hostile page at {BIG_TEXT}%: {name}, {took:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
