"""The speech worker: a separate process that owns the engine, and its parent-side handle.

A process rather than a thread because pyttsx3 and espeak-ng keep
per-process state, SAPI needs one thread of its own, and a hung engine can
only be stopped by killing it. The parent sends requests with a job id and
collects results with ``poll()``, which never blocks unless asked to, so the
GUI can call it from a QTimer. No Qt here.

Results of cancelled jobs are dropped by id. ``poll()`` also looks after the
process: if it died, or a job has been running for longer than the timeout,
the process is killed and a new one started; the job it was working on is
reported failed and the jobs it had not started are sent again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from reader.paths import system_voices_dir
from reader.speech.engine import DEFAULT_RATE, EngineUnavailable
from reader.speech.engines import BOTH, Engines

if TYPE_CHECKING:
    from collections.abc import Sequence
    from multiprocessing.context import SpawnProcess
    from pathlib import Path

    from reader.speech.engine import (
        Utterance,
        Voice,
    )
    from reader.speech.engines import EngineName

DEFAULT_TIMEOUT_S = 5.0
# Starting loads the natural voice's model and warms both engines: on an old PC, with
# other programs starting too, that takes longer than one sentence ever should.
START_TIMEOUT_S = 20.0
MAX_RESTARTS_IN_A_ROW = 3
_PARENT_CHECK_S = 0.5
_WARM_UP_TEXT = "Ready."


@dataclass(frozen=True, slots=True)
class SynthesisRequest:
    job_id: int
    text: str
    rate: int
    voice: str | None


@dataclass(frozen=True, slots=True)
class VoicesRequest:
    job_id: int


@dataclass(frozen=True, slots=True)
class StallRequest:
    """For tests: the worker sleeps this long, as a hung engine would."""

    job_id: int
    seconds: float


@dataclass(frozen=True, slots=True)
class QuitRequest:
    pass


@dataclass(frozen=True, slots=True)
class CancelRequest:
    """Jobs the parent no longer wants: skip them if they have not started."""

    job_ids: frozenset[int]


Request = SynthesisRequest | VoicesRequest | StallRequest | QuitRequest | CancelRequest


@dataclass(frozen=True, slots=True)
class EngineReady:
    """The worker's engines work; ``warm_up_ms`` is the first (cold) synthesis.

    ``problem`` says in plain words why the natural voice is missing, when it is, and
    ``detail`` what stopped it, for the log.
    """

    driver: str
    voices: tuple[Voice, ...]
    default_voice: str | None
    warm_up_ms: float
    problem: str | None = None
    detail: str | None = None
    # A line for the log for each voice an administrator added that was left out.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NoEngine:
    """Read-aloud cannot work here: ``reason`` for the child, ``advice`` for an adult."""

    reason: str
    advice: str

    @property
    def message(self) -> str:
        return f"{self.reason} {self.advice}"


@dataclass(frozen=True, slots=True)
class SynthesisDone:
    job_id: int
    utterance: Utterance
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class VoicesDone:
    job_id: int
    voices: tuple[Voice, ...]
    default_voice: str | None


@dataclass(frozen=True, slots=True)
class JobFailed:
    job_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class WorkerRestarted:
    """The process was replaced; jobs it had not started were sent to the new one."""

    reason: str


@dataclass(frozen=True, slots=True)
class _Started:
    job_id: int


Result = EngineReady | NoEngine | SynthesisDone | VoicesDone | JobFailed | WorkerRestarted
JobRequest = SynthesisRequest | VoicesRequest | StallRequest
State = Literal["stopped", "starting", "ready", "no-engine"]


def _serve(
    requests: Any,
    responses: Any,
    driver_name: str | None,
    use: tuple[EngineName, ...],
    added: Path,
) -> None:
    """The worker process's main loop; ``added`` is the folder of added voices."""
    # Ctrl+C in a terminal reaches the whole process group; the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        engine = Engines(use, driver_name, added)
    except EngineUnavailable as error:
        responses.put(NoEngine(error.reason, error.advice))
        return
    except Exception as error:
        responses.put(NoEngine("Read aloud could not start.", f"Something went wrong: {error}"))
        return
    voices = tuple(engine.voices())
    chosen = engine.default_voice_id
    started = time.perf_counter()
    # The first sentence costs several times a warm one; pay for it now, in every engine.
    computer = engine.computer.default_voice_id if engine.computer else None
    for warm_up in dict.fromkeys((chosen, computer)):
        with contextlib.suppress(Exception):
            engine.synthesise(_WARM_UP_TEXT, DEFAULT_RATE, warm_up)
    warm_up_ms = (time.perf_counter() - started) * 1000
    responses.put(
        EngineReady(
            engine.driver,
            voices,
            chosen,
            warm_up_ms,
            engine.problem,
            engine.detail,
            engine.notes,
        )
    )
    parent = multiprocessing.parent_process()
    waiting: deque[JobRequest] = deque()
    while True:
        arrived: list[Request] = []
        if not waiting:
            try:
                arrived.append(requests.get(timeout=_PARENT_CHECK_S))
            except queue.Empty:
                if parent is not None and not parent.is_alive():
                    _abandon(responses)
                    return
                continue
        # Take everything already sent, so a Stop or a new speed skips the
        # sentences asked for before it instead of saying them first.
        with contextlib.suppress(queue.Empty):
            while True:
                arrived.append(requests.get_nowait())
        for item in arrived:
            if isinstance(item, QuitRequest):
                return
            if isinstance(item, CancelRequest):
                for job in [job for job in waiting if job.job_id in item.job_ids]:
                    waiting.remove(job)
                    responses.put(JobFailed(job.job_id, "cancelled"))
            else:
                waiting.append(item)
        if not waiting:
            continue
        request = waiting.popleft()
        responses.put(_Started(request.job_id))
        if not _handle(engine, request, voices, chosen, responses):
            return
        if parent is not None and not parent.is_alive():
            # Killed mid-export: no one will read what is left to send.
            _abandon(responses)
            return


