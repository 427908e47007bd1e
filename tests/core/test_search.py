"""Find's matching rules, on the real book and on made-up pages. No window."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.book import Book
from reader.core.loader import load_book
from reader.core.page_text import html_blocks, shown_blocks
from reader.core.search import PageMatch, SearchIndex, fold, locate, one_slip
from reader.core.sentences import Block
from reader.resources import default_book_dir
from tests.conftest import write_book


@pytest.fixture(scope="module")
def real() -> SearchIndex:
    return SearchIndex.build(load_book(default_book_dir()))


def made_up(tmp_path: Path, pages: dict[str, str], glossary: str | None = None) -> SearchIndex:
    extra = 'glossary = "glossary.toml"' if glossary is not None else ""
    root = write_book(tmp_path / "book", pages, glossary=glossary, extra=extra)
    return SearchIndex.build(load_book(root))


def page_numbers(index: SearchIndex, query: str) -> list[int]:
    return [match.number for match in index.find(query).pages]


# The real book -------------------------------------------------------------


def test_consent_finds_its_pages_with_the_glossary_meaning_first(real: SearchIndex) -> None:
    results = real.find("consent")
    assert [(found.word, found.meaning) for found in results.glossary] == [
        (
            "consent",
            "Saying yes by choice, knowing what it means, without being pushed, tricked or scared.",
        )
    ]
    assert page_numbers(real, "consent") == [7, 12]
    first = results.pages[0]
    assert (first.page_id, first.title) == ("six-reports", "What were the six reports about?")
    assert first.sentence == "One looked at what young people understand about consent."
    assert first.matched == "consent"
    assert results.suggestion is None


def test_social_workers_finds_social_worker_in_any_case(real: SearchIndex) -> None:
    plural = real.find("social workers")
    assert [found.word for found in plural.glossary] == ["social worker"]
    matched = {match.number: match.matched for match in plural.pages}
    # Page 2 says "social workers"; pages 10 and 11 say "social worker".
    assert matched[2] == "social workers"
    assert matched[10] == "social worker"
    assert matched[11] == "social worker"
    assert page_numbers(real, "SOCIAL WORKER") == page_numbers(real, "social workers")
    assert page_numbers(real, "Social Worker's") == page_numbers(real, "social workers")


def test_curly_and_straight_apostrophes_find_the_same_words(real: SearchIndex) -> None:
    straight = real.find("it's not better")
    curly = real.find("it’s not better")
    assert [match.number for match in straight.pages] == [8, 9]
    assert straight.pages == curly.pages
    assert straight.pages[0].matched == "it's not better"


def test_accents_are_not_needed_and_do_not_get_in_the_way(real: SearchIndex) -> None:
    assert page_numbers(real, "cönsént") == page_numbers(real, "consent") == [7, 12]
    assert real.find("cönsént").suggestion is None


def test_a_slip_in_a_long_word_is_forgiven_and_said(real: SearchIndex) -> None:
    swapped = real.find("consnet")
    assert swapped.suggestion == "consent"
    assert [match.number for match in swapped.pages] == [7, 12]
    assert [match.matched for match in swapped.pages] == ["consent", "Consent"]
    missing = real.find("exploitaton")
    assert missing.suggestion == "exploitation"
    assert missing.pages and all(m.matched.casefold() == "exploitation" for m in missing.pages)
    two_words = real.find("socail worker")
    assert two_words.suggestion == "social worker"


def test_a_slip_in_a_short_word_is_not_guessed(real: SearchIndex) -> None:
    # "gnag" is one swap from "gang", but in four-letter words that guesses wrong too often.
    results = real.find("gnag")
    assert results.empty
    assert results.suggestion is None


def test_words_the_book_does_not_have_find_nothing(real: SearchIndex) -> None:
    results = real.find("xylophone")
    assert results.empty
    assert results.suggestion is None


def test_the_beginning_of_a_word_finds_it_while_typing(real: SearchIndex) -> None:
    results = real.find("Childl")
    assert [found.word for found in results.glossary] == ["Childline"]
    assert all(match.matched.startswith("Childline") for match in results.pages)
    assert [match.number for match in results.pages] == page_numbers(real, "Childline")
    # Two letters are not enough to go on.
    assert real.find("co").empty


def test_a_page_card_shows_its_first_place_with_the_very_word(real: SearchIndex) -> None:
    # "help" also begins "helps" and "helpline": a page says "help" itself first when it can.
    for match in real.find("help").pages:
        assert match.matched.casefold().startswith("help")
    page_four = next(match for match in real.find("help").pages if match.number == 4)
    assert page_four.matched == "help"
    assert page_four.places >= 2


def test_every_result_names_its_page_and_marks_words_inside_its_sentence(
    real: SearchIndex,
) -> None:
    book = load_book(default_book_dir())
    for query in ("report", "children", "safe", "Get help", "the"):
        results = real.find(query)
        assert results.pages, query
        for match in results.pages:
            page = book.pages[match.page_index]
            assert (match.page_id, match.title) == (page.id, page.title)
            assert 0 <= match.start < match.end <= len(match.sentence)
            shown = " ".join(block.text for block in shown_blocks(page))
            assert match.sentence in shown


def test_the_index_holds_every_page_the_book_shows_and_no_alt_text(real: SearchIndex) -> None:
    # The words of a picture's description are read aloud but not shown, so Find leaves them.
    assert page_numbers(real, "umbrella") == []
    book = load_book(default_book_dir())
    noted = [number for number, page in enumerate(book.pages, start=1) if page.content_note]
    assert noted
    assert page_numbers(real, "Before you read") == noted


# Made-up pages -------------------------------------------------------------


def test_made_up_pages_fold_accents_case_and_apostrophes(tmp_path: Path) -> None:
    index = made_up(
        tmp_path,
        {
            "one.md": "We met at the CAFÉ by the park.\n\nThe workers’ room is upstairs.",
            "two.md": "Nothing here.",
        },
    )
    cafe = index.find("cafe")
    assert [(match.number, match.matched) for match in cafe.pages] == [(1, "CAFÉ")]
    assert index.find("Café").pages == cafe.pages
    room = index.find("workers' room")
    assert [match.matched for match in room.pages] == ["workers’ room"]
    assert index.find("worker room").pages == room.pages


def test_a_phrase_matches_in_order_within_one_sentence(tmp_path: Path) -> None:
    index = made_up(tmp_path, {"one.md": "The dog ran. Home was near.", "two.md": "Ran home fast."})
    assert page_numbers(index, "ran home") == [2]
    assert page_numbers(index, "home ran") == []


def test_glossary_words_lead_even_when_the_pages_do_not_use_them(tmp_path: Path) -> None:
    index = made_up(
        tmp_path,
        {"one.md": "A [[carer]] helps.", "two.md": "No words to know."},
        glossary='"carer" = "An adult who looks after you."\n"inquiry" = "A careful look."',
    )
    results = index.find("inquiry")
    assert [(found.word, found.meaning) for found in results.glossary] == [
        ("inquiry", "A careful look.")
    ]
    assert results.pages == ()
    assert index.find("inquriy").suggestion == "inquiry"


def test_an_index_is_for_one_book(tmp_path: Path) -> None:
    first = made_up(tmp_path / "a", {"one.md": "Apples are red.", "two.md": "Pears."})
    second = made_up(tmp_path / "b", {"one.md": "Bananas are yellow.", "two.md": "Pears."})
    assert page_numbers(first, "apples") == [1]
    assert page_numbers(second, "apples") == []
    assert page_numbers(second, "bananas") == [1]


def test_what_is_typed_is_not_kept_by_the_index(real: SearchIndex) -> None:
    real.find("zebracrossing")
    real.find("secretword")
    assert "secretword" not in repr(real)
    assert all("secretword" not in word for word in real.words)
    assert "secretword" not in real._keys.known


def test_html_blocks_are_the_blocks_of_words_a_page_shows() -> None:
    blocks = html_blocks(
        "<h2>Who &amp; why</h2><p>One <strong>bold</strong> line<br>and the next.</p>"
        '<ul><li>first</li><li><p>second</p></li></ul><p class="figure"><img alt="A cat" '
        'src="bookimg:x.svg"><br><span class="caption">A caption</span></p>'
        "<table><tr><td>cell one</td><td>cell two</td></tr></table>"
    )
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "Who & why"),
        ("paragraph", "One bold line and the next."),
        ("item", "first"),
        ("item", "second"),
        ("paragraph", "A caption"),
        ("paragraph", "cell one"),
        ("paragraph", "cell two"),
    ]


def test_locate_finds_the_words_where_the_page_spaces_them_differently() -> None:
    match = PageMatch(0, "p1", "Title", "One bold line and the next.", 9, 13, 1)
    assert match.matched == "line"
    blocks = [Block("heading", "Title"), Block("paragraph", "One bold line\u2028and the next.")]
    block, start, end = locate(blocks, match) or (-1, -1, -1)
    assert block == 1
    assert blocks[1].text[start:end] == "line"
    assert locate([Block("paragraph", "Something else.")], match) is None


def osa_distance(a: str, b: str) -> int:
    """The optimal string alignment distance, by the textbook table, to check one_slip by."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[len(a)][len(b)]


