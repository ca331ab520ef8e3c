"""The totals across the schools of a period report: an overview per school, then visits by
type, recommendations by state, documents by conclusion, schools by activated direction, the
monitoring stages held, and in the final report the changes of risk levels — at verification
against the questionnaires, and on the «as of» day against verification — summed over the lines
of the schools' risk tables."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from curator_desktop.domain.enums import ReviewConclusion
from curator_desktop.i18n import _, format_date, pgettext
from curator_desktop.services.reports.form.layout import (
    SANS,
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.columns import (
    header_widths,
    lead,
    none_line,
    word_room,
)
from curator_desktop.services.reports.period.data import PeriodReportData
from curator_desktop.services.reports.period.parts import state_label

FIGURES_LABEL, FIGURES_VALUE = 220.0, 70.0
"""Column widths of the small tables of figures."""
CHANGE_WIDTHS = (150.0, 140.0, 140.0)
"""Column widths of the table of risk level changes."""
TOTALS_START = 200.0


def _bold_row(values: list[str]) -> list[Any]:
    style = ParagraphStyle("total", parent=report_styles().table_cell, fontName=SANS + " Bold")
    return [para(v, style) for v in values]


def _figures(header: list[str], rows: list[list[Any]]) -> Flowable:
    """A small table of label → figure."""
    widths = [max(FIGURES_LABEL, word_room(header[0])), max(FIGURES_VALUE, word_room(header[1]))]
    return data_table([header, *rows], widths)


def _overview(data: PeriodReportData) -> Flowable:
    """Per school: status, visits held, recommendations given / done / overdue, directions."""
    headers = [
        "№",
        _("School"),
        _("Status"),
        _("Visits held"),
        _("Recommendations given"),
        state_label("done"),
        state_label("overdue"),
        _("Activated directions"),
    ]
    rows: list[list[Any]] = [headers]
    for number, section in enumerate(data.schools, start=1):
        codes = ", ".join(line.code for line in section.risks.activated)
        if not section.keeps_risk_profile:  # «Школа Минпросвещения»: no risk directions
            codes = pgettext("activated directions", "not applicable")
        elif not (section.risks.current and codes):
            codes = "—"
        rows.append(
            [
                str(number),
                section.school.short_name,
                section.status_label,
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
                "",
                str(totals.visit_total),
                str(totals.recommendations_given),
                str(totals.recommendations_done),
                str(totals.recommendations_overdue),
                "",
            ]
        )
    )
    widths = [18.0, 0.0, 52.0, 40.0, 40.0, 46.0, 46.0, 66.0]
    return data_table(rows, header_widths(headers, widths, flexible=1))


def _visits_by_type(data: PeriodReportData) -> list[Flowable]:
    totals = data.totals
    if not totals.visits:
        return none_line(_("No visits were held in the period."))
    rows: list[list[Any]] = [[label, str(count)] for _type, label, count in totals.visits]
    rows.append(_bold_row([_("Total"), str(totals.visit_total)]))
    return [_figures([_("Visit type"), _("Visits")], rows)]


def _recommendation_totals(data: PeriodReportData) -> Flowable:
    totals = data.totals
    header = [
        _("State on {date}").format(date=format_date(data.as_of, "short")),
        _("Recommendations"),
    ]
    rows: list[list[Any]] = [
        [state_label("done"), str(totals.recommendations_done)],
        [state_label("overdue"), str(totals.recommendations_overdue)],
        [state_label("open"), str(totals.recommendations_open)],
        [state_label("cancelled"), str(totals.recommendations_cancelled)],
        _bold_row([_("Given in the period"), str(totals.recommendations_given)]),
    ]
    return _figures(header, rows)


def _document_totals(data: PeriodReportData) -> Flowable:
    totals = data.totals
    rows: list[list[Any]] = [
        [ReviewConclusion.ACCEPT.label, str(totals.documents_accepted)],
        [ReviewConclusion.REVISE.label, str(totals.documents_to_revise)],
        [_("Under review"), str(totals.documents_under_review)],
    ]
    return _figures([_("Conclusion on the latest version"), _("Documents")], rows)


def _directions(data: PeriodReportData) -> list[Flowable]:
    styles = report_styles()
    if not data.totals.directions:
        return none_line(_("No school has activated a risk direction."))
    headers = [_("Risk direction"), _("Schools"), _("Which schools")]
    rows: list[list[Any]] = [headers]
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
    widths = header_widths(headers, [190.0, 46.0, 0.0], flexible=2)
    return [data_table(rows, widths, zebra=True)]


def _risk_changes(data: PeriodReportData) -> list[Flowable]:
    """The lines of the schools' risk tables counted per change; each column adds up to them."""
    totals = data.totals
    if not totals.profiles:
        return none_line(_("No school has a risk profile of the cycle year."))
    verification, since = totals.level_changes
    headers = [
        _("Change of the level"),
        _("At verification against the questionnaires"),
        _("On {date} against verification").format(date=format_date(data.as_of, "short")),
    ]
    rows: list[list[Any]] = [headers]
    for label, first, second in (
        (_("Lowered"), verification.lower, since.lower),
        (_("Raised"), verification.higher, since.higher),
        (_("Unchanged"), verification.same, since.same),
        (_("Not verified"), verification.unverified, since.unverified),
    ):
        rows.append([label, str(first), str(second)])
    rows.append(_bold_row([_("Total"), str(verification.total), str(since.total)]))
    lead_text = _(
        "Factors in the schools' tables of the cycle year {year}: {n}; schools: {schools}."
    ).format(year=data.year, n=verification.total, schools=totals.profiles)
    widths = [max(w, word_room(h)) for h, w in zip(headers, CHANGE_WIDTHS, strict=True)]
    return [lead(lead_text), data_table(rows, widths)]


def _stages(data: PeriodReportData) -> list[Flowable]:
    if not data.totals.stages:
        return none_line(_("No stage of the monitoring was held in the period."))
    rows: list[list[Any]] = [[label, str(n)] for label, n in data.totals.stages]
    return [_figures([_("Monitoring stage"), _("Schools")], rows)]


def totals_titles(number: int, kind: str = "interim") -> list[str]:
    """The headings of the totals, numbered after the ``number - 1`` schools."""
    titles = [
        _("{n}. Totals across the schools").format(n=number),
        _("Visits by type"),
        _("Recommendations"),
        _("Documents"),
        _("Schools by activated risk direction"),
        _("Monitoring of positive changes"),
    ]
    if kind == "final":
        titles.append(_("Risk levels: questionnaires, verification, now"))
    return titles


def totals_story(data: PeriodReportData, number: int) -> list[Flowable]:
    """The totals' flowables."""
    styles = report_styles()
    sub = styles.subheading
    heading, visits, recommendations, documents, directions, stages, *risks = totals_titles(
        number, data.kind
    )
    story: list[Flowable] = [
        CondPageBreak(TOTALS_START),
        para(heading, styles.heading),
        _overview(data),
        KeepTogether([para(visits, sub), *_visits_by_type(data)]),
        KeepTogether([para(recommendations, sub), _recommendation_totals(data)]),
        KeepTogether([para(documents, sub), _document_totals(data)]),
        CondPageBreak(120),
        para(directions, sub),
        *_directions(data),
        KeepTogether([para(stages, sub), *_stages(data)]),
    ]
    if risks:
        story.append(KeepTogether([para(risks[0], sub), *_risk_changes(data)]))
    return story
