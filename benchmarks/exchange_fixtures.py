"""Stores and packages for the exchange benchmarks: a «curator-year» and many small curators.

``curator_year(data_dir)`` fills a data folder the way a year of work would: the built-in
catalogs, the curator's profile, 10 schools with verified risk profiles and document reviews,
120 visits with their checklists answered (every item of the template), participants, observed
lessons with their own checklists, findings, recommendations, and 500 photos of 2 MB attached
to the visits. Records are written through the tracked session, so they carry revisions and
change-log rows exactly as the app writes them (a visit is planned first, then completed: an
edit). Photos are generated incompressible bytes (like JPEG), stored under their SHA-256.

``curator_packages(folder, count)`` writes ``count`` full packages of small, distinct curator
stores (each its own store id, ids and history): what a coordinator collects in a year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import result_rows as rows
from benchmarks.result_rows import ms, print_rows

__all__ = ["print_rows", "result_row"]

MIB = 1024 * 1024
FACTOR_CODES = tuple(f"R{n:02d}" for n in range(1, 12))
SURNAMES = ("Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Лебедева", "Козлова")
FIRST = ("Марина", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана")
PATRONYMIC = ("Викторовна", "Сергеевна", "Петровна", "Андреевна", "Николаевна")
SUBJECTS = ("Математика", "Русский язык", "Физика", "История", "Биология", "Литература")
PHRASES = (
    "Работа организована в соответствии с планом, замечаний нет.",
    "Требуется доработка: не указаны сроки и ответственные.",
    "Показатели измеримы, базовые и целевые значения указаны.",
    "Рекомендовано включить мероприятия по повышению учебной мотивации.",
)


@dataclass(frozen=True)
class CuratorYear:
    """A filled data folder and what it holds."""

    data_dir: Path
    store_file: Path
    school_ids: tuple[str, ...]
    records: int
    history: int
    photos: int
    photo_bytes: int


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(FIRST)} {rng.choice(PATRONYMIC)}"


def _answer(rng: random.Random, item: Mapping[str, Any], day: dt.date) -> Any:
    kind = item["type"]
    if kind == "yes_no_partly":
        return rng.choices(("yes", "partly", "no"), (70, 20, 10))[0]
    if kind == "scale":
        return rng.randint(item["scale"]["min"], item["scale"]["max"])
    if kind == "number":
        return rng.randint(item.get("min", 0) or 0, min(item.get("max", 30) or 30, 30))
    if kind in ("text", "long_text"):
        return rng.choice(PHRASES)
    if kind == "date":
        return (day + dt.timedelta(days=rng.randint(0, 60))).isoformat()
    values = [option["value"] for option in item["options"]]
    if kind == "choice":
        return rng.choice(values)
    return values[: rng.randint(1, len(values))]


def write_photo(attachments_dir: Path, rng: random.Random, size: int) -> str:
    """Write ``size`` incompressible bytes into the attachment folder; returns their SHA-256."""
    from curator_desktop.services.visits.files import stored_path

    attachments_dir.mkdir(parents=True, exist_ok=True)
    temporary = attachments_dir / f".photo-{os.getpid()}.part"
    digest = hashlib.sha256()
    with temporary.open("wb") as out:
        left = size
        while left:
            chunk = rng.randbytes(min(MIB, left))
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
    sha = digest.hexdigest()
    final = stored_path(attachments_dir, sha)
    final.parent.mkdir(exist_ok=True)
    os.replace(temporary, final)
    return sha


class _Year:
    """Adds one curator's year to a session; counts what it added."""

    def __init__(self, session: Any, rng: random.Random, today: dt.date) -> None:
        self.session, self.rng, self.today = session, rng, today
        self.year = today.year if today.month >= 5 else today.year - 1
        self.added = 0

    def add(self, record: Any) -> Any:
        self.session.add(record)
        self.added += 1
        return record

    def school(self, number: int) -> Any:
        from curator_desktop.store.tables import School

        return self.add(
            School(
                full_name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                f"общеобразовательная школа № {number}»",
                short_name=f"МБОУ «СОШ № {number}»",
                region="Н-ская область",
                municipality=f"{self.rng.choice(('Северный', 'Речной', 'Лесной'))} район",
                director_name=_person(self.rng),
                deputy_name=_person(self.rng),
                students_count=self.rng.randint(60, 900),
                teachers_count=self.rng.randint(8, 60),
                cohort_year=self.year,
            )
        )

    def risk_profile(self, school: Any) -> None:
        from curator_desktop.store.tables import DocumentReview, RiskAssessment

        levels = ("high", "medium", "low", "none")
        for code in FACTOR_CODES:
            level = self.rng.choice(levels)
            verdict = self.rng.choice(("confirmed", "rejected", "adjusted"))
            self.add(
                RiskAssessment(
                    school_id=school.id,
                    year=self.year,
                    factor_code=code,
                    questionnaire_level=level,
                    verdict=verdict,
                    adjusted_level=(
                        self.rng.choice([other for other in levels if other != level])
                        if verdict == "adjusted"
                        else None
                    ),
                    justification=self.rng.choice(PHRASES),
                    verified_on=dt.date(self.year, 3, 20),
                )
            )
        for kind in ("concept", "medium_term_programme"):
            self.add(
                DocumentReview(
                    school_id=school.id,
                    document_type=kind,
                    title=kind,
                    received_on=dt.date(self.year, 4, 1),
                    conclusion="accept",
                    comment=self.rng.choice(PHRASES),
                )
            )

    def visit(self, school: Any, template: Any, lesson_template: Any, day: dt.date) -> Any:
        from curator_desktop.domain.checklists.items import iter_items
        from curator_desktop.store.tables import (
            ChecklistAnswer,
            LessonObservation,
            Recommendation,
            Visit,
            VisitFinding,
            VisitParticipant,
        )

        rng = self.rng
        visit = self.add(
            Visit(
                school_id=school.id,
                planned_date=day,
                purpose="Плановое посещение: мониторинг реализации антирисковых программ",
                template_id=template.id,
                template_snapshot=template.content,
            )
        )
        self.session.flush()  # the children's foreign keys need the visit written first
        for order, role in enumerate(("curator", "director", "group_head")):
            self.add(
                VisitParticipant(
                    visit_id=visit.id, full_name=_person(rng), role=role, sort_order=order
                )
            )
        if day > self.today:
            return visit
        for item in iter_items(template.content):
            value = _answer(rng, item, day)
            comment = rng.choice(PHRASES) if rng.random() < 0.2 else ""
            self.add(
                ChecklistAnswer(
                    visit_id=visit.id, item_key=item["key"], value=value, comment=comment
                )
            )
        if rng.random() < 0.5:
            lesson = self.add(
                LessonObservation(
                    visit_id=visit.id,
                    teacher=_person(rng),
                    subject=rng.choice(SUBJECTS),
                    class_name=f"{rng.randint(5, 11)}А",
                    template_id=lesson_template.id,
                    template_snapshot=lesson_template.content,
                )
            )
            self.session.flush()
            for item in iter_items(lesson_template.content):
                self.add(
                    ChecklistAnswer(
                        visit_id=visit.id,
                        lesson_id=lesson.id,
                        item_key=item["key"],
                        value=_answer(rng, item, day),
                    )
                )
        for code in rng.sample(FACTOR_CODES, 2):
            self.add(VisitFinding(visit_id=visit.id, factor_code=code, text=rng.choice(PHRASES)))
        self.add(
            Recommendation(
                school_id=school.id,
                visit_id=visit.id,
                factor_code=rng.choice(FACTOR_CODES),
                text=rng.choice(PHRASES),
                responsible="Заместитель директора по УВР",
                deadline=day + dt.timedelta(days=60),
            )
        )
        return visit


