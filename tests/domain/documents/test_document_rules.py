"""The documents' domain rules: the same refusal for the editor, the CLI and an imported
package; the status and history derived from versions and reviews."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.documents import (
    CriterionMark,
    DocumentStatus,
    ReviewRecord,
    VersionRecord,
)
from curator_desktop.domain.documents.expected import expected_documents
from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.documents.rules import check_conclusion
from curator_desktop.domain.documents.status import history, status_as_of
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.documents import review_problems
from curator_desktop.services.exchange.merge.rules import RULES

D = dt.date
UNMET = [CriterionMark("monitoring_planned", "not_meets", "")]


def test_accepting_over_an_unmet_criterion_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        check_conclusion("accept", UNMET)
    check_conclusion("accept", UNMET, accept_reason="Мониторинг в другой программе")
    check_conclusion("accept", [CriterionMark("monitoring_planned", "partly")])
    with pytest.raises(ValidationError):
        check_conclusion("revise", UNMET)  # no deadline
    with pytest.raises(ValidationError):
        check_conclusion(
            "revise", UNMET, revision_deadline=D(2026, 3, 1), reviewed_on=D(2026, 4, 1)
        )
    with pytest.raises(ValidationError):
        check_conclusion("accept", [CriterionMark("x", "great")])


def test_an_imported_review_meets_the_same_rule() -> None:
    record = {
        "document_type": "concept",
        "conclusion": "accept",
        "criteria": {"monitoring_planned": {"value": "not_meets", "comment": ""}},
    }
    assert "accept_reason" in review_problems(record)
    assert "accept_reason" in RULES["document_review"](record)
    assert review_problems({**record, "accept_reason": "причина"}) == {}
    for table in ("school_document", "document_version", "confirmation_document"):
        assert table in RULES
    assert "kind" in RULES["school_document"]({"kind": "poem", "year": 2026})


def test_expected_documents_and_identity() -> None:
    assert [(e.kind, e.factor_code) for e in expected_documents("500plus", ["R10", "R01"])] == [
        ("concept", None),
        ("medium_term_programme", None),
        ("antirisk_programme", "R01"),
        ("antirisk_programme", "R10"),
    ]
    minpros = expected_documents("minpros_school", ["R01"])
    assert [(e.kind, e.factor_code) for e in minpros] == [("development_programme", None)]
    assert document_id("s", 2026, "concept", None) == document_id("s", 2026, "concept", "")
    assert document_id("s", 2026, "concept", None) != document_id("s", 2027, "concept", None)


def _version(vid: str, number: int, received: dt.date, uploaded: dt.date | None = None):  # type: ignore[no-untyped-def]
    return VersionRecord(vid, "d", number, received, "", "", None, "", "", 0, "", uploaded)


def _review(vid: str, started: dt.date, concluded: dt.date | None, conclusion: str | None,
            deadline: dt.date | None = None) -> ReviewRecord:  # fmt: skip
    return ReviewRecord(
        f"r-{vid}", "d", vid, "s", "concept", None, "", "", started, concluded, (), (),
        conclusion, deadline, "", "", None,
    )  # fmt: skip


def test_status_through_time_and_overdue() -> None:
    versions = [_version("v1", 1, D(2026, 3, 10)), _version("v2", 2, D(2026, 4, 8), D(2026, 4, 20))]
    reviews = [
        _review("v1", D(2026, 3, 12), D(2026, 3, 20), "revise", D(2026, 4, 1)),
        _review("v2", D(2026, 4, 9), D(2026, 4, 14), "accept"),
    ]
    events = history(versions, reviews)
    assert status_as_of(events, D(2026, 3, 1)).status == DocumentStatus.MISSING
    assert status_as_of(events, D(2026, 3, 11)).status == DocumentStatus.RECEIVED
    assert status_as_of(events, D(2026, 3, 15)).status == DocumentStatus.UNDER_REVIEW
    returned = status_as_of(events, D(2026, 3, 25))
    assert returned.status == DocumentStatus.REVISION and not returned.overdue
    assert status_as_of(events, D(2026, 4, 5)).overdue
    assert status_as_of(events, D(2026, 4, 15)).status == DocumentStatus.ACCEPTED
    final = status_as_of(events, None)
    assert final.status == DocumentStatus.UPLOADED and final.medk_uploaded_on == D(2026, 4, 20)
