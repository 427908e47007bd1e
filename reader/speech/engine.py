"""Text to PCM plus word timings with pyttsx3, for the speech worker process.

One engine per process (pyttsx3 and espeak-ng keep per-process state and
must be used from one thread): the speech worker makes it and is its only
user. Nothing is ever played from here:
each sentence is saved to a temporary WAV file, read back as PCM, and the
GUI plays it on its own audio sink.

pyttsx3 2.99 traps this module works around (measured with espeak-ng 1.51):

- espeak-ng runs asynchronously (pyttsx3 initialises it in "retrieval"
  mode), so the first ``runAndWait`` returns before the file is written:
  wait for the ``finished-utterance`` event instead.
- ``runAndWait`` calls the driver's ``stop()``, which cancels espeak-ng if it
  still looks busy from the last utterance; that cancel throws away a rate or
  voice change queued just before it. So wait until espeak-ng is idle, and set
  the rate and voice at ``started-utterance``, after that ``stop()``.
- The driver prints "Audio saved to ..." on stdout for every file.
- Word events drop espeak's audio position. A wrapper around
  ``pyttsx3.drivers._espeak.SetSynthCallback``, installed before the driver
  is made, sees every espeak event on its way to the driver and keeps the
  exact time of each word. These private names are pinned by
  tests/speech/test_pyttsx3_internals.py.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reader.core.settings import DEFAULT_SPEECH_RATE, SPEECH_RATES
from reader.speech import wav

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reader.core.sentences import Word

# Words a minute. espeak-ng's slowest is 80; the steps start slow enough for
# an early reader and end near espeak's normal 175.
MIN_RATE = 80
MAX_RATE = 300
# The speeds a reader can choose are defined once, with their names, in settings.
RATE_STEPS: tuple[int, ...] = tuple(SPEECH_RATES)
DEFAULT_RATE = DEFAULT_SPEECH_RATE

FINISH_TIMEOUT_S = 10.0
_IDLE_TIMEOUT_S = 2.0
_ESPEAK_WORD_EVENT = 1
_ESPEAK_LIST_TERMINATED = 0

TimingSource = Literal["exact", "events", "even"]


@dataclass(frozen=True, slots=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WordTiming:
    """Where a spoken word is in the text (code points, ``end_char`` exclusive) and when."""

    start_char: int
    end_char: int
    start_ms: int


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence as 16-bit mono PCM, trimmed to ``wav.TAIL_MS`` after the last sound.

    ``timing`` says how the word times were found: ``exact`` from espeak's
    audio positions, ``events`` from a driver's word events spread over the
    synthesis time, ``even`` spread by characters as a last resort.
    """

    pcm: bytes
    sample_rate: int
    words: tuple[WordTiming, ...]
    timing: TimingSource = "exact"

    @property
    def duration_ms(self) -> int:
        return wav.duration_ms(self.pcm, self.sample_rate)


class EngineUnavailable(RuntimeError):
    """No speech on this computer; ``reason`` and ``advice`` are for a child and an adult."""

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(f"{reason} {advice}")
        self.reason = reason
        self.advice = advice


class SynthesisError(RuntimeError):
    """The engine did not turn the text into audio."""


def step_rate(rate: int, steps: int) -> int:
    """The rate ``steps`` places along RATE_STEPS from ``rate`` (clamped at the ends)."""
    nearest = min(range(len(RATE_STEPS)), key=lambda index: abs(RATE_STEPS[index] - rate))
    return RATE_STEPS[max(0, min(len(RATE_STEPS) - 1, nearest + steps))]


def default_voice(voices: Sequence[Voice]) -> Voice | None:
    """UK English when there is one (espeak-ng's ``gmw/en``), then any English, then the first."""

    def languages(voice: Voice) -> list[str]:
        return [language.lower().replace("_", "-") for language in voice.languages]

    preferences: list[Callable[[str], bool]] = [
        lambda language: language in ("en-gb", "en-uk"),
        lambda language: language.startswith(("en-gb", "en-uk")),
        lambda language: language == "en" or language.startswith("en-"),
    ]
    for preferred in preferences:
        for voice in voices:
            if any(preferred(language) for language in languages(voice)):
                return voice
    return voices[0] if voices else None


