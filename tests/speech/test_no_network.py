"""No network use while choosing, trying, reading and saving with every voice.

tests/speech/every_voice.py does all of that, as Reader does, in a process of its own:
once under ``strace -f`` (it and every process it starts: the speech worker, the
speakers' process), where no socket may be anything but a local (AF_UNIX) one, the
sound server's; and once under ``unshare -n``, with no network at all, where every
voice must still work.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.speech import added_voices, natural
from tests.sound.server import PulseServer, Recorder

pytestmark = pytest.mark.usefixtures("sound_server")

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 600
ADDED_NAME = "Robin"


@pytest.fixture
def added(tmp_path: Path) -> Path:
    """An administrator's folder with one voice, made from the bundled voice's file."""
    folder = tmp_path / "voices"
    folder.mkdir()
    shutil.copyfile(natural.bundled_model(), folder / "robin.onnx")
    manifest = {"voices": [{"name": ADDED_NAME, "file": "robin.onnx"}]}
    (folder / added_voices.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def run_every_voice(prefix: list[str], added: Path, out: Path) -> dict[str, object]:
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "tests.speech.every_voice", str(added), str(out)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def check_every_voice_worked(report: dict[str, object]) -> None:
    everyday = report["everyday"]
    assert isinstance(everyday, list)
    assert everyday[:2] == [natural.VOICE_ID, added_voices.ID_PREFIX + ADDED_NAME]
    assert any(not str(voice).startswith(("natural/", "added/")) for voice in everyday)
    assert report["heard"] == everyday and report["lost"] == []
    saved = report["saved_s"]
    assert isinstance(saved, dict) and set(saved) == set(everyday)
    assert all(seconds > 1 for seconds in saved.values()), saved
    assert report["more_spoken"] == report["more"], "every other voice spoke too"
    assert report["notes"] == []


def can_run(prefix: list[str]) -> str | None:
    """Why ``prefix`` cannot run a program here, or None when it can."""
    if shutil.which(prefix[0]) is None:
        return f"{prefix[0]} is not installed"
    tried = subprocess.run([*prefix, "true"], capture_output=True, text=True, check=False)
    if tried.returncode != 0:
        return f"{' '.join(prefix)} is not permitted here: {tried.stderr.strip()}"
    return None


def test_every_voice_uses_no_network_socket(
    added: Path, tmp_path: Path, sound_server: PulseServer
) -> None:
    trace = tmp_path / "network.trace"
    prefix = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace)]
    reason = can_run(prefix)
    if reason:
        pytest.skip(reason)
    with Recorder(sound_server) as recorder:
        report = run_every_voice(prefix, added, tmp_path / "out")
        heard = recorder.recording()
    check_every_voice_worked(report)
    voices = report["heard"]
    assert isinstance(voices, list)
    assert heard.sound_between(heard.start, heard.end) > len(voices), "a second or more each"
    calls = trace.read_text(encoding="utf-8").splitlines()
    network = [call for call in calls if "AF_INET" in call or "AF_PACKET" in call]
    assert network == [], "\n".join(network[:20])
    # The trace did follow the speakers' process: it talked to the sound server.
    assert any("connect(" in call and "AF_UNIX" in call and "pulse" in call for call in calls)


# onnxruntime's usage events went out about 10 s after a model was loaded (measured).
TELEMETRY_DELAY_S = 15
STAY_LOADED = f"""
import time
from reader.speech.natural import NaturalEngine
NaturalEngine().synthesise("Hello there.")
time.sleep({TELEMETRY_DELAY_S})
"""


def test_the_natural_voice_sends_no_usage_events(tmp_path: Path) -> None:
    """onnxruntime on Linux looks up Microsoft's event collector unless told not to."""
    trace = tmp_path / "network.trace"
    prefix = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace)]
    reason = can_run(prefix)
    if reason:
        pytest.skip(reason)
    result = subprocess.run(
        [*prefix, sys.executable, "-c", STAY_LOADED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    calls = trace.read_text(encoding="utf-8").splitlines()
    assert [call for call in calls if "AF_INET" in call] == []


def test_every_voice_works_with_no_network_at_all(added: Path, tmp_path: Path) -> None:
    prefix = ["unshare", "--net"]
    reason = can_run(prefix)
    if reason:
        pytest.skip(reason)
    check_every_voice_worked(run_every_voice(prefix, added, tmp_path / "out"))
