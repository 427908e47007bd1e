"""Read a whole book (or some pages) into one WAV file.

Sentence by sentence through a speech worker process of its own, a few
sentences ahead, so a hung engine is restarted rather than hanging the
export, and the caller's process (the GUI's, say) keeps no engine state.
The file is written under a temporary name beside ``out`` and renamed at
the end, so a cancelled or failed export leaves no half file.
"""

from __future__ import annotations

import contextlib
import os
import time
import wave
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.sentences import Sentence
from reader.speech import wav
from reader.speech.engine import DEFAULT_RATE, EngineUnavailable
from reader.speech.part_files import PartLedger, part_path
from reader.speech.worker import JobFailed, NoEngine, SpeechWorker, SynthesisDone

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

# Enough to keep the worker busy while this process writes; each is ~100 KB.
_AHEAD = 4
_POLL_S = 0.05
_FALLBACK_RATE = 22050


@dataclass(frozen=True, slots=True)
class ExportResult:
    """``path`` is None when the export was cancelled; ``skipped`` could not be spoken."""

    path: Path | None
    sentences: int
    duration_ms: int
    elapsed_s: float
    skipped: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.path is None


@dataclass(frozen=True, slots=True)
class _Part:
    text: str
    pause_ms: int


def _parts(sentences_by_page: Sequence[Sequence[str | Sentence]]) -> list[_Part]:
    parts: list[_Part] = []
    for page in sentences_by_page:
        page_parts = []
        for item in page:
            if isinstance(item, Sentence):
                pause = wav.pause_after_ms(item.kind, last_in_block=item.last_in_block)
                page_parts.append(_Part(item.text, pause))
            elif item.strip():
                page_parts.append(_Part(item, 0))
        if page_parts:
            last = page_parts[-1]
            page_parts[-1] = _Part(last.text, max(last.pause_ms, wav.PAGE_PAUSE_MS))
        parts.extend(page_parts)
    if parts:
        # Nothing follows the last sentence: its own TAIL_MS is the ending.
        parts[-1] = _Part(parts[-1].text, 0)
    return parts


# The signature the GUI and CLI were promised: positional callbacks too.
def export_audio(  # noqa: PLR0917
    sentences_by_page: Sequence[Sequence[str | Sentence]],
    out: Path,
    rate: int = DEFAULT_RATE,
    voice: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    worker: SpeechWorker | None = None,
    ledger: PartLedger | None = None,
) -> ExportResult:
    """Speak every sentence, page after page, into the WAV file ``out``.

    Items are plain strings or ``Sentence`` objects (which also give the
    pause after headings and list items). ``progress(done, total)`` is called
    after each sentence; ``cancelled()`` is checked between sentences. Raises
    EngineUnavailable when there is no speech engine. ``worker`` is for a
    caller that already has one nothing else polls; by default a private one
    is started and stopped. ``ledger`` notes the part file while it is
    written, so a later start can remove it if this process is killed.
    """
    started = time.monotonic()
    parts = _parts(sentences_by_page)
    own_worker = worker is None
    speech = worker if worker is not None else SpeechWorker()
    temporary = part_path(out)
    ledger = ledger if ledger is not None else PartLedger(None)
    finished = False
    if speech.state == "no-engine" and speech.no_engine is not None:
        raise EngineUnavailable(speech.no_engine.reason, speech.no_engine.advice)
    try:
        ledger.add(temporary)
        speech.start()
        outcome = _write(
            speech,
            parts,
            temporary,
            rate=rate,
            voice=voice,
            progress=progress,
            cancelled=cancelled,
        )
        if outcome is None:
            return ExportResult(None, 0, 0, time.monotonic() - started)
        frames, sample_rate, skipped = outcome
        os.replace(temporary, out)
        finished = True
        return ExportResult(
            out,
            len(parts) - len(skipped),
            frames * 1000 // sample_rate,
            time.monotonic() - started,
            tuple(skipped),
        )
    finally:
        # Also on KeyboardInterrupt and the SIGTERM the command line turns into one.
        if not finished:
            with contextlib.suppress(OSError):
                temporary.unlink()
        ledger.remove(temporary)
        if own_worker:
            speech.stop()


def _write(
    speech: SpeechWorker,
    parts: list[_Part],
    temporary: Path,
    *,
    rate: int,
    voice: str | None,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[int, int, list[str]] | None:
    """Write all parts to ``temporary``; None when cancelled."""
    done: dict[int, SynthesisDone | JobFailed] = {}
    skipped: list[str] = []
    sent = 0
    frames = 0
    sample_rate = 0
    # The file is opened here, not by wave.open: when the folder is missing or
    # read-only, wave would leave a half-made writer that complains at exit.
    with temporary.open("wb") as handle, wave.open(handle, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(wav.SAMPLE_WIDTH)
        # Set now so closing always works, even when no engine answers; the
        # engine's own rate replaces it before the first frames.
        writer.setframerate(_FALLBACK_RATE)
        for index, part in enumerate(parts):
            while sent < min(len(parts), index + _AHEAD):
                speech.request_synthesis(sent, parts[sent].text, rate, voice)
                sent += 1
            while index not in done:
                if cancelled is not None and cancelled():
                    speech.cancel_all()
                    return None
                for result in speech.poll(_POLL_S):
                    if isinstance(result, NoEngine):
                        raise EngineUnavailable(result.reason, result.advice)
                    if isinstance(result, SynthesisDone | JobFailed):
                        done[result.job_id] = result
            result = done.pop(index)
            if isinstance(result, JobFailed):
                skipped.append(part.text)
            else:
                if not sample_rate:
                    # The frame rate may be set until the first frames are written.
                    sample_rate = result.utterance.sample_rate
                    writer.setframerate(sample_rate)
                pcm = result.utterance.pcm + wav.silence(part.pause_ms, sample_rate)
                writer.writeframes(pcm)
                frames += len(pcm) // wav.SAMPLE_WIDTH
            if progress is not None:
                progress(index + 1, len(parts))
        # Nothing could be spoken: still a valid, empty WAV file.
        sample_rate = sample_rate or _FALLBACK_RATE
    if cancelled is not None and cancelled():
        return None
    return frames, sample_rate, skipped