def word_start_times(
    words: Sequence[Word],
    sentence_start: int,
    utterance: Utterance,
    to_sentence: Callable[[int, int], tuple[int, int]] | None = None,
) -> list[int]:
    """When each of a sentence's words starts, in ms from the start of its audio.

    ``words`` come from ``reader.core.sentences`` (block offsets); the engine's
    timings are offsets in the text it was given, so ``sentence_start`` links
    the two. When that text was respelled for speech, ``to_sentence`` maps a
    range of it back to the sentence (``reader.core.pronunciation.to_original``
    with its spans). A word the engine said nothing about (espeak splits
    "it’s" and gives "’s" no event of its own) takes the time of the first
    timing inside it, or failing that a time between its neighbours in
    proportion to characters.
    """
    starts = [
        (to_sentence(t.start_char, t.end_char)[0] if to_sentence else t.start_char, t.start_ms)
        for t in utterance.words
    ]
    times: list[int | None] = []
    for word in words:
        start, end = word.start - sentence_start, word.end - sentence_start
        inside = [start_ms for char, start_ms in starts if start <= char < end]
        times.append(min(inside) if inside else None)
    return _fill_gaps(words, times, utterance.duration_ms)


def _fill_gaps(words: Sequence[Word], times: list[int | None], total_ms: int) -> list[int]:
    filled: list[int] = []
    for index, time_ms in enumerate(times):
        if time_ms is not None:
            filled.append(max(time_ms, filled[-1] if filled else 0))
            continue
        before = filled[-1] if filled else 0
        later = [(i, t) for i, t in enumerate(times[index + 1 :], index + 1) if t is not None]
        after_index, after = later[0] if later else (len(words), total_ms)
        span_start = words[index - 1].start if index else words[0].start
        span_end = words[after_index].start if after_index < len(words) else words[-1].end
        share = (words[index].start - span_start) / max(span_end - span_start, 1)
        filled.append(before + max(0, int((after - before) * share)) if index else 0)
    return filled


class _EspeakTap:
    """Sees espeak-ng's events on their way to pyttsx3's driver and keeps the word times."""

    def __init__(self) -> None:
        self.words: list[tuple[int, int, int]] = []
        self.driver_connected = False

    def install(self) -> bool:
        """Wrap ``SetSynthCallback``; False when espeak-ng (or its Python binding) is missing."""
        try:
            from pyttsx3.drivers import _espeak
        except Exception:
            return False
        original = _espeak.SetSynthCallback
        tap = self

        def set_synth_callback(callback: Any) -> None:
            if callback is None:
                original(None)
                return
            tap.driver_connected = True

            def relay(samples: Any, count: int, events: Any) -> int:
                tap.record(events)
                return int(callback(samples, count, events) or 0)

            original(relay)

        set_synth_callback.reader_tap = tap  # type: ignore[attr-defined]
        _espeak.SetSynthCallback = set_synth_callback
        return True

    def record(self, events: Any) -> None:
        # Never let a surprise here stop the driver from getting its call.
        with contextlib.suppress(Exception):
            index = 0
            while (event := events[index]).type != _ESPEAK_LIST_TERMINATED:
                # text_position is 1-based; 0 marks events tied to no word.
                if event.type == _ESPEAK_WORD_EVENT and event.text_position > 0:
                    self.words.append((event.text_position - 1, event.length, event.audio_position))
                index += 1


def _installed_tap() -> _EspeakTap | None:
    with contextlib.suppress(Exception):
        from pyttsx3.drivers import _espeak

        tap = getattr(_espeak.SetSynthCallback, "reader_tap", None)
        if isinstance(tap, _EspeakTap):
            return tap
        tap = _EspeakTap()
        if tap.install():
            return tap
    return None


