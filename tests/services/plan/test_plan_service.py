"""The roadmap service on real stores: the three real roadmaps, a new edition of one, the plan's
lists on a fixed day, the curator's relations (filters and corrections), marks, links and items
added by hand. What the rules judge comes from ``relation.judge`` itself, so these tests hold
whatever the rules are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.plan.schedule import PlanBucket, PlanStatus
from curator_desktop.domain.roadmap.document import DeadlineKind
from curator_desktop.domain.roadmap.editions import ChangeKind
from curator_desktop.domain.roadmap.relation import MINE, Relation, judge
from curator_desktop.services.plan.service import Plan, PlanEntry, PlanService
from curator_desktop.services.roadmap.importing import item_of
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RoadmapItem, RoadmapLink, School, Visit
from tests.conftest import ROADMAPS

SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"
MID_MARCH = dt.date(2021, 3, 15)


@pytest.fixture
def service(database: Database, tmp_path: Path) -> PlanService:
    return PlanService(database, backup_dir=tmp_path / "backups")


def add_visit(database: Database, status: str, day: dt.date) -> str:
    """A school with one visit in ``status``; the visit's id."""
    with database.session() as session:
        school = School(full_name="МБОУ «Ельнинская СОШ № 1»", short_name="Ельнинская СОШ № 1")
        session.add(school)
        session.flush()
        visit = Visit(school_id=school.id, visit_type="primary", status=status, planned_date=day)
        session.add(visit)
    return visit.id


def by_number(plan: Plan) -> dict[str, PlanEntry]:
    return {entry.number: entry for entry in plan.entries if entry.document_id}


def numbers(entries: list[PlanEntry]) -> list[str]:
    return [entry.number for entry in entries]


def import_file(service: PlanService, path: Path) -> str:
    return service.import_(service.preview(path)).document_id


# --- import -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("leningrad-oblast-2021.txt", 64),
        ("smolensk-oblast-2021.txt", 38),
        ("spb-vasileostrovsky-2021.txt", 54),
    ],
)
def test_real_roadmaps_preview_and_import(
    service: PlanService, tmp_path: Path, name: str, items: int
) -> None:
    preview = service.preview(ROADMAPS / name)
    assert len(preview.roadmap.items) == items
    judged = [judge(item).relation for item in preview.roadmap.items]
    curator = sum(1 for relation in judged if relation in MINE)
    assert preview.curator_count == curator
    assert preview.existing_id is None and not preview.already_imported

    result = service.import_(preview)

    assert (result.added, result.changed, result.removed, result.edition) == (items, 0, 0, 1)
    assert result.backup is not None and result.backup.exists()
    assert result.backup.parent == tmp_path / "backups"
    [(document_id, _title, year)] = service.documents()
    assert (document_id, year) == (result.document_id, 2021)
    assert len(service.plan(MID_MARCH, relations=None).entries) == items
    assert len(service.plan(MID_MARCH).entries) == curator
    shared = service.entries(MID_MARCH, relations=frozenset({Relation.SHARE}))
    assert len(shared) == judged.count(Relation.SHARE)
    for entry in service.entries(MID_MARCH, relations=None):
        assert not entry.relation_set_by_user
        if entry.relation != Relation.NONE:
            assert entry.relation_reason  # every relation the rules give says why


def test_three_roadmaps_side_by_side_and_filtered_by_document(service: PlanService) -> None:
    ids = {path.name: import_file(service, path) for path in sorted(ROADMAPS.glob("*.txt"))}
    assert len(service.documents()) == 3
    everything = service.plan(MID_MARCH, relations=None)
    assert len(everything.entries) == 64 + 38 + 54
    smolensk = service.plan(MID_MARCH, relations=None, document_id=ids[SMOLENSK.name])
    assert {entry.document_id for entry in smolensk.entries} == {ids[SMOLENSK.name]}
    assert len(smolensk.entries) == 38
    spb = service.plan(MID_MARCH, document_id=ids["spb-vasileostrovsky-2021.txt"])
    assert all(entry.legend.get("АР") == "администрация района" for entry in spb.entries)


