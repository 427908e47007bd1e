"""Where read-aloud audio goes: the computer's speakers, or a silent stand-in.

Both take 16-bit mono PCM pushed in small pieces and say how much of it has
been played, so pause, resume, stop and word highlighting follow what is
heard. A stream is begun with ``start`` and ended with ``reset``; the played
clock counts from zero at each start.

The stand-in "plays" at real-time speed with no sound. It is only for machines
with no sound server at all (a test machine): ``READER_SILENT_AUDIO=1`` asks
for it. A person whose computer cannot play sound is told so instead.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QElapsedTimer

if TYPE_CHECKING:
    from PySide6.QtCore import QIODevice
    from PySide6.QtMultimedia import QAudioSink

SAMPLE_BYTES = 2
# How far ahead of what is heard the stand-in accepts audio, like a device buffer.
STAND_IN_BUFFER_US = 500_000
SILENT_ENV = "READER_SILENT_AUDIO"
NO_SOUND = (
    "Reader can't play sound right now. Check that the speakers or headphones are "
    "plugged in and turned up, then press Read aloud to try again."
)


class NoSoundDevice(Exception):
    """The computer has no sound output Reader can use."""


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


class DeviceOutput:
    """The default sound device, through one QAudioSink kept for as long as it works.

    Measured through PulseAudio (a null sink's monitor, recorded): the sink's
    ``processedUSecs`` is the audio the sound server has taken to play, within
    about 30 ms of what comes out, so it is the played clock. Audio still in
    Qt's own buffer is not counted.
    """

    def __init__(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            raise NoSoundDevice
        self._device = device
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._rate = 0

    def start(self, sample_rate: int) -> None:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QtAudio

        if self._sink is not None and sample_rate != self._rate:
            self.close()
        if self._sink is None:
            audio_format = QAudioFormat()
            audio_format.setSampleRate(sample_rate)
            audio_format.setChannelCount(1)
            audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            self._sink = QAudioSink(self._device, audio_format)
            self._rate = sample_rate
        elif self._sink.state() != QtAudio.State.StoppedState:
            # One start per stream: starting a started sink leaves it silent.
            # (QtAudio, not its old name QAudio: PySide6 keeps their enums apart.)
            self._sink.reset()
        self._io = self._sink.start()

    def write(self, data: bytes) -> int:
        if self._sink is None or self._io is None:
            return 0
        room = min(len(data), self._sink.bytesFree())
        room -= room % SAMPLE_BYTES
        return int(self._io.write(data[:room])) if room > 0 else 0

    def played_us(self) -> int:
        return int(self._sink.processedUSecs()) if self._io is not None and self._sink else 0

    def suspend(self) -> None:
        if self._sink is not None and self._io is not None:
            self._sink.suspend()

    def resume(self) -> None:
        if self._sink is not None and self._io is not None:
            self._sink.resume()

    def reset(self) -> None:
        if self._sink is not None:
            self._sink.reset()
        self._io = None

    def failed(self) -> bool:
        from PySide6.QtMultimedia import QtAudio

        return self._sink is not None and self._sink.error() not in (
            QtAudio.Error.NoError,
            QtAudio.Error.UnderrunError,
        )

    def close(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = None
        self._io = None
        self._rate = 0


def make_output() -> AudioOutput:
    """The computer's speakers; the silent stand-in only where it is asked for.

    Raises ``NoSoundDevice`` when there is nothing to play sound on.
    """
    if os.environ.get(SILENT_ENV):
        return SilentOutput()
    return DeviceOutput()
