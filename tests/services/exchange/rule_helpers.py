"""A store holding valid records of every table a package carries, written as the app writes
them (the demo, then a photo, a report, a roadmap with an item and a link, an assignment), and
ways to break one record of a package."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from exchange_helpers import TODAY, Store
from PIL import Image
from sqlmodel import select

from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.exchange.records import TABLE_ORDER
from curator_desktop.services.plan.service import PlanService
from curator_desktop.services.profile.assignments import assign
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.visits.attachments import attach_in
from curator_desktop.store.tables import RoadmapDocument, School, Visit

Members = dict[str, bytes]
Change = Callable[[list[dict[str, Any]]], None]


def fill_every_table(store: Store) -> None:
    """The demo, a photo of a visit, the report of a completed visit, a roadmap, a plan item
    linked to a visit and the owner assigned to a school."""
    database = store.database
    create_demo_store(database, today=TODAY)
    photo = store.paths.data_dir / "stand.jpg"
    Image.new("RGB", (64, 48), (180, 40, 40)).save(photo, "JPEG")
    with database.session() as session:
        visit = session.exec(select(Visit).where(Visit.status == "completed")).first()
        assert visit is not None
        visit_id = visit.id
        attach_in(
            session,
            visit,
            photo,
            store.paths.attachments_dir,
            item_key=None,
            lesson_id=None,
            caption="Стенд",
        )
        school = session.exec(select(School)).first()
        assert school is not None
        assign(session, school.id, "Соколова Марина Викторовна", dt.date(2026, 9, 1))
        session.add(
            RoadmapDocument(title="План-график «500+»", issuer="ЛОИРО", year=2026, legend={})
        )
    ReportService(
        database,
        reports_dir=store.paths.reports_dir,
        cache_dir=store.paths.data_dir / "cache",
        attachments_dir=store.paths.attachments_dir,
    ).generate_visit(visit_id)
    plan = PlanService(database)
    item = plan.add_item("Провести выезд", "до 20.12.2026", year=2026)
    plan.link(item, "visit", visit_id)
    _add_selfdiag_extras(store)
    _add_event(store, item)


def _add_event(store: Store, item_id: str) -> None:
    """An attended meeting with a school's analysis, fulfilling ``item_id`` (#23)."""
    from curator_desktop.domain.events import Event, SchoolAnalysis
    from curator_desktop.services.events import EventService

    with store.database.session() as session:
        school = session.exec(select(School)).first()
        assert school is not None
        school_id = school.id
    EventService(store.database).create(
        Event(
            id="",
            day=dt.date(2026, 9, 9),
            topic="Рабочее совещание кураторов",
            kind="meeting",
            attendance="attended",
            plan_item_id=item_id,
            analyses=(SchoolAnalysis(school_id, "Проведён педсовет по итогам ВПР"),),
        )
    )


def _add_selfdiag_extras(store: Store) -> None:
    """What the demo's self-diagnosis leaves out: a coordinator's catalog and a school's
    programme in one year (the demo has the rounds, deficits and decisions)."""
    from curator_desktop.services.selfdiag import SelfdiagService
    from tests.services.selfdiag.helpers import coordinator_catalog, write_json

    service = SelfdiagService(store.database)
    catalog = write_json(store.paths.data_dir / "selfdiag-catalog.json", coordinator_catalog())
    service.install_catalog(catalog)
    with store.database.session() as session:
        school = session.exec(select(School)).first()
        assert school is not None
        school_id = school.id
    service.set_programme(school_id, 2025, "500plus")


def tables_of(members: Members) -> set[str]:
    """The tables whose data member holds at least one record."""
    return {
        table
        for table in TABLE_ORDER
        if json.loads(members.get(f"data/{table}.json", b"[]") or b"[]")
    }


def change_first(table: str, change: Change) -> Callable[[Members, dict[str, Any]], None]:
    """A change of a package (for ``rewrite``) applying ``change`` to the records of ``table``."""

    def apply(members: Members, _manifest: dict[str, Any]) -> None:
        name = f"data/{table}.json"
        records = json.loads(members[name])
        change(records)
        members[name] = json.dumps(records, ensure_ascii=False).encode()

    return apply


def set_first(table: str, **values: Any) -> Callable[[Members, dict[str, Any]], None]:
    """The first record of ``table`` with ``values`` changed."""
    return change_first(table, lambda records: records[0].update(values))