def test_the_same_file_again_is_already_imported(service: PlanService) -> None:
    import_file(service, SMOLENSK)
    again = service.preview(SMOLENSK)
    assert again.already_imported
    with pytest.raises(ValidationError, match="imported already"):
        service.import_(again)
    assert len(service.documents()) == 1


def write_new_edition(tmp_path: Path) -> Path:
    """Smolensk's roadmap as amended: item 9 moved from June to September, item 36 dropped,
    an item 39 added."""
    lines = SMOLENSK.read_text(encoding="utf-8").split("\n")
    edited: list[str] = []
    for line in lines:
        cells = line.split("\t")
        if cells[0] == "9":
            assert cells[3] == "Июнь"
            cells[3] = "Сентябрь"
        if cells[0] == "36":
            continue
        edited.append("\t".join(cells))
        if cells[0] == "38":
            edited.append(
                "39\tПосещение школ кураторами по итогам года\tСправки по итогам посещения"
                "\tДекабрь\tКураторы\tСправки"
            )
    path = tmp_path / "smolensk-2021-new.txt"
    path.write_text("\n".join(edited), encoding="utf-8")
    return path


def other_than(relation: Relation) -> Relation:
    """A correction that differs from what the rules said."""
    return Relation.ATTEND if relation != Relation.ATTEND else Relation.SHARE


def testwrite_new_edition_changes_and_keeps_the_curators_marks(
    service: PlanService, database: Database, tmp_path: Path
) -> None:
    document_id = import_file(service, SMOLENSK)
    before = by_number(service.plan(MID_MARCH, relations=None))
    item9, item36 = before["9"].item_id, before["36"].item_id
    corrected9 = other_than(before["9"].relation)
    corrected1 = Relation.NONE if before["1"].relation != Relation.NONE else Relation.LEAD
    service.set_relation(item9, corrected9)
    service.set_relation(before["1"].item_id, corrected1)
    stale = other_than(before["2"].relation)  # as a store from before the rules changed holds
    with database.session() as session:
        row = session.get(RoadmapItem, before["2"].item_id)
        row.relation = stale.value
        session.add(row)
    service.set_done(item9, True, dt.date(2021, 6, 20))
    visit = add_visit(database, "planned", dt.date(2021, 6, 10))
    kept_link = service.link(item9, "visit", visit)
    dropped_link = service.link(item36, "visit", visit)

    preview = service.preview(write_new_edition(tmp_path))

    assert (preview.existing_id, preview.existing_edition) == (document_id, 1)
    assert not preview.already_imported
    counts = {kind: preview.count(kind) for kind in ChangeKind}
    assert counts == {
        ChangeKind.SAME: 36,
        ChangeKind.CHANGED: 1,
        ChangeKind.ADDED: 1,
        ChangeKind.REMOVED: 1,
    }
    [changed] = [c for c in preview.changes if c.kind == ChangeKind.CHANGED]
    assert changed.fields == ("deadline_text",)
    assert preview.old_items[changed.old_index].number == "9"
    [removed] = [c for c in preview.changes if c.kind == ChangeKind.REMOVED]
    assert preview.old_items[removed.old_index].number == "36"
    [added] = [c for c in preview.changes if c.kind == ChangeKind.ADDED]
    assert preview.roadmap.items[added.new_index].number == "39"

    result = service.import_(preview)

    assert (result.document_id, result.edition) == (document_id, 2)
    assert (result.changed, result.added, result.removed, result.unchanged) == (1, 1, 1, 36)
    after = by_number(service.plan(MID_MARCH, relations=None))
    assert "36" not in after
    assert after["39"].relation == judge(preview.roadmap.items[added.new_index]).relation
    assert len(after) == 38
    assert after["9"].item_id == item9  # updated in place
    assert after["9"].deadline.text == "Сентябрь"
    assert after["9"].deadline.ranges[0].start == dt.date(2021, 9, 1)
    # the curator's corrections survive the new edition, and say so
    assert (after["9"].relation, after["9"].relation_set_by_user) == (corrected9, True)
    assert after["9"].relation_reason == "changed by you"
    assert (after["1"].relation, after["1"].relation_set_by_user) == (corrected1, True)
    # every item the curator did not correct is judged again by the rules
    assert after["2"].relation == before["2"].relation != stale
    with database.session() as session:
        rows = session.exec(select(RoadmapItem).where(RoadmapItem.document_id == document_id))
        for row in rows:
            if not row.relation_set_by_user and not row.deleted:
                assert row.relation == judge(item_of(row)).relation.value, row.number
    assert after["9"].marked_done and after["9"].done_on == dt.date(2021, 6, 20)
    assert [link.link_id for link in after["9"].links] == [kept_link]
    with database.session() as session:
        assert session.get(RoadmapItem, item36).deleted
        assert session.get(RoadmapLink, dropped_link).deleted
        assert not session.get(RoadmapLink, kept_link).deleted
    assert [d[0] for d in service.documents()] == [document_id]


