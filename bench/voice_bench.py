"""Each voice engine on its own, for ``make bench``: start, first sentence, book export, memory.

For the natural voice (hibari) and the computer's (pyttsx3 with espeak-ng here), each in
a speech worker that offers only that engine:

- load: making the engine in this process (the model and phonemiser, or pyttsx3);
- ready: from starting the worker until it says it is ready (load plus a warm-up);
- first sentence: a sentence it has not said before, synthesised warm;
- the whole book to a WAV file, and how many times faster than real time that is;
- the worker's peak memory (VmHWM) after the export;
- the word error rate of an offline recogniser on that WAV file (bench/wer_bench.py; for
  the computer's voice, on one page: see WER_PAGE).

Run alone: ``python -m bench.voice_bench``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.table import Check
from bench.wer_bench import recognise, word_error_rate
from reader.core.loader import load_book
from reader.gui.audio_export import book_sentences
from reader.resources import default_book_dir
from reader.speech.export import export_audio
from reader.speech.worker import EngineReady, NoEngine, SpeechWorker, SynthesisDone

if TYPE_CHECKING:
    from reader.speech.engines import EngineName

ENGINES: tuple[EngineName, ...] = ("natural", "computer")
FIRST_SENTENCE = "Everyone has the right to be safe, at home, at school and online."
# Goals from issue 12, for the natural voice.
EXPORT_GOAL_S = {"natural": 15, "computer": 60}
FIRST_SENTENCE_GOAL_MS = 300
# Reader's own limits: a voice that starts in a second and fits an old PC's memory.
LOAD_GOAL_MS = 1000
READY_GOAL_MS = 3000
PEAK_GOAL_MB = 300
# Issue 12's goal for the natural voice: PocketSphinx gets at least 85% of the book's words.
# The computer's voice has none (espeak-ng: about 0.8 on one page); it is a note.
NATURAL_WER_GOAL = 0.15
# What the recogniser listens to: the whole book (None), or one page. The recogniser
# struggles with espeak-ng's voice, and so is slow on it: the whole book took 18 min here
# (WER 0.87), page 5, the page issue 12 measured, about a minute. The natural voice's
# whole book takes it about 2-4 min on this busy 2-core machine.
WER_PAGE: dict[EngineName, int | None] = {"natural": None, "computer": 5}


def _peak_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _load_s(engine: EngineName) -> float:
    began = time.perf_counter()
    if engine == "natural":
        from reader.speech.natural import NaturalEngine

        NaturalEngine()
    else:
        from reader.speech.engine import SpeechEngine

        SpeechEngine()
    return time.perf_counter() - began


def engine_figures(engine: EngineName) -> dict[str, float]:
    worker = SpeechWorker(engines=(engine,))
    try:
        began = time.perf_counter()
        worker.start()
        ready: EngineReady | None = None
        while ready is None:
            for result in worker.poll(1.0):
                if isinstance(result, NoEngine):
                    raise RuntimeError(result.message)
                if isinstance(result, EngineReady):
                    ready = result
        ready_ms = (time.perf_counter() - began) * 1000
        worker.request_synthesis(1, FIRST_SENTENCE, 140, ready.default_voice)
        first_ms = 0.0
        while not first_ms:
            for result in worker.poll(1.0):
                if isinstance(result, SynthesisDone):
                    first_ms = result.elapsed_ms
        book = load_book(default_book_dir())
        sentences = book_sentences(book, range(len(book.pages)))
        out = Path(tempfile.mkdtemp(prefix="reader-bench-voice-")) / "book.wav"
        began = time.perf_counter()
        result = export_audio(sentences, out, 140, ready.default_voice, worker=worker)
        export_s = time.perf_counter() - began
        peak = _peak_mb(worker.pid)
        if WER_PAGE[engine] is None:
            heard_pages = sentences
        else:
            heard_pages = [sentences[WER_PAGE[engine] - 1]]
            export_audio(heard_pages, out, 140, ready.default_voice, worker=worker)
        heard = recognise(out)
        said = [sentence.text for page in heard_pages for sentence in page]
        out.unlink()
    finally:
        worker.stop()
    audio_s = result.duration_ms / 1000
    return {
        "load_ms": _load_s(engine) * 1000,
        "ready_ms": ready_ms,
        "first_sentence_ms": first_ms,
        "export_s": export_s,
        "export_audio_s": audio_s,
        "x_real_time": audio_s / max(export_s, 1e-6),
        "worker_peak_mb": peak,
        "wer": word_error_rate(said, heard.text),
        "wer_words": len(" ".join(said).split()),
        "wer_audio_s": heard.audio_s,
        "recognise_s": heard.seconds,
    }


def voice_figures() -> dict[EngineName, dict[str, float]]:
    return {engine: engine_figures(engine) for engine in ENGINES}


def voice_checks(figures: dict[EngineName, dict[str, float]]) -> list[Check]:
    checks = []
    for engine, f in figures.items():
        checks += [
            Check(f"Voice {engine}: load", f["load_ms"], "ms", LOAD_GOAL_MS),
            Check(
                f"Voice {engine}: worker ready (load and warm-up)",
                f["ready_ms"],
                "ms",
                READY_GOAL_MS,
            ),
            Check(
                f"Voice {engine}: first sentence ready (warm)",
                f["first_sentence_ms"],
                "ms",
                FIRST_SENTENCE_GOAL_MS,
            ),
            Check(
                f"Voice {engine}: whole book export ({f['export_audio_s']:.0f} s of audio, "
                f"{f['x_real_time']:.0f}x real time)",
                f["export_s"],
                "s",
                EXPORT_GOAL_S[engine],
            ),
            Check(f"Voice {engine}: worker peak memory", f["worker_peak_mb"], "MB", PEAK_GOAL_MB),
        ]
        if engine == "natural":
            checks.append(
                Check(
                    f"Voice {engine}: word error rate of PocketSphinx on the whole book",
                    f["wer"],
                    "",
                    NATURAL_WER_GOAL,
                )
            )
    return checks


def voice_notes(figures: dict[EngineName, dict[str, float]]) -> list[str]:
    notes = []
    for engine, f in figures.items():
        page = WER_PAGE[engine]
        what = "the whole exported book" if page is None else f"page {page} exported"
        notes.append(
            f"- Voice {engine}: PocketSphinx (en-us) heard {what} ({f['wer_words']:,.0f} words, "
            f"{f['wer_audio_s'] / 60:.1f} min) with a word error rate of {f['wer']:.3f}; "
            f"recognising it took {f['recognise_s']:.0f} s"
        )
    return notes


if __name__ == "__main__":
    for name, figures in voice_figures().items():
        print(name, {key: round(value, 1) for key, value in figures.items()})