def test_one_slip_is_a_letter_added_left_out_changed_or_two_swapped() -> None:
    assert one_slip("consnet", "consent")  # swapped
    assert one_slip("consen", "consent")  # left out
    assert one_slip("consennt", "consent")  # added
    assert one_slip("consant", "consent")  # changed
    assert one_slip("onsent", "consent") and one_slip("consentt", "consent")  # at the ends
    assert not one_slip("consent", "consent")  # the same is not a slip
    assert not one_slip("cnosnet", "consent")  # two slips
    assert not one_slip("constne", "consent")  # three letters moved round


@settings(max_examples=400, deadline=None)
@given(a=st.text(alphabet="abcs", max_size=7), b=st.text(alphabet="abcs", max_size=7))
def test_one_slip_is_an_osa_distance_of_one(a: str, b: str) -> None:
    assert one_slip(a, b) == (osa_distance(a, b) == 1)
    assert one_slip(a, b) == one_slip(b, a)


# Never raises ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_index() -> SearchIndex:
    from tests.conftest import SAMPLE_BOOK_DIR

    return SearchIndex.build(load_book(SAMPLE_BOOK_DIR))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.text(max_size=300))
def test_any_typing_gives_results_and_never_raises(real: SearchIndex, query: str) -> None:
    results = real.find(query)
    for match in results.pages:
        assert 0 <= match.start < match.end <= len(match.sentence)
    assert fold(query) == fold(fold(query))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.text(max_size=400), query=st.text(min_size=1, max_size=40))
def test_any_page_can_be_indexed_and_searched(tmp_path_factory, page: str, query: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("book")
    book: Book = load_book(write_book(root, {"one.md": page}))
    index = SearchIndex.build(book)
    index.find(query)
    for word in page.split()[:3]:
        found = index.find(word)
        for match in found.pages:
            assert match.sentence[match.start : match.end]
