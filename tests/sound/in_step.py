"""How far the highlight is from the voice, measured against a recording of what was heard.

While Reader reads, every move of the highlight is noted with the time it was
shown and where its sentence and word sit on the player's timeline. Each
sentence's start is then found in the recording (sound after a pause), and
each word is expected that long after its sentence's first word as the
engine's audio puts it. The offset is when the highlight moved minus when the
word was heard.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.narration import Placed
    from reader.playback.player import Player
    from tests.sound.server import Recording

# Silence between sentences is at least this long; shorter gaps are inside one.
SENTENCE_GAP_S = 0.1
# A sentence's onset is looked for this far either side of its first highlight.
SEARCH_S = 0.6
# A highlight moves "while something is heard" when there is sound this close to it.
NEAR_SOUND_S = 0.15


@dataclass
class HighlightLog:
    """Every move of the highlight, as (monotonic time, page, sentence, word, placed)."""

    moves: list[tuple[float, object, int, int, Placed]] = field(default_factory=list)

    def follow(self, player: Player, page: object = None) -> None:
        def moved(sentence: int, word: int) -> None:
            if sentence < 0:
                return
            placed = player.placement(sentence)
            if placed is not None:
                self.moves.append((time.monotonic(), page_of(), sentence, word, placed))

        def page_of() -> object:
            return page() if callable(page) else page

        player.highlighted.connect(moved)


@dataclass(frozen=True)
class InStep:
    offsets_s: tuple[float, ...]
    # Highlight moves with no sound near them, and sentences never heard at all.
    silent_moves: int
    unheard_sentences: int

    @property
    def mean_ms(self) -> float:
        return 1000 * sum(abs(o) for o in self.offsets_s) / max(len(self.offsets_s), 1)

    @property
    def worst_ms(self) -> float:
        return 1000 * max((abs(o) for o in self.offsets_s), default=0.0)


def measure(log: HighlightLog, recording: Recording) -> InStep:
    onsets = recording.onsets(SENTENCE_GAP_S)
    first_seen: dict[tuple[object, int], float] = {}
    for when, page, sentence, _word, _placed in log.moves:
        first_seen.setdefault((page, sentence), when)
    heard_start: dict[tuple[object, int], float] = {}
    for key, when in first_seen.items():
        near = [onset for onset in onsets if abs(onset - when) <= SEARCH_S]
        if near:
            heard_start[key] = min(near, key=lambda onset: abs(onset - when))
    offsets: list[float] = []
    silent = 0
    for when, page, sentence, word, placed in log.moves:
        start = heard_start.get((page, sentence))
        if start is None or word >= len(placed.word_starts_us):
            continue
        into = (placed.word_starts_us[word] - placed.word_starts_us[0]) / 1e6
        offsets.append(when - (start + into))
        if recording.sound_between(when - NEAR_SOUND_S, when + NEAR_SOUND_S) == 0:
            silent += 1
    return InStep(tuple(offsets), silent, len(first_seen) - len(heard_start))
