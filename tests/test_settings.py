"""Settings on real JSON files: round trip, repair of bad files, atomic writes."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from curator_desktop.domain.errors import CuratorError
from curator_desktop.settings import SETTINGS_VERSION, Settings, load_settings, save_settings


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def test_round_trip(path: Path) -> None:
    geometry = base64.b64encode(b"\x01\xd9\xd0\xcb\x00\x03").decode()
    settings = Settings(
        language="en",
        first_run_done=True,
        window_geometry=geometry,
        last_page="visits",
        recent_export_dir="/home/curator/Отчёты",
    )
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert json.loads(path.read_text(encoding="utf-8"))["recent_export_dir"].endswith("Отчёты")


def test_missing_file_gives_defaults_and_a_stable_device_id(path: Path) -> None:
    first = load_settings(path)
    assert first.language == "ru"
    assert first.first_run_done is False
    assert first.last_page == "schools"
    assert len(first.device_id) == 32
    assert path.exists()  # the new device id was saved at once
    second = load_settings(path)
    assert second.device_id == first.device_id
    assert load_settings(path).device_id == first.device_id


def test_device_ids_differ_between_installations(tmp_path: Path) -> None:
    assert (
        load_settings(tmp_path / "a.json").device_id != load_settings(tmp_path / "b.json").device_id
    )


@pytest.mark.parametrize("content", ["{not json", '["a list"]', "\x00\x01garbage"])
def test_corrupted_file_falls_back_and_is_kept(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")

    settings = load_settings(path)

    assert settings.language == "ru"
    assert settings.last_page == "schools"
    bad = path.with_name("settings.json.bad")
    assert bad.read_text(encoding="utf-8") == content
    assert json.loads(path.read_text(encoding="utf-8"))["device_id"] == settings.device_id


def test_empty_file_gives_defaults(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("  \n", encoding="utf-8")
    assert load_settings(path).language == "ru"
    assert not path.with_name("settings.json.bad").exists()


def test_unknown_keys_are_ignored(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"language": "en", "device_id": "abc123", "theme": "dark", "zoom": 1.5}),
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.language == "en"
    assert settings.device_id == "abc123"
    assert not hasattr(settings, "theme")


def test_wrong_types_fall_back_per_field(path: Path) -> None:
    path.parent.mkdir(parents=True)
    raw = {
        "version": "one",
        "language": "de",
        "device_id": "feedface",
        "first_run_done": "yes",
        "window_geometry": "not base64 !!",
        "last_page": 7,
        "recent_export_dir": "/tmp/reports",
    }
    path.write_text(json.dumps(raw), encoding="utf-8")

    settings = load_settings(path)

    assert settings == Settings(device_id="feedface", recent_export_dir="/tmp/reports")
    assert not path.with_name("settings.json.bad").exists()


def test_newer_version_is_read_best_effort(path: Path) -> None:
    path.parent.mkdir(parents=True)
    raw = {"version": SETTINGS_VERSION + 5, "language": "en", "device_id": "d1", "new_thing": {}}
    path.write_text(json.dumps(raw), encoding="utf-8")
    settings = load_settings(path)
    assert settings.language == "en"
    assert settings.device_id == "d1"


def test_save_is_atomic_and_leaves_no_temp_file(path: Path) -> None:
    save_settings(Settings(language="en"), path)
    save_settings(Settings(language="ru", last_page="plan"), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["last_page"] == "plan"
    assert set(stored) == set(asdict(Settings()))


def test_failed_save_keeps_the_old_file_and_no_temp(path: Path) -> None:
    save_settings(Settings(language="en", device_id="keep"), path)
    target_is_dir = path.with_name("blocked.json")
    target_is_dir.mkdir()
    with pytest.raises(CuratorError):
        save_settings(Settings(), target_is_dir)
    assert sorted(p.name for p in path.parent.iterdir()) == ["blocked.json", "settings.json"]
    assert load_settings(path).device_id == "keep"
