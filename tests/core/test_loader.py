import sys
from pathlib import Path

import pytest

from reader.core.loader import MAX_PAGE_BYTES, load_book
from reader.resources import default_book_dir
from tests.conftest import PIXEL_PNG, SAMPLE_BOOK_DIR, write_book


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in load_book(root).problems]


@pytest.mark.parametrize("folder", [default_book_dir(), SAMPLE_BOOK_DIR], ids=["bundled", "sample"])
def test_the_bundled_and_sample_books_load_cleanly(folder: Path) -> None:
    book = load_book(folder)
    assert book.problems == ()
    assert len(book.pages) >= 5
    assert all(page.ok for page in book.pages)
    assert book.help_page is not None
    assert book.glossary
    assert book.cover is not None and book.cover.alt


def test_a_good_book_has_its_pages_in_order(tmp_path: Path) -> None:
    book = load_book(write_book(tmp_path / "b", {"a.md": "Alpha words.", "b.md": "Beta words."}))
    assert book.problems == ()
    assert [page.title for page in book.pages] == ["Title 1", "Title 2"]
    assert "Alpha words." in (book.pages[0].html or "")


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    book = load_book(tmp_path / "nowhere")
    assert book.pages == ()
    assert "no book folder" in book.problems[0].message


def test_a_missing_manifest_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert messages(tmp_path / "empty") == ["book.toml: this file is missing from the book folder"]


def test_a_manifest_with_bad_syntax_names_the_line(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", manifest='title = "Book"\nlanguage = en-GB\n')
    problem = load_book(root).problems[0]
    assert problem.file == "book.toml" and problem.line == 2
    assert "could not be read" in problem.message


def test_a_manifest_of_garbage_bytes_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "b"
    root.mkdir()
    (root / "book.toml").write_bytes(b"\xff\xfe\x00garbage\x9c\n")
    assert "not UTF-8" in messages(root)[0]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        manifest=(
            'title = "Book"\nlanguage = "english please"\ncolour = "red"\nhelp_page = "nope"\n'
            '[[pages]]\nid = "one"\nfile = "pages/missing.md"\ntitle = "One"\n'
            '[[pages]]\nid = "Bad Id"\nfile = "pages/two.md"\ntitle = "Two"\n'
            '[[pages]]\nid = "one"\nfile = "pages/two.md"\ntitle = "Again"\n'
            '[[pages]]\nfile = "pages/two.md"\n'
        ),
    )
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "two.md").write_text("Words.")
    found = "\n".join(messages(root))
    for expected in [
        "not a language code",
        "“colour” is not something a book can set",
        "help page “nope” is not one of the pages",
        "pages/missing.md: this file is missing",
        "small letters, numbers and dashes",
        "“one” is used twice",
        "page 4 needs a “id”",
        "page 4 needs a “title”",
    ]:
        assert expected in found


