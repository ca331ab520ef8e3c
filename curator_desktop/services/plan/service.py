"""The curator's plan over the store: roadmap import, the plan's entries, marks, links.

Decisions: items added by hand belong to no document and the curator leads them; the curator's
correction of an item's relation (ведёт / участвует / посещает / none) is remembered (a new
edition of the roadmap does not undo it); the plan shows «Mine» (ведёт + посещает) unless asked
for other relations (:mod:`.relations`); «done» is the
curator's mark or, for an item with links, every linked visit, verification or report being
fulfilled (see :mod:`domain.roadmap_plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.plan.links import link_target_problem
from curator_desktop.domain.plan.schedule import PlanBucket, Standing, deadline_of, standing
from curator_desktop.domain.roadmap.deadlines import parse_deadline
from curator_desktop.domain.roadmap.document import Deadline
from curator_desktop.domain.roadmap.records import deadline_columns
from curator_desktop.domain.roadmap.relation import MINE, Relation
from curator_desktop.i18n import _
from curator_desktop.services.plan.relations import relation_of, relation_reason
from curator_desktop.services.roadmap.importing import (
    RoadmapImportResult,
    RoadmapPreview,
    apply_roadmap,
    item_of,
    preview_roadmap,
)
from curator_desktop.store.database import Database
from curator_desktop.store.repositories import roadmaps as repo
from curator_desktop.store.tables import RoadmapItem, RoadmapLink

PLAN_CHANGES: Changes = frozenset({Change.ROADMAPS})
"""What every edit of the plan changes (marks, items added or deleted, links)."""


@dataclass(frozen=True)
class PlanEntry:
    """One roadmap item as the plan shows it."""

    item_id: str
    document_id: str | None
    document_title: str
    number: str
    section: str
    title: str
    description: str
    responsible: str
    indicator: str
    control: str
    deadline: Deadline
    relation: Relation
    marked_done: bool
    done_on: dt.date | None
    standing: Standing
    links: tuple[repo.LinkRow, ...] = ()
    legend: dict[str, str] = field(default_factory=dict)
    relation_reason: str = ""  # why it has its relation, in the user's language
    relation_set_by_user: bool = False

    @property
    def manual(self) -> bool:
        return self.document_id is None


@dataclass(frozen=True)
class Plan:
    """The plan on one day: every entry, in due order."""

    today: dt.date
    entries: tuple[PlanEntry, ...]

    def bucket(self, bucket: PlanBucket) -> list[PlanEntry]:
        return [e for e in self.entries if e.standing.bucket == bucket]


class PlanService:
    """Roadmaps and the curator's plan in one store."""

    WRITES: ClassVar[Changes] = PLAN_CHANGES
    """What every edit of the plan changes (the import's result says what it changed)."""

    def __init__(self, database: Database, *, backup_dir: Path | None = None) -> None:
        self.database = database
        self.backup_dir = backup_dir

    # --- import ------------------------------------------------------------------------------

    def preview(self, path: Path) -> RoadmapPreview:
        """Read and parse ``path`` and compare it with the store (raises ValidationError)."""
        from curator_desktop.services.roadmap.reader import read_roadmap

        return preview_roadmap(self.database, Path(path), read_roadmap(Path(path)))

    def import_(self, preview: RoadmapPreview, *, as_new: bool = False) -> RoadmapImportResult:
        if preview.already_imported:
            raise ValidationError(_("This roadmap file has been imported already."))
        return apply_roadmap(self.database, preview, backup_dir=self.backup_dir, as_new=as_new)

    def documents(self) -> list[tuple[str, str, int | None]]:
        """(id, title, year) of every roadmap document."""
        with self.database.session() as session:
            return [(d.id, d.title, d.year) for d in repo.documents(session)]

    # --- the plan ------------------------------------------------------------------------------

    def plan(
        self,
        today: dt.date,
        *,
        relations: frozenset[Relation] | None = MINE,
        document_id: str | None = None,
    ) -> Plan:
        """Every live item with one of ``relations`` (None: every item; by default «Mine»:
        ведёт + посещает), with where it stands on ``today``."""
        with self.database.session() as session:
            docs = {d.id: d for d in repo.documents(session)}
            rows = [
                r
                for r in repo.items(session, document_id)
                if (relations is None or relation_of(r.relation) in relations)
                and (r.document_id is None or r.document_id in docs)
            ]
            links: dict[str, list[repo.LinkRow]] = {}
            for link in repo.links(session, [r.id for r in rows]):
                links.setdefault(link.item_id, []).append(link)
            entries = [
                _entry(r, docs.get(r.document_id or ""), links.get(r.id, []), today) for r in rows
            ]
        entries.sort(key=lambda e: (e.standing.due or dt.date.max, e.document_title, e.number))
        return Plan(today, tuple(entries))

    def entries(
        self,
        today: dt.date,
        *,
        relations: frozenset[Relation] | None = MINE,
        document_id: str | None = None,
    ) -> tuple[PlanEntry, ...]:
        """:meth:`plan`'s entries: in due order, with where each stands on ``today``."""
        return self.plan(today, relations=relations, document_id=document_id).entries

    # --- the curator's edits -------------------------------------------------------------------

    def set_relation(self, item_id: str, relation: Relation | str) -> Changes:
        """The curator's correction of the item's relation (kept across new editions)."""
        try:
            value = Relation(relation)
        except ValueError:
            raise ValidationError(_("Unknown relation to the item."), field="relation") from None
        with self.database.session() as session:
            row = _live_item(session, item_id)
            row.relation = value.value
            row.relation_set_by_user = True
            session.add(row)
        return PLAN_CHANGES

    def set_done(self, item_id: str, done: bool, day: dt.date | None = None) -> Changes:
        with self.database.session() as session:
            row = _live_item(session, item_id)
            row.status = "done" if done else "planned"
            row.done_on = (day or dt.date.today()) if done else None
            session.add(row)
        return PLAN_CHANGES

    def add_item(
        self,
        title: str,
        deadline_text: str,
        *,
        year: int | None = None,
        responsible: str = "",
        description: str = "",
    ) -> str:
        """An item of the curator's own (no document); returns its id. It changes
        :data:`PLAN_CHANGES`."""
        title = title.strip()
        if not title:
            raise ValidationError(_("Enter what has to be done."), field="title")
        deadline = parse_deadline(deadline_text.strip(), year=year or dt.date.today().year)
        row = RoadmapItem(
            title=title,
            responsible=responsible.strip(),
            description=description.strip(),
            relation=Relation.LEAD.value,
            relation_set_by_user=True,
            **deadline_columns(deadline),
        )
        with self.database.session() as session:
            session.add(row)
        return row.id

    def delete_item(self, item_id: str) -> Changes:
        """Remove an item added by hand (a roadmap's own items go with a new edition)."""
        with self.database.session() as session:
            row = _live_item(session, item_id)
            if row.document_id is not None:
                raise ValidationError(_("Only items added by hand can be deleted."))
            row.deleted = True
            session.add(row)
            for link in repo.item_links(session, item_id):
                link.deleted = True
                session.add(link)
        return PLAN_CHANGES

    # --- links ---------------------------------------------------------------------------------

    def candidates(self, target_type: str) -> list[repo.Target]:
        with self.database.session() as session:
            return repo.candidates(session, target_type)

    def link(self, item_id: str, target_type: str, target_id: str) -> str:
        """Link an item to a visit, a verification or a report (once); returns the link's id.
        It changes :data:`PLAN_CHANGES`."""
        problem = link_target_problem(target_type)
        if problem:
            raise ValidationError(problem)
        with self.database.session() as session:
            _live_item(session, item_id)
            for existing in repo.item_links(session, item_id):
                if (existing.target_type, existing.target_id) == (target_type, target_id):
                    return existing.id
            row = RoadmapLink(item_id=item_id, target_type=target_type, target_id=target_id)
            session.add(row)
        return row.id

    def unlink(self, link_id: str) -> Changes:
        with self.database.session() as session:
            row = session.get(RoadmapLink, link_id)
            if row is not None and not row.deleted:
                row.deleted = True
                session.add(row)
        return PLAN_CHANGES


