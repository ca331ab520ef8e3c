"""Names are read whole: in the 780-px school card the risk factors and the column titles, in
the roadmap preview and the plan the items (wrapped, rows as tall as they need), while the marks
(№, ★) keep narrow columns; the card has one «Save»; the file field does not look typeable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QMessageBox,
    QPushButton,
)

from curator_desktop.domain.changes import Change
from curator_desktop.ui.plan.roadmap_import_dialog import RoadmapImportDialog
from curator_desktop.ui.plan.table_model import PlanColumn
from curator_desktop.ui.risk.profile_model import RiskColumn
from curator_desktop.ui.schools.card import PREFERRED_SIZE, SchoolCardDialog
from tests.conftest import ROADMAPS
from tests.ui.conftest import wait_for

SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"
MARGIN = 6
"""A cell's text margins, both sides together (Qt's item views: 3 px each side)."""


def _cut(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Whether the cell's text is not shown whole (elided, or clipped below)."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return False
    rect = view.visualRect(index)
    flags = Qt.TextFlag.TextWordWrap if view.wordWrap() else 0
    needed = view.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - MARGIN, 100_000), int(flags), text
    )
    return needed.width() > rect.width() - MARGIN or needed.height() > rect.height()


def _cut_titles(view: QAbstractItemView) -> list[str]:
    header = view.horizontalHeader()
    model = view.model()
    cut = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        width = header.sectionSize(section) - 20  # margins and a sort arrow
        needed = header.fontMetrics().boundingRect(
            QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap), title
        )
        if needed.width() > width or needed.height() > header.height():
            cut.append(title)
    return cut


def _cut_cells(view: QAbstractItemView, column: int) -> list[str]:
    model = view.model()
    return [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        if _cut(view, model.index(row, column))
    ]


@pytest.fixture
def window(open_window):
    return open_window(demo=True, lang="ru")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the card would ask (answered «Cancel» at once)."""
    questions: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        questions.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def test_the_risk_profile_in_the_card_shows_names_whole_and_saves_once(window, qtbot) -> None:
    school_id = window.page("schools").model.id_at(0)
    card = SchoolCardDialog(window.context, school_id, window)
    qtbot.addWidget(card)
    card.resize(*PREFERRED_SIZE)
    card.show()
    card.tabs.setCurrentWidget(card.profile_widget)
    QApplication.processEvents()
    view = card.profile_widget.view
    assert _cut_titles(view) == []
    assert _cut_cells(view, RiskColumn.FACTOR) == []
    saves = [
        b
        for b in card.findChildren(QPushButton)
        if b.isVisible() and b.text().replace("&", "") in ("Сохранить", "Save")
    ]
    assert len(saves) == 1, [b.text() for b in saves]
    card.done(0)


def test_the_card_saves_the_factor_being_edited(window, qtbot, asked: list[str]) -> None:
    school_id = window.page("schools").model.id_at(0)
    card = SchoolCardDialog(window.context, school_id, window)
    qtbot.addWidget(card)
    card.show()
    widget = card.profile_widget
    widget.select_row(1)
    code = widget.editor.row().code
    justification = "Подтверждено по итогам беседы с администрацией школы и посещённых уроков."
    widget.editor.justification.setPlainText(justification)
    with qtbot.waitSignal(card.profile_changed):
        card.save_button.click()  # the card's one «Save» stores the factor too
    stored = next(
        r
        for r in window.context.risk_service.profile(school_id, widget.current_year())
        if r.code == code
    )
    assert stored.justification == justification
    assert asked == []


def test_the_roadmap_preview_shows_items_whole(window, qtbot, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(SMOLENSK), ""))
    )
    dialog = RoadmapImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.file_edit
    assert edit.isReadOnly() and not edit.hasFrame()  # a line of text, not a box to type in
    assert edit.focusPolicy() == Qt.FocusPolicy.NoFocus
    dialog.choose_button.click()
    wait_for(qtbot, dialog.preview_ready)
    qtbot.wait(50)  # rows are measured once the events at hand are handled
    view = dialog.table.view
    model = view.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    title, relation = titles.index("Пункт"), titles.index("Куратор")
    assert _cut_cells(view, title) == []
    assert view.horizontalHeader().sectionSize(relation) <= 120  # «участвует», not wider


def test_the_plan_shows_items_whole(window, qtbot) -> None:
    service = window.context.plan_service
    service.import_(service.preview(SMOLENSK))
    page = window.page("plan")
    page.clock = lambda: dt.date(2021, 3, 15)
    window.show_page("plan")
    window.data_changed.emit(frozenset({Change.ROADMAPS}))
    page.views.set_view("all")
    view = page.views.table.view
    # rows are measured again once the window's last resize is handled (slow on a busy machine)
    qtbot.waitUntil(lambda: _cut_cells(view, PlanColumn.TITLE) == [], timeout=5_000)
    assert view.horizontalHeader().sectionSize(PlanColumn.NUMBER) <= 60
