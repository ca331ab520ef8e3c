"""One school's part of the curator's period report, as reportlab flowables: visits held,
verified risks and activated directions, documents, recommendations, and what was noted."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.data import Note, SchoolSection

BLOCK_START = 70.0
"""Points a subheading needs below it on the page, else it starts the next one."""
SCHOOL_START = 160.0
"""The same for a school's heading."""


def muted_cell() -> ParagraphStyle:
    """The table cell style in the muted colour."""
    styles = report_styles()
    return ParagraphStyle("muted-cell", parent=styles.table_cell, textColor=styles.muted.textColor)


def _short(day: dt.date | None) -> str:
    return format_date(day, "short")


def _block(title: str, content: list[Flowable]) -> list[Flowable]:
    """A subheading and its content; the subheading never ends a page alone."""
    return [CondPageBreak(BLOCK_START), para(title, report_styles().subheading), *content]


def _none(text: str) -> list[Flowable]:
    return [para(text, report_styles().small)]


def _visits(section: SchoolSection) -> list[Flowable]:
    if not section.visits:
        return _none(_("No visits were held in the period."))
    rows: list[list[Any]] = [[_("Visit type"), _("Visits"), _("Dates")]]
    for count in section.visits:
        rows.append([count.label, str(count.count), ", ".join(_short(day) for day in count.dates)])
    return [data_table(rows, [110.0, 50.0, CONTENT_WIDTH - 160.0])]


def _risks(section: SchoolSection) -> list[Flowable]:
    styles = report_styles()
    risks = section.risks
    if risks.year is None:
        return _none(_("The school has no risk profile."))
    summary = _(
        "Cycle year {year}: {verified} of {total} factors verified, {rejected} not confirmed."
    ).format(year=risks.year, verified=risks.verified, total=risks.factors, rejected=risks.rejected)
    story: list[Flowable] = [para(summary, styles.small), Spacer(1, 3)]
    if not risks.lines:
        return [*story, *_none(_("The verification kept no risk."))]
    rows: list[list[Any]] = [
        [
            _("Risk factor"),
            _("Questionnaire level"),
            _("Level after verification"),
            _("Activated as a direction"),
        ]
    ]
    for line in risks.lines:
        rows.append(
            [
                para_markup(f"<b>{escape(line.code)}</b> {escape(line.name)}", styles.table_cell),
                line.questionnaire_label,
                line.level_label,
                _("yes") if line.activated else "—",
            ]
        )
    story.append(data_table(rows, [CONTENT_WIDTH - 250.0, 80.0, 90.0, 80.0]))
    activated = ", ".join(f"{line.code} {line.name}" for line in risks.activated)
    story.append(Spacer(1, 3))
    story.append(
        para(_("Activated directions: {list}.").format(list=activated or _("none")), styles.small)
    )
    return story


def _documents(section: SchoolSection) -> list[Flowable]:
    if not section.documents:
        return _none(_("No documents were reviewed by the end of the period."))
    muted = muted_cell()
    rows: list[list[Any]] = [
        [_("Document"), _("Version"), _("Reviewed"), _("Conclusion"), _("Revision deadline")]
    ]
    for doc in section.documents:
        title = doc.title if doc.title != doc.type_label else doc.type_label
        version = doc.version or "—"
        if doc.versions > 1:
            version = _("{version} (reviews: {n})").format(version=version, n=doc.versions)
        deadline: Any = _short(doc.revision_deadline) if doc.revision_deadline else "—"
        if doc.revision_overdue:
            deadline = para_markup(
                f"{escape(deadline)}<br/><b>{escape(_('overdue'))}</b>", report_styles().table_cell
            )
        rows.append(
            [
                title,
                version,
                _short(doc.reviewed_on),
                doc.conclusion_label if doc.conclusion else para(doc.conclusion_label, muted),
                deadline,
            ]
        )
    return [data_table(rows, [CONTENT_WIDTH - 270.0, 60.0, 60.0, 80.0, 70.0])]