def _live_item(session: object, item_id: str) -> RoadmapItem:
    row = session.get(RoadmapItem, item_id)  # type: ignore[attr-defined]
    if row is None or row.deleted:
        raise ValidationError(_("This plan item no longer exists."))
    return row


def _entry(
    row: RoadmapItem, document: object, links: Sequence[repo.LinkRow], today: dt.date
) -> PlanEntry:
    deadline = deadline_of(
        row.deadline_kind, row.deadline_ranges, row.deadline_text, row.recurrence
    )
    fulfilled = [link.target is not None and link.target.fulfilled for link in links]
    relation = relation_of(row.relation)
    return PlanEntry(
        item_id=row.id,
        document_id=row.document_id,
        document_title=getattr(document, "title", ""),
        number=row.number,
        section=row.section,
        title=row.title,
        description=row.description,
        responsible=row.responsible,
        indicator=row.indicator,
        control=row.control,
        deadline=deadline,
        relation=relation,
        marked_done=row.status == "done",
        done_on=row.done_on,
        standing=standing(
            deadline, today, marked_done=row.status == "done", links_fulfilled=fulfilled
        ),
        links=tuple(links),
        legend=dict(getattr(document, "legend", {}) or {}),
        relation_reason=relation_reason(
            relation,
            set_by_user=row.relation_set_by_user,
            manual=row.document_id is None,
            item=item_of(row),
        ),
        relation_set_by_user=row.relation_set_by_user,
    )