def _abandon(responses: Any) -> None:
    """Let this process end even though the pipe to a dead parent is full."""
    with contextlib.suppress(Exception):
        responses.cancel_join_thread()


def _handle(
    engine: Engines,
    request: JobRequest,
    voices: tuple[Voice, ...],
    chosen: str | None,
    responses: Any,
) -> bool:
    """Carry out one job; False when the engine is broken and the process should end."""
    if isinstance(request, StallRequest):
        time.sleep(request.seconds)
        responses.put(JobFailed(request.job_id, "stalled on purpose"))
    elif isinstance(request, VoicesRequest):
        responses.put(VoicesDone(request.job_id, voices, chosen))
    else:
        started = time.perf_counter()
        try:
            utterance = engine.synthesise(request.text, request.rate, request.voice)
        except ValueError as error:
            responses.put(JobFailed(request.job_id, str(error)))
        except Exception as error:
            # pyttsx3's loop may be stuck half-way; a fresh process is the sure fix.
            responses.put(JobFailed(request.job_id, f"The voice stopped working: {error}"))
            return False
        else:
            elapsed_ms = (time.perf_counter() - started) * 1000
            responses.put(SynthesisDone(request.job_id, utterance, elapsed_ms))
    return True


class SpeechWorker:
    """Parent-side handle on the speech worker process."""

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        driver_name: str | None = None,
        max_restarts: int = MAX_RESTARTS_IN_A_ROW,
        engines: Sequence[EngineName] = BOTH,
        added_voices: Path | None = None,
    ) -> None:
        """``engines`` are the voices offered (both unless asked); ``driver_name`` is pyttsx3's.

        ``added_voices`` is the folder of voices an administrator added: by default the
        system-wide one beside the managed defaults.
        """
        self.timeout_s = timeout_s
        self.driver_name = driver_name
        self.engines = tuple(engines)
        self.added_voices = added_voices if added_voices is not None else system_voices_dir()
        self.max_restarts = max_restarts
        self.state: State = "stopped"
        self.ready: EngineReady | None = None
        self.no_engine: NoEngine | None = None
        self._context = multiprocessing.get_context("spawn")
        self._process: SpawnProcess | None = None
        self._requests: Any = None
        self._responses: Any = None
        self._pending: OrderedDict[int, JobRequest] = OrderedDict()
        self._cancelled: set[int] = set()
        self._running: tuple[int, float] | None = None
        self._last_progress = 0.0
        self._restarts_in_a_row = 0
        self._outbox: list[Result] = []

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the process (returns at once; EngineReady or NoEngine arrives through poll).

        After "no engine" this tries again, for when an adult has installed one since.
        """
        if self.alive:
            return
        self._restarts_in_a_row = 0
        self.no_engine = None
        self._launch()

    def _launch(self) -> None:
        self._requests = self._context.Queue()
        self._responses = self._context.Queue()
        self._process = self._context.Process(
            target=_serve,
            args=(
                self._requests,
                self._responses,
                self.driver_name,
                self.engines,
                self.added_voices,
            ),
            name="reader-speech",
            daemon=True,
        )
        self._process.start()
        self.state = "starting"
        self._running = None
        self._last_progress = time.monotonic()

    def request_synthesis(
        self, job_id: int, text: str, rate: int = DEFAULT_RATE, voice: str | None = None
    ) -> None:
        self._send(SynthesisRequest(job_id, text, rate, voice))

    def request_voices(self, job_id: int) -> None:
        self._send(VoicesRequest(job_id))

    def request_stall(self, job_id: int, seconds: float) -> None:
        """For tests: make the worker hang for ``seconds``."""
        self._send(StallRequest(job_id, seconds))

    def cancel(self, job_id: int) -> None:
        """Drop the job's result whenever it comes; the worker skips it if it can."""
        if job_id in self._pending:
            self._cancelled.add(job_id)
            self._tell_cancelled(frozenset({job_id}))

    def cancel_all(self) -> None:
        fresh = frozenset(self._pending) - self._cancelled
        self._cancelled.update(self._pending)
        if fresh:
            self._tell_cancelled(fresh)

    def _tell_cancelled(self, job_ids: frozenset[int]) -> None:
        requests = self._requests
        if requests is not None and self.alive:
            with contextlib.suppress(OSError, ValueError):
                requests.put(CancelRequest(job_ids))

    def pending(self) -> list[int]:
        """Jobs sent and neither finished nor cancelled."""
        return [job for job in self._pending if job not in self._cancelled]

    def poll(self, wait_s: float = 0.0) -> list[Result]:
        """Finished results, oldest first; waits up to ``wait_s`` for the first one."""
        results, self._outbox = self._outbox, []
        deadline = time.monotonic() + wait_s
        while (responses := self._responses) is not None:
            # A local name: a signal handler may stop the worker between the
            # check and the call, setting self._responses to None.
            remaining = deadline - time.monotonic()
            try:
                if results or remaining <= 0:
                    message = responses.get_nowait()
                else:
                    message = responses.get(timeout=min(remaining, 0.05))
            except queue.Empty:
                if results or time.monotonic() >= deadline or not self._healthy():
                    break
                continue
            except (OSError, EOFError, ValueError):
                break
            results.extend(self._receive(message))
        self._healthy()
        results.extend(self._outbox)
        self._outbox = []
        return results

    def restart(self, reason: str = "Read aloud was restarted.") -> None:
        """Kill the process and start a new one; unstarted jobs are sent again."""
        if self._running is not None:
            job_id = self._running[0]
            self._running = None
            if self._pending.pop(job_id, None) is not None and job_id not in self._cancelled:
                self._outbox.append(JobFailed(job_id, reason))
            self._cancelled.discard(job_id)
        self._kill()
        self._restarts_in_a_row += 1
        if self._restarts_in_a_row > self.max_restarts:
            self._give_up(
                NoEngine("Read aloud stopped working.", "Close Reader and open it again.")
            )
            return
        for job_id in [job for job in self._pending if job in self._cancelled]:
            del self._pending[job_id]
            self._cancelled.discard(job_id)
        self._launch()
        for request in self._pending.values():
            self._requests.put(request)
        self._outbox.append(WorkerRestarted(reason))

    def stop(self, timeout_s: float = 2.0) -> None:
        """Ask the process to quit, and kill it if it does not."""
        process, requests = self._process, self._requests
        if process is not None and process.is_alive():
            with contextlib.suppress(Exception):
                requests.put(QuitRequest())
            deadline = time.monotonic() + timeout_s
            while process.is_alive() and time.monotonic() < deadline:
                # A child exits only once its results are in the pipe, and an utterance is
                # bigger than the pipe's buffer: keep reading, and throw them away.
                self._drain()
                process.join(0.02)
        self._kill()
        self._outbox.clear()
        self._pending.clear()
        self._cancelled.clear()
        self.state = "stopped"

    def _send(self, request: JobRequest) -> None:
        if self.state == "no-engine" and self.no_engine is not None:
            self._outbox.append(JobFailed(request.job_id, self.no_engine.message))
            return
        if self.state == "stopped":
            self.start()
        if not self._pending:
            # Time spent idle is not time spent stuck.
            self._last_progress = time.monotonic()
        self._pending[request.job_id] = request
        self._requests.put(request)

    def _receive(self, message: object) -> list[Result]:
        now = time.monotonic()
        self._last_progress = now
        if isinstance(message, _Started):
            self._running = (message.job_id, now)
            return []
        if isinstance(message, EngineReady):
            self.state = "ready"
            self.ready = message
            return [message]
        if isinstance(message, NoEngine):
            self._give_up(message)
            return []
        if isinstance(message, SynthesisDone | VoicesDone | JobFailed):
            if self._running is not None and self._running[0] == message.job_id:
                self._running = None
            self._pending.pop(message.job_id, None)
            if isinstance(message, SynthesisDone | VoicesDone):
                self._restarts_in_a_row = 0
            if message.job_id in self._cancelled:
                self._cancelled.discard(message.job_id)
                return []
            return [message]
        return []

    def _healthy(self) -> bool:
        """Restart a dead or stuck process; False when that happened."""
        if self.state not in ("starting", "ready"):
            return True
        now = time.monotonic()
        if not self.alive:
            # Keep what it said before it died: the failed job's own reason, say.
            self._outbox.extend(self._drain())
            self.restart("The speech helper stopped unexpectedly.")
            return False
        stuck_since = self._running[1] if self._running else self._last_progress
        busy = self._running is not None or self._pending or self.state == "starting"
        limit = START_TIMEOUT_S if self.state == "starting" else self.timeout_s
        if busy and now - stuck_since > max(limit, self.timeout_s):
            self.restart("The speech helper took too long and was restarted.")
            return False
        return True

    def _drain(self) -> list[Result]:
        results: list[Result] = []
        while (responses := self._responses) is not None:
            try:
                message = responses.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                break
            results.extend(self._receive(message))
        return results

    def _give_up(self, reason: NoEngine) -> None:
        self._kill()
        self.state = "no-engine"
        self.no_engine = reason
        for job_id in self._pending:
            if job_id not in self._cancelled:
                self._outbox.append(JobFailed(job_id, reason.message))
        self._pending.clear()
        self._cancelled.clear()
        self._outbox.append(reason)

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.is_alive():
                # A hung engine ignores requests: SIGKILL by PID (TerminateProcess on Windows).
                process.kill()
            process.join(2.0)
            with contextlib.suppress(Exception):
                process.close()
        for channel in (self._requests, self._responses):
            if channel is not None:
                # A dead reader may leave data in the pipe; don't block exit on it.
                channel.cancel_join_thread()
                channel.close()
        self._requests = self._responses = None
        self._running = None
