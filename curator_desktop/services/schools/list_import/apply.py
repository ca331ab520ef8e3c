"""Writing an import diff: a backup first, then every add and update in one transaction."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.domain import identity
from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _
from curator_desktop.services.schools.list_import.diff import ImportDiff

if TYPE_CHECKING:
    from curator_desktop.store.database import Database

log = logging.getLogger(__name__)


class StaleDiffError(CuratorError):
    """A school of the diff was changed or deleted after the preview was made."""


@dataclass(frozen=True)
class ImportResult:
    """What was written."""

    added: int
    updated: int
    unchanged: int
    errors: int
    backup: Path | None
    added_ids: tuple[str, ...] = ()

    @property
    def written(self) -> int:
        return self.added + self.updated

    @property
    def changes(self) -> Changes:
        """The schools when any was written, and the backup taken first."""
        written = {Change.SCHOOLS} if self.written else set()
        return frozenset(written | ({Change.BACKUPS} if self.backup is not None else set()))


def apply_import_diff(
    diff: ImportDiff,
    *,
    database: Database,
    store_file: Path,
    backup_dir: Path,
) -> ImportResult:
    """Back up the store (reason ``pre-import``), then write the diff all or nothing.

    A new school's id is derived from its ИНН when it has a valid one (the same in every store
    that imports the same list). Error rows are never written. A school updated or deleted
    since the preview aborts the whole import (:class:`StaleDiffError`) and nothing is written;
    the backup stays.
    """
    from curator_desktop.services.profile.assignments import assign, assign_owner
    from curator_desktop.store.backups import take_backup
    from curator_desktop.store.rows import free_id
    from curator_desktop.store.tables import School

    counts = diff.counts()
    if not diff.has_changes:
        return ImportResult(0, 0, counts["unchanged"], counts["errors"], None)
    backup = take_backup(store_file, backup_dir, reason="pre-import")
    added_ids: list[str] = []
    today = dt.date.today()
    with database.session() as session:
        unnamed: list[str] = []
        for planned in diff.to_add:
            columns = planned.fields.as_columns()
            school_id = free_id(session, School, identity.school_id(columns.get("inn")))
            school = School(id=school_id, **columns)
            session.add(school)
            added_ids.append(school.id)
            if planned.curator:
                session.flush()
                assign(session, school.id, planned.curator, today)
            else:
                unnamed.append(school.id)
        for update in diff.to_update:
            school = session.get(School, update.school_id)
            if school is None or school.deleted or school.revision != update.revision:
                raise StaleDiffError(
                    _(
                        "The school «{name}» was changed while the import was being prepared: "
                        "nothing was imported. Open the file again to see a fresh preview."
                    ).format(name=update.name)
                )
            columns = update.fields.as_columns()
            for change in update.changes:
                if change.field in columns:
                    setattr(school, change.field, columns[change.field])
            session.add(school)
            if update.curator:
                assign(session, school.id, update.curator, today)
        session.flush()
        assign_owner(session, unnamed, today)
    log.info("Imported schools: %d added, %d updated", len(diff.to_add), len(diff.to_update))
    return ImportResult(
        added=len(diff.to_add),
        updated=len(diff.to_update),
        unchanged=counts["unchanged"],
        errors=counts["errors"],
        backup=backup,
        added_ids=tuple(added_ids),
    )
