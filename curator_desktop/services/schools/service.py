"""Creating, editing, archiving and restoring schools: the only way the card writes a school.

Every write is validated first (:func:`~curator_desktop.domain.schools.rules.validate_school` plus
a unique ИНН) and nothing is written when anything is wrong; the tracked session stamps
revisions and logs each changed field. The coordinator's list of schools is imported here too
(:mod:`curator_desktop.services.schools.list_import`: a preview, then one transaction).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from sqlmodel import Session, col, select

from curator_desktop.domain import identity
from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.schools.rules import (
    FieldErrors,
    SchoolFields,
    normalize_levels,
    validate_school,
)
from curator_desktop.i18n import _
from curator_desktop.services.profile.assignments import assign_owner
from curator_desktop.store.database import Database
from curator_desktop.store.rows import free_id
from curator_desktop.store.tables import School
from curator_desktop.store.types import utc_now

if TYPE_CHECKING:
    from curator_desktop.services.schools.list_import import (
        ColumnMapping,
        ImportDiff,
        ImportResult,
        Preview,
    )
    from curator_desktop.services.schools.list_import.reading import SourceRow
    from curator_desktop.services.schools.twins import Choose, TwinGroup, TwinRepair

log = logging.getLogger(__name__)


class SchoolService:
    """Reads one school and writes schools, enforcing the school rules; imports the
    coordinator's list (``backup_dir``: where the backup before an import goes)."""

    WRITES: ClassVar[Changes] = frozenset({Change.SCHOOLS})
    """What a school's create, update, archive or restore changes."""

    def __init__(
        self,
        database: Database,
        *,
        backup_dir: Path | None = None,
        store_file: Path | None = None,
    ) -> None:
        self._db = database
        self.backup_dir = backup_dir
        self.store_file = Path(store_file) if store_file is not None else database.path

    @property
    def database(self) -> Database:
        return self._db

    def get(self, school_id: str) -> School:
        """The stored school (archived ones too); ``NotFoundError`` when there is none."""
        with self._db.session() as session:
            return self._load(session, school_id)

    def create(self, fields: SchoolFields) -> School:
        """Store a new school (its id derived from its ИНН when it has a valid one, so every
        store gives it the same); ``FieldErrors`` (nothing written) when a field is invalid."""
        fields = self._checked(fields)
        with self._db.session() as session:
            self._refuse_duplicate(session, fields.inn, exclude_id=None)
            school_id = free_id(session, School, identity.school_id(fields.inn))
            school = School(id=school_id, **fields.as_columns())
            session.add(school)
            session.flush()
            assign_owner(session, [school.id], dt.date.today())
        log.info("School %s created", school.id)
        return school

    def update(self, school_id: str, fields: SchoolFields) -> School:
        """Store the edited fields of a school; only the fields that changed are written."""
        fields = self._checked(fields)
        with self._db.session() as session:
            school = self._load(session, school_id)
            self._refuse_duplicate(session, fields.inn, exclude_id=school_id)
            for name, value in fields.as_columns().items():
                current = getattr(school, name)
                if name == "levels" and normalize_levels(current or ()) == tuple(value):
                    continue  # the same levels written another way (НОО or noo): keep as stored
                if current != value:
                    setattr(school, name, value)
        log.info("School %s updated", school_id)
        return school

    def archive(self, school_id: str) -> School:
        """Move a school to the archive (hidden from the list, never deleted)."""
        with self._db.session() as session:
            school = self._load(session, school_id)
            if school.archived_at is None:
                school.archived_at = utc_now()
        log.info("School %s archived", school_id)
        return school

    def restore(self, school_id: str) -> School:
        """Bring an archived school back to the list."""
        with self._db.session() as session:
            school = self._load(session, school_id)
            school.archived_at = None
        log.info("School %s restored from the archive", school_id)
        return school

    def duplicate_inn(self, inn: str, exclude_id: str | None = None) -> School | None:
        """Another stored school (archived ones included) with the ИНН ``inn``, if any."""
        with self._db.session() as session:
            return self._find_duplicate(session, inn, exclude_id)

    # -- schools held twice -----------------------------------------------------------------

    def twins(self) -> list[TwinGroup]:
        """Every valid ИНН held by several live schools (nothing is changed)."""
        from curator_desktop.services.schools.twins import find_twins

        return find_twins(self._db)

    def twin_count(self) -> int:
        """How many ИНН are held by several live schools (a quick count for a banner)."""
        from curator_desktop.services.schools.twins import count_twins

        return count_twins(self._db)

    def merge_twins(self, choose: Choose | None = None) -> TwinRepair:
        """Merge every school held twice into one record, after a backup (see
        :func:`curator_desktop.services.schools.twins.merge_twins`)."""
        from curator_desktop.services.schools.twins import merge_twins

        if self.backup_dir is None:
            raise RuntimeError("merging twins needs the backup folder")
        return merge_twins(self._db, self.backup_dir, choose=choose)

    # -- the coordinator's list of schools ---------------------------------------------------

    def preview_list(self, path: Path, mapping: ColumnMapping | None = None) -> Preview:
        """Read the list in ``path`` and sort it against the store (nothing is written);
        ``mapping`` is detected from the header when None."""
        from curator_desktop.services.schools.list_import import preview_file

        return preview_file(Path(path), self._db, mapping)

    def diff_list(self, rows: Sequence[SourceRow], mapping: ColumnMapping) -> ImportDiff:
        """Sort ``rows`` again with another ``mapping`` (nothing is written)."""
        from curator_desktop.services.schools.list_import import build_import_diff

        return build_import_diff(rows, mapping, self._db)

    def import_list(self, diff: ImportDiff) -> ImportResult:
        """Write a previewed list: a backup first, then every add and update in one
        transaction; the result's ``changes`` say what was written."""
        from curator_desktop.services.schools.list_import import apply_import_diff

        if self.backup_dir is None:
            raise RuntimeError("importing a list needs the backup folder")
        return apply_import_diff(
            diff, database=self._db, store_file=self.store_file, backup_dir=self.backup_dir
        )

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _checked(fields: SchoolFields) -> SchoolFields:
        errors = validate_school(fields)
        if errors:
            raise FieldErrors(errors)
        return fields.stripped()

    @staticmethod
    def _load(session: Session, school_id: str) -> School:
        school = session.get(School, school_id)
        if school is None or school.deleted:
            raise NotFoundError(_("The school was not found: it may have been deleted."))
        return school

    @staticmethod
    def _find_duplicate(session: Session, inn: str, exclude_id: str | None) -> School | None:
        inn = inn.strip()
        if not inn:
            return None
        query = select(School).where(col(School.inn) == inn).where(col(School.deleted).is_(False))
        if exclude_id is not None:
            query = query.where(col(School.id) != exclude_id)
        return session.exec(query).first()

    def _refuse_duplicate(self, session: Session, inn: str, *, exclude_id: str | None) -> None:
        other = self._find_duplicate(session, inn, exclude_id)
        if other is None:
            return
        name = other.short_name or other.full_name
        if other.archived_at is not None:
            message = _(
                "A school with this INN is already in the archive: «{name}». "
                "Restore it instead of adding it again."
            )
        else:
            message = _("A school with this INN is already in the store: «{name}».")
        raise FieldErrors({"inn": message.format(name=name)})