def _migrated(store_file: Path, template: Path | None) -> None:
    from curator_desktop.store import schema

    store_file.parent.mkdir(parents=True, exist_ok=True)
    if template is not None:
        shutil.copy2(template, store_file)
    else:
        schema.upgrade(store_file)


def curator_year(
    data_dir: Path,
    *,
    schools: int = 10,
    visits: int = 120,
    photos: int = 500,
    photo_bytes: int = 2 * MIB,
    seed: int = 2026,
    today: dt.date | None = None,
    device_id: str = "curator-laptop",
    store_template: Path | None = None,
) -> CuratorYear:
    """Fill the data folder ``data_dir`` (it must hold no store) with a curator's year.

    ``store_template`` is a migrated empty store to copy (faster than migrating each time).
    """
    from sqlmodel import func, select

    from curator_desktop.services.catalogs.builtin import install_catalogs_in
    from curator_desktop.store.database import Database
    from curator_desktop.store.tables import (
        Attachment,
        ChangeLog,
        ChecklistTemplate,
        CuratorProfile,
        Visit,
    )

    rng = random.Random(seed)
    today = today or dt.date.today()
    data_dir = Path(data_dir)
    store_file = data_dir / "curator.sqlite3"
    _migrated(store_file, store_template)
    db = Database(store_file, device_id=device_id)
    try:
        with db.session() as session:
            install_catalogs_in(session)
            templates = {t.template_key: t for t in session.exec(select(ChecklistTemplate))}
            year = _Year(session, rng, today)
            year.add(CuratorProfile(full_name=_person(rng), region="Н-ская область"))
            school_rows = [year.school(n) for n in range(1, schools + 1)]
            session.flush()
            for school in school_rows:
                year.risk_profile(school)
            start = today - dt.timedelta(days=300)
            visit_rows = []
            for n in range(visits):
                school = school_rows[n % schools]
                day = start + dt.timedelta(days=round(n * 330 / max(visits, 1)))
                key = "primary-visit" if n < schools else "planned-visit"
                visit_rows.append(
                    year.visit(school, templates[key], templates["lesson-observation"], day)
                )
        with db.session() as session:  # the visits done are completed later: an edit
            for visit in visit_rows:
                if visit.planned_date <= today:
                    visit = session.get(Visit, visit.id)
                    visit.status, visit.actual_date = "completed", visit.planned_date
                    session.add(visit)
        done = [v for v in visit_rows if v.planned_date <= today] or visit_rows
        attachments_dir = data_dir / "attachments"
        with db.session() as session:
            for n in range(photos):
                sha = write_photo(attachments_dir, rng, photo_bytes)
                session.add(
                    Attachment(
                        sha256=sha,
                        file_name=f"IMG_{n + 1:04d}.jpg",
                        mime_type="image/jpeg",
                        size_bytes=photo_bytes,
                        owner_type="visit",
                        owner_id=done[n % len(done)].id,
                    )
                )
        with db.session() as session:
            history = int(session.exec(select(func.count()).select_from(ChangeLog)).one())
    finally:
        db.close()
    return CuratorYear(
        data_dir=data_dir,
        store_file=store_file,
        school_ids=tuple(s.id for s in school_rows),
        records=year.added + photos,
        history=history,
        photos=photos,
        photo_bytes=photos * photo_bytes,
    )


