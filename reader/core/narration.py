"""What read-aloud says and where each word sits on the audio clock. No Qt.

A page becomes a list of ``Spoken`` sentences (the text given to the engine,
respelled for speech, and where the sentence lives on screen). As audio for
each sentence is queued, the ``Timeline`` records when it starts and when
each of its words starts, so the position of the audio clock can be turned
back into "sentence 3, word 5" for highlighting.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.pronunciation import for_speech_with_map, to_original
from reader.core.sentences import split_sentences

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.pronunciation import Span
    from reader.core.sentences import Block, Sentence


@dataclass(frozen=True)
class Spoken:
    """One sentence to say. ``block_start`` is where its block starts on screen
    (UTF-16, as Qt counts), or None for words that are not shown, like alt text."""

    index: int
    sentence: Sentence
    text: str
    spans: tuple[Span, ...]
    block_start: int | None

    def word_range(self, word: int) -> tuple[int, int] | None:
        """Where word ``word`` is on screen (UTF-16 start and end), if it is shown."""
        if self.block_start is None or not 0 <= word < len(self.sentence.words):
            return None
        found = self.sentence.words[word]
        return self.block_start + found.start_utf16, self.block_start + found.end_utf16

    def screen_range(self) -> tuple[int, int] | None:
        if self.block_start is None:
            return None
        return (
            self.block_start + self.sentence.start_utf16,
            self.block_start + self.sentence.end_utf16,
        )

    def to_sentence(self, start: int, end: int) -> tuple[int, int]:
        """Map a range of the spoken text back to the sentence's own text."""
        return to_original(self.spans, start, end)


def plan(blocks: Sequence[tuple[Block, int | None]]) -> list[Spoken]:
    """Every sentence of a page in reading order. Each block comes with its screen position."""
    sentences = split_sentences([block for block, _ in blocks])
    spoken = []
    for index, sentence in enumerate(sentences):
        text, spans = for_speech_with_map(sentence.text)
        spoken.append(Spoken(index, sentence, text, tuple(spans), blocks[sentence.block][1]))
    return spoken


@dataclass(frozen=True)
class Placed:
    """A sentence placed on the audio clock (microseconds from the start of the stream)."""

    index: int
    start_us: int
    end_us: int
    word_starts_us: tuple[int, ...]


@dataclass
class Timeline:
    """Sentences in the order their audio was queued, one after another."""

    placed: list[Placed] = field(default_factory=list)
    end_us: int = 0

    def append(self, index: int, duration_us: int, word_starts_ms: Sequence[int]) -> Placed:
        start = self.end_us
        words = tuple(start + ms * 1000 for ms in word_starts_ms)
        item = Placed(index, start, start + duration_us, words)
        self.placed.append(item)
        self.end_us = item.end_us
        return item

    def locate(self, position_us: int) -> tuple[int, int] | None:
        """(sentence index, word index) being heard at ``position_us``, or None in a gap."""
        starts = [item.start_us for item in self.placed]
        at = bisect.bisect_right(starts, position_us) - 1
        if at < 0:
            return None
        item = self.placed[at]
        if position_us >= item.end_us:
            return None
        word = bisect.bisect_right(item.word_starts_us, position_us) - 1
        return item.index, max(word, 0)

    def clear(self) -> None:
        self.placed.clear()
        self.end_us = 0
