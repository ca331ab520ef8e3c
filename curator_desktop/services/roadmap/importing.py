"""Importing a roadmap file: a preview first, then one transaction after a backup.

A file whose content was imported already changes nothing. A document with the same issuer and
year as one in the store (or a very similar title) is taken as its *new edition*: items are
matched (:mod:`domain.roadmap_editions`), changed ones updated in place — keeping done status,
links and the curator's correction of their relation — new ones added, dropped ones removed (with
their links); the preview lists each change. Every item the curator has not corrected is judged
again (:func:`domain.roadmap.relation.judge`), so a new edition, or new rules, judge it anew.
Otherwise the document is added as a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlmodel import Session

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.roadmap.deadlines import item_deadline
from curator_desktop.domain.roadmap.document import Deadline, ParsedRoadmap
from curator_desktop.domain.roadmap.document import RoadmapItem as Item
from curator_desktop.domain.roadmap.editions import ChangeKind, ItemChange, match_editions
from curator_desktop.domain.roadmap.records import deadline_columns
from curator_desktop.domain.roadmap.relation import MINE, Judgement, judge
from curator_desktop.domain.text import normalize_search
from curator_desktop.durable import file_sha256
from curator_desktop.store.database import Database
from curator_desktop.store.repositories import roadmaps as repo
from curator_desktop.store.tables import RoadmapDocument, RoadmapItem

TITLE_SIMILARITY = 0.8


@dataclass(frozen=True)
class RoadmapPreview:
    """What importing ``path`` would do."""

    path: Path
    sha256: str
    roadmap: ParsedRoadmap
    deadlines: tuple[Deadline, ...]  # one per item, in order
    existing_id: str | None = None  # the document this is a new edition of
    existing_title: str = ""
    existing_edition: int = 0
    old_items: tuple[Item, ...] = ()
    changes: tuple[ItemChange, ...] = ()
    already_imported: bool = False

    @property
    def parsed_count(self) -> int:
        return sum(1 for d in self.deadlines if d.parsed)

    @cached_property
    def judgements(self) -> tuple[Judgement, ...]:
        """The curator's relation to each item, in order, as the rules judge it."""
        return tuple(judge(item) for item in self.roadmap.items)

    @property
    def curator_count(self) -> int:
        """How many items are the curator's own («Mine»: ведёт and посещает)."""
        return sum(1 for judgement in self.judgements if judgement.relation in MINE)

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


@dataclass(frozen=True)
class RoadmapImportResult:
    document_id: str
    edition: int
    added: int
    changed: int
    removed: int
    unchanged: int
    backup: Path | None

    @property
    def changes(self) -> Changes:
        """The roadmaps (and the plan), and the backup taken first."""
        backup = {Change.BACKUPS} if self.backup is not None else set()
        return frozenset({Change.ROADMAPS} | backup)


def item_of(row: RoadmapItem) -> Item:
    """The domain item a stored row holds."""
    return Item(
        number=row.number,
        section=row.section,
        title=row.title,
        description=row.description,
        deadline_text=row.deadline_text,
        responsible=row.responsible,
        indicator=row.indicator,
        control=row.control,
    )


def _same_document(doc: RoadmapDocument, parsed: ParsedRoadmap) -> bool:
    new = parsed.document
    if doc.issuer and new.issuer and doc.year and new.year:
        return normalize_search(doc.issuer) == normalize_search(new.issuer) and doc.year == new.year
    from difflib import SequenceMatcher

    ratio = SequenceMatcher(None, normalize_search(doc.title), normalize_search(new.title)).ratio()
    return ratio >= TITLE_SIMILARITY


def preview_roadmap(db: Database | None, path: Path, roadmap: ParsedRoadmap) -> RoadmapPreview:
    """Compare the parsed ``roadmap`` (read from ``path``) with the store (none: all new)."""
    sha = file_sha256(path)
    year = roadmap.document.year
    deadlines = tuple(item_deadline(i, year=year) for i in roadmap.items)
    base = RoadmapPreview(Path(path), sha, roadmap, deadlines)
    if db is None:
        return base
    with db.session() as session:
        docs = repo.documents(session)
        if any(doc.source_sha256 == sha for doc in docs):
            return RoadmapPreview(Path(path), sha, roadmap, deadlines, already_imported=True)
        existing = next((doc for doc in docs if _same_document(doc, roadmap)), None)
        if existing is None:
            return base
        old = tuple(item_of(row) for row in repo.items(session, existing.id))
    return RoadmapPreview(
        Path(path),
        sha,
        roadmap,
        deadlines,
        existing_id=existing.id,
        existing_title=existing.title,
        existing_edition=existing.edition,
        old_items=old,
        changes=tuple(match_editions(old, roadmap.items)),
    )


def apply_roadmap(
    db: Database, preview: RoadmapPreview, *, backup_dir: Path | None, as_new: bool = False
) -> RoadmapImportResult:
    """Write the previewed import (``as_new``: a separate document even when it looks like a
    new edition). Takes a backup first when ``backup_dir`` is given."""
    backup = None
    if backup_dir is not None and db.path.exists():
        from curator_desktop.store.backups import take_backup

        backup = take_backup(db.path, backup_dir, reason="pre-import")
    parsed = preview.roadmap
    with db.session() as session:
        if preview.existing_id is None or as_new:
            document = RoadmapDocument()
            changes = [ItemChange(ChangeKind.ADDED, None, j) for j in range(len(parsed.items))]
            rows: list[RoadmapItem] = []
        else:
            document = session.get(RoadmapDocument, preview.existing_id)
            document.edition += 1
            changes = list(preview.changes)
            rows = repo.items(session, document.id)
        _fill_document(document, preview)
        session.add(document)
        session.flush()
        for change in changes:
            _apply_change(session, document.id, change, preview, rows)
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in ChangeKind}
    return RoadmapImportResult(
        document.id,
        document.edition,
        counts[ChangeKind.ADDED],
        counts[ChangeKind.CHANGED],
        counts[ChangeKind.REMOVED],
        counts[ChangeKind.SAME],
        backup,
    )


def _fill_document(document: RoadmapDocument, preview: RoadmapPreview) -> None:
    source = preview.roadmap.document
    document.title = source.title
    document.issuer = source.issuer
    document.order_number = source.order_number
    document.order_date = source.order_date
    document.year = source.year
    document.legend = dict(source.legend)
    document.source_file_name = preview.path.name
    document.source_sha256 = preview.sha256


def _apply_change(
    session: Session,
    document_id: str,
    change: ItemChange,
    preview: RoadmapPreview,
    rows: list[RoadmapItem],
) -> None:
    if change.kind == ChangeKind.REMOVED:
        row = rows[change.old_index]  # type: ignore[index]
        row.deleted = True
        session.add(row)
        for link in repo.item_links(session, row.id):
            link.deleted = True
            session.add(link)
        return
    item = preview.roadmap.items[change.new_index]  # type: ignore[index]
    deadline = preview.deadlines[change.new_index]  # type: ignore[index]
    if change.kind == ChangeKind.ADDED:
        row = RoadmapItem(document_id=document_id)
    else:
        row = rows[change.old_index]  # type: ignore[index]
    if not row.relation_set_by_user:
        row.relation = judge(item).relation.value
    row.number, row.section, row.title = item.number, item.section, item.title
    row.description, row.responsible = item.description, item.responsible
    row.indicator, row.control = item.indicator, item.control
    row.sort_order = change.new_index or 0
    for name, value in deadline_columns(deadline).items():
        setattr(row, name, value)
    session.add(row)
