"""Installing a risk-factor catalog file sent by the coordinator.

The file is read and checked completely before anything is written; on any problem a
:class:`ValidationError` names the file and the field, and the store stays as it was. A catalog
is never edited in place: each import installs a new catalog version (source «coordinator»),
which becomes the catalog in force. ``replace`` takes the file's factors as they are;
``extend`` keeps the factors in force and appends the file's factors whose codes are new.

The catalog and its factors get the ids :mod:`curator_desktop.domain.catalogs.builtin_ids` derives
from the catalog key and version (and factor code), the same as a built-in catalog of that key and
version would get in any store: the id follows what the catalog is, not where it came from, so two
stores that installed the same file exchange packages without a second copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlmodel import Session, col, select

from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import (
    backup_before_import,
    current_catalog_in,
    load_risk_catalog,
)
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import RiskCatalog, RiskFactor
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

SOURCE = "coordinator"
MODES = ("replace", "extend")


@dataclass(frozen=True)
class CatalogImportResult:
    """The catalog version an import installed."""

    catalog_id: str
    catalog_key: str
    version: str
    mode: str
    factor_count: int
    added_codes: tuple[str, ...]
    """Codes not in the catalog that was in force before."""
    previous_version: str | None
    backup: Path | None = None
    """The «pre-import» backup taken first (None without a backup folder)."""

    @property
    def changes(self) -> Changes:
        """The catalogs and the risk factors in force, and the backup taken first."""
        backup = {Change.BACKUPS} if self.backup is not None else set()
        return frozenset({Change.CATALOGS, Change.RISKS} | backup)


def import_risk_catalog(
    path: Path | str,
    database: Database,
    *,
    mode: Literal["replace", "extend"] = "replace",
    backup_dir: Path | None = None,
) -> CatalogImportResult:
    """Install the catalog in ``path`` as a new version in force; see the module docstring.

    With ``backup_dir`` a «pre-import» backup of the store is taken once the file has passed
    every check and before anything is written.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    path = Path(path)
    data = load_risk_catalog(path)
    _check_free(database, data, path)
    backup = backup_before_import(database, backup_dir)
    with database.session() as session:
        _check_free_in(session, data, path)
        before = current_catalog_in(session)
        old = _factors_of(session, before) if before else []
        old_codes = {factor["code"] for factor in old}
        if mode == "extend":
            if before is None:
                raise ValidationError(
                    _("{file}: there is no catalog in force to extend.").format(file=path),
                    field="factors",
                )
            new = [f for f in data["factors"] if f["code"] not in old_codes]
            if not new:
                raise ValidationError(
                    _("{file}: every factor is already in the catalog in force.").format(file=path),
                    field="factors",
                )
            factors = [*old, *new]
        else:
            factors = list(data["factors"])
        catalog = _write_catalog(session, data, factors)
        session.flush()
        in_force = current_catalog_in(session)
        if in_force is None or in_force.id != catalog.id:
            raise ValidationError(
                _(
                    "{file}, version: {version} is older than the catalog in force ({current}), "
                    "so it would not be used. Ask the coordinator for a newer version."
                ).format(
                    file=path,
                    version=data["version"],
                    current=in_force.version if in_force else "—",
                ),
                field="version",
            )
    log.info("Risk catalog %s %s installed (%s)", data["catalog_key"], data["version"], mode)
    return CatalogImportResult(
        catalog_id=catalog.id,
        catalog_key=catalog.catalog_key,
        version=catalog.version,
        mode=mode,
        factor_count=len(factors),
        added_codes=tuple(f["code"] for f in factors if f["code"] not in old_codes),
        previous_version=before.version if before else None,
        backup=backup,
    )


def _check_free(database: Database, data: dict[str, Any], path: Path) -> None:
    with database.session() as session:
        _check_free_in(session, data, path)


def _check_free_in(session: Session, data: dict[str, Any], path: Path) -> None:
    """Refuse a catalog key and version the store already holds."""
    existing = session.exec(
        select(RiskCatalog)
        .where(col(RiskCatalog.catalog_key) == data["catalog_key"])
        .where(col(RiskCatalog.version) == data["version"])
        .where(col(RiskCatalog.deleted).is_(False))
    ).first()
    if existing is not None:
        raise ValidationError(
            _("{file}, version: catalog {key} version {version} is already installed.").format(
                file=path, key=data["catalog_key"], version=data["version"]
            ),
            field="version",
        )


def _write_catalog(
    session: Session, data: dict[str, Any], factors: list[dict[str, Any]]
) -> RiskCatalog:
    """Add the catalog and its factors under their derived ids.

    A catalog of the same key and version deleted earlier (the only row that can hold its id,
    see :func:`_check_free_in`) is brought back with the file's content instead.
    """
    key, version = data["catalog_key"], data["version"]
    catalog = _put(
        session,
        RiskCatalog,
        builtin_ids.catalog_id(key, version),
        catalog_key=key,
        version=version,
        title_ru=data["title"]["ru"],
        title_en=data["title"]["en"],
        max_active_directions=data.get("max_active_directions", 3),
        source=SOURCE,
    )
    kept: set[str] = set()
    for order, factor in enumerate(factors, 1):
        row = _put(
            session,
            RiskFactor,
            builtin_ids.factor_id(key, version, factor["code"]),
            catalog_id=catalog.id,
            code=factor["code"],
            name_ru=factor["name"]["ru"],
            name_en=factor["name"]["en"],
            year_from=factor.get("year_from"),
            year_to=factor.get("year_to"),
            sort_order=order,
        )
        kept.add(row.id)
    stale = session.exec(
        select(RiskFactor)
        .where(col(RiskFactor.catalog_id) == catalog.id)
        .where(col(RiskFactor.deleted).is_(False))
    )
    for row in stale:
        if row.id not in kept:
            assign(row, {"deleted": True, "deleted_at": utc_now()})
    return catalog


def _put(session: Session, model: Any, ident: str, **values: Any) -> Any:
    """The row ``ident`` with ``values``: added, or (a deleted row) written over and restored."""
    row = session.get(model, ident)
    if row is None:
        row = model(id=ident, **values)
        session.add(row)
    else:
        assign(row, {**values, "deleted": False, "deleted_at": None})
    return row


def _factors_of(session: Session, catalog: RiskCatalog) -> list[dict[str, Any]]:
    """The factors of ``catalog`` in the shape of a catalog file, in order."""
    rows = session.exec(
        select(RiskFactor)
        .where(col(RiskFactor.catalog_id) == catalog.id)
        .where(col(RiskFactor.deleted).is_(False))
        .order_by(col(RiskFactor.sort_order))
    )
    return [
        {
            "code": row.code,
            "name": {"ru": row.name_ru, "en": row.name_en},
            "year_from": row.year_from,
            "year_to": row.year_to,
        }
        for row in rows
    ]
