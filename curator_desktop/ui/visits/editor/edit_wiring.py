"""From the visit editor's tabs to the store: every edit signal connected to its write.

Typed fields are written after the typing pause or when focus leaves them; choices at once.
Records (participants, lessons, recommendations, photos and files) are added and removed at
once, after what is pending, and the tab then shows them as stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.enums import VisitStatus
from curator_desktop.i18n import _

if TYPE_CHECKING:
    from curator_desktop.ui.visits.editor.checklist_form import ChecklistForm
    from curator_desktop.ui.visits.editor.editor import VisitEditor


class EditWiring:
    """Connects the tabs of one visit editor to the visit service, through its writer."""

    def __init__(self, editor: VisitEditor) -> None:
        self.editor = editor
        self.service = editor.service
        self.visit_id = editor.visit_id
        self.writer = editor.writer

    def connect_tabs(self) -> None:
        """Connect the details, lessons, findings, recommendations and files tabs."""
        editor, writer = self.editor, self.writer
        d = editor.details
        d.field_edited.connect(self._save_visit_field)
        d.field_focus_left.connect(lambda name: writer.flush(("visit", name)))
        d.participant_added.connect(self._add_participant)
        d.participant_edited.connect(
            lambda pid, name, text: writer.write(
                lambda: self.service.update_participant(pid, **{name: text})
            )
        )
        d.participant_removed.connect(self._remove_participant)
        les = editor.lessons
        les.lesson_added.connect(self._add_lesson)
        les.lesson_removed.connect(self._remove_lesson)
        les.header_edited.connect(self._save_lesson_header)
        les.header_focus_left.connect(lambda lid, name: writer.flush(("lesson", lid, name)))
        les.answer_edited.connect(
            lambda lid, key, value, debounced: self._save_answer(lid, key, value, debounced)
        )
        les.comment_edited.connect(lambda lid, key, text: self._save_comment(lid, key, text))
        les.focus_left.connect(lambda lid, key: writer.flush(("answer", lid, key)))
        les.files_added.connect(
            lambda lid, key, paths: self._attach(paths, item_key=key, lesson_id=lid)
        )
        les.caption_changed.connect(self._set_caption)
        les.remove_requested.connect(self._remove_attachment)
        editor.findings.finding_edited.connect(self._save_finding)
        editor.findings.focus_left.connect(lambda code: writer.flush(("finding", code)))
        rec = editor.recommendations
        rec.added.connect(self._add_recommendation)
        rec.edited.connect(self._save_recommendation)
        rec.removed.connect(self._remove_recommendation)
        rec.focus_left.connect(lambda rid, name: writer.flush(("recommendation", rid, name)))
        editor.files.files_added.connect(lambda paths: self._attach(paths))
        editor.files.caption_changed.connect(self._set_caption)
        editor.files.remove_requested.connect(self._remove_attachment)

    def connect_form(self, form: ChecklistForm) -> None:
        """Connect the visit's checklist (built when the visit is first shown)."""
        form.answer_edited.connect(
            lambda key, value, debounced: self._save_answer(None, key, value, debounced)
        )
        form.comment_edited.connect(lambda key, text: self._save_comment(None, key, text))
        form.focus_left.connect(lambda key: self.writer.flush(("answer", None, key)))
        form.files_added.connect(lambda key, paths: self._attach(paths, item_key=key))
        form.caption_changed.connect(self._set_caption)
        form.remove_requested.connect(self._remove_attachment)

    # --- fields -----------------------------------------------------------------------------

    def _save_visit_field(self, name: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.update_visit(self.visit_id, **{name: value})
            if name in ("visit_type", "planned_date", "actual_date"):
                self.editor.refresh_visit_record()

        self.writer.save(("visit", name), action, debounced)

    def _save_answer(self, lesson_id: str | None, key: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.set_answer(self.visit_id, key, value, lesson_id=lesson_id)
            state = self.editor.state
            if state is not None and state.visit.status == VisitStatus.PLANNED:
                self.editor.refresh_visit_record()

        self.writer.save(("answer", lesson_id, key), action, debounced)

    def _save_comment(self, lesson_id: str | None, key: str, text: str) -> None:
        self.writer.save(
            ("comment", lesson_id, key),
            lambda: self.service.set_comment(self.visit_id, key, text, lesson_id=lesson_id),
            True,
        )

    def _save_finding(self, code: str, text: str) -> None:
        self.writer.save(
            ("finding", code), lambda: self.service.set_finding(self.visit_id, code, text), True
        )

    def _save_lesson_header(self, lesson_id: str, name: str, text: str) -> None:
        self.writer.save(
            ("lesson", lesson_id, name),
            lambda: self.service.update_lesson(lesson_id, **{name: text}),
            True,
        )

    def _save_recommendation(self, rec_id: str, name: str, value: Any, debounced: bool) -> None:
        def action() -> None:
            self.service.update_recommendation(rec_id, **{name: value})
            if not debounced:
                self.editor.reload_recommendations(select_id=rec_id)

        key = ("recommendation", rec_id, name)
        self.writer.save(key, action, debounced, Change.RECOMMENDATIONS)

    # --- records ----------------------------------------------------------------------------

    def _add_participant(self) -> None:
        self.writer.save_now()
        if self.writer.write(lambda: self.service.add_participant(self.visit_id)):
            details = self.editor.details
            details.show_participants(self.service.load(self.visit_id).participants)
            details.edit_last_participant()

    def _remove_participant(self, participant_id: str) -> None:
        self.writer.save_now()
        if self.writer.write(lambda: self.service.remove_participant(participant_id)):
            participants = self.service.load(self.visit_id).participants
            self.editor.details.show_participants(participants)

    def _add_lesson(self) -> None:
        self.writer.save_now()
        created: list[str] = []
        if self.writer.write(lambda: created.append(self.service.add_lesson(self.visit_id))):
            self.editor.reload_lessons(select_id=created[0])
            self.editor.lessons.header["teacher"].setFocus()

    def _remove_lesson(self, lesson_id: str) -> None:
        answer = QMessageBox.question(
            self.editor,
            _("Remove lesson"),
            _("Remove this lesson observation with its answers?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.writer.save_now()
            if self.writer.write(lambda: self.service.remove_lesson(lesson_id)):
                self.editor.reload_lessons()

    def _add_recommendation(self) -> None:
        self.writer.save_now()
        created: list[str] = []
        action = lambda: created.append(self.service.add_recommendation(self.visit_id))  # noqa: E731
        if self.writer.write(action, Change.RECOMMENDATIONS):
            self.editor.reload_recommendations(select_id=created[0])
            self.editor.recommendations.text.setFocus()

    def _remove_recommendation(self, rec_id: str) -> None:
        answer = QMessageBox.question(
            self.editor, _("Remove recommendation"), _("Remove this recommendation?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.writer.save_now()
            action = lambda: self.service.remove_recommendation(rec_id)  # noqa: E731
            if self.writer.write(action, Change.RECOMMENDATIONS):
                self.editor.reload_recommendations()

    # --- photos and files -------------------------------------------------------------------

    def _attach(
        self, paths: list[Any], *, item_key: str | None = None, lesson_id: str | None = None
    ) -> None:
        self.writer.save_now()
        for path in paths:
            action = lambda path=path: self.service.attach(  # noqa: E731
                self.visit_id, path, item_key=item_key, lesson_id=lesson_id
            )
            if not self.writer.write(action):
                break
        self.editor.reload_attachments()

    def _set_caption(self, attachment_id: str, caption: str) -> None:
        self.writer.write(lambda: self.service.set_caption(attachment_id, caption))
        self.editor.reload_attachments()

    def _remove_attachment(self, attachment_id: str) -> None:
        self.writer.write(lambda: self.service.remove_attachment(attachment_id))
        self.editor.reload_attachments()
