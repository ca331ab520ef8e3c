"""Helpers of the period report tests: render a curator's interim or final report of the demo
store on a fixed day, find a school, read the PDF's lines page by page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlmodel import col, select

from curator_desktop.services.reports.period import report as period_report
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School
from tests.services.reports.report_helpers import Rendered, render_pdf

YEAR_START, JUNE_END, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 12, 31)
RUN_DAY = dt.date(2026, 12, 7)
"""The day the reports are made: the final report's period ends after it."""
NUMBER = "ОК-2026-0001"


def render_period(
    db: Database,
    folder: Path,
    date_from: dt.date = YEAR_START,
    date_to: dt.date = YEAR_END,
    *,
    kind: str = "final",
    today: dt.date = RUN_DAY,
    **options: Any,
) -> Rendered:
    """The report as made on ``today`` (``options``: school_ids, conclusions, best_practices,
    approved_by)."""
    data = period_report.collect(db, date_from, date_to, kind=kind, today=today, **options)
    return render_pdf(
        period_report, data, folder, folder / "cache", kind=kind, document_number=NUMBER
    )


def school_named(db: Database, part: str) -> School:
    """The one school whose short name contains ``part``, detached."""
    with db.session() as session:
        school = session.exec(select(School).where(col(School.short_name).contains(part))).one()
        session.expunge(school)
    return school


def page_lines(path: Path) -> list[list[str]]:
    """Each page's non-empty text lines (whitespace collapsed), in drawing order: the running
    header first on later pages, the footer last."""
    return [
        [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
        for page in PdfReader(path).pages
    ]
