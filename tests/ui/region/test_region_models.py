"""The region's table models: Qt's model contract, filters, search, sorting, flags' reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from curator_desktop.domain.region.summary import Flag
from curator_desktop.domain.text import sort_key
from curator_desktop.ui.common.models.row_table_model import ATTENTION, HIGHLIGHT_ROLE, ROW_ROLE
from curator_desktop.ui.region.curator_model import CuratorColumn, RegionCuratorModel
from curator_desktop.ui.region.filters import SchoolFilter
from curator_desktop.ui.region.flags import MARK
from curator_desktop.ui.region.school_model import RegionSchoolModel, SchoolColumn
from tests.ui.region.summaries import AS_OF, region, school

TIP = Qt.ItemDataRole.ToolTipRole


def _school_model(summary=None) -> RegionSchoolModel:
    summary = summary or region(40)
    model = RegionSchoolModel()
    model.set_summary_rows(summary.schools, summary.as_of)
    return model


def _names(model) -> list[str]:
    return [model.index(row, 0).data(ROW_ROLE).name for row in range(model.rowCount())]


def test_models_keep_qts_contract(qtmodeltester) -> None:
    summary = region(40)
    schools = _school_model(summary)
    qtmodeltester.check(schools)
    schools.set_filter(SchoolFilter(behind=True).predicate(), "школа")
    qtmodeltester.check(schools)
    curators = RegionCuratorModel()
    curators.set_summary_rows(summary.curators, summary.as_of)
    qtmodeltester.check(curators)


def test_filters_combine_with_the_search() -> None:
    summary = region(40)
    model = _school_model(summary)
    sample = summary.schools[1]
    curator, programme = sample.curators[0], sample.programme
    chosen = SchoolFilter(municipality=sample.municipality, curator=curator, programme=programme)
    model.set_filter(chosen.predicate())
    expected = [
        s.name
        for s in summary.schools
        if s.municipality == sample.municipality
        and curator in s.curators
        and s.programme == programme
    ]
    assert sorted(_names(model)) == sorted(expected) and 0 < len(expected) < 40
    model.set_filter(SchoolFilter(behind=True).predicate())
    assert model.rowCount() == sum(1 for s in summary.schools if s.flags) > 0
    assert all(model.index(r, 0).data(ROW_ROLE).behind for r in range(model.rowCount()))
    model.set_filter(None)
    assert model.rowCount() == 40 and not model.filtered()


def test_search_matches_every_word_ignoring_case_and_yo() -> None:
    summary = region(40)
    model = _school_model(summary)
    model.set_filter(None, "ГАТЧИНСКИЙ № 2")
    names = _names(model)
    assert names and all("№ 2" in name for name in names)
    model.set_filter(None, summary.schools[5].inn)
    assert _names(model) == [summary.schools[5].name]
    yo = dataclasses.replace(summary.schools[0], curators=("Артёмова Алёна Петровна",))
    model.set_summary_rows([yo, *summary.schools[1:]], summary.as_of)
    model.set_filter(None, "артемова")
    assert _names(model) == [yo.name]
    model.set_filter(None, "нет такой школы")
    assert model.rowCount() == 0


def test_the_schools_behind_come_first_then_by_name() -> None:
    summary = region(40)
    model = _school_model(summary)
    model.sort(SchoolColumn.NAME, Qt.SortOrder.AscendingOrder)
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(40)]
    behind = [row for row in rows if row.flags]
    assert rows[: len(behind)] == behind and 0 < len(behind) < 40
    keys = [sort_key(row.name) for row in behind]
    assert keys == sorted(keys)  # natural order: № 2 before № 10


def test_monitoring_stages_share_a_column() -> None:
    both = school(monitoring_1=True, monitoring_2=True)
    second = school(school_id="s2", monitoring_1=False, monitoring_2=True)
    model = RegionSchoolModel()
    model.set_summary_rows([both, second], AS_OF)
    texts = {model.index(r, 0).data(ROW_ROLE).school_id: r for r in range(2)}
    cell = model.index(texts["s2"], SchoolColumn.MONITORING)
    assert cell.data() == "2" and cell.data(TIP) == "Stage 1: no data yet\nStage 2: data entered"
    assert model.index(texts["s1"], SchoolColumn.MONITORING).data() == "1 and 2"


def test_sorting_orders_every_row_and_keeps_the_filter() -> None:
    summary = region(40)
    model = _school_model(summary)
    model.set_filter(SchoolFilter(programme="500plus").predicate())
    shown = model.rowCount()
    model.sort(SchoolColumn.RECOMMENDATIONS_OVERDUE, Qt.SortOrder.DescendingOrder)
    overdue = [model.index(r, 0).data(ROW_ROLE).recommendations_overdue for r in range(shown)]
    assert overdue == sorted(overdue, reverse=True) and model.rowCount() == shown
    model.sort(SchoolColumn.FIRST_VISIT, Qt.SortOrder.AscendingOrder)  # no date and dates mixed
    model.sort(SchoolColumn.LAST_PACKAGE, Qt.SortOrder.AscendingOrder)
    days = [model.index(r, 0).data(ROW_ROLE).last_package for r in range(shown)]
    known = [d for d in days if d is not None]
    assert known == sorted(known) and days[: len(days) - len(known)] == [None] * (
        len(days) - len(known)
    )
    model.set_filter(None)
    assert model.rowCount() == 40  # the whole region, in the new order
    model.sort(SchoolColumn.SELFDIAG, Qt.SortOrder.DescendingOrder)
    assert model.index(0, SchoolColumn.SELFDIAG).data() == "High"


def test_a_flag_shows_a_mark_and_its_reason_where_it_is_about() -> None:
    late = school(
        first_visit=None,
        first_visit_due=AS_OF - dt.timedelta(days=3),
        recommendations_overdue=2,
        flags=(
            Flag("first_visit_overdue", "Нет первого выезда: окно закрылось 05.12.2026"),
            Flag("recommendations_overdue", "Просрочено рекомендаций: 2"),
        ),
    )
    fine = school(school_id="s2", name="МБОУ «Школа № 2»")
    model = RegionSchoolModel()
    model.set_summary_rows([fine, late], AS_OF)
    row = next(r for r in range(2) if model.index(r, 0).data(ROW_ROLE) is late)
    other = 1 - row
    flag = model.index(row, SchoolColumn.NAME)
    assert flag.data() == f"{MARK} {late.name}" and flag.data(HIGHLIGHT_ROLE) == ATTENTION
    assert "окно закрылось" in flag.data(TIP) and "Просрочено" in flag.data(TIP)
    first = model.index(row, SchoolColumn.FIRST_VISIT)
    assert first.data() == f"{MARK} overdue" and first.data(HIGHLIGHT_ROLE) == ATTENTION
    assert first.data(TIP) == "Нет первого выезда: окно закрылось 05.12.2026"
    recs = model.index(row, SchoolColumn.RECOMMENDATIONS_OVERDUE)
    assert recs.data(HIGHLIGHT_ROLE) == ATTENTION and recs.data(TIP) == "Просрочено рекомендаций: 2"
    assert model.index(other, SchoolColumn.NAME).data() == fine.name
    assert model.index(other, SchoolColumn.NAME).data(HIGHLIGHT_ROLE) is None
    assert model.index(other, SchoolColumn.FIRST_VISIT).data() == "01/10/2026"


def test_first_visit_is_overdue_only_when_the_service_says_so() -> None:
    """A school no longer taking part is never behind: the service's flag decides."""
    late = school(first_visit=None, first_visit_due=AS_OF - dt.timedelta(days=1))
    coming = school(school_id="s2", first_visit=None, first_visit_due=AS_OF + dt.timedelta(days=9))
    model = RegionSchoolModel()
    model.set_summary_rows([late, coming], AS_OF)
    texts = {model.index(r, 0).data(ROW_ROLE).school_id: r for r in range(2)}
    late_cell = model.index(texts["s1"], SchoolColumn.FIRST_VISIT)
    coming_cell = model.index(texts["s2"], SchoolColumn.FIRST_VISIT)
    assert late_cell.data() == "—" and late_cell.data(HIGHLIGHT_ROLE) is None
    assert late_cell.data(TIP) == "The window for the first visit closed on 7 December 2026."
    assert coming_cell.data() == "by 17/12/2026" and coming_cell.data(HIGHLIGHT_ROLE) is None


