"""The demo store: realistic, consistent and the same every time for the same date and seed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from curator_desktop.domain.checklists.items import (
    answer_is_valid,
    iter_items,
    missing_required,
    visible_items,
)
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.demo.builder import DemoSummary, create_demo_store, demo_cycle_year
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistAnswer,
    ChecklistTemplate,
    CuratorProfile,
    DocumentReview,
    LessonObservation,
    Recommendation,
    RiskAssessment,
    RiskCatalog,
    School,
    Visit,
    VisitFinding,
    VisitParticipant,
)

TODAY = dt.date(2026, 12, 7)
MakeStore = Callable[[str], Database]


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path
) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo store shared by the read-only checks of this module."""
    path = tmp_path_factory.mktemp("demo") / "curator.sqlite3"
    shutil.copy2(migrated_store_template, path)
    db = Database(path, device_id="test-demo")
    summary = create_demo_store(db, today=TODAY)
    yield db, summary
    db.close()


def _all(db: Database, table: Any) -> list[Any]:
    with db.session() as session:
        return list(session.exec(select(table)))


def test_counts(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    schools = _all(db, School)
    assert len(schools) == summary.schools == 8
    assert len({s.municipality for s in schools}) == summary.municipalities == 3
    assert len({s.region for s in schools}) == 1
    assert len(_all(db, Visit)) >= summary.visits >= 25  # the ШМР school's visits come apart
    assert 30 <= len(_all(db, Recommendation)) == summary.recommendations <= 60
    assert len(_all(db, LessonObservation)) == summary.lessons >= 8
    assert len(_all(db, ChecklistAnswer)) >= summary.answers > 600
    assert len(_all(db, DocumentReview)) == summary.document_reviews >= 3
    assert len(_all(db, VisitFinding)) == summary.findings > 40
    assert len(_all(db, ChecklistTemplate)) == summary.templates == _builtin_templates()
    assert "Schools: 8" in str(summary)


def _builtin_templates() -> int:
    from curator_desktop.services.catalogs.builtin import builtin_template_paths

    return len(builtin_template_paths())


def test_schools_look_real(demo: tuple[Database, DemoSummary]) -> None:
    db, _summary = demo
    schools = _all(db, School)
    assert all(is_valid_inn(s.inn) for s in schools)
    assert len({s.inn for s in schools}) == len(schools)
    assert {s.settlement_type for s in schools} == {"town", "village"}
    programmes = [s.programme for s in schools]
    assert programmes.count("minpros_school") == 1
    assert programmes.count("500plus") == 7
    assert [s.status for s in schools].count("completed") == 1
    for school in schools:
        assert school.full_name.startswith("Муниципальн") and "«" in school.short_name
        assert len(school.director_name.split()) == 3
        assert school.director_phone.startswith("+7 (") and "@" in school.director_email
        assert set(school.levels) <= {"noo", "ooo", "soo"} and "noo" in school.levels
        assert school.students_count and school.teachers_count
        assert school.students_count > school.teachers_count
    profile = _all(db, CuratorProfile)
    assert len(profile) == 1 and profile[0].full_name and profile[0].organisation


def test_risk_profiles_are_verified_like_a_curator_would(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _summary = demo
    schools = {s.id: s for s in _all(db, School)}
    limit = _all(db, RiskCatalog)[0].max_active_directions
    rows = _all(db, RiskAssessment)
    by_school: dict[str, list[RiskAssessment]] = defaultdict(list)
    for row in rows:
        by_school[row.school_id].append(row)
    profiled = {schools[sid].short_name for sid in by_school}
    assert profiled == {s.short_name for s in schools.values() if s.programme == "500plus"}
    verdicts = {row.verdict for row in rows}
    assert {"confirmed", "rejected", "adjusted"} <= verdicts
    assert any(row.verdict is None for row in rows), "one school is still being verified"
    for school_id, school_rows in by_school.items():
        school = schools[school_id]
        years = {row.year for row in school_rows}
        expected_year = TODAY.year if school.status == "active" else TODAY.year - 1
        assert years == {expected_year}
        assert len(school_rows) == 11
        activated = [row for row in school_rows if row.activated]
        assert 1 <= len(activated) <= limit, school.short_name
        for row in school_rows:
            assert row.questionnaire_level in {"high", "medium", "low", "none"}
            if row.verdict not in (None, "confirmed"):
                assert row.justification.strip(), (school.short_name, row.factor_code)
            if row.verdict == "adjusted":
                assert row.adjusted_level not in (None, row.questionnaire_level)
            if row.activated:
                assert row.verdict in ("confirmed", "adjusted")
            if row.verdict is not None:
                assert row.verified_on is not None and row.verified_on <= TODAY
            if row.medk_entered:
                assert (
                    row.verified_on
                    and row.medk_entered_on
                    and row.medk_entered_on >= row.verified_on
                )
    assert any(row.medk_entered for row in rows) and not all(row.medk_entered for row in rows)


def test_visits_spread_over_the_year_with_realistic_statuses(
    demo: tuple[Database, DemoSummary],
) -> None:
    """7 December: the year's visits done, the final ones under way (one today), the rest
    planned within the next weeks; one November visit did not take place and says why."""
    db, _summary = demo
    schools = {s.id: s for s in _all(db, School)}
    visits = [v for v in _all(db, Visit) if schools[v.school_id].programme == "500plus"]
    types = [v.visit_type for v in visits]
    assert types.count("primary") == types.count("final") == 6
    assert types.count("remote") == 3 and "planned" in types
    statuses = [v.status for v in visits]
    assert statuses.count("in_progress") == 1
    for visit in visits:
        assert visit.planned_date is not None and visit.planned_date.year == TODAY.year
        assert visit.purpose and visit.template_id and visit.template_snapshot
        if visit.status == "completed":
            assert visit.actual_date is not None and visit.actual_date < TODAY
            assert visit.completed_at is not None
        if visit.status == "planned":
            assert visit.actual_date is None
    overdue = [v for v in visits if v.status == "planned" and v.planned_date < TODAY]
    future = [v for v in visits if v.planned_date > TODAY]
    assert len(overdue) == 1 and overdue[0].notes
    assert future and all(v.status == "planned" for v in future)
    participants = _all(db, VisitParticipant)
    visits_with_people = {p.visit_id for p in participants}
    assert visits_with_people >= {v.id for v in visits}
    assert all(p.full_name and p.position and p.role for p in participants)


def _answers_by_owner(db: Database) -> dict[tuple[str, str | None], dict[str, Any]]:
    owners: dict[tuple[str, str | None], dict[str, Any]] = defaultdict(dict)
    for answer in _all(db, ChecklistAnswer):
        owners[(answer.visit_id, answer.lesson_id)][answer.item_key] = answer.value
    return owners


def test_completed_visits_answer_every_required_shown_item(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _summary = demo
    answers = _answers_by_owner(db)
    lessons = _all(db, LessonObservation)
    for visit in _all(db, Visit):
        given = answers.get((visit.id, None), {})
        content = visit.template_snapshot
        if content is None:  # a consultation without a checklist
            assert not given
            continue
        if visit.status == "completed":
            assert given, visit.planned_date
            assert missing_required(content, given) == []
        elif visit.status == "in_progress":
            assert given and missing_required(content, given), "in progress: partly answered"
        else:
            assert not given
        shown = {item["key"]: item for item in visible_items(content, given)}
        for key, value in given.items():
            assert key in shown, f"{key} answered although its condition hides it"
            assert answer_is_valid(shown[key], value), (key, value)
    for lesson in lessons:
        given = answers[(lesson.visit_id, lesson.id)]
        assert lesson.teacher and lesson.subject and lesson.class_name and lesson.topic
        assert lesson.template_snapshot is not None
        assert lesson.template_snapshot["purpose"] == "lesson"
        keys = {item["key"] for item in iter_items(lesson.template_snapshot)}
        assert set(given) <= keys
    assert any(a.comment for a in _all(db, ChecklistAnswer))


def test_planned_visits_answer_the_schools_activated_directions(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _summary = demo
    activated: dict[str, list[str]] = defaultdict(list)
    for row in _all(db, RiskAssessment):
        if row.activated:
            activated[row.school_id].append(row.factor_code)
    answers = _answers_by_owner(db)
    checked = 0
    for visit in _all(db, Visit):
        given = answers.get((visit.id, None), {})
        if visit.status == "completed" and "general.directions" in given:
            assert sorted(given["general.directions"]) == sorted(activated[visit.school_id])
            for code in given["general.directions"]:
                assert f"{code.lower()}.measures_on_schedule" in given
            checked += 1
    assert checked >= 2


def test_recommendations_and_documents(demo: tuple[Database, DemoSummary]) -> None:
    db, _summary = demo
    recs = _all(db, Recommendation)
    statuses = {r.status for r in recs}
    assert statuses == {"open", "done", "cancelled"}
    overdue = [r for r in recs if r.status == "open" and r.deadline < TODAY]
    assert len(overdue) >= 2
    for rec in recs:
        assert rec.text and rec.responsible and rec.deadline
        if rec.status in ("done", "cancelled"):
            assert rec.closed_on is not None and rec.closed_on <= TODAY
    reviews = _all(db, DocumentReview)
    accepted_concepts = [
        r for r in reviews if r.document_type == "concept" and r.conclusion == "accept"
    ]
    returned = [
        r for r in reviews if r.document_type == "antirisk_programme" and r.conclusion == "revise"
    ]
    assert accepted_concepts
    assert returned and all(r.revision_deadline and r.factor_code for r in returned)
    for review in reviews:
        assert review.reviewed_on and review.received_on <= review.reviewed_on <= TODAY
        assert {c["value"] for c in review.criteria.values()} <= {"meets", "partly", "not_meets"}
        assert len(review.criteria) == 7


def _fingerprint(db: Database) -> list[Any]:
    with db.session() as session:
        schools = {s.id: s.short_name for s in session.exec(select(School))}
        visits = {
            v.id: (schools[v.school_id], v.planned_date.isoformat())
            for v in session.exec(select(Visit))
        }
        answers = sorted(
            (
                *visits[a.visit_id],
                a.lesson_id is not None,
                a.item_key,
                json.dumps(a.value),
                a.comment,
            )
            for a in session.exec(select(ChecklistAnswer))
        )
        names = sorted((s.full_name, s.inn, s.director_name) for s in session.exec(select(School)))
        risks = sorted(
            (
                schools[r.school_id],
                r.factor_code,
                r.questionnaire_level,
                str(r.verdict),
                r.activated,
            )
            for r in session.exec(select(RiskAssessment))
        )
    return [names, answers, risks]


def test_same_date_and_seed_give_the_same_store(make_store: MakeStore) -> None:
    first, second, other = make_store("first"), make_store("second"), make_store("other")
    create_demo_store(first, today=TODAY, seed=7)
    create_demo_store(second, today=TODAY, seed=7)
    create_demo_store(other, today=TODAY, seed=8)
    assert _fingerprint(first) == _fingerprint(second)
    assert _fingerprint(first) != _fingerprint(other)


@pytest.mark.parametrize(
    "today", ["2026-01-05", "2026-03-01", "2026-05-02", "2026-07-15", "2026-12-31"]
)
def test_any_date_gives_a_consistent_store(make_store: MakeStore, today: str) -> None:
    """Whatever the day, the demo tells one cycle year (the current one from May, else the one
    before, whole): nothing after today is done, every completed visit is answered."""
    day = dt.date.fromisoformat(today)
    year = demo_cycle_year(day)
    db = make_store(today)
    summary = create_demo_store(db, today=day)
    assert summary.visits >= 12 and summary.recommendations >= 10
    answers = _answers_by_owner(db)
    schools = {s.id: s for s in _all(db, School)}
    for visit in _all(db, Visit):
        if schools[visit.school_id].programme != "500plus":
            continue
        assert visit.planned_date.year == year
        assert visit.planned_date <= day + dt.timedelta(days=60)
        if visit.status == "completed":
            assert visit.planned_date < day
            assert missing_required(visit.template_snapshot, answers[(visit.id, None)]) == []
        else:
            assert visit.planned_date >= day or visit.notes
    for row in _all(db, RiskAssessment):
        if row.verified_on:
            assert row.verified_on <= day and row.verified_on.month == 3


def test_refuses_a_store_that_has_schools(database: Database) -> None:
    with database.session() as session:
        session.add(School(full_name="Школа", short_name="Школа"))
    with pytest.raises(ValidationError):
        create_demo_store(database, today=TODAY)
    with database.session() as session:
        assert len(session.exec(select(Visit)).all()) == 0
        assert len(session.exec(select(School)).all()) == 1


def test_works_after_the_catalogs_were_installed(database: Database) -> None:
    install_builtin_catalogs(database)
    summary = create_demo_store(database, today=TODAY)
    assert summary.schools == 8
    assert len(_all(database, ChecklistTemplate)) == _builtin_templates()
    assert len(_all(database, RiskCatalog)) == 1


def test_findings_and_recommendations_follow_the_verified_risks(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _summary = demo
    rows = {(r.school_id, r.factor_code): r for r in _all(db, RiskAssessment)}
    visits = {v.id: v for v in _all(db, Visit)}
    findings = _all(db, VisitFinding)
    assert findings
    for finding in findings:
        visit = visits[finding.visit_id]
        assert visit.status in ("completed", "in_progress") and finding.text
        assert rows[(visit.school_id, finding.factor_code)].verdict in ("confirmed", "adjusted")
    for rec in _all(db, Recommendation):
        if rec.factor_code:
            assert rows[(rec.school_id, rec.factor_code)].verdict in ("confirmed", "adjusted")


def test_demo_photos_are_real_jpegs_where_the_visits_saw_them(tmp_path: Path) -> None:
    from PIL import Image
    from sqlmodel import select

    from curator_desktop.paths import AppPaths
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.services.visits.files import stored_path
    from curator_desktop.store.tables import Attachment

    paths = AppPaths.resolve(tmp_path / "data", demo=True).ensure()
    opened = open_store(paths, device_id="test", demo=True, daily_backup=False)
    try:
        with opened.database.session() as session:
            rows = session.exec(select(Attachment)).all()
    finally:
        opened.close()
    assert len(rows) == 6
    assert {row.owner_type for row in rows} == {"lesson", "answer"}
    for row in rows:
        with Image.open(stored_path(paths.attachments_dir, row.sha256)) as image:
            assert image.format == "JPEG" and image.size == (1600, 1200)


# --- the content files in resources/demo ------------------------------------------------------


def test_every_demo_file_is_read_and_nothing_else_lies_there() -> None:
    from curator_desktop.paths import resource
    from curator_desktop.services.demo.loading import DEMO_DIR, FILES, load_demo_seeds

    folder = resource(DEMO_DIR)
    named = {f for f, _cls in FILES.values()}
    assert named <= {p.name for p in folder.iterdir()}
    sources = " ".join(
        path.read_text(encoding="utf-8")
        for path in (Path(__file__).parents[3] / "curator_desktop" / "services" / "demo").glob(
            "*.py"
        )
    )
    for path in folder.iterdir():
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path.name
        assert path.name in named or f'"{path.name}"' in sources, f"nothing reads {path.name}"
    seeds = load_demo_seeds()
    assert load_demo_seeds() is seeds, "read once"
    assert len(seeds.region.schools) == 8 and seeds.visits.lessons
    kinds = seeds.visits.kinds.values()
    assert not any(k.purpose.startswith("@") or k.agenda.startswith("@") for k in kinds)


def _visits(seeds: Any) -> list[Any]:
    return list(seeds.visits.kinds.values())


def test_demo_files_name_only_what_the_app_ships() -> None:
    """Templates, checklist items and risk factors the demo names exist in the built-ins."""
    from curator_desktop import paths
    from curator_desktop.services.catalogs.builtin import (
        RISK_CATALOG_PATH,
        builtin_template_paths,
        load_checklist_template,
        load_risk_catalog,
    )
    from curator_desktop.services.demo.loading import load_demo_seeds

    seeds = load_demo_seeds()
    templates = {c["id"]: c for c in map(load_checklist_template, builtin_template_paths())}
    items = {i["key"] for c in templates.values() for i in iter_items(c)}
    catalog = load_risk_catalog(paths.resource(*RISK_CATALOG_PATH))
    assert set(seeds.risks.factors) == {f["code"] for f in catalog["factors"]}
    assert {k.template for k in _visits(seeds) if k.template} <= set(templates)
    answers = seeds.answers
    named = {*answers.na_allowed, *answers.number_ranges, *answers.date_offsets}
    named |= {*answers.text_answers, *(p.item_key for p in seeds.visits.photos if p.item_key)}
    named |= {*answers.cycle_dates, *answers.lesson_answers, *answers.progress}
    named |= {*answers.not_above, *answers.not_above.values()}
    for kind in _visits(seeds):
        named |= {*kind.answers, *kind.lesson_answers}
    for visit in seeds.visits.visits:
        named |= set(visit.answers)
    assert named <= items, sorted(named - items)
    documents = seeds.documents
    assert answers.date_offsets["received.date"] == (-documents.received_days_before,) * 2
    deadlines = {k: v for k, v in answers.date_offsets.items() if k.endswith(".revision_deadline")}
    assert set(deadlines.values()) == {(documents.revision_days,) * 2}
    assert seeds.people.curator.region == seeds.region.region
    for review in documents.reviews:  # a review made at a visit agrees with its checklist
        if review.at_visit:
            kinds = seeds.visits.kinds
            visit = next(
                v
                for v in seeds.visits.visits
                if (v.school, v.type_of(kinds)) == (review.school, review.at_visit)
            )
            for criterion in documents.criteria:
                key = f"{review.document_type}.{criterion}"
                assert visit.answers[key] == review.criteria.get(criterion, "meets"), key


def _broken_copy(tmp_path: Path, file: str, edit: Callable[[str], str]) -> Path:
    from curator_desktop.paths import resource

    folder = tmp_path / "demo"
    shutil.copytree(resource("demo"), folder)
    path = folder / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("region.json", '"municipality": "kbrod"', '"municipality": "kbrd"', "unknown key “kbrd”"),
        ("visits.json", '"school": "ozerets-sosh"', '"school": "ozerets"', "unknown key “ozerets”"),
        ("visits.json", '"@planned_agenda"', '"@agenda"', "unknown key “agenda”"),
        ("visits.json", '"on": "06-03"', '"on": "07-03"', "must be a day from 06-01 to 06-30"),
        ("visits.json", '"on": "06-03"', '"on": "06-31"', "must be “MM-DD”"),
        ("visits.json", '"kind": "stage1"', '"kind": "stage3"', "unknown key “stage3”"),
        (
            "visits.json",
            '"window": ["06-01", "06-30"]',
            '"window": ["06-30", "06-01"]',
            "first day",
        ),
        ("visits.json", '"lessons": 2', '"lessons": "2"', "must be a whole number"),
        (
            "documents.json",
            '"at_visit": "remote"',
            '"at_visit": "unplanned"',
            "“final” | “planned” | “primary” | “remote”",
        ),
        ("documents.json", '"conclusion": "accept"', '"conclusion": "ok"', "must be “accept”"),
        ("risks.json", '"reject"', '"rejected"', "unknown key “rejected”"),
        ("people.json", '"roles": {', '"roles": {"x": "y", ', "unknown key “x”"),
        ("recommendations.json", '"done",', '"finished",', "must be “open”"),
        ("answers.json", "[4, 9]", "[9, 4]", "min not above max"),
        ("answers.json", '"generic_text": ["Замечаний нет."]', '"generic_text": []', "at least 1"),
        ("people.json", '"surnames"', '"surnames": [], "surnames"', "appears twice"),
    ],
)
def test_a_broken_demo_file_is_named_with_its_line(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    from curator_desktop.services.demo.loading import read_demo_seeds

    folder = _broken_copy(tmp_path, file, lambda text: text.replace(old, new, 1))
    with pytest.raises(ValidationError) as raised:
        read_demo_seeds(folder)
    message = str(raised.value)
    assert message.startswith(f"{file}, line ") and expected in message, message


def test_a_missing_or_unreadable_demo_file_is_named(tmp_path: Path) -> None:
    from curator_desktop.services.demo.loading import read_demo_seeds

    folder = _broken_copy(tmp_path, "risks.json", lambda text: text[:-20])
    with pytest.raises(ValidationError, match=r"risks\.json, line \d+, column \d+: invalid JSON"):
        read_demo_seeds(folder)
    (folder / "people.json").unlink()
    with pytest.raises(ValidationError, match=r"Cannot read .*people\.json"):
        read_demo_seeds(folder)
