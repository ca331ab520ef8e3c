"""«Complete visit…» checks first and asks only then: what is missing (the visit's purpose,
participants and findings as well as the checklist's required items) is listed with a jump to
each, and the confirmation comes only for a visit that may be completed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog
from tests.services.visits.test_visit_service import fill_required
from tests.services.visits.visit_fields import fill_visit_fields


def _school_with_risks(context: Any) -> str:
    """A demo school with a risk profile in 2026 (so findings are required of its visits)."""
    service = context.visit_service
    for school_id, _name in context.schools.choices():
        probe = service.create_visit(school_id, "planned", dt.date(2026, 11, 20))
        factors = service.load(probe).factors
        if factors:
            return school_id
    raise AssertionError("no demo school has a risk profile")


@pytest.fixture
def editor(open_window, qtbot) -> Any:
    """An editor on a new planned visit whose checklist is filled in and nothing else."""
    window = open_window(demo=True, lang="en")
    context = window.context
    service = context.visit_service
    visit_id = service.create_visit(_school_with_risks(context), "planned", dt.date(2026, 11, 20))
    fill_required(service, visit_id, service.load(visit_id).visit.template, visit_fields=False)
    editor = window.visit_windows.open(visit_id)
    qtbot.waitExposed(editor)
    return editor


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The confirmation's texts, each answered «Yes»."""
    texts: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        texts.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return texts


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[MissingItemsDialog]:
    """The missing-items dialogs shown (not executed: the test drives them)."""
    dialogs: list[MissingItemsDialog] = []
    monkeypatch.setattr(MissingItemsDialog, "exec", lambda dialog: dialogs.append(dialog) or 0)
    return dialogs


def _entries(dialog: MissingItemsDialog) -> list[tuple[str, str]]:
    tree = dialog.tree
    return [
        (tree.topLevelItem(g).text(0), tree.topLevelItem(g).child(c).text(0))
        for g in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(g).childCount())
    ]


def _jump(dialog: MissingItemsDialog, entry: int) -> None:
    items = [
        dialog.tree.topLevelItem(g).child(c)
        for g in range(dialog.tree.topLevelItemCount())
        for c in range(dialog.tree.topLevelItem(g).childCount())
    ]
    dialog.tree.setCurrentItem(items[entry])
    dialog.go_button.click()


def test_what_is_missing_is_listed_before_anything_is_asked(
    editor, asked: list[str], listed: list[MissingItemsDialog], qtbot
) -> None:
    assert editor.complete() is False
    assert asked == []  # nothing asked of a visit that cannot be completed
    (dialog,) = listed
    assert _entries(dialog) == [
        ("Details of the visit", "The purpose of the visit is not filled in"),
        ("Details of the visit", "No participant is named"),
        ("Findings by risk factor", "No finding is recorded on the school's risk factors"),
    ]
    assert editor.service.load(editor.visit_id).visit.status != "completed"

    _jump(dialog, 0)
    assert editor.tabs.currentWidget() is editor.details
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.details.purpose)
    _jump(dialog, 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.details.add_participant)
    _jump(dialog, 2)
    assert editor.tabs.currentWidget() is editor.findings
    first = next(iter(editor.findings.edits.values()))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)


def test_a_nameless_participant_row_is_where_the_name_goes(
    editor, asked: list[str], listed: list[MissingItemsDialog], qtbot
) -> None:
    editor.service.add_participant(editor.visit_id)  # added and left empty
    editor.load()
    editor.complete()
    _jump(listed[0], 1)
    table = editor.details.participants
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    assert table.currentRow() == 0 and table.currentColumn() == 0


def test_a_visit_with_everything_is_confirmed_then_completed(
    editor, asked: list[str], listed: list[MissingItemsDialog]
) -> None:
    fill_visit_fields(editor.service, editor.visit_id)
    editor.load()
    assert editor.complete() is True
    assert listed == [] and len(asked) == 1
    assert editor.service.load(editor.visit_id).visit.status == "completed"


def test_declining_the_confirmation_leaves_the_visit_open(
    editor, monkeypatch: pytest.MonkeyPatch, listed: list[MissingItemsDialog]
) -> None:
    fill_visit_fields(editor.service, editor.visit_id)
    editor.load()
    no = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: no))
    assert editor.complete() is False
    assert editor.service.load(editor.visit_id).visit.status != "completed"
