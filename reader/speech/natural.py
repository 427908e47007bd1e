"""Reader's own natural voice: hibari's bundled neural voice, with exact word times. No Qt.

hibari-tts (pinned at 0.2.1) ships one complete American English voice inside its wheel
(``hibari/assets/hibari.onnx``, distilled from Kokoro-82M) and its own phonemiser, so it
needs nothing downloaded. Reader loads that file by path: hibari's ``voice_path`` and
every other voice would fetch a model from the internet, and Reader never does.

Word times come from the model itself. The node ``/Clip`` in hibari 0.2.1's graph gives
each phoneme id its length in spectrogram frames (``/Clip_output_0``); the graph is
given that tensor as an extra output in memory when it is loaded (the installed file is
never changed). One unit of it is two spectrogram frames (25 ms) of audio, so a word
starts at the sum of the durations before its first phoneme. ``tests/speech/test_natural.py`` fails
loudly if a new hibari moves that tensor.

Voices an administrator added (reader/speech/added_voices.py) are models of the same
shape; each is checked and tried once when the engine starts, and one that fails is
left out with a line in ``notes``.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.settings import SPEECH_RATES
from reader.speech import added_voices, wav
from reader.speech.engine import (
    DEFAULT_RATE,
    EngineUnavailable,
    SynthesisError,
    Utterance,
    Voice,
    WordTiming,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

DURATIONS = "/Clip_output_0"
# hibari's spectrogram hop (12.5 ms), and the length of one unit of /Clip_output_0: two
# hops, 25 ms, as the audio's own length shows (the model doubles its frames after the
# durations; tests/speech/test_natural.py checks the sum against the audio).
HOP = 300
DURATION_SAMPLES = 2 * HOP
SAMPLE_RATE = 24000
VOICE_ID = "natural/heart"
VOICE_NAME = "Natural voice"
VOICE_LANGUAGES = ("en-us",)
DRIVER = "hibari"
# hibari's speed factor for each of Reader's speed steps. 1.0 is the voice's own pace,
# about 190 words a minute of speech on the book (measured); it stays clear down to
# 0.5, its slowest, so "Very slow" is really slow.
SPEEDS: dict[int, float] = {100: 0.55, 120: 0.65, 140: 0.75, 160: 0.85, 180: 0.95}
# hibari splits longer phoneme strings; the model was trained on sentences this long.
MAX_PHONEMES = 400
# A word is heard this long before its first phoneme's slot in the durations: the
# decoder spreads each sound a little ahead (median 62 ms, measured from the audio's
# onsets on 64 words after commas at three speeds).
WORD_LEAD_MS = 60
# Silence kept before the first sound: the model starts each sentence with up to half
# a second of it, which Reader's own pauses between sentences already give.
LEAD_IN_MS = 20
# What the model takes and gives: hibari 0.2.1's graph, and every voice made like it.
INPUTS = frozenset({"ids", "speed"})
SPECTRUM = ("lh", "theta", "ln", "lr", "phi", "f0")
# A voice is tried on this before it is offered: "Ready." as the model's ids.
_TRIAL_TEXT = "Ready."
# onnxruntime 1.32 on Linux (and macOS) sends usage events to Microsoft's collector
# (a DNS lookup of mobile.events.data.microsoft.com about 10 s after a model is loaded,
# then again and again: seen with strace) unless this is set before it is imported.
# On Windows its events go to ETW instead, which disable_telemetry_events() turns off.
NO_TELEMETRY = ("ORT_DISABLE_TELEMETRY", "1")
# The noise in the voice is seeded, so the same sentence always sounds the same.
_SEED = 0
_FULL_SCALE = 32767.0
_THREADS = 1


def speed_for(rate_wpm: int) -> float:
    """hibari's speed factor for a speed step (the nearest step for any other rate)."""
    nearest = min(SPEECH_RATES, key=lambda rate: abs(rate - rate_wpm))
    return SPEEDS[nearest]


