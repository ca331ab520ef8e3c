"""Built-in data (the risk-factor catalog, the checklist templates) and loading it into a store.

The files live in ``resources/catalogs`` and ``resources/checklists``. Installing is an upsert that
compares before it writes, so running it at every start-up costs no revisions. The files are checked
by :mod:`curator_desktop.domain.catalogs.validation` before anything is written. New rows get the
ids :mod:`curator_desktop.domain.catalogs.builtin_ids` derives from their key and version, the same
in every store, so an exchanged package never brings a second copy of a built-in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, or_
from sqlmodel import Session, col, select

from curator_desktop import paths
from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.domain.catalogs.validation import (
    parse_checklist_template,
    validate_risk_catalog,
)
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_parsing import JsonPlace, file_name, parse_json
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _, format_number
from curator_desktop.services.limits.json_text import (
    INT_MAX,
    INT_MIN,
    MAX_DEPTH,
    MAX_DIGITS,
    depth_of_text,
    first_out_of_range,
    longest_number,
)
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import ChecklistTemplate, RiskCatalog, RiskFactor

RISK_CATALOG_PATH = ("catalogs", "risk_factors.json")
CHECKLISTS_DIR = "checklists"
MAX_FILE_BYTES = 16 * 1024**2
"""The largest catalog or template file read (the built-in ones take a few dozen KB)."""


@dataclass
class InstallResult:
    """What one installation of the built-in catalogs changed (all zero when nothing did)."""

    catalogs_added: int = 0
    catalogs_updated: int = 0
    factors_added: int = 0
    factors_updated: int = 0
    templates_added: int = 0
    templates_updated: int = 0
    templates_kept: int = 0
    """Templates with the same key and version that did not come from the app; left as they are."""

    @property
    def changed(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "templates_kept")


# --- reading files ----------------------------------------------------------------------------


def read_text_file(path: Path) -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped); otherwise a :class:`ValidationError`."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("{file} is not UTF-8 text.").format(file=path)) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=reason)
        ) from exc


def read_json_text(path: Path) -> str:
    """The text of a catalog or template file, refused before it is parsed when it is too
    large, nests deeper than :data:`MAX_DEPTH` or holds a number of more than
    :data:`MAX_DIGITS` digits (a recursive parser or validator never sees such a file)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_text_file says why it cannot be read
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("{file} is larger than {limit} MB: a catalog or template file is much "
              "smaller.").format(
                file=file_name(path), limit=format_number(MAX_FILE_BYTES // 1024**2)
            )
        )  # fmt: skip
    text = read_text_file(path)
    if depth_of_text(text) > MAX_DEPTH:
        raise ValidationError(
            _("{file}: the JSON is nested more than {limit} levels deep.").format(
                file=file_name(path), limit=MAX_DEPTH
            )
        )
    if longest_number(text) > MAX_DIGITS:
        raise ValidationError(
            _("{file}: a number is longer than {limit} digits.").format(
                file=file_name(path), limit=MAX_DIGITS
            )
        )
    return text


def check_numbers(data: Any, *, source: Path, text: str) -> None:
    """Refuse an integer a store cannot hold (SQLite's 64 bits), naming its line and field."""
    found = first_out_of_range(data)
    if found is None:
        return
    where, value = found
    if value > 0:
        problem = _("must be at most {limit}.").format(limit=INT_MAX)
    else:
        problem = _("must be at least {limit}.").format(limit=INT_MIN)
    raise JsonPlace(source, text).error(where, problem)


def load_json_resource(path: Path) -> dict[str, Any]:
    """Read a JSON object from ``path`` (see :func:`read_json_text`); otherwise a
    :class:`ValidationError` naming the file."""
    return _json_object(read_json_text(path), path)


def _json_object(text: str, path: Path) -> dict[str, Any]:
    data = parse_json(text, source=path)
    if not isinstance(data, dict):
        raise ValidationError(_("{file}: a JSON object was expected.").format(file=path))
    return data


def backup_before_import(database: Database, backup_dir: Path | None) -> Path | None:
    """Take a «pre-import» backup of the store when ``backup_dir`` is given; return its path.

    Imports call this once the file has passed every check and before anything is written.
    """
    if backup_dir is None:
        return None
    from curator_desktop.store.backups import take_backup

    return take_backup(database.path, backup_dir, reason="pre-import")


# --- installing -------------------------------------------------------------------------------


