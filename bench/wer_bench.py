"""How well a listener's ear would follow an exported book: an offline recogniser's word error rate.

PocketSphinx 5 (a dev/bench dependency only) with the American English model in its wheel,
trained on human speech, listens to the WAV file Reader exported, and ``jiwer`` (a
Levenshtein alignment over words) compares what it heard with what Reader sent to the
voice. Both sides are normalised the same way: lower case, no punctuation, one space.
Numbers stay as digits on the reference side (the recogniser writes words), so each of
the book's handful of numbers counts as one error for every engine alike.

The file is cut at the pauses between sentences and each stretch is decoded as one
utterance: the recogniser's language model expects sentences, not a 13-minute stream.
The recogniser is told the file's own sample rate (its front end works in Hz).
"""

from __future__ import annotations

import time
import wave
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.speech.wav import SILENCE_LEVEL

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    import numpy as np

# A quiet stretch this long is a pause between sentences (Reader leaves at least 250 ms).
PAUSE_MS = 200


@dataclass(frozen=True)
class Recognised:
    text: str
    audio_s: float
    seconds: float  # how long the recogniser took

    @property
    def x_real_time(self) -> float:
        return self.audio_s / max(self.seconds, 1e-6)


def _stretches(samples: np.ndarray, rate: int) -> Iterator[np.ndarray]:
    """The audio cut in the middle of every pause of at least PAUSE_MS."""
    import numpy as np

    quiet = np.abs(samples.astype(np.int32)) < SILENCE_LEVEL
    # Where each run of quiet samples starts and ends.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], quiet.view(np.int8), [0]))))
    starts, ends = edges[0::2], edges[1::2]
    long_enough = (ends - starts) >= rate * PAUSE_MS // 1000
    cuts = ((starts + ends) // 2)[long_enough]
    begin = 0
    for cut in [*cuts.tolist(), len(samples)]:
        if np.any(~quiet[begin:cut]):
            yield samples[begin:cut]
        begin = cut


def recognise(path: Path) -> Recognised:
    """What PocketSphinx hears in a 16-bit mono WAV file."""
    import numpy as np
    from pocketsphinx import Decoder

    with wave.open(str(path)) as sound:
        rate = sound.getframerate()
        samples = np.frombuffer(sound.readframes(sound.getnframes()), "<i2")
    decoder = Decoder(samprate=rate, loglevel="FATAL")
    heard: list[str] = []
    began = time.perf_counter()
    for stretch in _stretches(samples, rate):
        decoder.start_utt()
        decoder.process_raw(stretch.tobytes(), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is not None and hypothesis.hypstr:
            heard.append(hypothesis.hypstr)
    return Recognised(" ".join(heard), len(samples) / rate, time.perf_counter() - began)


def word_error_rate(reference: Sequence[str], hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against the sentences ``reference``, normalised alike."""
    import jiwer

    normalise = jiwer.Compose(
        [
            jiwer.ToLowerCase(),
            # Dashes and slashes part words ("care-home", "and/or").
            jiwer.SubstituteRegexes({r"[-–—/]": " "}),
            jiwer.RemovePunctuation(),
            jiwer.RemoveMultipleSpaces(),
            jiwer.Strip(),
            jiwer.ReduceToListOfListOfWords(),
        ]
    )
    return float(
        jiwer.wer(
            " ".join(reference),
            hypothesis,
            reference_transform=normalise,
            hypothesis_transform=normalise,
        )
    )
