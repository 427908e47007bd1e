"""The natural voice with the real bundled model: sound, speed, and the model's own word times."""

from __future__ import annotations

import shutil
from pathlib import Path

import onnx
import pytest

from reader.core.pronunciation import for_speech_with_map, to_original
from reader.core.sentences import Block, split_sentences
from reader.speech import natural, wav
from reader.speech.engine import EngineUnavailable, word_start_times
from reader.speech.engines import NATURAL_PROBLEM, Engines
from reader.speech.natural import DURATION_SAMPLES, HOP, SAMPLE_RATE, NaturalEngine

SENTENCE = "The children told us what would help them feel safe at school."
FRAME_MS = HOP * 1000 / SAMPLE_RATE


@pytest.fixture(scope="module")
def engine() -> NaturalEngine:
    return NaturalEngine()


def test_the_bundled_graph_still_has_the_duration_tensor() -> None:
    # If a new hibari renames or drops it, word times would silently be guesses.
    graph = onnx.load(str(natural.bundled_model()))
    clip = [node for node in graph.graph.node if node.name == "/Clip"]
    assert clip, "hibari's graph has no /Clip node: the word times need a new source"
    assert natural.DURATIONS in clip[0].output
    assert natural.DURATIONS not in {o.name for o in graph.graph.output}, "file left unedited"


def test_a_sentence_becomes_speech_of_a_plausible_length(engine: NaturalEngine) -> None:
    utterance = engine.synthesise(SENTENCE, 140)
    assert utterance.sample_rate == SAMPLE_RATE
    words = len(SENTENCE.split())
    # 12 words: between 80 and 300 words a minute, whatever the speed step.
    assert words * 60_000 / 300 < utterance.duration_ms < words * 60_000 / 80
    assert wav.sound_end_ms(utterance.pcm, SAMPLE_RATE) > utterance.duration_ms * 0.8
    loud = max(abs(sample) for sample in memoryview(utterance.pcm).cast("h"))
    assert loud > 3000, "real speech, not near-silence"


def test_slower_steps_give_longer_speech(engine: NaturalEngine) -> None:
    lengths = [engine.synthesise(SENTENCE, rate).duration_ms for rate in (180, 140, 100)]
    assert lengths[0] < lengths[1] < lengths[2]
    assert lengths[2] > lengths[0] * 1.5, "Very slow is really slow"


def test_the_durations_add_up_to_the_audio(engine: NaturalEngine) -> None:
    ids, _owners = engine._ids(engine.pieces(SENTENCE))
    audio, durations = engine._voices[natural.VOICE_ID].model.run(ids, natural.speed_for(140))
    assert len(durations) == len(ids)
    assert abs(durations.sum() * DURATION_SAMPLES - len(audio)) <= HOP, "within one frame"


def test_word_times_increase_and_lie_inside_the_audio(engine: NaturalEngine) -> None:
    utterance = engine.synthesise(SENTENCE, 140)
    said = [SENTENCE[t.start_char : t.end_char] for t in utterance.words]
    assert said == SENTENCE.rstrip(".").split()
    starts = [timing.start_ms for timing in utterance.words]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert 0 < starts[0] < starts[-1] < utterance.duration_ms
    # The last word's start leaves time to say "school".
    assert utterance.duration_ms - starts[-1] > 4 * FRAME_MS


def test_a_longer_word_takes_longer(engine: NaturalEngine) -> None:
    text = "A cat and an extraordinarily long word."
    utterance = engine.synthesise(text, 140)
    starts = {text[t.start_char : t.end_char]: t.start_ms for t in utterance.words}
    assert starts["long"] - starts["extraordinarily"] > 1.5 * (starts["and"] - starts["cat"])


def test_respelled_words_are_said_and_highlighted_as_the_page_shows_them(
    engine: NaturalEngine,
) -> None:
    page = "Call Childline on 0800 1111 about the UNCRC."
    spoken, spans = for_speech_with_map(page)
    phonemes = "".join(piece.phonemes for piece in engine.pieces(spoken))
    assert phonemes.count("wˈʌn") == 4, "one one one one, digit by digit"
    assert "jˈu ˈɛn sˈi ˈɑɹ sˈi" in phonemes, "U N C R C, letter by letter"
    utterance = engine.synthesise(spoken, 140)
    [sentence] = split_sentences([Block("paragraph", page)])
    times = word_start_times(sentence.words, 0, utterance, lambda s, e: to_original(spans, s, e))
    words = [page[word.start : word.end] for word in sentence.words]
    when = dict(zip(words, times, strict=True))
    assert when["Call"] < when["0800"] < when["about"] < when["UNCRC"] < utterance.duration_ms


def test_rewritten_text_keeps_its_words_in_place(engine: NaturalEngine) -> None:
    text = "We met at 3:30 pm on Friday."
    utterance = engine.synthesise(text, 140)
    said = [text[t.start_char : t.end_char] for t in utterance.words]
    assert said[:3] == ["We", "met", "at"] and said[-1] == "Friday"
    assert [t.start_ms for t in utterance.words] == sorted(t.start_ms for t in utterance.words)


def test_an_empty_sentence_is_silence(engine: NaturalEngine) -> None:
    assert engine.synthesise("  ", 140).pcm == b""


def test_a_damaged_model_is_a_plain_reason_not_a_crash(tmp_path: Path) -> None:
    damaged = tmp_path / "hibari.onnx"
    damaged.write_bytes(natural.bundled_model().read_bytes()[:100_000])
    with pytest.raises(EngineUnavailable) as caught:
        NaturalEngine(damaged)
    assert caught.value.reason == "The natural voice could not start."


def test_without_the_natural_voice_the_computer_speaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hollow = tmp_path / "hibari.onnx"
    shutil.copyfile(natural.bundled_model(), hollow)
    hollow.write_bytes(b"not a model")
    monkeypatch.setattr(natural, "bundled_model", lambda: hollow)
    engines = Engines()
    assert engines.natural is None and engines.problem == NATURAL_PROBLEM
    assert engines.default_voice_id == "gmw/en"
    assert natural.VOICE_ID not in {voice.id for voice in engines.voices()}
    # A saved choice of the natural voice still speaks, in the computer's voice.
    utterance = engines.synthesise(SENTENCE, 140, natural.VOICE_ID)
    assert utterance.sample_rate == 22050 and utterance.duration_ms > 1000


def test_a_voice_goes_to_its_own_engine() -> None:
    engines = Engines()
    assert engines.voices()[0].id == natural.VOICE_ID
    assert engines.synthesise(SENTENCE, 140).sample_rate == SAMPLE_RATE
    assert engines.synthesise(SENTENCE, 140, "gmw/en").sample_rate == 22050
    with pytest.raises(ValueError, match="no voice"):
        engines.synthesise(SENTENCE, 140, "no-such-voice")


def test_a_very_long_sentence_is_said_whole_with_its_words_in_order(
    engine: NaturalEngine,
) -> None:
    # Longer than the model takes at once: said in parts, timed as one.
    text = ", ".join(["the children and the adults who help them"] * 12) + "."
    assert len("".join(p.phonemes for p in engine.pieces(text))) > natural.MAX_PHONEMES
    utterance = engine.synthesise(text, 180)
    starts = [timing.start_ms for timing in utterance.words]
    assert len(starts) == len(text.split())
    assert starts == sorted(starts) and starts[-1] < utterance.duration_ms
    assert utterance.duration_ms > len(starts) * 60_000 / 300
