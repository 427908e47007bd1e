"""The player: sentences synthesised ahead in the speech worker, played through one output.

The worker process owns the engine and never blocks this (the UI) thread:
a 20 ms timer collects finished sentences, pushes their audio to the output,
asks for the next ones, and turns the output's played clock into the word
being heard (the one place that mapping is made). Pause and resume suspend
the output; stop drops everything queued and starts a new generation of job
ids so late results are ignored.

The player reads for one owner at a time (the page being read, or a preview
such as "Try this voice"); each owner checks ``owner`` before acting on what
the player says, so a preview never turns the page.

A page read on into the next is one stream: once every sentence of the page
is being made (``endInSight``), the owner may queue the next page's with
``read_on``. Its first words are then made while the page's last are heard,
so turning the page adds no silence, and ``pageTurned`` says when the next
page's first words are heard. Sentence numbers in ``highlighted`` count from
the start of the page being heard.

If the sound device stops playing or goes away, reading stops and
``soundLost`` says so in plain words: it never carries on in silence. The next
Play opens the device afresh, so sound comes back once the device is back.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.narration import Timeline, plan
from reader.core.sentences import Block
from reader.playback.output import NO_SOUND, make_output
from reader.speech import wav
from reader.speech.engine import DEFAULT_RATE, Utterance, word_start_times
from reader.speech.worker import (
    EngineReady,
    JobFailed,
    NoEngine,
    SpeechWorker,
    SynthesisDone,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reader.core.narration import Placed, Spoken
    from reader.playback.output import AudioOutput

log = logging.getLogger(__name__)

State = Literal["stopped", "playing", "paused", "unavailable"]
TICK_MS = 20
# Sentences asked for ahead of the one being queued for playing.
AHEAD = 2
JOBS_PER_GENERATION = 1_000_000
# An output's clock may stop a frame or two short of the exact end of the audio.
END_SLACK_US = 20_000
# A sound device that holds audio but does not play it (unplugged, or its
# sound server gone) is given up after this long. Some devices take a second
# or two to begin (Bluetooth, an idle sound server), so it is not shorter.
STALL_S = 3.0


class Player(QObject):
    """Plays sentences for one owner and reports the sentence and word being heard."""

    stateChanged = Signal(str)
    # (sentence index in its page, word index); (-1, -1) when nothing is being read.
    highlighted = Signal(int, int)
    finished = Signal()
    # Every sentence of the page being heard is being made: the moment to queue what follows.
    endInSight = Signal()
    # The sentences queued by ``read_on`` have begun to be heard.
    pageTurned = Signal()
    unavailable = Signal(str)
    # The sound device failed: reading has stopped, and this says why in plain words.
    soundLost = Signal(str)
    ready = Signal(object)  # EngineReady: driver, voices, default voice

    def __init__(
        self,
        worker_factory: Callable[[], SpeechWorker] = SpeechWorker,
        output_factory: Callable[[], AudioOutput] = make_output,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker_factory = worker_factory
        self._output_factory = output_factory
        self._worker: SpeechWorker | None = None
        self._output: AudioOutput | None = None
        self._sample_rate = 0
        self.state: State = "stopped"
        self.rate = DEFAULT_RATE
        self.voice: str | None = None
        self.engine: EngineReady | None = None
        self.problem = ""
        # Every sentence queued since ``load``: the page, then any it reads on into.
        self.spoken: list[Spoken] = []
        self.owner: object | None = None
        self._page_start = 0  # where the page being heard begins in ``spoken``
        self._following: int | None = None  # where the page queued by read_on begins
        self._end_told = False  # endInSight has been said for the page being heard
        self._generation = 0
        self._next_request = 0
        self._next_queue = 0
        self._ready: dict[int, Utterance] = {}
        self._pending = bytearray()
        self._timeline = Timeline()
        self._heard: tuple[int, int] = (-1, -1)
        self._last_clock = (-1, 0.0)  # (audio position, when it last moved)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # Engine --------------------------------------------------------------

    def warm(self) -> None:
        """Start the speech worker early, so the first Play answers at once."""
        if self._worker is None:
            self._worker = self._worker_factory()
        self._worker.start()
        # The speakers' process starts now too, beside the engine's.
        if self._output is None:
            self._output = self._output_factory()
        self._timer.start()

    def shutdown(self) -> None:
        self.stop()
        self._timer.stop()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self._output is not None:
            self._output.close()
            self._output = None

    # What to read ---------------------------------------------------------

    def load(self, spoken: Sequence[Spoken], owner: object | None = None) -> None:
        """Set the sentences to read, for ``owner``; stops anything being read."""
        self.stop()
        self.spoken = list(spoken)
        self.owner = owner
        self._page_start, self._following = 0, None

    def read_on(self, spoken: Sequence[Spoken]) -> None:
        """Queue the next page's sentences straight after this page's, in the same stream."""
        if not spoken or self._following is not None:
            return
        start = len(self.spoken)
        self.spoken.extend(replace(item, index=start + item.index) for item in spoken)
        self._following = start

    def say(self, text: str, owner: object | None = None) -> None:
        """Read some words that are not a page, such as a glossary meaning."""
        self.load(plan([(Block("paragraph", text), None)]), owner)
        self.play()

    # Controls -------------------------------------------------------------

    def play(self, start: int = 0) -> None:
        """Play the page being heard from its sentence ``start``."""
        if self.state == "unavailable" or not self.spoken:
            return
        self.warm()
        self._reset_queue(self._page_start + start)
        self._set_state("playing")
        self._tick()

    def pause(self) -> None:
        if self.state == "playing":
            if self._output is not None:
                self._output.suspend()
            self._set_state("paused")

    def resume(self) -> None:
        if self.state == "paused":
            if self._output is not None:
                self._output.resume()
            # The clock stood still while paused: that was not a stall.
            self._last_clock = (-1, time.monotonic())
            self._set_state("playing")

    def toggle(self, start: int = 0) -> None:
        """Play, pause or carry on: whatever comes next."""
        if self.state == "playing":
            self.pause()
        elif self.state == "paused":
            self.resume()
        else:
            self.play(start)

    def stop(self) -> None:
        self._reset_queue(len(self.spoken))
        if self.state in ("playing", "paused"):
            self._set_state("stopped")

    def set_rate(self, rate: int) -> None:
        """A new speed, from the sentence being heard now."""
        if rate != self.rate:
            self.rate = rate
            self._restart_here()

    def set_voice(self, voice: str | None) -> None:
        if voice is not None and self._voice_missing(voice):
            log.warning("The chosen voice is not on this computer; using the usual one")
            voice = None
        if voice != self.voice:
            self.voice = voice
            self._restart_here()

    def _voice_missing(self, voice: str) -> bool:
        engine = self.engine
        return engine is not None and voice not in {known.id for known in engine.voices}

    def current_sentence(self) -> int:
        """The sentence being heard, counted in its page; -1 when none is."""
        heard = self._heard[0]
        return heard - self._page_start if heard >= 0 else -1

    def placement(self, sentence: int) -> Placed | None:
        """Where sentence ``sentence`` of the page being heard, and its words, sit on
        the audio clock; None if it is not queued."""
        index = self._page_start + sentence
        return next((item for item in self._timeline.placed if item.index == index), None)

    # Inside ----------------------------------------------------------------

    def _restart_here(self) -> None:
        if self.state in ("playing", "paused"):
            here = self._heard[0] if self._heard[0] >= 0 else self._next_queue
            here = min(max(here, self._page_start), max(len(self.spoken) - 1, 0))
            self.play(here - self._page_start)

    def _stalled(self, heard: int) -> bool:
        """Whether the device holds audio it has not played for too long."""
        now = time.monotonic()
        if heard != self._last_clock[0] or heard + END_SLACK_US >= self._written_us():
            self._last_clock = (heard, now)
            return False
        return now - self._last_clock[1] >= STALL_S

    def _written_us(self) -> int:
        """How much audio the output has been given, on the timeline's clock."""
        if not self._sample_rate:
            return 0
        pending_us = len(self._pending) // wav.SAMPLE_WIDTH * 1_000_000 // self._sample_rate
        return self._timeline.end_us - pending_us

    def _lose_sound(self) -> None:
        """Stop, say why, and open the device afresh on the next Play."""
        log.warning("The sound device stopped playing; reading aloud stopped")
        self._reset_queue(len(self.spoken))
        if self._output is not None:
            self._output.close()
            self._output = None
        self._set_state("stopped")
        self.soundLost.emit(NO_SOUND)

    def _reset_queue(self, start: int) -> None:
        if self._worker is not None:
            self._worker.cancel_all()
        self._generation += 1
        self._next_request = self._next_queue = start
        self._end_told = False
        self._ready.clear()
        self._pending.clear()
        self._timeline.clear()
        self._last_clock = (-1, time.monotonic())
        if self._output is not None:
            self._output.reset()
            self._sample_rate = 0
        self._highlight(-1, -1)

    def _job(self, index: int) -> int:
        return self._generation * JOBS_PER_GENERATION + index

    def _set_state(self, state: State) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _highlight(self, sentence: int, word: int) -> None:
        if (sentence, word) == self._heard:
            return
        self._heard = (sentence, word)
        if self._following is not None and sentence >= self._following:
            self._page_start, self._following = self._following, None
            self._end_told = False  # the new page's end may be in sight already: say so again
            generation = self._generation
            self.pageTurned.emit()
            if generation != self._generation:
                return  # the owner started again on the turn: this is not heard now
        if sentence < 0:
            self.highlighted.emit(-1, -1)
        else:
            self.highlighted.emit(sentence - self._page_start, word)

    def _tick(self) -> None:
        worker = self._worker
        if worker is None:
            return
        for result in worker.poll():
            self._receive(result)
        if self.state not in ("playing", "paused"):
            return
        self._queue_ready()
        self._feed()
        self._request_more(worker)
        if self.state == "playing":
            self._follow()

    def _receive(self, result: object) -> None:
        if isinstance(result, EngineReady):
            self.engine = result
            if result.problem:
                # The book's words never reach the log; what stopped the voice does.
                log.warning("Natural voice unavailable, using the computer's: %s", result.detail)
            for note in result.notes:
                log.warning("%s", note)
            if self.voice is not None and self._voice_missing(self.voice):
                # A voice saved on another computer, or since removed: the best one
                # instead, so reading never goes silent sentence after sentence.
                log.warning("The chosen voice is not on this computer; using the usual one")
                self.set_voice(None)
            self.ready.emit(result)
        elif isinstance(result, NoEngine):
            self.problem = result.message
            self._reset_queue(len(self.spoken))
            self._set_state("unavailable")
            self.unavailable.emit(result.message)
        elif isinstance(result, SynthesisDone):
            generation, index = divmod(result.job_id, JOBS_PER_GENERATION)
            if generation == self._generation:
                self._ready[index] = result.utterance
        elif isinstance(result, JobFailed):
            generation, index = divmod(result.job_id, JOBS_PER_GENERATION)
            if generation == self._generation:
                # A sentence the engine could not say is skipped, not waited for.
                self._ready[index] = Utterance(b"", self._sample_rate or 22050, ())

    def _request_more(self, worker: SpeechWorker) -> None:
        self._ask_ahead(worker)
        if (
            self._next_request >= len(self.spoken)
            and self._following is None  # one page queued ahead at a time
            and not self._end_told
        ):
            self._end_told = True
            self.endInSight.emit()
            self._ask_ahead(worker)  # what the owner queued just now is asked for at once

    def _ask_ahead(self, worker: SpeechWorker) -> None:
        while (
            self._next_request < len(self.spoken) and self._next_request <= self._next_queue + AHEAD
        ):
            item = self.spoken[self._next_request]
            worker.request_synthesis(self._job(item.index), item.text, self.rate, self.voice)
            self._next_request += 1

    def _queue_ready(self) -> None:
        while self._next_queue in self._ready:
            utterance = self._ready.pop(self._next_queue)
            item = self.spoken[self._next_queue]
            if self._output is None:
                self._output = self._output_factory()
            if self._sample_rate != utterance.sample_rate and utterance.pcm:
                if self._sample_rate:
                    # A different voice's format waits until this audio has played.
                    self._ready[self._next_queue] = utterance
                    break
                self._sample_rate = utterance.sample_rate
                self._output.start(self._sample_rate)
                if self.state == "paused":
                    self._output.suspend()
            rate = self._sample_rate or utterance.sample_rate
            pause = wav.silence(
                wav.pause_after_ms(item.sentence.kind, last_in_block=item.sentence.last_in_block),
                rate,
            )
            audio = utterance.pcm + pause
            words = word_start_times(
                item.sentence.words, item.sentence.start, utterance, item.to_sentence
            )
            duration_us = len(audio) // wav.SAMPLE_WIDTH * 1_000_000 // rate
            self._timeline.append(item.index, duration_us, words)
            self._pending.extend(audio)
            self._next_queue += 1

    def _feed(self) -> None:
        if self._output is None or not self._pending:
            return
        taken = self._output.write(bytes(self._pending))
        del self._pending[:taken]

    def _follow(self) -> None:
        if self._output is None:
            return
        heard = self._output.played_us()
        if self._output.failed() or self._stalled(heard):
            self._lose_sound()
            return
        # Nothing is heard until the device's clock moves: some take a while to begin.
        found = self._timeline.locate(heard) if heard > 0 else None
        if found is not None:
            self._highlight(*found)
        all_queued = self._next_queue >= len(self.spoken)
        if all_queued and not self._pending and heard + END_SLACK_US >= self._timeline.end_us:
            self._reset_queue(len(self.spoken))
            self._set_state("stopped")
            self.finished.emit()
