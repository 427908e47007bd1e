import json
from dataclasses import replace
from pathlib import Path

from reader.core.settings import TEXT_SIZES, Settings, SettingsStore


def test_no_file_means_defaults(store: SettingsStore) -> None:
    assert store.load() == Settings()


def test_defaults_are_large_and_readable() -> None:
    settings = Settings()
    assert settings.text_size == 100 and settings.line_spacing >= 150
    assert settings.font == "atkinson" and settings.theme == "light"


def test_settings_survive_a_save_and_load(store: SettingsStore) -> None:
    chosen = replace(
        Settings(), text_size=250, theme="dark", font="lexend", remember_place=True, last_page="p2"
    )
    assert store.save(chosen)
    assert SettingsStore(store.folder).load() == chosen


def test_saving_leaves_one_complete_file(store: SettingsStore) -> None:
    store.save(Settings())
    store.save(replace(Settings(), theme="cream"))
    assert store.folder is not None
    assert [path.name for path in store.folder.iterdir()] == ["settings.json"]
    assert json.loads((store.folder / "settings.json").read_text())["theme"] == "cream"


def test_a_damaged_file_gives_defaults_and_is_kept_aside(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"theme": "dark", "text_si')
    assert store.load() == Settings()
    kept = [path for path in store.path.parent.iterdir() if "damaged" in path.name]
    assert len(kept) == 1 and kept[0].read_text() == '{"theme": "dark", "text_si'
    assert "damaged" in store.load_note
    store.save(replace(Settings(), theme="cream"))
    assert kept[0].exists(), "the damaged file must not be overwritten"


def test_binary_garbage_gives_defaults(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"\x00\xff\xfe garbage")
    assert store.load() == Settings()


def test_an_unreadable_file_gives_defaults(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.mkdir(parents=True)  # a folder where the file should be cannot be read
    assert store.load() == Settings()
    assert "could not be read" in store.load_note


def test_unusable_values_fall_back_one_by_one(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        json.dumps({"theme": "neon", "text_size": 175, "font": 3, "line_spacing": True})
    )
    loaded = store.load()
    assert loaded.text_size == 175
    assert (loaded.theme, loaded.font, loaded.line_spacing) == ("light", "atkinson", 150)


def test_a_json_list_is_not_settings(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_text("[1, 2, 3]")
    assert store.load() == Settings()


def test_saving_where_it_cannot_write_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert SettingsStore(blocker / "settings").save(Settings()) is False


def test_text_size_steps_from_100_to_300() -> None:
    sizes = [Settings().text_size]
    settings = Settings()
    while settings.bigger() != settings:
        settings = settings.bigger()
        sizes.append(settings.text_size)
    assert sizes == list(TEXT_SIZES) and sizes[0] == 100 and sizes[-1] >= 300
    assert settings.smaller().text_size == sizes[-2]
    assert Settings().smaller() == Settings()


def test_the_place_is_private_unless_asked_for(store: SettingsStore) -> None:
    assert Settings().remember_place is False
    store.save(replace(Settings(), theme="dark", last_page="secret-page"))
    assert store.path is not None
    assert "secret-page" not in store.path.read_text()
    loaded = store.load()
    assert (loaded.theme, loaded.last_page) == ("dark", "")


def test_a_stored_place_is_ignored_when_remembering_is_off(store: SettingsStore) -> None:
    assert store.path is not None
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"remember_place": False, "last_page": "p3"}))
    assert store.load().last_page == ""