def _unavailable(error: BaseException | None) -> EngineUnavailable:
    detail = f" ({error})" if error else ""
    if sys.platform == "win32":
        return EngineUnavailable(
            "Read aloud could not start the computer's voices.",
            f"Ask an adult to check the speech settings in Windows Settings.{detail}",
        )
    if sys.platform == "darwin":
        return EngineUnavailable(
            "Read aloud could not start the Mac's voices.",
            f"Ask an adult to reinstall Reader.{detail}",
        )
    return EngineUnavailable(
        "Read aloud needs espeak-ng.",
        "Ask an adult to install it: sudo apt-get install espeak-ng",
    )


class SpeechEngine:
    """pyttsx3 driven one sentence at a time. Use from one thread only."""

    def __init__(self, driver_name: str | None = None) -> None:
        # The tap must be in place before pyttsx3 makes its espeak driver.
        self._tap = _installed_tap()
        try:
            import pyttsx3

            self._engine: Any = pyttsx3.init(driver_name)
        except Exception as error:
            raise _unavailable(error) from error
        self.driver = str(self._engine.driver_name)
        self._espeak = self.driver == "espeak"
        if not (self._espeak and self._tap and self._tap.driver_connected):
            # Another engine made the driver before the tap: fall back to word events.
            self._tap = None
        self._finished = threading.Event()
        self._started_at = 0.0
        self._finished_at = 0.0
        self._events: list[tuple[int, int, float]] = []
        self._pending: tuple[int, str | None] | None = None
        self._voice: str | None = None
        self._hook_error: str | None = None
        self._engine.connect("started-utterance", self._on_started)
        self._engine.connect("started-word", self._on_word)
        self._engine.connect("finished-utterance", self._on_finished)
        self._voices = self._read_voices()
        chosen = default_voice(self._voices)
        self.default_voice_id = chosen.id if chosen else None
        if not self._voices:
            raise EngineUnavailable(
                "Read aloud found no voices on this computer.",
                "Ask an adult to install some: sudo apt-get install espeak-ng-data"
                if sys.platform.startswith("linux")
                else "Ask an adult to add a voice in the computer's speech settings.",
            )

    def _read_voices(self) -> list[Voice]:
        voices = []
        for voice in self._engine.getProperty("voices") or []:
            languages = tuple(str(language) for language in (voice.languages or []))
            voices.append(Voice(str(voice.id), str(voice.name or voice.id), languages))
        return voices

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesise(
        self, text: str, rate_wpm: int = DEFAULT_RATE, voice_id: str | None = None
    ) -> Utterance:
        """Turn one sentence into trimmed PCM and the start time of each word.

        ``voice_id`` None means the default voice, so no request depends on the one before.
        """
        rate = max(MIN_RATE, min(MAX_RATE, int(rate_wpm)))
        voice_id = voice_id or self.default_voice_id
        if voice_id is not None and voice_id not in {voice.id for voice in self._voices}:
            raise ValueError(f"There is no voice called {voice_id!r}.")
        if not text.strip():
            return Utterance(b"", 22050, ())
        with tempfile.TemporaryDirectory(prefix="reader-speech-") as folder:
            path = Path(folder) / "utterance.wav"
            self._run(text, path, rate, voice_id)
            try:
                pcm, sample_rate = wav.read_audio(path)
            except (OSError, wav.AudioFormatError) as error:
                raise SynthesisError(f"The engine wrote no audio: {error}") from error
        speech_ms = wav.sound_end_ms(pcm, sample_rate)
        pcm = wav.trim_tail(pcm, sample_rate)
        words, timing = self._timings(text, speech_ms)
        return Utterance(pcm, sample_rate, words, timing)

    def _run(self, text: str, path: Path, rate: int, voice_id: str | None) -> None:
        if self._espeak:
            self._wait_until_idle()
            # Applied in _on_started, after runAndWait's stop() (see the module notes).
            self._pending = (rate, voice_id)
        else:
            if voice_id is not None:
                self._engine.setProperty("voice", voice_id)
            self._engine.setProperty("rate", rate)
        self._finished.clear()
        self._finished_at = 0.0
        self._events.clear()
        self._hook_error = None
        if self._tap:
            self._tap.words.clear()
        self._started_at = time.monotonic()
        # The driver prints from its own thread, so keep stdout redirected until it is done.
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            finished = self._finished.wait(FINISH_TIMEOUT_S) or path.exists()
        self._pending = None
        if self._hook_error:
            raise SynthesisError(self._hook_error)
        if not finished:
            raise SynthesisError("The engine did not finish the sentence in time.")

    def _wait_until_idle(self) -> None:
        from pyttsx3.drivers import _espeak

        deadline = time.monotonic() + _IDLE_TIMEOUT_S
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _on_started(self, name: object = None) -> None:
        self._started_at = time.monotonic()
        if self._pending is None:
            return
        from pyttsx3.drivers import _espeak

        rate, voice_id = self._pending
        try:
            if voice_id is not None and voice_id != self._voice:
                if _espeak.SetVoiceByName(voice_id.encode("utf-8")) != 0:
                    self._hook_error = f"espeak-ng could not use the voice {voice_id!r}."
                    return
                self._voice = voice_id
            _espeak.SetParameter(_espeak.RATE, rate, 0)
        except (ctypes.ArgumentError, OSError) as error:
            self._hook_error = f"espeak-ng refused the settings: {error}"

    def _on_word(self, name: object = None, location: int = 0, length: int = 0) -> None:
        # Real word events name their word; SAPI's start-of-stream event, also sent as
        # "started-word", carries a stream number and no word.
        if isinstance(name, str):
            self._events.append((int(location), int(length), time.monotonic()))

    def _on_finished(self, name: object = None, completed: bool = True) -> None:
        # A second, "not completed" event follows when the driver's stop() cancelled
        # nothing; only the first says the file is written.
        if not self._finished.is_set():
            self._finished_at = time.monotonic()
            self._finished.set()

    def _timings(self, text: str, speech_ms: int) -> tuple[tuple[WordTiming, ...], TimingSource]:
        if self._tap and self._tap.words:
            raw = [(start, length, ms) for start, length, ms in self._tap.words]
            return _clean(text, raw), "exact"
        if self._events:
            return self._timings_from_events(text, speech_ms), "events"
        return _even_spread(text, speech_ms), "even"

    def _timings_from_events(self, text: str, speech_ms: int) -> tuple[WordTiming, ...]:
        # Files are written faster than real time, so an event's share of the
        # synthesis time stands for its share of the speech.
        finished_at = self._finished_at or max(event[2] for event in self._events)
        span = max(finished_at - self._started_at, 1e-6)
        raw = []
        for location, length, at in self._events:
            if self._espeak:
                start, end = location - 1, location - 1 + length
            else:
                # SAPI and NSSpeechSynthesizer count in UTF-16 code units.
                start, end = _code_point(text, location), _code_point(text, location + length)
            raw.append((start, end - start, int(speech_ms * (at - self._started_at) / span)))
        return _clean(text, raw)


def _code_point(text: str, utf16_index: int) -> int:
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_index:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _clean(text: str, raw: Sequence[tuple[int, int, int]]) -> tuple[WordTiming, ...]:
    """Drop events outside the text and repeats; keep times from going backwards."""
    timings: list[WordTiming] = []
    seen: set[int] = set()
    for start, length, start_ms in sorted(raw, key=lambda item: item[2]):
        if start < 0 or start >= len(text) or start in seen or text[start].isspace():
            continue
        seen.add(start)
        later = max(start_ms, timings[-1].start_ms if timings else 0)
        timings.append(WordTiming(start, min(len(text), start + max(length, 1)), later))
    return tuple(timings)


def _even_spread(text: str, speech_ms: int) -> tuple[WordTiming, ...]:
    tokens = list(re.finditer(r"\S+", text))
    if not tokens:
        return ()
    first, last = tokens[0].start(), tokens[-1].end()
    span = max(last - first, 1)
    return tuple(
        WordTiming(token.start(), token.end(), speech_ms * (token.start() - first) // span)
        for token in tokens
    )
