"""The editions of a book: how editions.toml is read, and where a switch lands."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.editions import ONLY_EDITION, Editions, load_editions, same_place
from reader.core.loader import load_book
from reader.core.settings import Managed, Settings, SettingsStore
from reader.resources import default_book_dir
from tests.conftest import SAMPLE_BOOK_DIR, write_book

QUICK_IDS = ("welcome", "keys", "help")


def _editions_file(root: Path, text: str) -> Path:
    (root / "editions.toml").write_text(text, encoding="utf-8")
    return root


def _two_editions(root: Path) -> Path:
    write_book(root)
    write_book(root / "short", {"one.md": "Only page."})
    return _editions_file(
        root,
        '[[editions]]\nid = "long"\nfolder = "."\nlabel = "Long"\ntaste = "All of it."\n'
        '[[editions]]\nid = "short"\nfolder = "short"\nlabel = "Short"\ntaste = "Less."\n',
    )


def test_the_bundled_book_has_a_younger_and_an_older_edition() -> None:
    editions = load_editions(default_book_dir())
    assert editions.problems == ()
    assert [edition.id for edition in editions] == ["younger", "older"]
    assert editions.choosable and editions.first.id == "younger"
    assert editions.book("older").subtitle == "A version for young people (13 and over)"
    assert "children and young people" in editions.book("younger").subtitle


def test_the_sample_book_shows_the_format_with_two_editions() -> None:
    editions = load_editions(SAMPLE_BOOK_DIR)
    assert editions.problems == ()
    assert [(e.id, e.label) for e in editions] == [
        ("full", "The whole guide"),
        ("quick", "The quick guide"),
    ]
    quick = editions.book("quick")
    assert quick.problems == ()
    assert tuple(page.id for page in quick.pages) == QUICK_IDS


def test_a_folder_with_no_editions_file_is_a_book_with_one_edition(tmp_path: Path) -> None:
    root = write_book(tmp_path / "b")
    editions = load_editions(root)
    assert [edition.id for edition in editions] == [ONLY_EDITION]
    assert not editions.choosable
    assert editions.book("anything").title == "A test book"


def test_each_edition_is_loaded_once_and_an_unknown_id_means_the_first(tmp_path: Path) -> None:
    editions = load_editions(_two_editions(tmp_path / "b"))
    assert editions.book("short") is editions.book("short")
    assert len(editions.book("short").pages) == 1
    assert editions.book("no-such-edition") is editions.book("long")
    assert editions.edition_of(editions.book("short")).id == "short"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[editions]\n", "could not be read"),
        ("editions = 3\n", "there are no editions"),
        ('[[editions]]\nid = "a"\nfolder = "."\nlabel = "A"\n', "needs a “taste”"),
        ('[[editions]]\nid = "A B"\nfolder = "."\nlabel = "A"\ntaste = "t"\n', "small letters"),
        ('[[editions]]\nid = "a"\nfolder = "../x"\nlabel = "A"\ntaste = "t"\n', "outside"),
        ('[[editions]]\nid = "a"\nfolder = "/etc"\nlabel = "A"\ntaste = "t"\n', "absolute"),
        ('[[editions]]\nid = "a"\nfolder = "nope"\nlabel = "A"\ntaste = "t"\n', "no folder"),
        ('[[editions]]\nid = "a"\nfolder = "."\nlabel = "A"\ntaste = "t"\ncolour = 1\n', "colour"),
        ('title = "x"\n[[editions]]\nid = "a"\nfolder = "."\nlabel = "A"\ntaste = "t"\n', "title"),
    ],
)
def test_a_bad_editions_file_is_reported_and_the_book_still_opens(
    tmp_path: Path, text: str, words: str
) -> None:
    root = _editions_file(write_book(tmp_path / "b"), text)
    editions = load_editions(root)
    assert any(words in str(problem) for problem in editions.problems), editions.problems
    assert all(str(problem).startswith("editions.toml") for problem in editions.problems)
    assert editions.book(editions.first.id).title == "A test book"


def test_an_id_used_twice_is_reported(tmp_path: Path) -> None:
    entry = '[[editions]]\nid = "a"\nfolder = "."\nlabel = "A"\ntaste = "t"\n'
    editions = load_editions(_editions_file(write_book(tmp_path / "b"), entry * 2))
    assert len(editions) == 1
    assert "used twice" in str(editions.problems[0])


def test_switching_keeps_the_page_with_the_same_id() -> None:
    editions = load_editions(SAMPLE_BOOK_DIR)
    full, quick = editions.book("full").pages, editions.book("quick").pages
    for index, page in enumerate(full):
        landed = quick[same_place(full, index, quick)]
        if page.id in QUICK_IDS:
            assert landed.id == page.id


@pytest.mark.parametrize(
    ("page_id", "lands_on"),
    [
        # One page back is nearest (the page before is shared).
        ("turning-pages", "welcome"),
        ("words", "help"),
        # colours (3): one back (text-size) and one on (contents) are not shared,
        # nor is two back (turning-pages); two on is help.
        ("colours", "help"),
        ("contents", "help"),
        ("text-size", "welcome"),
    ],
)
def test_a_page_the_other_edition_lacks_lands_on_the_nearest_shared_page(
    page_id: str, lands_on: str
) -> None:
    editions = load_editions(SAMPLE_BOOK_DIR)
    full, quick = editions.book("full"), editions.book("quick")
    index = full.index_of(page_id)
    assert index is not None
    assert quick.pages[same_place(full.pages, index, quick.pages)].id == lands_on


def test_the_older_editions_own_page_lands_on_the_page_before_it() -> None:
    editions = load_editions(default_book_dir())
    older, younger = editions.book("older"), editions.book("younger")
    index = older.index_of("is-this-exploitation")
    assert index is not None
    assert younger.pages[same_place(older.pages, index, younger.pages)].id == "what-is-cse"


def test_editions_that_share_no_page_land_on_the_first(tmp_path: Path) -> None:
    one = load_book(write_book(tmp_path / "a", {"x.md": "X.", "y.md": "Y."}))
    manifest = 'title = "B"\nlanguage = "en"\n[[pages]]\nid = "zed"\nfile = "pages/z.md"\n'
    other = load_book(write_book(tmp_path / "b", {"z.md": "Z."}, manifest=manifest + 'title = "Z"'))
    assert same_place(one.pages, 1, other.pages) == 0


def test_a_single_book_is_its_own_only_edition(sample_book: object) -> None:
    editions = Editions.single(sample_book)  # type: ignore[arg-type]
    assert editions.book(ONLY_EDITION) is sample_book and not editions.choosable


def test_the_edition_is_a_setting_that_is_kept(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load().edition == ""
    store.save(Settings(edition="older"))
    assert SettingsStore(tmp_path).load().edition == "older"


def test_an_administrator_can_set_the_edition_and_lock_it(tmp_path: Path) -> None:
    managed = Managed({"edition": "older"}, frozenset({"edition"}))
    store = SettingsStore(tmp_path, managed)
    assert store.load().edition == "older"
    store.save(Settings(edition="younger"))
    assert SettingsStore(tmp_path, managed).load().edition == "older"
    unlocked = SettingsStore(tmp_path / "other", Managed({"edition": "older"}))
    assert unlocked.load().edition == "older"