def load_risk_catalog(path: Path) -> dict[str, Any]:
    """Read and check a risk-factor catalog file (its integers too: a store must hold them)."""
    text = read_json_text(path)
    data = _json_object(text, path)
    validate_risk_catalog(data, source=path)
    check_numbers(data, source=path, text=text)
    return data


def load_checklist_template(path: Path, *, factor_codes: set[str] | None = None) -> dict[str, Any]:
    """Read and check a checklist template file (errors name the line and the field)."""
    text = read_json_text(path)
    content = parse_checklist_template(text, source=path, factor_codes=factor_codes)
    check_numbers(content, source=path, text=text)
    return content


def builtin_template_paths(resources_dir: Path | None = None) -> list[Path]:
    """The checklist template files shipped with the app, by name."""
    base = resources_dir or paths.resource_dir()
    return sorted((base / CHECKLISTS_DIR).glob("*.json"))


def install_catalogs_in(session: Session, *, resources_dir: Path | None = None) -> InstallResult:
    """Upsert the built-in catalog and templates in ``session`` (see install_builtin_catalogs)."""
    base = resources_dir or paths.resource_dir()
    catalog_file = base.joinpath(*RISK_CATALOG_PATH)
    catalog = load_risk_catalog(catalog_file)
    codes = {factor["code"] for factor in catalog["factors"]}
    templates = [
        (p, load_checklist_template(p, factor_codes=codes)) for p in builtin_template_paths(base)
    ]
    seen: dict[tuple[str, int], Path] = {}
    for path, content in templates:
        ident = (content["id"], content["version"])
        if ident in seen:
            raise ValidationError(
                _("{file}: template {id} version {version} is also in {other}.").format(
                    file=path, id=ident[0], version=ident[1], other=seen[ident]
                )
            )
        seen[ident] = path
    result = InstallResult()
    _install_catalog(session, catalog, result)
    for _path, content in templates:
        _install_template(session, content, result)
    return result


def _find(session: Session, model: Any, ident: str, key: str, version: object) -> Any:
    """The row of this key + version: the one with the derived id, else one with another id (a
    record that came from a store not yet upgraded), else None."""
    row = session.get(model, ident)
    if row is not None:
        return row
    key_column = model.catalog_key if model is RiskCatalog else model.template_key
    return session.exec(
        select(model).where(key_column == key, model.version == version).order_by(model.deleted)
    ).first()


def _install_catalog(session: Session, catalog: Mapping[str, Any], result: InstallResult) -> None:
    values = {
        "title_ru": catalog["title"]["ru"],
        "title_en": catalog["title"]["en"],
        "max_active_directions": catalog.get("max_active_directions", 3),
        "source": catalog.get("source", "builtin"),
    }
    key, version = catalog["catalog_key"], catalog["version"]
    ident = builtin_ids.catalog_id(key, version)
    row = _find(session, RiskCatalog, ident, key, version)
    if row is None:
        row = RiskCatalog(id=ident, catalog_key=key, version=version, **values)
        session.add(row)
        result.catalogs_added += 1
    elif assign(row, values):
        result.catalogs_updated += 1
    existing = {
        f.code: f for f in session.exec(select(RiskFactor).where(RiskFactor.catalog_id == row.id))
    }
    for order, factor in enumerate(catalog["factors"], 1):
        values = {
            "name_ru": factor["name"]["ru"],
            "name_en": factor["name"]["en"],
            "year_from": factor.get("year_from"),
            "year_to": factor.get("year_to"),
            "sort_order": order,
        }
        record = existing.get(factor["code"])
        if record is None:
            session.add(
                RiskFactor(
                    id=builtin_ids.factor_id(key, version, factor["code"]),
                    catalog_id=row.id,
                    code=factor["code"],
                    **values,
                )
            )
            result.factors_added += 1
        elif assign(record, values):
            result.factors_updated += 1


def _install_template(session: Session, content: dict[str, Any], result: InstallResult) -> None:
    values = {
        "title_ru": content["title"]["ru"],
        "title_en": content["title"]["en"],
        "purpose": content["purpose"],
        "content": content,
        "source": "builtin",
    }
    key, version = content["id"], content["version"]
    ident = builtin_ids.template_id(key, version)
    row = _find(session, ChecklistTemplate, ident, key, version)
    if row is None:
        session.add(ChecklistTemplate(id=ident, template_key=key, version=version, **values))
        result.templates_added += 1
    elif row.source != "builtin":
        result.templates_kept += 1
    elif assign(row, values):
        result.templates_updated += 1


