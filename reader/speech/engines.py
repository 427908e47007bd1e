"""Both voices in one worker: Reader's natural voice first, then the computer's. No Qt.

Synthesis goes to the engine that owns the voice asked for. When the natural voice
cannot start (onnxruntime missing on an old processor, a damaged model), the computer's
voices still work and ``problem`` says why in plain words; a request for the natural
voice then goes to the computer's own default, so a saved choice never means silence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reader.speech import added_voices, natural
from reader.speech.engine import DEFAULT_RATE, EngineUnavailable, SpeechEngine

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from reader.speech.engine import Utterance, Voice

EngineName = Literal["natural", "computer"]
BOTH: tuple[EngineName, ...] = ("natural", "computer")
NATURAL_PROBLEM = (
    "The natural voice could not start on this computer, so Reader is using "
    "the computer's own voice."
)


class Engines:
    """The engines named in ``use`` that start, behind SpeechEngine's calls."""

    def __init__(
        self,
        use: Sequence[EngineName] = BOTH,
        driver_name: str | None = None,
        added: Path | None = None,
    ) -> None:
        """``added`` is the folder of voices an administrator added (speech/added_voices.py)."""
        self.natural: natural.NaturalEngine | None = None
        self.computer: SpeechEngine | None = None
        self.problem: str | None = None
        # The log line for an adult: what exactly stopped the natural voice.
        self.detail: str | None = None
        # A line for the log for each added voice left out.
        self.notes: tuple[str, ...] = ()
        failure: EngineUnavailable | None = None
        if "natural" in use:
            try:
                self.natural = natural.NaturalEngine(added=added)
                self.notes = tuple(self.natural.notes)
            except EngineUnavailable as error:
                failure = error
                self.problem = NATURAL_PROBLEM
                self.detail = f"{error.reason} {error.advice}"
        if "computer" in use:
            try:
                self.computer = SpeechEngine(driver_name)
            except EngineUnavailable as error:
                if self.natural is None:
                    raise
                failure = failure or error
        if self.natural is None and self.computer is None:
            raise failure or EngineUnavailable("Read aloud could not start.", "")
        self._natural_ids = {voice.id for voice in self.natural.voices()} if self.natural else set()

    @property
    def driver(self) -> str:
        return "+".join(engine.driver for engine in (self.natural, self.computer) if engine)

    @property
    def default_voice_id(self) -> str | None:
        if self.natural is not None:
            return self.natural.default_voice_id
        return self.computer.default_voice_id if self.computer else None

    def voices(self) -> list[Voice]:
        """The natural voice first, then the computer's."""
        found: list[Voice] = []
        for engine in (self.natural, self.computer):
            if engine is not None:
                found.extend(engine.voices())
        return found

    def synthesise(
        self, text: str, rate_wpm: int = DEFAULT_RATE, voice_id: str | None = None
    ) -> Utterance:
        voice_id = voice_id or self.default_voice_id
        if voice_id == natural.VOICE_ID or voice_id in self._natural_ids:
            if self.natural is not None:
                return self.natural.synthesise(text, rate_wpm, voice_id)
            # The natural voice was chosen but could not start: the computer speaks.
            voice_id = None
        elif voice_id is not None and voice_id.startswith(added_voices.ID_PREFIX):
            # An added voice since taken away (or left out as damaged): Reader's own speaks.
            if self.natural is not None:
                return self.natural.synthesise(text, rate_wpm, None)
            voice_id = None
        if self.computer is None:
            if self.natural is not None:
                # A computer voice chosen on another machine: the natural voice speaks.
                return self.natural.synthesise(text, rate_wpm, None)
            raise EngineUnavailable("Read aloud could not start.", "")
        return self.computer.synthesise(text, rate_wpm, voice_id)
