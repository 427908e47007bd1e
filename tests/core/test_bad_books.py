"""Every kind of broken book gets a plain-words message naming the file.

How quickly the worst of them load is a figure in ``make bench`` (bench/bad_books.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.bad_books import DEEP_PAGES
from reader.core.loader import load_book
from reader.core.render import render_markdown
from tests.conftest import PIXEL_PNG, write_book

# A link or picture address that could run code or reach outside the book.
UNSAFE_ADDRESS = re.compile(r'(href|src)="\s*(javascript|data|file|vbscript):', re.IGNORECASE)


def problems_for(root: Path) -> list[str]:
    book = load_book(root)
    return [str(problem) for problem in book.problems]


def test_a_30_mb_page_is_capped_not_read(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", {"huge.md": "x", "ok.md": "Fine."})
    with (root / "pages" / "huge.md").open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    found = problems_for(root)
    assert found == ["pages/huge.md: this file is too big (more than 512 KB)"]


@pytest.mark.parametrize("text", list(DEEP_PAGES.values()), ids=list(DEEP_PAGES))
def test_deeply_nested_markdown_is_refused_in_plain_words(tmp_path: Path, text: str) -> None:
    root = write_book(tmp_path / "b", {"deep.md": text, "ok.md": "Fine."})
    found = problems_for(root)
    assert len(found) == 1 and found[0].startswith("pages/deep.md: this page could not be")


def test_broken_pictures_are_reported(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        {
            "a.md": "![A dot.](images/fake.png)\n\n![A shape.](images/bad.svg)\n\n"
            "![Empty.](images/empty.gif)\n\n![Fine.](images/good.png)"
        },
    )
    images = root / "images"
    images.mkdir()
    (images / "fake.png").write_bytes(b"this is not a png at all")
    (images / "bad.svg").write_text("<svg><g></svg")
    (images / "empty.gif").write_bytes(b"")
    (images / "good.png").write_bytes(PIXEL_PNG)
    found = "\n".join(problems_for(root))
    assert "“images/fake.png” is damaged or is not really a picture" in found
    assert "“images/bad.svg” is damaged" in found
    assert "“images/empty.gif” is an empty file" in found
    assert "good.png" not in found
    page = load_book(root).pages[0]
    assert list(page.images) == ["bookimg:images/good.png"]
    assert "(Picture: A dot.)" in (page.html or "")


def test_hostile_raw_html_is_cleaned_and_reported(tmp_path: Path) -> None:
    text = (
        "Hello.\n\n<script>fetch('https://evil.example')</script>\n\n"
        "<style>body{display:none}</style>\n\n<iframe src='https://evil.example'></iframe>\n\n"
        "<img src='https://evil.example/track.gif'>\n"
    )
    root = write_book(tmp_path / "b", {"a.md": text})
    book = load_book(root)
    html = book.pages[0].html or ""
    assert "evil" not in html and "display:none" not in html and "<iframe" not in html
    assert "Hello." in html
    assert ["pages/a.md" in str(problem) for problem in book.problems] == [True]


def test_reader_check_lists_every_bad_thing_and_exits_1(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        {"empty.md": "", "deep.md": ">" * 100, "bad.md": "x", "pic.md": "![](../x.png)"},
    )
    (root / "pages" / "bad.md").write_bytes(b"\xff\xfe")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    for name in ("empty.md", "deep.md", "bad.md", "pic.md"):
        assert f"pages/{name}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=2000)
MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "#",
            ">",
            "-",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "!",
            "`",
            "<div>",
            "</div>",
            "<a href=",
            "<img src=",
            "[[",
            "]]",
            "|",
            "\n",
            "\n\n",
            "    ",
            "words",
            "http://x",
            "javascript:",
            "../",
            "&amp;",
            "1.",
            "  ",
            "\t",
            "😀",
            "’",
        ]
    ),
    max_size=400,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, MARKDOWNISH))
def test_any_markdown_renders_or_is_refused_in_plain_words(text: str) -> None:
    try:
        page = render_markdown(text, Path("/nonexistent-book"), "p.md", {"word": "A meaning."})
    except ValueError as error:
        assert str(error)  # a plain-words refusal, never a crash
    else:
        assert "<script" not in page.html.lower()
        assert not UNSAFE_ADDRESS.search(page.html)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(manifest=st.one_of(ANY_TEXT, MARKDOWNISH), glossary=ANY_TEXT)
def test_any_manifest_or_glossary_loads_without_an_exception(
    tmp_path_factory: pytest.TempPathFactory, manifest: str, glossary: str
) -> None:
    root = tmp_path_factory.mktemp("book")
    (root / "book.toml").write_text(manifest + '\nglossary = "glossary.toml"\n', encoding="utf-8")
    (root / "glossary.toml").write_text(glossary, encoding="utf-8")
    book = load_book(root)
    assert isinstance(book.problems, tuple)
    assert all(problem.file and problem.message for problem in book.problems)
