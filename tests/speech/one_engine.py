"""One espeak-ng engine for the tests that run it in this process, made on first use.

pyttsx3 and espeak-ng keep per-process state, so the tests share one engine, as
the speech worker's process does.
"""

from __future__ import annotations

from functools import cache

from reader.speech.engine import DEFAULT_RATE, SpeechEngine, Utterance, Voice


@cache
def shared_engine() -> SpeechEngine:
    return SpeechEngine()


def synthesise(text: str, rate_wpm: int = DEFAULT_RATE, voice_id: str | None = None) -> Utterance:
    return shared_engine().synthesise(text, rate_wpm, voice_id)


def list_voices() -> list[Voice]:
    return shared_engine().voices()