def _recommendations(section: SchoolSection, date_to: dt.date) -> list[Flowable]:
    styles = report_styles()
    if not section.recommendations:
        return _none(_("No recommendations were given in the period."))
    counts = _(
        "Given: {given}; done: {done}; overdue: {overdue}; in progress: {open}; "
        "cancelled: {cancelled}."
    ).format(
        given=len(section.recommendations),
        done=section.recommendations_in("done"),
        overdue=section.recommendations_in("overdue"),
        open=section.recommendations_in("open"),
        cancelled=section.recommendations_in("cancelled"),
    )
    state_header = _("State on {date}").format(date=_short(date_to))
    rows: list[list[Any]] = [
        [_("Given on"), _("Recommendation"), _("Responsible"), _("Deadline"), state_header]
    ]
    bold = ParagraphStyle("bold-cell", parent=styles.table_cell, fontName="PT Sans Bold")
    for rec in section.recommendations:
        text = f"{rec.factor_code}. {rec.text}" if rec.factor_code else rec.text
        state: Any = rec.state_label
        if rec.state == "overdue":
            state = para(rec.state_label, bold)
        elif rec.closed_on:
            state = f"{rec.state_label}, {_short(rec.closed_on)}"
        rows.append(
            [_short(rec.given_on), text, rec.responsible or "—", _short(rec.deadline), state]
        )
    table = data_table(rows, [52.0, CONTENT_WIDTH - 294.0, 110.0, 52.0, 80.0], zebra=True)
    return [para(counts, styles.small), Spacer(1, 3), table]


def _notes(notes: tuple[Note, ...]) -> list[Flowable]:
    """One paragraph per visit: «date, visit type.» then its labelled answers and quotes."""
    styles = report_styles()
    style = ParagraphStyle("note", parent=styles.small, leftIndent=8, spaceAfter=2)
    story: list[Flowable] = []
    groups: list[tuple[tuple[dt.date, str], list[Note]]] = []
    for note in notes:
        key = (note.date, note.visit_label)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(note)
        else:
            groups.append((key, [note]))
    for (day, visit_label), items in groups:
        parts = []
        for note in items:
            text = f"<i>«{escape(note.text)}»</i>" if note.quoted else escape(note.text)
            label = f"{escape(note.label)}: " if note.label else ""
            parts.append(f"{label}{text}")
        lead = escape(f"{_short(day)}, {visit_label.lower()}.")
        story.append(para_markup(f"<b>{lead}</b> " + " ".join(_sentence(p) for p in parts), style))
    return story


def _sentence(text: str) -> str:
    """``text`` ending with a full stop unless it ends with punctuation or a quote already."""
    return text if text.endswith(("»</i>", ".", "!", "?", "…")) else text + "."


def section_titles() -> list[str]:
    """The subheadings of every school's part, in the current language."""
    return [
        _("Visits held"),
        _("Verified risks and activated directions"),
        _("Documents"),
        _("Recommendations"),
        _("Positive changes noted"),
        _("Problems"),
    ]


def school_story(number: int, section: SchoolSection, date_to: dt.date) -> list[Flowable]:
    """The flowables of one school's part, headed «number. school»."""
    styles = report_styles()
    school = section.school
    facts = [school.full_name, school.municipality, school.programme]
    if school.inn:
        facts.append(_("INN {inn}").format(inn=school.inn))
    story: list[Flowable] = [
        CondPageBreak(SCHOOL_START),
        para(f"{number}. {school.short_name}", styles.heading),
        para(", ".join(f for f in facts if f), styles.small),
    ]
    visits, risks, documents, recommendations, positive, problems = section_titles()
    story += _block(visits, _visits(section))
    story += _block(risks, _risks(section))
    story += _block(documents, _documents(section))
    story += _block(recommendations, _recommendations(section, date_to))
    for title, notes, empty in (
        (positive, section.positive, _("No positive changes were recorded.")),
        (problems, section.problems, _("No problems were recorded.")),
        (_("Findings on risk factors"), section.findings, None),
    ):
        if notes:
            story.extend(_block(title, _notes(notes)))
        elif empty:
            story.extend(_block(title, _none(empty)))
    return story
