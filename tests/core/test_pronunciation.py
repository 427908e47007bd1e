"""Respellings for read-aloud: whole words only, the page text untouched, offsets mapped back."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise

import pytest

from reader.core.pronunciation import (
    PRONUNCIATIONS,
    for_speech,
    for_speech_with_map,
    to_original,
)

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None, reason="espeak-ng is not installed, so its phonemes can't be checked"
)


def espeak_phonemes(text: str) -> str:
    """What espeak-ng (British English) would say for ``text``, as phoneme mnemonics."""
    assert ESPEAK is not None
    done = subprocess.run(
        [ESPEAK, "-v", "en-gb", "-q", "-x", text],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    # espeak-ng puts clause breaks on new lines; one line is easier to compare.
    return " ".join(done.stdout.split())


def test_acronyms_are_spelled_out() -> None:
    assert for_speech("CSE is abuse.") == "C S E is abuse."
    assert for_speech("The UNCRC sets out your rights.") == "The U N C R C sets out your rights."
    assert for_speech("Call the NSPCC.") == "Call the N S P C C."


def test_phone_numbers_are_read_as_digits() -> None:
    assert for_speech("call 0800 1111, free") == "call oh eight oh oh, one one one one, free"
    assert for_speech("call 999.") == "call nine nine nine."
    assert for_speech("Police: 101.") == "Police: one oh one."
    assert for_speech("NSPCC Helpline: 0808 800 5000.") == (
        "N S P C C Helpline: oh eight oh eight, eight oh oh, five oh oh oh."
    )


def test_a_number_split_over_two_lines_is_still_found() -> None:
    assert for_speech("call 0800\n1111") == "call oh eight oh oh, one one one one"


def test_text_size_buttons() -> None:
    assert for_speech("Press A+ or A\u2212.") == "Press A-plus or A-minus."
    assert for_speech("Press A-") == "Press A-minus"


@pytest.mark.parametrize(
    "text",
    [
        "CSEs",  # part of a longer word
        "xCSE",
        "cse",  # acronyms keep their case: a lower-case word is not the acronym
        "Cse",
        "UNDER the UNited banner",
        "1999 and 9999 and 1010",  # numbers inside longer numbers
        "0800 11112",
        "A-plus",  # already a word
        "AA+",
    ],
)
def test_only_whole_words_with_the_same_case_change(text: str) -> None:
    assert for_speech(text) == text


def test_text_with_nothing_to_change_comes_back_as_it_was() -> None:
    text = "The Children's Commissioner held an Inquiry. Childline can help: childline.org.uk."
    spoken, spans = for_speech_with_map(text)
    assert spoken == text
    assert spans == [(0, len(text), 0, len(text))]
    assert for_speech_with_map("") == ("", [])


def test_the_map_covers_both_texts_in_order_with_no_gaps() -> None:
    text = "Call 0800 1111 or 999. CSE is abuse. Press A+ to read."
    spoken, spans = for_speech_with_map(text)
    assert spans[0][0] == 0 and spans[0][2] == 0
    assert spans[-1][1] == len(spoken) and spans[-1][3] == len(text)
    for (_, spoken_end, _, original_end), (next_spoken, _, next_original, _) in pairwise(spans):
        assert spoken_end == next_spoken
        assert original_end == next_original
    for spoken_start, spoken_end, original_start, original_end in spans:
        piece, source = spoken[spoken_start:spoken_end], text[original_start:original_end]
        if source in PRONUNCIATIONS:
            assert piece == PRONUNCIATIONS[source]
        else:
            assert piece == source


def test_spoken_words_map_back_to_the_words_on_the_page() -> None:
    text = "Call 0800 1111 now. CSE is a crime."
    spoken, spans = for_speech_with_map(text)

    def original_of(word: str, occurrence: int = 0) -> str:
        start = -1
        for _ in range(occurrence + 1):
            start = spoken.index(word, start + 1)
        begin, end = to_original(spans, start, start + len(word))
        return text[begin:end]

    # A word in unchanged text maps to itself, even after a longer respelling.
    assert original_of("Call") == "Call"
    assert original_of("now") == "now"
    assert original_of("crime") == "crime"
    # Any word inside a respelling points at the whole original word.
    assert original_of("eight") == "0800 1111"
    assert original_of("one", 3) == "0800 1111"
    assert original_of("C S E") == "CSE"
    assert original_of("S") == "CSE"
    # A range running from a respelling into plain text covers both.
    start = spoken.index("one one one one")
    end = spoken.index("now") + len("now")
    begin, stop = to_original(spans, start, end)
    assert text[begin:stop] == "0800 1111 now"


def test_to_original_clamps_ranges_outside_the_text() -> None:
    text = "Call 999"
    spoken, spans = for_speech_with_map(text)
    assert to_original(spans, 0, 0) == (0, 0)
    assert to_original(spans, len(spoken), len(spoken) + 5) == (len(text), len(text))
    assert to_original([], 2, 4) == (2, 4)


def test_every_respelling_differs_in_length_from_its_word() -> None:
    # to_original tells a respelled segment from unchanged text by its length.
    for word, spoken in PRONUNCIATIONS.items():
        assert len(word) != len(spoken), word


# What espeak-ng must say for each respelling (voice en-gb, espeak-ng 1.51's
# phoneme mnemonics; stress marks are left out so small voice updates that
# move stress do not fail the test, but every sound must be there).
INTENDED = {
    "CSE": "s i: E s i:",
    "UNCRC": "j u: E n s i: A@ s i:",
    "NSPCC": "E n E s p i: s i: s i:",
    "OCC": "oU s i: s i:",
    "UN": "j u: E n",
    "0800 1111": "oU eI t oU oU w 0 n w 0 n w 0 n w 0 n",
    "0808 800 5000": "oU eI t oU eI t eI t oU oU f aI v oU oU oU",
    "999": "n aI n n aI n n aI n",
    "101": "w 0 n oU w 0 n",
    "1-2-1": "w 0 n t @ w 0 n",
    "A+": "eI p l V s",
    "A\u2212": "eI m aI n @ s",
    "A-": "eI m aI n @ s",
}
# The phoneme mnemonics, longest first so "aI" is one sound, not "a" then "I".
_PHONEMES = sorted(
    {"A@", "aI", "eI", "oU", "i:", "u:", "3:", "e@", "i@", "U@", "O@", "aU", "OI", "tS", "dZ"},
    key=len,
    reverse=True,
)


def sounds(phonemes: str) -> str:
    """Phoneme mnemonics as space-separated sounds, without stress or pause marks."""
    bare = re.sub(r"_[:!]?", " ", phonemes)  # pauses between words and clauses
    bare = re.sub(r"[',;%=]", "", bare)  # stress and linking marks
    out: list[str] = []
    index = 0
    while index < len(bare):
        if bare[index].isspace():
            index += 1
            continue
        phoneme = next((p for p in _PHONEMES if bare.startswith(p, index)), bare[index])
        out.append(phoneme)
        index += len(phoneme)
    return " ".join(out)


def test_intended_sounds_cover_the_whole_table() -> None:
    assert set(INTENDED) == set(PRONUNCIATIONS)


@needs_espeak
@pytest.mark.parametrize("word", sorted(PRONUNCIATIONS))
def test_espeak_says_each_respelling_as_intended(word: str) -> None:
    said = sounds(espeak_phonemes(for_speech(word)))
    assert said == INTENDED[word], (
        f"{word!r} -> {for_speech(word)!r}: espeak-ng says {espeak_phonemes(for_speech(word))!r}"
    )


@needs_espeak
@pytest.mark.parametrize(
    ("word", "intended"),
    [
        ("Commissioner", "k @ m I S @ n 3"),
        ("Inquiry", "I N k w aI @ r i"),
        ("Childline", "tS aI l d l aI n"),
        ("childline.org.uk", "tS aI l d l aI n d 0 t O@ g d 0 t j u: k eI"),
        ("Parliament", "p A@ l @ m @ n t"),
        ("exploitation", "E k s p l OI t eI S @ n"),
        ("safeguarding", "s eI f g A@ d I N"),
    ],
)
def test_words_espeak_already_says_right_are_left_alone(word: str, intended: str) -> None:
    assert for_speech(word) == word
    assert sounds(espeak_phonemes(word)) == intended, espeak_phonemes(word)
