"""The self-diagnosis travels in packages: rounds with results and deficits, decisions, the
programme per year and the coordinator's catalog arrive in another store, a re-import changes
nothing, an edit made there comes back by revision, and a school selection carries its rounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exchange_helpers import copy_store, dump

from curator_desktop.domain.selfdiag import Decision
from curator_desktop.services.exchange.package.format import Scope
from curator_desktop.services.selfdiag import SelfdiagService
from tests.services.selfdiag.helpers import (
    MAY,
    NOVEMBER,
    add_school,
    coordinator_catalog,
    draft,
    write_json,
)


def test_selfdiag_round_trip(tmp_path: Path, migrated_store_template: Path) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    try:
        school = add_school(laptop.database)
        mine = SelfdiagService(laptop.database)
        mine.install_catalog(write_json(tmp_path / "catalog.json", coordinator_catalog()))
        first = mine.save_round(draft(school, NOVEMBER, knowledge=8, health=15))
        mine.save_round(draft(school, MAY, knowledge=22, health=12))
        decision = mine.save_decision(
            Decision("", school, first.id, "knowledge", "Перекрёстная проверка работ",
                     deficit_id=first.deficits[0].id, deadline=dt.date(2026, 2, 1))
        )  # fmt: skip
        mine.set_programme(school, 2025, "500plus")

        package = tmp_path / "usb" / "a.curator"
        package.parent.mkdir()
        laptop.service.export(package)
        assert office.service.import_(package).written

        theirs = SelfdiagService(office.database)
        assert theirs.rounds(school) == mine.rounds(school)
        assert theirs.decisions(school) == mine.decisions(school)
        assert theirs.catalog().version == "2025.1"
        assert theirs.programme_for(school, 2025) == "500plus"
        assert theirs.programme_for(school, 2026) == "minpros_school"
        comparison = theirs.comparison(school)
        assert comparison is not None and [d.direction for d in comparison.closed] == ["knowledge"]

        before = dump(office.database)
        again = office.service.import_(package)
        assert not again.written and not again.reconciliation.has_changes
        assert dump(office.database) == before

        theirs.set_decision_done(decision.id, True, dt.date(2026, 1, 20))
        back = tmp_path / "usb" / "b.curator"
        office.service.export(back)
        assert laptop.service.import_(back).written
        [returned] = mine.decisions(school)
        assert (returned.done, returned.done_on) == (True, dt.date(2026, 1, 20))
    finally:
        laptop.close()
        office.close()


def test_a_selection_of_schools_carries_their_rounds_only(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    try:
        chosen = add_school(laptop.database)
        other = add_school(laptop.database, inn="4704099900")
        mine = SelfdiagService(laptop.database)
        for school in (chosen, other):
            stored = mine.save_round(draft(school, NOVEMBER, knowledge=8))
            mine.save_decision(Decision("", school, stored.id, "knowledge", "План"))
        package = tmp_path / "sel.curator"
        laptop.service.export(package, Scope.selection([chosen]))
        office.service.import_(package)
        theirs = SelfdiagService(office.database)
        assert [r.school_id for r in theirs.rounds()] == [chosen]
        assert [d.school_id for d in theirs.decisions()] == [chosen]
    finally:
        laptop.close()
        office.close()
