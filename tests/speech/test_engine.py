"""The engine with the real espeak-ng: audio, rates and exact word times."""

from __future__ import annotations

import json
import subprocess
import sys
from array import array

import pytest

from reader.core.sentences import Block, split_sentences
from reader.speech import engine, wav
from reader.speech.engine import (
    DEFAULT_RATE,
    RATE_STEPS,
    Utterance,
    Voice,
    default_voice,
    step_rate,
    word_start_times,
)
from tests.speech.one_engine import list_voices, synthesise

pytestmark = pytest.mark.espeak

FOX = "The quick brown fox jumps over the lazy dog."
# Starts with vowels and sonorants, so silence before a word is a pause, not a "t".
PAUSES = "Run away, rabbit. All animals are lovely."


def silence_before(utterance: Utterance, at_ms: int, window_ms: int = 5) -> int:
    """How long the audio is quiet just before ``at_ms``."""
    samples = array("h", utterance.pcm)
    step = utterance.sample_rate * window_ms // 1000
    end = at_ms * utterance.sample_rate // 1000
    quiet = 0
    while end - step >= 0 and max(abs(s) for s in samples[end - step : end]) <= wav.SILENCE_LEVEL:
        quiet += window_ms
        end -= step
    return quiet


def sound_after(utterance: Utterance, at_ms: int) -> int:
    """How long after ``at_ms`` the next sound starts."""
    samples = array("h", utterance.pcm)
    index = at_ms * utterance.sample_rate // 1000
    while index < len(samples) and abs(samples[index]) <= wav.SILENCE_LEVEL:
        index += 1
    return index * 1000 // utterance.sample_rate - at_ms


def test_a_sentence_becomes_audible_audio_of_plausible_length() -> None:
    utterance = synthesise(FOX, DEFAULT_RATE)
    assert utterance.sample_rate == 22050
    assert utterance.timing == "exact"
    # Nine words at 140 a minute is about 3.9 s; espeak-ng runs a little faster.
    assert 2000 < utterance.duration_ms < 6000
    assert wav.rms(utterance.pcm) > 1000
    # The trailing silence is trimmed to a natural pause.
    quiet_tail = utterance.duration_ms - wav.sound_end_ms(utterance.pcm, utterance.sample_rate)
    assert wav.TAIL_MS - 5 <= quiet_tail <= wav.TAIL_MS + 5