def testwrite_new_edition_imported_as_a_separate_document(
    service: PlanService, tmp_path: Path
) -> None:
    first = import_file(service, SMOLENSK)
    preview = service.preview(write_new_edition(tmp_path))
    result = service.import_(preview, as_new=True)
    assert result.document_id != first and result.added == 38
    assert len(service.documents()) == 2
    assert len(service.plan(MID_MARCH, relations=None, document_id=first).entries) == 38


# --- the plan -----------------------------------------------------------------------------------


def test_plan_lists_on_a_fixed_day(service: PlanService) -> None:
    import_file(service, SMOLENSK)
    plan = service.plan(MID_MARCH, relations=None)

    assert sorted(numbers(plan.bucket(PlanBucket.OVERDUE))) == ["1", "17", "2", "4"]
    assert sorted(numbers(plan.bucket(PlanBucket.THIS_MONTH))) == [
        *("18", "20", "21", "22", "36", "5", "6")
    ]
    assert len(plan.bucket(PlanBucket.UPCOMING)) == 26
    assert numbers(plan.bucket(PlanBucket.NO_DATE)) == ["10"]
    assert plan.bucket(PlanBucket.DONE) == []
    entries = by_number(plan)
    first = entries["1"].standing
    assert (first.status, first.due, first.days_overdue) == (
        PlanStatus.OVERDUE,
        dt.date(2021, 2, 28),
        15,
    )
    assert entries["16"].standing.due == dt.date(2021, 6, 30)  # «Июнь, декабрь»: June first
    dues = [entry.standing.due or dt.date.max for entry in plan.entries]
    assert dues == sorted(dues)
    later = by_number(service.plan(dt.date(2021, 7, 10), relations=None))
    assert later["16"].standing.due == dt.date(2021, 12, 31)

    undated = entries["10"]
    assert undated.deadline.kind == DeadlineKind.UNDATED
    assert undated.standing.bucket == PlanBucket.NO_DATE and undated.standing.due is None


def test_marks_move_items_between_lists(service: PlanService) -> None:
    import_file(service, SMOLENSK)
    entries = by_number(service.plan(MID_MARCH, relations=None))
    service.set_done(entries["1"].item_id, True, MID_MARCH)
    plan = service.plan(MID_MARCH, relations=None)
    assert numbers(plan.bucket(PlanBucket.DONE)) == ["1"]
    assert by_number(plan)["1"].done_on == MID_MARCH
    service.set_done(entries["1"].item_id, False)
    assert by_number(service.plan(MID_MARCH, relations=None))["1"].standing.bucket == (
        PlanBucket.OVERDUE
    )