def bundled_model() -> Path:
    """The voice inside hibari's wheel, found without hibari.voices (which may download)."""
    import hibari

    return Path(hibari.__file__).resolve().parent / "assets" / "hibari.onnx"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the spoken text and the phonemes the model is given for it."""

    start: int
    end: int
    phonemes: str
    is_word: bool


def import_onnxruntime() -> Any:
    """onnxruntime, imported with its usage events turned off: Reader never uses the network."""
    name, value = NO_TELEMETRY
    os.environ[name] = value
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime


class Model:
    """The ONNX session with the duration output added, and hibari's signal processing.

    ``source`` is the model file's path or its bytes. Raises EngineUnavailable for a
    model that is not hibari's shape, or that would read other files (external data).
    """

    def __init__(self, source: Path | bytes) -> None:
        import onnx

        onnxruntime = import_onnxruntime()
        try:
            if isinstance(source, bytes):
                graph = onnx.load_model_from_string(source)
            else:
                graph = onnx.load(str(source), load_external_data=False)
        except Exception as error:
            raise EngineUnavailable(
                "The voice's file is not a voice model.", f"({type(error).__name__})"
            ) from error
        _check_shape(graph)
        if DURATIONS not in {output.name for output in graph.graph.output}:
            graph.graph.output.append(
                onnx.helper.make_tensor_value_info(DURATIONS, onnx.TensorProto.FLOAT, None)
            )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = _THREADS
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            graph.SerializeToString(), options, providers=["CPUExecutionProvider"]
        )
        self.outputs = [output.name for output in self.session.get_outputs()]

    def run(self, ids: Sequence[int], speed: float) -> tuple[np.ndarray, np.ndarray]:
        """Phoneme ids (with their 0 pads) to float audio and each id's length in frames."""
        import numpy as np
        from hibari import dsp

        feeds = {
            "ids": np.asarray([list(ids)], np.int64),
            "speed": np.asarray([speed], np.float32),
        }
        results = dict(zip(self.outputs, self.session.run(self.outputs, feeds), strict=True))
        spectrum = [results[name][0] for name in SPECTRUM]
        audio = dsp.synth(*spectrum, np.random.default_rng(_SEED))
        durations = np.asarray(results[DURATIONS], np.float64).reshape(-1)
        return audio, durations


def _check_shape(graph: Any) -> None:
    """Raise EngineUnavailable unless ``graph`` takes and gives what hibari's voice does."""
    import onnx

    inputs = {value.name for value in graph.graph.input} - {
        tensor.name for tensor in graph.graph.initializer
    }
    outputs = {value.name for value in graph.graph.output}
    produced = {output for node in graph.graph.node for output in node.output}
    if inputs != INPUTS or not outputs.issuperset(SPECTRUM) or DURATIONS not in produced:
        raise EngineUnavailable(
            "The voice's model is not the shape Reader knows.",
            f"It needs inputs {' and '.join(sorted(INPUTS))}, "
            f"outputs {', '.join(SPECTRUM)} and the node output {DURATIONS}.",
        )
    # Tensors kept in other files would be read from wherever their paths point.
    tensors = list(graph.graph.initializer)
    for node in graph.graph.node:
        for attribute in node.attribute:
            tensors.extend([attribute.t, *attribute.tensors])
            if attribute.g.node or any(sub.node for sub in attribute.graphs):
                raise EngineUnavailable("The voice's model is not the shape Reader knows.", "")
    if any(tensor.data_location == onnx.TensorProto.EXTERNAL for tensor in tensors):
        raise EngineUnavailable(
            "The voice's model keeps its data in other files.", "Reader reads only one file."
        )


@dataclass(frozen=True, slots=True)
class _Voice:
    """A voice the engine can speak with: its model, phonemiser and speed."""

    voice: Voice
    model: Model
    british: bool
    speed: float


