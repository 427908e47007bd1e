"""Settings and logs live where the platform expects, or beside the program when portable."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import folders


def test_usual_folders_are_the_platforms(private_home: Path) -> None:
    assert folders.portable_dir() is None or (folders.app_dir() / folders.PORTABLE_MARKER).exists()
    assert folders.config_dir().name == "Reader"
    assert str(folders.config_dir()).startswith(str(private_home))


def test_a_marker_file_makes_everything_live_beside_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folders, "app_dir", lambda: tmp_path)
    assert folders.portable_dir() is None
    (tmp_path / folders.PORTABLE_MARKER).write_text("Keep Reader's settings on this stick.")
    assert folders.config_dir() == tmp_path / "ReaderData" / "settings"
    assert folders.log_dir() == tmp_path / "ReaderData" / "logs"
    assert folders.managed_files()[-1] == tmp_path / "reader-defaults.json"
    assert folders.managed_files()[0].parent.name == "Reader", "the system-wide file comes first"


def test_portable_mode_writes_nothing_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_home: Path
) -> None:
    import logging

    from reader.core.settings import Settings, SettingsStore
    from reader.logs import setup_logging

    monkeypatch.setattr(folders, "app_dir", lambda: tmp_path / "stick")
    (tmp_path / "stick").mkdir()
    (tmp_path / "stick" / folders.PORTABLE_MARKER).write_text("")
    monkeypatch.setattr("reader.logs.log_dir", folders.log_dir)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        setup_logging()
        logging.getLogger("test").warning("portable test line")
        SettingsStore(folders.config_dir()).save(Settings(theme="dark"))
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        "stick/ReaderData/logs/reader.log",
        "stick/ReaderData/settings/settings.json",
        "stick/reader-portable.txt",
    ]
    assert not any(p.is_file() for p in private_home.rglob("*"))
