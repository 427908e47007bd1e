"""Exporting pages to one WAV file, cancelling without leaving half a file, and the WAV tools."""

from __future__ import annotations

import struct
import wave
from array import array
from pathlib import Path

import pytest

from reader.core.sentences import Block, split_sentences
from reader.speech import wav
from reader.speech.export import export_audio

pytestmark = pytest.mark.espeak


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder of our own (the shared fixtures put a home folder in tmp_path)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def read(path: Path) -> tuple[int, int, int, int]:
    with wave.open(str(path), "rb") as audio:
        return audio.getnchannels(), audio.getsampwidth(), audio.getframerate(), audio.getnframes()


def test_one_page(folder: Path) -> None:
    out = folder / "page.wav"
    calls: list[tuple[int, int]] = []
    result = export_audio(
        [["Hello there.", "This is a page."]], out, 140, "gmw/en", lambda *a: calls.append(a)
    )
    assert result.path == out
    assert not result.cancelled
    assert result.sentences == 2
    assert calls == [(1, 2), (2, 2)]
    channels, width, rate, frames = read(out)
    assert (channels, width, rate) == (1, 2, 22050)
    assert abs(frames * 1000 // rate - result.duration_ms) <= 1
    assert 1500 < result.duration_ms < 6000
    assert [p.name for p in folder.iterdir()] == ["page.wav"]


def test_several_pages_with_pauses_between_them(tmp_path: Path) -> None:
    pages = [
        split_sentences([Block("heading", "Page one"), Block("paragraph", "It has words.")]),
        split_sentences([Block("paragraph", "Page two. It has more.")]),
        ["And a third page."],
    ]
    single = export_audio([["Page one"]], tmp_path / "single.wav")
    out = tmp_path / "book.wav"
    result = export_audio(pages, out)
    assert result.sentences == 5
    assert read(out)[:3] == (1, 2, 24000), "the natural voice, Reader's default, at its own rate"
    # Two page breaks at least, and the heading's pause, are in there.
    assert result.duration_ms > single.duration_ms + 2 * wav.PAGE_PAUSE_MS
    with wave.open(str(out), "rb") as audio:
        assert wav.rms(audio.readframes(audio.getnframes())) > 500


def test_cancel_leaves_no_file_and_keeps_an_old_one(folder: Path) -> None:
    out = folder / "book.wav"
    out.write_bytes(b"the export from last week")
    done: list[int] = []
    result = export_audio(
        [["One.", "Two.", "Three."], ["Four.", "Five."]],
        out,
        progress=lambda finished, total: done.append(finished),
        cancelled=lambda: len(done) >= 2,
    )
    assert result.cancelled
    assert result.path is None
    assert done == [1, 2]
    assert out.read_bytes() == b"the export from last week"
    assert [p.name for p in folder.iterdir()] == ["book.wav"]


def test_cancel_before_anything_is_written(folder: Path) -> None:
    out = folder / "book.wav"
    result = export_audio([["One."]], out, cancelled=lambda: True)
    assert result.cancelled
    assert list(folder.iterdir()) == []


def test_nothing_to_say_is_still_a_valid_wav(tmp_path: Path) -> None:
    out = tmp_path / "empty.wav"
    result = export_audio([[], ["   "]], out)
    assert result.sentences == 0
    assert read(out) == (1, 2, 22050, 0)


def test_trimming_keeps_a_natural_pause() -> None:
    rate = 1000
    tone = array("h", [0, 8000, -8000] * 100).tobytes()  # 300 ms of sound
    pcm = wav.silence(20, rate) + tone + wav.silence(900, rate)
    trimmed = wav.trim_tail(pcm, rate)
    assert wav.duration_ms(trimmed, rate) == 20 + 300 + wav.TAIL_MS
    assert wav.trim_tail(trimmed, rate) == trimmed
    assert wav.trim_tail(wav.silence(500, rate), rate) == b""
    joined = wav.join([(tone, 100), (tone, 0)], rate)
    assert wav.duration_ms(joined, rate) == 700
    assert wav.pause_after_ms("heading", last_in_block=True) > 0
    assert wav.pause_after_ms("paragraph", last_in_block=False) == 0


def test_reads_aiff_as_macos_writes_it(folder: Path) -> None:
    # pyttsx3's macOS driver writes big-endian AIFF whatever the file is called.
    samples = array("h", [1, -2, 300, -32768, 32767])
    big_endian = array("h", samples)
    big_endian.byteswap()
    rate = 22050
    exponent = 16383 + rate.bit_length() - 1
    extended = struct.pack(">HQ", exponent, rate << (64 - rate.bit_length()))
    comm = struct.pack(">hIh", 1, len(samples), 16) + extended
    ssnd = struct.pack(">II", 0, 0) + big_endian.tobytes()
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm
    body += b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    path = folder / "utterance.wav"
    path.write_bytes(b"FORM" + struct.pack(">I", len(body)) + body)
    pcm, sample_rate = wav.read_audio(path)
    assert sample_rate == rate
    assert array("h", pcm) == samples


def test_reads_back_what_it_writes(folder: Path) -> None:
    pcm = array("h", [0, 1000, -1000, 0]).tobytes()
    wav.write_wav(folder / "a.wav", pcm, 16000)
    assert wav.read_audio(folder / "a.wav") == (pcm, 16000)
    (folder / "b.wav").write_bytes(b"not audio")
    with pytest.raises(wav.AudioFormatError):
        wav.read_audio(folder / "b.wav")


def test_the_file_is_in_the_chosen_voice(tmp_path: Path) -> None:
    from reader.speech.natural import VOICE_ID

    natural = export_audio([["Hello there."]], tmp_path / "natural.wav", 140, VOICE_ID)
    computer = export_audio([["Hello there."]], tmp_path / "computer.wav", 140, "gmw/en")
    # Each voice at its own rate: hibari's 24 kHz, espeak-ng's 22.05 kHz.
    assert read(tmp_path / "natural.wav")[2] == 24000
    assert read(tmp_path / "computer.wav")[2] == 22050
    assert natural.duration_ms > 500 and computer.duration_ms > 500
