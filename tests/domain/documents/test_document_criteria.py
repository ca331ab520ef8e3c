"""The review criteria file: one set per document kind, the same criteria as the expert-review
checklist, sources cited, and a broken or older coordinator's file refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator_desktop.domain.documents.criteria import (
    RATINGS,
    builtin_criteria,
    builtin_criteria_path,
    load_criteria,
    parse_criteria_catalog,
)
from curator_desktop.domain.enums import DocumentType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import resource


def test_every_document_kind_has_criteria() -> None:
    for kind in DocumentType:
        criteria = load_criteria(kind)
        assert criteria.kind == kind.value and criteria.criteria
        assert all(c.text["ru"] and c.text["en"] for c in criteria.criteria)
    assert load_criteria("antirisk_programme").target_indicators
    assert load_criteria("antirisk_programme").per_direction
    assert not load_criteria("concept").target_indicators
    assert load_criteria("development_programme").programmes == ("minpros_school",)


def test_the_criteria_are_the_checklists() -> None:
    """The concept's criteria are the «documents-review» checklist's, word for word."""
    checklist = json.loads(resource("checklists", "documents-review.json").read_text("utf-8"))
    items = next(s for s in checklist["sections"] if s["key"] == "concept")["items"]
    rated = {i["key"].split(".", 1)[1]: i["text"] for i in items if i["type"] == "choice"}
    rated.pop("conclusion")
    criteria = load_criteria("concept")
    assert {c.key: dict(c.text) for c in criteria.criteria} == rated


def test_the_file_is_versioned_and_cites_its_sources() -> None:
    catalog = builtin_criteria()
    assert catalog.catalog_key == "document-criteria" and catalog.version
    assert len(catalog.sources) >= 2
    assert [catalog.rating_label(r, "ru") for r in RATINGS] == [
        "соответствует",
        "частично соответствует",
        "не соответствует",
    ]
    assert catalog.conclusion_label("revise", "ru") == "на доработку"


def test_an_unknown_kind() -> None:
    with pytest.raises(ValidationError, match="school_plan"):
        load_criteria("school_plan")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format=2), "format"),
        (lambda d: d["kinds"]["concept"].update(criteria=[]), "kinds.concept.criteria"),
        (lambda d: d["kinds"]["concept"]["criteria"][0].update(key="Bad key"), "key"),
        (lambda d: d["kinds"]["concept"]["criteria"][1].update(text={"en": "x"}), "text"),
        (lambda d: d.update(ratings=d["ratings"][:2]), "ratings"),
    ],
)
def test_a_broken_file_is_refused(change, field: str, tmp_path: Path) -> None:
    data = json.loads(builtin_criteria_path().read_text("utf-8"))
    change(data)
    with pytest.raises(ValidationError) as caught:
        parse_criteria_catalog(json.dumps(data), source=tmp_path / "criteria.json")
    assert "criteria.json" in str(caught.value) and field in (caught.value.field or "")
