"""A school's year built through the services on a clock the test moves: visits on their days,
recommendations given and closed on theirs, every change logged at its day (the change log is
what a report reads the past from). Shared by the справка and protocol tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store import tracking
from curator_desktop.store.database import Database
from curator_desktop.store.tables import CuratorProfile, School, Visit
from tests.services.visits.visit_fields import fill_visit_fields

DIRECTOR = "Киселёва Юлия Александровна"
CURATOR = "Соколова Марина Викторовна"
POSITION = "методист"
ORGANISATION = "ГАУ ДПО «Верхнеокский институт развития образования»"


def best_value(item: dict[str, Any]) -> Any:
    """A valid answer to ``item``: the top of a scale, «yes», the first option, some text."""
    kind = item["type"]
    if kind == "scale":
        return item["scale"]["max"]
    if kind == "yes_no_partly":
        return "yes"
    if kind == "number":
        return item.get("min") or 0
    if kind == "date":
        return "2026-05-20"
    if kind == "choice":
        return item["options"][0]["value"]
    if kind == "multi_choice":
        return [item["options"][0]["value"]]
    return "Записано куратором."


@dataclass
class SchoolYear:
    """The store, its services and the clock the year is written on."""

    database: Database
    folder: Path
    monkeypatch: pytest.MonkeyPatch
    school_id: str = ""
    visits: VisitService = field(init=False)
    risks: RiskProfileService = field(init=False)
    day: dt.date = dt.date(2026, 2, 20)

    def __post_init__(self) -> None:
        self.visits = VisitService(self.database, attachments_dir=self.folder / "attachments")
        self.visits.today = lambda: self.day  # type: ignore[method-assign]
        self.risks = RiskProfileService(self.database, today=dt.date(2026, 2, 20))
        self.monkeypatch.setattr(tracking, "utc_now", self._now)

    def _now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(12, 0)).astimezone().astimezone(dt.UTC)

    @contextmanager
    def on(self, day: dt.date) -> Iterator[None]:
        """Write on ``day`` (the services' today and the change log's time)."""
        self.day = day
        self.risks.today = lambda: day  # type: ignore[method-assign]
        yield

    def reports(self) -> ReportService:
        return ReportService(
            self.database,
            reports_dir=self.folder / "reports",
            cache_dir=self.folder / "cache",
            attachments_dir=self.folder / "attachments",
        )

    def visit(
        self, visit_type: str, day: dt.date, *, template: str | None = None, checklist: bool = True
    ) -> str:
        """A visit made on ``day`` (its actual date set), not completed yet."""
        with self.on(day):
            visit_id = self.visits.create_visit(
                self.school_id, visit_type, day, template_key=template, with_checklist=checklist
            )
            self.visits.update_visit(visit_id, actual_date=day, purpose="Посещение школы")
        return visit_id

    def fill(self, visit_id: str, *, lesson_id: str | None = None, **answers: Any) -> None:
        """Store ``answers`` (keys with «__» for dots), then answer every required item left."""
        for key, value in answers.items():
            self.visits.set_answer(visit_id, key.replace("__", "."), value, lesson_id=lesson_id)
        for _ in range(3):  # an answer may show a further required item
            missing = [m for m in self.visits.missing_required(visit_id) if m.reason == "answer"]
            if not missing:
                return
            for item in missing:
                items = {i["key"]: i for i in iter_items(self._content(visit_id, item.lesson_id))}
                value = best_value(items[item.item_key])
                self.visits.set_answer(visit_id, item.item_key, value, lesson_id=item.lesson_id)

    def _content(self, visit_id: str, lesson_id: str | None) -> dict[str, Any]:
        from curator_desktop.store.tables import LessonObservation

        with self.database.session() as session:
            if lesson_id is not None:
                lesson = session.get(LessonObservation, lesson_id)
                assert lesson is not None and lesson.template_snapshot
                return lesson.template_snapshot
            visit = session.get(Visit, visit_id)
            assert visit is not None and visit.template_snapshot
            return visit.template_snapshot

    def complete(self, visit_id: str, day: dt.date) -> None:
        with self.on(day):
            self.fill(visit_id)
            fill_visit_fields(self.visits, visit_id)
            self.visits.complete(visit_id)

    def recommend(self, visit_id: str, text: str, deadline: dt.date, **extra: Any) -> str:
        with self.on(self.day):
            return self.visits.add_recommendation(
                visit_id, text=text, responsible="Матвеева В. П.", deadline=deadline, **extra
            )

    def close(self, recommendation_id: str, day: dt.date, status: str = "done") -> None:
        with self.on(day):
            self.visits.update_recommendation(recommendation_id, status=status)


def school_year(database: Database, folder: Path, monkeypatch: pytest.MonkeyPatch) -> SchoolYear:
    """An empty year of a «500+» school whose director and curator are known."""
    install_builtin_catalogs(database)
    with database.session() as session:
        school = School(
            full_name="МБОУ «Никольская средняя общеобразовательная школа»",
            short_name="МБОУ «Никольская СОШ»",
            region="Верхнеокская область",
            municipality="Озерецкий район",
            director_name=DIRECTOR,
            inn="5710294280",
            cohort_year=2026,
        )
        session.add(school)
        session.add(CuratorProfile(full_name=CURATOR, position=POSITION, organisation=ORGANISATION))
    year = SchoolYear(database, folder, monkeypatch)
    year.school_id = school.id
    return year
