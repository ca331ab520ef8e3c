"""What a killed writer leaves behind is found and removed, and nothing else is."""

from __future__ import annotations

from pathlib import Path

from curator_desktop.paths import AppPaths
from curator_desktop.settings import Settings, save_settings
from curator_desktop.store.aside import clean_leftovers, leftovers


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(
        data_dir=tmp_path / "data", config_dir=tmp_path / "config", log_dir=tmp_path / "logs"
    ).ensure()


def test_a_settings_file_killed_before_its_rename_is_a_leftover(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    save_settings(Settings(), paths.settings_file)
    killed = paths.config_dir / ".settings.json.2lbp0uf8.tmp"  # as the torture run found it
    killed.write_text('{"half": ', encoding="utf-8")
    other = paths.config_dir / "notes.tmp"  # not ours: not a hidden settings temporary

    other.write_text("x", encoding="utf-8")
    assert leftovers(paths) == [killed]
    assert clean_leftovers(paths) == [killed]
    assert not killed.exists()
    assert paths.settings_file.is_file() and other.is_file()


def test_a_store_with_nothing_left_behind_has_no_leftovers(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    save_settings(Settings(), paths.settings_file)
    (paths.reports_dir).mkdir(parents=True, exist_ok=True)
    (paths.reports_dir / "report.pdf").write_bytes(b"%PDF-1.4")
    assert leftovers(paths) == []
