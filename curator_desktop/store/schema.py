"""Schema versions: what a store file is at, and bringing it to the app's version.

Reading a store's version needs only ``sqlite3``; Alembic (≈0.4 s to import) is imported only
when a migration is really due, so a normal start-up never pays for it.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from curator_desktop.domain.errors import StoreError, StoreTooNewError
from curator_desktop.i18n import _

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_RE = re.compile(r"^revision(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_RE = re.compile(r"^down_revision(?::[^=]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)


class SchemaState(Enum):
    """Where a store file stands relative to this version of the app."""

    MISSING = "missing"
    CURRENT = "current"
    OUTDATED = "outdated"
    TOO_NEW = "too_new"


@dataclass(frozen=True)
class Revisions:
    """The migration chain this app ships, oldest first."""

    chain: tuple[str, ...]

    @property
    def head(self) -> str:
        return self.chain[-1]


@cache
def shipped_revisions(versions_dir: Path = MIGRATIONS_DIR / "versions") -> Revisions:
    """Read the revision ids from the migration scripts without importing Alembic."""
    parents: dict[str, str | None] = {}
    for script in versions_dir.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        match = _REVISION_RE.search(text)
        if not match:
            continue
        down = _DOWN_RE.search(text)
        parents[match.group(1)] = down.group(1) if down else None
    chain: list[str] = []
    current = next((rev for rev, parent in parents.items() if parent is None), None)
    children = {parent: rev for rev, parent in parents.items() if parent}
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if not chain:
        raise RuntimeError(f"no migration scripts in {versions_dir}")
    return Revisions(tuple(chain))


def store_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the store file, or None for a new/empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if row is None:
                return None
            version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return version[0] if version else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            _("The file {path} is not a Curator Desktop store or is damaged.").format(path=path),
            details=str(exc),
        ) from exc


def schema_state(path: Path, revisions: Revisions | None = None) -> SchemaState:
    """Classify the store file at ``path`` against the shipped migrations."""
    revisions = revisions or shipped_revisions()
    current = store_revision(path)
    if current is None:
        return SchemaState.MISSING
    if current == revisions.head:
        return SchemaState.CURRENT
    if current in revisions.chain:
        return SchemaState.OUTDATED
    return SchemaState.TOO_NEW


def refuse_if_too_new(path: Path) -> None:
    """Raise a clear error when the store was written by a newer application version."""
    if schema_state(path) is SchemaState.TOO_NEW:
        raise StoreTooNewError(
            _(
                "This store ({path}) was written by a newer version of Curator Desktop. "
                "Install the newer version to open it; the file has not been changed."
            ).format(path=path)
        )


def upgrade(path: Path, *, target: str = "head", extra_version_dirs: tuple[Path, ...] = ()) -> None:
    """Apply the migrations up to ``target`` (the store is created when missing).

    The caller takes the backup first. Runs with foreign keys off in one transaction and fails
    (rolling back) when ``PRAGMA foreign_key_check`` finds an orphan afterwards.
    """
    from alembic import command
    from alembic.config import Config

    from curator_desktop.store.database import make_engine

    path.parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    locations = [str(MIGRATIONS_DIR / "versions"), *map(str, extra_version_dirs)]
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", __import__("os").pathsep.join(locations))
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    except Exception as exc:
        log.exception("Migration of %s failed", path)
        raise StoreError(
            _("The store could not be upgraded; it was left as it was."), details=str(exc)
        ) from exc
    finally:
        engine.dispose()
    log.info("Store %s upgraded to %s", path, target)
