"""Typed change notices: one kind per kind of record a page can show."""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.changes import ALL_CHANGES, NO_CHANGES, Change, changes
from curator_desktop.domain.reports.records import ReportRecord


def _record(kind: str, visit_id: str | None) -> ReportRecord:
    return ReportRecord(
        id="r1",
        kind=kind,
        title="",
        subject="",
        visit_id=visit_id,
        school_id="s1",
        year=2026,
        period_from=None,
        period_to=None,
        language="ru",
        version=1,
        document_number="СП-2026-0001",
        generated_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        file_sha256="",
        data_sha256="",
    )


def test_every_kind_is_a_string_and_all_holds_every_kind() -> None:
    assert Change.SCHOOLS == "schools" and str(Change.ROADMAPS) == "roadmaps"
    assert {c.value for c in Change} >= {
        "schools",
        "visits",
        "recommendations",
        "risks",
        "reports",
        "roadmaps",
        "exchange",
        "profile",
        "backups",
    }
    assert frozenset(Change) == ALL_CHANGES and not NO_CHANGES
    assert changes(Change.SCHOOLS, Change.BACKUPS) == frozenset({Change.SCHOOLS, Change.BACKUPS})


def test_a_report_changes_the_reports_and_a_visit_report_its_visit() -> None:
    assert _record("visit", "v1").changes == {Change.REPORTS, Change.VISITS}
    assert _record("protocol", None).changes == {Change.REPORTS}
    assert _record("interim", None).changes == {Change.REPORTS}
