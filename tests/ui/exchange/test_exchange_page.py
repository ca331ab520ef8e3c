"""The Exchange page over real stores and real packages: export, preview, conflicts, import,
wrong password."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog
from sqlmodel import select

from curator_desktop.domain.changes import Change
from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.merge.reconcile import Conflict
from curator_desktop.services.exchange.records import MODELS, to_json
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.services.exchange.store_move import create_store_from_package
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, SyncState
from curator_desktop.ui.exchange.conflict_dialog import ConflictDialog
from curator_desktop.ui.exchange.export_dialog import ExportDialog
from curator_desktop.ui.exchange.import_preview_dialog import ImportPreviewDialog
from curator_desktop.ui.exchange.page import ExchangePage


def content(db: Database) -> dict[str, Any]:
    with db.session() as session:
        records = {
            t: sorted(to_json(r)["revision"] for r in session.exec(select(m)))
            for t, m in MODELS.items()
        }
        records["sync_state"] = sorted(r.id for r in session.exec(select(SyncState)))
    return records


def edit_school(db: Database, school_id: str, **values: Any) -> None:
    with db.session() as session:
        school = session.get(School, school_id)
        for name, value in values.items():
            setattr(school, name, value)
        session.add(school)


def exchange_page(window) -> ExchangePage:
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    return page


def other_computer(package: Path, root: Path) -> tuple[AppPaths, Database]:
    """The curator's second computer, its store created from ``package``."""
    paths = AppPaths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")
    create_store_from_package(paths, package, device_id="dev-b")
    return paths, Database(paths.store_file, device_id="dev-b")


def test_export_writes_the_package_and_lists_it(
    open_window, qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo=True)
    page = exchange_page(window)
    window.show_page("exchange")
    assert page.table.visible_rows() == []
    target = tmp_path / "usb" / "out.curator"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent, _caption, default, _filter):
        asked.append(default)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    page.export()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert target.is_file()
    assert Path(asked[0]).name.startswith("Соколова_М_В_") and asked[0].endswith(".curator")
    assert str(target) in told[0] and "records" in told[0]
    (row,) = page.table.visible_rows()
    assert row.direction == "export" and row.destination == str(target.parent.resolve())
    shown = page.table.model.index(0, 2)
    assert shown.data() == target.name  # the file, not just its folder
    assert shown.data(Qt.ItemDataRole.ToolTipRole) == str(target.parent.resolve() / target.name)
    assert window.context.settings.recent_export_dir == str(target.parent)


def test_export_dialog_checks_the_selection_and_the_passwords(qtbot) -> None:
    dialog = ExportDialog([("s1", "СОШ № 1"), ("s2", "СОШ № 2")])
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled() and dialog.request().kind == "full"
    dialog.selection_radio.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    dialog.set_school_checked("s2")
    assert dialog.ok_button.isEnabled()
    dialog.password.setText("секрет")
    assert not dialog.ok_button.isEnabled() and dialog.error_label.text()
    dialog.password_again.setText("секрет")
    request = dialog.request()
    assert (request.kind, request.school_ids, request.password) == ("selection", ("s2",), "секрет")


def test_preview_counts_conflicts_and_import(
    open_window, qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo=True)
    page = exchange_page(window)
    mine = window.context.database
    service = ExchangeService.for_paths(mine, window.context.paths)
    (tmp_path / "usb").mkdir()
    full = service.export(tmp_path / "usb" / "full.curator").path
    paths, theirs = other_computer(full, tmp_path / "b")
    try:
        with mine.session() as session:
            first, second = session.exec(select(School.id).order_by(School.id)).all()[:2]
        edit_school(mine, first, notes="офис")
        edit_school(theirs, first, notes="ноутбук", director_name="Петров П. П.")
        edit_school(theirs, second, notes="только там")
        package = ExchangeService.for_paths(theirs, paths).export(tmp_path / "usb" / "b.curator")
    finally:
        theirs.close()
    preview = service.preview(package.path)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.counts_shown()["Schools"]["changed"] == "1"
    assert dialog.counts_shown()["Schools"]["conflicts"] == "1"
    assert not dialog.import_button.isEnabled() and dialog.resolve_button.isVisibleTo(dialog)

    def resolve(conflicts: ConflictDialog) -> int:
        conflicts.choose_field("director_name", "theirs")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", resolve)
    dialog.resolve_conflicts()
    assert dialog.resolutions == {("school", first): {"notes": "mine", "director_name": "theirs"}}
    assert dialog.import_button.isEnabled()

    def confirm(shown: ImportPreviewDialog) -> int:
        shown.resolutions = dict(dialog.resolutions)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", confirm)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(package.path), ""))
    )
    with qtbot.waitSignal(page.data_changed, timeout=60_000) as changed:
        page.import_package()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    # what the import wrote (schools, the exchange history) and the backup taken first
    assert changed.args == [frozenset({Change.SCHOOLS, Change.EXCHANGE, Change.BACKUPS})]
    assert "A backup was taken first" in told[-1]
    with mine.session() as session:
        school = session.get(School, first)
        assert (school.notes, school.director_name) == ("офис", "Петров П. П.")
        assert session.get(School, second).notes == "только там"
    assert [r.direction for r in page.table.visible_rows()][:1] == ["import"]


def test_conflict_dialog_returns_the_choices(qtbot) -> None:
    school = Conflict(
        "school",
        "s1",
        {"short_name": "СОШ № 1", "notes": "офис", "phone": "1"},
        {"short_name": "СОШ № 1", "notes": "ноутбук", "phone": "2"},
        ("notes", "phone"),
    )
    answer = Conflict("checklist_answer", "a1", {"item_key": "intro.q1"}, {}, ("value",))
    dialog = ConflictDialog([school, answer])
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text() == "Schools: СОШ № 1"
    assert dialog.list.item(1).text() == "Checklist answers: intro.q1"
    assert (
        dialog.fields.item(0, 1).text() == "офис" and dialog.fields.item(0, 2).text() == "ноутбук"
    )
    dialog.choose_field("phone", "theirs")
    assert dialog.resolutions() == {
        ("school", "s1"): {"notes": "mine", "phone": "theirs"},
        ("checklist_answer", "a1"): "mine",
    }
    dialog.choose_all("theirs")
    assert set(dialog.resolutions().values()) == {"theirs"}


def test_wrong_password_is_reported_and_changes_nothing(
    open_window, qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo=True)
    page = exchange_page(window)
    db = window.context.database
    package = ExchangeService.for_paths(db, window.context.paths).export(
        tmp_path / "secret.curator", password="правильный"
    )
    before = content(db)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(package.path), ""))
    )
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("неверный", True)))
    previewed: list[object] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: previewed.append(d) or 0)
    page.import_package()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert "password" in told[0].lower()
    assert previewed == [] and content(db) == before
