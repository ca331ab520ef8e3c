"""Settings → risk-factor catalog: a coordinator's file replaces or extends the catalog."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.test_cli import CATALOG


def test_panel_installs_a_catalog_and_describes_it(
    open_window, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(demo=True)
    panel = window.pages["settings"].catalog_panel
    assert "version 2021.1" in panel.summary.text()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(CATALOG, ensure_ascii=False), encoding="utf-8")
    assert panel.import_file(path, "replace")
    assert "2027.1" in told[0]
    assert "version 2027.1" in panel.summary.text()
    assert "from the coordinator" in panel.summary.text()


def test_broken_catalog_is_explained_and_changes_nothing(
    open_window, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(demo=True)
    panel = window.pages["settings"].catalog_panel
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    broken = tmp_path / "catalog.json"
    broken.write_text(json.dumps({**CATALOG, "factors": []}), encoding="utf-8")
    store = window.context.paths.store_file
    with sqlite3.connect(store) as connection:
        before = connection.execute("SELECT COUNT(*) FROM risk_catalog").fetchone()[0]
    assert not panel.import_file(broken, "replace")
    assert shown and "catalog.json" in shown[0].text()
    with sqlite3.connect(store) as connection:
        assert connection.execute("SELECT COUNT(*) FROM risk_catalog").fetchone()[0] == before