def export_full(data_dir: Path, target: Path, *, device_id: str = "curator-laptop") -> Any:
    """Write a full package of the store in ``data_dir``; returns the writer's summary."""
    from curator_desktop.services.exchange.package.format import Scope

    return export_scope(data_dir, target, Scope.full(), device_id=device_id)


def export_scope(data_dir: Path, target: Path, scope: Any, *, device_id: str) -> Any:
    """Write a package of ``scope`` from the store in ``data_dir``."""
    from curator_desktop.services.exchange.package.writer import write_package
    from curator_desktop.store.database import Database

    db = Database(data_dir / "curator.sqlite3", device_id=device_id)
    try:
        return write_package(
            db,
            target,
            attachments_dir=data_dir / "attachments",
            reports_dir=data_dir / "reports",
            scope=scope,
        )
    finally:
        db.close()


def migrated_template(folder: Path) -> Path:
    """An empty store migrated to head, to copy for each new store."""
    from curator_desktop.store import schema

    path = Path(folder) / "template.sqlite3"
    if not path.exists():
        schema.upgrade(path)
    return path


def package_records(path: Path) -> int:
    """The records a package carries (its history not counted), from its manifest."""
    import json
    import zipfile

    with zipfile.ZipFile(path) as archive:
        counts = json.loads(archive.read("manifest.json"))["counts"]
    return sum(n for table, n in counts.items() if table != "change_log")


def curator_packages(
    folder: Path,
    count: int,
    *,
    schools: int = 2,
    visits: int = 12,
    photos: int = 2,
    photo_bytes: int = 64 * 1024,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[Path, int]]:
    """``count`` full packages of distinct small curator stores: (path, records) each.

    Packages already in ``folder`` under the same names are taken as they are.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    template = migrated_template(folder)
    made: list[tuple[Path, int]] = []
    for n in range(count):
        existing = folder / f"curator-{n:03d}.curator"
        if existing.exists():  # kept from an earlier run (``--packages``)
            made.append((existing, package_records(existing)))
            continue
        with tempfile.TemporaryDirectory(prefix="curator-", dir=folder) as tmp:
            year = curator_year(
                Path(tmp),
                schools=schools,
                visits=visits,
                photos=photos,
                photo_bytes=photo_bytes,
                seed=10_000 + n,
                today=today,
                device_id=f"curator-{n:03d}",
                store_template=template,
            )
            summary = export_full(Path(tmp), folder / f"curator-{n:03d}.curator")
            made.append((summary.path, summary.record_count))
            del year
        if progress is not None:
            progress(n + 1)
    return made


# --- measuring ----------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ``function`` took, and what it returned."""
    import time

    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def result_row(
    what: str,
    seconds: list[float],
    *,
    reference_seconds: list[float] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """:func:`benchmarks.result_rows.result_row` for times in seconds."""
    reference = ms(reference_seconds) if reference_seconds else None
    return rows.result_row(what, ms(seconds), reference_ms=reference, **options)
