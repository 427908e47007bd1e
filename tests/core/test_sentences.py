"""Sentences and words with code-point and UTF-16 offsets, as read-aloud needs them."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sentences import Block, Sentence, split_sentences, utf16_offset


def texts(paragraph: str) -> list[str]:
    return [sentence.text for sentence in split_sentences([Block("paragraph", paragraph)])]


def words(text: str) -> list[str]:
    return [
        word.text
        for sentence in split_sentences([Block("paragraph", text)])
        for word in sentence.words
    ]


def utf16_slice(text: str, start: int, end: int) -> str:
    """What Qt would show for a UTF-16 range."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def assert_offsets(blocks: list[Block], sentences: list[Sentence]) -> None:
    for sentence in sentences:
        text = blocks[sentence.block].text
        assert text[sentence.start : sentence.end] == sentence.text
        assert utf16_slice(text, sentence.start_utf16, sentence.end_utf16) == sentence.text
        for word in sentence.words:
            assert sentence.start <= word.start < word.end <= sentence.end
            assert text[word.start : word.end] == word.text
            assert utf16_slice(text, word.start_utf16, word.end_utf16) == word.text


def test_titles_do_not_end_sentences() -> None:
    assert texts("Dr Smith met Mr. Jones and Mrs. Patel. Ms. Lee came too.") == [
        "Dr Smith met Mr. Jones and Mrs. Patel.",
        "Ms. Lee came too.",
    ]


def test_latin_abbreviations() -> None:
    assert texts(
        "We like big cats, e.g. lions, i.e. the loud ones. Dogs etc. are fine. Etc. Yes."
    ) == [
        "We like big cats, e.g. lions, i.e. the loud ones.",
        "Dogs etc. are fine.",
        "Etc.",
        "Yes.",
    ]


def test_initialisms() -> None:
    assert texts("She lives in the UK. The U.N. helps children. So did I. Then we left.") == [
        "She lives in the UK.",
        "The U.N. helps children.",
        "So did I.",
        "Then we left.",
    ]
    assert words("The U.N. helps.") == ["The", "U.N.", "helps"]
    assert texts("J. K. Rowling wrote it. We read it.") == [
        "J. K. Rowling wrote it.",
        "We read it.",
    ]


def test_straight_and_curly_quotes() -> None:
    assert texts('"Stop!" she said. "Why?" he asked.') == ['"Stop!" she said.', '"Why?" he asked.']
    assert texts("“Stop!” she said. “Why?” he asked.") == ["“Stop!” she said.", "“Why?” he asked."]
    assert texts("He said “Hi.” Then he left.") == ["He said “Hi.”", "Then he left."]
    assert words("“Hello,” said Sam.") == ["Hello", "said", "Sam"]


def test_numbers() -> None:
    text = "It costs £3.50, or 3.5 apples. Call 0800 1111 today. There are 1,000 children."
    assert texts(text) == [
        "It costs £3.50, or 3.5 apples.",
        "Call 0800 1111 today.",
        "There are 1,000 children.",
    ]
    assert words("It is 3.5. Not 1,000.") == ["It", "is", "3.5", "Not", "1,000"]
    assert words("Call 0800 1111.") == ["Call", "0800", "1111"]


def test_curly_apostrophes_stay_inside_words() -> None:
    assert words("It’s the children’s book, and the students’ too.") == [
        "It’s",
        "the",
        "children’s",
        "book",
        "and",
        "the",
        "students",
        "too",
    ]


def test_ellipses() -> None:
    assert texts("Wait... what is that? I waited… Then it came...") == [
        "Wait... what is that?",
        "I waited…",
        "Then it came...",
    ]


def test_exclamations_and_questions() -> None:
    assert texts("Help! Are you there? Yes! 😀 Good.") == [
        "Help!",
        "Are you there?",
        "Yes!",
        "😀 Good.",
    ]


def test_emoji_shift_utf16_offsets_but_not_code_points() -> None:
    text = "I 😀 love books. 🎉 Yes!"
    blocks = [Block("paragraph", text)]
    first, second = split_sentences(blocks)
    love = first.words[2]
    assert love.text == "love"
    assert (love.start, love.end) == (4, 8)
    assert (love.start_utf16, love.end_utf16) == (5, 9)
    assert first.words[1].text == "😀"
    assert (first.words[1].start_utf16, first.words[1].end_utf16) == (2, 4)
    assert second.text == "🎉 Yes!"
    assert (second.start, second.start_utf16) == (16, 17)
    yes = second.words[1]
    assert (yes.text, yes.start, yes.start_utf16) == ("Yes", 18, 20)
    assert_offsets(blocks, [first, second])
    assert utf16_offset(text, 8) == 9


def test_blocks_never_merge_and_carry_their_kind() -> None:
    blocks = [
        Block("heading", "Turning pages"),
        Block("paragraph", "Press Next. Or press Back"),
        Block("item", "Big buttons"),
        Block("item", "Keys too"),
        Block("picture", "A smiling yellow sun"),
    ]
    sentences = split_sentences(blocks)
    assert [(s.text, s.block, s.kind, s.last_in_block) for s in sentences] == [
        ("Turning pages", 0, "heading", True),
        ("Press Next.", 1, "paragraph", False),
        ("Or press Back", 1, "paragraph", True),
        ("Big buttons", 2, "item", True),
        ("Keys too", 3, "item", True),
        ("A smiling yellow sun", 4, "picture", True),
    ]
    assert_offsets(blocks, sentences)


def test_whitespace_and_offsets_within_the_block() -> None:
    blocks = [Block("paragraph", "  One line.\n  Next  line!  ")]
    sentences = split_sentences(blocks)
    assert [(s.text, s.start, s.end) for s in sentences] == [
        ("One line.", 2, 11),
        ("Next  line!", 14, 25),
    ]
    assert_offsets(blocks, sentences)


def test_nothing_to_say_gives_no_sentence() -> None:
    blocks = [Block("paragraph", ""), Block("paragraph", "   "), Block("item", "— … —")]
    assert split_sentences(blocks) == []


@given(
    st.lists(
        st.text(alphabet="ab .!?…,’'\"“”😀🎉\n0123456789DrMr", max_size=60),
        max_size=4,
    )
)
def test_offsets_always_agree(paragraphs: list[str]) -> None:
    blocks = [Block("paragraph", text) for text in paragraphs]
    sentences = split_sentences(blocks)
    assert_offsets(blocks, sentences)
    for before, after in itertools.pairwise(sentences):
        assert (before.block, before.end) <= (after.block, after.start)
