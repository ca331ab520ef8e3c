"""The self-diagnosis catalog in force: the built-in file, or a coordinator's newer version.

The built-in catalog (``resources/catalogs/selfdiag.json``) is read from the app's resources;
a coordinator's file (JSON, or an XLSX workbook: :mod:`.catalog_workbook`) is checked whole and
installed as a :class:`~curator_desktop.store.tables.SelfdiagCatalog` record whose id follows
its key and version, so it travels in packages and two stores that installed the same file
share one record. The catalog in force is the highest version among the built-in one and the
installed ones.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlmodel import Session, col, select

from curator_desktop import paths
from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.identity import derived_id
from curator_desktop.domain.json_parsing import file_name
from curator_desktop.domain.selfdiag import SelfdiagCatalog, parse_catalog
from curator_desktop.domain.selfdiag.catalog_file import catalog_to_json
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import (
    backup_before_import,
    check_numbers,
    load_json_resource,
    read_json_text,
)
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import SelfdiagCatalog as CatalogRow

log = logging.getLogger(__name__)

BUILTIN_PATH = ("catalogs", "selfdiag.json")
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class CatalogInstalled:
    """A coordinator's catalog installed: its key, version, the version in force before."""

    catalog_key: str
    version: str
    previous_version: str
    backup: Path | None = None

    @property
    def changes(self) -> Changes:
        backup = {Change.BACKUPS} if self.backup is not None else set()
        return frozenset({Change.SELFDIAG, Change.CATALOGS} | backup)


def catalog_record_id(catalog_key: str, version: str) -> str:
    """The id of version ``version`` of the self-diagnosis catalog ``catalog_key``."""
    return derived_id("selfdiag_catalog", catalog_key, version)


@cache
def _builtin(path: Path) -> SelfdiagCatalog:
    return parse_catalog(load_json_resource(path), source=path, origin="builtin")


def builtin_catalog(resources_dir: Path | None = None) -> SelfdiagCatalog:
    """The catalog shipped with the app."""
    base = resources_dir or paths.resource_dir()
    return _builtin(base.joinpath(*BUILTIN_PATH))


def read_catalog_file(path: Path | str) -> SelfdiagCatalog:
    """A coordinator's catalog file, JSON or XLSX (told apart by content), checked whole;
    :class:`ValidationError` naming the place and the field otherwise."""
    path = Path(path)
    try:
        head = path.open("rb").read(4)
    except OSError:
        head = b""  # read_json_text says why it cannot be read
    if head.startswith(b"PK\x03\x04"):
        from curator_desktop.services.selfdiag.catalog_workbook import read_catalog_workbook

        return read_catalog_workbook(path, builtin_catalog())
    text = read_json_text(path)
    from curator_desktop.domain.json_parsing import parse_json

    data = parse_json(text, source=path)
    check_numbers(data, source=path, text=text)
    return parse_catalog(data, source=path, origin=COORDINATOR)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", version))


def installed_in(session: Session) -> list[SelfdiagCatalog]:
    """The catalogs installed in the store that read well, lowest version first."""
    rows = session.exec(select(CatalogRow).where(col(CatalogRow.deleted).is_(False))).all()
    found = []
    for row in sorted(rows, key=lambda r: (_version_key(r.version), r.created_at)):
        try:
            found.append(parse_catalog(row.content, source=row.catalog_key, origin=row.source))
        except ValidationError as exc:  # a record from a newer app; keep to the others
            log.warning(
                "Self-diagnosis catalog %s %s unreadable: %s", row.catalog_key, row.version, exc
            )
    return found


def catalog_in_force_in(session: Session) -> SelfdiagCatalog:
    """The highest version among the built-in catalog and the installed ones."""
    candidates = [builtin_catalog(), *installed_in(session)]
    return max(candidates, key=lambda c: (_version_key(c.version), c.source != "builtin"))


def catalog_in_force(database: Database) -> SelfdiagCatalog:
    with database.session() as session:
        return catalog_in_force_in(session)


def install_catalog(
    path: Path | str, database: Database, *, backup_dir: Path | None = None
) -> CatalogInstalled:
    """Install the coordinator's catalog file ``path`` as the catalog in force. Refused whole
    (:class:`ValidationError`, nothing written) when the file breaks a rule, its version is
    already installed, or it is not newer than the catalog in force."""
    path = Path(path)
    catalog = read_catalog_file(path)
    with database.session() as session:
        before = catalog_in_force_in(session)
        _check_newer(catalog, before, path)
    backup = backup_before_import(database, backup_dir)
    with database.session() as session:
        before = catalog_in_force_in(session)
        _check_newer(catalog, before, path)
        ident = catalog_record_id(catalog.catalog_key, catalog.version)
        values = {
            "catalog_key": catalog.catalog_key,
            "version": catalog.version,
            "title_ru": catalog.title_ru,
            "title_en": catalog.title_en,
            "content": catalog_to_json(catalog),
            "source": COORDINATOR,
        }
        row = session.get(CatalogRow, ident)
        if row is None:
            session.add(CatalogRow(id=ident, **values))
        else:
            assign(row, {**values, "deleted": False, "deleted_at": None})
    log.info("Self-diagnosis catalog %s %s installed", catalog.catalog_key, catalog.version)
    return CatalogInstalled(catalog.catalog_key, catalog.version, before.version, backup)


def _check_newer(catalog: SelfdiagCatalog, before: SelfdiagCatalog, path: Path) -> None:
    if _version_key(catalog.version) <= _version_key(before.version):
        raise ValidationError(
            _(
                "{file}, version: {version} is not newer than the self-diagnosis catalog in "
                "force ({current}), so it would not be used. Ask the coordinator for a newer "
                "version."
            ).format(file=file_name(path), version=catalog.version, current=before.version),
            field="version",
        )
