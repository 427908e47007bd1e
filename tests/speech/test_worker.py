"""The speech worker process: round trips, cancelling, and recovering from a dead or hung engine."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator

import pytest

from reader.speech.worker import (
    EngineReady,
    JobFailed,
    NoEngine,
    Result,
    SpeechWorker,
    SynthesisDone,
    VoicesDone,
    WorkerRestarted,
)

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


def test_poll_does_not_block(worker: SpeechWorker) -> None:
    collect(worker, ready)
    started = time.monotonic()
    assert worker.poll() == []
    assert time.monotonic() - started < 0.05


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


def test_a_hung_request_is_recovered_by_the_timeout() -> None:
    speech = SpeechWorker(timeout_s=1.0)
    try:
        speech.start()
        collect(speech, ready)
        stuck_pid = speech.pid
        started = time.monotonic()
        speech.request_stall(1, 60.0)
        speech.request_synthesis(2, TEXT, 140)
        results = collect(speech, finished(1, 2))
        assert time.monotonic() - started < 5
        failed = next(r for r in results if isinstance(r, JobFailed))
        assert failed.job_id == 1
        assert "too long" in failed.reason
        assert any(isinstance(r, WorkerRestarted) for r in results)
        assert any(isinstance(r, SynthesisDone) and r.job_id == 2 for r in results)
        assert speech.pid != stuck_pid
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
    time.sleep(0.3)
    started = time.monotonic()
    speech.stop()
    assert time.monotonic() - started < 1.0
    assert not speech.alive
    assert speech.state == "stopped"
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_cancelled_jobs_that_have_not_started_are_skipped(worker: SpeechWorker) -> None:
    collect(worker, ready)
    long_sentence = "This is a long sentence that takes the voice a little while to say. " * 4
    worker.request_stall(1, 0.3)  # keeps the worker busy while the jobs below queue up
    for job in range(2, 12):
        worker.request_synthesis(job, long_sentence)
    worker.cancel_all()
    started = time.monotonic()
    worker.request_synthesis(99, "Straight away.")
    results = collect(
        worker, lambda found: any(r.job_id == 99 for r in found if hasattr(r, "job_id"))
    )
    took = time.monotonic() - started
    assert any(isinstance(r, SynthesisDone) and r.job_id == 99 for r in results)
    assert not any(isinstance(r, SynthesisDone) and 2 <= r.job_id < 12 for r in results)
    assert took < 0.3 + 0.25, f"the new job waited {took:.2f} s behind cancelled ones"
    assert worker.pending() == []