def test_curators_behind_come_first_with_their_reasons() -> None:
    summary = region(60, curators=6)
    model = RegionCuratorModel()
    model.set_summary_rows(summary.curators, summary.as_of)
    model.sort(CuratorColumn.NAME, Qt.SortOrder.AscendingOrder)
    rows = [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]
    behind = [row.behind for row in rows]
    assert behind == sorted(behind, reverse=True) and any(behind)
    first = model.index(0, CuratorColumn.NAME)
    assert first.data() == f"{MARK} {rows[0].name}"
    assert first.data(TIP).endswith("\n".join(f.reason for f in rows[0].flags))
    age = model.index(0, CuratorColumn.DATA_AGE)
    assert "Recorded on the curator's computer until" in age.data(TIP)
    model.set_filter(None, rows[-1].name.split()[0].lower())
    assert rows[-1] in [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def test_old_data_is_marked_in_words_too() -> None:
    summary = region(10, curators=1)
    old = dataclasses.replace(
        summary.curators[0], data_recorded_until=dt.datetime(2026, 11, 1, 12, 0)
    )
    model = RegionCuratorModel()
    model.set_summary_rows([old], AS_OF)
    cell = model.index(0, CuratorColumn.DATA_AGE)
    assert cell.data() == f"{MARK} 37 days" and "ask for a fresh package" in cell.data(TIP)


def test_a_curators_overdue_items_are_split_in_the_tooltip() -> None:
    summary = region(10, curators=1)
    curator = dataclasses.replace(
        summary.curators[0], overdue_items=5, visits_overdue=2, recommendations_overdue=3
    )
    model = RegionCuratorModel()
    model.set_summary_rows([curator], AS_OF)
    tip = model.index(0, CuratorColumn.OVERDUE).data(TIP)
    assert tip.startswith("Visits overdue: 2; recommendations overdue: 3.")


def test_nothing_to_count_shows_a_dash() -> None:
    minpros = school(programme="minpros_school", risks_verified=0, risk_factors=0)
    model = RegionSchoolModel()
    model.set_summary_rows([minpros], AS_OF)
    assert model.index(0, SchoolColumn.RISKS).data() == "—"
    assert model.index(0, SchoolColumn.VISITS).data() == "2 / 4"
