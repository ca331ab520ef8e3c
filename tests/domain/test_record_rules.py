"""The rules of stored records, shared by the editors and the exchange import: single fields,
checklist answers, snapshots, and each kind of record (valid values pass, odd ones are named)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest

from curator_desktop.domain.catalogs import records as catalogs
from curator_desktop.domain.catalogs.validation import validate_checklist_template
from curator_desktop.domain.checklists.items import answer_is_valid, answer_problem, item_index
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import (
    choice_problem,
    date_problem,
    number_problem,
    shown,
    text_problem,
    year_problem,
)
from curator_desktop.domain.plan.links import link_problems
from curator_desktop.domain.reports.rules import report_problems
from curator_desktop.domain.risk.records import assessment_problems, evidence_problems
from curator_desktop.domain.roadmap.records import document_problems, item_problems
from curator_desktop.domain.schools.assignment import assignment_problems
from curator_desktop.domain.schools.documents import review_problems
from curator_desktop.domain.visits import rules as visits
from curator_desktop.paths import resource_dir

TODAY = dt.date(2026, 11, 20)
TEMPLATE = json.loads((resource_dir() / "checklists" / "primary-visit.json").read_text("utf-8"))


def _item(kind: str, **extra: Any) -> dict[str, Any]:
    return {"key": "q", "type": kind, "text": {"ru": "В", "en": "Q"}, **extra}


CHOICE = _item("choice", options=[{"value": "a", "label": {"ru": "А", "en": "A"}}])
MULTI = _item("multi_choice", options=CHOICE["options"])


def test_single_fields() -> None:
    assert choice_problem("open", ("open", "done")) is None
    assert choice_problem(None, ("open",), optional=True) is None
    assert "in_progress" in (choice_problem("in_progress", ("open", "done")) or "")
    assert text_problem("x" * 10, 10) is None
    assert "10" in (text_problem("x" * 11, 10) or "")
    assert text_problem("  ", required=True) and text_problem(5)
    assert date_problem(dt.date(2000, 1, 1)) is None and date_problem(dt.date(2100, 12, 31)) is None
    assert date_problem(dt.date(9999, 12, 31)) and date_problem(dt.date(1999, 12, 31))
    assert year_problem(2026) is None and year_problem(None, optional=True) is None
    assert year_problem(9999) and year_problem(True) and year_problem(None)
    assert number_problem(0) is None and number_problem(-1) and number_problem(2, low=3)
    assert number_problem(5, high=4) and number_problem(1.5) and number_problem(False)
    assert len(shown("я" * 790_000)) == 40 and shown("a\nb") == "a b"


@pytest.mark.parametrize(
    ("item", "good", "bad"),
    [
        (_item("yes_no_partly"), ["yes", "na"], [True, {"yes": 1}, ["yes"], 1]),
        (_item("scale", scale={"min": 0, "max": 2}), [0, 2], [3, 1.0, True, "1"]),
        (_item("number"), [0, -5, 2.5, 10**12], [10**30, math.inf, math.nan, "5", True]),
        (_item("text"), ["", "текст"], [5, "я" * 100_001, None]),
        (_item("date"), ["2026-02-20"], ["2026-02-30", "9999-12-31", "1999-01-01", 20260220]),
        (CHOICE, ["a"], ["b", {"a": 1}, ["a"]]),
        (MULTI, [["a"], []], ["a", [{"a": 1}], [["a"]], ["b"]]),
    ],
)
def test_answers_fit_their_item_and_odd_values_never_raise(
    item: dict[str, Any], good: list[Any], bad: list[Any]
) -> None:
    for value in good:
        assert answer_is_valid(item, value), value
    for value in bad:
        assert not answer_is_valid(item, value), value


def test_an_answer_problem_names_a_missing_item_or_a_value_that_does_not_fit() -> None:
    items = item_index(TEMPLATE)
    key = next(k for k, item in items.items() if item["type"] == "yes_no_partly")
    assert answer_problem(items, key, "yes") is None
    assert answer_problem(items, key, None) is None
    assert key in (answer_problem(items, key, {"yes": True}) or "")
    assert "no-such" in (answer_problem(items, "no-such", "yes") or "")
    assert item_index("мусор") == {} and item_index({"sections": [{"items": 5}]}) == {}


def test_a_condition_expecting_an_object_is_an_error_not_a_crash() -> None:
    text = {"ru": "Т", "en": "T"}
    follow = _item("text", condition={"item": "q", "equals": {"a": 1}}) | {"key": "follow"}
    template = {
        "format": 1,
        "id": "conditions",
        "version": 1,
        "purpose": "visit",
        "title": text,
        "visit_types": ["planned"],
        "sections": [{"key": "s", "title": text, "items": [CHOICE, follow]}],
    }
    with pytest.raises(ValidationError, match="cannot have"):
        validate_checklist_template(template, source="conditions.json")


def test_a_snapshot_is_a_valid_template_or_none() -> None:
    assert catalogs.snapshot_problems({"template_snapshot": None}) == {}
    assert catalogs.snapshot_problems({"template_snapshot": TEMPLATE}) == {}
    for garbage in ("мусор", [1, 2], {"sections": "x"}, {"sections": [{"items": None}]}):
        assert "template_snapshot" in catalogs.snapshot_problems({"template_snapshot": garbage})


def _items(template: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in template["sections"] for item in section["items"]]


def test_a_remembered_verdict_is_not_given_to_content_equal_only_to_python() -> None:
    assert catalogs.template_problem(TEMPLATE) is None  # judged, then remembered
    required = json.loads(json.dumps(TEMPLATE))
    next(i for i in _items(required) if i.get("required") is True)["required"] = 1
    scale = json.loads(json.dumps(TEMPLATE))
    next(i for i in _items(scale) if i["type"] == "scale")["scale"]["min"] = 0.0
    for twin in (required, scale):
        assert twin == TEMPLATE  # True == 1 and 0 == 0.0 to Python, not to the schema
        assert catalogs.template_problem(twin) is not None


def test_a_template_record_agrees_with_its_content() -> None:
    record = {
        "template_key": TEMPLATE["id"],
        "version": TEMPLATE["version"],
        "purpose": TEMPLATE["purpose"],
        "content": TEMPLATE,
    }
    assert catalogs.template_problems(record) == {}
    assert set(catalogs.template_problems({**record, "version": 99})) == {"version"}
    assert set(catalogs.template_problems({**record, "content": {"x": 1}})) == {"content"}


def test_visit_records() -> None:
    good = {
        "visit_type": "planned",
        "status": "completed",
        "planned_date": dt.date(2026, 11, 1),
        "actual_date": dt.date(2026, 11, 2),
        "start_time": dt.time(9, 0),
        "end_time": dt.time(11, 0),
        "next_visit_date": dt.date(2026, 12, 1),
        "template_snapshot": TEMPLATE,
        "purpose": "Плановое посещение",
    }
    assert visits.visit_problems(good) == {}
    bad = {
        **good,
        "visit_type": "picnic",
        "status": "archived",
        "end_time": dt.time(8, 0),
        "next_visit_date": dt.date(2026, 10, 1),
        "planned_date": dt.date(9999, 1, 1),
        "notes": "я" * 100_001,
    }
    assert set(visits.visit_problems(bad)) == {
        "visit_type",
        "status",
        "end_time",
        "next_visit_date",
        "planned_date",
        "notes",
    }
    assert visits.participant_problems({"full_name": "я" * 1001}).keys() == {"full_name"}
    assert visits.recommendation_problems({"status": "someday"}).keys() == {"status"}
    assert visits.attachment_problems({"owner_type": "school", "size_bytes": -1}).keys() == {
        "owner_type",
        "size_bytes",
    }
    assert visits.finding_problems({"factor_code": "", "text": "x"}).keys() == {"factor_code"}


def test_risk_records() -> None:
    good = {"year": 2026, "factor_code": "R01", "questionnaire_level": "high"}
    assert assessment_problems(good, today=TODAY) == {}
    bad = {**good, "year": 9999, "verdict": "maybe", "verified_on": dt.date(2027, 1, 1)}
    assert set(assessment_problems(bad, today=TODAY)) == {"year", "verdict", "verified_on"}
    assert evidence_problems({"kind": "note", "note": "Видел сам"}) == {}
    assert evidence_problems({"kind": "visit", "visit_id": "v1"}) == {}
    assert evidence_problems({"kind": "visit"}).keys() == {"visit_id"}
    assert evidence_problems({"kind": "rumour"}).keys() == {"kind"}


def test_catalog_school_document_report_roadmap_and_link_records() -> None:
    catalog = {"catalog_key": "fioco", "version": "2026", "title_ru": "Р", "title_en": "R"}
    assert catalogs.catalog_problems(catalog) == {}
    assert catalogs.catalog_problems({**catalog, "max_active_directions": 0}).keys() == {
        "max_active_directions"
    }
    factor = {"code": "R01", "name_ru": "Р", "name_en": "R", "year_from": 2030, "year_to": 2021}
    assert catalogs.factor_problems(factor).keys() == {"year_to"}
    assignment = {"curator_name": "Соколова М. В.", "assigned_from": dt.date(2026, 9, 1)}
    assert assignment_problems(assignment) == {}
    assert assignment_problems({**assignment, "curator_name": "123"}).keys() == {"curator_name"}
    review = {"document_type": "concept", "criteria": {"goals": {"value": "partly"}}}
    assert review_problems(review) == {}
    assert review_problems({**review, "criteria": {"goals": {"value": "maybe"}}}).keys() == {
        "criteria"
    }
    assert report_problems({"kind": "visit", "version": 1}) == {}
    assert report_problems({"kind": "memo", "version": 0}).keys() == {"kind", "version"}
    assert document_problems({"year": 2026, "legend": {"ОО": "школа"}}) == {}
    assert document_problems({"year": 9999, "legend": ["x"]}).keys() == {"year", "legend"}
    item = {"deadline_kind": "dated", "deadline_ranges": [["2026-01-01", "2026-02-01"]]}
    assert item_problems(item) == {}
    for ranges in ("x", [["2026-13-01", "2026-02-01"]], [["2026-03-01", "2026-02-01"]], [[1, 2]]):
        assert item_problems({**item, "deadline_ranges": ranges}).keys() == {"deadline_ranges"}
    assert link_problems({"target_type": "visit", "target_id": "v1"}) == {}
    assert link_problems({"target_type": "school", "target_id": ""}).keys() == {
        "target_type",
        "target_id",
    }
