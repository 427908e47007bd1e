"""Voices an administrator added: offered by name, spoken for real, damaged ones left out."""

from __future__ import annotations

import json
import math
import time
import wave
from typing import TYPE_CHECKING, Any

import onnx
import pytest
from onnx import TensorProto, helper

from reader.speech import added_voices, natural
from reader.speech.export import export_audio
from reader.speech.natural import SAMPLE_RATE, NaturalEngine
from reader.speech.voices import NATURAL_LABEL, choices
from reader.speech.worker import EngineReady, SpeechWorker

if TYPE_CHECKING:
    from pathlib import Path

SENTENCE = "Every child has the right to be heard and to be safe."
GOOD = {"Robin": "robin.onnx", "Wren, British": "robin.onnx"}


def write_model(path: Path, *, inputs: tuple[str, ...], external: bool = False) -> None:
    """A small ONNX model: hibari's input and output names when asked, nothing that speaks."""
    weights = helper.make_tensor("weights", TensorProto.FLOAT, [1], [0.5])
    if external:
        # Its numbers "kept" in a file outside the folder, as ONNX allows.
        weights.ClearField("float_data")
        weights.data_location = TensorProto.EXTERNAL
        weights.external_data.add(key="location", value="../../../etc/passwd")
    names = (*natural.SPECTRUM, natural.DURATIONS)
    nodes = [helper.make_node("Identity", ["weights"], [name]) for name in names]
    outputs = [helper.make_tensor_value_info(name, TensorProto.FLOAT, None) for name in names]
    values = [helper.make_tensor_value_info(name, TensorProto.FLOAT, None) for name in inputs]
    graph = helper.make_graph(nodes, "not-a-voice", values, outputs, [weights])
    path.write_bytes(helper.make_model(graph).SerializeToString())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An administrator's folder: two good voices (from the bundled model) and damaged ones."""
    root = tmp_path_factory.mktemp("system")
    voices = root / "voices"
    voices.mkdir()
    model = natural.bundled_model().read_bytes()
    (voices / "robin.onnx").write_bytes(model)
    (root / "outside.onnx").write_bytes(model)
    (voices / "broken.onnx").write_bytes(model[:100_000])
    (voices / "words.onnx").write_text("This is not a voice.", encoding="utf-8")
    write_model(voices / "shape.onnx", inputs=("text",))
    write_model(voices / "elsewhere.onnx", inputs=("ids", "speed"), external=True)
    with (voices / "huge.onnx").open("wb") as huge:
        huge.truncate(added_voices.MAX_VOICE_BYTES + 1)
    entries: list[Any] = [
        {"name": "Robin", "file": "robin.onnx", "speed": 0.8},
        {"name": "Wren, British", "file": "robin.onnx", "language": "en-gb"},
        {"name": "Gone", "file": "gone.onnx"},
        {"name": "Escape", "file": "../outside.onnx"},
        {"name": "Absolute", "file": str(root / "outside.onnx")},
        {"name": "Broken", "file": "broken.onnx"},
        {"name": "Words", "file": "words.onnx"},
        {"name": "Shape", "file": "shape.onnx"},
        {"name": "Elsewhere", "file": "elsewhere.onnx"},
        {"name": "Huge", "file": "huge.onnx"},
        {"name": "robin", "file": "robin.onnx"},
        {"name": "French", "file": "robin.onnx", "language": "fr"},
        {"name": "Racing", "file": "robin.onnx", "speed": 5},
        {"file": "robin.onnx"},
        "robin.onnx",
    ]
    (voices / added_voices.MANIFEST).write_text(json.dumps({"voices": entries}), encoding="utf-8")
    return voices


@pytest.fixture(scope="module")
def engine(folder: Path) -> NaturalEngine:
    return NaturalEngine(added=folder)


def loudest(pcm: bytes) -> int:
    return max(abs(sample) for sample in memoryview(pcm).cast("h"))


def test_added_voices_are_offered_by_name_after_readers_own(engine: NaturalEngine) -> None:
    assert [voice.name for voice in engine.voices()] == [natural.VOICE_NAME, *GOOD]
    labels = [choice.label for choice in choices(engine.voices(), natural.VOICE_ID).everyday]
    assert labels == [NATURAL_LABEL, *GOOD]


