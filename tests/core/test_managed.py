"""An administrator's defaults and locks, as the reader applies them."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.settings import Settings, SettingsStore, load_managed


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def test_no_file_means_nothing_is_managed(tmp_path: Path) -> None:
    managed = load_managed([tmp_path / "none.json"])
    assert managed.locked == frozenset() and managed.base() == Settings()


def test_defaults_apply_until_the_person_changes_them(tmp_path: Path) -> None:
    managed = load_managed(
        [
            write(
                tmp_path / "reader-defaults.json",
                {"defaults": {"theme": "cream", "text_size": 150}},
            )
        ]
    )
    store = SettingsStore(tmp_path / "user", managed)
    assert (store.load().theme, store.load().text_size) == ("cream", 150)
    store.save(Settings(theme="dark", text_size=150))
    assert store.load().theme == "dark", "a default is only a starting point"


def test_locked_settings_win_over_the_saved_file(tmp_path: Path) -> None:
    managed = load_managed(
        [
            write(
                tmp_path / "reader-defaults.json",
                {
                    "defaults": {
                        "remember_place": False,
                        "web_links": False,
                        "voice": "gmw/en",
                        "allow_audio_export": False,
                    },
                    "locked": ["remember_place", "web_links", "voice", "allow_audio_export"],
                },
            )
        ]
    )
    store = SettingsStore(tmp_path / "user", managed)
    write(store.path, {"remember_place": True, "web_links": True, "voice": "other"})  # type: ignore[arg-type]
    loaded = store.load()
    assert (loaded.remember_place, loaded.web_links, loaded.voice) == (False, False, "gmw/en")
    assert loaded.allow_audio_export is False
    assert managed.is_locked("web_links") and not managed.is_locked("theme")


def test_the_first_file_found_wins(tmp_path: Path) -> None:
    beside = write(tmp_path / "app" / "reader-defaults.json", {"defaults": {"theme": "dark"}})
    system = write(tmp_path / "etc" / "reader-defaults.json", {"defaults": {"theme": "cream"}})
    assert load_managed([beside, system]).base().theme == "dark"
    assert load_managed([tmp_path / "missing.json", system]).base().theme == "cream"


def test_a_broken_file_fails_closed_and_an_odd_one_is_used_where_it_can_be(
    tmp_path: Path,
) -> None:
    broken = write(tmp_path / "a.json", "{ not json")
    odd = write(
        tmp_path / "b.json",
        {"defaults": {"theme": "neon", "nonsense": 1}, "locked": ["last_page", "x"]},
    )
    closed = load_managed([broken])
    assert closed.base() == Settings(web_links=False, allow_audio_export=False), (
        "a broken admin file leaves links, saving sound and remembering the place off"
    )
    assert closed.locked == {"web_links", "allow_audio_export", "remember_place"}
    managed = load_managed([odd])
    assert managed.base().theme == "light", "a bad value falls back to the usual one"
    assert managed.locked == frozenset(), "what was being read can never be locked"