def test_the_relation_filters_and_corrections(service: PlanService) -> None:
    """«Mine» is ведёт + посещает, «I take part» участвует, None every item; a correction
    moves the item between them at once and says it is the curator's."""
    import_file(service, SMOLENSK)
    item = by_number(service.plan(MID_MARCH, relations=None))["4"].item_id
    shared = frozenset({Relation.SHARE})
    for relation, mine, share in (
        (Relation.LEAD, True, False),
        (Relation.ATTEND, True, False),
        (Relation.SHARE, False, True),
        (Relation.NONE, False, False),
    ):
        service.set_relation(item, relation)
        assert ("4" in by_number(service.plan(MID_MARCH))) == mine
        assert ("4" in {e.number for e in service.entries(MID_MARCH, relations=shared)}) == share
        entry = by_number(service.plan(MID_MARCH, relations=None))["4"]
        assert (entry.relation, entry.relation_set_by_user) == (relation, True)
        assert entry.relation_reason == "changed by you"
    with pytest.raises(ValidationError):
        service.set_relation(item, "boss")
    everything = service.entries(MID_MARCH, relations=None)
    mine = service.entries(MID_MARCH)  # what «Today» asks for
    assert {e.item_id for e in mine} == {e.item_id for e in everything if e.relation in MINE}


def test_links_to_a_completed_visit_make_an_item_done(
    service: PlanService, database: Database
) -> None:
    import_file(service, SMOLENSK)
    item = by_number(service.plan(MID_MARCH, relations=None))["5"].item_id
    completed = add_visit(database, "completed", dt.date(2021, 3, 10))
    planned = add_visit(database, "planned", dt.date(2021, 3, 25))
    visits = {target.target_id: target for target in service.candidates("visit")}
    assert visits[completed].fulfilled and not visits[planned].fulfilled
    assert visits[completed].school == "Ельнинская СОШ № 1"

    first = service.link(item, "visit", completed)
    assert service.link(item, "visit", completed) == first  # linked once only
    entry = by_number(service.plan(MID_MARCH, relations=None))["5"]
    assert entry.standing.status == PlanStatus.DONE and not entry.marked_done
    assert [link.target.target_id for link in entry.links] == [completed]

    second = service.link(item, "visit", planned)
    assert (
        by_number(service.plan(MID_MARCH, relations=None))["5"].standing.status
        == PlanStatus.PLANNED
    )
    service.unlink(second)
    assert (
        by_number(service.plan(MID_MARCH, relations=None))["5"].standing.bucket == PlanBucket.DONE
    )
    with pytest.raises(ValidationError):
        service.link(item, "school", completed)


def test_items_added_by_hand(service: PlanService) -> None:
    with pytest.raises(ValidationError) as refused:
        service.add_item("  ", "март")
    assert refused.value.field == "title"

    item = service.add_item(
        "Подготовить справку по итогам выезда", "до 20.03.2021", responsible="куратор"
    )
    vague = service.add_item("Созвониться с директором", "когда получится", year=2021)
    plan = service.plan(MID_MARCH)
    [entry] = [e for e in plan.entries if e.item_id == item]
    assert entry.manual and entry.relation == Relation.LEAD and entry.responsible == "куратор"
    assert entry.relation_reason == "added by you"
    assert entry.standing.due == dt.date(2021, 3, 20)
    assert entry.standing.bucket == PlanBucket.THIS_MONTH
    [unparsed] = [e for e in plan.entries if e.item_id == vague]
    assert unparsed.deadline.kind == DeadlineKind.UNPARSED
    assert unparsed.deadline.text == "когда получится"
    assert unparsed.standing.bucket == PlanBucket.NO_DATE

    service.delete_item(item)
    assert item not in {e.item_id for e in service.plan(MID_MARCH).entries}
    with pytest.raises(ValidationError):
        service.set_done(item, True)


def test_a_roadmaps_own_item_cannot_be_deleted(service: PlanService) -> None:
    import_file(service, SMOLENSK)
    entry = by_number(service.plan(MID_MARCH, relations=None))["5"]
    with pytest.raises(ValidationError, match="added by hand"):
        service.delete_item(entry.item_id)
    assert "5" in by_number(service.plan(MID_MARCH))
