"""The school import dialog on the demo store: preview, change a column, confirm, see the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.ui.schools.import_dialog import SchoolImportDialog

NEW_INN_1 = make_inn("570401001")
NEW_INN_2 = make_inn("570401002")
BAD_INN = NEW_INN_2[:9] + str((int(NEW_INN_2[9]) + 1) % 10)


def write_file(tmp_path: Path, existing_inn: str) -> Path:
    """A coordinator's CSV: «Территория» is not a header the importer knows."""
    rows = [
        "ИНН;Наименование ОО;Территория;Директор",
        f"{NEW_INN_1};МБОУ «Новосельская СОШ»;Новосельский район;Кузнецова Е. А.",
        f"{existing_inn};;;Новый Директор Д. Д.",
        f"{BAD_INN};МКОУ «Ошибочная ООШ»;Новосельский район;Иванов И. И.",
    ]
    path = tmp_path / "назначенные школы.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1251"))
    return path


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirm the import and swallow the result box; records what the boxes said."""
    said: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Yes

    def information(parent, title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    return said


def open_dialog(window, qtbot, path: Path) -> SchoolImportDialog:
    dialog = SchoolImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        dialog.set_file(path)
    return dialog


def test_preview_change_mapping_import_and_see_rows(
    open_window, qtbot, tmp_path: Path, answer_yes: list[str]
) -> None:
    window = open_window(demo=True)
    demo = window.context.schools.summaries()[0]
    dialog = open_dialog(window, qtbot, write_file(tmp_path, demo.inn))

    assert dialog.tabs.tabText(0) == "Will be added (1)"
    assert dialog.tabs.tabText(1) == "Will be updated (1)"
    assert dialog.tabs.tabText(2) == "Errors (1)"
    [error] = dialog.errors.model.rows()
    assert (error.row, error.field) == (4, "INN")
    assert "check digit" in dialog.errors.model.index(0, 3).data()
    [change] = dialog.updates.model.rows()
    assert change.source.school_id == demo.id
    assert (change.row, change.field, change.second) == (3, "Director", "Новый Директор Д. Д.")
    assert dialog.updates.model.index(0, 4).data() == "Новый Директор Д. Д."
    assert dialog.combos["municipality"].currentIndex() == 0  # «— do not import —»
    assert dialog.adds.model.rows()[0].fields.municipality == ""
    assert dialog.import_button.isEnabled()

    combo = dialog.combos["municipality"]
    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        combo.setCurrentIndex(combo.findText("Территория"))
    assert dialog.mapping().column_for("municipality") == 2
    assert dialog.adds.model.rows()[0].fields.municipality == "Новосельский район"
    assert window.context.schools.count() == 8, "nothing is written before the user confirms"

    changed: list[object] = []
    dialog.data_changed.connect(changed.append)
    with qtbot.waitSignal(dialog.schools_imported, timeout=30_000) as imported:
        dialog.import_button.click()
    assert imported.args == [2]
    assert changed == [{Change.SCHOOLS, Change.BACKUPS}]  # what the service says it wrote
    assert "Add 1 and update 1 schools?" in answer_yes[0]
    assert "1 row with errors will be skipped" in answer_yes[0]
    assert "Imported: 1 added, 1 updated." in answer_yes[1]

    window.data_changed.emit(frozenset({Change.SCHOOLS}))
    rows = window.pages["schools"].table.model.rows()
    assert len(rows) == 9
    [added] = [row for row in rows if row.inn == NEW_INN_1]
    assert (added.full_name, added.municipality) == (
        "МБОУ «Новосельская СОШ»",
        "Новосельский район",
    )
    assert not [row for row in rows if row.inn == BAD_INN]
    backups = list((window.context.paths.backup_dir).glob("*-pre-import.sqlite3"))
    assert len(backups) == 1


def test_declining_the_confirmation_writes_nothing(
    open_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo=True)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    dialog = open_dialog(
        window, qtbot, write_file(tmp_path, window.context.schools.summaries()[0].inn)
    )
    dialog.import_button.click()
    qtbot.wait(50)
    assert dialog.result is None
    assert window.context.schools.count() == 8
    assert not list(window.context.paths.backup_dir.glob("*-pre-import.sqlite3"))


def test_rejected_file_is_explained_and_nothing_can_be_imported(
    open_window, qtbot, tmp_path: Path
) -> None:
    window = open_window(demo=True)
    dialog = SchoolImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    png = tmp_path / "школы.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with qtbot.waitSignal(dialog.preview_failed, timeout=30_000) as failed:
        dialog.set_file(png)
    assert "not a table" in failed.args[0]
    assert "not a table" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    assert not any(combo.isEnabled() for combo in dialog.combos.values())


def test_fits_a_small_screen_at_150_percent(open_window, qtbot) -> None:
    window = open_window(demo=True)
    dialog = SchoolImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    hint = dialog.minimumSizeHint()
    # 1366×768 at 150 % leaves 910×512 logical pixels, minus a taskbar and the title bar.
    assert hint.width() <= 900
    assert hint.height() <= 460
    assert dialog.minimumWidth() <= 900 and dialog.minimumHeight() <= 460


def test_school_changed_after_preview_imports_nothing_and_previews_again(
    open_window, qtbot, tmp_path: Path, answer_yes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.store.tables import School

    window = open_window(demo=True)
    demo = window.context.schools.summaries()[0]
    dialog = open_dialog(window, qtbot, write_file(tmp_path, demo.inn))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    with window.context.database.session() as session:
        session.get(School, demo.id).notes = "Изменено в карточке, пока шёл предпросмотр"

    with qtbot.waitSignal(dialog.preview_ready, timeout=30_000):
        dialog.import_button.click()

    assert shown and "nothing was imported" in shown[0]
    assert dialog.result is None
    assert window.context.schools.count() == 8
    assert dialog.tabs.tabText(1) == "Will be updated (1)"
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
