"""A page's readable text as sentences and words, with offsets for highlighting.

Read-aloud speaks one sentence at a time and highlights the word being
spoken, so every sentence and word carries its place in its block twice:
in code points (Python's ``str`` indices, what the speech engine reports)
and in UTF-16 code units (what Qt's text positions count). The two differ
after any character outside the Basic Multilingual Plane, such as an emoji.

The rules are hand-written and deliberately few: the books are short and
plain, and a wrong split only moves a pause. A block (heading, paragraph,
list item, picture description) is never joined to the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

BlockKind = Literal["heading", "paragraph", "item", "picture"]


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of readable text: a heading, paragraph, list item or picture's alt text."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Word:
    """A word and where it lies in its block (``end`` is exclusive)."""

    text: str
    start: int
    end: int
    start_utf16: int
    end_utf16: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one block; offsets and the words' offsets are within that block."""

    text: str
    block: int
    kind: BlockKind
    start: int
    end: int
    start_utf16: int
    end_utf16: int
    words: tuple[Word, ...]
    last_in_block: bool


# Words that end with a full stop but almost never end a sentence: they
# come before a name or an example. Compared in lower case, without the dot.
_NEVER_FINAL = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "st", "e.g", "i.e", "vs", "cf"})

# Closing quotes and brackets stay with the sentence they close.
_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
# Trimmed from the ends of a word; what is left inside (it’s, 3.5, 1,000) stays.
_EDGE_PUNCTUATION = _CLOSERS + _OPENERS + ".,;:!?…-–—*_/"

_BOUNDARY = re.compile(r"(?:\.{3}|[.!?…])+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_TOKEN = re.compile(r"\S+")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


def split_sentences(blocks: Sequence[Block]) -> list[Sentence]:
    """Split every block into sentences; blocks with nothing to say give none."""
    sentences: list[Sentence] = []
    for index, block in enumerate(blocks):
        utf16 = _utf16_offsets(block.text)
        # A span of only dashes or dots has nothing to say, so it is not a sentence.
        spans = [
            (start, end, words)
            for start, end in _sentence_spans(block.text)
            if (words := _words(block.text, start, end, utf16))
        ]
        for number, (start, end, words) in enumerate(spans):
            sentences.append(
                Sentence(
                    text=block.text[start:end],
                    block=index,
                    kind=block.kind,
                    start=start,
                    end=end,
                    start_utf16=utf16[start],
                    end_utf16=utf16[end],
                    words=words,
                    last_in_block=number == len(spans) - 1,
                )
            )
    return sentences


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 position of code point ``index`` in ``text``."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def _utf16_offsets(text: str) -> list[int]:
    # One entry per code point plus one for the end, so any [start, end) converts.
    if not text or max(text) <= "\uffff":
        # Nothing outside the Basic Multilingual Plane (almost every page): they are equal.
        return list(range(len(text) + 1))
    offsets = [0] * (len(text) + 1)
    for index, char in enumerate(text):
        offsets[index + 1] = offsets[index] + (2 if ord(char) > 0xFFFF else 1)
    return offsets


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ends_sentence(text, match):
            spans.append(_strip(text, start, match.end()))
            start = match.end()
    spans.append(_strip(text, start, len(text)))
    return [(begin, end) for begin, end in spans if begin < end]


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    # Index scans rather than slices: a long page has thousands of candidates.
    after = match.end()
    while after < len(text) and text[after].isspace():
        after += 1
    if after == len(text):
        return True
    first = after
    while first < len(text) - 1 and text[first] in _OPENERS:
        first += 1
    # "Help!" she said. / e.g. cats / Wait... what? — the sentence goes on.
    if text[first].islower():
        return False
    if match.group().rstrip(_CLOSERS) != ".":
        return True
    begin = match.start()
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin : match.start()].lstrip(_OPENERS)
    if word.lower() in _NEVER_FINAL:
        return False
    # A lone capital before a full stop is an initial (J. K. Rowling), but "I." ends.
    return not (len(word) == 1 and word.isupper() and word != "I")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str, start: int, end: int, utf16: list[int]) -> tuple[Word, ...]:
    words: list[Word] = []
    for token in _TOKEN.finditer(text, start, end):
        first, last = token.start(), token.end()
        while first < last and text[first] in _EDGE_PUNCTUATION:
            first += 1
        while last > first and text[last - 1] in _EDGE_PUNCTUATION:
            last -= 1
        # Keep the final dot of a dotted abbreviation: U.N., e.g., a.m.
        if last < token.end() and text[last] == "." and _DOTTED.fullmatch(text, first, last):
            last += 1
        if first < last:
            words.append(Word(text[first:last], first, last, utf16[first], utf16[last]))
    return tuple(words)
