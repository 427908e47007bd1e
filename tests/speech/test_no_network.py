"""No network use while choosing, trying, reading and saving with every voice.

tests/speech/every_voice.py does all of that, as Reader does, in a process of its own,
run under ``unshare -n`` (no network at all: every voice must still work) and
``strace -f`` (it and every process it starts: the speech worker, the speakers'
process), where no socket may be anything but a local (AF_UNIX) one, the sound
server's. Where one of the two is not permitted, the other runs alone.
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
NO_NETWORK = ["unshare", "--net"]


@pytest.fixture
def added(tmp_path: Path) -> Path:
    """An administrator's folder with one voice, made from the bundled voice's file."""
    folder = tmp_path / "voices"
    folder.mkdir()
    shutil.copyfile(natural.bundled_model(), folder / "robin.onnx")
    manifest = {"voices": [{"name": ADDED_NAME, "file": "robin.onnx"}]}
    (folder / added_voices.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def cannot_run(prefix: list[str]) -> str | None:
    """Why ``prefix`` cannot run a program here, or None when it can."""
    if shutil.which(prefix[0]) is None:
        return f"{prefix[0]} is not installed"
    tried = subprocess.run([*prefix, "true"], capture_output=True, text=True, check=False)
    if tried.returncode != 0:
        return f"{' '.join(prefix)} is not permitted here: {tried.stderr.strip()}"
    return None


def test_every_voice_works_without_the_network_and_never_tries_it(
    added: Path, tmp_path: Path, sound_server: PulseServer
) -> None:
    trace = tmp_path / "network.trace"
    tracing = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace)]
    reasons = [reason for reason in map(cannot_run, (NO_NETWORK, tracing)) if reason]
    if len(reasons) == 2:
        pytest.skip("; ".join(reasons))
    prefix = [
        *(NO_NETWORK if cannot_run(NO_NETWORK) is None else []),
        *(tracing if cannot_run(tracing) is None else []),
    ]
    out = tmp_path / "out"
    out.mkdir()
    with Recorder(sound_server) as recorder:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "tests.speech.every_voice", str(added), str(out)],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )
        heard = recorder.recording()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])

    everyday = report["everyday"]
    assert everyday[:2] == [natural.VOICE_ID, added_voices.ID_PREFIX + ADDED_NAME]
    assert any(not voice.startswith(("natural/", "added/")) for voice in everyday)
    assert report["heard"] == everyday and report["lost"] == []
    assert heard.sound_between(heard.start, heard.end) > len(everyday), "a second or more each"
    assert set(report["saved_s"]) == set(everyday)
    assert all(seconds > 1 for seconds in report["saved_s"].values()), report["saved_s"]
    assert report["more_spoken"] == report["more"] > 0, "every other voice spoke too"
    assert report["notes"] == []
    if "strace" in prefix:
        calls = trace.read_text(encoding="utf-8").splitlines()
        network = [call for call in calls if "AF_INET" in call or "AF_PACKET" in call]
        assert network == [], "\n".join(network[:20])
        # The trace did follow the speakers' process: it talked to the sound server.
        assert any("connect(" in call and "AF_UNIX" in call and "pulse" in call for call in calls)
