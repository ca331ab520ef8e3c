"""The roadmap import dialog on the demo store: the real Smolensk roadmap read off the GUI thread,
imported, refused the second time, and a new edition of it shown change by change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.relation import MINE, judge
from curator_desktop.services.plan.relations import relation_label
from curator_desktop.services.roadmap.reader import read_roadmap
from curator_desktop.ui.common.models.row_table_model import ATTENTION, CAUTION, HIGHLIGHT_ROLE
from curator_desktop.ui.plan.roadmap_import_dialog import RoadmapImportDialog
from curator_desktop.ui.plan.roadmap_preview_model import PreviewModel
from tests.conftest import ROADMAPS
from tests.services.plan.test_plan_service import write_new_edition
from tests.ui.conftest import wait_for

SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The file dialog answers with the last path put in the returned list."""
    chosen: list[Path] = []

    def get_open_file_name(*_args, **_kwargs):
        return str(chosen[-1]), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    return chosen


def open_dialog(window, qtbot) -> RoadmapImportDialog:
    dialog = RoadmapImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    return dialog


def read(dialog: RoadmapImportDialog, qtbot, path: Path, choose_file: list[Path]) -> None:
    choose_file.append(path)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisibleTo(dialog)  # reading happens in the background
    wait_for(qtbot, dialog.preview_ready)


def shown(dialog: RoadmapImportDialog, column: int) -> list[str]:
    proxy = dialog.table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_import_the_smolensk_roadmap(open_window, qtbot, choose_file: list[Path]) -> None:
    window = open_window(demo=True)
    dialog = open_dialog(window, qtbot)
    read(dialog, qtbot, SMOLENSK, choose_file)

    facts = {key: label.text() for key, label in dialog.facts.items()}
    assert facts["title"].startswith("План-график («дорожная карта»)")
    assert facts["title"].endswith("(2021)")
    assert facts["issuer"] == "Департамент Смоленской области по образованию и науке"
    assert "422-ОД" in facts["order"]
    judged = {item.number: judge(item) for item in read_roadmap(SMOLENSK).items}
    mine = sum(1 for j in judged.values() if j.relation in MINE)
    assert (facts["items"], facts["parsed"], facts["curator"]) == ("38", "37 of 38", str(mine))
    assert dialog.table.proxy.rowCount() == 38
    assert dialog.table.view.isColumnHidden(PreviewModel.CHANGE_COLUMN)
    assert not dialog.separate_check.isVisibleTo(dialog)
    numbers = shown(dialog, 0)
    understood = dict(zip(numbers, shown(dialog, 5), strict=True))
    relations = dict(zip(numbers, shown(dialog, 6), strict=True))
    assert understood["10"] == "no date"
    assert understood["7"] == "01/04/2021 – 31/05/2021"
    for number in ("16", "2"):  # the curator's relation as judged, in words
        assert relations[number] == relation_label(judged[number].relation)
    assert set(relations.values()) <= {"leads", "takes part", "attends", "not mine"}
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.roadmap_imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert result.added == 38 and result.backup is not None and result.backup.exists()
    assert "imported: 38 items" in dialog.result_text()
    [(document_id, _title, year)] = window.context.plan_service.documents()
    assert (document_id, year) == (result.document_id, 2021)

    again = open_dialog(window, qtbot)
    read(again, qtbot, SMOLENSK, choose_file)
    assert "Already imported" in again.status_label.text()
    assert "#b3261e" in again.status_label.styleSheet()
    assert not again.import_button.isEnabled()
    assert again.table.proxy.rowCount() == 38  # what is in it is still shown


def test_a_new_edition_shows_its_changes(
    open_window, qtbot, tmp_path: Path, choose_file: list[Path]
) -> None:
    window = open_window(demo=True)
    service = window.context.plan_service
    first = service.import_(service.preview(SMOLENSK)).document_id
    dialog = open_dialog(window, qtbot)
    read(dialog, qtbot, write_new_edition(tmp_path), choose_file)

    assert dialog.summary_label.text() == "1 changed, 1 added, 1 removed"
    assert "new edition" in dialog.status_label.text()
    assert dialog.separate_check.isVisibleTo(dialog)
    assert not dialog.table.view.isColumnHidden(PreviewModel.CHANGE_COLUMN)
    assert dialog.table.proxy.rowCount() == 39  # 38 of the new edition and the removed one
    rows = {row.number: row for row in dialog.table.visible_rows()}
    assert rows["9"].kind == "changed" and rows["39"].kind == "added"
    assert rows["36"].kind == "removed"

    def cell(number: str, column: int, role: int = Qt.ItemDataRole.DisplayRole):
        index = dialog.table.visible_rows().index(rows[number])
        return dialog.table.proxy.index(index, column).data(role)

    assert cell("9", PreviewModel.CHANGE_COLUMN) == "changed"
    assert cell("9", PreviewModel.FIELDS_COLUMN) == "deadline"
    assert cell("9", 3, HIGHLIGHT_ROLE) == CAUTION
    assert cell("36", PreviewModel.CHANGE_COLUMN, HIGHLIGHT_ROLE) == ATTENTION
    assert cell("39", 3, Qt.ItemDataRole.BackgroundRole) is not None
    assert cell("1", 3, HIGHLIGHT_ROLE) is None

    dialog.only_changes.setChecked(True)
    assert sorted(row.number for row in dialog.table.visible_rows()) == ["36", "39", "9"]

    dialog.separate_check.setChecked(True)
    with qtbot.waitSignal(dialog.roadmap_imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].document_id != first
    assert len(service.documents()) == 2


def test_edition_applied_in_place(
    open_window, qtbot, tmp_path: Path, choose_file: list[Path]
) -> None:
    window = open_window(demo=True)
    service = window.context.plan_service
    first = service.import_(service.preview(SMOLENSK)).document_id
    dialog = open_dialog(window, qtbot)
    read(dialog, qtbot, write_new_edition(tmp_path), choose_file)
    with qtbot.waitSignal(dialog.roadmap_imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert (result.document_id, result.edition) == (first, 2)
    assert "updated to edition 2: 1 changed, 1 added, 1 removed" in dialog.result_text()
    assert [doc[0] for doc in service.documents()] == [first]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_file_without_a_roadmap_is_refused_in_the_dialog(
    open_window, qtbot, tmp_path: Path, choose_file: list[Path], lang: str
) -> None:
    window = open_window(demo=True, lang=lang)
    junk = tmp_path / "письмо.txt"
    junk.write_text("Уважаемые коллеги!\nНаправляем план-график.\n", encoding="utf-8")
    with pytest.raises(ValidationError) as expected:
        read_roadmap(junk)  # the message, in the language the window speaks
    dialog = open_dialog(window, qtbot)
    choose_file.append(junk)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    [message] = wait_for(qtbot, dialog.preview_failed)

    assert message == expected.value.user_message
    assert dialog.status_label.text() == message
    assert "#b3261e" in dialog.status_label.styleSheet()
    assert not dialog.import_button.isEnabled() and dialog.choose_button.isEnabled()
    assert dialog.table.proxy.rowCount() == 0
    assert window.context.plan_service.documents() == []