def test_a_book_with_no_pages_is_reported(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", manifest='title = "Empty"\nlanguage = "en"\n')
    assert "no pages" in messages(root)[0]


def test_a_broken_page_does_not_stop_the_others(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", {"good.md": "Good words.", "bad.md": "x", "last.md": "End."})
    (root / "pages" / "bad.md").write_bytes(b"Fine line\nbad byte \xff here\n")
    book = load_book(root)
    assert [page.ok for page in book.pages] == [True, False, True]
    problem = book.problems[0]
    assert (problem.file, problem.line) == ("pages/bad.md", 2)
    assert "UTF-8" in problem.message


def test_an_empty_page_is_reported(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", {"blank.md": "  \n\n", "ok.md": "Words."})
    book = load_book(root)
    assert not book.pages[0].ok
    assert str(book.problems[0]) == "pages/blank.md: this page is empty"


def test_a_huge_page_is_capped(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", {"huge.md": "word " * (MAX_PAGE_BYTES // 4), "ok.md": "x"})
    book = load_book(root)
    assert not book.pages[0].ok
    assert "too big" in book.problems[0].message


def test_a_page_path_leaving_the_book_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("Secret words.")
    root = write_book(
        tmp_path / "b",
        manifest='title = "B"\nlanguage = "en"\n[[pages]]\nid = "x"\nfile = "../secret.md"\n'
        'title = "X"\n',
    )
    book = load_book(root)
    assert not book.pages[0].ok
    assert "outside the book" in book.problems[0].message


def test_page_pictures_need_alt_text_and_must_exist(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        manifest=(
            'title = "B"\nlanguage = "en"\ncover = "images/cover.png"\n'
            '[[pages]]\nid = "x"\nfile = "pages/x.md"\ntitle = "X"\npicture = "images/gone.png"\n'
            'picture_alt = "Gone."\n'
            '[[pages]]\nid = "y"\nfile = "pages/x.md"\ntitle = "Y"\npicture = "../up.png"\n'
        ),
    )
    (root / "images").mkdir()
    (root / "images" / "cover.png").write_bytes(PIXEL_PNG)
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "x.md").write_text("Words.")
    found = "\n".join(messages(root))
    assert "the cover: the picture “images/cover.png” needs alt text" in found
    assert "the picture “images/gone.png” is missing" in found
    assert "points outside the book folder" in found


def test_glossary_problems_are_reported(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b", extra='glossary = "glossary.toml"', glossary='"word" = 3\n')
    assert "the word “word” needs a meaning" in messages(root)[0]
    (root / "glossary.toml").write_text('"word" = "A meaning.\n')
    assert "glossary could not be read" in messages(root)[0]


def test_the_glossary_is_loaded(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b", extra='glossary = "glossary.toml"', glossary='"inquiry" = "A careful look."'
    )
    assert load_book(root).glossary == {"inquiry": "A careful look."}


@pytest.mark.parametrize("name", ["book.toml", "pages/one.md"])
def test_a_folder_where_a_file_should_be_is_reported(tmp_path: Path, name: str) -> None:
    root = write_book(tmp_path / "b", {"one.md": "Words.", "two.md": "More."})
    target = root / name
    target.unlink()
    target.mkdir()
    assert any("folder, not a file" in message for message in messages(root))


def test_content_notes_talking_points_and_marked_words_are_loaded(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        manifest=(
            'title = "B"\nlanguage = "en"\nglossary = "glossary.toml"\n'
            '[[pages]]\nid = "x"\nfile = "pages/x.md"\ntitle = "X"\n'
            'content_note = "The next pages talk about hard things."\n'
            'talking_points = ["Ask what they think.", "Listen."]\n'
        ),
        glossary='"Inquiry" = "A careful look."\n',
    )
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "x.md").write_text("The [[inquiry]] listened.")
    book = load_book(root)
    assert book.problems == ()
    page = book.pages[0]
    assert page.content_note == "The next pages talk about hard things."
    assert page.talking_points == ("Ask what they think.", "Listen.")
    assert page.glossary_terms == {"inquiry"}
    assert book.meaning("INQUIRY") == "A careful look."


def test_talking_points_must_be_a_list_of_sentences(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "b",
        manifest=(
            'title = "B"\nlanguage = "en"\n'
            '[[pages]]\nid = "x"\nfile = "pages/x.md"\ntitle = "X"\ntalking_points = "one"\n'
        ),
    )
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "x.md").write_text("Words.")
    assert any("talking_points" in message for message in messages(root))


def test_pages_are_rendered_when_first_wanted_and_checked_in_full(tmp_path: Path) -> None:
    too_deep = "> " * 40 + "Words."
    root = write_book(tmp_path / "b", {"a.md": "Alpha.", "deep.md": too_deep, "c.md": "Gamma."})
    book = load_book(root)
    # Opening the book reads and checks its files but renders no page yet, so
    # a page whose Markdown cannot be rendered is not known to be broken...
    assert book.load_problems == ()
    # ...until that page is wanted, or every problem is asked for.
    assert not book.pages[1].ok
    assert [str(problem) for problem in book.problems] == [
        "pages/deep.md: this page could not be turned into a page: "
        "it is nested too deeply (more than 32 levels)"
    ]
    assert "Gamma." in (book.pages[2].html or "")


def test_pages_rendered_from_several_threads_at_once_come_out_whole(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    body = "\n\n".join(f"Line {line} of page {{n}}, *kept* apart." for line in range(40))
    texts = {f"p{n}.md": f"# Heading {n}\n\n" + body.format(n=n) for n in range(12)}
    book = load_book(write_book(tmp_path / "b", texts))
    # Switch threads as often as Python allows, so any sharing shows.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            shown = list(pool.map(lambda page: page.html or "", book.pages))
    finally:
        sys.setswitchinterval(interval)
    for n, html in enumerate(shown):
        assert html.count(f"of page {n}, <em>kept</em> apart.") == 40
        assert f"Heading {n}</h1>" in html