def test_a_fresh_process_waits_for_a_long_first_sentence_and_prints_nothing() -> None:
    # pyttsx3's first runAndWait returns before espeak-ng has finished a long text, and
    # the driver prints "Audio saved to ..." from espeak's thread when it does finish.
    script = (
        "import json; from reader.speech.engine import SpeechEngine; "
        f"u = SpeechEngine().synthesise(' '.join([{FOX!r}] * 20), 180); "
        "print(json.dumps([u.duration_ms, len(u.words)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    duration_ms, words = json.loads(done.stdout)
    assert done.stdout.count("\n") == 1
    assert words == 180
    assert duration_ms > 40_000


def test_slower_rate_gives_longer_audio_every_time() -> None:
    # espeak-ng used to drop a rate change that raced pyttsx3's stop(): alternate to catch it.
    lengths = {rate: set[int]() for rate in (RATE_STEPS[0], RATE_STEPS[-1])}
    for _ in range(3):
        for rate, seen in lengths.items():
            seen.add(synthesise(FOX, rate).duration_ms)
    slow, fast = lengths[RATE_STEPS[0]], lengths[RATE_STEPS[-1]]
    assert min(slow) > 1.4 * max(fast)
    assert max(slow) - min(slow) < 20
    assert max(fast) - min(fast) < 20


def test_word_timings_increase_and_lie_within_the_audio() -> None:
    utterance = synthesise(FOX, DEFAULT_RATE)
    spoken = [FOX[timing.start_char : timing.end_char] for timing in utterance.words]
    assert spoken == ["The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"]
    starts = [timing.start_ms for timing in utterance.words]
    assert starts == sorted(set(starts))
    assert starts[0] < 50
    assert starts[-1] < utterance.duration_ms - wav.TAIL_MS


def test_word_times_are_where_the_sound_is_with_pauses_at_punctuation() -> None:
    utterance = synthesise(PAUSES, DEFAULT_RATE)
    times = {PAUSES[t.start_char : t.end_char]: t.start_ms for t in utterance.words}
    assert list(times) == ["Run", "away", "rabbit", "All", "animals", "are", "lovely"]
    after_comma = silence_before(utterance, times["rabbit"])
    after_full_stop = silence_before(utterance, times["All"])
    assert after_comma >= 100
    assert after_full_stop > after_comma
    for word in ("away", "animals", "are"):
        assert silence_before(utterance, times[word]) < 50
    # Exact: the sound starts as the word's time comes, not before or long after.
    for word in ("rabbit", "All"):
        assert sound_after(utterance, times[word]) < 30


def test_timings_count_code_points_after_an_emoji() -> None:
    utterance = synthesise("😀 Hello there.", DEFAULT_RATE)
    starts = [timing.start_char for timing in utterance.words]
    assert 2 in starts  # "Hello", after one astral character and a space
    assert 8 in starts  # "there"


def test_words_of_a_split_sentence_get_times() -> None:
    block = "Look! It’s the children’s book 😀 about 3.5 cats."
    sentence = split_sentences([Block("paragraph", block)])[1]
    utterance = synthesise(sentence.text, DEFAULT_RATE)
    times = word_start_times(sentence.words, sentence.start, utterance)
    assert [word.text for word in sentence.words][:3] == ["It’s", "the", "children’s"]
    assert len(times) == len(sentence.words)
    assert times == sorted(times)
    assert times[0] < 50
    assert times[-1] < utterance.duration_ms
    assert times[2] > times[1]  # "children’s" after "the", though espeak says "children"


def test_word_times_through_a_respelling() -> None:
    sentence = split_sentences([Block("paragraph", "Call 0800 1111 now.")])[0]
    spoken = "Call oh eight oh oh, one one one one now."
    number, said = (5, 14), (5, 34)  # "0800 1111" was said as spoken[5:34]

    def to_sentence(start: int, end: int) -> tuple[int, int]:
        if start >= said[1]:
            shift = said[1] - number[1]
            return start - shift, end - shift
        return (number[0], number[1]) if start >= said[0] else (start, end)

    utterance = synthesise(spoken, DEFAULT_RATE)
    times = word_start_times(sentence.words, sentence.start, utterance, to_sentence)
    assert [word.text for word in sentence.words] == ["Call", "0800", "1111", "now"]
    # "0800" gets the time of "oh"; "now" comes after all eight digits are said.
    assert times[0] < times[1] < times[3]
    digits = [t.start_ms for t in utterance.words if said[0] <= t.start_char < said[1]]
    assert times[1] == digits[0]
    assert times[3] > digits[-1]


def test_voices_and_the_uk_default() -> None:
    voices = list_voices()
    ids = {voice.id for voice in voices}
    assert "gmw/en" in ids
    chosen = default_voice(voices)
    assert chosen is not None
    assert chosen.id == "gmw/en"
    assert "en-gb" in chosen.languages


def test_a_different_voice_sounds_different() -> None:
    british = synthesise(FOX, DEFAULT_RATE, "gmw/en")
    american = synthesise(FOX, DEFAULT_RATE, "gmw/en-us")
    again = synthesise(FOX, DEFAULT_RATE, "gmw/en")
    # espeak-ng is not bit-for-bit repeatable, but within a few milliseconds.
    assert abs(british.duration_ms - again.duration_ms) < 10
    for first, second in zip(british.words, again.words, strict=True):
        assert abs(first.start_ms - second.start_ms) < 10
    assert abs(british.duration_ms - american.duration_ms) > 50


def test_unknown_voice_and_empty_text() -> None:
    with pytest.raises(ValueError, match="no voice"):
        synthesise(FOX, DEFAULT_RATE, "xx/nobody")
    assert synthesise("   ", DEFAULT_RATE).pcm == b""


def test_default_voice_preferences() -> None:
    us = Voice("us", "American", ("en-US",))
    gb_rp = Voice("rp", "RP", ("en-gb-x-rp",))
    gb = Voice("gb", "British", ("en_GB",))
    french = Voice("fr", "French", ("fr-fr",))
    assert default_voice([french, us, gb_rp, gb]) == gb
    assert default_voice([french, us, gb_rp]) == gb_rp
    assert default_voice([french, us]) == us
    assert default_voice([french]) == french
    assert default_voice([]) is None


def test_rate_steps() -> None:
    assert len(RATE_STEPS) >= 5
    assert min(RATE_STEPS) >= engine.MIN_RATE
    assert RATE_STEPS[0] < DEFAULT_RATE < RATE_STEPS[-1]
    assert step_rate(DEFAULT_RATE, -1) < DEFAULT_RATE < step_rate(DEFAULT_RATE, 1)
    assert step_rate(RATE_STEPS[0], -3) == RATE_STEPS[0]
    assert step_rate(RATE_STEPS[-1], 3) == RATE_STEPS[-1]