def test_an_added_voice_speaks_with_its_own_speed(engine: NaturalEngine) -> None:
    own = engine.synthesise(SENTENCE, 140)
    robin = engine.synthesise(SENTENCE, 140, added_voices.ID_PREFIX + "Robin")
    wren = engine.synthesise(SENTENCE, 140, added_voices.ID_PREFIX + "Wren, British")
    for utterance in (robin, wren):
        assert utterance.sample_rate == SAMPLE_RATE
        assert loudest(utterance.pcm) > 3000, "real speech, not near-silence"
        assert utterance.words and utterance.words[-1].start_ms < utterance.duration_ms
    # "speed": 0.8 in the list: slower than Reader's own voice at the same step.
    assert robin.duration_ms > own.duration_ms * 1.1


def test_each_damaged_voice_is_left_out_with_one_line(engine: NaturalEngine) -> None:
    notes = engine.notes
    left_out = {
        "Gone": "not there",
        "Escape": "“../outside.onnx” is not inside the voices folder",
        "Absolute": "is not inside the voices folder",
        "Broken": "not a voice model",
        "Words": "not a voice model",
        "Shape": "not the shape",
        "Elsewhere": "other files",
        "Huge": "too big",
        "French": '"language"',
        "Racing": '"speed"',
        "robin": "one of that name is above it",
    }
    for name, reason in left_out.items():
        said = [note for note in notes if f"“{name}”" in note]
        assert len(said) == 1, f"{name}: {notes}"
        assert reason in said[0] and "left out" in said[0]
    unnamed = [note for note in notes if "“" not in note]
    assert unnamed == [
        'Added voice 14 left out: its "name" is missing or not plain text.',
        'Added voice 15 left out: it is not a set of "name" and "file".',
    ]
    assert all("\n" not in note for note in notes)
    assert len(notes) == len(left_out) + len(unnamed)


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        (None, "has no voices.json"),
        (b"{not json", "is damaged"),
        (b"\xff\xfe\x00", "is damaged"),
        (b'{"voices": {"name": "Robin"}}', 'no "voices" list'),
        (b"[" * 500 + b"]" * 500, "is damaged"),
        (b" " * (added_voices.MAX_MANIFEST_BYTES + 1), "too big"),
    ],
)
def test_a_damaged_list_adds_no_voice_and_says_why(
    tmp_path: Path, manifest: bytes | None, reason: str
) -> None:
    if manifest is not None:
        (tmp_path / added_voices.MANIFEST).write_bytes(manifest)
    voices, notes = added_voices.read_manifest(tmp_path)
    assert voices == []
    assert len(notes) == 1 and reason in notes[0], notes


def test_no_folder_is_no_voices_and_nothing_to_say(tmp_path: Path) -> None:
    assert added_voices.read_manifest(tmp_path / "voices") == ([], [])


def test_an_added_voice_reads_and_saves_through_the_worker(folder: Path, tmp_path: Path) -> None:
    """As the app uses it: the worker offers the voice, says a sentence, saves a file."""
    worker = SpeechWorker(added_voices=folder)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while worker.ready is None:
            assert time.monotonic() < deadline, "the worker never became ready"
            worker.poll(0.05)
        ready: EngineReady = worker.ready
        assert added_voices.ID_PREFIX + "Robin" in {voice.id for voice in ready.voices}
        assert any("“Huge” left out" in note for note in ready.notes)
        out = tmp_path / "robin.wav"
        result = export_audio(
            [[SENTENCE]], out, 140, added_voices.ID_PREFIX + "Robin", worker=worker
        )
        assert result.path == out and not result.skipped
        with wave.open(str(out)) as sound:
            assert sound.getframerate() == SAMPLE_RATE
            pcm = sound.readframes(sound.getnframes())
        assert loudest(pcm) > 3000
        assert math.isclose(result.duration_ms / 1000, len(pcm) / 2 / SAMPLE_RATE, abs_tol=0.01)
    finally:
        worker.stop()


def test_a_removed_added_voice_still_speaks_in_readers_own(tmp_path: Path) -> None:
    from reader.speech.engines import Engines

    engines = Engines(("natural",), added=tmp_path)
    utterance = engines.synthesise(SENTENCE, 140, added_voices.ID_PREFIX + "Robin")
    assert utterance.sample_rate == SAMPLE_RATE and loudest(utterance.pcm) > 3000


def test_the_bundled_model_passes_the_checks_an_added_one_gets() -> None:
    # The same checks, so a real hibari voice file is never refused as "the wrong shape".
    natural._check_shape(onnx.load(str(natural.bundled_model())))
