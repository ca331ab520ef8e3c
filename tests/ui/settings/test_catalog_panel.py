"""Settings → risk-factor catalog: a coordinator's file replaces or extends the catalog."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.paths import resource_dir
from curator_desktop.services.catalogs.builtin import builtin_template_paths
from tests.cli.test_cli import CATALOG


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
    changed: list[object] = []
    panel.data_changed.connect(changed.append)
    refreshed: list[str] = []
    monkeypatch.setattr(window.pages["schools"], "refresh", lambda: refreshed.append("schools"))
    assert panel.import_file(path, "replace")
    assert "2027.1" in told[0]
    assert changed == [{Change.CATALOGS, Change.RISKS, Change.BACKUPS}]
    assert refreshed == ["schools"]  # the window passes the change on: the schools show risks
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


# --- checklist templates ----------------------------------------------------------------------

PRIMARY = resource_dir() / "checklists" / "primary-visit.json"


def _template_rows(panel) -> list[tuple[str, ...]]:
    table = panel.templates
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def test_panel_lists_templates_and_imports_one_from_the_button(
    open_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(demo=True)
    panel = window.pages["settings"].catalog_panel
    content = json.loads(PRIMARY.read_text(encoding="utf-8"))
    builtin = str(content["version"])
    rows = _template_rows(panel)
    assert len(rows) == len(builtin_template_paths())  # one row per built-in template
    assert ("Primary visit to the school", builtin, "built in", "new visits") in rows
    content["version"] = 5
    content["title"]["en"] = "Primary visit (district)"
    path = tmp_path / "district.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), "*.json")
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    with qtbot.waitSignal(panel.templates_changed):
        qtbot.mouseClick(panel.import_template_button, Qt.MouseButton.LeftButton)
    count = sum(len(section["items"]) for section in content["sections"])
    assert told == [
        f"Checklist template “Primary visit (district)” version 5 installed: {count} items."
    ]
    rows = _template_rows(panel)
    assert len(rows) == len(builtin_template_paths()) + 1  # and the imported one
    assert ("Primary visit (district)", "5", "imported", "new visits") in rows
    assert ("Primary visit to the school", builtin, "built in", "past visits only") in rows
    backups = list((window.context.paths.backup_dir).glob("*pre-import*"))
    assert backups


def test_broken_template_is_explained_with_line_and_field(
    open_window, tmp_path: Path, monkeypatch
) -> None:
    window = open_window(demo=True)
    panel = window.pages["settings"].catalog_panel
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    text = PRIMARY.read_text(encoding="utf-8").replace('"version": 2', '"version": 6')
    text = text.replace('"comment": "optional"', '"comment": "sometimes"', 1)
    line = text[: text.index('"sometimes"')].count("\n") + 1
    broken = tmp_path / "district.json"
    broken.write_text(text, encoding="utf-8")
    assert not panel.import_template_file(broken)
    assert len(shown) == 1
    message = shown[0].text()
    assert message.startswith(f"district.json, line {line}, sections[0].items[0].comment")
    assert "“sometimes” is not allowed" in message
    assert shown[0].windowTitle() == "The checklist template was not installed"
    assert len(_template_rows(panel)) == len(builtin_template_paths())