BUILTINS_META_KEY = "builtin_resources_sha256"
"""``store_meta`` key: the fingerprint of the resource files last installed into this store."""


def resources_fingerprint(base: Path) -> str:
    """SHA-256 over the built-in catalog, the templates and the template schema, with names."""
    import hashlib

    digest = hashlib.sha256()
    files = [base.joinpath(*RISK_CATALOG_PATH), *builtin_template_paths(base)]
    files += sorted((base / "schemas").glob("checklist-template*.json"))
    for file in files:
        digest.update(file.relative_to(base).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def _still_installed(session: Session, base: Path) -> bool:
    """Every built-in the files name is in the store, live (a quick check without validation)."""
    import json

    catalog = json.loads(base.joinpath(*RISK_CATALOG_PATH).read_text(encoding="utf-8"))
    row = session.get(
        RiskCatalog, builtin_ids.catalog_id(catalog["catalog_key"], catalog["version"])
    )
    if row is None or row.deleted:
        return False
    for path in builtin_template_paths(base):
        content = json.loads(path.read_text(encoding="utf-8"))
        template = session.get(
            ChecklistTemplate, builtin_ids.template_id(content["id"], content["version"])
        )
        if template is None or template.deleted:
            return False
    return True


def install_builtin_catalogs(db: Database, *, resources_dir: Path | None = None) -> InstallResult:
    """Load the shipped risk catalog and checklist templates into the store, idempotently.

    Rows are matched by catalog key + version, factor code, and template key + version; fields
    are written only when they differ, so a second call changes nothing. Every file is read and
    checked before anything is written. ``resources_dir`` replaces the bundled ``resources/``.
    When the files are the ones last installed (their fingerprint is in ``store_meta``) and their
    records are all there, nothing is read or checked again: the check costs ~150 ms per start.
    """
    from curator_desktop.store.tables import StoreMeta

    base = resources_dir or paths.resource_dir()
    fingerprint = resources_fingerprint(base)
    with db.session() as session:
        meta = session.get(StoreMeta, BUILTINS_META_KEY)
        if meta is not None and meta.value == fingerprint and _still_installed(session, base):
            return InstallResult()
        result = install_catalogs_in(session, resources_dir=base)
        session.merge(StoreMeta(key=BUILTINS_META_KEY, value=fingerprint))
        return result


# --- reading back -----------------------------------------------------------------------------


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", version))


@cache
def _catalogs_statement() -> Any:
    """The live catalogs (statements are built once: building one costs more than running it)."""
    return select(RiskCatalog).where(col(RiskCatalog.deleted).is_(False))


@cache
def _active_factors_statement() -> Any:
    """The live factors of a catalog in force in a year (both bound when it runs)."""
    year = bindparam("year")
    return (
        select(RiskFactor)
        .where(
            col(RiskFactor.catalog_id) == bindparam("catalog_id"),
            col(RiskFactor.deleted).is_(False),
            or_(col(RiskFactor.year_from).is_(None), col(RiskFactor.year_from) <= year),
            or_(col(RiskFactor.year_to).is_(None), col(RiskFactor.year_to) >= year),
        )
        .order_by(col(RiskFactor.sort_order))
    )


def current_catalog_in(session: Session) -> RiskCatalog | None:
    """The risk catalog in force: the highest version among those not deleted."""
    catalogs = session.exec(_catalogs_statement()).all()
    if not catalogs:
        return None
    return max(catalogs, key=lambda c: (_version_key(c.version), c.created_at))


def current_risk_catalog(db: Database) -> RiskCatalog | None:
    """The risk catalog in force (see :func:`current_catalog_in`), detached from any session."""
    with db.session() as session:
        return current_catalog_in(session)


def active_factors_in(
    session: Session, year: int, *, catalog_id: str | None = None
) -> list[RiskFactor]:
    """Factors of the catalog (default: the current one) in force in ``year``, in catalog order."""
    if catalog_id is None:
        catalog = current_catalog_in(session)
        if catalog is None:
            return []
        catalog_id = catalog.id
    params = {"catalog_id": catalog_id, "year": year}
    return list(session.exec(_active_factors_statement(), params=params))


def active_risk_factors(
    db: Database, year: int, *, catalog_id: str | None = None
) -> list[RiskFactor]:
    """Factors in force in ``year`` (their year range includes it), ordered by ``sort_order``."""
    with db.session() as session:
        return active_factors_in(session, year, catalog_id=catalog_id)
