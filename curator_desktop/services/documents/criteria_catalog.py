"""The review criteria in force in a store: the built-in file, or a coordinator's file of a
higher version installed into the store (kept whole in ``store_meta``, so it goes with the
store's backups), the way a coordinator's risk catalog replaces the built-in one."""

from __future__ import annotations

import re
from pathlib import Path

from curator_desktop.domain.documents.criteria import (
    CriteriaCatalog,
    builtin_criteria,
    parse_criteria_catalog,
)
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import backup_before_import, read_json_text
from curator_desktop.store.database import Database
from curator_desktop.store.record_base import StoreMeta

META_KEY = "document_criteria"
"""``store_meta`` key holding the text of a coordinator's criteria file."""


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """«2026.10» after «2026.9»: numbers compare as numbers."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", version))


def installed_criteria(database: Database) -> CriteriaCatalog | None:
    """The coordinator's criteria file installed into the store, if any."""
    with database.session() as session:
        row = session.get(StoreMeta, META_KEY)
        text = row.value if row is not None else ""
    if not text:
        return None
    return parse_criteria_catalog(text, source=_("the installed review criteria"))


def criteria_in_force(database: Database) -> CriteriaCatalog:
    """The coordinator's criteria when installed and newer than the built-in ones, else these."""
    builtin = builtin_criteria()
    installed = installed_criteria(database)
    if installed is not None and version_key(installed.version) > version_key(builtin.version):
        return installed
    return builtin


def install_criteria_file(
    database: Database, path: Path, *, backup_dir: Path | None = None
) -> CriteriaCatalog:
    """Check a coordinator's criteria file and install it (a backup first); a file whose version
    is not above the one in force is refused with a message saying which is in force."""
    text = read_json_text(Path(path))
    catalog = parse_criteria_catalog(text, source=path)
    current = criteria_in_force(database)
    if version_key(catalog.version) <= version_key(current.version):
        raise ValidationError(
            _(
                "The review criteria of version {new} are not newer than the ones in force "
                "(version {current})."
            ).format(new=catalog.version, current=current.version)
        )
    backup_before_import(database, backup_dir)
    with database.session() as session:
        session.merge(StoreMeta(key=META_KEY, value=text))
    return catalog
