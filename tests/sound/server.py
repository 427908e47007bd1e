"""A real PulseAudio sound server for the tests, and a recorder of what it plays.

The server is private: its own runtime folder, no other clients, one null sink
whose monitor is what a listener would hear. The recorder reads that monitor
through ``parec`` in small pieces and stamps each sample with the monotonic
time it was played, so what is heard can be lined up with what Reader showed.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SINK = "reader_test"
RECORD_RATE = 16_000
# parec hands audio over in pieces this long, which bounds the time-stamp error.
RECORD_LATENCY_MS = 5
READ_BYTES = 320
# A sample this loud (of 32767) is sound; quieter is silence.
LOUD = 600
START_TIMEOUT_S = 10.0


def have_pulseaudio() -> bool:
    return shutil.which("pulseaudio") is not None and shutil.which("parec") is not None


class PulseServer:
    """``pulseaudio`` with a null sink, in a private runtime folder."""

    def __init__(self) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="reader-pulse-"))
        self.runtime.chmod(0o700)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """What a client needs to find this server and no other."""
        return {
            "XDG_RUNTIME_DIR": str(self.runtime),
            "PULSE_SERVER": f"unix:{self.runtime / 'pulse' / 'native'}",
            "PULSE_SINK": SINK,
        }

    def start(self) -> None:
        env = {**os.environ, **self.env, "HOME": str(self.runtime)}
        env.pop("PULSE_SERVER")
        self.process = subprocess.Popen(
            [
                "pulseaudio",
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disallow-exit",
                "-L",
                "module-native-protocol-unix auth-anonymous=1",
                "-L",
                f"module-null-sink sink_name={SINK} rate=44100",
                "--log-target=stderr",
                "--log-level=error",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.ready():
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("PulseAudio did not start")

    def ready(self) -> bool:
        done = subprocess.run(
            ["pactl", "info"],
            env={**os.environ, **self.env},
            capture_output=True,
            check=False,
            timeout=5,
        )
        return done.returncode == 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.runtime, ignore_errors=True)


@dataclass(frozen=True)
class Recording:
    """Samples heard, each with the monotonic time it was played."""

    samples: np.ndarray
    times: np.ndarray

    def loud(self) -> np.ndarray:
        return np.abs(self.samples) > LOUD

    def sound_between(self, start: float, end: float) -> float:
        """Seconds of sound heard between two monotonic times."""
        inside = (self.times >= start) & (self.times < end)
        return float(np.count_nonzero(self.loud() & inside)) / RECORD_RATE

    def onsets(self, gap_s: float) -> list[float]:
        """When sound starts again after at least ``gap_s`` of silence."""
        found: list[float] = []
        last = -1e9
        for index in np.nonzero(self.loud())[0]:
            when = float(self.times[index])
            if when - last >= gap_s:
                found.append(when)
            last = when
        return found

    def silent_spans(self, longer_than_s: float) -> list[tuple[float, float]]:
        """Stretches of silence longer than ``longer_than_s``, as (start, end) times."""
        loud_times = self.times[self.loud()]
        if len(loud_times) == 0:
            return [(float(self.times[0]), float(self.times[-1]))] if len(self.times) else []
        edges = [float(self.times[0]), *loud_times.tolist(), float(self.times[-1])]
        return [(a, b) for a, b in itertools.pairwise(edges) if b - a > longer_than_s]

    @property
    def start(self) -> float:
        return float(self.times[0]) if len(self.times) else 0.0

    @property
    def end(self) -> float:
        return float(self.times[-1]) if len(self.times) else 0.0


class Recorder:
    """Records the null sink's monitor while it runs."""

    def __init__(self, server: PulseServer) -> None:
        self._server = server
        self._pieces: list[tuple[float, bytes]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Recorder:
        self._process = subprocess.Popen(
            [
                "parec",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={RECORD_RATE}",
                f"--latency-msec={RECORD_LATENCY_MS}",
                "-d",
                f"{SINK}.monitor",
            ],
            env={**os.environ, **self._server.env},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        # Wait until audio is flowing, so nothing played from now on is missed.
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._pieces and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        while True:
            piece = stream.read1(READ_BYTES)  # type: ignore[attr-defined]
            if not piece:
                return
            self._pieces.append((time.monotonic(), piece))

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(5)
        if self._thread is not None:
            self._thread.join(5)

    def recording(self) -> Recording:
        """What has been heard so far."""
        pieces = list(self._pieces)
        data = b"".join(piece for _when, piece in pieces)
        usable = len(data) - len(data) % 2
        samples = np.frombuffer(data[:usable], dtype="<i2").astype(np.int32)
        times = np.empty(len(samples))
        at = 0
        carry = b""
        for when, arrived in pieces:
            piece = carry + arrived
            count = len(piece) // 2
            carry = piece[count * 2 :]
            # The last sample of a piece was played just before the piece arrived.
            times[at : at + count] = when - np.arange(count)[::-1] / RECORD_RATE
            at += count
        return Recording(samples[:at], times[:at])
