"""Checklist templates in the store: the installed versions, and importing a coordinator's file.

The file is read and checked completely (its size, nesting and numbers bounded before it is
parsed, then JSON Schema, the rules across items, risk-factor codes against the catalog in force,
integers a store can hold) before anything is written; errors name the file, the line and the
field. A template is never edited in place: each key + version is one row.

- a new key, or a new version of a known key → a new row (source «imported»), after a
  «pre-import» backup;
- the same key + version with the same content → «already installed», nothing is written;
- the same key + version with other content → refused: the coordinator has to raise the version;
- a version lower than one already installed is installed too (a coordinator may send the
  template of an earlier cycle), but the result says it is not the newest: new visits keep
  getting the highest version of a key, and visits already filled keep their own snapshot.

The row's id is derived from the key and version
(:mod:`curator_desktop.domain.catalogs.builtin_ids`), the same as a built-in template of that key
and version gets in any store, so two stores that installed the same file exchange packages without
a second copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.domain.catalogs.validation import parse_checklist_template
from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_locator import line_of
from curator_desktop.domain.json_parsing import file_name
from curator_desktop.i18n import N_, _, current_language, ngettext
from curator_desktop.services.catalogs.builtin import (
    backup_before_import,
    check_numbers,
    current_catalog_in,
    read_json_text,
)
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign, record_from
from curator_desktop.store.tables import ChecklistTemplate, RiskFactor

log = logging.getLogger(__name__)

SOURCE = "imported"
ADDED = "added"
UNCHANGED = "already_installed"
_SOURCES = {
    "builtin": N_("built in"),
    "imported": N_("imported"),
    "coordinator": N_("from the coordinator"),
}


def source_label(source: str) -> str:
    """Where a template came from, for people."""
    return _(_SOURCES[source]) if source in _SOURCES else source


@dataclass(frozen=True)
class TemplateSummary:
    """One installed template version, for lists."""

    id: str
    template_key: str
    version: int
    title_ru: str
    title_en: str
    purpose: str
    source: str
    item_count: int
    newest: bool
    """The highest version of its key: the one new visits get."""

    @property
    def title(self) -> str:
        return self.title_ru if current_language() == "ru" else self.title_en

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.template_key,
            "version": self.version,
            "title": {"ru": self.title_ru, "en": self.title_en},
            "purpose": self.purpose,
            "source": self.source,
            "items": self.item_count,
            "newest": self.newest,
        }


@dataclass(frozen=True)
class TemplateImportResult:
    """What importing one template file did (or, with ``dry_run``, would do)."""

    template_key: str
    version: int
    title_ru: str
    title_en: str
    item_count: int
    status: str
    """``added`` or ``already_installed``."""
    dry_run: bool
    newest_version: int
    """The highest version of the key in the store after the import."""
    template_id: str | None
    """The row added or found (None for a dry run that would add one)."""
    backup: Path | None = None
    """The «pre-import» backup taken before the row was written, if any."""

    @property
    def is_newest(self) -> bool:
        return self.version >= self.newest_version

    @property
    def changes(self) -> Changes:
        """The catalogs when a template was added, and the backup taken first."""
        backup = {Change.BACKUPS} if self.backup is not None else set()
        added = {Change.CATALOGS} if self.status == ADDED and not self.dry_run else set()
        return frozenset(added | backup)

    @property
    def title(self) -> str:
        return self.title_ru if current_language() == "ru" else self.title_en

    def message(self) -> str:
        """One or two sentences for the user (the CLI prints it, the GUI shows it)."""
        values = {"title": self.title, "version": self.version, "count": self.item_count}
        if self.status == UNCHANGED:
            return _(
                "Checklist template “{title}” version {version} is already installed; "
                "nothing changed."
            ).format(**values)
        if self.dry_run:
            text = ngettext(
                "Checklist template “{title}” version {version} can be installed: {count} item.",
                "Checklist template “{title}” version {version} can be installed: {count} items.",
                self.item_count,
            )
        else:
            text = ngettext(
                "Checklist template “{title}” version {version} installed: {count} item.",
                "Checklist template “{title}” version {version} installed: {count} items.",
                self.item_count,
            )
        text = text.format(**values)
        if not self.is_newest:
            text += " " + _("Version {newest} is newer and stays in use for new visits.").format(
                newest=self.newest_version
            )
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.template_key,
            "version": self.version,
            "title": {"ru": self.title_ru, "en": self.title_en},
            "items": self.item_count,
            "status": self.status,
            "dry_run": self.dry_run,
            "newest_version": self.newest_version,
            "is_newest": self.is_newest,
            "template_id": self.template_id,
            "message": self.message(),
        }


def installed_templates(db: Database) -> list[TemplateSummary]:
    """Every template version in the store, by title then newest version first."""
    with db.session() as session:
        rows = list(session.exec(_live()))
    newest: dict[str, int] = {}
    for row in rows:
        newest[row.template_key] = max(newest.get(row.template_key, 0), row.version)
    summaries = [
        record_from(
            TemplateSummary,
            row,
            item_count=sum(1 for _item in iter_items(row.content or {})),
            newest=row.version == newest[row.template_key],
        )
        for row in rows
    ]
    return sorted(summaries, key=lambda s: (s.title.casefold(), s.template_key, -s.version))


def import_template(
    db: Database, path: Path | str, *, dry_run: bool = False, backup_dir: Path | None = None
) -> TemplateImportResult:
    """Install the checklist template in ``path``; see the module docstring for the rules.

    With ``backup_dir`` a «pre-import» backup is taken once the file has passed every check and
    before the row is written; a dry run and an «already installed» file write nothing.
    """
    path = Path(path)
    with db.session() as session:
        codes = _factor_codes(session)
    text = read_json_text(path)
    content = parse_checklist_template(text, source=path, factor_codes=codes)
    check_numbers(content, source=path, text=text)
    key, version = content["id"], content["version"]
    with db.session() as session:
        existing = _same_version(session, content, path, text)
        newest = max([*_versions(session, key), version])
    if existing is not None:
        return _result(content, UNCHANGED, existing, dry_run=dry_run, newest=newest)
    if dry_run:
        return _result(content, ADDED, None, dry_run=True, newest=newest)
    backup = backup_before_import(db, backup_dir)
    with db.session() as session:
        existing = _same_version(session, content, path, text)
        if existing is not None:  # installed meanwhile by another copy of the program
            return _result(
                content, UNCHANGED, existing, dry_run=False, newest=newest, backup=backup
            )
        row_id = _write(session, content)
    log.info("Checklist template %s version %s imported from %s", key, version, path.name)
    return _result(content, ADDED, row_id, dry_run=False, newest=newest, backup=backup)


def _write(session: Session, content: dict[str, Any]) -> str:
    """Add the template under its derived id and return the id; a deleted row of the same key
    and version (the only row that can hold the id) is written over and restored instead."""
    key, version = content["id"], content["version"]
    values = {
        "template_key": key,
        "version": version,
        "title_ru": content["title"]["ru"],
        "title_en": content["title"]["en"],
        "purpose": content["purpose"],
        "content": content,
        "source": SOURCE,
    }
    ident = builtin_ids.template_id(key, version)
    row = session.get(ChecklistTemplate, ident)
    if row is None:
        session.add(ChecklistTemplate(id=ident, **values))
    else:
        assign(row, {**values, "deleted": False, "deleted_at": None})
    return ident


def _live() -> Any:
    return select(ChecklistTemplate).where(col(ChecklistTemplate.deleted).is_(False))


def _versions(session: Session, key: str) -> list[int]:
    rows = session.exec(_live().where(col(ChecklistTemplate.template_key) == key))
    return [row.version for row in rows]


def _factor_codes(session: Session) -> set[str] | None:
    """Codes of the catalog in force (None when no catalog is installed: links go unchecked)."""
    catalog = current_catalog_in(session)
    if catalog is None:
        return None
    rows = session.exec(
        select(RiskFactor)
        .where(col(RiskFactor.catalog_id) == catalog.id)
        .where(col(RiskFactor.deleted).is_(False))
    )
    return {row.code for row in rows}


def _same_version(session: Session, content: dict[str, Any], path: Path, text: str) -> str | None:
    """The id of the row holding this key + version with the same content, else None.

    The same key + version with other content is refused.
    """
    row = session.exec(
        _live()
        .where(col(ChecklistTemplate.template_key) == content["id"])
        .where(col(ChecklistTemplate.version) == content["version"])
    ).first()
    if row is None:
        return None
    if row.content == content:
        return row.id
    problem = _(
        "version {version} of “{id}” is already installed with different content; "
        "raise the version."
    ).format(version=content["version"], id=content["id"])
    line = line_of(text, ("version",))
    raise ValidationError(
        _("{file}, line {line}, {field}: {problem}").format(
            file=file_name(path), line=line or 1, field="version", problem=problem
        ),
        field="version",
    )


def _result(
    content: dict[str, Any],
    status: str,
    template_id: str | None,
    *,
    dry_run: bool,
    newest: int,
    backup: Path | None = None,
) -> TemplateImportResult:
    return TemplateImportResult(
        template_key=content["id"],
        version=content["version"],
        title_ru=content["title"]["ru"],
        title_en=content["title"]["en"],
        item_count=sum(1 for _item in iter_items(content)),
        status=status,
        dry_run=dry_run,
        newest_version=newest,
        template_id=template_id,
        backup=backup,
    )
