"""The self-diagnosis over the store: what the UI, the reports, the CLI and the demo call.

Every write is one short transaction, checked first (nothing is written when a rule is broken),
and returns what it changed (:class:`~curator_desktop.domain.changes.Changes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.selfdiag import (
    Decision,
    RoundComparison,
    SelfdiagCatalog,
    SelfdiagRound,
    compare_rounds,
)
from curator_desktop.services.catalogs.builtin import backup_before_import
from curator_desktop.services.selfdiag import decisions as decision_store
from curator_desktop.services.selfdiag import programme as programme_store
from curator_desktop.services.selfdiag import rounds as round_store
from curator_desktop.services.selfdiag.catalog import (
    CatalogInstalled,
    catalog_in_force,
    install_catalog,
)
from curator_desktop.services.selfdiag.results_file import read_results_file
from curator_desktop.services.store_service import StoreService
from curator_desktop.store.database import Database


@dataclass(frozen=True)
class ImportedRound:
    """A results file recorded as a round: the round as stored, and whether it replaced one
    recorded earlier for the same school and date."""

    round: SelfdiagRound
    replaced: bool
    path: Path
    backup: Path | None = None
    """The «pre-import» backup taken first (None without a backup folder)."""

    @property
    def changes(self) -> Changes:
        backup = {Change.BACKUPS} if self.backup is not None else set()
        return SelfdiagService.CHANGED | backup


class SelfdiagService(StoreService):
    """Records rounds, deficits and decisions; reads them back; tells a school's programme."""

    CHANGED: ClassVar[Changes] = frozenset({Change.SELFDIAG, Change.SCHOOLS})
    """What a write of a round or decision changes: the self-diagnosis, and the school's card."""

    def __init__(
        self,
        database: Database,
        *,
        device_id: str = "",
        author_id: str | None = None,
        backup_dir: Path | None = None,
    ) -> None:
        super().__init__(database, device_id=device_id)
        self._author_id = author_id
        self._backup_dir = backup_dir

    # --- the catalog ------------------------------------------------------------------------

    def catalog(self) -> SelfdiagCatalog:
        """The catalog in force (the coordinator's latest, else the built-in one)."""
        return catalog_in_force(self._db)

    def install_catalog(self, path: Path | str) -> CatalogInstalled:
        """Install a coordinator's catalog file (JSON or XLSX), after a backup; see
        :func:`~curator_desktop.services.selfdiag.catalog.install_catalog`."""
        return install_catalog(path, self._db, backup_dir=self._backup_dir)

    # --- rounds -------------------------------------------------------------------------------

    def rounds(self, school_id: str | None = None) -> list[SelfdiagRound]:
        """The rounds of ``school_id`` (every school's when None), oldest first, each with its
        direction results and deficits."""
        with self._db.session() as session:
            return round_store.rounds_in(session, school_id)

    def round(self, round_id: str) -> SelfdiagRound:
        """One round (:class:`NotFoundError` when there is none)."""
        with self._db.session() as session:
            return round_store.round_in(session, round_id)

    def rounds_between(
        self,
        date_from: dt.date | None,
        date_to: dt.date | None,
        school_ids: Sequence[str] | None = None,
    ) -> list[SelfdiagRound]:
        """The rounds dated in the period (bounds included), of ``school_ids`` when given."""
        with self._db.session() as session:
            return round_store.rounds_between(session, date_from, date_to, school_ids)

    def save_round(self, draft: SelfdiagRound) -> SelfdiagRound:
        """Record ``draft`` (its ``id`` is ignored: the school and date name the round). A
        round already recorded for the school and date is replaced with ``draft``'s results,
        its decisions kept. Checked against the catalog in force first
        (:class:`ValidationError`: nothing written)."""
        catalog = self.catalog()
        with self._session() as session:
            return round_store.save_round_in(
                session, draft, catalog, today=self.today(), author_id=self._author_id
            )

    def delete_round(self, round_id: str) -> Changes:
        """Delete the round, its results, deficits and decisions (tombstones)."""
        with self._session() as session:
            round_store.delete_round_in(session, round_id)
        return self.CHANGED

    def import_results(
        self,
        path: Path | str,
        *,
        school_id: str,
        round_date: dt.date,
        label: str = "",
        school_type: str = "",
    ) -> ImportedRound:
        """Record the results file ``path`` (XLSX, CSV or JSON) as the round of ``school_id``
        dated ``round_date``. The file is checked whole against the catalog in force and the
        school (ИНН) first; any problem is a :class:`ValidationError` naming the row and the
        field, and nothing is written."""
        path = Path(path)
        catalog = self.catalog()
        with self._db.session() as session:
            school = round_store.school_in(session, school_id)
            parsed = read_results_file(path, catalog)
            draft = parsed.to_round(
                school=school,
                round_date=round_date,
                label=label,
                school_type=school_type,
                catalog=catalog,
                today=self.today(),
            )
            replaced = round_store.exists_in(session, school_id, round_date)
        backup = backup_before_import(self._db, self._backup_dir)
        stored = self.save_round(draft)
        return ImportedRound(stored, replaced, path, backup)

    def comparison(
        self, school_id: str, *, before_id: str | None = None, after_id: str | None = None
    ) -> RoundComparison | None:
        """Two rounds of the school compared: the ones named, else the last two; None when
        the school has fewer than two rounds."""
        rounds = self.rounds(school_id)
        by_id = {r.id: r for r in rounds}
        if before_id and after_id:
            before, after = by_id.get(before_id), by_id.get(after_id)
            if before is None or after is None:
                return None
        elif len(rounds) >= 2:
            before, after = rounds[-2], rounds[-1]
        else:
            return None
        order = [d.code for d in self.catalog().directions]
        return compare_rounds(before, after, order)

    # --- decisions ----------------------------------------------------------------------------

    def decisions(
        self, school_id: str | None = None, *, round_id: str | None = None
    ) -> list[Decision]:
        """The management decisions of the school (or of one round), by deadline."""
        with self._db.session() as session:
            return decision_store.decisions_in(session, school_id=school_id, round_id=round_id)

    def save_decision(self, decision: Decision) -> Decision:
        """Add (``id`` "") or update a decision; checked first."""
        with self._session() as session:
            return decision_store.save_decision_in(
                session, decision, today=self.today(), author_id=self._author_id
            )

    def set_decision_done(
        self, decision_id: str, done: bool, done_on: dt.date | None = None
    ) -> Decision:
        """Mark a decision done (on ``done_on``, today when None) or not done."""
        with self._session() as session:
            return decision_store.set_done_in(
                session, decision_id, done, done_on or self.today(), today=self.today()
            )

    def delete_decision(self, decision_id: str) -> Changes:
        with self._session() as session:
            decision_store.delete_decision_in(session, decision_id)
        return self.CHANGED

    # --- programme per school and year ----------------------------------------------------------

    def programme_for(self, school_id: str, year: int) -> str:
        """The programme school ``school_id`` is in in the programme year ``year`` (the
        reports' cycle year: ``programme_year(day)``)."""
        with self._db.session() as session:
            return programme_store.programme_in(session, school_id, year)

    def set_programme(self, school_id: str, year: int, programme: str) -> Changes:
        """Record that the school is in ``programme`` in ``year``."""
        with self._session() as session:
            programme_store.set_programme_in(session, school_id, year, programme)
        return frozenset({Change.SCHOOLS, Change.SELFDIAG})
