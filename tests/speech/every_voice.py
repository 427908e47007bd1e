"""Choose, try, read and save with every voice, as Reader does; prints what happened as JSON.

Run on its own by tests/speech/test_no_network.py, under strace or ``unshare -n``:

    python -m tests.speech.every_voice ADDED_VOICES_FOLDER OUT_FOLDER

Every voice in the list a child sees (Reader's own, the added ones, the computer's
English voices) is tried with the Settings screen's sentence through the real
speakers' process (the player reads a page the same way) and saved to a WAV file;
every other voice (behind "More voices") says the sentence in the speech worker.
The fastest speed keeps the run short.
"""

from __future__ import annotations

import json
import os
import sys
import time
import wave
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

WAIT_S = 60.0
# onnxruntime's usage events went out about 10 s after a model was loaded (measured,
# before Reader turned them off): the run lasts longer than that, so a trace sees them.
STAY_S = 15.0
READ = "Press Next to turn the page. Every child has the right to be heard."


def wait(app: object, done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)


def played(finished: list[str], count: int, lost: list[str]) -> bool:
    return len(finished) >= count or bool(lost)


def main(added: Path, out: Path) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.core.narration import plan
    from reader.core.sentences import Block
    from reader.core.settings import SPEECH_RATES
    from reader.gui.look_screen import PREVIEW
    from reader.playback.player import Player
    from reader.speech.export import export_audio
    from reader.speech.voices import choices
    from reader.speech.worker import JobFailed, SpeechWorker, SynthesisDone

    app = QApplication([])
    worker = SpeechWorker(added_voices=added)
    player = Player(lambda: worker)
    lost: list[str] = []
    player.soundLost.connect(lost.append)
    player.warm()
    wait(app, lambda: player.engine is not None or player.state == "unavailable")
    engine = player.engine
    assert engine is not None, player.problem
    loaded = time.monotonic()
    listed = choices(engine.voices, engine.default_voice)
    report: dict[str, object] = {"everyday": [choice.id for choice in listed.everyday]}
    saved: dict[str, float] = {}
    finished: list[str] = []
    player.finished.connect(lambda: finished.append(str(player.voice)))
    player.set_rate(max(SPEECH_RATES))
    for number, choice in enumerate(listed.everyday):
        player.set_voice(choice.id)
        player.load(plan([(Block("paragraph", PREVIEW), None)]))
        player.play()
        wait(app, partial(played, finished, number + 1, lost))
        path = out / f"voice-{number}.wav"
        exported = export_audio([[READ]], path, player.rate, choice.id, worker=worker)
        with wave.open(str(path)) as sound:
            saved[choice.id] = sound.getnframes() / sound.getframerate()
        assert not exported.skipped, exported.skipped
    spoken: dict[int, bool] = {}
    more = list(listed.more)
    for job, choice in enumerate(more):
        worker.request_synthesis(job, PREVIEW, player.rate, choice.id)
    deadline = time.monotonic() + WAIT_S * 4
    while len(spoken) < len(more) and time.monotonic() < deadline:
        for result in worker.poll(0.05):
            if isinstance(result, SynthesisDone):
                spoken[result.job_id] = bool(result.utterance.pcm)
            elif isinstance(result, JobFailed):
                spoken[result.job_id] = False
    wait(app, lambda: time.monotonic() - loaded > STAY_S)
    player.shutdown()
    report |= {
        "heard": finished,
        "lost": lost,
        "saved_s": saved,
        "more": len(more),
        "more_spoken": sum(spoken.values()),
        "notes": list(engine.notes),
    }
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
