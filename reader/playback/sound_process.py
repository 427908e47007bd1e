"""The speakers, through a QAudioSink that lives in a small process of its own.

Why a process: Qt's PulseAudio backend aborts the whole program (a failed
``pa_context_get_state`` assertion in libpulse) when it is used again after
the sound server has gone away and come back, or when a sink is touched while
it is gone. Measured here with a PulseAudio server that was killed mid-play:
any later QAudioSink, QMediaDevices query, reset or delete in that process
aborted it. A child reading aloud must never see the window vanish, so the
sink is kept in this process: if it dies, the window says sound is lost, and
the next Play starts a fresh one, which works as soon as the sound server is
back.

The parent pushes 16-bit mono PCM down a pipe; the child feeds its sink and
reports the sink's played clock (``processedUSecs``) every few milliseconds.
Each stream has a number, so reports from before a reset are ignored.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnProcess

SAMPLE_BYTES = 2
# How far ahead of what has been played the parent sends audio: enough to
# ride over a busy moment, small enough that Stop and a new speed are instant.
AHEAD_US = 400_000
REPORT_MS = 5
# How long the child waits for the parent to say something before it checks
# that the parent is still there.
IDLE_WAIT_S = 0.005
CLOSE_WAIT_S = 1.0


class ProcessOutput:
    """An ``AudioOutput`` whose sink is in a child process (see the module notes)."""

    def __init__(self) -> None:
        self._stream = 0
        self._rate = 0
        self._sent_bytes = 0
        self._played_us = 0
        self._lost = False
        context = multiprocessing.get_context("spawn")
        # Two one-way pipes (plain OS pipes, never sockets).
        self._reports, child_reports = context.Pipe(duplex=False)
        child_commands, self._commands = context.Pipe(duplex=False)
        self._process: SpawnProcess = context.Process(
            target=serve, args=(child_commands, child_reports), name="reader-sound", daemon=True
        )
        try:
            self._process.start()
        except OSError:
            self._lost = True  # said as "can't play sound" at the first Play
        child_commands.close()
        child_reports.close()

    def _send(self, message: tuple[Any, ...]) -> None:
        if self._lost:
            return
        try:
            self._commands.send(message)
        except (OSError, ValueError):
            self._lost = True

    def _drain(self) -> None:
        try:
            while self._reports.poll():
                kind, stream, value = self._reports.recv()
                if kind == "played" and stream == self._stream:
                    self._played_us = int(value)
                elif kind == "lost":
                    self._lost = True
        except (EOFError, OSError, ValueError):
            self._lost = True

    def start(self, sample_rate: int) -> None:
        self._stream += 1
        self._rate = sample_rate
        self._sent_bytes = self._played_us = 0
        self._send(("start", self._stream, sample_rate))

    def write(self, data: bytes) -> int:
        if not self._rate or self._lost:
            return 0
        self._drain()
        sent_us = self._sent_bytes // SAMPLE_BYTES * 1_000_000 // self._rate
        room_us = AHEAD_US - (sent_us - self._played_us)
        room = max(0, room_us * self._rate // 1_000_000) * SAMPLE_BYTES
        taken = min(len(data) - len(data) % SAMPLE_BYTES, room)
        if taken:
            self._send(("write", self._stream, data[:taken]))
            self._sent_bytes += taken
        return taken

    def played_us(self) -> int:
        self._drain()
        return self._played_us

    def suspend(self) -> None:
        self._send(("suspend", self._stream, None))

    def resume(self) -> None:
        self._send(("resume", self._stream, None))

    def reset(self) -> None:
        self._stream += 1
        self._rate = 0
        self._sent_bytes = self._played_us = 0
        self._send(("reset", self._stream, None))

    def failed(self) -> bool:
        self._drain()
        return self._lost or self._process.exitcode is not None

    def close(self) -> None:
        self._send(("quit", self._stream, None))
        if self._process.pid is not None:
            self._process.join(CLOSE_WAIT_S)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(CLOSE_WAIT_S)
        for end in (self._commands, self._reports):
            with contextlib.suppress(OSError):
                end.close()


def serve(commands: Connection, reports: Connection) -> None:
    """The child: one QAudioSink, fed from the pipe, its played clock sent back."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

    app = QCoreApplication([])
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        reports.send(("lost", 0, "no sound device"))
        return
    state: dict[str, Any] = {"sink": None, "io": None, "rate": 0, "stream": 0, "sent": -1}
    pending = bytearray()

    def start(stream: int, rate: int) -> None:
        sink = state["sink"]
        if sink is not None and rate != state["rate"]:
            sink.stop()
            sink = None
        if sink is None:
            audio_format = QAudioFormat()
            audio_format.setSampleRate(rate)
            audio_format.setChannelCount(1)
            audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            sink = QAudioSink(device, audio_format)
            state["rate"] = rate
        elif sink.state() != QtAudio.State.StoppedState:
            # stop(), not reset(): one start per stream, and nothing else.
            sink.stop()
        state["sink"] = sink
        state["io"] = sink.start()
        state["stream"] = stream
        state["sent"] = -1
        pending.clear()

    def handle(kind: str, stream: int, value: Any) -> bool:
        sink = state["sink"]
        if kind == "quit":
            return False
        if kind == "start":
            start(stream, int(value))
        elif kind == "reset":
            pending.clear()
            if sink is not None:
                sink.stop()
            state["io"] = None
            state["stream"] = stream
        elif stream != state["stream"]:
            return True  # from a stream that has been reset
        elif kind == "write":
            pending.extend(value)
        elif kind == "suspend" and sink is not None:
            sink.suspend()
        elif kind == "resume" and sink is not None:
            sink.resume()
        return True

    def tick() -> None:
        try:
            deadline = time.monotonic() + IDLE_WAIT_S
            while commands.poll(max(0.0, deadline - time.monotonic())):
                if not handle(*commands.recv()):
                    app.quit()
                    return
            sink, io = state["sink"], state["io"]
            if sink is None or io is None:
                return
            if pending:
                room = min(len(pending), sink.bytesFree())
                room -= room % SAMPLE_BYTES
                if room > 0:
                    written = int(io.write(bytes(pending[:room])))
                    del pending[:written]
            played = int(sink.processedUSecs())
            if played != state["sent"]:
                reports.send(("played", state["stream"], played))
                state["sent"] = played
        except (EOFError, OSError):
            app.quit()  # the window has gone

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(REPORT_MS)
    app.exec()
    if state["sink"] is not None:
        state["sink"].stop()
