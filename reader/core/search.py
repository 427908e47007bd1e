"""Find a word in the book: an index of every shown sentence, and forgiving matching. No Qt.

Children type words the way they remember them, so a word matches when:

- it is the same after folding: any case, curly or straight apostrophes,
  accents (é is e);
- it has the same stem (Snowball's English stemmer): "social workers" finds
  "social worker", "helping" finds "help";
- it is the last word typed and a word of the book starts with it, so
  results come as the reader types;
- when nothing matches like that, it is one slip away (one letter added,
  left out, changed, or two next to each other swapped: an optimal string
  alignment distance of 1) from a word of the book, for words of five
  letters or more; the results then say "Did you mean …?".

Words of several words match as a phrase, in order, inside one sentence.
Glossary words come first, with their meaning. Nothing here keeps what
was searched for.

The index is built once for a given ``Book`` (see ``SearchIndex.build``)
and never changes, so it can be built on one thread and read on another.
"""

from __future__ import annotations

import bisect
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import snowballstemmer

from reader.core.page_text import shown_blocks
from reader.core.sentences import Block, split_sentences

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from reader.core.book import Book

# A slip is forgiven only in longer words: in short ones it makes another word.
FUZZY_MIN_LETTERS = 5
# Shorter beginnings than this match too many words to help.
PREFIX_MIN_LETTERS = 3
# Typing more than this is not looking for a word; the rest is ignored.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
# A place in the book is one number: sentence * PLACE_BASE + word. A page has
# at most 50,000 characters (render.MAX_PAGE_CHARS), so no page's sentence has this
# many words.
PLACE_BASE = 1 << 16
# Unsigned 64-bit: room for any number of sentences a book can have.
PLACES_TYPE = "Q"
# Unsigned, at least 32-bit: pages, stems and places in a sentence.
NUMBERS_TYPE = "L"
# Not the number of any stem: what a word the book lacks is given.
NO_STEM = 2**32 - 1

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ`´′", "'"))


def fold(text: str) -> str:
    """``text`` as it is compared: case folded, apostrophes straight, accents gone."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True, slots=True)
class PageMatch:
    """A page that has the words: where they first are, and how many times."""

    page_index: int
    page_id: str
    title: str
    sentence: str
    # Where the words are in ``sentence``, in code points; ``end`` is exclusive.
    start: int
    end: int
    places: int

    @property
    def number(self) -> int:
        """The page number a person sees: the first page is page 1."""
        return self.page_index + 1

    @property
    def matched(self) -> str:
        return self.sentence[self.start : self.end]


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    word: str
    meaning: str


@dataclass(frozen=True)
class Results:
    query: str
    glossary: tuple[GlossaryMatch, ...] = ()
    pages: tuple[PageMatch, ...] = ()
    # Set when nothing matched exactly and these results are for a word one slip away.
    suggestion: str | None = None

    @property
    def empty(self) -> bool:
        return not self.glossary and not self.pages


@dataclass(frozen=True, slots=True)
class _Term:
    word: str
    meaning: str
    stems: tuple[str, ...]


@dataclass
class _Keys:
    """Folds and stems words, remembering each so a long book pays once per word."""

    stemmer: snowballstemmer.Stemmer = field(
        default_factory=lambda: snowballstemmer.stemmer("english")
    )
    known: dict[str, tuple[str, str]] = field(default_factory=dict)

    def of(self, word: str) -> tuple[str, str]:
        found = self.known.get(word)
        if found is None:
            found = self.unremembered(word)
            self.known[word] = found
        return found

    def unremembered(self, word: str) -> tuple[str, str]:
        """The keys of a word typed into Find, which is never kept."""
        folded = fold(word)
        return folded, self.stemmer.stemWord(folded)


@dataclass(frozen=True)
class SearchIndex:
    """Every sentence a book shows, with its words folded and stemmed."""

    # Every sentence the book shows, in reading order, as columns of arrays of
    # numbers: the garbage collector has nothing in them to look through, so a long
    # book's tens of thousands of sentences do not lengthen its pauses (which hold
    # up the UI thread too).
    sentence_page: array[int]
    sentence_text: tuple[str, ...]
    # Where each word starts and ends in its sentence, one after another.
    sentence_bounds: tuple[array[int], ...]
    # Each word's stem, as its number in ``stem_number``.
    sentence_stems: tuple[array[int], ...]
    stem_number: dict[str, int]
    pages: tuple[tuple[str, str], ...]  # (id, title) of each page
    terms: tuple[_Term, ...]
    # stem -> its places in reading order, each sentence * PLACE_BASE + word. Arrays, not
    # lists: the garbage collector never has to look through them.
    postings: dict[str, array[int]]
    # Every folded word, sorted (for beginnings), with its stem and its usual spelling.
    words: list[str]
    stem_of: dict[str, str]
    spelling: dict[str, str]
    _keys: _Keys = field(repr=False, compare=False)

    @classmethod
    def build(cls, book: Book) -> SearchIndex:
        """Index ``book``: every page it shows, and its glossary. Renders pages not yet rendered."""
        keys = _Keys()
        known = keys.known
        page_of = array(NUMBERS_TYPE)
        texts: list[str] = []
        all_bounds: list[array[int]] = []
        all_stems: list[array[int]] = []
        postings: dict[str, array[int]] = {}
        numbers: dict[str, int] = {}
        for page_index, page in enumerate(book.pages):
            for sentence in split_sentences(shown_blocks(page)):
                place = len(texts) * PLACE_BASE
                stems = array(NUMBERS_TYPE)
                bounds = array(NUMBERS_TYPE)
                # A place has room for PLACE_BASE words; a sentence longer than any
                # page can hold (in a hostile title, say) is indexed that far.
                for word in sentence.words[: PLACE_BASE - 1]:
                    text = word.text
                    stem = (known.get(text) or keys.of(text))[1]
                    places = postings.get(stem)
                    if places is None:
                        places = postings[stem] = array(PLACES_TYPE)
                        numbers[stem] = len(numbers)
                    stems.append(numbers[stem])
                    places.append(place)
                    place += 1
                    bounds.append(word.start - sentence.start)
                    bounds.append(word.end - sentence.start)
                page_of.append(page_index)
                texts.append(sentence.text)
                all_bounds.append(bounds)
                all_stems.append(stems)
        terms = []
        for term, meaning in book.glossary.items():
            parts = tuple(keys.of(part)[1] for part in _query_words(term))
            terms.append(_Term(term, meaning, parts))
        stem_of = {folded: stem for folded, stem in known.values()}
        # "Did you mean" spells a word as the book does: in small letters if it ever
        # writes it so (not "Consent" for starting a sentence), else as first written.
        spelling: dict[str, str] = {}
        for text, (folded, _stem) in known.items():
            if folded not in spelling or (text.islower() and not spelling[folded].islower()):
                spelling[folded] = text
        return cls(
            sentence_page=page_of,
            sentence_text=tuple(texts),
            sentence_bounds=tuple(all_bounds),
            sentence_stems=tuple(all_stems),
            stem_number=numbers,
            pages=tuple((page.id, page.title) for page in book.pages),
            terms=tuple(terms),
            postings=postings,
            words=sorted(spelling),
            stem_of=stem_of,
            spelling=spelling,
            _keys=keys,
        )

    def find(self, query: str) -> Results:
        """What the book has for ``query``: glossary words first, then pages in book order."""
        words = [self._keys.unremembered(text) for text in _query_words(query)]
        words = [(folded, stem) for folded, stem in words if folded]
        if not words:
            return Results(query)
        exact = [{stem} for _folded, stem in words]
        last_folded = words[-1][0]
        if len(last_folded) >= PREFIX_MIN_LETTERS:
            exact[-1] |= {self.stem_of[word] for word in self._starting_with(last_folded)}
        own = tuple(stem for _folded, stem in words)
        results = self._results(query, exact, own)
        if not results.empty:
            return results
        forgiving = [
            choices | self._one_slip_away(folded) if len(folded) >= FUZZY_MIN_LETTERS else choices
            for choices, (folded, _stem) in zip(exact, words, strict=True)
        ]
        if forgiving == exact:
            return results
        results = self._results(query, forgiving, own)
        if results.empty:
            return Results(query)
        return Results(query, results.glossary, results.pages, self._suggestion(results))

    # Matching --------------------------------------------------------------

    def _results(self, query: str, choices: Sequence[set[str]], own: tuple[str, ...]) -> Results:
        """The glossary words and pages that have ``choices``' stems, one after another.

        A page's card shows its first place with the very words typed (their
        stems), or failing that its first place with words that begin with
        them or are one slip away.
        """
        glossary = tuple(
            GlossaryMatch(term.word, term.meaning)
            for term in self.terms
            if len(term.stems) >= len(choices)
            and all(stem in allowed for stem, allowed in zip(term.stems, choices, strict=False))
        )
        first: dict[int, tuple[int, int, int]] = {}
        places: Counter[int] = Counter()
        length = len(own)
        # A stem the book does not have is no number of the book's.
        own_numbers = array(NUMBERS_TYPE, (self.stem_number.get(stem, NO_STEM) for stem in own))
        for sentence_index, position in self._phrase_places(choices):
            page = self.sentence_page[sentence_index]
            places[page] += 1
            stems = self.sentence_stems[sentence_index]
            tier = 0 if stems[position : position + length] == own_numbers else 1
            place = (tier, sentence_index, position)
            if page not in first or place < first[page]:
                first[page] = place
        pages = []
        for page in sorted(first):
            _tier, sentence_index, position = first[page]
            bounds = self.sentence_bounds[sentence_index]
            start, end = bounds[2 * position], bounds[2 * (position + length - 1) + 1]
            page_id, title = self.pages[page]
            text = self.sentence_text[sentence_index]
            pages.append(PageMatch(page, page_id, title, text, start, end, places[page]))
        return Results(query, glossary, tuple(pages))

    def _phrase_places(self, choices: Sequence[set[str]]) -> Iterable[tuple[int, int]]:
        numbers = self.stem_number
        rest = [{numbers[stem] for stem in allowed if stem in numbers} for allowed in choices[1:]]
        for stem in choices[0]:
            for place in self.postings.get(stem, ()):
                sentence_index, position = divmod(place, PLACE_BASE)
                if not rest:
                    yield sentence_index, position
                    continue
                stems = self.sentence_stems[sentence_index]
                if position + len(rest) >= len(stems):
                    continue
                if all(
                    stems[position + offset] in allowed
                    for offset, allowed in enumerate(rest, start=1)
                ):
                    yield sentence_index, position

    def _starting_with(self, beginning: str) -> list[str]:
        found = []
        at = bisect.bisect_left(self.words, beginning)
        while at < len(self.words) and self.words[at].startswith(beginning):
            found.append(self.words[at])
            at += 1
        return found

    def _one_slip_away(self, folded: str) -> set[str]:
        return {self.stem_of[word] for word in self.words if one_slip(folded, word)}

    def _suggestion(self, results: Results) -> str:
        """The words the forgiving results found, spelt as the book spells them most."""
        if results.glossary:
            return results.glossary[0].word
        return " ".join(
            self.spelling.get(fold(word), word) for word in _query_words(results.pages[0].matched)
        )


def one_slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one slip: a letter added, left out or changed,
    or two letters next to each other swapped (an optimal string alignment distance of 1).

    Only "one slip or not" is ever asked, so this compares the two words once,
    with no table of distances: Find asks it of every word in the book.
    """
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    # The first place they differ; before it they are the same.
    first = next(
        (at for at, (mine, theirs) in enumerate(zip(typed, word, strict=False)) if mine != theirs),
        min(len(typed), len(word)),
    )
    if len(typed) == len(word):
        changed = typed[first + 1 :] == word[first + 1 :]
        swapped = (
            first + 1 < len(typed)
            and typed[first] == word[first + 1]
            and typed[first + 1] == word[first]
            and typed[first + 2 :] == word[first + 2 :]
        )
        return changed or swapped
    longer, shorter = (typed, word) if len(typed) > len(word) else (word, typed)
    return longer[first + 1 :] == shorter[first:]


def locate(blocks: Sequence[Block], match: PageMatch) -> tuple[int, int, int] | None:
    """Where ``match`` is in a page's shown ``blocks``: (block, start, end), in UTF-16.

    The page view's blocks may space their words differently (a line break is
    a line separator there), so the sentence is found by its words, and the
    found words by their place among them.
    """
    wanted = match.sentence.split()
    words = [
        word
        for sentence in split_sentences([Block("paragraph", match.sentence)])
        for word in sentence.words
    ]
    inside = [index for index, word in enumerate(words) if match.start <= word.start < match.end]
    if not inside:
        return None
    for sentence in split_sentences(blocks):
        if sentence.text.split() == wanted and len(sentence.words) == len(words):
            first, last = sentence.words[inside[0]], sentence.words[inside[-1]]
            return sentence.block, first.start_utf16, last.end_utf16
    return None


def _query_words(text: str) -> list[str]:
    """The words of what was typed, split by the same rules as the book's sentences."""
    text = text[:MAX_QUERY_CHARS]
    words = [
        word.text
        for sentence in split_sentences([Block("paragraph", text)])
        for word in sentence.words
    ]
    return words[:MAX_QUERY_WORDS]
