"""«Промежуточный / итоговый отчёт куратора»: the curator's work over a period across the
assigned schools (or a selection), as of the earlier of the period's end and the day it is made.

The interim report (June) tells the progress and the first monitoring stage: per school the
visits held, verified risks and activated directions, documents, recommendations and their
state, the first monitoring stage, positive changes and problems noted; then totals and the
curator's conclusions. The final report (December) compares the start and the end: risk levels
at verification and now, the antirisk programmes of the activated directions, every monitoring
stage, recommendations fulfilled; then totals, best practices, conclusions and proposals for the
next year. Both end with «Отчёт составил(а)» and, when asked for, «Согласовано».
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.services.reports.form.layout import build_pdf, para, report_styles
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.period.closing import closing_story, closing_titles
from curator_desktop.services.reports.period.data import PeriodReportData, collect
from curator_desktop.services.reports.period.events_part import events_story
from curator_desktop.services.reports.period.events_part import numbered_title as events_title
from curator_desktop.services.reports.period.school import (
    school_heading,
    school_story,
)
from curator_desktop.services.reports.period.school import (
    section_titles as school_section_titles,
)
from curator_desktop.services.reports.period.summary import totals_story, totals_titles
from curator_desktop.services.reports.protocol.report import curator_line, label_table

__all__ = [
    "PeriodReportData",
    "collect",
    "describe",
    "headings",
    "render",
    "school_section_titles",
    "story",
    "totals_titles",
]


def _title(kind: str) -> str:
    return (ReportKind.FINAL if kind == "final" else ReportKind.INTERIM).label


def _period(data: PeriodReportData, fmt: str = "short") -> str:
    return f"{format_date(data.date_from, fmt)} – {format_date(data.date_to, fmt)}"


def describe(data: PeriodReportData) -> tuple[str, str]:
    """The report's title and running-header subject (the period, and the curator)."""
    subject = _period(data)
    if data.curator.full_name:
        subject = f"{subject}, {data.curator.full_name}"
    return _title(data.kind), subject


def _general(data: PeriodReportData) -> Flowable:
    totals = data.totals
    schools = ngettext(
        "{n} school, of them taking part in the programme: {active}",
        "{n} schools, of them taking part in the programme: {active}",
        totals.schools,
    ).format(n=totals.schools, active=totals.taking_part)
    rows: list[list[Any]] = [
        [_("Region"), data.region or "—"],
        [_("Curator"), curator_line(data.curator) or "—"],
        [_("Period"), _period(data, "long")],
        [_("State as of"), format_date(data.as_of)],
        [_("Schools"), schools],
    ]
    return label_table(rows)


def _numbered(number: int, title: str) -> str:
    return f"{number}. {title}"


def headings(data: PeriodReportData) -> list[str]:
    """Every heading and subheading the report prints, in the current language."""
    result: list[str] = []
    for number, section in enumerate(data.schools, start=1):
        result.append(school_heading(number, section))
        result += school_section_titles(data.kind)
    totals_number = len(data.schools) + 1
    result += totals_titles(totals_number, data.kind)
    result.append(events_title(totals_number + 1))
    for offset, title in enumerate(closing_titles(data.kind), start=2):
        result.append(_numbered(totals_number + offset, title))
    return result


def story(data: PeriodReportData) -> list[Flowable]:
    """The report's content, for :func:`layout.build_pdf`."""
    styles = report_styles()
    title, _subject = describe(data)
    period = _("for the period from {start} to {end}").format(
        start=format_date(data.date_from), end=format_date(data.date_to)
    )
    result: list[Flowable] = [para(title, styles.title), para(period, styles.subtitle)]
    result.append(_general(data))
    if not data.schools:
        result.append(para(_("No schools are included in the report."), styles.body))
    for number, section in enumerate(data.schools, start=1):
        result.extend(school_story(number, section, data))
    totals_number = len(data.schools) + 1
    result.extend(totals_story(data, totals_number))
    result.extend(events_story(data.events, totals_number + 1))
    result.extend(closing_story(data, totals_number + 2))
    return result


def render(data: PeriodReportData, target: Path, meta: ReportMeta, *, image_cache: Path) -> Written:
    """Write the report to ``target``; return its pages and SHA-256 (``image_cache`` is unused: the
    report has no photos). The PDF's author is the curator."""
    del image_cache
    meta = replace(meta, author=meta.author or data.curator.full_name)
    return build_pdf(target, meta, story(data))
