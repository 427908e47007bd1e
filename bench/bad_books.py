"""How long the worst broken books take to load (part of ``make bench``).

A page far over the size limit and Markdown nested as deep as anyone could
type it: each must be refused in plain words (tests/core/test_bad_books.py)
and quickly (here). Each book is loaded ``ROUNDS`` times; the worst is reported.

Run on its own: ``python -m bench.bad_books``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.loader import load_book

ROUNDS = 3
HUGE_PAGE_BYTES = 30 * 1024 * 1024
# Markdown that makes a naive parser recurse or backtrack.
DEEP_PAGES = {
    "quotes": ">" * 5000 + " deep",
    "lists": "\n".join("    " * depth + "- item" for depth in range(200)),
    "brackets": "[" * 20000 + "x" + "]" * 20000,
    "html": "<div>" * 10000,
}


def write_bad_book(root: Path, name: str) -> Path:
    """A two-page book whose first page is the bad one ("huge" or a DEEP_PAGES name)."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    (pages / "ok.md").write_text("Fine.", encoding="utf-8")
    bad = pages / "bad.md"
    if name == "huge":
        with bad.open("wb") as handle:
            handle.truncate(HUGE_PAGE_BYTES)
    else:
        bad.write_text(DEEP_PAGES[name], encoding="utf-8")
    entries = "".join(
        f'[[pages]]\nid = "{stem}"\nfile = "pages/{stem}.md"\ntitle = "{stem}"\n\n'
        for stem in ("bad", "ok")
    )
    (root / "book.toml").write_text(
        f'title = "A bad book"\nlanguage = "en-GB"\n\n{entries}', encoding="utf-8"
    )
    return root


def worst_load_ms() -> tuple[str, float]:
    """The slowest bad book to load, by name, and its worst time."""
    worst = ("", 0.0)
    with tempfile.TemporaryDirectory(prefix="reader-bench-bad-") as folder:
        for name in ("huge", *DEEP_PAGES):
            root = write_bad_book(Path(folder) / name, name)
            for _ in range(ROUNDS):
                began = time.perf_counter()
                book = load_book(root)
                took = (time.perf_counter() - began) * 1000
                assert book.problems, f"{name}: the bad page was not reported"
                worst = max(worst, (name, took), key=lambda pair: pair[1])
    return worst


if __name__ == "__main__":
    name, ms = worst_load_ms()
    print(f"Worst bad book to load: {name}, {ms:.0f} ms")
