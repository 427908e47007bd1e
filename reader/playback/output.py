"""Where read-aloud audio goes: the computer's speakers, or a silent stand-in.

Both take 16-bit mono PCM pushed in small pieces and say how much of it has
been played (the speakers' sink lives in a process of its own:
``sound_process.py`` says why), so pause, resume, stop and word highlighting follow what is
heard. A stream is begun with ``start`` and ended with ``reset``; the played
clock counts from zero at each start.

The stand-in "plays" at real-time speed with no sound. It is only for machines
with no sound server at all (a test machine): ``READER_SILENT_AUDIO=1`` asks
for it. A person whose computer cannot play sound is told so instead.
"""

from __future__ import annotations

import os
from typing import Protocol

from PySide6.QtCore import QElapsedTimer

SAMPLE_BYTES = 2
# How far ahead of what is heard the stand-in accepts audio, like a device buffer.
STAND_IN_BUFFER_US = 500_000
SILENT_ENV = "READER_SILENT_AUDIO"
NO_SOUND = (
    "Reader can't play sound right now. Check that the speakers or headphones are "
    "plugged in and turned up, then press Read aloud to try again."
)


class AudioOutput(Protocol):
    def start(self, sample_rate: int) -> None: ...
    def write(self, data: bytes) -> int: ...
    def played_us(self) -> int: ...
    def suspend(self) -> None: ...
    def resume(self) -> None: ...
    def reset(self) -> None: ...
    def failed(self) -> bool: ...
    def close(self) -> None: ...


class SilentOutput:
    """Consumes audio at wall-clock speed and plays nothing."""

    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._rate = 0
        self._written_bytes = 0
        self._base_us = 0  # played before the clock last (re)started
        self._running = False
        self._paused = False

    def start(self, sample_rate: int) -> None:
        self.reset()
        self._rate = sample_rate

    @property
    def _written_us(self) -> int:
        # From the byte total, so many small writes add up without rounding drift.
        return self._written_bytes // SAMPLE_BYTES * 1_000_000 // self._rate if self._rate else 0

    def _elapsed_us(self) -> int:
        return self._clock.nsecsElapsed() // 1000 if self._running else 0

    def played_us(self) -> int:
        return min(self._base_us + self._elapsed_us(), self._written_us)

    def _catch_up(self) -> None:
        # A device that runs out of audio waits at the end of it; so does this.
        if self._running and self._base_us + self._elapsed_us() > self._written_us:
            self._base_us = self._written_us
            self._clock.start()

    def write(self, data: bytes) -> int:
        if not self._rate:
            return 0
        self._catch_up()
        room_us = STAND_IN_BUFFER_US - (self._written_us - self.played_us())
        room = max(0, room_us * self._rate // 1_000_000) * SAMPLE_BYTES
        taken = min(len(data) - len(data) % SAMPLE_BYTES, room)
        self._written_bytes += taken
        if taken and not self._running and not self._paused:
            self._clock.start()
            self._running = True
        return taken

    def suspend(self) -> None:
        self._paused = True
        if self._running:
            self._base_us = self.played_us()
            self._running = False

    def resume(self) -> None:
        self._paused = False
        if not self._running and self._written_us > self._base_us:
            self._clock.start()
            self._running = True

    def reset(self) -> None:
        self._written_bytes = self._base_us = 0
        self._running = self._paused = False

    def failed(self) -> bool:
        return False

    def close(self) -> None:
        self.reset()


def make_output() -> AudioOutput:
    """The computer's speakers; the silent stand-in only where it is asked for."""
    if os.environ.get(SILENT_ENV):
        return SilentOutput()
    from reader.playback.sound_process import ProcessOutput

    return ProcessOutput()
