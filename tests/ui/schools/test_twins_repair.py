"""The window proposes merging schools held twice: a banner on the schools page, the question,
the differing fields in the conflict dialog, a backup first, one record after."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from curator_desktop.store.backups import list_backups
from curator_desktop.store.tables import School, new_id
from curator_desktop.ui.exchange.conflict_dialog import THEIRS, ConflictDialog

TWIN_NOTES = "Заметка из второй копии"


def _make_twin(window) -> School:  # type: ignore[no-untyped-def]
    """A second record of the first demo school (what versions before ИНН ids made)."""
    first = window.context.schools.summaries()[0].id
    with window.context.database.session() as session:
        school = session.get(School, first)
        values = school.model_dump(exclude={"id", "revision", "created_at", "updated_at"})
        values.update(notes=TWIN_NOTES, id=new_id())
        session.add(School(**values))
    return school


def test_the_banner_offers_the_repair_and_the_chosen_values_are_kept(
    open_window, monkeypatch, told
) -> None:
    window = open_window(demo=True)
    survivor = _make_twin(window)
    page = window.page("schools")
    page.refresh()
    assert page.twins_banner.isVisibleTo(page)
    assert "1 school is held twice" in page.twins_label.text()

    def merge(box: QMessageBox) -> int:
        (button,) = [b for b in box.buttons() if b.text() == "Merge…"]
        button.click()
        return 0

    asked: list[list[str]] = []

    def choose_theirs(dialog: ConflictDialog) -> int:
        asked.append([c.record_id for c in dialog.conflicts])
        dialog.choose_field("notes", THEIRS)
        return 1

    monkeypatch.setattr(QMessageBox, "exec", merge)
    monkeypatch.setattr(ConflictDialog, "exec", choose_theirs)
    before = len(list_backups(window.context.paths.backup_dir))
    page.twins_button.click()

    assert len(asked) == 1  # one twin, differing in its notes
    assert window.context.school_service.twin_count() == 0
    assert window.context.school_service.get(survivor.id).notes == TWIN_NOTES
    assert len(list_backups(window.context.paths.backup_dir)) == before + 1
    assert not page.twins_banner.isVisibleTo(page)
    assert any("twin record was merged" in text for text in told)


def test_cancelling_the_question_changes_nothing(open_window, monkeypatch, told) -> None:
    window = open_window(demo=True)
    _make_twin(window)
    window.repair_twins()  # ``told`` answers the question with nothing clicked: cancel
    assert window.context.school_service.twin_count() == 1
