"""Recording a visit: every edit is one short transaction, durable when the call returns (autosave).

The editor calls one method per change; each validates first (against the visit's own template
snapshot) and writes nothing when anything is wrong. A completed visit refuses every write except
reopening. The tracked session stamps revisions and logs each changed field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.visits.records import (
    AttachmentRecord,
    Comparison,
    EditorState,
    MissingItem,
)
from curator_desktop.i18n import _
from curator_desktop.services.store_service import StoreService
from curator_desktop.services.visits import checks as visit_checks
from curator_desktop.services.visits import files as visit_files
from curator_desktop.services.visits.access import (
    answer_for,
    live,
    next_order,
    require_writable,
    text_fields,
    tombstone,
    visit_in,
    writable_attachment,
    writable_child,
    writable_visit,
)
from curator_desktop.services.visits.attachments import attach_in
from curator_desktop.services.visits.fields import (
    apply_recommendation,
    check_date,
    check_factor_code,
    check_visit_rules,
    check_visit_type,
    recommendation_values,
    visit_values,
)
from curator_desktop.services.visits.reading import read_state
from curator_desktop.services.visits.templates import (
    choose_lesson_template,
    choose_visit_template,
    snapshot_of,
    template_title,
    visit_templates_in,
)
from curator_desktop.services.visits.writes import (
    complete_visit,
    reopen_visit,
    store_answer,
    store_finding,
)
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import (
    LessonObservation,
    Recommendation,
    School,
    Visit,
    VisitParticipant,
)

VISIT_FIELDS = frozenset(
    {
        "visit_type", "planned_date", "actual_date", "start_time", "end_time", "purpose",
        "agenda", "next_visit_date", "notes",
    }
)  # fmt: skip
PARTICIPANT_FIELDS = frozenset({"full_name", "position", "role"})
LESSON_FIELDS = frozenset(
    {"teacher", "subject", "class_name", "topic", "purpose", "lesson_type", "notes"}
)
RECOMMENDATION_FIELDS = frozenset(
    {"text", "responsible", "deadline", "status", "factor_code", "progress_note"}
)
ALWAYS_EDITABLE_RECOMMENDATION_FIELDS = frozenset({"status", "progress_note"})
"""What may change on a recommendation after its visit was completed."""


class VisitService(StoreService):
    """Creates, edits, completes and reopens visits; the only way the editor writes."""

    CREATED: ClassVar[Changes] = frozenset({Change.VISITS, Change.SCHOOLS})
    """What :meth:`create_visit` changes: the visits, and the school's visits to come."""

    def __init__(self, database: Database, *, attachments_dir: Path, device_id: str = "") -> None:
        super().__init__(database, device_id=device_id)
        self._attachments_dir = attachments_dir

    # --- creating and reading -------------------------------------------------------------

    def create_visit(
        self,
        school_id: str,
        visit_type: str,
        planned_date: dt.date | None,
        *,
        template_key: str | None = None,
        with_checklist: bool = True,
    ) -> str:
        """A new planned visit; its checklist is the newest template for the type (or the one
        named by ``template_key``), snapshotted; ``with_checklist=False``: no checklist."""
        check_visit_type(visit_type)
        check_date("planned_date", planned_date)
        with self._session() as session:
            if live(session, School, school_id) is None:
                raise NotFoundError(_("The school was not found; it may have been deleted."))
            template = (
                choose_visit_template(session, visit_type, template_key) if with_checklist else None
            )
            visit = Visit(
                school_id=school_id,
                visit_type=visit_type,
                status=VisitStatus.PLANNED.value,
                planned_date=planned_date,
                template_id=template.id if template else None,
                template_snapshot=snapshot_of(template),
            )
            session.add(visit)
            return visit.id

    def templates_for(self, visit_type: str) -> list[tuple[str, str]]:
        """(template key, title in the current language) of the newest templates for a type."""
        with self._session() as session:
            rows = visit_templates_in(session, visit_type)
            return [(row.template_key, template_title(row)) for row in rows]

    def load(self, visit_id: str) -> EditorState:
        """The whole visit as the editor shows it (one read transaction)."""
        with self._session() as session:
            return read_state(session, visit_id, self.today())

    # --- the visit's own fields -----------------------------------------------------------

    def update_visit(self, visit_id: str, **fields: Any) -> None:
        """Write some of VISIT_FIELDS; ``ValidationError(field=...)`` when a value is wrong
        (end before start, unknown type); ``ReadOnlyVisitError`` when the visit is completed."""
        values = visit_values(fields, VISIT_FIELDS)
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            check_visit_rules(visit, values)
            assign(visit, values)

    # --- checklist answers ----------------------------------------------------------------

    def set_answer(
        self, visit_id: str, item_key: str, value: Any, *, lesson_id: str | None = None
    ) -> None:
        """Store (None clears) one answer, checked against the snapshot; a planned visit
        becomes «in progress» with its first answer."""
        with self._session() as session:
            store_answer(session, writable_visit(session, visit_id), item_key, value, lesson_id)

    def set_comment(
        self, visit_id: str, item_key: str, comment: str, *, lesson_id: str | None = None
    ) -> None:
        """The curator's comment on one item (the answer row is created when needed)."""
        comment = text_fields({"comment": comment}, {"comment"}, "answer")["comment"]
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            answer_for(session, visit, item_key, lesson_id, comment=comment)

    # --- participants, lessons, findings --------------------------------------------------

    def add_participant(self, visit_id: str, **fields: str) -> str:
        values = text_fields(fields, PARTICIPANT_FIELDS, "participant")
        with self._session() as session:
            writable_visit(session, visit_id)
            order = next_order(session, VisitParticipant, visit_id)
            row = VisitParticipant(visit_id=visit_id, sort_order=order, **values)
            session.add(row)
            return row.id

    def update_participant(self, participant_id: str, **fields: str) -> None:
        values = text_fields(fields, PARTICIPANT_FIELDS, "participant")
        with self._session() as session:
            row = writable_child(session, VisitParticipant, participant_id)
            assign(row, values)

    def remove_participant(self, participant_id: str) -> None:
        """Tombstone (deleted=True), never a hard delete."""
        with self._session() as session:
            tombstone(writable_child(session, VisitParticipant, participant_id))

    def add_lesson(self, visit_id: str, **fields: str) -> str:
        """A new lesson observation with the newest «lesson» template, snapshotted."""
        values = text_fields(fields, LESSON_FIELDS, "lesson")
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            template = choose_lesson_template(session, visit.visit_type)
            row = LessonObservation(
                visit_id=visit_id,
                sort_order=next_order(session, LessonObservation, visit_id),
                template_id=template.id if template else None,
                template_snapshot=snapshot_of(template),
                **values,
            )
            session.add(row)
            return row.id

    def update_lesson(self, lesson_id: str, **fields: str) -> None:
        values = text_fields(fields, LESSON_FIELDS, "lesson")
        with self._session() as session:
            assign(writable_child(session, LessonObservation, lesson_id), values)

    def remove_lesson(self, lesson_id: str) -> None:
        """Tombstone the observation; its answers stay with it (hidden while it is deleted)."""
        with self._session() as session:
            tombstone(writable_child(session, LessonObservation, lesson_id))

    def set_finding(self, visit_id: str, factor_code: str, text: str) -> None:
        """The finding on one of the school's risk factors (empty text removes it)."""
        text = text_fields({"text": text}, {"text"}, "finding")["text"]
        with self._session() as session:
            writable_visit(session, visit_id)
            check_factor_code(session, factor_code)
            store_finding(session, visit_id, factor_code, text)

    # --- recommendations ------------------------------------------------------------------

    def add_recommendation(self, visit_id: str, **fields: Any) -> str:
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            values = recommendation_values(session, fields, RECOMMENDATION_FIELDS)
            row = Recommendation(school_id=visit.school_id, visit_id=visit_id)
            apply_recommendation(row, values, self.today())
            session.add(row)
            return row.id

    def update_recommendation(self, recommendation_id: str, **fields: Any) -> None:
        """Status and progress note may change on any visit's recommendation (closing sets
        ``closed_on``); text, responsible, deadline and factor only while its visit is open."""
        with self._session() as session:
            row = live(session, Recommendation, recommendation_id)
            if row is None:
                raise NotFoundError(_("The recommendation was not found."))
            values = recommendation_values(session, fields, RECOMMENDATION_FIELDS)
            restricted = {
                name
                for name, value in values.items()
                if name not in ALWAYS_EDITABLE_RECOMMENDATION_FIELDS and getattr(row, name) != value
            }
            if restricted and row.visit_id is not None:
                require_writable(visit_in(session, row.visit_id))
            apply_recommendation(row, values, self.today())

    def remove_recommendation(self, recommendation_id: str) -> None:
        with self._session() as session:
            row = live(session, Recommendation, recommendation_id)
            if row is None:
                raise NotFoundError(_("The recommendation was not found."))
            if row.visit_id is not None:
                require_writable(visit_in(session, row.visit_id))
            tombstone(row)

    # --- attachments ----------------------------------------------------------------------

    def attach(
        self,
        visit_id: str,
        source: Path,
        *,
        item_key: str | None = None,
        lesson_id: str | None = None,
        caption: str = "",
    ) -> AttachmentRecord:
        """Copy a file into the store under its SHA-256 (stored once whatever the owners) and
        attach it to the visit, to one of its items, or to a lesson."""
        source = Path(source)
        caption = text_fields({"caption": caption}, {"caption"}, "attachment")["caption"]
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            return attach_in(
                session,
                visit,
                source,
                self._attachments_dir,
                item_key=item_key,
                lesson_id=lesson_id,
                caption=caption,
            )

    def set_caption(self, attachment_id: str, caption: str) -> None:
        caption = text_fields({"caption": caption}, {"caption"}, "attachment")["caption"]
        with self._session() as session:
            assign(writable_attachment(session, attachment_id), {"caption": caption})

    def remove_attachment(self, attachment_id: str) -> None:
        """Tombstone the attachment row; the file stays (other records or backups may use it)."""
        with self._session() as session:
            tombstone(writable_attachment(session, attachment_id))

    def attachment_path(self, sha256: str) -> Path:
        """Where the original of a stored file lives."""
        return visit_files.stored_path(self._attachments_dir, sha256)

    # --- completing -----------------------------------------------------------------------

    def missing_required(self, visit_id: str) -> list[MissingItem]:
        """What a completion still needs: the visit's required fields (purpose, participants,
        findings) and the required answers of its checklist and lessons (empty: it may be
        completed)."""
        with self._session() as session:
            return visit_checks.missing_items(session, visit_in(session, visit_id), self.today())

    def complete(self, visit_id: str) -> Changes:
        """Mark completed (``completed_at`` now, ``actual_date`` today if empty);
        ``IncompleteVisitError`` carrying :meth:`missing_required`'s list when anything is
        missing. Returns what changed: the visit, and its school's visit dates."""
        with self._session() as session:
            visit = writable_visit(session, visit_id)
            complete_visit(session, visit, self.today())
            # The documents checklist (экспертиза) becomes the reviews of the documents (#21).
            from curator_desktop.services.documents.checklist import take_checklist

            if take_checklist(session, visit.id):
                return frozenset({Change.VISITS, Change.SCHOOLS, Change.DOCUMENTS})
        return frozenset({Change.VISITS, Change.SCHOOLS})

    def reopen(self, visit_id: str, reason: str = "") -> Changes:
        """Back to «in progress»; the reopening and its reason are written to the history."""
        reason = text_fields({"reason": reason}, {"reason"}, "reopen")["reason"].strip()
        with self._session() as session:
            reopen_visit(session, visit_in(session, visit_id), reason)
        return frozenset({Change.VISITS})

    def compare_with_previous(self, visit_id: str) -> Comparison:
        """Items whose answers changed since the school's previous visit with the same checklist."""
        with self._session() as session:
            return visit_checks.compare(session, visit_in(session, visit_id))
