"""Events travel in packages: an event with its analyses, its plan link and its materials arrives
in another store, a re-import changes nothing, an attendance marked there comes back, and a
school selection carries the curator's events with the analyses of the chosen schools only."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from exchange_helpers import copy_store, dump

from curator_desktop.domain.events import Event, SchoolAnalysis
from curator_desktop.services.events import EventService
from curator_desktop.services.exchange.package.format import Scope
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RoadmapItem
from tests.services.selfdiag.helpers import add_school


def add_item(database: Database) -> str:
    with database.session() as session:
        item = RoadmapItem(number="1.16", title="Региональные совещания (ВКС)")
        session.add(item)
        session.flush()
        return item.id


def meeting(school: str, item: str | None = None) -> Event:
    return Event(
        id="",
        day=dt.date(2026, 3, 11),
        topic="Рабочее совещание кураторов",
        kind="meeting",
        attendance="planned",
        plan_item_id=item,
        analyses=(SchoolAnalysis(school, "Проведён педсовет"),),
    )


def test_events_round_trip(tmp_path: Path, migrated_store_template: Path) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    try:
        school = add_school(laptop.database)
        item = add_item(laptop.database)
        mine = EventService(laptop.database, attachments_dir=laptop.paths.attachments_dir)
        event = mine.create(meeting(school, item))
        material = tmp_path / "программа.pdf"
        material.write_bytes(b"%PDF-1.4 programme")
        mine.attach(event.id, material)

        package = tmp_path / "usb" / "a.curator"
        package.parent.mkdir()
        laptop.service.export(package)
        assert office.service.import_(package).written

        theirs = EventService(office.database, attachments_dir=office.paths.attachments_dir)
        assert theirs.events() == mine.events()
        [file] = theirs.attachments(event.id)
        assert theirs.attachment_path(file.sha256).read_bytes() == b"%PDF-1.4 programme"

        before = dump(office.database)
        again = office.service.import_(package)
        assert not again.written and not again.reconciliation.has_changes
        assert dump(office.database) == before

        theirs.update(replace(theirs.event(event.id), attendance="attended"))
        back = tmp_path / "usb" / "b.curator"
        office.service.export(back)
        assert laptop.service.import_(back).written
        assert mine.event(event.id).attended
    finally:
        laptop.close()
        office.close()


def test_a_selection_carries_the_events_and_the_chosen_schools_analyses(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    try:
        chosen = add_school(laptop.database)
        other = add_school(laptop.database, inn="4704099900")
        mine = EventService(laptop.database)
        both = replace(
            meeting(chosen),
            analyses=(SchoolAnalysis(chosen, "Педсовет"), SchoolAnalysis(other, "Кружок")),
        )
        event = mine.create(both)
        package = tmp_path / "sel.curator"
        laptop.service.export(package, Scope.selection([chosen]))
        office.service.import_(package)
        [arrived] = EventService(office.database).events()
        assert arrived.id == event.id
        assert [a.school_id for a in arrived.analyses] == [chosen]
    finally:
        laptop.close()
        office.close()
