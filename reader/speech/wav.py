"""16-bit mono PCM: read what an engine wrote, trim silence, join and write WAV files.

Everything here works on signed 16-bit mono samples in the machine's byte
order (the order Python's ``wave`` module reads and writes in, and
little-endian on every machine Reader runs on): the format espeak-ng
produces and ``QAudioSink`` plays without conversion.
"""

from __future__ import annotations

import io
import struct
import sys
import wave
from array import array
from typing import TYPE_CHECKING

from reader.core.safe_files import read_regular

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from reader.core.sentences import BlockKind

SAMPLE_WIDTH = 2
# Far more than the longest sentence (a minute of speech is about 3 MB):
# the engine's file is read whole, through the same checks as every file.
MAX_AUDIO_BYTES = 64 * 1024 * 1024
# espeak-ng ends every utterance with 0.4-0.9 s of silence (longer when
# slower). 250 ms after the last sound is the natural gap between two
# sentences read aloud; longer sounds like the reader lost the place.
TAIL_MS = 250
# Added on top of TAIL_MS where a block ends, so a heading or list item is
# heard as its own line; a page break is a longer breath.
BLOCK_PAUSE_MS: dict[BlockKind, int] = {
    "heading": 400,
    "picture": 300,
    "item": 200,
    "paragraph": 250,
}
PAGE_PAUSE_MS = 1000
# About -40 dBFS: below anything espeak-ng speaks, above its dithering (none).
SILENCE_LEVEL = 330


class AudioFormatError(ValueError):
    """The file is not audio this module can read."""


def read_audio(path: Path) -> tuple[bytes, int]:
    """Read a WAV or AIFF file as 16-bit mono PCM and its sample rate.

    AIFF is here because pyttsx3's macOS driver writes AIFF whatever the file
    is called; Python 3.13 has no ``aifc`` module any more.
    """
    data = read_regular(path, MAX_AUDIO_BYTES)
    if data[:4] == b"FORM":
        return _read_aiff(data)
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as error:
        raise AudioFormatError(f"{path.name} is not a WAV file: {error}") from error
    if width != SAMPLE_WIDTH:
        raise AudioFormatError(f"{path.name} has {8 * width}-bit samples, not 16-bit")
    return _first_channel(frames, channels, big_endian=sys.byteorder == "big"), rate


def _read_aiff(data: bytes) -> tuple[bytes, int]:
    compressed = data[8:12] == b"AIFC"
    channels = bits = 0
    rate = 0
    sound: bytes | None = None
    little_endian = False
    offset = 12
    while offset + 8 <= len(data):
        chunk, size = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        body = data[offset + 8 : offset + 8 + size]
        if chunk == b"COMM":
            channels, _, bits = struct.unpack(">hIh", body[:8])
            rate = int(_extended_to_float(body[8:18]))
            little_endian = compressed and body[18:22] == b"sowt"
            if compressed and body[18:22] not in (b"NONE", b"sowt"):
                raise AudioFormatError("AIFF-C audio is compressed")
        elif chunk == b"SSND":
            data_offset = struct.unpack(">I", body[:4])[0]
            sound = body[8 + data_offset :]
        offset += 8 + size + (size & 1)
    if sound is None or not rate or bits != 16:
        raise AudioFormatError("AIFF file has no 16-bit sound")
    return _first_channel(sound, channels, big_endian=not little_endian), rate


def _extended_to_float(raw: bytes) -> float:
    # AIFF stores its sample rate as an 80-bit IEEE 754 extended float.
    exponent, mantissa = struct.unpack(">HQ", raw)
    sign = -1 if exponent & 0x8000 else 1
    exponent &= 0x7FFF
    if exponent == 0 and mantissa == 0:
        return 0.0
    return float(sign * mantissa * 2.0 ** (exponent - 16383 - 63))


def _first_channel(frames: bytes, channels: int, *, big_endian: bool) -> bytes:
    samples = array("h", frames[: len(frames) - len(frames) % SAMPLE_WIDTH])
    if big_endian != (sys.byteorder == "big"):
        samples.byteswap()
    if channels > 1:
        samples = samples[::channels]
    return samples.tobytes()


def _samples(pcm: bytes) -> array[int]:
    return array("h", pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH])


def silence(ms: int, sample_rate: int) -> bytes:
    """``ms`` milliseconds of silence."""
    return bytes(SAMPLE_WIDTH * (sample_rate * max(ms, 0) // 1000))


def duration_ms(pcm: bytes, sample_rate: int) -> int:
    return len(pcm) // SAMPLE_WIDTH * 1000 // sample_rate


def sound_end_ms(pcm: bytes, sample_rate: int, level: int = SILENCE_LEVEL) -> int:
    """Where the last sound louder than ``level`` ends (0 for silence)."""
    samples = _samples(pcm)
    # Scan from the end: the trailing silence is short, the speech long.
    for index in range(len(samples) - 1, -1, -1):
        if abs(samples[index]) > level:
            return (index + 1) * 1000 // sample_rate
    return 0


def trim_tail(pcm: bytes, sample_rate: int, keep_ms: int = TAIL_MS) -> bytes:
    """Cut trailing silence down to ``keep_ms`` after the last sound; never lengthens."""
    end_ms = sound_end_ms(pcm, sample_rate)
    if end_ms == 0:
        return b""
    keep = (end_ms + keep_ms) * sample_rate // 1000 * SAMPLE_WIDTH
    return pcm[:keep]


def rms(pcm: bytes) -> float:
    """Root mean square level of the samples, 0 to 32768."""
    samples = _samples(pcm)
    if not samples:
        return 0.0
    return float((sum(sample * sample for sample in samples) / len(samples)) ** 0.5)


def join(parts: Iterable[tuple[bytes, int]], sample_rate: int) -> bytes:
    """Join ``(pcm, pause_after_ms)`` parts into one stream."""
    return b"".join(pcm + silence(pause, sample_rate) for pcm, pause in parts)


def write_wav(path: Path, pcm: bytes, sample_rate: int) -> None:
    """Write a standard 16-bit PCM mono WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)


def pause_after_ms(kind: BlockKind, *, last_in_block: bool) -> int:
    """Silence to add after a trimmed sentence, on top of its TAIL_MS."""
    return BLOCK_PAUSE_MS[kind] if last_in_block else 0
