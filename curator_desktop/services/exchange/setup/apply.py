"""The curator's one-step import of a set-up package.

Everything is checked before anything is written: the package (format, signature, limits,
schemas — the exchange reader), its addressee (:mod:`.addressee`), its sender, its review
criteria. Then it is merged like any package (backup first, one transaction), with two rules
of its own:

- nothing the curator recorded is overwritten: a record changed on both sides keeps the
  curator's version (the conflict is resolved «mine»); records only the coordinator changed
  arrive as in any merge;
- the curator's relation to a roadmap item (ведёт / участвует / посещает) is theirs: an item the
  store held keeps the relation it had, a new item is judged here by the rules
  (:func:`~curator_desktop.domain.roadmap.relation.judge`), never taken from the coordinator.

The coordinator's review criteria, when the package carries them and they are newer than the
ones in force, are installed in the same transaction. A second import of the same package
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import select

from curator_desktop.domain.documents.criteria import parse_criteria_catalog
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.relation import judge
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.services.documents.criteria_catalog import (
    META_KEY as CRITERIA_KEY,
)
from curator_desktop.services.documents.criteria_catalog import (
    criteria_in_force,
    version_key,
)
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.merge.apply import MergeOutcome, apply_merge
from curator_desktop.services.exchange.package.format import Manifest
from curator_desktop.services.exchange.results import ImportResult
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.services.exchange.setup.addressee import is_setup
from curator_desktop.services.roadmap.importing import item_of
from curator_desktop.store.record_base import StoreMeta
from curator_desktop.store.tables import RoadmapItem

ROADMAP_ITEM = "roadmap_item"
KEEP_MINE = "mine"

Relations = Mapping[str, tuple[str, bool]]
"""Roadmap item id → (relation, set by the curator) as the store held it before the import."""


class NotSetupPackageError(ValidationError):
    """A package given to the set-up import that is not a set-up package."""


@dataclass(frozen=True)
class SetupImport:
    """What a set-up import did: for whom, how many schools it brought, the merge's result,
    the conflicts settled in the curator's favour and whether review criteria were installed."""

    curator: str
    schools: int
    result: ImportResult
    kept_mine: int = 0
    criteria_installed: bool = False

    @property
    def written(self) -> bool:
        return self.result.written or self.criteria_installed

    def lines(self) -> list[str]:
        """What the import did, a sentence each (the backup is the caller's to say)."""
        lines = [
            ngettext(
                "Region set-up package for {curator}: {n} school.",
                "Region set-up package for {curator}: {n} schools.",
                self.schools,
            ).format(curator=self.curator, n=format_number(self.schools))
        ]
        if not self.written:
            lines.append(_("Everything in the package was already here: nothing changed."))
            return lines
        if self.kept_mine:
            lines.append(
                ngettext(
                    "{n} record changed here and by the coordinator was kept as it is here.",
                    "{n} records changed here and by the coordinator were kept as they are here.",
                    self.kept_mine,
                ).format(n=format_number(self.kept_mine))
            )
        if self.criteria_installed:
            lines.append(_("The coordinator's review criteria were installed."))
        return lines


@dataclass
class _Steps:
    """The set-up package's own writes, inside the merge's transaction."""

    relations: Relations
    criteria: str | None
    relations_kept: int = field(default=0)

    def apply(self, session: Any, reconciliation: mp.Reconciliation) -> None:
        session.info["preserve_revisions"] = False  # these are this store's own edits
        try:
            for action in reconciliation.actions:
                if action.table == ROADMAP_ITEM and action.kind != "keep":
                    self._relation(session, action.record_id)
            if self.criteria is not None:
                session.merge(StoreMeta(key=CRITERIA_KEY, value=self.criteria))
            session.flush()
        finally:
            session.info["preserve_revisions"] = True

    def _relation(self, session: Any, item_id: str) -> None:
        row = session.get(RoadmapItem, item_id)
        if row is None:
            return
        if item_id in self.relations:
            relation, by_user = self.relations[item_id]
        else:
            relation, by_user = judge(item_of(row)).relation.value, False
        if (row.relation, row.relation_set_by_user) != (relation, by_user):
            row.relation, row.relation_set_by_user = relation, by_user
            session.add(row)
            self.relations_kept += 1


def _relations(service: ExchangeService) -> dict[str, tuple[str, bool]]:
    with service.database.session() as session:
        rows = session.exec(
            select(RoadmapItem.id, RoadmapItem.relation, RoadmapItem.relation_set_by_user)
        ).all()
    return {row_id: (relation, bool(by_user)) for row_id, relation, by_user in rows}


def _criteria_to_install(service: ExchangeService, manifest: Manifest) -> str | None:
    """The package's review criteria when they are newer than the ones in force; a
    ``ValidationError`` (before any write) when they are not a valid criteria file."""
    text = manifest.scope.criteria
    if not text:
        return None
    catalog = parse_criteria_catalog(text, source=_("the review criteria of the set-up package"))
    current = criteria_in_force(service.database)
    return text if version_key(catalog.version) > version_key(current.version) else None


def import_setup(
    service: ExchangeService,
    path: Path,
    *,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SetupImport:
    """Import the set-up package ``path`` in one step (see the module). Raises
    :class:`NotSetupPackageError`, the addressee's refusal or any refusal of an import; nothing
    is written then."""
    path = Path(path)
    preview = service.preview(path, password=password, progress=progress, cancelled=cancelled)
    manifest = preview.manifest
    if not is_setup(manifest):
        raise NotSetupPackageError(
            _("{file} is not a region set-up package: import it as an exchange package.").format(
                file=path.name
            )
        )
    criteria = _criteria_to_install(service, manifest)
    resolutions = {conflict.key: KEEP_MINE for conflict in preview.conflicts}
    steps = _Steps(_relations(service), criteria)

    def merge(incoming: Any, *, also: Callable[[Any, mp.Reconciliation], None]) -> MergeOutcome:
        def both(session: Any, reconciliation: mp.Reconciliation) -> None:
            also(session, reconciliation)
            steps.apply(session, reconciliation)

        return apply_merge(
            service.database,
            incoming,
            attachments_dir=service.attachments_dir,
            reports_dir=service.reports_dir,
            backup_dir=service.backup_dir,
            resolutions=resolutions,
            also=both,
        )

    result = service._import(
        path, password=password, progress=None, cancelled=cancelled, merge=merge
    )
    installed = criteria is not None
    if installed and not result.written:  # nothing else was new: the criteria alone
        with service.database.session() as session:
            session.merge(StoreMeta(key=CRITERIA_KEY, value=criteria))
    return SetupImport(
        curator=manifest.scope.curator_name,
        schools=len(manifest.scope.school_ids),
        result=result,
        kept_mine=len(resolutions),
        criteria_installed=installed,
    )


def is_setup_file(path: Path) -> bool:
    """Whether ``path`` looks like a set-up package (its manifest says so), read cheaply so a
    caller can choose the import; a file that is not a readable package says False and is
    judged by the import's own checks."""
    import zipfile

    from curator_desktop.domain.errors import CuratorError
    from curator_desktop.services.exchange.package.checks import parse_json
    from curator_desktop.services.exchange.package.format import LIMITS, MANIFEST, SCOPE_SETUP

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > LIMITS.max_manifest_bytes:
                return False
            data = parse_json(path, MANIFEST, archive.read(info))  # nesting bounded first
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, CuratorError):
        return False
    scope = data.get("scope") if isinstance(data, dict) else None
    return isinstance(scope, dict) and scope.get("kind") == SCOPE_SETUP
