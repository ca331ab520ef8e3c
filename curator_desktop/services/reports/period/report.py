"""«Промежуточный / итоговый отчёт куратора»: the curator's work over a period across the
assigned schools (or a selection) — per school the visits held, verified risks and activated
directions, the state of the documents, recommendations given / done / overdue, positive changes
and problems noted — then totals across the schools and the curator's signature.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    SANS,
    build_pdf,
    data_table,
    para,
    para_markup,
    report_styles,
    signature_block,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.period.data import PeriodReportData, collect
from curator_desktop.services.reports.period.parts import state_label
from curator_desktop.services.reports.period.school import school_story
from curator_desktop.services.reports.period.school import (
    section_titles as school_section_titles,
)
from curator_desktop.services.reports.protocol.report import curator_line, label_table

__all__ = [
    "PeriodReportData",
    "collect",
    "describe",
    "render",
    "school_section_titles",
    "story",
    "totals_titles",
]

FIGURES_LABEL, FIGURES_VALUE = 200.0, 70.0
"""Column widths of the small tables of figures."""


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
    schools = data.totals.schools
    rows: list[list[Any]] = [
        [_("Region"), data.region or "—"],
        [_("Curator"), curator_line(data.curator) or "—"],
        [_("Period"), _period(data, "long")],
        [
            _("Schools"),
            ngettext("{n} school", "{n} schools", schools).format(n=schools),
        ],
    ]
    return label_table(rows)


def _bold_row(values: list[str]) -> list[Any]:
    style = ParagraphStyle("total", parent=report_styles().table_cell, fontName=SANS + " Bold")
    return [para(v, style) for v in values]


def _overview(data: PeriodReportData) -> Flowable:
    """Per school: visits held, recommendations given / done / overdue, activated directions."""
    rows: list[list[Any]] = [
        [
            "№",
            _("School"),
            _("Visits held"),
            _("Recommendations given"),
            state_label("done"),
            state_label("overdue"),
            _("Activated directions"),
        ]
    ]
    for number, section in enumerate(data.schools, start=1):
        codes = ", ".join(line.code for line in section.risks.activated) or "—"
        rows.append(
            [
                str(number),
                section.school.short_name,
                str(section.visit_total),
                str(len(section.recommendations)),
                str(section.recommendations_in("done")),
                str(section.recommendations_in("overdue")),
                codes,
            ]
        )
    totals = data.totals
    rows.append(
        _bold_row(
            [
                "",
                _("Total"),
                str(totals.visit_total),
                str(totals.recommendations_given),
                str(totals.recommendations_done),
                str(totals.recommendations_overdue),
                "",
            ]
        )
    )
    widths = [20.0, 0.0, 50.0, 80.0, 56.0, 56.0, 80.0]
    widths[1] = CONTENT_WIDTH - sum(widths)
    return data_table(rows, widths)


def _visits_by_type(data: PeriodReportData) -> list[Flowable]:
    totals = data.totals
    if not totals.visits:
        return [para(_("No visits were held in the period."), report_styles().small)]
    rows: list[list[Any]] = [[_("Visit type"), _("Visits")]]
    rows += [[label, str(count)] for _type, label, count in totals.visits]
    rows.append(_bold_row([_("Total"), str(totals.visit_total)]))
    return [data_table(rows, [FIGURES_LABEL, FIGURES_VALUE])]


def _recommendation_totals(data: PeriodReportData) -> Flowable:
    totals = data.totals
    rows: list[list[Any]] = [[_("State at the end of the period"), _("Recommendations")]]
    rows += [
        [state_label("done"), str(totals.recommendations_done)],
        [state_label("overdue"), str(totals.recommendations_overdue)],
        [state_label("open"), str(totals.recommendations_open)],
        [state_label("cancelled"), str(totals.recommendations_cancelled)],
    ]
    rows.append(_bold_row([_("Given in the period"), str(totals.recommendations_given)]))
    return data_table(rows, [FIGURES_LABEL, FIGURES_VALUE])


def _document_totals(data: PeriodReportData) -> Flowable:
    totals = data.totals
    rows: list[list[Any]] = [
        [_("Conclusion on the latest version"), _("Documents")],
        [_("Accepted"), str(totals.documents_accepted)],
        [_("Returned for revision"), str(totals.documents_to_revise)],
    ]
    return data_table(rows, [FIGURES_LABEL, FIGURES_VALUE])


def _directions(data: PeriodReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.totals.directions:
        return [para(_("No school has activated a risk direction."), styles.small)]
    rows: list[list[Any]] = [[_("Risk direction"), _("Schools"), _("Which schools")]]
    for direction in data.totals.directions:
        rows.append(
            [
                para_markup(
                    f"<b>{escape(direction.code)}</b> {escape(direction.name)}", styles.table_cell
                ),
                str(len(direction.schools)),
                "; ".join(direction.schools),
            ]
        )
    return [data_table(rows, [190.0, 46.0, CONTENT_WIDTH - 236.0], zebra=True)]


def totals_titles(number: int) -> list[str]:
    """The headings of the totals, numbered after the ``number - 1`` schools."""
    return [
        _("{n}. Totals across the schools").format(n=number),
        _("Visits by type"),
        _("Recommendations"),
        _("Documents"),
        _("Schools by activated risk direction"),
    ]


def _totals(data: PeriodReportData, number: int) -> list[Flowable]:
    styles = report_styles()
    sub = styles.subheading
    heading, visits, recommendations, documents, directions = totals_titles(number)
    # The last table stays with the signature: a signature alone on a page proves nothing.
    closing = [
        para(directions, sub),
        *_directions(data),
        Spacer(1, 18),
        signature_block([(_("Curator"), data.curator.full_name)]),
    ]
    return [
        CondPageBreak(200),
        para(heading, styles.heading),
        _overview(data),
        KeepTogether([para(visits, sub), *_visits_by_type(data)]),
        KeepTogether([para(recommendations, sub), _recommendation_totals(data)]),
        KeepTogether([para(documents, sub), _document_totals(data)]),
        KeepTogether(closing),
    ]


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
        result.extend(school_story(number, section, data.date_to))
    result.extend(_totals(data, len(data.schools) + 1))
    return result


def render(data: PeriodReportData, target: Path, meta: ReportMeta, *, image_cache: Path) -> Written:
    """Write the report to ``target``; return its pages and SHA-256 (``image_cache`` is unused: the
    report has no photos)."""
    del image_cache
    return build_pdf(target, meta, story(data))
