"""Respellings used only when the book is read aloud.

A speech engine reads some of the book's words wrongly: espeak-ng says
"UNCRC" as one made-up word, "0800 1111" as "zero eight zero zero, one
thousand one hundred and eleven", "999" as "nine hundred and ninety-nine" and
"A+" as "uh plus". Before text goes to the speech engine, ``for_speech``
swaps such words for spellings every engine says the right way. The page on
screen never changes.

Each entry was checked with ``espeak-ng -v en-gb -q -x``; the test in
``tests/core/test_pronunciation.py`` runs espeak-ng on every respelling to
show the phonemes are the intended ones. Words espeak-ng already says right
("Commissioner", "Inquiry", "Childline", "childline.org.uk",
"Parliament"...) are left out on purpose.

Respelling changes the length of the text, so offsets reported by the
engine (for word highlighting) point into the spoken text, not the page.
``for_speech_with_map`` returns the spoken text with a map of segments, and
``to_original`` turns a range in the spoken text back into the range of the
page's words it came from. Offsets are Python string indices (code points);
convert to UTF-16 for Qt where the text has characters outside the BMP.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# Keys are matched as whole words. A key with no small letters (an acronym,
# a number or a symbol) is matched with its case exactly; a key with small
# letters is matched in any case. A space in a key matches any run of
# whitespace, so "0800 1111" is found even when a line breaks inside it.
PRONUNCIATIONS: dict[str, str] = {
    # Acronyms: letter by letter, the same on every engine.
    "CSE": "C S E",  # child sexual exploitation
    "UNCRC": "U N C R C",  # espeak-ng: "unk-ar-see"
    "NSPCC": "N S P C C",
    "OCC": "O C C",  # Office of the Children's Commissioner; espeak-ng: "ock"
    "UN": "U N",
    # Phone numbers are said digit by digit, the way people in the UK say them.
    "0800 1111": "oh eight oh oh, one one one one",
    "0808 800 5000": "oh eight oh eight, eight oh oh, five oh oh oh",
    "999": "nine nine nine",
    "101": "one oh one",
    # Childline's "1-2-1 chat" is a one-to-one chat; espeak-ng: "one dash two dash one".
    "1-2-1": "one to one",
    # The text size buttons: espeak-ng reads a lone "A" as "uh".
    "A+": "A-plus",
    "A\u2212": "A-minus",  # with a real minus sign, as on the button
    "A-": "A-minus",
}

# (spoken start, spoken end, original start, original end), end exclusive.
Span = tuple[int, int, int, int]


def _pattern(table: Mapping[str, str]) -> re.Pattern[str] | None:
    if not table:
        return None
    alternatives = []
    # Longest first, so "0808 800 5000" wins over anything inside it.
    for key in sorted(table, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in key.split())
        if any(character.islower() for character in key):
            body = f"(?i:{body})"
        alternatives.append(body)
    # Whole words only: no letter, digit or underscore touching either end.
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _lookup(table: Mapping[str, str]) -> dict[str, str]:
    """Normalised key -> respelling: exact for acronyms, case-folded otherwise."""
    found: dict[str, str] = {}
    for key, spoken in table.items():
        normal = " ".join(key.split())
        found[normal.casefold() if any(c.islower() for c in key) else normal] = spoken
    return found


_PATTERN = _pattern(PRONUNCIATIONS)
_LOOKUP = _lookup(PRONUNCIATIONS)


def _respelling(word: str) -> str:
    normal = " ".join(word.split())
    return _LOOKUP.get(normal) or _LOOKUP[normal.casefold()]


def for_speech(text: str) -> str:
    """``text`` with every word in ``PRONUNCIATIONS`` swapped for its respelling."""
    return for_speech_with_map(text)[0]


def for_speech_with_map(text: str) -> tuple[str, list[Span]]:
    """The spoken text, and segments mapping it back to ``text``.

    The segments cover both texts from start to end, in order, with no gaps:
    ``(spoken_start, spoken_end, original_start, original_end)``. A segment
    of unchanged text has the same length on both sides; a respelled word is
    one segment of its own (its spoken and original lengths always differ).
    """
    spans: list[Span] = []
    if _PATTERN is None:
        return text, [(0, len(text), 0, len(text))] if text else []
    parts: list[str] = []
    spoken_at = 0
    original_at = 0
    for match in _PATTERN.finditer(text):
        start, end = match.span()
        if start > original_at:
            run = text[original_at:start]
            parts.append(run)
            spans.append((spoken_at, spoken_at + len(run), original_at, start))
            spoken_at += len(run)
        spoken = _respelling(match.group(0))
        parts.append(spoken)
        spans.append((spoken_at, spoken_at + len(spoken), start, end))
        spoken_at += len(spoken)
        original_at = end
    if original_at < len(text):
        run = text[original_at:]
        parts.append(run)
        spans.append((spoken_at, spoken_at + len(run), original_at, len(text)))
    return "".join(parts), spans


def to_original(spans: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """The range of the original text that spoken ``[start, end)`` came from.

    Inside unchanged text the offsets move across one for one; a range that
    touches any part of a respelled word covers the whole original word, so
    highlighting "eight" in "oh eight oh oh" marks all of "0800 1111".
    """
    if not spans:
        return start, end
    start_mapped = _map(spans, start, at_end=False)
    end_mapped = _map(spans, max(start, end), at_end=True)
    return start_mapped, max(start_mapped, end_mapped)


def _map(spans: Sequence[Span], offset: int, *, at_end: bool) -> int:
    for spoken_start, spoken_end, original_start, original_end in spans:
        inside = (
            spoken_start < offset <= spoken_end if at_end else spoken_start <= offset < spoken_end
        )
        if not inside:
            continue
        if spoken_end - spoken_start == original_end - original_start:
            return original_start + (offset - spoken_start)
        return original_end if at_end else original_start
    # Before the first segment or past the last: clamp to the text's ends.
    last = spans[-1]
    return 0 if offset <= 0 else last[3]
