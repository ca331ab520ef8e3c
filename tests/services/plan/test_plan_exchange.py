"""Roadmap items in exchange packages: the relation travels, and a package written before the
three relations (its items carry the one flag) is still imported, its flag read as a relation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from curator_desktop.domain.roadmap.relation import Relation
from curator_desktop.services.exchange.merge.apply import Incoming, apply_merge
from curator_desktop.services.plan.service import PlanService
from tests.conftest import ROADMAPS
from tests.services.exchange.exchange_helpers import Store, copy_store, incoming_from

SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"
MID_MARCH = dt.date(2021, 3, 15)


def merge(store: Store, incoming: Incoming) -> None:
    apply_merge(
        store.database,
        incoming,
        attachments_dir=store.paths.attachments_dir,
        reports_dir=store.paths.reports_dir,
        backup_dir=None,
    )


def as_before_relations(record: dict[str, Any]) -> dict[str, Any]:
    """A roadmap item as a package of an older version wrote it: the one flag, no relation."""
    old = {k: v for k, v in record.items() if k not in ("relation", "relation_set_by_user")}
    old["concerns_curator"] = record["relation"] != "none"
    old["curator_flag_set_by_user"] = record["relation_set_by_user"]
    return old


def relations(store: Store) -> dict[str, tuple[Relation, bool]]:
    entries = PlanService(store.database).entries(MID_MARCH, relations=None)
    return {e.number: (e.relation, e.relation_set_by_user) for e in entries}


def test_relations_travel_and_an_older_package_is_read(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    older = copy_store(migrated_store_template, tmp_path / "c", "dev-c")
    try:
        service = PlanService(laptop.database)
        service.import_(service.preview(SMOLENSK))
        entries = {e.number: e for e in service.entries(MID_MARCH, relations=None)}
        service.set_relation(entries["9"].item_id, Relation.ATTEND)
        service.set_relation(entries["4"].item_id, Relation.NONE)
        sent = relations(laptop)

        incoming = incoming_from(laptop.database)
        merge(office, incoming)
        assert relations(office) == sent

        items = [as_before_relations(dict(r)) for r in incoming.records["roadmap_item"]]
        records = {**incoming.records, "roadmap_item": items}
        merge(older, Incoming(records=records, history=incoming.history))
        received = relations(older)
        assert received["9"] == (Relation.LEAD, True)  # marked by the curator: leads
        assert received["4"] == (Relation.NONE, True)  # unmarked by the curator
        for number, (relation, by_user) in sent.items():
            if not by_user:
                expected = Relation.NONE if relation == Relation.NONE else Relation.LEAD
                assert received[number] == (expected, False), number
    finally:
        for store in (laptop, office, older):
            store.close()
