"""Read-aloud figures for ``make bench``: latency, gaps, export and a soak.

These run through the silent stand-in, to time Reader's own work. What is
heard through a real sound server (first sound, highlight against the voice,
the page-turn gap) is ``bench/heard_bench.py``.
"""

from __future__ import annotations

import multiprocessing
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.soak import resident_mb
from bench.table import Check
from reader.core.loader import load_book
from reader.core.narration import plan
from reader.gui.audio_export import book_sentences
from reader.playback.output import SilentOutput
from reader.playback.player import Player as ReadAloud
from reader.resources import default_book_dir
from reader.speech.export import export_audio

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.core.narration import Placed, Spoken

PAGE_FOR_TIMING = 1  # "Who is the Children's Commissioner…": a page of ordinary sentences
PLAY_RUNS = 10
SOAK_CYCLES = 200


@dataclass
class TimedOutput(SilentOutput):
    """The silent stand-in, noting when audio first arrives and when it runs dry."""

    first_write_at: float | None = None
    clock_started_at: float | None = None
    dry_since: float | None = None
    gaps_ms: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def start(self, sample_rate: int) -> None:
        super().start(sample_rate)
        self._forget()

    def reset(self) -> None:
        super().reset()
        self._forget()

    def _forget(self) -> None:
        self.first_write_at = self.clock_started_at = self.dry_since = None
        self.gaps_ms = []

    def write(self, data: bytes) -> int:
        was_dry = self.played_us() >= self._written_us and self._written_us > 0
        taken = super().write(data)
        now = time.perf_counter()
        if taken and self.first_write_at is None:
            self.first_write_at = now
            self.clock_started_at = now
        if taken and was_dry and self.dry_since is not None:
            self.gaps_ms.append((now - self.dry_since) * 1000)
            self.dry_since = None
        return taken

    def note_dry(self) -> None:
        if self._written_us and self.played_us() >= self._written_us and self.dry_since is None:
            self.dry_since = time.perf_counter()


def _spoken_page() -> list[Spoken]:
    from PySide6.QtGui import QTextDocument

    from reader.core.page_content import page_content, page_html
    from reader.gui.page_view import document_blocks

    book = load_book(default_book_dir())
    content = page_content(book.pages[PAGE_FOR_TIMING])
    document = QTextDocument()
    document.setHtml(page_html(content))
    return plan(document_blocks(document, content))


def _wait(app: QApplication, condition: object, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)


def speech_figures(app: QApplication) -> dict[str, float]:
    """Everything the read-aloud issue asks to be measured, in ms unless named otherwise."""
    spoken = _spoken_page()
    outputs: list[TimedOutput] = []

    def output() -> TimedOutput:
        outputs.append(TimedOutput())
        return outputs[-1]

    player = ReadAloud(output_factory=output)
    player.warm()
    _wait(app, lambda: player.engine is not None, 30)

    # Play to first audio, warm; the first run plays the whole page for gaps and drift.
    first_audio: list[float] = []
    drifts: list[float] = []
    gaps: list[float] = []
    heard: list[tuple[float, int, int]] = []
    placed: dict[int, Placed] = {}
    done: list[bool] = []

    def note(sentence: int, word: int) -> None:
        if sentence >= 0:
            heard.append((time.perf_counter(), sentence, word))
            found = player.placement(sentence)
            if found is not None:
                placed[sentence] = found

    def first_write() -> float | None:
        return outputs[-1].first_write_at if outputs else None

    for run in range(PLAY_RUNS):
        player.load(spoken)
        began = time.perf_counter()
        player.play()
        _wait(app, lambda: first_write() is not None, 10)
        first_audio.append(((first_write() or began) - began) * 1000)
        if run == 0:
            out = outputs[-1]
            # Kept now: finishing resets the output, which forgets when it started.
            clock_start = out.clock_started_at or began
            player.highlighted.connect(note)
            player.finished.connect(lambda: done.append(True))
            while not done:
                out.note_dry()
                app.processEvents()
                time.sleep(0.002)
            player.highlighted.disconnect(note)
            for at, sentence, word in heard:
                item = placed.get(sentence)
                if item is not None and word < len(item.word_starts_us):
                    drifts.append((at - clock_start) * 1000 - item.word_starts_us[word] / 1000)
            gaps = list(out.gaps_ms)
        player.stop()

    # Pause and stop latency: from the call until the audio clock has stopped.
    pauses, stops = [], []
    for _ in range(PLAY_RUNS):
        player.load(spoken)
        player.play()
        _wait(app, lambda: player.current_sentence() >= 0, 10)
        began = time.perf_counter()
        player.pause()
        pauses.append((time.perf_counter() - began) * 1000)
        player.resume()
        began = time.perf_counter()
        player.stop()
        stops.append((time.perf_counter() - began) * 1000)

    # Soak: many play/stop cycles leave no processes, threads or memory behind.
    before_mb, threads = resident_mb(), threading.active_count()
    children = len(multiprocessing.active_children())
    for cycle in range(SOAK_CYCLES):
        player.load(spoken)
        player.play()
        _wait(app, lambda: first_write() is not None, 10)
        if cycle % 2:
            player.pause()
        player.stop()
    app.processEvents()
    soak_growth = resident_mb() - before_mb
    leaked = (threading.active_count() - threads) + (
        len(multiprocessing.active_children()) - children
    )
    player.shutdown()

    # The whole book to one WAV file.
    book = load_book(default_book_dir())
    sentences = book_sentences(book, range(len(book.pages)))
    out_path = Path(__import__("tempfile").mkdtemp()) / "book.wav"
    began = time.perf_counter()
    result = export_audio(sentences, out_path)
    export_s = time.perf_counter() - began

    return {
        "play_first_audio_median": statistics.median(first_audio),
        "play_first_audio_worst": max(first_audio),
        "gap_worst": max(gaps, default=0.0),
        "gaps": float(len(gaps)),
        "drift_mean": statistics.fmean(abs(d) for d in drifts) if drifts else 0.0,
        "drift_worst": max((abs(d) for d in drifts), default=0.0),
        "pause_worst": max(pauses),
        "stop_worst": max(stops),
        "soak_growth_mb": soak_growth,
        "soak_leaks": float(leaked),
        "export_s": export_s,
        "export_audio_s": result.duration_ms / 1000,
        "export_sentences": float(result.sentences),
    }


def speech_checks(figures: dict[str, float]) -> list[Check]:
    """The read-aloud goals, as rows of the benchmark's second table."""
    f = figures
    return [
        Check(
            "Read aloud: Play to first audio handed to the output (warm), median",
            f["play_first_audio_median"],
            "ms",
            150,
        ),
        Check(
            "Read aloud: Play to first audio (warm), worst", f["play_first_audio_worst"], "ms", 150
        ),
        Check(
            f"Read aloud: longest gap between sentences ({f['gaps']:.0f} gaps seen)",
            f["gap_worst"],
            "ms",
            50,
        ),
        Check("Read aloud: pause latency, worst", f["pause_worst"], "ms", 50),
        Check("Read aloud: stop latency, worst", f["stop_worst"], "ms", 50),
        Check(
            f"Read aloud soak: memory growth over {SOAK_CYCLES} play/stop cycles",
            f["soak_growth_mb"],
            "MB",
            10,
        ),
        Check("Read aloud soak: processes and threads left behind", f["soak_leaks"], "", 1),
        Check(
            f"Whole-book export ({f['export_sentences']:.0f} sentences, "
            f"{f['export_audio_s']:.0f} s of audio), time",
            f["export_s"],
            "s",
            60,
        ),
    ]
