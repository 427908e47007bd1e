"""The speech worker process: round trips, cancelling, and recovering from a dead or hung engine."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pathlib import Path

from reader.speech.worker import (
    CancelRequest,
    EngineReady,
    JobFailed,
    NoEngine,
    QuitRequest,
    Result,
    SpeechWorker,
    SynthesisDone,
    SynthesisRequest,
    VoicesDone,
    WorkerRestarted,
    _serve,
)

pytestmark = pytest.mark.espeak

TEXT = "Press Next to turn the page."


@pytest.fixture
def worker() -> Iterator[SpeechWorker]:
    speech = SpeechWorker()
    speech.start()
    yield speech
    speech.stop()


def collect(
    worker: SpeechWorker, done: Callable[[list[Result]], bool], timeout_s: float = 10.0
) -> list[Result]:
    """Poll as the GUI's timer would until ``done(results)`` or the timeout."""
    results: list[Result] = []
    deadline = time.monotonic() + timeout_s
    while not done(results):
        assert time.monotonic() < deadline, f"gave up waiting; got {results}"
        results.extend(worker.poll(0.05))
    return results


def finished(
    *job_ids: int,
) -> Callable[
    [
        list[Result],
    ],
    bool,
]:
    def check(results: list[Result]) -> bool:
        seen = {r.job_id for r in results if isinstance(r, SynthesisDone | JobFailed | VoicesDone)}
        return set(job_ids) <= seen

    return check


def ready(results: list[Result]) -> bool:
    return any(isinstance(result, EngineReady | NoEngine) for result in results)


def test_round_trip(worker: SpeechWorker) -> None:
    results = collect(worker, ready)
    assert isinstance(results[0], EngineReady)
    assert results[0].driver == "hibari+espeak"
    assert results[0].default_voice == "natural/heart", "the natural voice is the default"
    assert results[0].problem is None
    assert worker.state == "ready"
    worker.request_synthesis(1, TEXT, 140, "gmw/en")
    worker.request_voices(2)
    results = collect(worker, finished(1, 2))
    done = next(r for r in results if isinstance(r, SynthesisDone))
    assert done.job_id == 1
    assert done.utterance.duration_ms > 1000
    assert done.utterance.words[0].start_char == 0
    voices = next(r for r in results if isinstance(r, VoicesDone))
    assert voices.voices[0].id == "natural/heart", "the natural voice comes first"
    assert "gmw/en" in {voice.id for voice in voices.voices}
    assert worker.pending() == []


def test_cancelled_results_are_dropped(worker: SpeechWorker) -> None:
    for job_id in (1, 2, 3):
        worker.request_synthesis(job_id, f"Sentence number {job_id}.", 140)
    worker.cancel(2)
    assert worker.pending() == [1, 3]
    results = collect(worker, finished(1, 3))
    # Job 2 ran before 3 in the worker, so it has had every chance to show up.
    results += worker.poll(0.2)
    jobs = [r.job_id for r in results if isinstance(r, SynthesisDone)]
    assert jobs == [1, 3]


def test_a_killed_worker_is_restarted_and_the_job_still_done(worker: SpeechWorker) -> None:
    collect(worker, ready)
    old_pid = worker.pid
    assert old_pid is not None
    os.kill(old_pid, signal.SIGKILL)
    worker.request_synthesis(7, TEXT, 140)
    results = collect(worker, finished(7))
    assert any(isinstance(r, WorkerRestarted) for r in results)
    assert any(isinstance(r, SynthesisDone) and r.job_id == 7 for r in results)
    assert worker.pid not in (None, old_pid)


def test_a_hung_worker_is_recovered_by_the_timeout() -> None:
    speech = SpeechWorker(timeout_s=1.0)
    try:
        speech.start()
        collect(speech, ready)
        stuck_pid = speech.pid
        assert stuck_pid is not None
        # A frozen process is what the parent sees of an engine stuck inside a sentence.
        os.kill(stuck_pid, signal.SIGSTOP)
        speech.request_synthesis(1, TEXT, 140)
        speech.request_synthesis(2, TEXT, 140)
        results = collect(speech, finished(1, 2), timeout_s=40)
        restarted = next(r for r in results if isinstance(r, WorkerRestarted))
        assert "too long" in restarted.reason
        done = {r.job_id for r in results if isinstance(r, SynthesisDone)}
        assert done == {1, 2}, "the jobs the stuck process never started are done by the new one"
        assert speech.pid != stuck_pid
        with pytest.raises(ProcessLookupError):
            os.kill(stuck_pid, 0)
    finally:
        speech.stop()


def test_no_engine_is_reported_in_plain_words() -> None:
    speech = SpeechWorker(driver_name="no-such-driver", engines=("computer",))
    try:
        speech.start()
        results = collect(speech, ready)
        assert speech.state == "no-engine"
        no_engine = next(r for r in results if isinstance(r, NoEngine))
        assert no_engine.reason == "Read aloud needs espeak-ng."
        assert "sudo apt-get install espeak-ng" in no_engine.advice
        speech.request_synthesis(1, TEXT, 140)
        failed = speech.poll()
        assert failed == [JobFailed(1, no_engine.message)]
        assert not speech.alive
    finally:
        speech.stop()


def test_gives_up_after_too_many_restarts() -> None:
    speech = SpeechWorker(max_restarts=0)
    try:
        speech.start()
        collect(speech, ready)
        assert speech.pid is not None
        os.kill(speech.pid, signal.SIGKILL)
        results = collect(speech, bool)
        assert speech.state == "no-engine"
        assert any(isinstance(r, NoEngine) and "stopped working" in r.reason for r in results)
    finally:
        speech.stop()


def test_stop_ends_the_process_even_with_results_unread() -> None:
    speech = SpeechWorker()
    speech.start()
    collect(speech, ready)
    pid = speech.pid
    # Each result is bigger than a pipe's buffer: the child can't exit until they are read.
    for job_id in range(5):
        speech.request_synthesis(job_id, TEXT, 140)
    speech.stop()
    assert not speech.alive
    assert speech.state == "stopped"
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_cancelled_jobs_that_have_not_started_are_skipped(tmp_path: Path) -> None:
    # The worker's own loop in a process of its own, with every request sent before it
    # has started (it takes seconds to load): as when Stop comes while it is busy.
    context = multiprocessing.get_context("spawn")
    requests: Any = context.Queue()
    responses: Any = context.Queue()
    long_sentence = "This is a long sentence that takes the voice a little while to say. " * 4
    for job in range(2, 12):
        requests.put(SynthesisRequest(job, long_sentence, 140, None))
    requests.put(CancelRequest(frozenset(range(2, 12))))
    requests.put(SynthesisRequest(99, "Straight away.", 140, None))
    serving = context.Process(
        target=_serve, args=(requests, responses, None, ("computer",), tmp_path / "no-voices")
    )
    serving.start()
    said: list[int] = []
    skipped: list[int] = []
    try:
        while 99 not in said:
            message = responses.get(timeout=60)
            if isinstance(message, SynthesisDone):
                said.append(message.job_id)
            elif isinstance(message, JobFailed):
                skipped.append(message.job_id)
    finally:
        requests.put(QuitRequest())
        serving.join(10)
        serving.kill()
    assert said == [99], "only the job asked for after Stop is said"
    assert sorted(skipped) == list(range(2, 12))