class NaturalEngine:
    """hibari's bundled voice behind the same calls as SpeechEngine. One thread only."""

    driver = DRIVER

    def __init__(self, model_path: Path | None = None, added: Path | None = None) -> None:
        """``added`` is the folder of voices an administrator added (none when None)."""
        try:
            # hibari's phonemiser runs a model of its own with onnxruntime: quiet it first.
            import_onnxruntime()
            import hibari

            path = model_path or bundled_model()
            own = Voice(VOICE_ID, VOICE_NAME, VOICE_LANGUAGES)
            self._voices = {VOICE_ID: _Voice(own, Model(path), british=False, speed=1.0)}
            vocab = Path(hibari.__file__).resolve().parent / "assets" / "vocab.json"
            self._vocab: dict[str, int] = json.loads(vocab.read_text(encoding="utf-8"))
            self._g2ps: dict[bool, Any] = {}
            self._g2p = self._phonemiser(british=False)
        except EngineUnavailable as error:
            raise EngineUnavailable(
                "The natural voice could not start.", f"{error.reason} {error.advice}".strip()
            ) from error
        except Exception as error:
            raise EngineUnavailable(
                "The natural voice could not start.", f"({type(error).__name__}: {error})"
            ) from error
        self.default_voice_id = VOICE_ID
        # One plain line for the log for each added voice left out.
        self.notes: list[str] = []
        if added is not None:
            self._add_voices(added)

    def _phonemiser(self, *, british: bool) -> Any:
        if british not in self._g2ps:
            from hibari.g2p import G2P

            self._g2ps[british] = G2P(british=british)
        return self._g2ps[british]

    def _add_voices(self, folder: Path) -> None:
        """Load and try each voice the administrator's list names; note each left out."""
        listed, self.notes = added_voices.read_manifest(folder)
        for entry in listed:
            problem = self._try_voice(entry)
            if problem:
                problem = problem[0].lower() + problem[1:].rstrip(".")
                self.notes.append(f"Added voice “{entry.name}” left out: {problem}.")

    def _try_voice(self, entry: added_voices.AddedVoice) -> str | None:
        """Load ``entry``'s model and say a word with it; why not, when it fails."""
        data = added_voices.read_voice_file(entry)
        if isinstance(data, str):
            return data
        voice = Voice(entry.id, entry.name, (entry.language,))
        try:
            loaded = _Voice(voice, Model(data), entry.british, entry.speed)
            g2p = self._phonemiser(british=entry.british)
            ids, _owners = self._ids(self._pieces(_TRIAL_TEXT, g2p))
            audio, durations = loaded.model.run(ids, entry.speed)
        except EngineUnavailable as error:
            return f"{error.reason} {error.advice}".strip()
        except Exception as error:
            return f"it did not speak ({type(error).__name__}: {error})"
        import numpy as np

        if len(durations) != len(ids) or not len(audio) or not np.isfinite(audio).all():
            return "it did not speak as a voice model should"
        self._voices[entry.id] = loaded
        return None

    def voices(self) -> list[Voice]:
        """Reader's own voice, then the added ones in the order of their list."""
        return [voice.voice for voice in self._voices.values()]

    def synthesise(
        self, text: str, rate_wpm: int = DEFAULT_RATE, voice_id: str | None = None
    ) -> Utterance:
        """One sentence to 16-bit PCM at 24 kHz, with each word's start from the model."""
        import numpy as np

        chosen = self._voices.get(voice_id or VOICE_ID)
        if chosen is None:
            raise ValueError(f"There is no voice called {voice_id!r}.")
        pieces = self._pieces(text, self._phonemiser(british=chosen.british))
        if not any(piece.is_word for piece in pieces):
            return Utterance(b"", SAMPLE_RATE, ())
        speed = min(
            added_voices.MAX_SPEED,
            max(added_voices.MIN_SPEED, speed_for(rate_wpm) * chosen.speed),
        )
        audio_parts: list[np.ndarray] = []
        words: list[WordTiming] = []
        offset_samples = 0
        for chunk in _chunks(pieces):
            ids, owners = self._ids(chunk)
            try:
                audio, durations = chosen.model.run(ids, speed)
            except Exception as error:
                raise SynthesisError(f"The natural voice failed: {error}") from error
            if len(durations) != len(ids):
                raise SynthesisError("The natural voice's timings do not match its phonemes.")
            starts = np.concatenate(([0.0], np.cumsum(durations))) * DURATION_SAMPLES
            seen: set[int] = set()
            for index, owner in enumerate(owners):
                if owner is None or owner in seen or not chunk[owner].is_word:
                    continue
                seen.add(owner)
                piece = chunk[owner]
                sample = offset_samples + starts[index]
                words.append(WordTiming(piece.start, piece.end, int(sample * 1000 // SAMPLE_RATE)))
            audio_parts.append(audio)
            offset_samples += len(audio)
        samples = (np.clip(np.concatenate(audio_parts), -1.0, 1.0) * _FULL_SCALE).astype("<i2")
        # Cut the model's lead-in silence, as espeak's is, and move the words with it.
        loud = np.flatnonzero(np.abs(samples) > wav.SILENCE_LEVEL)
        if not len(loud):
            return Utterance(b"", SAMPLE_RATE, ())
        cut_ms = max(0, int(loud[0]) * 1000 // SAMPLE_RATE - LEAD_IN_MS)
        pcm = wav.trim_tail(samples[cut_ms * SAMPLE_RATE // 1000 :].tobytes(), SAMPLE_RATE)
        shifted = tuple(
            WordTiming(
                word.start_char, word.end_char, max(0, word.start_ms - cut_ms - WORD_LEAD_MS)
            )
            for word in words
        )
        return Utterance(pcm, SAMPLE_RATE, shifted, "exact")

    def pieces(self, text: str) -> list[Piece]:
        """The text as Reader's own voice's phonemiser reads it, each piece tied to ``text``."""
        return self._pieces(text, self._g2p)

    @staticmethod
    def _pieces(text: str, g2p: Any) -> list[Piece]:
        """The text as ``g2p`` reads it, each piece tied to where it is in ``text``.

        hibari rewrites some text before reading it ("3:30" becomes words); a match of the
        two texts carries each token back to the characters it came from.
        """
        from hibari.g2p.normalize import normalize

        normal = normalize(text)
        to_text = _offset_map(normal, text)
        tokens = g2p.phonemize_tokens(g2p.tokenize(normal))
        pieces: list[Piece] = []
        at = 0
        for token in tokens:
            found = normal.find(token.text, at) if token.text else -1
            start, end = (found, found + len(token.text)) if found >= 0 else (at, at)
            at = max(at, end)
            phonemes = (token.phonemes or "") + (" " if token.whitespace else "")
            first, last = to_text(start), max(to_text(start), to_text(end))
            # A word hibari made up in rewriting ("pm" after "3:30") lights no word of its own.
            is_word = bool(token.phonemes) and any(char.isalnum() for char in text[first:last])
            pieces.append(Piece(first, last, phonemes, is_word))
        return pieces

    def _ids(self, pieces: Sequence[Piece]) -> tuple[list[int], list[int | None]]:
        """The model's ids (a 0 pad at each end) and which piece each id says."""
        ids = [0]
        owners: list[int | None] = [None]
        for index, piece in enumerate(pieces):
            for char in piece.phonemes:
                if char in self._vocab:
                    ids.append(self._vocab[char])
                    owners.append(index)
        # hibari strips the last space; a trailing space id would be a pause of its own.
        while len(ids) > 1 and ids[-1] == self._vocab[" "]:
            ids.pop()
            owners.pop()
        ids.append(0)
        owners.append(None)
        return ids, owners


def _chunks(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces in runs of at most MAX_PHONEMES, cut after a word where it must be."""
    chunks: list[list[Piece]] = [[]]
    length = 0
    for piece in pieces:
        if chunks[-1] and length + len(piece.phonemes) > MAX_PHONEMES:
            chunks.append([])
            length = 0
        chunks[-1].append(piece)
        length += len(piece.phonemes)
    return chunks


def _offset_map(changed: str, original: str) -> Callable[[int], int]:
    """A function from an offset in ``changed`` to the matching offset in ``original``."""
    if changed == original:
        return lambda offset: offset
    blocks = difflib.SequenceMatcher(None, changed, original, autojunk=False).get_opcodes()

    def to_original(offset: int) -> int:
        for _tag, changed_start, changed_end, original_start, original_end in blocks:
            if changed_start <= offset < changed_end:
                if changed_end - changed_start == original_end - original_start:
                    return original_start + offset - changed_start
                return original_start
        return len(original)

    return to_original
